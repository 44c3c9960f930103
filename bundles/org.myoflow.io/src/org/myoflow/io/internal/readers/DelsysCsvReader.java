package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * Delsys Trigno CSV as exported by EMGworks: one "Label: NAME Sampling frequency: F Number of points: N start: T0
 * Unit: U Domain Unit: s" line per channel, free lines, then a header row of pairs {@code X[s],"NAME"} and the data
 * rows: per channel its own time column and value column. Channels of a slower rate (accelerometer, gyroscope)
 * end early and leave their cells empty. Channels are grouped by rate into signals ("emg" when every channel of the
 * group is EMG, else "aux"); the rate is the one of the Label line. A "Number of points" that disagrees with the
 * data (a truncated export) is reported and the data are used.
 */
@Component(service = RecordingReader.class)
public final class DelsysCsvReader implements RecordingReader {

    private static final Pattern LABEL = Pattern.compile("Label:\\s*(.*?)\\s+Sampling frequency:\\s*(\\S+)\\s+"
            + "Number of points:\\s*(\\S+)\\s+start:\\s*(\\S+)\\s+Unit:\\s*(.*?)\\s+Domain Unit:\\s*(.*)");

    @Override
    public String formatId() {
        return "delsys-csv";
    }

    @Override
    public String description() {
        return "Delsys Trigno / EMGworks CSV export";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return TextTable.firstLine(head).startsWith("Label:");
    }

    private record Channel(String label, double rate, long points, double start, String unit, int line) {
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        List<Channel> channels = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            String s;
            List<String> header = null;
            while ((s = in.next()) != null) {
                String t = s.strip();
                if (t.startsWith("Label:")) {
                    Matcher m = LABEL.matcher(t);
                    if (!m.matches()) {
                        throw in.error("a Delsys 'Label:' line must read 'Label: NAME Sampling frequency: F Number "
                                + "of points: N start: T Unit: U Domain Unit: s'");
                    }
                    double rate = TextTable.number(m.group(2), name, in.line(), "Sampling frequency");
                    if (!(rate > 0)) {
                        throw in.error("sampling frequency must be positive, found " + Excerpt.of(m.group(2)));
                    }
                    long points = (long) TextTable.number(m.group(3), name, in.line(), "Number of points");
                    double start = TextTable.number(m.group(4), name, in.line(), "start");
                    channels.add(new Channel(m.group(1).strip(), rate, points, start, m.group(5).strip(),
                            in.line()));
                } else if (t.startsWith("X[s]")) {
                    header = TextTable.trimTrailing(TextTable.split(t, ','));
                    break;
                } else if (t.contains(":")) {
                    int c = t.indexOf(':');
                    meta.put(t.substring(0, c).strip(), t.substring(c + 1).strip());
                }
            }
            if (channels.isEmpty()) {
                throw DataException.at(name, 1, "no 'Label:' channel lines: not a Delsys EMGworks export");
            }
            if (header == null) {
                throw in.error("no column header row starting with 'X[s]' after the Label lines");
            }
            if (header.size() != 2 * channels.size()) {
                throw in.error("the header row has " + header.size() + " columns, expected 2 per channel x "
                        + channels.size() + " channels (time and value)");
            }
            for (int c = 0; c < channels.size(); c++) {
                if (!header.get(2 * c + 1).equals(channels.get(c).label)) {
                    throw in.error("column " + (2 * c + 2) + " is " + Excerpt.quoted(header.get(2 * c + 1))
                            + " but Label line " + channels.get(c).line + " names "
                            + Excerpt.quoted(channels.get(c).label));
                }
            }
            int n = channels.size();
            double[][] values = new double[n][1024];
            int[] count = new int[n];
            boolean[] ended = new boolean[n];
            while ((s = in.next()) != null) {
                if (s.isBlank()) {
                    continue;
                }
                List<String> cells = TextTable.split(s, ',');
                if (cells.size() > 2 * n && !cells.subList(2 * n, cells.size()).stream().allMatch(String::isEmpty)) {
                    throw in.error("row has " + cells.size() + " cells, the header " + 2 * n);
                }
                for (int c = 0; c < n; c++) {
                    String v = 2 * c + 1 < cells.size() ? cells.get(2 * c + 1) : "";
                    if (v.isEmpty()) {
                        ended[c] = true;
                        continue;
                    }
                    if (ended[c]) {
                        throw in.error("channel " + Excerpt.quoted(channels.get(c).label)
                                + " has a value after an empty cell");
                    }
                    if (count[c] == values[c].length) {
                        values[c] = java.util.Arrays.copyOf(values[c], count[c] * 2);
                    }
                    values[c][count[c]++] = TextTable.number(v, name, in.line(), channels.get(c).label);
                }
            }
            // group by rate, in order of first appearance
            Map<Double, List<Integer>> groups = new LinkedHashMap<>();
            for (int c = 0; c < n; c++) {
                groups.computeIfAbsent(channels.get(c).rate, k -> new ArrayList<>()).add(c);
                if (channels.get(c).points != count[c]) {
                    warnings.add(name + ":" + channels.get(c).line + ": " + Excerpt.quoted(channels.get(c).label)
                            + " says " + channels.get(c).points + " points, the file has " + count[c]
                            + ": the data are used");
                }
            }
            List<RecordingSignal> signals = new ArrayList<>();
            Map<String, Integer> names = new LinkedHashMap<>();
            for (Map.Entry<Double, List<Integer>> g : groups.entrySet()) {
                List<Integer> idx = g.getValue();
                int len = Integer.MAX_VALUE;
                for (int c : idx) {
                    len = Math.min(len, count[c]);
                }
                List<String> labels = new ArrayList<>();
                List<String> units = new ArrayList<>();
                List<ChannelKind> kinds = new ArrayList<>();
                double[][] data = new double[idx.size()][];
                for (int j = 0; j < idx.size(); j++) {
                    Channel ch = channels.get(idx.get(j));
                    if (count[idx.get(j)] != len) {
                        warnings.add(Excerpt.quoted(ch.label) + " has " + count[idx.get(j)] + " samples, others at "
                                + ch.rate + " Hz have " + len + ": cut to " + len);
                    }
                    labels.add(ch.label);
                    units.add(ch.unit);
                    kinds.add(Kinds.guess(ch.label, ch.unit, ""));
                    data[j] = java.util.Arrays.copyOf(values[idx.get(j)], len);
                }
                String base = kinds.stream().allMatch(k -> k == ChannelKind.EMG) ? "emg" : "aux";
                int k = names.merge(base, 1, Integer::sum);
                signals.add(new RecordingSignal(k == 1 ? base : base + k, g.getKey(), channels.get(idx.get(0)).start,
                        labels, units, kinds, data));
            }
            return new Recording(file, formatId(), "Delsys (EMGworks)", meta, signals, List.of(), warnings);
        }
    }
}
