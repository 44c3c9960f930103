package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * Motion Analysis analog ASCII ({@code .anc}): tab-separated header lines of {@code Key: value} pairs
 * (File_Type, Board_Type, Polarity, Trial_Name, Duration(Sec.), #Channels, BitDepth, PreciseRate), then the rows
 * {@code Name} (channel names after the time column), {@code Rate} (Hz per channel) and {@code Range} (input
 * range in mV per channel), then rows of time and integer ADC counts. Counts become volts with the range and the
 * bit depth: {@code V = counts * 2 * range_mV / 1000 / 2^BitDepth} (a bipolar converter spans -range..+range).
 * One signal "analog" in V; channels with another rate than the first are refused.
 */
@Component(service = RecordingReader.class)
public final class AncReader implements RecordingReader {

    @Override
    public String formatId() {
        return "anc";
    }

    @Override
    public String description() {
        return "Motion Analysis analog ASCII (.anc)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".anc");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return TextTable.firstLine(head).startsWith("File_Type");
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        Map<String, String> meta = new LinkedHashMap<>();
        try (LineReader in = LineReader.open(file)) {
            List<String> names = null;
            String s;
            while ((s = in.next()) != null) {
                List<String> cells = TextTable.trimTrailing(TextTable.split(s, '\t'));
                if (cells.isEmpty()) {
                    continue;
                }
                if (cells.get(0).equals("Name")) {
                    names = cells.subList(1, cells.size());
                    break;
                }
                for (int i = 0; i + 1 < cells.size(); i += 2) {
                    String k = cells.get(i);
                    meta.put(k.endsWith(":") ? k.substring(0, k.length() - 1) : k, cells.get(i + 1));
                }
            }
            if (names == null) {
                throw in.error("no 'Name' row with the channel names");
            }
            int n = names.size();
            List<String> rateRow = row(in, "Rate", n);
            int rateLine = in.line();
            List<String> rangeRow = row(in, "Range", n);
            int rangeLine = in.line();
            String bd = meta.get("BitDepth");
            if (bd == null) {
                throw DataException.at(name, rangeLine, "no BitDepth in the header: counts cannot be converted to "
                        + "volts");
            }
            double bits = TextTable.number(bd, name, rangeLine, "BitDepth");
            if (!(bits >= 1 && bits <= 32)) {
                throw DataException.at(name, rangeLine, "BitDepth must be 1..32, found " + bd);
            }
            double rate = TextTable.number(rateRow.get(0), name, rateLine, names.get(0));
            double[] gain = new double[n];
            for (int c = 0; c < n; c++) {
                double r = TextTable.number(rateRow.get(c), name, rateLine, names.get(c));
                if (r != rate) {
                    throw DataException.at(name, rateLine, "channel " + Excerpt.of(names.get(c)) + " has rate " + r
                            + " Hz, channel " + Excerpt.of(names.get(0)) + " " + rate
                            + " Hz: mixed rates are not supported");
                }
                double range = TextTable.number(rangeRow.get(c), name, rangeLine, names.get(c));
                gain[c] = 2 * range / 1000 / Math.pow(2, bits);
            }
            if (!(rate > 0)) {
                throw DataException.at(name, rateLine, "rate must be positive, found " + rate);
            }
            double[][] data = new double[n][1024];
            int rows = 0;
            double t0 = 0;
            while ((s = in.next()) != null) {
                List<String> cells = TextTable.trimTrailing(TextTable.split(s.strip(), '\t'));
                if (cells.isEmpty()) {
                    continue;
                }
                if (cells.size() != n + 1) {
                    throw in.error("expected time and " + n + " values, found " + cells.size() + " cells");
                }
                if (rows == data[0].length) {
                    for (int c = 0; c < n; c++) {
                        data[c] = java.util.Arrays.copyOf(data[c], rows * 2);
                    }
                }
                double t = TextTable.number(cells.get(0), name, in.line(), "time");
                if (rows == 0) {
                    t0 = t;
                }
                for (int c = 0; c < n; c++) {
                    data[c][rows] = TextTable.number(cells.get(c + 1), name, in.line(), names.get(c)) * gain[c];
                }
                rows++;
            }
            if (rows == 0) {
                throw in.error("no data rows");
            }
            List<String> units = new ArrayList<>();
            List<ChannelKind> kinds = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                data[c] = java.util.Arrays.copyOf(data[c], rows);
                units.add("V");
                kinds.add(Kinds.guess(names.get(c), "V", ""));
            }
            RecordingSignal sig = new RecordingSignal("analog", rate, t0, names, units, kinds, data);
            return new Recording(file, formatId(), "Motion Analysis", meta, List.of(sig), List.of(), List.of());
        }
    }

    private static List<String> row(LineReader in, String key, int n) {
        String s = in.next();
        List<String> cells = s == null ? List.of() : TextTable.trimTrailing(TextTable.split(s, '\t'));
        if (cells.isEmpty() || !cells.get(0).equals(key)) {
            throw in.error("expected the '" + key + "' row after 'Name'");
        }
        if (cells.size() != n + 1) {
            throw in.error("the " + key + " row has " + (cells.size() - 1) + " values for " + n + " channels");
        }
        return cells.subList(1, cells.size());
    }
}
