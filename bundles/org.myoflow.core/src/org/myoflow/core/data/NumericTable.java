package org.myoflow.core.data;

import java.util.Arrays;

/**
 * A dense row-major table of doubles: the one exchange shape for result files ({@code .npy}).
 *
 * @param rows   number of rows
 * @param cols   number of columns
 * @param values row-major values, length rows × cols
 * @since 0.1
 */
public record NumericTable(int rows, int cols, double[] values) {

    public NumericTable {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative table shape " + rows + "x" + cols);
        }
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "table " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + values.length);
        }
    }

    public double get(int row, int col) {
        return values[row * cols + col];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericTable t && t.rows == rows && t.cols == cols && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericTable[" + rows + "x" + cols + "]";
    }
}
