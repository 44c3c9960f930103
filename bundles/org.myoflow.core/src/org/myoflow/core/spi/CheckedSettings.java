package org.myoflow.core.spi;

import java.util.List;

/**
 * Implemented by a settings class whose parameters constrain each other (e.g. a level that must not be below
 * a baseline). The engine calls {@link #check()} on the bound settings during validation, before any work, so
 * such mistakes are validation errors (exit code 2) naming the node and the parameter.
 *
 * @since 0.1
 */
public interface CheckedSettings {

    /** Problems with the combination of values; empty when consistent. */
    List<ParameterSchema.Problem> check();
}
