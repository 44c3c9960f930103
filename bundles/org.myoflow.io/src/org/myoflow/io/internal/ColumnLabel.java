package org.myoflow.io.internal;

/**
 * A column label of a text table with its optional unit in brackets, e.g. {@code biceps [mV]}: one header line
 * carries both, so a table stays readable by spreadsheet tools that expect exactly one header row.
 *
 * @param label the label without the unit
 * @param unit  the unit, "" when none is given
 */
public record ColumnLabel(String label, String unit) {

    /** Parses a header cell: surrounding whitespace and double quotes are dropped, a trailing {@code [unit]} split off. */
    public static ColumnLabel parse(String cell) {
        String t = cell.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        int open = t.lastIndexOf('[');
        if (t.endsWith("]") && open > 0) {
            return new ColumnLabel(t.substring(0, open).strip(), t.substring(open + 1, t.length() - 1).strip());
        }
        return new ColumnLabel(t, "");
    }

    /** The header cell: {@code label [unit]}, or the bare label without a unit. */
    public String format() {
        return unit.isEmpty() ? label : label + " [" + unit + "]";
    }
}
