package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table of numbers with labelled rows and columns, e.g. scores per trial and muscle. The report shows it as a
 * table. Result file: the values (rows × columns); the sidecar holds the row and column labels.
 *
 * @param title   what the table shows (one line)
 * @param rows    row labels
 * @param columns column labels
 * @param values  row-major values, rows × columns (NaN where undefined)
 * @since 0.3
 */
public record ResultTable(String title, List<String> rows, List<String> columns, double[] values) implements Data {

    public ResultTable {
        title = title == null ? "" : title;
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        Objects.requireNonNull(values, "values");
        if (values.length != (long) rows.size() * columns.size()) {
            throw new IllegalArgumentException("table " + rows.size() + "x" + columns.size() + " needs "
                    + (long) rows.size() * columns.size() + " values, got " + values.length);
        }
        values = values.clone();
    }

    public double get(int row, int column) {
        return values[row * columns.size() + column];
    }

    /** The value at the row and column labels. */
    public double get(String row, String column) {
        int r = rows.indexOf(row);
        int c = columns.indexOf(column);
        if (r < 0 || c < 0) {
            throw new IllegalArgumentException("no cell (" + row + ", " + column + ") in table '" + title + "'");
        }
        return get(r, c);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public DataType type() {
        return DataTypes.TABLE;
    }

    @Override
    public NumericTable toTable() {
        return new NumericTable(rows.size(), columns.size(), values.clone());
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type().id());
        m.put("layout", "rows x columns");
        m.put("title", title);
        m.put("rows", new ArrayList<>(rows));
        m.put("columns", new ArrayList<>(columns));
        return m;
    }

    @Override
    public String digest() {
        return Digests.of(type(), toTable(), metadata());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultTable t && t.title.equals(title) && t.rows.equals(rows) && t.columns.equals(columns)
                && java.util.Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, rows, columns, java.util.Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "ResultTable[" + title + ", " + rows.size() + "x" + columns.size() + "]";
    }
}
