package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.myoflow.core.data.DataException;

/** Helpers shared by the text readers: sniffing the first bytes and splitting delimited lines. */
final class TextTable {

    private TextTable() {
    }

    /** The first bytes as text (UTF-8, malformed bytes replaced), a byte-order mark removed. */
    static String headText(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** The first line of the head text. */
    static String firstLine(byte[] head) {
        String s = headText(head);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
    }

    /**
     * Splits one delimited line; double-quoted cells may contain the delimiter ("" is a quote). Cells are
     * stripped of blanks.
     */
    static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    /** The list without its trailing empty cells. */
    static List<String> trimTrailing(List<String> cells) {
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).isEmpty()) {
            n--;
        }
        return new ArrayList<>(cells.subList(0, n));
    }

    /** Reads the whole file as bytes after checking it exists. */
    static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a number cell; names file, line and column in the error. */
    static double number(String cell, String file, int line, String column) {
        return org.myoflow.io.internal.Cells.parse(cell, file, line, column);
    }
}
