package org.myoflow.ui.views.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myoflow.io.RecordingSignal;

/**
 * Charts of a recording's signal group: one panel per channel, its axis named "label (unit)", on a shared time
 * axis. Missing samples (NaN) stay NaN in the series, so the line renderer leaves a gap there. Long channels are
 * reduced to the minimum and maximum of each of {@link #MAX_BUCKETS} buckets (a bucket holding a missing sample keeps
 * a NaN point, so gaps survive the reduction).
 */
public final class RecordingCharts {

    /** Channels drawn at once; more channels are shown page by page. */
    public static final int PAGE = 8;
    /** Buckets of the min/max reduction of long channels. */
    public static final int MAX_BUCKETS = 2000;

    private RecordingCharts() {
    }

    /** @return pages of {@link #PAGE} channels a signal group needs (at least 1) */
    public static int pages(RecordingSignal s) {
        return Math.max(1, (s.channelCount() + PAGE - 1) / PAGE);
    }

    /** @return "channels 9–16 of 20" for a page */
    public static String pageName(RecordingSignal s, int page) {
        int from = page * PAGE;
        int to = Math.min(s.channelCount(), from + PAGE);
        return String.format(Locale.ROOT, "channels %d–%d of %d", from + 1, to, s.channelCount());
    }

    /**
     * @param title chart title (the file name)
     * @param s     the signal group
     * @param page  which {@link #PAGE} channels, from 0
     * @return the chart, one panel per channel of the page
     */
    public static JFreeChart chart(String title, RecordingSignal s, int page) {
        int from = Math.max(0, Math.min(page, pages(s) - 1)) * PAGE;
        int to = Math.min(s.channelCount(), from + PAGE);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.setGap(6);
        for (int c = from; c < to; c++) {
            XYSeries series = new XYSeries(s.labels().get(c), false, true);
            add(series, s, c);
            String unit = s.units().get(c);
            NumberAxis y = new NumberAxis(s.labels().get(c) + (unit.isEmpty() ? "" : " (" + unit + ")"));
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setSeriesPaint(0, new Color(31, 119, 180));
            r.setSeriesStroke(0, new BasicStroke(1.0f));
            plot.add(new XYPlot(new XYSeriesCollection(series), null, y, r), 1);
        }
        String t = String.format(Locale.ROOT, "%s: %s, %s Hz", title, s.name(), s.samplingRate());
        if (pages(s) > 1) {
            t += " (" + pageName(s, from / PAGE) + ")";
        }
        JFreeChart chart = new JFreeChart(t, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Adds a channel, reduced to min/max pairs per bucket when longer than 2 {@link #MAX_BUCKETS} samples. */
    static void add(XYSeries series, RecordingSignal s, int c) {
        double[] d = s.data()[c];
        int n = d.length;
        double rate = s.samplingRate();
        double t0 = s.startTime();
        if (n <= 2 * MAX_BUCKETS) {
            for (int i = 0; i < n; i++) {
                series.add(t0 + i / rate, d[i], false);
            }
            return;
        }
        double per = (double) n / MAX_BUCKETS;
        for (int b = 0; b < MAX_BUCKETS; b++) {
            int from = (int) (b * per);
            int to = (int) Math.min(n, (b + 1) * per);
            int iMin = -1;
            int iMax = -1;
            int iNaN = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(d[i])) {
                    if (iNaN < 0) {
                        iNaN = i;
                    }
                    continue;
                }
                if (iMin < 0 || d[i] < d[iMin]) {
                    iMin = i;
                }
                if (iMax < 0 || d[i] > d[iMax]) {
                    iMax = i;
                }
            }
            int[] idx = { iMin, iMax, iNaN };
            java.util.Arrays.sort(idx);
            int last = -1;
            for (int i : idx) {
                if (i >= 0 && i != last) {
                    series.add(t0 + i / rate, d[i], false);
                    last = i;
                }
            }
        }
    }
}
