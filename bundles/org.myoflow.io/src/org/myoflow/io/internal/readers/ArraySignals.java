package org.myoflow.io.internal.readers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.myoflow.io.ChannelKind;
import org.myoflow.io.RecordingSignal;

/**
 * Turns the named arrays of a MATLAB or HDF5 file into signals. Every real numeric array of one or two dimensions
 * with at least two elements is a signal named by its path ({@code emg}, {@code trial.emg}, {@code /data/emg}): the
 * longer dimension is time, the shorter the channels. The rate comes from a scalar named like a rate ({@code fs},
 * {@code Fs}, {@code fsamp}, {@code srate}, {@code rate}, {@code samplingRate}, {@code sampling_rate},
 * {@code SamplingFrequency}, {@code sample_rate}) beside the array (same struct or group), else at the top level,
 * else from a uniform time vector ({@code t}, {@code time}) of the same length beside it or at the top level; without
 * either the rate is unknown: 1 Hz, a warning, and {@link #UNKNOWN_RATE} in the metadata so that
 * {@code io.read-recording samplingRate=...} can state it. Channel labels come from a cell / string array
 * {@code labels}, {@code channels}, {@code channel_names} or {@code chanlabels} of the right length beside the
 * array, else {@code <name>_<n>}; units likewise from {@code units}.
 */
public final class ArraySignals {

    /** Metadata key prefix marking a signal group whose rate the file does not state. */
    public static final String UNKNOWN_RATE = "rate unknown ";

    private static final Set<String> RATE_NAMES = Set.of("fs", "fsamp", "srate", "rate", "samplingrate",
            "sampling_rate", "samplingfrequency", "sample_rate", "samplerate", "fsample", "sampling_frequency");
    private static final Set<String> TIME_NAMES = Set.of("t", "time", "times", "timestamps");
    private static final Set<String> LABEL_NAMES = Set.of("labels", "channels", "channel_names", "chanlabels",
            "channelnames", "label");
    private static final Set<String> UNIT_NAMES = Set.of("units", "unit");

    /**
     * A 2-D numeric array; element (r, c) at {@code r * cols + c} (row-major) or {@code r + c * rows} of
     * {@code data}, or, when {@code series} is given instead (a reader that decodes straight into the channel
     * arrays), at {@code series[c][r]} when {@code rows >= cols} (time down the rows) else {@code series[r][c]}.
     */
    public record Var(String path, String parent, int rows, int cols, double[] data, boolean rowMajor,
            double[][] series) {

        public Var(String path, String parent, int rows, int cols, double[] data, boolean rowMajor) {
            this(path, parent, rows, cols, data, rowMajor, null);
        }

        double get(int r, int c) {
            if (data == null) {
                return rows >= cols ? series[c][r] : series[r][c];
            }
            return data[rowMajor ? r * cols + c : r + c * rows];
        }

        /** Element i of a vector (one row or one column). */
        double at(int i) {
            return data != null ? data[i] : series[0][i];
        }

        String leaf() {
            int i = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
            return path.substring(i + 1);
        }

        int numel() {
            return rows * cols;
        }
    }

    private final List<Var> vars = new ArrayList<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    private final Map<String, List<String>> strings = new LinkedHashMap<>();

    public void array(Var v) {
        vars.add(v);
    }

    public void scalar(String path, double v) {
        scalars.put(path, v);
    }

    /** A string or list of strings (cell array of char, HDF5 string dataset). */
    public void strings(String path, List<String> s) {
        strings.put(path, s);
    }

    static String parentOf(String path) {
        int i = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        return i <= 0 ? "" : path.substring(0, i);
    }

    private static String leafOf(String path) {
        int i = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        return path.substring(i + 1);
    }

