package org.myoflow.io.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.myoflow.core.data.DataException;

/**
 * Reads a UTF-8 text file line by line and counts 1-based line numbers, so that every parse error can name the
 * file and the line. A missing file and text that is not UTF-8 are bad input data ({@link DataException}); other
 * I/O failures are not the data's fault and surface as {@link UncheckedIOException}.
 */
public final class LineReader implements Closeable {

    private final String file;
    private final BufferedReader in;
    private int line;

    private LineReader(String file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    public static LineReader open(Path path) {
        try {
            return new LineReader(path.toString(), Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The next line without its terminator, or null at the end; a byte-order mark (Excel) is dropped. */
    public String next() {
        try {
            String s = in.readLine();
            if (s != null) {
                line++;
                if (line == 1 && s.startsWith("\uFEFF")) {
                    s = s.substring(1);
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            throw DataException.at(file, line + 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Line number of the line last returned by {@link #next()} (0 before the first). */
    public int line() {
        return line;
    }

    public String file() {
        return file;
    }

    /** A {@link DataException} at the current line. */
    public DataException error(String reason) {
        return DataException.at(file, Math.max(1, line), reason);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
