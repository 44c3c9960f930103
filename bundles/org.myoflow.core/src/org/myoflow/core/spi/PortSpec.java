package org.myoflow.core.spi;

import java.util.Objects;

import org.myoflow.core.data.DataType;

/**
 * A named, typed port of a step.
 *
 * @param name        port name, unique among the step's inputs (or outputs)
 * @param type        data type
 * @param optional    for inputs: whether the step runs without it
 * @param description one sentence for users
 * @since 0.1
 */
public record PortSpec(String name, DataType type, boolean optional, String description) {

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = Objects.requireNonNullElse(description, "");
    }
}
