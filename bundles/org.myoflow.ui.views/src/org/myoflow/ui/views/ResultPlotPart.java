package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Path;

import org.jfree.chart.JFreeChart;

/**
 * A workbench part that plots one result file: the {@link ResultPlotView} and the {@link ResultEditor}. All methods
 * run on the UI thread.
 */
public interface ResultPlotPart {

    /** @return the result file shown, or null when none */
    Path file();

    /** @return the chart shown (zoomable; {@link ChartCanvas#resetZoom()} restores it), or null when none */
    JFreeChart chart();

    /** @return the widget that draws the chart */
    ChartCanvas canvas();

    /** @return series over all panels of the chart; 0 when nothing is shown */
    int seriesCount();

    /** @return whether the chart holds at least one data point */
    boolean hasData();

    /** @return why the file could not be shown (file and reason), or null when it is shown */
    String errorMessage();

    /** @return updates of a MUAP bank series shown (1 for any other result, 0 for none) */
    int updateCount();

    /**
     * Shows another update of a MUAP bank series, as the spinner above the plot does.
     *
     * @param update index, 0 to {@link #updateCount()} - 1
     */
    void selectUpdate(int update);

    /** Writes the chart, at its current zoom, as a PNG image of the given size in pixels. */
    void exportPng(Path file, int width, int height) throws IOException;

    /** Writes the chart, at its current zoom, as an SVG document the size of the plot on screen. */
    void exportSvg(Path file) throws IOException;
}
