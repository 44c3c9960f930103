package org.myoflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.io.internal.Json;
import org.myoflow.io.internal.readers.EdfReader;

/**
 * BIDS-EMG datasets (Brain Imaging Data Structure, EMG modality): a folder with {@code dataset_description.json},
 * {@code participants.tsv} and {@code sub-<label>/[ses-<label>/]emg/} holding, per recording,
 * {@code <entities>_emg.edf} (or {@code .bdf}) with the sidecars {@code _emg.json}, {@code _channels.tsv} (name,
 * type, units, status), {@code _electrodes.tsv} (name, x, y, z, coordinate_system), the
 * {@code space-<label>_coordsystem.json} it refers to, and optionally {@code _events.tsv} (onset, duration,
 * trial_type).
 * <p>
 * {@link #list(Path)} lists a dataset's recordings with their entities, {@link #read(Path)} reads one with its
 * channel table and electrode positions (the channel kinds then come from the table's {@code type}), and
 * {@link #export} writes a recording (a simulated run) as a dataset with the ground truth under
 * {@code derivatives/myoflow/}.
 *
 * @since 0.2
 */
public final class Bids {

    /** The BIDS version written into dataset_description.json. */
    public static final String BIDS_VERSION = "1.11.0";

    /** The entities of a BIDS file name; "" when absent. */
    public record Entities(String subject, String session, String task, String acquisition, String run) {
        public Entities {
            subject = clean(subject, "subject");
            session = clean(session, "session");
            task = clean(task, "task");
            acquisition = clean(acquisition, "acquisition");
            run = clean(run, "run");
        }

        /** {@code sub-01_ses-1_task-walk_acq-hd_run-1}, the entities in BIDS order. */
        public String prefix() {
            StringBuilder b = new StringBuilder("sub-" + subject);
            if (!session.isEmpty()) {
                b.append("_ses-").append(session);
            }
            if (!task.isEmpty()) {
                b.append("_task-").append(task);
            }
            if (!acquisition.isEmpty()) {
                b.append("_acq-").append(acquisition);
            }
            if (!run.isEmpty()) {
                b.append("_run-").append(run);
            }
            return b.toString();
        }

        /** {@code sub-01/ses-1/emg}. */
        public Path folder(Path root) {
            Path p = root.resolve("sub-" + subject);
            return (session.isEmpty() ? p : p.resolve("ses-" + session)).resolve("emg");
        }

        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("subject", subject);
            m.put("session", session);
            m.put("task", task);
            m.put("acquisition", acquisition);
            m.put("run", run);
            return m;
        }

