package org.myoflow.core.spi;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversion between units that differ only by an SI prefix ({@code mm} and {@code m}, {@code kHz} and
 * {@code Hz}, {@code ms} and {@code s}, {@code µm}/{@code um} and {@code m}). Nothing else is converted: units with
 * different base units are incompatible.
 *
 * @since 0.2
 */
public final class Units {

    /** Prefixes and their powers of ten; "u" is accepted for micro (both µ signs too). */
    private static final Map<String, Integer> PREFIXES = Map.ofEntries(Map.entry("G", 9), Map.entry("M", 6),
            Map.entry("k", 3), Map.entry("c", -2), Map.entry("d", -1), Map.entry("m", -3), Map.entry("u", -6),
            Map.entry("\u00b5", -6), Map.entry("\u03bc", -6), Map.entry("n", -9), Map.entry("p", -12));

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S.*)?");

    private Units() {
    }

    /**
     * The factor that converts a value in {@code from} into {@code to} (value_to = value_from * factor), when both
     * are the same base unit with SI prefixes (or equal); empty when they are incompatible. The empty unit and
     * "1" both mean dimensionless.
     */
    public static OptionalDouble factor(String from, String to) {
        OptionalInt e = exponent(from, to);
        return e.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(pow10(e.getAsInt()));
    }

    /** The power of ten between two units that differ by an SI prefix, or empty. */
    private static OptionalInt exponent(String from, String to) {
        String f = normal(from);
        String t = normal(to);
        if (f.equals(t)) {
            return OptionalInt.of(0);
        }
        for (int i = 0; i <= 1 && i < f.length(); i++) {
            Integer pf = i == 0 ? Integer.valueOf(0) : PREFIXES.get(f.substring(0, i));
            if (pf == null) {
                continue;
            }
            String base = f.substring(i);
            if (base.isEmpty() || !t.endsWith(base)) {
                continue;
            }
            String tp = t.substring(0, t.length() - base.length());
            Integer pt = tp.isEmpty() ? Integer.valueOf(0) : PREFIXES.get(tp);
            if (pt != null) {
                return OptionalInt.of(pf - pt);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Converts {@code value} given in {@code from} into {@code to}.
     *
     * @throws IllegalArgumentException naming both units when they are incompatible
     */
    public static double convert(double value, String from, String to) {
        OptionalInt e = exponent(from, to);
        if (e.isEmpty()) {
            throw new IllegalArgumentException("unit '" + from + "' cannot be converted to the parameter's unit '"
                    + to + "'");
        }
        int k = e.getAsInt();
        // divide for negative powers: 5 / 1000 is the double nearest 0.005, 5 * 0.001 need not be
        return k == 0 ? value : k > 0 ? value * pow10(k) : value / pow10(-k);
    }

    /**
     * Parses "5", "5mm", "5 mm" or "2.5e-3 m" into a number in {@code unit}, converting SI prefixes.
     *
     * @throws NumberFormatException    when the text does not start with a number
     * @throws IllegalArgumentException when the unit is incompatible
     */
    public static double parse(String text, String unit) {
        String t = text.trim();
        Matcher m = NUMBER_WITH_UNIT.matcher(t);
        if (!m.matches()) {
            return Double.parseDouble(t); // Infinity, NaN and friends: refused later with their own message
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "" : m.group(2).trim();
        if (u.isEmpty() || u.equals(unit)) {
            return v;
        }
        return convert(v, u, unit);
    }

    private static String normal(String u) {
        String s = u == null ? "" : u.trim();
        return s.equals("1") ? "" : s;
    }

    private static double pow10(int e) {
        return Double.parseDouble("1e" + e);
    }
}
