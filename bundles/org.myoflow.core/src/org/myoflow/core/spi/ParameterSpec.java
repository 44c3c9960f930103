package org.myoflow.core.spi;

import java.util.List;

/**
 * The schema of one parameter.
 *
 * @param name         name used in files, {@code --set node.name=value} and the GUI
 * @param type         stored type
 * @param unit         unit of a number ("" if dimensionless)
 * @param defaultValue default (Double, Long, Boolean, String enum literal, String, String path) or null if none
 * @param min          inclusive lower bound for numbers and integers (-inf if none)
 * @param max          inclusive upper bound for numbers and integers (+inf if none)
 * @param literals     allowed literals of an enum parameter, else empty
 * @param required     whether a value must be given
 * @param description  one sentence for users
 * @since 0.1
 */
public record ParameterSpec(String name, ParameterType type, String unit, Object defaultValue, double min,
        double max, List<String> literals, boolean required, String description) {

    public ParameterSpec {
        literals = List.copyOf(literals);
    }

    /** Whether a numeric value lies in [min, max]. */
    public boolean inRange(double v) {
        return v >= min && v <= max;
    }

    /** The range as text, e.g. "[1, 100] Hz". */
    public String rangeText() {
        return "[" + fmt(min) + ", " + fmt(max) + "]" + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String fmt(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
