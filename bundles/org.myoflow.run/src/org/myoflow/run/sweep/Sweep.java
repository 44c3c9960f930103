package org.myoflow.run.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.myoflow.core.data.Digests;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A parameter sweep: an experiment file, the values of some parameters and a list of seeds, expanded into
 * {@link SweepTask}s. Without zipping the tasks are the Cartesian product of the grid's value lists (the last grid
 * entry varies fastest) times the seeds (varying fastest of all); zipped, the i-th task of the grid takes the i-th
 * value of every list (all lists of the same length, except one-value lists, which apply to every task). No
 * seeds: one task per grid point with the file's seed.
 * <p>
 * {@code DIR/sweep.json} records the file's SHA-256, the grid, the seeds and the task list; it is written before any
 * task runs (atomically), so a later call (a resumed sweep, a status, another executor) sees the same tasks.
 *
 * @since 0.3
 */
public final class Sweep {

    /** The file describing the sweep in its folder. */
    public static final String SWEEP_JSON = "sweep.json";
    /** The folder of the task run folders and logs. */
    public static final String TASKS = "tasks";
    /** The format name in sweep.json. */
    public static final String FORMAT = "myoflow-sweep";

    private final Path experimentFile;
    private final String sha256;
    private final String pipeline;
    private final Map<String, List<String>> grid;
    private final List<Long> seeds;
    private final boolean zip;
    private final List<SweepTask> tasks;

    private Sweep(Path experimentFile, String sha256, String pipeline, Map<String, List<String>> grid,
            List<Long> seeds, boolean zip, List<SweepTask> tasks) {
        this.experimentFile = experimentFile;
        this.sha256 = sha256;
        this.pipeline = pipeline;
        this.grid = grid;
        this.seeds = seeds;
        this.zip = zip;
        this.tasks = tasks;
    }

