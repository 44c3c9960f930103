package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.jfree.chart.JFreeChart;
import org.myoflow.ui.views.internal.ChartExport;

/**
 * Opens the result views from code (commands, tests). Call on the UI thread.
 *
 * <pre>{@code
 * ResultPlotView v = ResultViews.openPlot(page, project.getFile("runs/r1/emg.signal.npy"));
 * assertTrue(v.hasData());
 * v.exportPng(dir.resolve("emg.png"), 900, 600);
 * ProvenanceView p = ResultViews.showProvenance(page, project.getFolder("runs/r1"));
 * assertTrue(p.itemCount() > 10);
 * }</pre>
 *
 * @since 0.1
 */
public final class ResultViews {

    /** Id of the result plot view. */
    public static final String PLOT_VIEW_ID = ResultPlotView.ID;
    /** Id of the provenance view. */
    public static final String PROVENANCE_VIEW_ID = ProvenanceView.ID;
    /** Id of the read-only result editor for {@code *.npy} results and recordings ({@code *.c3d}, ...). */
    public static final String RESULT_EDITOR_ID = ResultEditor.ID;

    private ResultViews() {
    }

    /**
     * Shows a result file in a plot view of its own (secondary id from the file's path, so opening the same file
     * again brings back the same view), which does not follow the selection.
     *
     * @param page the workbench page
     * @param npy  the result file
     * @return the view; {@link ResultPlotView#errorMessage()} says why a file could not be shown
     * @throws PartInitException when the view cannot be created
     */
    public static ResultPlotView openPlot(IWorkbenchPage page, IFile npy) throws PartInitException {
        String secondary = "f" + Integer.toHexString(npy.getFullPath().toString().hashCode()).toLowerCase(Locale.ROOT);
        ResultPlotView v = (ResultPlotView) page.showView(PLOT_VIEW_ID, secondary, IWorkbenchPage.VIEW_ACTIVATE);
        v.setFollowingSelection(false);
        v.show(npy);
        return v;
    }

    /**
     * Opens a result file or a recording in the "Myoflow result" editor, as a double-click in the navigator does. A
     * recording is read in the background: wait for {@code editor.plot().isLoading()} to turn false.
     *
     * @return the editor
     * @throws PartInitException when the editor cannot be opened
     */
    public static ResultEditor openEditor(IWorkbenchPage page, IFile npy) throws PartInitException {
        return (ResultEditor) IDE.openEditor(page, npy, RESULT_EDITOR_ID, true);
    }

    /**
     * Shows the provenance of a run folder (a folder holding run.json).
     *
     * @return the view; {@link ProvenanceView#itemCount()} counts its rows, {@link ProvenanceView#errorMessage()}
     *         says why a folder could not be shown
     * @throws PartInitException when the view cannot be created
     */
    public static ProvenanceView showProvenance(IWorkbenchPage page, IContainer runFolder) throws PartInitException {
        ProvenanceView v = (ProvenanceView) page.showView(PROVENANCE_VIEW_ID);
        v.showRun(runFolder);
        return v;
    }

    /** @return series over all panels of a chart (0 for null) */
    public static int seriesCount(JFreeChart chart) {
        return ChartExport.seriesCount(chart);
    }

    /** @return data points over all series of all panels of a chart (0 for null) */
    public static long itemCount(JFreeChart chart) {
        return ChartExport.itemCount(chart);
    }

    /** Writes a chart as a PNG image of the given size. */
    public static void exportPng(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartExport.png(chart, file, width, height);
    }

    /** Writes a chart as an SVG document of the given size in pixels. */
    public static void exportSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartExport.svg(chart, file, width, height);
    }
}
