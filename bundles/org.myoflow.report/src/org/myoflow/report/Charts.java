package org.myoflow.report;

import java.awt.BasicStroke;
import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.report.internal.MuapGridChart;

/**
 * One JFreeChart per result, shared by the run folder's {@code report.html} and the workbench's result views, so
 * a result looks the same in both. Headless: AWT/Java2D only, no SWT; the caller renders the chart (PNG, SVG or a
 * widget).
 * <ul>
 * <li>{@link Signal}: one panel per channel, stacked over a shared time axis (a {@link CombinedDomainXYPlot}); when
 * every channel label reads "panel | series" (e.g. "BIClong | measured", "BIClong | refined") the channels of a
 * panel are overlaid, one line and legend entry each;</li>
 * <li>{@link SpikeTrains}: a raster, one row per motor unit;</li>
 * <li>{@link MuapBank}: MUAP waveforms over the electrode array layout, a few units side by side;</li>
 * <li>{@link MuapBankSeries}: the bank of one update time ({@link #create(String, MuapBankSeries, int)});</li>
 * <li>anything else: the columns of its table.</li>
 * </ul>
 * At most {@value #MAX_PANELS} panels are drawn; longer signals than 2 × {@value #MAX_BUCKETS} samples are
 * reduced to the minimum and maximum of each of {@value #MAX_BUCKETS} buckets, which keeps every peak visible.
 *
 * @since 0.1
 */
public final class Charts {

    /** Most channels drawn per signal plot (one panel each). */
    public static final int MAX_PANELS = 8;
    /** Most points drawn per channel: longer signals are reduced to per-bucket min and max. */
    public static final int MAX_BUCKETS = 2000;
    /** Width in pixels of the report's plots; {@link #preferredHeight} goes with it. */
    public static final int PREFERRED_WIDTH = 900;

    private Charts() {
    }

    /**
     * @param title the chart title, e.g. {@code "emg.signal"} (node and port)
     * @param data  a result; a {@link MuapBankSeries} shows its first update
     * @return a new chart for the result (the caller may zoom it; nothing is shared between calls)
     */
    public static JFreeChart create(String title, Data data) {
        if (data instanceof Signal s) {
            return signalChart(title, s);
        }
        if (data instanceof SpikeTrains st) {
            return rasterChart(title, st);
        }
        if (data instanceof MuapBank b) {
            return MuapGridChart.create(title, b);
        }
        if (data instanceof MuapBankSeries ms) {
            return create(title, ms, 0);
        }
        return tableChart(title, data);
    }

    /**
     * @param title  the chart title
     * @param series MUAP banks over time
     * @param update index of the update time, 0 to {@code series.size() - 1}
     * @return the MUAP grid of that update; its time and the series' length are in the title
     * @throws IndexOutOfBoundsException for an update index out of range
     */
    public static JFreeChart create(String title, MuapBankSeries series, int update) {
        if (update < 0 || update >= series.size()) {
            throw new IndexOutOfBoundsException("update " + update + " of " + series.size());
        }
        return MuapGridChart.create(title + " at t = " + series.time(update) + " s (" + series.size() + " updates)",
                series.bank(update));
    }

    /**
     * @param data a result
     * @return a plot height in pixels, at {@link #PREFERRED_WIDTH}, that gives each panel or grid row some room
     */
    public static int preferredHeight(Data data) {
        return data instanceof Signal s ? 120 + 110 * Math.min(MAX_PANELS, panels(s))
                : data instanceof MuapBank b ? MuapGridChart.height(b)
                : data instanceof MuapBankSeries ms ? MuapGridChart.height(ms.first()) : 420;
    }

    /** Separator of an overlay label "panel | series": such channels share one panel, one line each. */
    public static final String OVERLAY = " | ";

    private static final Color[] OVERLAY_COLOURS = {new Color(0, 0, 0), new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40)};

    /** Panels a signal's plot has: one per channel, or one per panel name of overlay labels. */
    private static int panels(Signal s) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String l : s.labels()) {
            if (!l.contains(OVERLAY)) {
                return s.channelCount();
            }
            names.add(l.substring(0, l.indexOf(OVERLAY)));
        }
        return Math.max(1, names.size());
    }

    private static JFreeChart signalChart(String title, Signal s) {
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
    private static JFreeChart overlayChart(String title, Signal s) {
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

    private static JFreeChart panelChart(String title, Signal s) {
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
    private static void addDecimated(XYSeries series, Signal s, int c) {
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

    private static JFreeChart rasterChart(String title, SpikeTrains st) {
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

    private static JFreeChart tableChart(String title, Data d) {
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
}
