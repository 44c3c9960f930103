package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * The "Simple Text Format" of BioSPPy / PLUX examples ({@code .txt}): {@code #} header lines of {@code Key:= value}
 * ("Sampling Rate (Hz)", "Resolution", "Labels", tab- or space-separated labels), then rows of whitespace-separated
 * values, one column per label. Values are kept as stored (raw ADC counts: the format states no unit or gain).
 * One signal "data"; a channel labelled EMG is of kind EMG.
 */
@Component(service = RecordingReader.class)
public final class SimpleTextReader implements RecordingReader {

    @Override
    public String formatId() {
        return "simple-text";
    }

    @Override
    public String description() {
        return "BioSPPy Simple Text Format";
    }

    @Override
    public List<String> extensions() {
        return List.of(".txt");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return TextTable.firstLine(head).strip().equalsIgnoreCase("# Simple Text Format");
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        Map<String, String> meta = new LinkedHashMap<>();
        try (LineReader in = LineReader.open(file)) {
            String s;
            String first = null;
            while ((s = in.next()) != null) {
                String t = s.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.startsWith("#")) {
                    first = t;
                    break;
                }
                int eq = t.indexOf(":=");
                if (eq > 0) {
                    meta.put(t.substring(1, eq).strip(), t.substring(eq + 2).strip());
                }
            }
            String rateText = meta.get("Sampling Rate (Hz)");
            if (rateText == null) {
                throw DataException.at(name, Math.max(1, in.line()), "no '# Sampling Rate (Hz):=' header line");
            }
            double rate = TextTable.number(rateText, name, 2, "Sampling Rate (Hz)");
            if (!(rate > 0)) {
                throw DataException.at(name, 2, "sampling rate must be positive, found " + Excerpt.of(rateText));
            }
            List<String> labels = new ArrayList<>(Arrays.asList(meta.getOrDefault("Labels", "").strip()
                    .split("[\\t ]+")));
            labels.removeIf(String::isEmpty);
            if (first == null) {
                throw in.error("no data rows");
            }
            int n = first.split("\\s+").length;
            if (labels.size() != n) {
                if (!labels.isEmpty()) {
                    throw in.error("the header names " + labels.size() + " labels, the first row has " + n
                            + " values");
                }
                for (int c = 0; c < n; c++) {
                    labels.add("CH" + (c + 1));
                }
            }
            double[][] data = new double[n][4096];
            int rows = 0;
            for (String t = first; t != null; t = next(in)) {
                String[] v = t.split("\\s+");
                if (v.length != n) {
                    throw in.error("expected " + n + " values, found " + v.length);
                }
                if (rows == data[0].length) {
                    for (int c = 0; c < n; c++) {
                        data[c] = Arrays.copyOf(data[c], rows * 2);
                    }
                }
                for (int c = 0; c < n; c++) {
                    data[c][rows] = TextTable.number(v[c], name, in.line(), labels.get(c));
                }
                rows++;
            }
            List<String> units = new ArrayList<>();
            List<ChannelKind> kinds = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                data[c] = Arrays.copyOf(data[c], rows);
                units.add("");
                kinds.add(Kinds.guess(labels.get(c), "", ""));
            }
            RecordingSignal sig = new RecordingSignal("data", rate, 0, labels, units, kinds, data);
            return new Recording(file, formatId(), "BioSPPy", meta, List.of(sig), List.of(), List.of());
        }
    }

    private static String next(LineReader in) {
        for (String s = in.next(); s != null; s = in.next()) {
            String t = s.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t;
            }
        }
        return null;
    }
}
