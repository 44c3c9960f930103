package org.myoflow.cli.internal;

import org.myoflow.run.RunOutcome;

/**
 * Exit codes of the headless runner (see the README); the mapping of outcomes to codes lives in
 * {@link RunOutcome.Status}, these are its values for the commands that do not run a pipeline.
 */
public final class ExitCodes {

    public static final int OK = RunOutcome.Status.OK.exitCode();
    /** Usage error or invalid pipeline. */
    public static final int INVALID = RunOutcome.Status.INVALID.exitCode();
    /** Bad input data. */
    public static final int BAD_DATA = RunOutcome.Status.BAD_DATA.exitCode();
    /** A step failed. */
    public static final int STEP_FAILED = RunOutcome.Status.STEP_FAILED.exitCode();
    /** Cancelled (Ctrl-C). */
    public static final int CANCELLED = RunOutcome.Status.CANCELLED.exitCode();

    private ExitCodes() {
    }
}
