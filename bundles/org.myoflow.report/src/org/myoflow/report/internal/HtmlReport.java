package org.myoflow.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunResult;

/**
 * The run's {@code report.html}: a summary, the provenance of each node and one PNG plot per output (JFreeChart,
 * rendered headless with AWT).
 */
public final class HtmlReport {

    /** Most channels drawn per signal plot (one panel each). */
    static final int MAX_PANELS = 8;
    /** Most points drawn per channel: longer signals are reduced to per-bucket min and max. */
    static final int MAX_BUCKETS = 2000;

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
            String png = it.baseName() + ".png";
            JFreeChart chart = chart(it);
            int height = it.data() instanceof Signal s ? 120 + 110 * Math.min(MAX_PANELS, panels(s))
                    : it.data() instanceof MuapBank b ? MuapGridChart.height(b)
                    : it.data() instanceof MuapBankSeries ms ? MuapGridChart.height(ms.first()) : 420;
            ChartUtils.saveChartAsPNG(dir.resolve(png).toFile(), chart, 900, height);
            h.append("<h3>").append(esc(it.node())).append('.').append(esc(it.port())).append("</h3>\n<p>")
                    .append(esc(it.data().toString())).append(" — <a href=\"").append(esc(it.baseName()))
                    .append(".npy\">").append(esc(it.baseName())).append(".npy</a></p>\n<img src=\"").append(esc(png))
                    .append("\" alt=\"plot of ").append(esc(it.node() + "." + it.port())).append("\">\n");
            h.append(stats(it.data()));
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("report.html"), h.toString(), StandardCharsets.UTF_8);
    }

    static JFreeChart chart(Item it) {
        String title = it.node() + "." + it.port();
        if (it.data() instanceof Signal s) {
            return signalChart(title, s);
        }
        if (it.data() instanceof SpikeTrains st) {
            return rasterChart(title, st);
        }
        if (it.data() instanceof MuapBank b) {
            return MuapGridChart.create(title, b);
        }
        if (it.data() instanceof MuapBankSeries ms) {
            // the first update; the series' own length is in the title
            return MuapGridChart.create(title + " at t = " + ms.time(0) + " s (" + ms.size() + " updates)",
                    ms.first());
        }
        return tableChart(title, it.data());
    }

    /** Separator of an overlay label "panel | series": such channels share one panel, one line each. */
    static final String OVERLAY = " | ";

    static final Color[] OVERLAY_COLOURS = {new Color(0, 0, 0), new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40)};

    /** Panels a signal's plot has: one per channel, or one per panel name of overlay labels. */
    static int panels(Signal s) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String l : s.labels()) {
            if (!l.contains(OVERLAY)) {
                return s.channelCount();
            }
            names.add(l.substring(0, l.indexOf(OVERLAY)));
        }
        return Math.max(1, names.size());
    }

    static JFreeChart signalChart(String title, Signal s) {
        boolean overlay = !s.labels().isEmpty();
        for (String l : s.labels()) {
            overlay &= l.contains(OVERLAY);
        }
        return overlay ? overlayChart(title, s) : panelChart(title, s);
    }

    /**
     * Channels labelled "panel | series" (e.g. "BIClong | measured", "BIClong | refined"): one panel per distinct
     * panel name, in order of first appearance, each series a line with a legend entry.
     */
    static JFreeChart overlayChart(String title, Signal s) {
        java.util.LinkedHashMap<String, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int c = 0; c < s.channelCount(); c++) {
            String l = s.labels().get(c);
            groups.computeIfAbsent(l.substring(0, l.indexOf(OVERLAY)), k -> new java.util.ArrayList<>()).add(c);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.setGap(6);
        int shown = 0;
        for (var g : groups.entrySet()) {
            if (shown++ == MAX_PANELS) {
                break;
            }
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            int k = 0;
            for (int c : g.getValue()) {
                String l = s.labels().get(c);
                XYSeries series = new XYSeries(l.substring(l.indexOf(OVERLAY) + OVERLAY.length()), false, true);
                addDecimated(series, s, c);
                data.addSeries(series);
                r.setSeriesPaint(k, OVERLAY_COLOURS[k % OVERLAY_COLOURS.length]);
                r.setSeriesStroke(k, new BasicStroke(k == 0 ? 1.6f : 1.0f));
                k++;
            }
            NumberAxis y = new NumberAxis(g.getKey());
            y.setAutoRangeIncludesZero(false);
            plot.add(new XYPlot(data, null, y, r), 1);
        }
        JFreeChart chart = new JFreeChart(title + (groups.size() > MAX_PANELS
                ? " (first " + MAX_PANELS + " of " + groups.size() + " panels)" : ""), JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart panelChart(String title, Signal s) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.setGap(6);
        int panels = Math.min(MAX_PANELS, s.channelCount());
        for (int c = 0; c < panels; c++) {
            XYSeries series = new XYSeries(s.labels().get(c), false, true);
            addDecimated(series, s, c);
            String unit = s.units().get(c);
            NumberAxis y = new NumberAxis(s.labels().get(c) + (unit.isEmpty() ? "" : " (" + unit + ")"));
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, new Color(31, 119, 180));
            r.setSeriesStroke(0, new BasicStroke(1.0f));
            plot.add(new XYPlot(new XYSeriesCollection(series), null, y, r), 1);
        }
        JFreeChart chart = new JFreeChart(title + (s.channelCount() > panels
                ? " (first " + panels + " of " + s.channelCount() + " channels)" : ""), JFreeChart.DEFAULT_TITLE_FONT,
                plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Adds a channel, reduced to min/max pairs per bucket when longer than {@link #MAX_BUCKETS} samples. */
    static void addDecimated(XYSeries series, Signal s, int c) {
        int n = s.sampleCount();
        if (n <= 2 * MAX_BUCKETS) {
            for (int i = 0; i < n; i++) {
                series.add(s.timeAt(i), s.get(c, i), false);
            }
            return;
        }
        double per = (double) n / MAX_BUCKETS;
        for (int b = 0; b < MAX_BUCKETS; b++) {
            int from = (int) (b * per);
            int to = (int) Math.min(n, (b + 1) * per);
            int iMin = from;
            int iMax = from;
            for (int i = from; i < to; i++) {
                if (s.get(c, i) < s.get(c, iMin)) {
                    iMin = i;
                }
                if (s.get(c, i) > s.get(c, iMax)) {
                    iMax = i;
                }
            }
            int a = Math.min(iMin, iMax);
            int z = Math.max(iMin, iMax);
            series.add(s.timeAt(a), s.get(c, a), false);
            if (z != a) {
                series.add(s.timeAt(z), s.get(c, z), false);
            }
        }
    }

    static JFreeChart rasterChart(String title, SpikeTrains st) {
        XYSeries series = new XYSeries("spikes", false, true);
        for (int u = 0; u < st.unitCount(); u++) {
            for (double t : st.times(u)) {
                series.add(t, u + 1, false);
            }
        }
        XYDotRenderer r = new XYDotRenderer();
        r.setDotWidth(2);
        r.setDotHeight(2);
        r.setSeriesPaint(0, Color.BLACK);
        NumberAxis x = new NumberAxis("time (s)");
        x.setRange(0, Math.max(st.duration(), 1e-9));
        NumberAxis y = new NumberAxis("motor unit");
        y.setRange(0, st.unitCount() + 1);
        JFreeChart chart = new JFreeChart(title + " (" + st.unitCount() + " units, " + st.totalSpikeCount()
                + " spikes)", JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(new XYSeriesCollection(series), x, y, r), false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart tableChart(String title, Data d) {
        var t = d.toTable();
        XYSeriesCollection col = new XYSeriesCollection();
        for (int c = 0; c < Math.min(MAX_PANELS, t.cols()); c++) {
            XYSeries s = new XYSeries("column " + c, false, true);
            for (int r = 0; r < t.rows(); r++) {
                s.add(r, t.get(r, c), false);
            }
            col.addSeries(s);
        }
        XYPlot plot = new XYPlot(col, new NumberAxis("row"), new NumberAxis("value"),
                new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
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
