package org.myoflow.ml;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major order: what goes into and comes out of {@link OnnxModel#run}.
 *
 * @param data  elements, row-major (not copied: do not change them afterwards)
 * @param shape dimensions, each at least 0; their product equals {@code data.length}
 * @since 0.1
 */
public record FloatTensor(float[] data, long[] shape) {

    public FloatTensor {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor dimensions must be >= 0, got " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, the data has " + data.length);
        }
    }

    /** A tensor of that shape over {@code data}. */
    public static FloatTensor of(float[] data, long... shape) {
        return new FloatTensor(data, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Element at a row-major flat index. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "float32" + Arrays.toString(shape) + (data.length <= 8 ? " " + Arrays.toString(data) : "");
    }
}
