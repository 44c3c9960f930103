package org.myoflow.io.internal;

import java.util.Arrays;

/**
 * Growable column-wise storage for the numeric rows of a text table, remembering the line each row came from so
 * that later checks (time axis) can still name the line.
 */
public final class ColumnBuffer {

    private final double[][] columns;
    private int[] lines;
    private int rows;

    public ColumnBuffer(int columnCount) {
        columns = new double[columnCount][1024];
        lines = new int[1024];
    }

    /** Appends one row; {@code values.length} must equal the column count. */
    public void add(int line, double[] values) {
        if (rows == lines.length) {
            int capacity = rows + (rows >> 1) + 16;
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], capacity);
            }
            lines = Arrays.copyOf(lines, capacity);
        }
        for (int c = 0; c < columns.length; c++) {
            columns[c][rows] = values[c];
        }
        lines[rows] = line;
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** A trimmed copy of one column. */
    public double[] column(int c) {
        return Arrays.copyOf(columns[c], rows);
    }

    /** The 1-based source line of each row. */
    public int[] lines() {
        return Arrays.copyOf(lines, rows);
    }
}
