package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * Vicon Nexus CSV export. Each section ("Devices", "Trajectories", "Model Outputs", ...) has five header rows:
 * the section name, the rate (Hz), the device or marker names (written once above their first column), the
 * channel or component names (after "Frame" and "Sub Frame") and the units; then data rows until a blank line.
 * Each section becomes a signal named after it in lower case, at its rate times the sub-frames per frame.
 * Device channels are labelled by their channel name; a purely numeric or repeated name is prefixed with the
 * device's short name (the text after its last " - "), e.g. "Voltage.1". Trajectory channels are
 * {@code MARKER_X}. Empty cells are missing samples (NaN).
 */
@Component(service = RecordingReader.class)
public final class ViconCsvReader implements RecordingReader {

    private static final Set<String> SECTIONS = Set.of("devices", "trajectories", "model outputs", "joints",
            "segments");

    @Override
    public String formatId() {
        return "vicon-csv";
    }

    @Override
    public String description() {
        return "Vicon Nexus CSV export (Devices / Trajectories)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        String first = TextTable.firstLine(head);
        int comma = first.indexOf(',');
        String cell = (comma < 0 ? first : first.substring(0, comma)).strip().toLowerCase(Locale.ROOT);
        return SECTIONS.contains(cell);
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        List<RecordingSignal> signals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            String s = in.next();
            while (s != null) {
                if (TextTable.trimTrailing(TextTable.split(s, ',')).isEmpty()) {
                    s = in.next();
                    continue;
                }
                String section = TextTable.split(s, ',').get(0);
                if (!SECTIONS.contains(section.toLowerCase(Locale.ROOT))) {
                    throw in.error("expected a section name (Devices, Trajectories, Model Outputs, Joints, "
                            + "Segments), found " + Excerpt.quoted(section));
                }
                int sectionLine = in.line();
                String rateLine = next(in, "the rate row");
                double rate = TextTable.number(TextTable.split(rateLine, ',').get(0), name, in.line(), "rate");
                if (!(rate > 0)) {
                    throw in.error("the rate must be positive, found " + rate);
                }
                List<String> devices = TextTable.split(next(in, "the device-name row"), ',');
                List<String> chans = TextTable.trimTrailing(TextTable.split(next(in, "the channel-name row"), ','));
                if (chans.size() < 3 || !chans.get(0).equalsIgnoreCase("Frame")) {
                    throw in.error("the channel-name row must start with Frame, Sub Frame");
                }
                boolean subFrames = chans.get(1).equalsIgnoreCase("Sub Frame");
                int first = subFrames ? 2 : 1;
                List<String> units = TextTable.split(next(in, "the units row"), ',');
                int n = chans.size() - first;
                boolean trajectories = !section.equalsIgnoreCase("devices");
                List<String> labels = new ArrayList<>();
                List<String> unitList = new ArrayList<>();
                List<ChannelKind> kinds = new ArrayList<>();
                String device = "";
                Map<String, Integer> nameCount = new HashMap<>();
                for (int c = first; c < chans.size(); c++) {
                    nameCount.merge(chans.get(c), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (int c = first; c < chans.size(); c++) {
                    String d = c < devices.size() ? devices.get(c) : "";
                    if (!d.isEmpty()) {
                        device = d;
                    }
                    String ch = chans.get(c);
                    String shortDevice = device.contains(" - ") ? device.substring(device.lastIndexOf(" - ") + 3)
                            : device;
                    String label;
                    if (trajectories) {
                        label = (device.isEmpty() ? "M" + (c - first + 1) : device) + "_" + ch;
                    } else if (ch.isEmpty() || ch.matches("\\d+") || nameCount.get(ch) > 1) {
                        label = shortDevice.isEmpty() ? "CH" + (c - first + 1) : shortDevice + "." + ch;
                    } else {
                        label = ch;
                    }
                    String base = label;
                    for (int k = 2; !seen.add(label); k++) {
                        label = base + "_" + k;
                    }
                    labels.add(label);
                    String u = c < units.size() ? units.get(c) : "";
                    unitList.add(u);
                    kinds.add(trajectories && section.equalsIgnoreCase("trajectories") ? ChannelKind.MARKER
                            : Kinds.guess(ch, u, shortDevice));
                }
                double[][] data = new double[n][1024];
                int rows = 0;
                int missing = 0;
                int maxSub = 0;
                int firstFrame = -1;
                for (s = in.next(); s != null; s = in.next()) {
                    List<String> cells = TextTable.split(s, ',');
                    if (TextTable.trimTrailing(cells).isEmpty()) {
                        break;
                    }
                    if (rows == data[0].length) {
                        for (int c = 0; c < n; c++) {
                            data[c] = java.util.Arrays.copyOf(data[c], rows * 2);
                        }
                    }
                    if (TextTable.trimTrailing(cells).size() > chans.size()) {
                        throw in.error("row has " + TextTable.trimTrailing(cells).size() + " cells, the header "
                                + chans.size());
                    }
                    int frame = (int) TextTable.number(cells.get(0), name, in.line(), "Frame");
                    if (firstFrame < 0) {
                        firstFrame = frame;
                    }
                    if (subFrames) {
                        maxSub = Math.max(maxSub, (int) TextTable.number(cells.get(1), name, in.line(),
                                "Sub Frame"));
                    }
                    for (int c = 0; c < n; c++) {
                        String v = first + c < cells.size() ? cells.get(first + c) : "";
                        if (v.isEmpty()) {
                            data[c][rows] = Double.NaN;
                            missing++;
                        } else {
                            data[c][rows] = TextTable.number(v, name, in.line(), labels.get(c));
                        }
                    }
                    rows++;
                }
                if (rows == 0) {
                    throw DataException.at(name, sectionLine, "section '" + section + "' has no data rows");
                }
                for (int c = 0; c < n; c++) {
                    data[c] = java.util.Arrays.copyOf(data[c], rows);
                }
                if (missing > 0) {
                    warnings.add("section '" + section + "': " + missing + " empty cells read as missing (NaN)");
                }
                // the rate row is the sample rate; a frame holds maxSub + 1 samples
                double start = (double) (firstFrame - 1) * (maxSub + 1) / rate;
                signals.add(new RecordingSignal(section.toLowerCase(Locale.ROOT), rate, start, labels, unitList,
                        kinds, data));
            }
        }
        if (signals.isEmpty()) {
            throw new DataException(name + ": no section with data");
        }
        return new Recording(file, formatId(), "Vicon Nexus", new LinkedHashMap<>(), signals, List.of(), warnings);
    }

    private static String next(LineReader in, String what) {
        String s = in.next();
        if (s == null) {
            throw in.error("the file ends before " + what);
        }
        return s;
    }
}
