package org.myoflow.ml;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The name, element type and shape of one model input or output. A dimension of {@value #DYNAMIC} is dynamic
 * (any size, e.g. the batch). Written {@code x float32[-1,6]}.
 *
 * @param name        tensor name as in the ONNX graph
 * @param elementType {@value #FLOAT32} or {@value #INT64}
 * @param shape       dimensions, {@value #DYNAMIC} for a dynamic one (copied)
 * @since 0.1
 */
public record TensorSpec(String name, String elementType, long[] shape) {

    /** 32-bit float elements. */
    public static final String FLOAT32 = "float32";
    /** 64-bit integer elements. */
    public static final String INT64 = "int64";
    /** A dimension of any size. */
    public static final long DYNAMIC = -1;

    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor needs a name");
        }
        if (!FLOAT32.equals(elementType) && !INT64.equals(elementType)) {
            throw new IllegalArgumentException("tensor '" + name + "': element type must be " + FLOAT32 + " or "
                    + INT64 + ", got '" + elementType + "'");
        }
        Objects.requireNonNull(shape, "shape");
        shape = shape.clone();
        for (long d : shape) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException("tensor '" + name + "': dimensions must be >= 0 or -1 (dynamic), got "
                        + Arrays.toString(shape));
            }
        }
    }

    /** A float32 tensor. */
    public static TensorSpec float32(String name, long... shape) {
        return new TensorSpec(name, FLOAT32, shape);
    }

    /** An int64 tensor. */
    public static TensorSpec int64(String name, long... shape) {
        return new TensorSpec(name, INT64, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} ({@value #DYNAMIC} when dynamic). */
    public long dim(int i) {
        return shape[i];
    }

    /**
     * Whether a tensor of this spec can stand where {@code other} is expected: same element type and rank, and each
     * dimension equal or dynamic on either side. Names are not compared.
     */
    public boolean accepts(TensorSpec other) {
        if (!elementType.equals(other.elementType) || shape.length != other.shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != other.shape[i] && shape[i] != DYNAMIC && other.shape[i] != DYNAMIC) {
                return false;
            }
        }
        return true;
    }

    /** The type and shape alone, e.g. {@code float32[-1,6]}. */
    public String typeAndShape() {
        return elementType + Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && elementType.equals(t.elementType)
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, elementType, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + typeAndShape();
    }
}
