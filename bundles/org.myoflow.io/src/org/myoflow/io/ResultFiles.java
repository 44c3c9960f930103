package org.myoflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.NumericTable;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.io.internal.Json;

/**
 * Result files: any {@link Data} as {@code <base>.npy} (its {@link Data#toTable() table}, see {@link Npy}) plus
 * {@code <base>.json}, a sidecar holding its {@link Data#metadata() metadata}, the {@code "shape"} [rows, cols] and
 * the {@code "sha256"} of the {@code .npy} file. The sidecar is pretty-printed with sorted keys, so the same data
 * give byte-identical files: runs can be compared with a file diff and the digest of a result is stable.
 *
 * @since 0.1
 */
public final class ResultFiles {

    /** Key of the {@code .npy} file's SHA-256 (hex) in the sidecar. */
    public static final String SHA256 = "sha256";
    /** Key of the table shape [rows, cols] in the sidecar. */
    public static final String SHAPE = "shape";

    /**
     * The files of one written result.
     *
     * @param npy    the data file
     * @param json   the sidecar
     * @param sha256 hex SHA-256 of the data file, as recorded in the sidecar
     */
    public record Written(Path npy, Path json, String sha256) {
    }

    private ResultFiles() {
    }

    /** {@code <base>.npy}; a base already ending in {@code .npy} or {@code .json} is used without that extension. */
    public static Path npyPath(Path base) {
        return base.resolveSibling(stem(base) + ".npy");
    }

    /** {@code <base>.json}; a base already ending in {@code .npy} or {@code .json} is used without that extension. */
    public static Path jsonPath(Path base) {
        return base.resolveSibling(stem(base) + ".json");
    }

