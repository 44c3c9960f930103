package org.myoflow.cli.internal;

/** Exit codes of the headless runner (see the README). */
public final class ExitCodes {

    public static final int OK = 0;
    /** Usage error or invalid pipeline. */
    public static final int INVALID = 2;
    /** Bad input data. */
    public static final int BAD_DATA = 3;
    /** A step failed. */
    public static final int STEP_FAILED = 4;
    /** Cancelled (Ctrl-C). */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
