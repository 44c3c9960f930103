package org.myoflow.io.internal.readers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * TRC marker files (Motion Analysis, OpenSim): line 1 {@code PathFileType}, line 2 the keys DataRate, CameraRate,
 * NumFrames, NumMarkers, Units, ..., line 3 their values, line 4 {@code Frame#, Time} and the marker names (one per
 * three columns), line 5 the X/Y/Z component names, then the rows. Tab- or comma-separated (trailing commas of a
 * spreadsheet are dropped). Empty cells are missing samples (NaN). NumFrames and NumMarkers that disagree with the
 * data are reported and the data used. One signal "markers" with channels {@code NAME_X}, {@code NAME_Y},
 * {@code NAME_Z} in the file's Units, at DataRate.
 */
@Component(service = RecordingReader.class)
public final class TrcReader implements RecordingReader {

    @Override
    public String formatId() {
        return "trc";
    }

    @Override
    public String description() {
        return "TRC marker trajectories";
    }

    @Override
    public List<String> extensions() {
        return List.of(".trc");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return TextTable.firstLine(head).startsWith("PathFileType");
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        List<String> warnings = new ArrayList<>();
        try (LineReader in = LineReader.open(file)) {
            String l1 = in.next();
            if (l1 == null || !l1.startsWith("PathFileType")) {
                throw DataException.at(name, 1, "a TRC file starts with 'PathFileType'");
            }
            char d = l1.indexOf('\t') >= 0 ? '\t' : ',';
            List<String> keys = TextTable.trimTrailing(TextTable.split(line(in, "the header keys"), d));
            List<String> vals = TextTable.trimTrailing(TextTable.split(line(in, "the header values"), d));
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                meta.put(keys.get(i), i < vals.size() ? vals.get(i) : "");
            }
            double rate = TextTable.number(meta.getOrDefault("DataRate", ""), name, 3, "DataRate");
            if (!(rate > 0)) {
                throw DataException.at(name, 3, "DataRate must be positive, found " + rate);
            }
            String units = meta.getOrDefault("Units", "");
            List<String> names = TextTable.split(line(in, "the marker-name row"), d);
            int nameLine = in.line();
            if (names.size() < 2 || !names.get(0).startsWith("Frame")) {
                throw in.error("the marker-name row must start with 'Frame#' and 'Time'");
            }
            line(in, "the X/Y/Z row");
            List<String> markers = new ArrayList<>();
            for (int c = 2; c < names.size(); c += 3) {
                if (!names.get(c).isEmpty()) {
                    markers.add(names.get(c));
                } else if (c < TextTable.trimTrailing(names).size()) {
                    throw DataException.at(name, nameLine, "column " + (c + 1) + ": marker name expected (one "
                            + "per three columns)");
                }
            }
            int n = markers.size() * 3;
            double[][] data = new double[n][256];
            double t0 = 0;
            int rows = 0;
            int missing = 0;
            for (String s = in.next(); s != null; s = in.next()) {
                List<String> cells = TextTable.trimTrailing(TextTable.split(s, d));
                if (cells.isEmpty()) {
                    continue;
                }
                if (cells.size() > n + 2) {
                    throw in.error("row has " + cells.size() + " cells, the header names " + markers.size()
                            + " markers (" + (n + 2) + " columns)");
                }
                if (rows == data[0].length) {
                    for (int c = 0; c < n; c++) {
                        data[c] = java.util.Arrays.copyOf(data[c], rows * 2);
                    }
                }
                double t = TextTable.number(cells.size() > 1 ? cells.get(1) : "", name, in.line(), "Time");
                if (rows == 0) {
                    t0 = t;
                }
                for (int c = 0; c < n; c++) {
                    String v = c + 2 < cells.size() ? cells.get(c + 2) : "";
                    if (v.isEmpty()) {
                        data[c][rows] = Double.NaN;
                        missing++;
                    } else {
                        data[c][rows] = TextTable.number(v, name, in.line(), markers.get(c / 3) + "XYZ".charAt(c % 3));
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw in.error("no data rows");
            }
            for (int c = 0; c < n; c++) {
                data[c] = java.util.Arrays.copyOf(data[c], rows);
            }
            String nf = meta.get("NumFrames");
            if (nf != null && !nf.equals(Integer.toString(rows))) {
                warnings.add(name + ":3: NumFrames=" + nf + " but the file has " + rows + " rows: the rows are used");
            }
            String nm = meta.get("NumMarkers");
            if (nm != null && !nm.equals(Integer.toString(markers.size()))) {
                warnings.add(name + ":3: NumMarkers=" + nm + " but the file names " + markers.size() + " markers");
            }
            if (missing > 0) {
                warnings.add(missing + " empty marker cells read as missing (NaN)");
            }
            List<String> labels = new ArrayList<>();
            List<String> unitList = new ArrayList<>();
            List<ChannelKind> kinds = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String m : markers) {
                String base = m;
                for (int k = 2; seen.contains(m + "_X"); k++) {
                    m = base + "_" + k;
                }
                for (String axis : List.of("_X", "_Y", "_Z")) {
                    seen.add(m + axis);
                    labels.add(m + axis);
                    unitList.add(units);
                    kinds.add(ChannelKind.MARKER);
                }
            }
            RecordingSignal sig = new RecordingSignal("markers", rate, t0, labels, unitList, kinds, data);
            return new Recording(file, formatId(), "", meta, List.of(sig), List.of(), warnings);
        }
    }

    private static String line(LineReader in, String what) {
        String s = in.next();
        if (s == null) {
            throw in.error("the file ends before " + what);
        }
        return s;
    }
}
