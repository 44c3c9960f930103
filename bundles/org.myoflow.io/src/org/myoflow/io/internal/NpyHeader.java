package org.myoflow.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;

/**
 * The header dictionary of a {@code .npy} file (NumPy Enhancement Proposal 1, {@code numpy.lib.format}): a Python
 * literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. A tiny parser for exactly
 * that literal subset (quoted strings, True/False, tuples of integers) rather than a general evaluator: it is
 * all numpy writes, and anything else is a malformed file whose error must name the byte.
 *
 * @param descr        dtype string, e.g. {@code <f8}
 * @param byteOrder    '<' little-endian, '>' big-endian, '|' not applicable (1-byte types), '=' native
 * @param kind         'f' float, 'i' signed int, 'u' unsigned int, 'b' bool
 * @param itemSize     bytes per element
 * @param fortranOrder whether the data are stored column-major
 * @param shape        array shape
 */
public record NpyHeader(String descr, char byteOrder, char kind, int itemSize, boolean fortranOrder, long[] shape) {

    private static final Pattern DESCR = Pattern.compile("([<>|=])([fiub])(\\d+)");
    private static final List<String> SUPPORTED = List.of("f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4",
            "u8", "b1");

    /**
     * Parses the dictionary text of a header.
     *
     * @param dictOffset byte offset of the text in the file, for messages
     */
    public static NpyHeader parse(String text, String file, long dictOffset) {
        Map<String, Object> d = new Parser(text, file, dictOffset).dict();
        String descr = d.get("descr") instanceof String s ? s : null;
        Boolean fortran = d.get("fortran_order") instanceof Boolean b ? b : null;
        long[] shape = d.get("shape") instanceof long[] l ? l : null;
        if (descr == null || fortran == null || shape == null) {
            throw new DataException(file + ": byte " + dictOffset + ": header needs 'descr' (a string), "
                    + "'fortran_order' (True/False) and 'shape' (a tuple), found [" + Excerpt.list(d.keySet()) + "]");
        }
        Matcher m = DESCR.matcher(descr);
        if (!m.matches() || !SUPPORTED.contains(m.group(2) + m.group(3))) {
            throw new DataException(file + ": byte " + dictOffset + ": unsupported dtype " + Excerpt.quoted(descr)
                    + "; supported: <f8, <f4, <i4, <i8, |u1, |b1 (also other byte orders and i1/i2/u2/u4/u8)");
        }
        return new NpyHeader(descr, m.group(1).charAt(0), m.group(2).charAt(0), Integer.parseInt(m.group(3)),
                fortran, shape);
    }

    /** The dictionary text for a C-order float64 2-D array, keys sorted as numpy writes them. */
    public static String float64Dict(int rows, int cols) {
        return "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    }

    private static final class Parser {
        private final String s;
        private final String file;
        private final long base;
        private int i;

        Parser(String s, String file, long base) {
            this.s = s;
            this.file = file;
            this.base = base;
        }

        Map<String, Object> dict() {
            expect('{', "'{' opening the header dict");
            Map<String, Object> d = new LinkedHashMap<>();
            while (!eat('}')) {
                String key = string();
                expect(':', "':' after key " + Excerpt.quoted(key));
                d.put(key, value());
                if (!eat(',')) {
                    expect('}', "',' or '}' in the header dict");
                    break;
                }
            }
            skipSpace();
            if (i < s.length()) {
                throw error("unexpected text after the header dict");
            }
            return d;
        }

        private Object value() {
            skipSpace();
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (i < s.length() && s.charAt(i) == '(') {
                return tuple();
            }
            return string();
        }

        private long[] tuple() {
            expect('(', "'('");
            List<Long> dims = new ArrayList<>();
            while (!eat(')')) {
                skipSpace();
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i || i - start > 18) {
                    throw error("expected a dimension (a non-negative integer)");
                }
                dims.add(Long.parseLong(s.substring(start, i)));
                eat('L'); // Python 2 long literal
                if (!eat(',')) {
                    expect(')', "',' or ')' in the shape");
                    break;
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private String string() {
            skipSpace();
            char q = i < s.length() ? s.charAt(i) : 0;
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string, True, False or a tuple");
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        private boolean eat(char c) {
            skipSpace();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c, String what) {
            if (!eat(c)) {
                throw error("expected " + what);
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private DataException error(String reason) {
            return new DataException(file + ": byte " + (base + i) + ": malformed .npy header: " + reason);
        }
    }
}
