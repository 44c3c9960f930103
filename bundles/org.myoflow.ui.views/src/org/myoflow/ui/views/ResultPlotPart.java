package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Path;

import org.jfree.chart.JFreeChart;
import org.myoflow.ui.views.internal.ChartExport;

/**
 * A workbench part that plots one result file: the {@link ResultPlotView} and the {@link ResultEditor}. All methods
 * run on the UI thread.
 *
 * @since 0.1
 */
public interface ResultPlotPart {

    /** @return the plot widget the part hosts (every other method reads or drives it) */
    ResultPlot plot();

    /** @return the result file shown, or null when none */
    default Path file() {
        return plot().file();
    }

    /** @return the chart shown (zoomable; {@link ChartCanvas#resetZoom()} restores it), or null when none */
    default JFreeChart chart() {
        return plot().canvas().getChart();
    }

    /** @return the widget that draws the chart */
    default ChartCanvas canvas() {
        return plot().canvas();
    }

    /** @return series over all panels of the chart; 0 when nothing is shown */
    default int seriesCount() {
        return ChartExport.seriesCount(chart());
    }

    /** @return whether the chart holds at least one data point */
    default boolean hasData() {
        return ChartExport.itemCount(chart()) > 0;
    }

    /** @return why the file could not be shown (file and reason), or null when it is shown */
    default String errorMessage() {
        return plot().errorMessage();
    }

    /** @return updates of a MUAP bank series shown (1 for any other result, 0 for none) */
    default int updateCount() {
        return plot().updateCount();
    }

    /**
     * Shows another update of a MUAP bank series, as the spinner above the plot does.
     *
     * @param update index, 0 to {@link #updateCount()} - 1
     */
    default void selectUpdate(int update) {
        plot().selectUpdate(update);
    }

    /** Writes the chart, at its current zoom, as a PNG image of the given size in pixels. */
    default void exportPng(Path file, int width, int height) throws IOException {
        plot().exportPng(file, width, height);
    }

    /** Writes the chart, at its current zoom, as an SVG document the size of the plot on screen. */
    default void exportSvg(Path file) throws IOException {
        plot().exportSvg(file);
    }
}