    private Double rateNear(String parent) {
        for (String scope : parent.isEmpty() ? List.of("") : List.of(parent, "")) {
            for (Map.Entry<String, Double> e : scalars.entrySet()) {
                if (parentOf(e.getKey()).equals(scope) && RATE_NAMES.contains(leafOf(e.getKey()).toLowerCase(
                        Locale.ROOT)) && e.getValue() > 0 && Double.isFinite(e.getValue())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private Var timeNear(String parent, int n) {
        for (String scope : parent.isEmpty() ? List.of("") : List.of(parent, "")) {
            for (Var v : vars) {
                if (v.parent().equals(scope) && TIME_NAMES.contains(v.leaf().toLowerCase(Locale.ROOT))
                        && (v.rows() == 1 || v.cols() == 1) && v.numel() == n) {
                    return v;
                }
            }
        }
        return null;
    }

    private List<String> namesNear(String parent, Set<String> names, int n) {
        for (String scope : parent.isEmpty() ? List.of("") : List.of(parent, "")) {
            for (Map.Entry<String, List<String>> e : strings.entrySet()) {
                if (parentOf(e.getKey()).equals(scope) && names.contains(leafOf(e.getKey()).toLowerCase(Locale.ROOT))
                        && e.getValue().size() == n) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** The signals, with warnings and metadata (scalars, strings, unknown rates) added. */
    public List<RecordingSignal> signals(List<String> warnings, Map<String, String> meta) {
        scalars.forEach((k, v) -> meta.put(k, Double.toString(v)));
        strings.forEach((k, v) -> {
            if (v.size() == 1) {
                meta.put(k, v.get(0));
            }
        });
        Set<Var> times = new HashSet<>();
        for (Var v : vars) {
            int n = Math.max(v.rows(), v.cols());
            if (rateNear(v.parent()) == null) {
                Var t = timeNear(v.parent(), n);
                if (t != null && t != v) {
                    times.add(t);
                }
            }
        }
        List<RecordingSignal> out = new ArrayList<>();
        for (Var v : vars) {
            if (times.contains(v)) {
                continue;
            }
            boolean timeDown = v.rows() >= v.cols();
            int n = timeDown ? v.rows() : v.cols();
            int nc = timeDown ? v.cols() : v.rows();
            Double rate = rateNear(v.parent());
            double start = 0;
            if (rate == null) {
                Var t = timeNear(v.parent(), n);
                if (t != null && t != v) {
                    double t0 = t.at(0);
                    double t1 = t.at(n - 1);
                    double dt = (t1 - t0) / (n - 1);
                    boolean uniform = dt > 0;
                    for (int i = 1; i < n && uniform; i++) {
                        uniform = Math.abs(t.at(i) - (t0 + i * dt)) <= 1e-6 * Math.max(dt, Math.abs(t0 + i * dt));
                    }
                    if (uniform) {
                        rate = 1 / dt;
                        start = t0;
                    } else {
                        warnings.add("'" + t.path() + "' is not a uniform time vector; ignored for '" + v.path()
                                + "'");
                    }
                }
            }
            if (rate == null) {
                rate = 1.0;
                meta.put(UNKNOWN_RATE + v.path(), "true");
                warnings.add("'" + v.path() + "': no sampling rate (a scalar fs/rate/SamplingFrequency or a time "
                        + "vector t/time beside it); 1 Hz assumed, state it with io.read-recording samplingRate");
            }
            List<String> labels = namesNear(v.parent(), LABEL_NAMES, nc);
            List<String> units = namesNear(v.parent(), UNIT_NAMES, nc);
            if (labels != null && new HashSet<>(labels).size() != nc) {
                labels = null;
            }
            List<String> l = new ArrayList<>();
            List<String> u = new ArrayList<>();
            List<ChannelKind> k = new ArrayList<>();
            // channel arrays decoded by the reader are used as they are (each Var feeds one signal)
            double[][] d = v.series() != null ? v.series() : new double[nc][n];
            for (int c = 0; c < nc; c++) {
                l.add(labels != null ? labels.get(c) : nc == 1 ? v.leaf() : v.leaf() + "_" + (c + 1));
                u.add(units != null ? units.get(c) : "");
                k.add(Kinds.guess(l.get(c), u.get(c), v.path()));
                for (int i = 0; v.series() == null && i < n; i++) {
                    d[c][i] = timeDown ? v.get(i, c) : v.get(c, i);
                }
            }
            out.add(new RecordingSignal(v.path(), rate, start, l, u, k, d));
        }
        return out;
    }
}
