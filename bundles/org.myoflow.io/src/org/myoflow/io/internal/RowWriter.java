package org.myoflow.io.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.myoflow.core.data.Signal;

/** Writes a header and then one text row per sample (time first), shared by the CSV and OpenSim writers. */
public final class RowWriter {

    private RowWriter() {
    }

    /**
     * @param file      target file (parent folders are created)
     * @param header    everything before the first data row, without the final line break
     * @param separator between the values of a row
     */
    public static void write(Path file, CharSequence header, Signal signal, char separator) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(header.toString());
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < signal.sampleCount(); i++) {
                    sb.setLength(0);
                    sb.append(signal.timeAt(i));
                    for (int c = 0; c < signal.channelCount(); c++) {
                        sb.append(separator).append(signal.get(c, i));
                    }
                    w.write(sb.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
