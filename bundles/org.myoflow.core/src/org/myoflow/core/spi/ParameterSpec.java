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
 * @param appliesWhen  when the parameter has an effect (another parameter's values), or null if always
 * @param channelOf    name of the input port whose channel (or muscle) labels are the sensible values of this
 *                     string parameter, or null
 * @param model        whether the (string) value names a model in the model registry ({@link Param#model()})
 * @since 0.1
 */
public record ParameterSpec(String name, ParameterType type, String unit, Object defaultValue, double min,
        double max, List<String> literals, boolean required, String description, Condition appliesWhen,
        String channelOf, boolean model) {

    public ParameterSpec {
        literals = List.copyOf(literals);
    }

    /** A parameter that always applies and names no channel. */
    public ParameterSpec(String name, ParameterType type, String unit, Object defaultValue, double min, double max,
            List<String> literals, boolean required, String description) {
        this(name, type, unit, defaultValue, min, max, literals, required, description, null, null, false);
    }

    /**
     * Whether the parameter has an effect given the other parameters' resolved values (true when it always
     * applies or the controlling value is unknown).
     */
    public boolean applies(java.util.Map<String, Object> values) {
        if (appliesWhen == null || !values.containsKey(appliesWhen.parameter())) {
            return true;
        }
        return appliesWhen.values().contains(String.valueOf(values.get(appliesWhen.parameter())));
    }

    /**
     * The condition under which a parameter applies: another (enum or boolean) parameter has one of the values.
     *
     * @param parameter name of the controlling parameter
     * @param values    its values (enum literals, or "true"/"false") for which the parameter applies
     */
    public record Condition(String parameter, List<String> values) {

        public Condition {
            values = List.copyOf(values);
        }

        /** "model = FUGLEVAND_1993" or "mode in [A, B]". */
        @Override
        public String toString() {
            return parameter + (values.size() == 1 ? " = " + values.get(0) : " in " + values);
        }
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
