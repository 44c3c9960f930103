package org.myoflow.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Signal;
import org.myoflow.io.internal.Cells;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.internal.OpenSimUnits;
import org.myoflow.io.internal.RowWriter;
import org.myoflow.io.internal.TimeAxis;

/**
 * OpenSim storage files: {@code .sto} (activations, excitations, states, forces) and {@code .mot} (motions:
 * coordinates, ground reactions), the exchange format with OpenSim's tools.
 * <p>
 * <b>Reading.</b> Header lines up to {@code endheader}: a first line without '=' is the storage name;
 * {@code key=value} lines are kept as header metadata, and {@code nRows}, {@code nColumns} (time included) and
 * {@code inDegrees=yes|no} are understood (also the SIMM-style {@code datarows N} / {@code datacolumns N});
 * other text lines are kept as notes. Then a column-label line starting with {@code time} (tab-separated,
 * comma-separated, or whitespace-separated when it has neither) and rows of numbers (whitespace- or
 * comma-separated). Read as OpenSim reads them: an empty first line (no storage name), trailing commas on header
 * and data lines and comma-only lines (files saved by a spreadsheet) are accepted, and nRows / nColumns that
 * disagree with the data are reported as {@link Contents#warnings() warnings} (and logged) while the data are
 * used. Column labels may be component paths ({@code /jointset/hip_r/hip_flexion_r/value}). The time column is
 * made uniform as described in {@link org.myoflow.io.internal.TimeAxis}: OpenSim's variable-step integrators
 * write non-uniform times, which are resampled by linear interpolation onto the median step, with a warning
 * logged.
 * <p>
 * <b>Units.</b> OpenSim files state no units; the only hint is the file-wide {@code inDegrees} flag. Values are
 * kept as stored and units recorded by this rule: a file is a coordinate file when it is a {@code .mot}, is named
 * "Coordinates" (OpenSim's coordinates tables) or says {@code inDegrees=yes}; in it, translations
 * ({@code *_tx}, {@code *_ty}, {@code *_tz}) are "m", force-plate columns (label containing force, torque or
 * moment) "" (not stated), and all other columns rotations: "deg" when {@code inDegrees=yes}, else "rad". In
 * any other {@code .sto} (activations, excitations) every unit is "".
 * <p>
 * <b>Writing</b> produces what OpenSim's {@code Storage} reads: name line, {@code version=1}, {@code nRows},
 * {@code nColumns}, {@code inDegrees} ("yes" when any channel's unit is "deg"), {@code endheader}, the tab-separated
 * labels, then the rows with every value at full double precision.
 *
 * @since 0.1
 */
public final class OpenSimStorage {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING_COMMAS = Pattern.compile("[,;\\s]+$");

    /**
     * The content of a storage file.
     *
     * @param name   the storage name (first header line), "" when absent
     * @param header every {@code key=value} header line, in file order (unmodifiable)
     * @param notes  other header text lines, e.g. "Units are S.I. units (second, meters, Newtons, ...)"
     * @param signal the data
     * @param warnings what was tolerated, e.g. header counts that disagree with the data
     */
    public record Contents(String name, Map<String, String> header, List<String> notes, Signal signal,
            List<String> warnings) {
        public Contents {
            header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
            notes = List.copyOf(notes);
            warnings = List.copyOf(warnings);
        }

        public Contents(String name, Map<String, String> header, List<String> notes, Signal signal) {
            this(name, header, notes, signal, List.of());
        }
    }

    private static final System.Logger LOG = System.getLogger("org.myoflow.io");

    private OpenSimStorage() {
    }

    public static Signal read(Path file) {
        return readContents(file).signal();
    }

