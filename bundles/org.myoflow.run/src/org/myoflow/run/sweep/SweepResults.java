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
 * done tasks, the mean, the standard deviation (population) and the RMS over all values of each output array
 * {@code <node>.<port>.npy} of its run folder (columns {@code <node>.<port>.mean}, {@code .sd} and {@code .rms});
 * an output of exactly one value is a scalar result the step reports (e.g. a figure of merit) and gets one column
 * {@code <node>.<port>} with that value.
 * {@link #plot} draws one column against a swept parameter (SVG).
 *
 * @since 0.3
 */
public final class SweepResults {

    /**
     * The state of a task. {@link #QUEUED} and {@link #RUNNING} come from a cluster's queue
     * ({@link SlurmExecutor#states}); the folders alone give done, failed or pending.
     */
    public enum State {
        DONE, FAILED, PENDING, QUEUED, RUNNING
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
                    if (e.getValue()[3] == 1) {
                        // a scalar output (one value): the step's figure itself
                        row.put(e.getKey(), e.getValue()[0]);
                        statColumns.put(e.getKey(), true);
                        continue;
                    }
                    row.put(e.getKey() + ".mean", e.getValue()[0]);
                    row.put(e.getKey() + ".rms", e.getValue()[1]);
                    row.put(e.getKey() + ".sd", e.getValue()[2]);
                    statColumns.put(e.getKey() + ".mean", true);
                    statColumns.put(e.getKey() + ".rms", true);
                    statColumns.put(e.getKey() + ".sd", true);
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

    /**
     * Mean, RMS, standard deviation (population, about the mean) and number of values over all values of each
     * {@code <node>.<port>.npy} of a run folder, by {@code <node>.<port>} ({@code {mean, rms, sd, n}}).
     */
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
            double mean = sum / n;
            double dev = 0;
            for (double v : t.values()) {
                dev += (v - mean) * (v - mean);
            }
            String name = f.getFileName().toString();
            out.put(name.substring(0, name.length() - 4), n == 0
                    ? new double[] { Double.NaN, Double.NaN, Double.NaN, 0 }
                    : new double[] { mean, Math.sqrt(squares / n), Math.sqrt(dev / n), n });
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

    /**
     * Draws a column of the collected table against a swept parameter into {@code DIR/plot-FIGURE-vs-PARAM.svg}:
     * one dot per done task, and a line through the mean of the tasks at each parameter value (seeds and other
     * parameters pooled). A parameter whose values are all numbers gets a linear axis, else one slot per value.
     *
     * @param figure a numeric column of the table, e.g. {@code emg.emg.rms} or {@code seconds}
     * @param param  a grid key ({@code node.param}) or {@code seed}
     * @return the SVG file
     * @throws IllegalArgumentException no such column or parameter, or no done task with a value
     */
    public static Path plot(Sweep sweep, Path dir, String figure, String param) throws IOException {
        List<Map<String, Object>> rows = collect(sweep, dir);
        if (!param.equals("seed") && !sweep.grid().containsKey(param)) {
            throw new IllegalArgumentException("'" + param + "' is not a swept parameter (parameters: "
                    + String.join(", ", sweep.grid().keySet()) + (sweep.seeds().isEmpty() ? "" : ", seed") + ")");
        }
        if (rows.isEmpty() || !rows.get(0).containsKey(figure) || figure.equals("task") || figure.equals("status")) {
            List<String> numeric = rows.isEmpty() ? List.of() : rows.get(0).keySet().stream()
                    .filter(k -> !k.equals("task") && !k.equals("status") && !k.equals("seed")
                            && !sweep.grid().containsKey(k)).toList();
            throw new IllegalArgumentException("no column '" + figure + "' in the table (figures: "
                    + String.join(", ", numeric) + ")");
        }
        List<String> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if ("done".equals(r.get("status")) && r.get(figure) instanceof Number y && r.get(param) != null
                    && Double.isFinite(y.doubleValue())) {
                xs.add(r.get(param).toString());
                ys.add(y.doubleValue());
            }
        }
        if (ys.isEmpty()) {
            throw new IllegalArgumentException("no done task has a value of '" + figure + "'");
        }
        List<String> levels = xs.stream().distinct().toList();
        boolean numeric = levels.stream().allMatch(v -> {
            try {
                return Double.isFinite(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return false;
            }
        });
        double[] xv = new double[xs.size()];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = numeric ? Double.parseDouble(xs.get(i)) : levels.indexOf(xs.get(i));
        }
        double x0 = java.util.Arrays.stream(xv).min().orElseThrow();
        double x1 = java.util.Arrays.stream(xv).max().orElseThrow();
        double y0 = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double y1 = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (x1 == x0) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (y1 == y0) {
            double pad = y0 == 0 ? 1 : Math.abs(y0) * 0.05;
            y0 -= pad;
            y1 += pad;
        }
        double padX = (x1 - x0) * 0.05;
        double padY = (y1 - y0) * 0.08;
        x0 -= padX;
        x1 += padX;
        y0 -= padY;
        y1 += padY;
        int w = 640;
        int h = 420;
        int left = 90;
        int right = 20;
        int top = 40;
        int bottom = 60;
        double fx0 = x0;
        double fx1 = x1;
        double fy0 = y0;
        double fy1 = y1;
        java.util.function.DoubleUnaryOperator px = x -> left + (x - fx0) / (fx1 - fx0) * (w - left - right);
        java.util.function.DoubleUnaryOperator py = y -> h - bottom - (y - fy0) / (fy1 - fy0) * (h - top - bottom);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s against %s (%d tasks)"
                + "</text>%n", left, xml(figure), xml(param), ys.size()));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", left, top, w - left - right, h - top - bottom));
        for (int i = 0; i <= 4; i++) {
            double y = fy0 + (fy1 - fy0) * i / 4;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                left - 6, py.applyAsDouble(y) + 4, xml(String.format(Locale.ROOT, "%.4g", y))));
        }
        if (numeric) {
            for (int i = 0; i <= 4; i++) {
                double x = fx0 + (fx1 - fx0) * i / 4;
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px.applyAsDouble(x), h - bottom + 18, xml(String.format(Locale.ROOT, "%.4g", x))));
            }
        } else {
            for (int i = 0; i < levels.size(); i++) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px.applyAsDouble(i), h - bottom + 18, xml(levels.get(i))));
            }
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            left + (w - left - right) / 2, h - 16, xml(param)));
        TreeMap<Double, double[]> means = new TreeMap<>();
        for (int i = 0; i < xv.length; i++) {
            double[] m = means.computeIfAbsent(xv[i], k -> new double[2]);
            m[0] += ys.get(i);
            m[1]++;
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"#1f77b4\" "
                    + "fill-opacity=\"0.6\"><title>%s=%s: %s</title></circle>%n", px.applyAsDouble(xv[i]),
                py.applyAsDouble(ys.get(i)), xml(param), xml(xs.get(i)), ys.get(i)));
        }
        StringBuilder line = new StringBuilder();
        means.forEach((x, m) -> line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT,
            "%.2f,%.2f", px.applyAsDouble(x), py.applyAsDouble(m[0] / m[1]))));
        b.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"").append(line)
                .append("\"><title>mean</title></polyline>\n");
        b.append("</svg>\n");
        Path svg = dir.resolve("plot-" + fileSafe(figure) + "-vs-" + fileSafe(param) + ".svg");
        Files.writeString(svg, b.toString(), StandardCharsets.UTF_8);
        return svg;
    }

    private static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
