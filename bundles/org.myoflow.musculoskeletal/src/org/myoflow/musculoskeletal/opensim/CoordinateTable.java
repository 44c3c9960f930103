package org.myoflow.musculoskeletal.opensim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Signal;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Coordinate;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.MotionType;

/**
 * Coordinates over time from an OpenSim {@code .mot} / {@code .sto} file, matched to a model, as OpenSim's
 * {@code TableProcessor.processAndConvertToRadians} does: a column is a coordinate's value when its label is the
 * coordinate's name or a state path ending in {@code /<coordinate>/value} (a states table; its
 * {@code /<coordinate>/speed} columns give the speeds), other columns are ignored; with {@code inDegrees=yes} the
 * values (and speeds) of rotational coordinates are converted to radians, translational and coupled ones are not.
 * Rows are kept as they are (no resampling).
 *
 * @since 0.3
 */
public final class CoordinateTable {

    private final double[] time;
    /** [row][coordinate] in internal units. */
    private final double[][] values;
    /** [row][coordinate], NaN where the file has no speed column. */
    private final double[][] speeds;
    private final List<String> missing;
    private final boolean inDegrees;

    private CoordinateTable(double[] time, double[][] values, double[][] speeds, List<String> missing,
            boolean inDegrees) {
        this.time = time;
        this.values = values;
        this.speeds = speeds;
        this.missing = List.copyOf(missing);
        this.inDegrees = inDegrees;
    }