    public static Contents readContents(Path file) {
        Table t = readTable(file);
        String name = file.toString();
        int n = t.labels().size();
        double[][] channels = new double[n - 1][];
        for (int c = 1; c < n; c++) {
            channels[c - 1] = t.column(c);
        }
        TimeAxis.Uniform u = TimeAxis.of(name, t.column(0), t.lines(), channels);
        try {
            Signal.Builder b = Signal.builder(u.samplingRateHz()).startTime(u.startTimeS());
            for (int c = 1; c < n; c++) {
                String label = t.labels().get(c);
                b.channel(label, t.units().get(c), u.channels()[c - 1]);
            }
            return new Contents(t.name(), t.header(), t.notes(), b.build(), t.warnings());
        } catch (DataException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A storage file's rows exactly as written (no resampling): for readers that must keep OpenSim's own row times,
     * e.g. static optimisation at the coordinates file's times, or MuscleAnalysis files checked row by row.
     *
     * @param name     the storage name (first header line), "" when absent
     * @param header   every {@code key=value} header line, in file order
     * @param notes    other header text lines
     * @param labels   the column labels, {@code time} first
     * @param units    the unit of each column by the rule of this class ("s" for time)
     * @param rows     the numbers, [row][column]
     * @param lines    the file's line number of each row (1-based), for messages
     * @param inDegrees the header's {@code inDegrees}
     * @param warnings what was tolerated
     * @since 0.3
     */
    public record Table(String name, Map<String, String> header, List<String> notes, List<String> labels,
            List<String> units, double[][] rows, int[] lines, boolean inDegrees, List<String> warnings) {
        public Table {
            header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
            notes = List.copyOf(notes);
            labels = List.copyOf(labels);
            units = List.copyOf(units);
            warnings = List.copyOf(warnings);
        }

        /** The values of column {@code c} (0 = time), a new array. */
        public double[] column(int c) {
            double[] v = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                v[r] = rows[r][c];
            }
            return v;
        }
    }

    /**
     * Reads the header, labels and rows of a storage file as written (see the class comment for what is accepted);
     * {@link #readContents(Path)} is this plus a uniform time axis.
     *
     * @throws DataException naming the file and line: no {@code endheader}, no label line, a label line not starting
     *                       with {@code time}, a duplicate label, a row with another number of values, a value that
     *                       is not a number, no data row
     * @since 0.3
     */
    public static Table readTable(Path file) {
        String name = file.toString();
        boolean motFile = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mot");
        try (LineReader in = LineReader.open(file)) {
            Header h = readHeader(in);
            // a table named "Coordinates" (OpenSim's IK/coordinates output) is a coordinate file like a .mot
            boolean mot = motFile || h.name.equalsIgnoreCase("Coordinates");
            String labelLine = nextContentLine(in);
            if (labelLine == null) {
                throw in.error("no column-label line after endheader");
            }
            List<String> labels = labels(labelLine, in);
            List<String> warnings = new ArrayList<>();
            if (h.nColumns >= 0 && h.nColumns != labels.size()) {
                warnings.add(name + ":" + h.nColumnsLine + ": nColumns=" + h.nColumns + " but the column-label line "
                        + "(line " + in.line() + ") has " + labels.size() + " labels: the labels are used");
            }
            int n = labels.size();
            List<double[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (String s = nextContentLine(in); s != null; s = nextContentLine(in)) {
                String[] v = cells(s);
                if (v.length == 0) {
                    continue;
                }
                if (v.length != n) {
                    throw in.error("expected " + n + " values, found " + v.length);
                }
                double[] row = new double[n];
                for (int c = 0; c < n; c++) {
                    row[c] = Cells.parse(v[c], name, in.line(), labels.get(c));
                }
                rows.add(row);
                lines.add(in.line());
            }
            if (rows.isEmpty()) {
                throw new DataException(name + ": no data rows after the column-label line");
            }
            if (h.nRows >= 0 && h.nRows != rows.size()) {
                warnings.add(name + ":" + h.nRowsLine + ": nRows=" + h.nRows + " but the file has " + rows.size()
                        + " data rows: the rows present are used");
            }
            for (String w : warnings) {
                LOG.log(System.Logger.Level.WARNING, w);
            }
            List<String> units = new ArrayList<>();
            units.add("s");
            for (int c = 1; c < n; c++) {
                units.add(OpenSimUnits.unitFor(labels.get(c), h.inDegrees, mot));
            }
            return new Table(h.name, h.values, h.notes, labels, units, rows.toArray(double[][]::new),
                    lines.stream().mapToInt(Integer::intValue).toArray(), h.inDegrees, warnings);
        }
    }

    /**
     * What {@link #read(Path)} would give, from the header and the column-label line only: channel labels and
     * units (the sampling rate needs the time column and stays unknown).
     *
     * @throws DataException when the header is malformed
     */
    static DataSpec peek(Path file) {
        boolean mot = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mot");
        try (LineReader in = LineReader.open(file)) {
            Header h = readHeader(in);
            String labelLine = nextContentLine(in);
            if (labelLine == null) {
                throw in.error("no column-label line after endheader");
            }
            List<String> labels = labels(labelLine, in);
            List<String> channels = labels.subList(1, labels.size());
            return DataSpec.ofType(DataTypes.SIGNAL).withChannels(channels,
                    channels.stream().map(l -> OpenSimUnits.unitFor(l, h.inDegrees, mot)).toList());
        }
    }

    /** Writes the signal with the file's name (without extension) as storage name. */
    public static void write(Signal signal, Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        write(signal, file, dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    /** Writes the signal as an OpenSim storage file; parent folders are created. */
    public static void write(Signal signal, Path file, String storageName) {
        boolean deg = signal.units().stream().anyMatch("deg"::equalsIgnoreCase);
        if (deg && signal.units().stream().anyMatch("rad"::equalsIgnoreCase)) {
            throw new DataException(file + ": channels in deg and in rad cannot share one OpenSim file: its "
                    + "inDegrees flag applies to every angle");
        }
        for (String label : signal.labels()) {
            if (label.isBlank() || label.chars().anyMatch(ch -> ch == '\t' || ch == '\n' || ch == '\r')) {
                throw new DataException(file + ": channel label '" + label + "' cannot be an OpenSim column label");
            }
        }
        String storage = storageName.replaceAll("[\\r\\n=]", "_");
        StringBuilder sb = new StringBuilder();
        sb.append(storage.isBlank() ? "data" : storage).append('\n');
        sb.append("version=1\n");
        sb.append("nRows=").append(signal.sampleCount()).append('\n');
        sb.append("nColumns=").append(signal.channelCount() + 1).append('\n');
        sb.append("inDegrees=").append(deg ? "yes" : "no").append('\n');
        sb.append("endheader\n");
        sb.append("time");
        for (String label : signal.labels()) {
            sb.append('\t').append(label);
        }
        RowWriter.write(file, sb, signal, '\t');
    }

    /** What the header says; -1 for absent counts. */
    private static final class Header {
        String name = "";
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        int nRows = -1;
        int nRowsLine;
        int nColumns = -1;
        int nColumnsLine;
        boolean inDegrees;
    }

    private static Header readHeader(LineReader in) {
        Header h = new Header();
        for (String s = in.next(); s != null; s = in.next()) {
            String t = TRAILING_COMMAS.matcher(s.strip()).replaceFirst("").strip();
            if (t.equalsIgnoreCase("endheader")) {
                return h;
            }
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq > 0) {
                String key = t.substring(0, eq).strip();
                String value = t.substring(eq + 1).strip();
                h.values.put(key, value);
                // if/else, not a switch on the string: the Jazzer fuzzer (releng/scripts/fuzz.sh) cannot instrument
                // the compiled string switch of this method (VerifyError)
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals("nrows")) {
                    h.nRows = count(key, value, in);
                    h.nRowsLine = in.line();
                } else if (k.equals("ncolumns")) {
                    h.nColumns = count(key, value, in);
                    h.nColumnsLine = in.line();
                } else if (k.equals("indegrees")) {
                    h.inDegrees = yesNo(value, in);
                } // other keys are kept as metadata only
                continue;
            }
            String[] words = WHITESPACE.split(t);
            if (words.length == 2 && words[0].equalsIgnoreCase("datarows")) {
                h.nRows = count(words[0], words[1], in);
                h.nRowsLine = in.line();
            } else if (words.length == 2 && words[0].equalsIgnoreCase("datacolumns")) {
                h.nColumns = count(words[0], words[1], in);
                h.nColumnsLine = in.line();
            } else if (in.line() == 1) {
                h.name = t;
            } else {
                h.notes.add(t);
            }
        }
        throw in.error("no 'endheader' line: not an OpenSim storage file, or its header is cut off");
    }

    private static int count(String key, String value, LineReader in) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw in.error(Excerpt.of(key) + " must be a non-negative integer, found " + Excerpt.quoted(value));
    }

    private static boolean yesNo(String value, LineReader in) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw in.error("inDegrees must be yes or no, found " + Excerpt.quoted(value));
        };
    }

    private static List<String> labels(String line, LineReader in) {
        String[] cells = line.indexOf('\t') >= 0 ? line.split("\t")
                : line.indexOf(',') >= 0 ? line.split(",") : WHITESPACE.split(line.strip());
        List<String> labels = new ArrayList<>(Arrays.stream(cells).map(String::strip).filter(c -> !c.isEmpty())
                .toList());
        if (labels.isEmpty() || !labels.get(0).equalsIgnoreCase("time")) {
            throw in.error("the column-label line must start with 'time', found " + Excerpt.quoted(line.strip()));
        }
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (!seen.add(l)) {
                throw in.error("duplicate column label " + Excerpt.quoted(l));
            }
        }
        return labels;
    }

    /** The cells of a data row: comma-separated (trailing empty cells dropped) or whitespace-separated. */
    private static String[] cells(String line) {
        String t = line.strip();
        if (t.indexOf(',') >= 0) {
            t = TRAILING_COMMAS.matcher(t).replaceFirst("");
            if (t.isEmpty()) {
                return new String[0];
            }
            String[] c = t.split(",", -1);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].strip();
            }
            return c;
        }
        return t.isEmpty() ? new String[0] : WHITESPACE.split(t);
    }

    private static String nextContentLine(LineReader in) {
        for (String s = in.next(); s != null; s = in.next()) {
            if (!TRAILING_COMMAS.matcher(s).replaceFirst("").isBlank()) {
                return s;
            }
        }
        return null;
    }
}
