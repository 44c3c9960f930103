package org.myoflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Roles;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;

/**
 * Reads a {@link Dataset} from a manifest ({@code dataset.tsv}) or a BIDS-EMG folder. Every signal file is read
 * through {@link Recordings} (any format a {@link org.myoflow.io.spi.RecordingReader} reads: C3D, OpenSim
 * {@code .sto}/{@code .mot}, TRC, EDF/BDF, CSV, ...) with {@link RecordingSelection#all()}: the group with the most
 * EMG channels, else the first group that is not markers, in the file's units.
 * <p>
 * Manifest: tab-separated, one header line, then one row per trial; blank lines and lines starting with {@code #}
 * are skipped. Columns (case-insensitive names): {@code subject}, {@code session}, {@code task}, {@code trial},
 * {@code condition} (metadata); {@code emg}, {@code envelope}, {@code kinematics}, {@code moments},
 * {@code simulated} (files of the built-in {@link Roles}); {@code file:ROLE} (a file of any other role); every
 * other column is free metadata. File paths are relative to the manifest's folder and must stay in it (no absolute
 * paths, no {@code ..} escape); an empty cell or {@code n/a} means the trial lacks that role.
 *
 * @since 0.3
 */
public final class DatasetFiles {

    /** The manifest's usual file name. */
    public static final String MANIFEST = "dataset.tsv";
    /** The prefix of a manifest column naming the file of a role that is not built in. */
    public static final String FILE_PREFIX = "file:";

    /**
     * One trial row of a manifest.
     *
     * @param row      1-based trial row (header and skipped lines not counted)
     * @param line     1-based line in the file
     * @param metadata metadata by column, fixed columns first
     * @param files    file by role, resolved against the manifest's folder
     * @param written  the file cells as written, by role
     */
    public record Row(int row, int line, Map<String, String> metadata, Map<String, Path> files,
            Map<String, String> written) {
    }

    /**
     * A parsed manifest.
     *
     * @param file  the manifest
     * @param roles the file columns' roles, in column order
     * @param rows  the trial rows
     */
    public record Manifest(Path file, List<String> roles, List<Row> rows) {

        /**
         * Every file cell naming a file that does not exist, as one message each: {@code dataset.tsv row 3
         * (line 4), column 'envelope': file not found: data/x.sto}.
         */
        public List<String> missing() {
            List<String> out = new ArrayList<>();
            for (Row r : rows) {
                r.files().forEach((role, p) -> {
                    if (!Files.isRegularFile(p)) {
                        out.add(where(file, r, role) + ": file not found: " + Excerpt.of(r.written().get(role), 200)
                                + (Files.isDirectory(p) ? " (a folder)" : ""));
                    }
                });
            }
            return out;
        }

