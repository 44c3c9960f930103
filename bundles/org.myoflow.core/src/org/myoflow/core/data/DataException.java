package org.myoflow.core.data;

/**
 * Bad input data: a malformed file, a NaN, a wrong channel count. The message names what and where
 * (file, line, channel). The headless runner exits with code 3 on it.
 *
 * @since 0.1
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a line of a file (1-based line numbers). */
    public static DataException at(String file, int line, String reason) {
        return new DataException(file + ":" + line + ": " + reason);
    }
}
