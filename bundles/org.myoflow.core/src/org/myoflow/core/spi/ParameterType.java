package org.myoflow.core.spi;

/**
 * The stored types of parameters.
 *
 * @since 0.1
 */
public enum ParameterType {
    /** A real number with a unit. */
    NUMBER,
    /** A whole number. */
    INTEGER,
    BOOLEAN,
    /** One of a fixed set of literals. */
    ENUM,
    STRING,
    /** A file path; relative paths are relative to the experiment file. */
    FILE
}