    /**
     * Expands a sweep.
     *
     * @param experimentFile the experiment (its SHA-256 is recorded)
     * @param pipeline       the pipeline to run (null: the first)
     * @param grid           {@code node.param -> values}, in order; may be empty (seeds only)
     * @param seeds          the seeds (empty: the file's seed)
     * @param zip            zip the value lists instead of taking their product
     * @throws IllegalArgumentException zipped lists of different lengths, an empty value list, a key that is not
     *                                  {@code node.param}, a repeated seed
     * @throws IOException              the experiment file cannot be read
     */
    public static Sweep expand(Path experimentFile, String pipeline, Map<String, List<String>> grid, List<Long> seeds,
            boolean zip) throws IOException {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--grid " + key + ": expected NODE.PARAM=V1,V2,...");
            }
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("--grid " + key + ": no values");
            }
            g.put(key, List.copyOf(e.getValue()));
        }
        if (new java.util.HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("--seeds: a seed is repeated in " + seeds);
        }
        List<Map<String, String>> points = new ArrayList<>();
        if (zip && !g.isEmpty()) {
            int n = 1;
            String first = null;
            for (Map.Entry<String, List<String>> e : g.entrySet()) {
                int size = e.getValue().size();
                if (size == 1) {
                    continue;
                }
                if (first == null) {
                    n = size;
                    first = e.getKey();
                } else if (size != n) {
                    throw new IllegalArgumentException("--zip: --grid " + e.getKey() + " has " + size
                            + " values but --grid " + first + " has " + n + " (zipped lists need equal lengths)");
                }
            }
            for (int i = 0; i < n; i++) {
                Map<String, String> p = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> e : g.entrySet()) {
                    p.put(e.getKey(), e.getValue().get(e.getValue().size() == 1 ? 0 : i));
                }
                points.add(p);
            }
        } else {
            points.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> e : g.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> p : points) {
                    for (String v : e.getValue()) {
                        Map<String, String> q = new LinkedHashMap<>(p);
                        q.put(e.getKey(), v);
                        next.add(q);
                    }
                }
                points = next;
            }
        }
        List<Long> s = seeds.isEmpty() ? Collections.singletonList(null) : seeds;
        List<SweepTask> tasks = new ArrayList<>();
        for (Map<String, String> p : points) {
            for (Long seed : s) {
                int i = tasks.size();
                tasks.add(new SweepTask(i, SweepTask.idOf(i), p, seed));
            }
        }
        return new Sweep(experimentFile.toAbsolutePath().normalize(), Digests.sha256(experimentFile), pipeline,
                Collections.unmodifiableMap(g), List.copyOf(seeds), zip, List.copyOf(tasks));
    }

    /**
     * Parses {@code --seeds}: comma-separated seeds and inclusive ranges, e.g. {@code 1-20} or {@code 1,5,10-12}.
     *
     * @throws IllegalArgumentException text that is none
     */
    public static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(p.substring(0, dash).trim());
                    long b = Long.parseLong(p.substring(dash + 1).trim());
                    if (b < a || b - a >= 1_000_000) {
                        throw new IllegalArgumentException("--seeds: range " + p + " is empty or too long");
                    }
                    for (long v = a; v <= b; v++) {
                        out.add(v);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds: '" + p + "' is not a seed or a range such as 1-20");
            }
        }
        return out;
    }

    /**
     * Parses one {@code --grid NODE.PARAM=V1,V2,...} into the map (in order).
     *
     * @throws IllegalArgumentException no '=', an empty value, a repeated key
     */
    public static void parseGrid(String text, Map<String, List<String>> into) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--grid " + text + ": expected NODE.PARAM=V1,V2,...");
        }
        String key = text.substring(0, eq).trim();
        if (into.containsKey(key)) {
            throw new IllegalArgumentException("--grid " + key + " is given twice");
        }
        List<String> values = new ArrayList<>();
        for (String v : text.substring(eq + 1).split(",", -1)) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("--grid " + text + ": an empty value");
            }
            values.add(v.trim());
        }
        into.put(key, values);
    }

    public Path experimentFile() {
        return experimentFile;
    }

    /** The SHA-256 of the experiment file when the sweep was expanded. */
    public String sha256() {
        return sha256;
    }

    /** The pipeline (null: the file's first). */
    public String pipeline() {
        return pipeline;
    }

    public Map<String, List<String>> grid() {
        return grid;
    }

    public List<Long> seeds() {
        return seeds;
    }

    public boolean zip() {
        return zip;
    }

    public List<SweepTask> tasks() {
        return tasks;
    }

    /** Whether another sweep runs the same experiment (same SHA-256) with the same tasks. */
    public boolean sameAs(Sweep other) {
        return sha256.equals(other.sha256) && Objects.equals(pipeline, other.pipeline) && grid.equals(other.grid)
                && seeds.equals(other.seeds) && zip == other.zip && tasks.equals(other.tasks);
    }

    /** The sweep.json text. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", 1);
        o.addProperty("experiment", experimentFile.toString());
        o.addProperty("sha256", sha256);
        if (pipeline != null) {
            o.addProperty("pipeline", pipeline);
        }
        JsonObject g = new JsonObject();
        grid.forEach((k, vs) -> {
            JsonArray a = new JsonArray();
            vs.forEach(a::add);
            g.add(k, a);
        });
        o.add("grid", g);
        JsonArray s = new JsonArray();
        seeds.forEach(s::add);
        o.add("seeds", s);
        o.addProperty("zip", zip);
        JsonArray ts = new JsonArray();
        for (SweepTask t : tasks) {
            JsonObject j = new JsonObject();
            j.addProperty("id", t.id());
            JsonObject sets = new JsonObject();
            t.sets().forEach(sets::addProperty);
            j.add("sets", sets);
            if (t.seed() != null) {
                j.addProperty("seed", t.seed());
            }
            ts.add(j);
        }
        o.add("tasks", ts);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /** Writes DIR/sweep.json atomically (a temporary file moved into place); creates DIR. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(TASKS));
        Path target = dir.resolve(SWEEP_JSON);
        Path tmp = Files.createTempFile(dir, ".sweep", ".tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads DIR/sweep.json.
     *
     * @throws IOException missing, unreadable or not a sweep description
     */
    public static Sweep read(Path dir) throws IOException {
        Path f = dir.resolve(SWEEP_JSON);
        JsonObject o;
        try {
            JsonElement el = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8));
            o = el.isJsonObject() ? el.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            throw new IOException(f + ": cannot be read as JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IOException(f + ": not a Myoflow sweep description (format is not '" + FORMAT + "')");
        }
        try {
            Map<String, List<String>> grid = new LinkedHashMap<>();
            o.getAsJsonObject("grid").entrySet().forEach(e -> {
                List<String> vs = new ArrayList<>();
                e.getValue().getAsJsonArray().forEach(v -> vs.add(v.getAsString()));
                grid.put(e.getKey(), List.copyOf(vs));
            });
            List<Long> seeds = new ArrayList<>();
            o.getAsJsonArray("seeds").forEach(v -> seeds.add(v.getAsLong()));
            List<SweepTask> tasks = new ArrayList<>();
            for (JsonElement el : o.getAsJsonArray("tasks")) {
                JsonObject j = el.getAsJsonObject();
                Map<String, String> sets = new LinkedHashMap<>();
                j.getAsJsonObject("sets").entrySet().forEach(e -> sets.put(e.getKey(), e.getValue().getAsString()));
                tasks.add(new SweepTask(tasks.size(), j.get("id").getAsString(), sets,
                        j.has("seed") ? j.get("seed").getAsLong() : null));
            }
            return new Sweep(Path.of(o.get("experiment").getAsString()), o.get("sha256").getAsString(),
                    o.has("pipeline") ? o.get("pipeline").getAsString() : null, Collections.unmodifiableMap(grid),
                    List.copyOf(seeds), o.get("zip").getAsBoolean(), List.copyOf(tasks));
        } catch (RuntimeException e) {
            throw new IOException(f + ": incomplete sweep description: " + e.getMessage(), e);
        }
    }
}
