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
        chart.draw(g2, new Rectangle(0, 0, width, height));
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
        if (plot instanceof CombinedDomainXYPlot c) {
            c.getSubplots().forEach(p -> out.addAll(datasets(p)));
        } else if (plot instanceof CombinedRangeXYPlot c) {
            c.getSubplots().forEach(p -> out.addAll(datasets(p)));
        } else if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                if (xy.getDataset(i) != null) {
                    out.add(xy.getDataset(i));
                }
            }
        }
        return out;
    }
}