    /** Writes {@code <base>.npy} and {@code <base>.json}; parent folders are created. */
    public static Written write(Data data, Path base) {
        Path npy = npyPath(base);
        Path json = jsonPath(base);
        NumericTable table = data.toTable();
        try {
            if (npy.toAbsolutePath().getParent() != null) {
                Files.createDirectories(npy.toAbsolutePath().getParent());
            }
            MessageDigest md = Digests.sha256();
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(npy), 1 << 16), md)) {
                Npy.write(table, out);
            }
            String sha = Digests.hex(md.digest());
            Map<String, Object> meta = new LinkedHashMap<>(data.metadata());
            meta.put(SHA256, sha);
            meta.put(SHAPE, List.of(table.rows(), table.cols()));
            Files.writeString(json, Json.pretty(meta), StandardCharsets.UTF_8);
            return new Written(npy, json, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(base + ": " + e.getMessage(), e);
        }
    }

    /** The sidecar's content as plain Java values (maps, lists, String, Boolean, Long, Double). */
    public static Map<String, Object> readSidecar(Path file) {
        Path json = jsonPath(file);
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException(json + ": sidecar file not found (it holds the sampling rate, labels and units"
                    + " of " + npyPath(file).getFileName() + ")");
        } catch (CharacterCodingException e) {
            throw new DataException(json + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(json + ": " + e.getMessage(), e);
        }
        return Json.parseObject(json.toString(), text);
    }

    /**
     * Reads a signal from an {@code .npy} + {@code .json} pair ({@code file} may name either, or the base). The
     * sidecar must give {@code samplingRateHz}; {@code startTimeS} (default 0), {@code labels} (default ch1..chN),
     * {@code units} (default "") and {@code quantity} (default "") are optional. When the sidecar records a
     * {@code sha256} or a {@code shape}, the data file must match it.
     */
    /**
     * What {@link #readSignal(Path)} would give, from the {@code .json} sidecar only (no sample is read): labels,
     * units, sampling rate and quantity as far as the sidecar states them.
     *
     * @throws DataException when the sidecar is unreadable or holds another data type
     */
    static DataSpec peekSignal(Path file) {
        String js = jsonPath(file).toString();
        Map<String, Object> meta = readSidecar(file);
        Object type = meta.get("type");
        if (type != null && !DataTypes.SIGNAL.id().equals(type)) {
            throw new DataException(js + ": holds " + Excerpt.quoted(String.valueOf(type)) + " data, not a "
                    + DataTypes.SIGNAL.id());
        }
        DataSpec spec = DataSpec.ofType(DataTypes.SIGNAL)
                .withSamplingRate(number(meta, "samplingRateHz", js, Double.NaN));
        if (meta.get("labels") instanceof List<?> l) {
            List<String> labels = l.stream().map(String::valueOf).toList();
            List<String> units = meta.get("units") instanceof List<?> u && u.size() == l.size()
                    ? u.stream().map(String::valueOf).toList()
                    : labels.stream().map(x -> "").toList();
            spec = spec.withChannels(labels, units);
        }
        Object q = meta.get("quantity");
        return q == null || String.valueOf(q).isEmpty() ? spec : spec.withQuantity(String.valueOf(q));
    }

    public static Signal readSignal(Path file) {
        Path npy = npyPath(file);
        String js = jsonPath(file).toString();
        Map<String, Object> meta = readSidecar(file);
        Object type = meta.get("type");
        if (type != null && !DataTypes.SIGNAL.id().equals(type)) {
            throw new DataException(js + ": holds " + Excerpt.quoted(String.valueOf(type)) + " data, not a "
                    + DataTypes.SIGNAL.id());
        }
        NumericTable table = checkedTable(npy, meta, js);
        double fs = number(meta, "samplingRateHz", js, Double.NaN);
        if (Double.isNaN(fs)) {
            throw new DataException(js + ": no samplingRateHz");
        }
        List<String> labels = strings(meta, "labels", js, table.cols());
        List<String> units = strings(meta, "units", js, table.cols());
        Object quantity = meta.getOrDefault("quantity", "");
        try {
            Signal.Builder b = Signal.builder(fs).startTime(number(meta, "startTimeS", js, 0))
                    .quantity(quantity == null ? "" : String.valueOf(quantity));
            double[] ch = new double[table.rows()];
            for (int c = 0; c < table.cols(); c++) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] = table.get(i, c);
                }
                b.channel(labels == null ? "ch" + (c + 1) : labels.get(c), units == null ? "" : units.get(c), ch);
            }
            return b.build();
        } catch (DataException e) {
            throw new DataException(npy + ": " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, Object> meta, String key, String file, double dflt) {
        Object v = meta.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n)) {
            throw new DataException(file + ": '" + key + "' must be a number, found " + Excerpt.of(String.valueOf(v)));
        }
        return n.doubleValue();
    }

    private static List<String> strings(Map<String, Object> meta, String key, String file, int count) {
        Object v = meta.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new DataException(file + ": '" + key + "' must be a list of strings");
        }
        if (list.size() != count) {
            throw new DataException(file + ": " + list.size() + " " + key + " for " + count + " columns");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new DataException(file + ": '" + key + "' must be a list of strings, found "
                        + Excerpt.of(String.valueOf(o)));
            }
            out.add(s);
        }
        return out;
    }

    private static String sha256(Path file) {
        MessageDigest md = Digests.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0;) {
                md.update(buf, 0, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return Digests.hex(md.digest());
    }

    private static String stem(Path base) {
        String name = base.getFileName().toString();
        for (String ext : List.of(".npy", ".json")) {
            if (name.length() > ext.length() && name.regionMatches(true, name.length() - ext.length(), ext, 0,
                    ext.length())) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** The data file's table, checked against the SHA-256 and shape the sidecar records. */
    private static NumericTable checkedTable(Path npy, Map<String, Object> meta, String js) {
        NumericTable table = Npy.read(npy);
        if (meta.get(SHA256) instanceof String expected) {
            String actual = sha256(npy);
            if (!expected.equalsIgnoreCase(actual)) {
                throw new DataException(npy + ": SHA-256 " + actual + " differs from " + Excerpt.of(expected, 64)
                        + " recorded in " + js + ": the data file was changed or replaced");
            }
        }
        if (meta.get(SHAPE) instanceof List<?> shape
                && !shape.equals(List.of((long) table.rows(), (long) table.cols()))) {
            throw new DataException(npy + ": shape " + table.rows() + " x " + table.cols() + " differs from "
                    + Excerpt.of(String.valueOf(shape)) + " recorded in " + js);
        }
        return table;
    }

    /**
     * Reads any built-in data type back from an {@code .npy} + {@code .json} pair written by {@link #write}: the
     * sidecar's {@code type} selects signal, spike trains, MUAP bank (series) or table (since 0.3; a dataset's file
     * holds only its summary and cannot be read back).
     *
     * @throws DataException for an unknown type or files that do not match their sidecar
     */
    public static Data read(Path file) {
        String js = jsonPath(file).toString();
        Map<String, Object> meta = readSidecar(file);
        Object type = meta.get("type");
        if (DataTypes.SIGNAL.id().equals(type)) {
            return readSignal(file);
        }
        NumericTable t = checkedTable(npyPath(file), meta, js);
        try {
            if (DataTypes.SPIKE_TRAINS.id().equals(type)) {
                return spikeTrains(meta, js, t);
            }
            if (DataTypes.MUAP_BANK.id().equals(type)) {
                return bank(meta, js, t, 0);
            }
            if (DataTypes.TABLE.id().equals(type)) {
                if (!(meta.get("rows") instanceof List<?> rows) || !(meta.get("columns") instanceof List<?> cols)
                        || rows.size() != t.rows() || cols.size() != t.cols()) {
                    throw new DataException(js + ": a table sidecar needs rows and columns matching the shape "
                            + t.rows() + "x" + t.cols());
                }
                return new org.myoflow.core.data.ResultTable(String.valueOf(meta.getOrDefault("title", "")),
                        rows.stream().map(String::valueOf).toList(), cols.stream().map(String::valueOf).toList(),
                        t.values());
            }
            if (DataTypes.MUAP_BANK_SERIES.id().equals(type)) {
                List<?> times = meta.get("updateTimesS") instanceof List<?> l ? l : null;
                List<?> s4 = meta.get("shape4d") instanceof List<?> l ? l : null;
                if (times == null || s4 == null || s4.size() != 4
                        || count(s4.get(0), js, "shape4d[0]") != times.size()) {
                    throw new DataException(js + ": a MUAP bank series sidecar needs updateTimesS and shape4d");
                }
                List<MuapBank> banks = new ArrayList<>();
                double[] ts = new double[times.size()];
                int perBank = t.rows() / Math.max(1, times.size());
                for (int k = 0; k < times.size(); k++) {
                    if (!(times.get(k) instanceof Number n)) {
                        throw new DataException(js + ": updateTimesS[" + k + "] must be a number");
                    }
                    ts[k] = n.doubleValue();
                    banks.add(bank(meta, js, t, k * perBank));
                }
                return new MuapBankSeries(banks, ts);
            }
        } catch (DataException e) {
            // the data classes' own checks (durations, times, sizes) do not know the file
            throw e.getMessage() != null && e.getMessage().startsWith(js) ? e
                    : new DataException(js + ": " + e.getMessage(), e);
        }
        throw new DataException(js + ": cannot read back data of type " + Excerpt.quoted(String.valueOf(type)));
    }

    /** The most units a spike-train sidecar may declare (each costs an array even without spikes). */
    static final int MAX_UNITS = 1_000_000;

    private static SpikeTrains spikeTrains(Map<String, Object> meta, String js, NumericTable t) {
        double declared = number(meta, "unitCount", js, Double.NaN);
        if (!(declared >= 0 && declared <= MAX_UNITS) || declared != Math.rint(declared)) {
            throw new DataException(js + ": unitCount must be a whole number from 0 to " + MAX_UNITS + ", found "
                    + Excerpt.of(String.valueOf(meta.get("unitCount"))));
        }
        int units = (int) declared;
        if (t.rows() > 0 && t.cols() != 2) {
            throw new DataException(js + ": spike trains need a table of 2 columns (unit, time), found " + t.cols());
        }
        double[][] times = new double[units][];
        int[] counts = new int[units];
        for (int r = 0; r < t.rows(); r++) {
            double v = t.get(r, 0);
            if (!(v >= 0 && v < units) || v != Math.rint(v)) {
                throw new DataException(js + ": row " + r + " names unit " + v + " of " + units);
            }
            counts[(int) v]++;
        }
        for (int u = 0; u < units; u++) {
            times[u] = new double[counts[u]];
            counts[u] = 0;
        }
        for (int r = 0; r < t.rows(); r++) {
            int u = (int) t.get(r, 0);
            times[u][counts[u]++] = t.get(r, 1);
        }
        return new SpikeTrains(times, number(meta, "durationS", js, Double.NaN), strings(meta, "labels", js, units));
    }

    /** A non-negative whole number of the sidecar that fits an int. */
    private static int count(Object v, String js, String what) {
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE)
                || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new DataException(js + ": " + what + " must be a non-negative whole number, found "
                    + Excerpt.of(String.valueOf(v)));
        }
        return n.intValue();
    }

    /** One MUAP bank from the table rows starting at {@code firstRow}, shaped by the sidecar's shape3d. */
    private static MuapBank bank(Map<String, Object> meta, String js, NumericTable t, int firstRow) {
        if (!(meta.get("shape3d") instanceof List<?> shape) || shape.size() != 3) {
            throw new DataException(js + ": a MUAP bank sidecar needs shape3d [units, channels, samples]");
        }
        int nu = count(shape.get(0), js, "shape3d[0] (units)");
        int nc = count(shape.get(1), js, "shape3d[1] (channels)");
        int ns = count(shape.get(2), js, "shape3d[2] (samples)");
        if (firstRow + (long) nu * nc > t.rows() || ns != t.cols()) {
            throw new DataException(js + ": shape3d " + Excerpt.of(String.valueOf(shape)) + " does not match the table "
                    + t.rows() + " x " + t.cols());
        }
        double[][][] m = new double[nu][nc][ns];
        for (int u = 0; u < nu; u++) {
            for (int c = 0; c < nc; c++) {
                System.arraycopy(t.values(), (firstRow + u * nc + c) * ns, m[u][c], 0, ns);
            }
        }
        double[][] pos = null;
        if (meta.get("electrodePositionsMm") instanceof List<?> pl && pl.size() == nc) {
            pos = new double[nc][2];
            for (int c = 0; c < nc; c++) {
                if (!(pl.get(c) instanceof List<?> xy) || xy.size() != 2 || !(xy.get(0) instanceof Number x)
                        || !(xy.get(1) instanceof Number y)) {
                    throw new DataException(js + ": electrodePositionsMm[" + c + "] must be [x, y] in mm");
                }
                pos[c][0] = x.doubleValue();
                pos[c][1] = y.doubleValue();
            }
        }
        List<String> labels = strings(meta, "labels", js, nc);
        if (labels == null) {
            throw new DataException(js + ": a MUAP bank sidecar needs labels (one per channel)");
        }
        return new MuapBank(m, number(meta, "samplingRateHz", js, Double.NaN), number(meta, "onsetS", js, 0),
                labels, strings(meta, "unitLabels", js, nu), pos,
                (int) number(meta, "rows", js, 0), (int) number(meta, "cols", js, 0),
                String.valueOf(meta.getOrDefault("unit", "")), String.valueOf(meta.getOrDefault("montage", "")));
    }
}