        /** Reads every trial's files; a {@link DataException} names the row and column of a file that fails. */
        public Dataset load() {
            List<String> missing = missing();
            if (!missing.isEmpty()) {
                throw new DataException(missing.get(0) + (missing.size() > 1 ? " (and " + (missing.size() - 1)
                        + " more)" : ""));
            }
            List<Trial> trials = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Signal> signals = new LinkedHashMap<>();
                Map<String, String> sources = new LinkedHashMap<>();
                for (Map.Entry<String, Path> e : r.files().entrySet()) {
                    try {
                        signals.put(e.getKey(), readSignal(e.getValue()));
                    } catch (DataException | UncheckedIOException ex) {
                        throw new DataException(where(file, r, e.getKey()) + ": " + ex.getMessage(), ex);
                    }
                    sources.put(e.getKey(), r.written().get(e.getKey()));
                }
                trials.add(new Trial(r.metadata(), signals, sources));
            }
            return new Dataset(trials);
        }
    }

    private DatasetFiles() {
    }

    static String where(Path file, Row r, String role) {
        String col = Roles.BUILT_IN.contains(role) ? role : FILE_PREFIX + role;
        return file.getFileName() + " row " + r.row() + " (line " + r.line() + "), column '" + col + "'";
    }

    /** Reads one signal file the way a manifest's cells are read. */
    public static Signal readSignal(Path file) {
        Recording rec = Recordings.read(file);
        return RecordingSelection.all().apply(rec);
    }

    /**
     * Parses a manifest (no signal file is read: cheap enough for validation).
     *
     * @throws DataException naming the line of a malformed row, a bad header, or a path that leaves the folder
     */
    public static Manifest manifest(Path tsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(tsv + ": file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataException(tsv + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(tsv + ": " + e.getMessage(), e);
        }
        String name = String.valueOf(tsv.getFileName());
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!skip(lines.get(i))) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new DataException(name + ": empty manifest (expected a header line with columns such as subject, "
                    + "trial, emg, envelope)");
        }
        String[] cols = split(lines.get(header));
        List<String> kinds = new ArrayList<>(); // "meta:<name>" or "role:<role>"
        List<String> roles = new ArrayList<>();
        for (int c = 0; c < cols.length; c++) {
            String h = cols[c].strip();
            String lower = h.toLowerCase(Locale.ROOT);
            if (h.isEmpty()) {
                throw new DataException(name + " line " + (header + 1) + ": column " + (c + 1) + " has no name");
            }
            String kind;
            if (Roles.BUILT_IN.contains(lower)) {
                kind = "role:" + lower;
            } else if (lower.startsWith(FILE_PREFIX)) {
                String role = h.substring(FILE_PREFIX.length()).strip();
                if (!Roles.valid(role)) {
                    throw new DataException(name + " line " + (header + 1) + ", column '" + Excerpt.of(h, 80)
                            + "': " + "invalid role: a role is 1-64 letters, digits, '.', '_' or '-', starting with "
                            + "a letter");
                }
                kind = "role:" + role;
            } else {
                kind = "meta:" + (Trial.FIXED_COLUMNS.contains(lower) ? lower : h);
            }
            if (kinds.contains(kind)) {
                throw new DataException(name + " line " + (header + 1) + ": column '" + Excerpt.of(h, 80)
                        + "' appears twice");
            }
            kinds.add(kind);
            if (kind.startsWith("role:")) {
                roles.add(kind.substring(5));
            }
        }
        if (roles.isEmpty()) {
            throw new DataException(name + " line " + (header + 1) + ": no file column (expected one of "
                    + String.join(", ", Roles.BUILT_IN) + " or file:ROLE)");
        }
        Path folder = tsv.toAbsolutePath().normalize().getParent();
        List<Row> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (skip(line)) {
                continue;
            }
            String[] cells = split(line);
            int rowNo = rows.size() + 1;
            if (cells.length != cols.length) {
                throw new DataException(name + " row " + rowNo + " (line " + (i + 1) + "): " + cells.length
                        + " cells, the header has " + cols.length + " columns");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            for (String f : Trial.FIXED_COLUMNS) {
                meta.put(f, "");
            }
            Map<String, Path> files = new LinkedHashMap<>();
            Map<String, String> written = new LinkedHashMap<>();
            for (int c = 0; c < cols.length; c++) {
                String v = cells[c].strip();
                String k = kinds.get(c);
                if (k.startsWith("meta:")) {
                    meta.put(k.substring(5), v.equalsIgnoreCase("n/a") ? "" : v);
                    continue;
                }
                if (v.isEmpty() || v.equalsIgnoreCase("n/a")) {
                    continue;
                }
                String role = k.substring(5);
                Row probe = new Row(rowNo, i + 1, meta, files, written);
                Path p;
                try {
                    Path raw = Path.of(v);
                    if (raw.isAbsolute()) {
                        throw new DataException(where(tsv, probe, role) + ": '" + Excerpt.of(v, 200) + "' is an "
                                + "absolute path; manifest paths are relative to the manifest's folder");
                    }
                    p = folder.resolve(raw).normalize();
                } catch (InvalidPathException e) {
                    throw new DataException(where(tsv, probe, role) + ": '" + Excerpt.of(v, 200) + "' is not a "
                            + "valid path");
                }
                if (!p.startsWith(folder)) {
                    throw new DataException(where(tsv, probe, role) + ": '" + Excerpt.of(v, 200) + "' leaves the "
                            + "manifest's folder (a '..' escape); the files of a dataset lie in its folder or below");
                }
                files.put(role, p);
                written.put(role, v);
            }
            rows.add(new Row(rowNo, i + 1, Collections.unmodifiableMap(meta), Collections.unmodifiableMap(files),
                    Collections.unmodifiableMap(written)));
        }
        if (rows.isEmpty()) {
            throw new DataException(name + ": the manifest lists no trial");
        }
        return new Manifest(tsv, List.copyOf(roles), List.copyOf(rows));
    }

    private static boolean skip(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static String[] split(String line) {
        return line.split("\t", -1);
    }

    /**
     * The EMG recordings of a BIDS dataset as a manifest: one row per {@code *_emg.edf|bdf} (role {@code emg}),
     * metadata from the file name's entities (subject, session, task, {@code run} as trial, {@code acq} as the
     * extra column {@code acquisition}).
     *
     * @param root the dataset folder (with {@code dataset_description.json})
     */
    public static Manifest bids(Path root) {
        List<Bids.Entry> entries = Bids.list(root);
        if (entries.isEmpty()) {
            throw new DataException(root + ": the BIDS dataset holds no EMG recording (sub-*/[ses-*/]emg/"
                    + "*_emg.edf or .bdf)");
        }
        Path folder = root.toAbsolutePath().normalize();
        List<Row> rows = new ArrayList<>();
        for (Bids.Entry e : entries) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(Trial.SUBJECT, e.entities().subject());
            meta.put(Trial.SESSION, e.entities().session());
            meta.put(Trial.TASK, e.entities().task());
            meta.put(Trial.TRIAL, e.entities().run());
            meta.put(Trial.CONDITION, "");
            if (!e.entities().acquisition().isEmpty()) {
                meta.put("acquisition", e.entities().acquisition());
            }
            Path p = e.file().toAbsolutePath().normalize();
            String rel = folder.relativize(p).toString().replace('\\', '/');
            rows.add(new Row(rows.size() + 1, rows.size() + 1, meta, Map.of(Roles.EMG, p), Map.of(Roles.EMG, rel)));
        }
        return new Manifest(folder.resolve("dataset_description.json"), List.of(Roles.EMG), rows);
    }

    /**
     * What a BIDS dataset lacks for reading: each recording's {@code _channels.tsv} and {@code _emg.json} sidecars,
     * one message each naming the recording.
     */
    public static List<String> bidsMissing(Manifest m) {
        List<String> out = new ArrayList<>();
        for (Row r : m.rows()) {
            Path data = r.files().get(Roles.EMG);
            for (String suffix : List.of("channels.tsv", "emg.json")) {
                Path side = Bids.sibling(data, suffix);
                if (!Files.isRegularFile(side)) {
                    out.add("BIDS recording " + r.row() + " (" + r.written().get(Roles.EMG) + "): sidecar "
                            + side.getFileName() + " not found");
                }
            }
        }
        return out;
    }

    /** Reads a BIDS dataset's EMG recordings with their sidecars ({@link Bids#read}). */
    public static Dataset loadBids(Manifest m) {
        List<Trial> trials = new ArrayList<>();
        for (Row r : m.rows()) {
            Path data = r.files().get(Roles.EMG);
            Signal s;
            try {
                s = RecordingSelection.all().apply(Bids.read(data).recording());
            } catch (DataException | UncheckedIOException ex) {
                throw new DataException("BIDS recording " + r.row() + " (" + r.written().get(Roles.EMG) + "): "
                        + ex.getMessage(), ex);
            }
            trials.add(new Trial(r.metadata(), Map.of(Roles.EMG, s), Map.of(Roles.EMG, r.written().get(Roles.EMG))));
        }
        return new Dataset(trials);
    }
}
