package org.myoflow.run.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.myoflow.core.data.NumericTable;
import org.myoflow.io.Npy;
import org.myoflow.report.RunFolder;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The state of a sweep's tasks from their folders and logs, and the collected table.
 * <p>
 * A task is <b>done</b> when its run folder is complete ({@link SweepTask#complete}), <b>failed</b> when its log
 * says it ended with another status than OK or CANCELLED, else <b>pending</b> (never run, cancelled, or killed).
 * The collected table has one row per task: its id, the swept parameters, the seed, the status, the wall time
 * (seconds from loading to the published folder, from the task's log; else run.json's {@code durationMs}) and, for
 * done tasks, the mean and the RMS over all values of each output array {@code <node>.<port>.npy} of its run folder
 * (columns {@code <node>.<port>.mean} and {@code <node>.<port>.rms}).
 *
 * @since 0.3
 */
public final class SweepResults {

    /** The state of a task. */
    public enum State {
        DONE, FAILED, PENDING
    }

    /**
     * One task's state.
     *
     * @param task    the task
     * @param state   done, failed or pending
     * @param seconds the wall time of its last run (NaN when unknown)
     * @param log     the lines of its log (empty when none)
     */
    public record TaskState(SweepTask task, State state, double seconds, List<String> log) {
    }

    /** Output arrays larger than this are not read for the summary statistics (their cells stay empty). */
    static final long MAX_STAT_BYTES = 512L << 20;

    private SweepResults() {
    }

    /** The state of every task of the sweep in {@code dir}. */
    public static List<TaskState> states(Sweep sweep, Path dir) throws IOException {
        List<TaskState> out = new ArrayList<>();
        for (SweepTask t : sweep.tasks()) {
            List<String> log = Files.isRegularFile(t.log(dir))
                    ? Files.readAllLines(t.log(dir), StandardCharsets.UTF_8) : List.of();
            String status = field(log, "status");
            double seconds = Double.NaN;
            try {
                String s = field(log, "seconds");
                if (s != null) {
                    seconds = Double.parseDouble(s);
                }
            } catch (NumberFormatException e) {
                // unknown
            }
            State state;
            if (t.complete(dir)) {
                state = State.DONE;
                if (!"OK".equals(status)) {
                    seconds = runJsonSeconds(t.folder(dir));
                }
            } else if (status != null && !"OK".equals(status) && !"CANCELLED".equals(status)) {
                state = State.FAILED;
            } else {
                state = State.PENDING;
            }
            out.add(new TaskState(t, state, seconds, log));
        }
        return out;
    }

    private static String field(List<String> log, String name) {
        for (String l : log.subList(0, Math.min(3, log.size()))) {
            if (l.startsWith(name + ": ")) {
                return l.substring(name.length() + 2).trim();
            }
        }
        return null;
    }

    private static double runJsonSeconds(Path folder) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(folder.resolve(RunFolder.RUN_JSON)))
                    .getAsJsonObject();
            return o.has("durationMs") ? o.get("durationMs").getAsDouble() / 1000 : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The rows of the collected table (column name to value: text, number or null), in task order; all rows have
     * the same columns.
     */
    public static List<Map<String, Object>> collect(Sweep sweep, Path dir) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        TreeMap<String, Boolean> statColumns = new TreeMap<>();
        for (TaskState s : states(sweep, dir)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", s.task().id());
            sweep.grid().keySet().forEach(k -> row.put(k, s.task().sets().get(k)));
            row.put("seed", s.task().seed());
            row.put("status", s.state().name().toLowerCase(Locale.ROOT));
            row.put("seconds", Double.isNaN(s.seconds()) ? null : s.seconds());
            if (s.state() == State.DONE) {
                for (Map.Entry<String, double[]> e : statistics(s.task().folder(dir)).entrySet()) {
                    row.put(e.getKey() + ".mean", e.getValue()[0]);
                    row.put(e.getKey() + ".rms", e.getValue()[1]);
                    statColumns.put(e.getKey() + ".mean", true);
                    statColumns.put(e.getKey() + ".rms", true);
                }
            }
            rows.add(row);
        }
        List<Map<String, Object>> full = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (!statColumns.containsKey(k)) {
                    r.put(k, v);
                }
            });
            statColumns.keySet().forEach(c -> r.put(c, row.get(c)));
            full.add(r);
        }
        return full;
    }

    /** Mean and RMS over all values of each {@code <node>.<port>.npy} of a run folder, by {@code <node>.<port>}. */
    public static Map<String, double[]> statistics(Path runFolder) throws IOException {
        Map<String, double[]> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(runFolder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
        }
        for (Path f : files) {
            if (Files.size(f) > MAX_STAT_BYTES) {
                continue;
            }
            NumericTable t = Npy.read(f);
            double sum = 0;
            double squares = 0;
            for (double v : t.values()) {
                sum += v;
                squares += v * v;
            }
            int n = t.values().length;
            String name = f.getFileName().toString();
            out.put(name.substring(0, name.length() - 4),
                new double[] { n == 0 ? Double.NaN : sum / n, n == 0 ? Double.NaN : Math.sqrt(squares / n) });
        }
        return out;
    }

    /** Writes {@code results.csv} and {@code results.json} into {@code dir}; returns the number of rows. */
    public static int write(Sweep sweep, Path dir) throws IOException {
        List<Map<String, Object>> rows = collect(sweep, dir);
        StringBuilder csv = new StringBuilder();
        if (!rows.isEmpty()) {
            csv.append(String.join(",", rows.get(0).keySet().stream().map(SweepResults::csvCell).toList()))
                    .append('\n');
        }
        for (Map<String, Object> r : rows) {
            csv.append(String.join(",", r.values().stream().map(SweepResults::csvCell).toList())).append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv.toString(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "myoflow-sweep-results");
        json.put("experiment", sweep.experimentFile().toString());
        json.put("sha256", sweep.sha256());
        json.put("rows", rows);
        Files.writeString(dir.resolve("results.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeNulls().serializeSpecialFloatingPointValues().create().toJson(json) + "\n",
                StandardCharsets.UTF_8);
        return rows.size();
    }

    private static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? Double.toString(d) : v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
