package org.myoflow.ui.views.internal;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;

/** Writes charts to PNG and SVG files and counts what they show. Java2D only: no SWT. */
public final class ChartExport {

    private ChartExport() {
    }

    /** Writes the chart, at its current zoom, as a PNG image of the given size. */
    public static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
        checkSize(width, height);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** Writes the chart, at its current zoom, as an SVG document of the given size in pixels. */
    public static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
        checkSize(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // one <path> per series instead of one <line> per segment: an SVG a tenth the size, same drawing
        java.util.List<XYLineAndShapeRenderer> segmented = new java.util.ArrayList<>();
        for (XYPlot p : xyPlots(chart.getPlot())) {
            for (int i = 0; i < p.getRendererCount(); i++) {
                if (p.getRenderer(i) instanceof XYLineAndShapeRenderer r && !r.getDrawSeriesLineAsPath()) {
                    r.setDrawSeriesLineAsPath(true);
                    segmented.add(r);
                }
            }
        }
        try {
            chart.draw(g2, new Rectangle(0, 0, width, height));
        } finally {
            segmented.forEach(r -> r.setDrawSeriesLineAsPath(false));
        }
        Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + " x " + height + " px");
        }
    }

    /** @return series over all XY datasets of the chart's plot and its panels */
    public static int seriesCount(JFreeChart chart) {
        int n = 0;
        for (XYDataset d : datasets(chart == null ? null : chart.getPlot())) {
            n += d.getSeriesCount();
        }
        return n;
    }

    /** @return data items (points) over all series of all XY datasets of the chart's plot and its panels */
    public static long itemCount(JFreeChart chart) {
        long n = 0;
        for (XYDataset d : datasets(chart == null ? null : chart.getPlot())) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                n += d.getItemCount(s);
            }
        }
        return n;
    }

    private static java.util.List<XYDataset> datasets(Plot plot) {
        java.util.List<XYDataset> out = new java.util.ArrayList<>();
        for (XYPlot xy : xyPlots(plot)) {
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                if (xy.getDataset(i) != null) {
                    out.add(xy.getDataset(i));
                }
            }
        }
        return out;
    }

    /** The XY plots that hold data: the panels of a combined plot, or the plot itself. */
    private static java.util.List<XYPlot> xyPlots(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot c) {
            return c.getSubplots();
        }
        if (plot instanceof CombinedRangeXYPlot c) {
            return c.getSubplots();
        }
        return plot instanceof XYPlot xy ? java.util.List.of(xy) : java.util.List.of();
    }
}
