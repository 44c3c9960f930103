package org.myoflow.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myoflow.core.data.MuapBank;

/**
 * The MUAPs of a few units of a {@link MuapBank} (the first, the middle and the one of largest peak-to-peak
 * amplitude, up to three) as small multiples over the electrode array: one panel per unit, side by side, and in
 * each panel one cell per channel laid out as the array's rows × columns (channel c at row c / cols, column
 * c % cols; a single row when the bank has no grid). All cells of all panels share one amplitude scale, shown by a
 * scale bar, so amplitudes compare across channels and units. Headless (AWT only).
 */
public final class MuapGridChart {

    /** Gap between cells, as a fraction of a cell's width (time) or height (amplitude). */
    private static final double GAP = 0.15;
    private static final Color[] UNIT_COLOURS = { new Color(31, 119, 180), new Color(44, 160, 44),
            new Color(214, 39, 40) };

    private MuapGridChart() {
    }

    /** Units to show, in order: first, middle, largest peak-to-peak amplitude over all channels; no repeats. */
    static List<Integer> selectUnits(MuapBank bank) {
        List<Integer> units = new ArrayList<>();
        int n = bank.unitCount();
        if (n == 0) {
            return units;
        }
        for (int u : new int[] { 0, n / 2, largestUnit(bank) }) {
            if (!units.contains(u)) {
                units.add(u);
            }
        }
        return units;
    }

    /** The unit of largest peak-to-peak amplitude over all channels (the first of equals). */
    static int largestUnit(MuapBank bank) {
        int largest = 0;
        double best = -1;
        for (int u = 0; u < bank.unitCount(); u++) {
            double p2p = peakToPeak(bank, u);
            if (p2p > best) {
                best = p2p;
                largest = u;
            }
        }
        return largest;
    }

    /** Why a unit is shown, e.g. "first, largest". */
    private static String role(MuapBank bank, int u, int largest) {
        List<String> r = new ArrayList<>();
        if (u == 0) {
            r.add("first");
        }
        if (u == bank.unitCount() / 2 && u != 0) {
            r.add("middle");
        }
        if (u == largest) {
            r.add("largest");
        }
        return String.join(", ", r);
    }

    private static double peakToPeak(MuapBank bank, int u) {
        double best = 0;
        for (int c = 0; c < bank.channelCount(); c++) {
            double min = 0;
            double max = 0;
            for (int k = 0; k < bank.sampleCount(); k++) {
                min = Math.min(min, bank.get(u, c, k));
                max = Math.max(max, bank.get(u, c, k));
            }
            best = Math.max(best, max - min);
        }
        return best;
    }

    /** Grid rows of the drawing: the array's rows, or 1 when the channels are not a grid. */
    static int gridRows(MuapBank bank) {
        return bank.rows() * bank.cols() == 0 ? 1 : bank.rows();
    }

    /** Grid columns of the drawing: the array's columns, or every channel in one row. */
    static int gridCols(MuapBank bank) {
        return bank.rows() * bank.cols() == 0 ? Math.max(1, bank.channelCount()) : bank.cols();
    }

    /** A PNG height in pixels that gives each grid row some room. */
    public static int height(MuapBank bank) {
        return Math.max(320, Math.min(1400, 140 + 48 * gridRows(bank)));
    }

    public static JFreeChart create(String title, MuapBank bank) {
        List<Integer> units = selectUnits(bank);
        int largest = units.isEmpty() ? -1 : largestUnit(bank);
        int rows = gridRows(bank);
        int cols = gridCols(bank);
        int ns = bank.sampleCount();
        double fs = bank.samplingRate();
        double cellMs = Math.max(1, ns - 1) * 1000 / fs;
        double pitchX = cellMs * (1 + GAP);

        // one amplitude scale for every cell: row spacing covers the largest excursion of any shown MUAP
        double lo = 0;
        double hi = 0;
        for (int u : units) {
            for (int c = 0; c < bank.channelCount(); c++) {
                for (int k = 0; k < ns; k++) {
                    lo = Math.min(lo, bank.get(u, c, k));
                    hi = Math.max(hi, bank.get(u, c, k));
                }
            }
        }
        double span = hi - lo > 0 ? hi - lo : 1;
        double pitchY = span * (1 + GAP);

        NumberAxis amplitude = new NumberAxis();
        amplitude.setTickLabelsVisible(false);
        amplitude.setTickMarksVisible(false);
        amplitude.setRange(-(rows - 1) * pitchY + lo - GAP * span, hi + GAP * span);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(amplitude);
        plot.setGap(8);
        double bar = niceBelow(span * 0.8);
        for (int i = 0; i < units.size(); i++) {
            int u = units.get(i);
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setAutoPopulateSeriesPaint(false);
            r.setAutoPopulateSeriesStroke(false);
            r.setDefaultPaint(UNIT_COLOURS[i % UNIT_COLOURS.length]);
            r.setDefaultStroke(new BasicStroke(1.0f));
            for (int c = 0; c < bank.channelCount(); c++) {
                int row = c / cols;
                int col = c % cols;
                XYSeries s = new XYSeries(bank.channelLabels().get(c), false, true);
                for (int k = 0; k < ns; k++) {
                    s.add(col * pitchX + k * 1000 / fs, -row * pitchY + bank.get(u, c, k), false);
                }
                data.addSeries(s);
                r.addAnnotation(new XYBoxAnnotation(col * pitchX, -row * pitchY + lo, col * pitchX + cellMs,
                        -row * pitchY + hi, new BasicStroke(0.5f), new Color(225, 225, 225)));
            }
            String label = bank.unitLabels().get(u) + " (" + role(bank, u, largest) + ")";
            NumberAxis time = new NumberAxis(label);
            time.setTickLabelsVisible(false);
            time.setTickMarksVisible(false);
            time.setRange(-GAP * cellMs, cols * pitchX);
            XYPlot sub = new XYPlot(data, time, null, r);
            sub.setDomainGridlinesVisible(false);
            sub.setRangeGridlinesVisible(false);
            sub.setBackgroundPaint(Color.WHITE);
            if (i == 0) {
                addScaleBar(r, bar, bank.amplitudeUnit(), -(rows - 1) * pitchY + lo, cellMs);
            }
            plot.add(sub, 1);
        }
        String head = title + String.format(Locale.ROOT, " (%d units × %d channels, %s; %s%s)", bank.unitCount(),
                bank.channelCount(), bank.montage().isEmpty() ? "montage unknown" : bank.montage(),
                bank.rows() * bank.cols() == 0 ? "1 × " + cols : rows + " × " + cols, units.isEmpty()
                        ? "; no units" : "");
        JFreeChart chart = new JFreeChart(head, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A vertical bar of the given amplitude at the bottom left of the first panel, with its value. */
    private static void addScaleBar(XYLineAndShapeRenderer r, double bar, String unit, double bottom, double cellMs) {
        double x = -0.08 * cellMs;
        r.addAnnotation(new XYLineAnnotation(x, bottom, x, bottom + bar, new BasicStroke(2f), Color.BLACK));
        XYTextAnnotation t = new XYTextAnnotation(fmt(bar) + (unit.isEmpty() ? "" : " " + unit), x + 0.05 * cellMs,
                bottom + bar / 2);
        t.setTextAnchor(TextAnchor.CENTER_LEFT);
        t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        r.addAnnotation(t);
    }

    /** The largest 1, 2 or 5 × 10^k not above v. */
    static double niceBelow(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double m = v / p;
        return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
    }

    private static String fmt(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
