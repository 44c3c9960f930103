package org.myoflow.cli.internal;

import java.math.BigDecimal;
import java.util.Locale;

import org.myoflow.core.engine.Texts;

/** {@code --max-memory SIZE}: bytes, or a number with k, m, g or t (powers of 1024, as in {@code -Xmx}). */
final class MemorySize {

    private MemorySize() {
    }

    /**
     * The size in bytes.
     *
     * @throws IllegalArgumentException with a message naming the text when it is not a positive size
     */
    static long parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && "kmgt".indexOf(t.charAt(t.length() - 2)) >= 0) {
            t = t.substring(0, t.length() - 1); // "2gb" like "2g"
        }
        int shift = 0;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not a size (e.g. 512m, 2g, 1.5g; k, m, g "
                    + "and t are powers of 1024)");
        }
        BigDecimal bytes = v.multiply(BigDecimal.valueOf(2).pow(shift));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not a size between 1 byte and 8 EiB");
        }
        return bytes.longValue();
    }

    /** Bytes in binary units ("1.5 GiB"): {@link Texts#bytes(long)}. */
    static String format(long bytes) {
        return Texts.bytes(bytes);
    }
}
