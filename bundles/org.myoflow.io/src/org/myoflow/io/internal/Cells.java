package org.myoflow.io.internal;

import java.util.Locale;
import java.util.Set;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;

/**
 * Parses one number of a text table. Stricter than {@link Double#parseDouble}: Java's float suffixes
 * ({@code 1.5f}, {@code 2d}) are not numbers in a data file, and NaN or infinity, whether spelt the Java way
 * ({@code NaN}, {@code Infinity}) or the C/numpy way ({@code nan}, {@code inf}), are refused with the file, the
 * line and the column, because a gap in a recording must be handled by the user, not silently propagated.
 */
public final class Cells {

    private static final Set<String> NON_FINITE = Set.of("nan", "inf", "infinity", "1.#inf", "1.#qnan", "1.#ind");

    private Cells() {
    }

    public static double parse(String token, String file, int line, String column) {
        String t = token.strip();
        double v;
        try {
            if (t.isEmpty() || isJavaSuffix(t.charAt(t.length() - 1))) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            if (t.isEmpty()) {
                throw DataException.at(file, line, "empty value in column " + Excerpt.of(column));
            }
            String word = t.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (NON_FINITE.contains(word)) {
                String what = word.contains("inf") ? "infinite value" : "NaN";
                throw DataException.at(file, line, what + " in column " + Excerpt.of(column));
            }
            throw DataException.at(file, line, Excerpt.quoted(t) + " is not a number (column " + Excerpt.of(column)
                    + ")");
        }
        if (Double.isNaN(v)) {
            throw DataException.at(file, line, "NaN in column " + Excerpt.of(column));
        }
        if (Double.isInfinite(v)) {
            throw DataException.at(file, line, "infinite value in column " + Excerpt.of(column));
        }
        return v;
    }

    private static boolean isJavaSuffix(char c) {
        return c == 'd' || c == 'D' || c == 'f' || c == 'F';
    }
}
