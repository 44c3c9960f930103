package org.myoflow.core.data;

import java.util.Objects;

/**
 * The type of a port. An input port accepts an output whose Java type is assignable to the input's Java type,
 * so third parties can add data types by implementing {@link Data} and declaring a new {@code DataType}.
 *
 * @param id          stable identifier used in descriptors, JSON and error messages (e.g. {@code signal})
 * @param javaType    the implementing class
 * @param description one line for users
 * @since 0.1
 */
public record DataType(String id, Class<? extends Data> javaType, String description) {

    public DataType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(javaType, "javaType");
    }

    /** Whether an output of type {@code produced} may be connected to an input of this type. */
    public boolean accepts(DataType produced) {
        return javaType.isAssignableFrom(produced.javaType);
    }

    @Override
    public String toString() {
        return id;
    }
}
