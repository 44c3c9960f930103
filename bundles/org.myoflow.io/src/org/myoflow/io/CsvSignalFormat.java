package org.myoflow.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Signal;
import org.myoflow.io.internal.Cells;
import org.myoflow.io.internal.ColumnBuffer;
import org.myoflow.io.internal.ColumnLabel;
import org.myoflow.io.internal.RowWriter;
import org.myoflow.io.internal.LineReader;
import org.myoflow.io.internal.TimeAxis;

/**
 * Signals as CSV, the format every amplifier software and spreadsheet exports.
 * <ul>
 * <li>Lines starting with '#' and blank lines are skipped anywhere. The first other line is the header of column
 * labels; a label may carry its unit in brackets: {@code biceps [mV]}.</li>
 * <li>Separator: comma, or semicolon or tab when the header uses that one and no other (European spreadsheet
 * exports); the header decides for the whole file.</li>
 * <li>A first column labelled {@code time}, {@code t} or {@code time_s} (any case; unit, if given, {@code s})
 * is the time axis in seconds, made uniform as described in {@link org.myoflow.io.internal.TimeAxis}:
 * non-uniform steps are resampled by linear interpolation onto the median step and a warning is logged.
 * Otherwise every column is a channel and the caller gives the sampling rate; the start time is then 0.</li>
 * <li>Every row has one value per header label; NaN and infinity are refused with the file, line and column.</li>
 * </ul>
 * Writing produces a comma-separated file with a {@code time} column and every value at full double precision,
 * which this class reads back to the same values, labels, units, rate and start time.
 *
 * @since 0.1
 */
public final class CsvSignalFormat {

    /** Accepted labels of a first column holding the time axis (compared ignoring case). */
    public static final List<String> TIME_LABELS = List.of("time", "t", "time_s");

    private CsvSignalFormat() {
    }

    /** Reads a CSV file whose first column is the time axis. */
    public static Signal read(Path file) {
        return read(file, 0);
    }

    /**
     * Reads a CSV file.
     *
     * @param fsIfNoTime sampling rate (Hz) to use when the file has no time column; ignored when it has one
     */
    public static Signal read(Path file, double fsIfNoTime) {
        String name = file.toString();
        try (LineReader in = LineReader.open(file)) {
            String header = nextContentLine(in);
            if (header == null) {
                throw new DataException(name + ": empty file: no header line");
            }
            int headerLine = in.line();
            char sep = separator(header, in);
            String[] cells = header.split(String.valueOf(sep), -1);
            List<ColumnLabel> columns = labels(cells, in);
            boolean hasTime = TIME_LABELS.contains(columns.get(0).label().toLowerCase(Locale.ROOT));
            if (hasTime && !columns.get(0).unit().isEmpty() && !columns.get(0).unit().equals("s")) {
                throw in.error("time column unit must be s, found " + Excerpt.quoted(columns.get(0).unit()));
            }
            if (!hasTime && !(fsIfNoTime > 0)) {
                throw in.error("no time column (first column named time, t or time_s) and no sampling rate given");
            }
            int n = columns.size();
            ColumnBuffer rows = new ColumnBuffer(n);
            double[] row = new double[n];
            String sepText = String.valueOf(sep);
            for (String s = nextContentLine(in); s != null; s = nextContentLine(in)) {
                String[] v = s.split(sepText, -1);
                if (v.length != n) {
                    throw in.error("expected " + n + " values, found " + v.length);
                }
                for (int c = 0; c < n; c++) {
                    row[c] = Cells.parse(v[c], name, in.line(), columns.get(c).label());
                }
                rows.add(in.line(), row);
            }
            if (rows.rows() == 0) {
                throw DataException.at(name, headerLine, "no data rows after the header");
            }
            return build(name, columns, rows, hasTime, fsIfNoTime);
        }
    }

