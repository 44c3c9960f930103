package org.myoflow.core.engine;

import org.myoflow.core.data.Excerpt;

/**
 * Makes untrusted text (node ids, parameter values, names read from a file or the command line) safe to print on
 * one line, so that a file cannot forge output lines or flood a message. The escaping is
 * {@link org.myoflow.core.data.Excerpt}'s (control characters as {@code \n}, {@code \t}, {@code \r} or {@code \xHH},
 * invisible ones as {@code \}{@code uHHHH}); {@link #quote(String)} cuts long text with "…".
 *
 * @since 0.3
 */
public final class Texts {

    /** How many characters of an offending text {@link #quote(String)} shows before cutting it. */
    public static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** The text with every control and invisible character escaped ({@code "null"} for null); nothing is cut. */
    public static String escape(String text) {
        return Excerpt.escape(text);
    }

    /**
     * The text escaped ({@link #escape}), cut after {@link #MAX_QUOTED} characters with "…", in single quotes:
     * how a message shows an offending value.
     */
    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String t = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) : text;
        if (t.length() < text.length() && Character.isHighSurrogate(t.charAt(t.length() - 1))) {
            t = t.substring(0, t.length() - 1);
        }
        return "'" + escape(t) + (t.length() < text.length() ? "…" : "") + "'";
    }

    /** A size in bytes in binary units, as messages print it: "512 bytes", "1.5 GiB", "more than 8 EiB". */
    public static String bytes(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
