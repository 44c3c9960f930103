package org.myoflow.core.data;

/**
 * Short, escaped excerpts of text read from files, for error messages. A parser that quotes what it could not
 * understand must never echo a whole line of an arbitrary file (a file parameter may point at any readable file, and
 * a message can end up in a shared log): it quotes at most {@link #MAX} characters, with control characters written
 * as {@code \n}, {@code \r}, {@code \t} or {@code \xHH} (and other invisible or non-printable characters as
 * {@code \}{@code uHHHH}), and a cut marked with {@code …}. A short, printable text is unchanged, so messages about
 * ordinary mistakes read as before.
 *
 * @since 0.3
 */
public final class Excerpt {

    /** The most characters of file content a message quotes. */
    public static final int MAX = 40;

    /** The most characters of a library's message (a parser's diagnostic) that a message passes on. */
    public static final int MAX_MESSAGE = 200;

    private Excerpt() {
    }

    /** At most {@link #MAX} characters of the text, escaped; "null" for null. */
    public static String of(String text) {
        return of(text, MAX);
    }

    /** The text escaped and cut to at most {@code max} characters of the original (then marked with …). */
    public static String of(String text, int max) {
        return escape(text, max, true);
    }

    /**
     * The whole text with control and invisible characters escaped as by {@link #of(String, int)}, but backslashes
     * kept as they are, so that escaping twice gives the same text (for messages whose parts are escaped once and
     * then again as a whole).
     */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE, false);
    }

    private static String escape(String text, int max, boolean backslash) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 8);
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (n == max) {
                sb.append('…');
                break;
            }
            char c = text.charAt(i);
            n++;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append(backslash ? "\\\\" : "\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(text, i)
                            || isInvisible(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        if (n == max) { // do not split a pair: the cut comes before it
                            sb.append('…');
                            return sb.toString();
                        }
                        sb.append(c).append(text.charAt(++i));
                        n++;
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@link #of(String)} in single quotes: {@code 'text'}. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }

    /** Labels read from a file (channel names) for a message: each as {@link #of(String)}, joined with ", ". */
    public static String list(java.util.Collection<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(of(l));
        }
        return sb.toString();
    }

    /**
     * A message of a library (an XML or JSON parser's diagnostic, which may quote the input) made safe to pass on:
     * escaped and cut to {@link #MAX_MESSAGE} characters.
     */
    public static String message(String text) {
        return of(text, MAX_MESSAGE);
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Characters that change how a terminal shows the text without being visible (bidi overrides, BOM). */
    private static boolean isInvisible(char c) {
        return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f
                || c == 0xfeff || c == 0x2028 || c == 0x2029;
    }
}