    /**
     * What {@link #read(Path, double)} would give, from the header line only: channel labels and units, and the
     * sampling rate when the file has no time column (with a time column it is left unknown: reading it needs the
     * whole axis).
     *
     * @throws DataException when the header is malformed
     */
    static DataSpec peek(Path file, double fsIfNoTime) {
        try (LineReader in = LineReader.open(file)) {
            String header = nextContentLine(in);
            if (header == null) {
                throw new DataException(file + ": empty file: no header line");
            }
            char sep = separator(header, in);
            List<ColumnLabel> columns = labels(header.split(String.valueOf(sep), -1), in);
            boolean hasTime = TIME_LABELS.contains(columns.get(0).label().toLowerCase(Locale.ROOT));
            List<ColumnLabel> ch = columns.subList(hasTime ? 1 : 0, columns.size());
            return DataSpec.ofType(DataTypes.SIGNAL)
                    .withChannels(ch.stream().map(ColumnLabel::label).toList(),
                            ch.stream().map(ColumnLabel::unit).toList())
                    .withSamplingRate(!hasTime && fsIfNoTime > 0 ? fsIfNoTime : Double.NaN);
        }
    }

    private static Signal build(String name, List<ColumnLabel> columns, ColumnBuffer rows, boolean hasTime,
            double fsIfNoTime) {
        int first = hasTime ? 1 : 0;
        double[][] channels = new double[columns.size() - first][];
        for (int c = first; c < columns.size(); c++) {
            channels[c - first] = rows.column(c);
        }
        double fs = fsIfNoTime;
        double start = 0;
        if (hasTime) {
            TimeAxis.Uniform u = TimeAxis.of(name, rows.column(0), rows.lines(), channels);
            fs = u.samplingRateHz();
            start = u.startTimeS();
            channels = u.channels();
        }
        try {
            Signal.Builder b = Signal.builder(fs).startTime(start);
            for (int c = first; c < columns.size(); c++) {
                b.channel(columns.get(c).label(), columns.get(c).unit(), channels[c - first]);
            }
            return b.build();
        } catch (DataException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        }
    }

    /** Writes the signal with a leading {@code time} column; parent folders are created. */
    public static void write(Signal signal, Path file) {
        StringBuilder sb = new StringBuilder("time");
        for (int c = 0; c < signal.channelCount(); c++) {
            String label = signal.labels().get(c);
            if (label.contains(",") || label.contains("\"") || label.contains("\n") || label.contains("\r")) {
                throw new DataException(file + ": channel label '" + label
                        + "' contains a comma, quote or line break and cannot be a CSV column label");
            }
            sb.append(',').append(new ColumnLabel(label, signal.units().get(c)).format());
        }
        RowWriter.write(file, sb, signal, ',');
    }

    /** The next line that is neither blank nor a '#' comment, or null at the end. */
    private static String nextContentLine(LineReader in) {
        for (String s = in.next(); s != null; s = in.next()) {
            String t = s.strip();
            if (!t.isEmpty() && t.charAt(0) != '#') {
                return s;
            }
        }
        return null;
    }

    private static char separator(String header, LineReader in) {
        List<String> used = new ArrayList<>();
        char sep = ',';
        for (char c : new char[] { ',', ';', '\t' }) {
            if (header.indexOf(c) >= 0) {
                used.add(c == '\t' ? "tab" : "'" + c + "'");
                sep = c;
            }
        }
        if (used.size() > 1) {
            throw in.error("the header mixes separators " + used + "; use one of comma, semicolon or tab");
        }
        return sep;
    }

    private static List<ColumnLabel> labels(String[] cells, LineReader in) {
        List<ColumnLabel> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < cells.length; c++) {
            ColumnLabel l = ColumnLabel.parse(cells[c]);
            if (l.label().isEmpty()) {
                throw in.error("column " + (c + 1) + " has no label");
            }
            if (!seen.add(l.label())) {
                throw in.error("duplicate column label " + Excerpt.quoted(l.label()));
            }
            out.add(l);
        }
        return out;
    }
}