    /**
     * Reads the file for the model.
     *
     * @param allowMissing when false, an independent, unlocked model coordinate without a column is an error
     *                     naming it; when true it stays at its default value (listed by {@link #missing()})
     * @throws DataException for a malformed file or a missing coordinate
     */
    public static CoordinateTable read(Path file, OpenSimModel model, boolean allowMissing) {
        StorageTable table = StorageTable.read(file, false);
        List<String> labels = table.labels();
        List<double[]> rows = table.rows();
        boolean deg = table.inDegrees();
        String fn = table.name();
        List<Coordinate> cs = model.coordinates();
        int n = cs.size();
        int[] valueCol = new int[n];
        int[] speedCol = new int[n];
        java.util.Arrays.fill(valueCol, -1);
        java.util.Arrays.fill(speedCol, -1);
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byName.put(cs.get(i).name(), i);
        }
        for (int c = 1; c < labels.size(); c++) {
            String l = labels.get(c);
            String[] seg = l.split("/");
            if (byName.containsKey(l)) {
                valueCol[byName.get(l)] = c;
            } else if (seg.length >= 2 && byName.containsKey(seg[seg.length - 2])) {
                int i = byName.get(seg[seg.length - 2]);
                if (seg[seg.length - 1].equals("value")) {
                    valueCol[i] = c;
                } else if (seg[seg.length - 1].equals("speed")) {
                    speedCol[i] = c;
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coordinate c = cs.get(i);
            if (valueCol[i] < 0 && !c.dependent() && !c.locked()) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty() && !allowMissing) {
            throw new DataException(fn + ": no column for model coordinate" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (expected a column named like " + Excerpt.quoted(missing.get(0)) + " or '"
                    + cs.get(byName.get(missing.get(0))).statePath() + "')");
        }
        int m = rows.size();
        double[] time = new double[m];
        double[][] values = new double[m][n];
        double[][] speeds = new double[m][n];
        for (int r = 0; r < m; r++) {
            double[] row = rows.get(r);
            time[r] = row[0];
            for (int i = 0; i < n; i++) {
                double f = deg && cs.get(i).motionType() == MotionType.ROTATIONAL ? Math.PI / 180 : 1;
                values[r][i] = valueCol[i] >= 0 ? row[valueCol[i]] * f : cs.get(i).defaultValue();
                speeds[r][i] = speedCol[i] >= 0 ? row[speedCol[i]] * f : Double.NaN;
            }
        }
        return new CoordinateTable(time, values, speeds, missing, deg);
    }

    /**
     * The coordinates of a signal (e.g. a dataset trial's kinematics read from an OpenSim {@code .mot}), matched to
     * the model as {@link #read} matches a file's columns: a channel is a coordinate's value when its label is the
     * coordinate's name or a state path ending in {@code /<coordinate>/value}; a rotational coordinate's channel
     * in unit "deg" is converted to radians (per channel, since a signal carries each channel's unit). Times are
     * the signal's sample times; speeds are central differences.
     *
     * @param what         names the signal in messages (e.g. "trial 2 (sub-01/trial-2), role 'kinematics'")
     * @param allowMissing when false, an independent, unlocked model coordinate without a channel is an error
     *                     naming it; when true it stays at its default value (listed by {@link #missing()})
     * @throws DataException for a missing coordinate
     * @since 0.3
     */
    public static CoordinateTable of(Signal signal, OpenSimModel model, boolean allowMissing, String what) {
        List<Coordinate> cs = model.coordinates();
        int n = cs.size();
        int[] col = new int[n];
        java.util.Arrays.fill(col, -1);
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byName.put(cs.get(i).name(), i);
        }
        List<String> labels = signal.labels();
        for (int c = 0; c < labels.size(); c++) {
            String l = labels.get(c);
            String[] seg = l.split("/");
            if (byName.containsKey(l)) {
                col[byName.get(l)] = c;
            } else if (seg.length >= 2 && seg[seg.length - 1].equals("value")
                    && byName.containsKey(seg[seg.length - 2])) {
                col[byName.get(seg[seg.length - 2])] = c;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coordinate c = cs.get(i);
            if (col[i] < 0 && !c.dependent() && !c.locked()) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty() && !allowMissing) {
            throw new DataException(what + ": no channel for model coordinate" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (channels are " + Excerpt.list(labels) + ")");
        }
        int m = signal.sampleCount();
        double[] time = new double[m];
        double[][] values = new double[m][n];
        double[][] speeds = new double[m][n];
        boolean deg = false;
        double[][] channels = new double[n][];
        double[] factor = new double[n];
        for (int i = 0; i < n; i++) {
            if (col[i] >= 0) {
                channels[i] = signal.channel(col[i]);
                boolean d = "deg".equalsIgnoreCase(signal.units().get(col[i]))
                        && cs.get(i).motionType() == MotionType.ROTATIONAL;
                deg |= d;
                factor[i] = d ? Math.PI / 180 : 1;
            }
        }
        for (int r = 0; r < m; r++) {
            time[r] = signal.startTime() + r / signal.samplingRate();
            for (int i = 0; i < n; i++) {
                values[r][i] = channels[i] != null ? channels[i][r] * factor[i] : cs.get(i).defaultValue();
                speeds[r][i] = Double.NaN;
            }
        }
        return new CoordinateTable(time, values, speeds, missing, deg);
    }

    public int rows() {
        return time.length;
    }

    public double time(int row) {
        return time[row];
    }

    /** The coordinate values of a row (internal units, model order; a copy). */
    public double[] values(int row) {
        return values[row].clone();
    }

    /**
     * The coordinate speeds of a row: the file's speed columns where present, else central differences of the
     * values over time (one-sided at the ends).
     */
    public double[] speeds(int row) {
        int n = values[row].length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(speeds[row][i])) {
                s[i] = speeds[row][i];
            } else if (time.length < 2) {
                s[i] = 0;
            } else {
                int a = Math.max(0, row - 1);
                int b = Math.min(time.length - 1, row + 1);
                s[i] = (values[b][i] - values[a][i]) / (time[b] - time[a]);
            }
        }
        return s;
    }

    /** Independent model coordinates the file has no column for (kept at their defaults). */
    public List<String> missing() {
        return missing;
    }

    public boolean inDegrees() {
        return inDegrees;
    }
}
