package org.myoflow.ui.editor.edit;

import org.myoflow.core.experiment.ParameterValues;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.model.ParameterValue;

/**
 * Conversion between a parameter's text in a form and the model's typed {@link ParameterValue}, with the
 * schema's range check, and the texts a form shows around a field (label with unit, range, default).
 *
 * @since 0.1
 */
public final class ParameterText {

    private ParameterText() {
    }

    /**
     * Converts text to the stored value of the parameter with core's parser ({@link ParameterSchema#parse(ParameterSpec,
     * String)}: numbers may end with the parameter's unit or the same unit with another SI prefix, converted; enum literals are case-insensitive, booleans accept
     * true/false, yes/no, 1/0), then refuses what a form cannot store: a number that is not finite, an enum literal
     * the parameter does not have.
     *
     * @throws IllegalArgumentException when the text is not a value of the parameter's type
     */
    public static ParameterValue parse(ParameterSpec spec, String text) {
        Object value = ParameterSchema.parse(spec, text);
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number");
        }
        if (spec.type() == ParameterType.ENUM && !spec.literals().contains(value)) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + spec.literals());
        }
        return ParameterValues.toModel(spec, value);
    }

    /**
     * What is wrong with the text as a value of the parameter (not convertible, or out of the schema's range), or
     * null when it is a valid value. An empty text is valid unless the parameter is required and has no default.
     */
    public static String problem(ParameterSpec spec, String text) {
        if (text == null || text.isBlank()) {
            return spec.required() && spec.defaultValue() == null ? "a value is required" : null;
        }
        ParameterValue pv;
        try {
            pv = parse(spec, text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Object v = ParameterValues.fromModel(pv);
        if (v instanceof Number n && !spec.inRange(n.doubleValue())) {
            return "value " + text.trim() + " is out of range " + spec.rangeText();
        }
        return null;
    }

    /** The text of a stored value (null gives ""). Whole numbers are written without a fraction. */
    public static String format(ParameterValue pv) {
        if (pv == null) {
            return "";
        }
        return valueText(ParameterValues.fromModel(pv));
    }

    /** The text of a canonical value (Double, Long, Boolean, String); null gives "". */
    public static String valueText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return String.valueOf(v);
    }

    /** Field label: the name and, for numbers, the unit ("duration (s)"). */
    public static String label(ParameterSpec spec) {
        return spec.name() + (spec.unit().isEmpty() ? "" : " (" + spec.unit() + ")");
    }

    /**
     * The hint under a field: the range for numbers ("[0, 100] dB") and the default ("default 20"), or
     * "required" when there is no default.
     */
    public static String hint(ParameterSpec spec) {
        StringBuilder sb = new StringBuilder();
        if ((spec.type() == ParameterType.NUMBER || spec.type() == ParameterType.INTEGER)
                && (!unbounded(spec, spec.min()) || !unbounded(spec, spec.max()))) {
            sb.append('[').append(unbounded(spec, spec.min()) ? "-inf" : valueText(spec.min())).append(", ")
                    .append(unbounded(spec, spec.max()) ? "inf" : valueText(spec.max())).append(']')
                    .append(spec.unit().isEmpty() ? "" : " " + spec.unit());
        }
        if (spec.defaultValue() != null) {
            if (sb.length() > 0) {
                sb.append("   ");
            }
            sb.append("default ").append(valueText(spec.defaultValue()));
            if (spec.type() == ParameterType.NUMBER && !spec.unit().isEmpty()) {
                sb.append(' ').append(spec.unit());
            }
        } else if (spec.required()) {
            if (sb.length() > 0) {
                sb.append("   ");
            }
            sb.append("required");
        }
        return sb.toString();
    }

    /** Whether a bound is no bound: infinite, or for integers the limit of the settings field's Java type. */
    private static boolean unbounded(ParameterSpec spec, double v) {
        return Double.isInfinite(v) || spec.type() == ParameterType.INTEGER && Math.abs(v) >= Integer.MAX_VALUE;
    }
}
