package org.myoflow.core.engine;

/**
 * Makes untrusted text (node ids, parameter values, names read from a file or the command line) safe to print on
 * one line: control characters appear as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}, and
 * {@link #quote(String)} cuts long text with "…", so that a file cannot forge output lines or flood a message.
 *
 * @since 0.3
 */
public final class Texts {

    /** How many characters of an offending text {@link #quote(String)} shows before cutting it. */
    public static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** The text with every control character escaped ({@code "null"} for null); nothing is cut. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = replacement(c);
            if (rep != null && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
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

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            case '\r':
                return "\\r";
            default:
                break;
        }
        // C0, DEL, C1, line/paragraph separators and the bidirectional overrides (which reorder printed text)
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
