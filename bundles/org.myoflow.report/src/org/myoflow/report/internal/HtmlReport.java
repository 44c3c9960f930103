package org.myoflow.report.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunResult;
import org.myoflow.report.Charts;

/**
 * The run's {@code report.html}: a summary, the provenance of each node and one PNG plot per output (JFreeChart,
 * rendered headless with AWT by {@link Charts}, the same charts the workbench shows).
 */
public final class HtmlReport {

    /** One output to show. */
    public record Item(String node, String port, Data data, String baseName) {
    }

    private HtmlReport() {
    }

    public static void write(RunResult run, List<Item> items, Path dir) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Myoflow run: ")
                .append(esc(run.experimentName())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;"
                        + "max-width:1000px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
                        + "font-size:90%;text-align:left}img{max-width:100%;border:1px solid #eee}</style></head><body>\n");
        h.append("<h1>").append(esc(run.experimentName())).append(" — ").append(esc(run.pipelineName()))
                .append("</h1>\n<p>Seed ").append(run.seed()).append(", ").append(run.threads())
                .append(" thread(s), started ").append(esc(run.started().toString())).append(", pipeline digest <code>")
                .append(esc(run.pipelineDigest())).append("</code>. Full provenance in <a href=\"run.json\">run.json</a>.</p>\n");
        h.append("<h2>Nodes</h2>\n<table><tr><th>node</th><th>step</th><th>bundle</th><th>time (ms)</th><th>cached</th>"
                + "<th>parameters</th></tr>\n");
        for (NodeResult n : run.nodes()) {
            h.append("<tr><td>").append(esc(n.nodeId())).append("</td><td>").append(esc(n.stepId())).append(' ')
                    .append(esc(n.stepVersion())).append("</td><td>").append(esc(n.bundleName())).append(' ')
                    .append(esc(n.bundleVersion())).append("</td><td>").append(n.durationMs()).append("</td><td>")
                    .append(n.fromCache()).append("</td><td>").append(esc(String.valueOf(n.parameters())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Outputs</h2>\n");
        for (Item it : items) {
            if (it.data() instanceof org.myoflow.core.data.ResultTable
                    || it.data() instanceof org.myoflow.core.data.Dataset) {
                h.append("<h3>").append(esc(it.node())).append('.').append(esc(it.port())).append("</h3>\n<p>")
                        .append(esc(it.data().toString())).append(" — <a href=\"").append(esc(it.baseName()))
                        .append(".json\">").append(esc(it.baseName())).append(".json</a></p>\n")
                        .append(table(it.data()));
                continue;
            }
            String png = it.baseName() + ".png";
            JFreeChart chart = Charts.create(it.node() + "." + it.port(), it.data());
            ChartUtils.saveChartAsPNG(dir.resolve(png).toFile(), chart, Charts.PREFERRED_WIDTH,
                    Charts.preferredHeight(it.data()));
            h.append("<h3>").append(esc(it.node())).append('.').append(esc(it.port())).append("</h3>\n<p>")
                    .append(esc(it.data().toString())).append(" — <a href=\"").append(esc(it.baseName()))
                    .append(".npy\">").append(esc(it.baseName())).append(".npy</a></p>\n<img src=\"").append(esc(png))
                    .append("\" alt=\"plot of ").append(esc(it.node() + "." + it.port())).append("\">\n");
            h.append(stats(it.data()));
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("report.html"), h.toString(), StandardCharsets.UTF_8);
    }

    /** A score table as rows and columns; a dataset as one row per trial (metadata and roles). */
    private static String table(Data d) {
        StringBuilder h = new StringBuilder("<table>");
        if (d instanceof org.myoflow.core.data.ResultTable t) {
            h.append("<tr><th></th>");
            t.columns().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("</tr>\n");
            for (int r = 0; r < t.rows().size(); r++) {
                h.append("<tr><td>").append(esc(t.rows().get(r))).append("</td>");
                for (int c = 0; c < t.columns().size(); c++) {
                    h.append("<td>").append(fmt(t.get(r, c))).append("</td>");
                }
                h.append("</tr>\n");
            }
        } else if (d instanceof org.myoflow.core.data.Dataset ds) {
            java.util.List<String> cols = new java.util.ArrayList<>();
            ds.trials().forEach(t -> t.metadata().keySet().forEach(k -> {
                if (!cols.contains(k)) {
                    cols.add(k);
                }
            }));
            h.append("<tr><th>#</th>");
            cols.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
            h.append("<th>signals (role: channels × samples @ Hz)</th></tr>\n");
            int i = 0;
            for (org.myoflow.core.data.Trial t : ds.trials()) {
                h.append("<tr><td>").append(++i).append("</td>");
                cols.forEach(c -> h.append("<td>").append(esc(t.metadata().getOrDefault(c, ""))).append("</td>"));
                StringBuilder sig = new StringBuilder();
                t.signals().forEach((role, s) -> sig.append(sig.isEmpty() ? "" : "; ").append(role).append(": ")
                        .append(s.channelCount()).append(" × ").append(s.sampleCount()).append(" @ ")
                        .append(fmt(s.samplingRate())));
                h.append("<td>").append(esc(sig.toString())).append("</td></tr>\n");
            }
        }
        return h.append("</table>\n").toString();
    }

    private static String stats(Data d) {
        if (!(d instanceof Signal s)) {
            return "";
        }
        StringBuilder h = new StringBuilder("<table><tr><th>channel</th><th>unit</th><th>min</th><th>max</th>"
                + "<th>mean</th><th>RMS</th></tr>\n");
        for (int c = 0; c < s.channelCount(); c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < s.sampleCount(); i++) {
                double v = s.get(c, i);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sq += v * v;
            }
            int n = Math.max(1, s.sampleCount());
            h.append("<tr><td>").append(esc(s.labels().get(c))).append("</td><td>").append(esc(s.units().get(c)))
                    .append("</td><td>").append(fmt(min)).append("</td><td>").append(fmt(max)).append("</td><td>")
                    .append(fmt(sum / n)).append("</td><td>").append(fmt(Math.sqrt(sq / n))).append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