        private static String clean(String v, String what) {
            String s = v == null ? "" : v.strip();
            if (!s.matches("[A-Za-z0-9]*")) {
                throw new DataException("BIDS " + what + " label '" + v + "' must be letters and digits only");
            }
            return s;
        }
    }

    /** One row of {@code _channels.tsv}. */
    public record Channel(String name, String type, String units, String status, Map<String, String> columns) {
    }

    /** One row of {@code _electrodes.tsv}; NaN for "n/a". */
    public record Electrode(String name, double x, double y, double z, String coordinateSystem) {
    }

    /** A recording of a dataset: its data file and entities. */
    public record Entry(Path file, Entities entities) {
    }

    /**
     * A recording read with its sidecars.
     *
     * @param recording  the data, channel units and kinds from {@code _channels.tsv}
     * @param entities   the file's entities
     * @param sidecar    {@code _emg.json}
     * @param channels   {@code _channels.tsv} rows, in file order (empty when absent)
     * @param electrodes {@code _electrodes.tsv} rows (empty when absent)
     * @param coordinateSystem the coordsystem JSON (empty when absent)
     */
    public record Run(Recording recording, Entities entities, Map<String, Object> sidecar, List<Channel> channels,
            List<Electrode> electrodes, Map<String, Object> coordinateSystem) {

        /**
         * The electrode grid [rows, columns] when the electrodes lie on a full rectangular grid of distinct y (rows)
         * and x (columns) values, else empty.
         */
        public Optional<int[]> grid() {
            Set<Double> xs = new TreeSet<>();
            Set<Double> ys = new TreeSet<>();
            Set<String> cells = new LinkedHashSet<>();
            for (Electrode e : electrodes) {
                if (Double.isNaN(e.x()) || Double.isNaN(e.y())) {
                    return Optional.empty();
                }
                xs.add(e.x());
                ys.add(e.y());
                cells.add(e.x() + "," + e.y());
            }
            if (electrodes.size() < 2 || cells.size() != electrodes.size()
                    || xs.size() * ys.size() != electrodes.size()) {
                return Optional.empty();
            }
            return Optional.of(new int[] { ys.size(), xs.size() });
        }
    }

    private Bids() {
    }

    /** Whether a folder is a BIDS dataset (has dataset_description.json). */
    public static boolean isDataset(Path folder) {
        return Files.isDirectory(folder) && Files.isRegularFile(folder.resolve("dataset_description.json"));
    }

    /** The EMG recordings of a dataset, sorted by path. */
    public static List<Entry> list(Path root) {
        if (!isDataset(root)) {
            throw new DataException(root + ": not a BIDS dataset (no dataset_description.json)");
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> subs = Files.list(root)) {
            for (Path sub : subs.filter(p -> p.getFileName().toString().startsWith("sub-") && Files.isDirectory(p))
                    .sorted().toList()) {
                List<Path> folders = new ArrayList<>();
                folders.add(sub.resolve("emg"));
                try (Stream<Path> ses = Files.list(sub)) {
                    ses.filter(p -> p.getFileName().toString().startsWith("ses-") && Files.isDirectory(p)).sorted()
                            .forEach(p -> folders.add(p.resolve("emg")));
                }
                for (Path f : folders) {
                    if (!Files.isDirectory(f)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(f)) {
                        for (Path p : files.sorted().toList()) {
                            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                            if (n.endsWith("_emg.edf") || n.endsWith("_emg.bdf")) {
                                out.add(new Entry(p, entities(p)));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The entities of a BIDS file name such as {@code sub-01_ses-2_task-grip_run-1_emg.edf}. */
    public static Entities entities(Path file) {
        String n = file.getFileName().toString();
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : n.split("_")) {
            int dash = part.indexOf('-');
            if (dash > 0) {
                kv.put(part.substring(0, dash), part.substring(dash + 1));
            }
        }
        if (!kv.containsKey("sub")) {
            throw new DataException(file + ": not a BIDS file name (no sub-<label> entity)");
        }
        try {
            return new Entities(kv.get("sub"), kv.get("ses"), kv.get("task"), kv.get("acq"), kv.get("run"));
        } catch (DataException e) {
            throw new DataException(file + ": " + e.getMessage());
        }
    }

    /** The sidecar of a data file: {@code x_emg.edf} and "channels.tsv" give {@code x_channels.tsv}. */
    public static Path sibling(Path dataFile, String suffix) {
        String n = dataFile.getFileName().toString();
        int cut = n.toLowerCase(Locale.ROOT).lastIndexOf("_emg.");
        String stem = cut < 0 ? n : n.substring(0, cut);
        return dataFile.resolveSibling(stem + "_" + suffix);
    }

    /** Reads a data file of a dataset with its sidecars; {@code file} may also be the dataset (one recording). */
    public static Run read(Path file) {
        Path data = file;
        if (Files.isDirectory(file)) {
            List<Entry> all = list(file);
            if (all.size() != 1) {
                throw new DataException(file + ": the dataset holds " + all.size() + " EMG recordings; name one "
                        + "of them");
            }
            data = all.get(0).file();
        }
        Recording raw = new EdfReader().read(data);
        Entities ent = entities(data);
        Map<String, Object> sidecar = json(sibling(data, "emg.json"));
        List<Channel> channels = channels(sibling(data, "channels.tsv"));
        List<Electrode> electrodes = electrodes(sibling(data, "electrodes.tsv"));
        Map<String, Object> coord = Map.of();
        if (!electrodes.isEmpty()) {
            String space = electrodes.get(0).coordinateSystem();
            Path prefix = data.resolveSibling("sub-" + ent.subject() + (ent.session().isEmpty() ? ""
                    : "_ses-" + ent.session()) + "_space-" + space + "_coordsystem.json");
            Path plain = sibling(data, "coordsystem.json");
            coord = Files.isRegularFile(prefix) ? json(prefix) : json(plain);
        }
        List<RecordingEvent> events = new ArrayList<>(raw.events());
        events.addAll(events(sibling(data, "events.tsv")));
        events.sort((a, b) -> Double.compare(a.timeS(), b.timeS()));
        // channel table: units, kinds and status
        Map<String, Channel> byName = new LinkedHashMap<>();
        for (Channel c : channels) {
            byName.put(c.name(), c);
        }
        List<RecordingSignal> sigs = new ArrayList<>();
        List<String> warnings = new ArrayList<>(raw.warnings());
        for (RecordingSignal s : raw.signals()) {
            List<String> units = new ArrayList<>(s.units());
            List<ChannelKind> kinds = new ArrayList<>(s.kinds());
            for (int c = 0; c < s.channelCount(); c++) {
                Channel ch = byName.get(s.labels().get(c));
                if (ch == null) {
                    if (!channels.isEmpty()) {
                        warnings.add("channel " + Excerpt.quoted(s.labels().get(c)) + " is not in " + sibling(data,
                                "channels.tsv").getFileName());
                    }
                    continue;
                }
                if (!ch.units().isEmpty() && !ch.units().equals("n/a")) {
                    units.set(c, ch.units());
                }
                kinds.set(c, kind(ch.type()));
            }
            sigs.add(new RecordingSignal(s.name(), s.samplingRate(), s.startTime(), s.labels(), units, kinds,
                    s.data()));
        }
        for (Channel c : channels) {
            if (sigs.stream().noneMatch(s -> s.labels().contains(c.name()))) {
                warnings.add("channels.tsv names " + Excerpt.quoted(c.name()) + ", which the data file does not have");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>(raw.metadata());
        ent.toMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                meta.put("bids " + k, v);
            }
        });
        for (Channel c : channels) {
            if (!c.status().isEmpty() && !c.status().equals("good")) {
                meta.put("status " + c.name(), c.status());
            }
        }
        Recording rec = new Recording(data, "bids-emg", raw.vendor(), meta, sigs, events, warnings);
        return new Run(rec, ent, sidecar, channels, electrodes, coord);
    }

    /** The platform kind of a BIDS channel type. */
    public static ChannelKind kind(String type) {
        return switch (type.strip().toUpperCase(Locale.ROOT)) {
            case "EMG" -> ChannelKind.EMG;
            case "ACCEL" -> ChannelKind.ACCELEROMETER;
            case "GYRO" -> ChannelKind.GYROSCOPE;
            default -> ChannelKind.OTHER;
        };
    }

    private static String bidsType(ChannelKind k) {
        return switch (k) {
            case EMG -> "EMG";
            case ACCELEROMETER -> "ACCEL";
            case GYROSCOPE -> "GYRO";
            default -> "MISC";
        };
    }

    // ------------------------------------------------------------------ reading sidecars

    private static Map<String, Object> json(Path p) {
        if (!Files.isRegularFile(p)) {
            return Map.of();
        }
        try {
            return Json.parseObject(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    /** A TSV file as header and rows; a row with another cell count is refused with its line. */
    private static List<Map<String, String>> tsv(Path p, String... required) {
        if (!Files.isRegularFile(p)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(p + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw DataException.at(p.toString(), 1, "empty TSV file: the header row is missing");
        }
        List<String> head = List.of(lines.get(0).split("\t", -1));
        for (String r : required) {
            if (!head.contains(r)) {
                throw DataException.at(p.toString(), 1, "no '" + r + "' column (columns: " + Excerpt.list(head) + ")");
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != head.size()) {
                throw DataException.at(p.toString(), i + 1, cells.length + " cells for " + head.size()
                        + " columns");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(head.get(c), cells[c].strip());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Channel> channels(Path p) {
        List<Channel> out = new ArrayList<>();
        for (Map<String, String> r : tsv(p, "name", "type", "units")) {
            out.add(new Channel(r.get("name"), r.get("type"), r.get("units"), r.getOrDefault("status", ""), r));
        }
        return out;
    }

    private static List<Electrode> electrodes(Path p) {
        List<Electrode> out = new ArrayList<>();
        int line = 1;
        for (Map<String, String> r : tsv(p, "name", "x", "y", "z")) {
            line++;
            out.add(new Electrode(r.get("name"), coord(r.get("x"), p, line, "x"), coord(r.get("y"), p, line, "y"),
                    coord(r.get("z"), p, line, "z"), r.getOrDefault("coordinate_system", "")));
        }
        return out;
    }

    private static List<RecordingEvent> events(Path p) {
        List<RecordingEvent> out = new ArrayList<>();
        int line = 1;
        for (Map<String, String> r : tsv(p, "onset", "duration")) {
            line++;
            double onset = coord(r.get("onset"), p, line, "onset");
            String d = r.get("duration");
            String label = r.getOrDefault("trial_type", r.getOrDefault("value", "event"));
            out.add(new RecordingEvent(label, "", onset, d.equals("n/a") || d.equals("0") ? "" : "duration " + d
                    + " s"));
        }
        return out;
    }

    private static double coord(String v, Path p, int line, String column) {
        if (v == null || v.equals("n/a")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw DataException.at(p.toString(), line, column + " must be a number or n/a, found "
                    + Excerpt.quoted(v));
        }
    }

    // ------------------------------------------------------------------ export

    /**
     * Electrode positions for export: one per EMG channel, in mm (x along the fibres, y across), with the grid
     * shape (0 when not a grid).
     */
    public record Geometry(List<String> names, double[][] positionsMm, int rows, int cols, String montage) {

        /** The geometry of a MUAP bank's electrode array. */
        public static Geometry of(MuapBank bank) {
            double[][] pos = new double[bank.channelCount()][];
            for (int c = 0; c < pos.length; c++) {
                pos[c] = bank.electrodePosition(c);
            }
            return new Geometry(bank.channelLabels(), pos, bank.rows(), bank.cols(), bank.montage());
        }
    }

    /** Ground truth of a simulated run, each part optional (null). */
    public record GroundTruth(SpikeTrains spikes, Signal excitation, MuapBank muaps) {
    }

    /** What {@link #export} wrote. */
    public record Exported(Path root, Path dataFile, EdfWriter.Result edf, List<Path> files) {
    }

    /**
     * Writes a recording as one run of a BIDS-EMG dataset under {@code root} (created when absent; an existing
     * dataset gains the run and, if new, the participant).
     *
     * @param powerLineHz  the power line frequency (50 or 60 Hz)
     * @param bdf          24-bit BDF+ instead of 16-bit EDF+
     * @param geometry     the electrode positions, or null: positions "n/a"
     * @param truth        ground truth for derivatives/myoflow, or null
     */
    public static Exported export(Path root, Entities ent, Recording rec, double powerLineHz, boolean bdf,
            Geometry geometry, GroundTruth truth) {
        if (ent.subject().isEmpty() || ent.task().isEmpty()) {
            throw new DataException("BIDS export needs a subject and a task label");
        }
        if (!(powerLineHz > 0)) {
            throw new DataException("BIDS export: the power line frequency must be positive, got " + powerLineHz);
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(root);
            Path desc = root.resolve("dataset_description.json");
            if (!Files.exists(desc)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("Name", "Myoflow export");
                d.put("BIDSVersion", BIDS_VERSION);
                d.put("DatasetType", "raw");
                d.put("GeneratedBy", List.of(Map.of("Name", "Myoflow")));
                write(desc, Json.pretty(d), files);
            }
            Path participants = root.resolve("participants.tsv");
            String pid = "sub-" + ent.subject();
            List<String> rows = Files.exists(participants) ? new ArrayList<>(Files.readAllLines(participants))
                    : new ArrayList<>(List.of("participant_id"));
            if (rows.stream().noneMatch(r -> r.split("\t")[0].equals(pid))) {
                rows.add(pid + "\t".repeat(Math.max(0, rows.get(0).split("\t").length - 1))
                        .replace("\t", "\tn/a"));
                write(participants, String.join("\n", rows) + "\n", files);
            }
            Path folder = ent.folder(root);
            Files.createDirectories(folder);
            String base = ent.prefix();
            Path data = folder.resolve(base + "_emg" + (bdf ? ".bdf" : ".edf"));
            EdfWriter.Result edf = EdfWriter.write(rec, data, bdf);
            files.add(data);
            // channels.tsv
            StringBuilder ch = new StringBuilder("name\ttype\tunits\tstatus\tsignal_electrode\n");
            List<RecordingSignal> sigs = rec.signals();
            double rate = sigs.get(0).samplingRate();
            int emgCount = 0;
            int k = 0;
            for (RecordingSignal s : sigs) {
                for (int c = 0; c < s.channelCount(); c++) {
                    String name = edf.quantisation().get(k++).label();
                    if (s.kinds().get(c) == ChannelKind.EMG) {
                        emgCount++;
                    }
                    int idx = geometry == null ? -1 : geometry.names().indexOf(s.labels().get(c));
                    ch.append(name).append('\t').append(bidsType(s.kinds().get(c))).append('\t')
                            .append(unit(s.units().get(c))).append("\tgood\t")
                            .append(idx >= 0 ? "E" + (idx + 1) : "n/a").append('\n');
                }
            }
            write(sibling(data, "channels.tsv"), ch.toString(), files);
            // electrodes.tsv and coordsystem
            if (geometry != null) {
                StringBuilder el = new StringBuilder("name\tx\ty\tz\tcoordinate_system\tgroup\n");
                for (int i = 0; i < geometry.names().size(); i++) {
                    double[] p = geometry.positionsMm()[i];
                    el.append("E").append(i + 1).append('\t').append(num(p[0])).append('\t').append(num(p[1]))
                            .append('\t').append(p.length > 2 ? num(p[2]) : "0").append("\tarray\tarray\n");
                }
                write(sibling(data, "electrodes.tsv"), el.toString(), files);
                Map<String, Object> cs = new LinkedHashMap<>();
                cs.put("EMGCoordinateSystem", "Other");
                cs.put("EMGCoordinateUnits", "mm");
                cs.put("EMGCoordinateSystemDescription", "Electrode array plane: x along the muscle fibres, y "
                        + "across them, z normal to the skin; origin as the simulation's array geometry defines it"
                        + (geometry.rows() > 0 ? "; grid of " + geometry.rows() + " rows by " + geometry.cols()
                                + " columns" : ""));
                Path csFile = folder.resolve("sub-" + ent.subject() + (ent.session().isEmpty() ? ""
                        : "_ses-" + ent.session()) + "_space-array_coordsystem.json");
                write(csFile, Json.pretty(cs), files);
            }
            // events.tsv
            if (!rec.events().isEmpty()) {
                StringBuilder ev = new StringBuilder("onset\tduration\ttrial_type\n");
                for (RecordingEvent e : rec.events()) {
                    String d = e.description().startsWith("duration ") && e.description().endsWith(" s")
                            ? e.description().substring(9, e.description().length() - 2) : "0";
                    ev.append(num(e.timeS())).append('\t').append(d).append('\t')
                            .append(e.label().replace('\t', ' ')).append('\n');
                }
                write(sibling(data, "events.tsv"), ev.toString(), files);
            }
            // _emg.json
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("TaskName", ent.task());
            j.put("SamplingFrequency", rate);
            j.put("PowerLineFrequency", powerLineHz);
            j.put("SoftwareFilters", "n/a");
            j.put("HardwareFilters", "n/a");
            String montage = geometry == null ? "" : geometry.montage();
            j.put("EMGReference", montage.toLowerCase(Locale.ROOT).contains("differential")
                    ? "bipolar: each channel is the difference of neighbouring electrodes (" + montage + ")"
                    : "monopolar: each electrode against a common reference");
            j.put("EMGGround", "n/a");
            j.put("EMGPlacementScheme", geometry != null && geometry.rows() > 0 ? "Other" : "n/a");
            if (geometry != null && geometry.rows() > 0) {
                j.put("EMGPlacementSchemeDescription", "High-density grid of " + geometry.rows() + " x "
                        + geometry.cols() + " electrodes");
            }
            j.put("EMGChannelCount", emgCount);
            j.put("MiscChannelCount", edf.quantisation().size() - emgCount);
            j.put("RecordingType", "continuous");
            j.put("RecordingDuration", sigs.get(0).duration());
            j.put("Manufacturer", rec.vendor().isEmpty() ? "n/a" : rec.vendor());
            j.put("SoftwareVersions", "Myoflow");
            j.put("MyoflowQuantisation", edf.toMap());
            write(sibling(data, "emg.json"), Json.pretty(j), files);
            if (truth != null) {
                exportTruth(root, ent, truth, files);
            }
            return new Exported(root, data, edf, files);
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": " + e.getMessage(), e);
        }
    }

    private static void exportTruth(Path root, Entities ent, GroundTruth t, List<Path> files) throws IOException {
        Path der = root.resolve("derivatives").resolve("myoflow");
        Files.createDirectories(der);
        Path desc = der.resolve("dataset_description.json");
        if (!Files.exists(desc)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Name", "Myoflow simulation ground truth");
            d.put("BIDSVersion", BIDS_VERSION);
            d.put("DatasetType", "derivative");
            d.put("GeneratedBy", List.of(Map.of("Name", "Myoflow", "Description", "ground truth of the simulated "
                    + "EMG: motor unit spike trains, excitation and MUAPs")));
            write(desc, Json.pretty(d), files);
        }
        Path folder = ent.folder(der);
        Files.createDirectories(folder);
        String base = ent.prefix();
        if (t.spikes() != null) {
            StringBuilder b = new StringBuilder("unit\ttime\n");
            SpikeTrains s = t.spikes();
            for (int u = 0; u < s.unitCount(); u++) {
                for (double time : s.times(u)) {
                    b.append(s.unitLabels().get(u)).append('\t').append(num(time)).append('\n');
                }
            }
            write(folder.resolve(base + "_desc-groundtruth_spikes.tsv"), b.toString(), files);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("Description", "Discharge times of every simulated motor unit");
            j.put("unit", Map.of("Description", "motor unit label"));
            j.put("time", Map.of("Description", "discharge time from the start of the recording", "Units", "s"));
            j.put("Duration", s.duration());
            write(folder.resolve(base + "_desc-groundtruth_spikes.json"), Json.pretty(j), files);
        }
        if (t.excitation() != null) {
            ResultFiles.Written w = ResultFiles.write(t.excitation(), folder.resolve(base + "_desc-excitation"));
            files.add(w.npy());
            files.add(w.json());
        }
        if (t.muaps() != null) {
            ResultFiles.Written w = ResultFiles.write(t.muaps(), folder.resolve(base + "_desc-muaps"));
            files.add(w.npy());
            files.add(w.json());
        }
    }

    private static String unit(String u) {
        return u == null || u.isBlank() ? "n/a" : u.replace('μ', 'µ');
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void write(Path p, String text, List<Path> files) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        files.add(p);
    }
}
