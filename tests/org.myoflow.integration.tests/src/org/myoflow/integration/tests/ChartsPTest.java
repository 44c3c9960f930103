package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.report.Charts;

/** The charts shared by report.html and the workbench's result views, drawn headless. */
class ChartsPTest {

    private static double[] ramp(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * Math.sin(i * 0.01);
        }
        return v;
    }

    /** Draws the chart into an image, as the report and the workbench do; fails on any exception. */
    private static void draw(JFreeChart chart) {
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        var g2 = img.createGraphics();
        chart.draw(g2, new Rectangle2D.Double(0, 0, 600, 400));
        g2.dispose();
    }

    @Test
    void signalIsOnePanelPerChannelOnASharedTimeAxis() {
        Signal s = Signal.builder(1000).channel("BIClong", "mV", ramp(500, 1)).channel("TRIlong", "mV",
                ramp(500, 2)).channel("BRA", "mV", ramp(500, 3)).build();
        JFreeChart chart = Charts.create("emg.signal", s);
        CombinedDomainXYPlot plot = assertInstanceOf(CombinedDomainXYPlot.class, chart.getPlot());
        assertEquals(3, plot.getSubplots().size());
        assertEquals("emg.signal", chart.getTitle().getText());
        assertEquals(500, plot.getSubplots().get(1).getDataset().getItemCount(0));
        assertEquals("TRIlong (mV)", plot.getSubplots().get(1).getRangeAxis().getLabel());
        assertEquals(120 + 110 * 3, Charts.preferredHeight(s));
        draw(chart);
    }

    @Test
    void overlayLabelsShareAPanel() {
        Signal s = Signal.builder(100).channel("BIClong | measured", "", ramp(200, 1))
                .channel("BIClong | refined", "", ramp(200, 0.9)).channel("TRIlong | measured", "", ramp(200, 1))
                .channel("TRIlong | refined", "", ramp(200, 1.1)).build();
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) Charts.create("refine.overlay", s).getPlot();
        assertEquals(2, plot.getSubplots().size());
        XYDataset first = plot.getSubplots().get(0).getDataset();
        assertEquals(2, first.getSeriesCount());
        assertEquals("measured", first.getSeriesKey(0));
        assertEquals("refined", first.getSeriesKey(1));
        assertEquals("BIClong", plot.getSubplots().get(0).getRangeAxis().getLabel());
    }

    @Test
    void longSignalsAreReducedToMinMaxPerBucket() {
        int n = 10 * Charts.MAX_BUCKETS;
        Signal s = Signal.builder(2048).channel("ch", "mV", ramp(n, 1)).build();
        XYPlot panel = ((CombinedDomainXYPlot) Charts.create("long", s).getPlot()).getSubplots().get(0);
        int points = panel.getDataset().getItemCount(0);
        assertTrue(points <= 2 * Charts.MAX_BUCKETS && points >= Charts.MAX_BUCKETS, points + " points");
    }

    @Test
    void spikeTrainsAreARasterWithOnePointPerSpike() {
        SpikeTrains st = new SpikeTrains(new double[][] { { 0.1, 0.2, 0.3 }, { 0.15 } }, 1.0, List.of("MU1", "MU2"));
        JFreeChart chart = Charts.create("spikes.trains", st);
        XYPlot plot = assertInstanceOf(XYPlot.class, chart.getPlot());
        assertEquals(4, plot.getDataset().getItemCount(0));
        assertEquals(2.0, plot.getDataset().getYValue(0, 3), 0);
        assertTrue(chart.getTitle().getText().contains("2 units, 4 spikes"));
        draw(chart);
    }

    @Test
    void muapBankSeriesShowsTheChosenUpdate() {
        MuapBankSeries ms = new MuapBankSeries(List.of(bank(1), bank(2), bank(3)), new double[] { 0, 0.5, 1.0 });
        JFreeChart first = Charts.create("muaps.series", ms);
        JFreeChart second = Charts.create("muaps.series", ms, 1);
        assertInstanceOf(CombinedRangeXYPlot.class, second.getPlot());
        assertTrue(first.getTitle().getText().startsWith("muaps.series at t = 0.0 s (3 updates)"));
        assertTrue(second.getTitle().getText().startsWith("muaps.series at t = 0.5 s (3 updates)"));
        double y0 = ((CombinedRangeXYPlot) first.getPlot()).getSubplots().get(0).getDataset().getYValue(0, 1);
        double y1 = ((CombinedRangeXYPlot) second.getPlot()).getSubplots().get(0).getDataset().getYValue(0, 1);
        assertNotEquals(y0, y1);
        assertThrows(IndexOutOfBoundsException.class, () -> Charts.create("muaps.series", ms, 3));
        draw(second);
    }

    private static MuapBank bank(double gain) {
        double[][][] m = new double[2][4][5];
        for (int u = 0; u < 2; u++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 5; k++) {
                    m[u][c][k] = gain * (u * 10 + c + k - 2.5);
                }
            }
        }
        double[][] pos = { { 0, 0 }, { 0, 5 }, { 5, 0 }, { 5, 5 } };
        return new MuapBank(m, 2048, -0.001, List.of("r1c1", "r1c2", "r2c1", "r2c2"), null, pos, 2, 2, "mV",
                "monopolar");
    }
}
