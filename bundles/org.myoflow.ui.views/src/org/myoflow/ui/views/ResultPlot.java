package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.jfree.chart.JFreeChart;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.io.ResultFiles;
import org.myoflow.report.Charts;
import org.myoflow.ui.views.internal.ChartExport;

/**
 * The plot widget of a result file, hosted by the plot view and the result editor
 * ({@link ResultPlotPart#plot()}): a line describing the result, a spinner over the update times of a MUAP bank series, the chart, and a line with the data values under the mouse.
 * A file that cannot be read shows a message naming the file and the reason instead of the chart.
 *
 * @since 0.1
 */
public final class ResultPlot {

    private final Composite root;
    private final StackLayout stack = new StackLayout();
    private final Composite plotPage;
    private final Label header;
    private final Composite updateRow;
    private final Spinner updateSpinner;
    private final Label updateTime;
    private final ChartCanvas canvas;
    private final Label cursor;
    private final Text message;

    private final IAction resetAction;
    private final IAction pngAction;
    private final IAction svgAction;

    private Path file;
    private Data data;
    private String title;
    private String error;

    /** @param parent where the panel goes (it fills it) */
    public ResultPlot(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(stack);

        plotPage = new Composite(root, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 2;
        gl.marginHeight = 2;
        gl.verticalSpacing = 2;
        plotPage.setLayout(gl);
        header = new Label(plotPage, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        updateRow = new Composite(plotPage, SWT.NONE);
        updateRow.setLayout(new GridLayout(3, false));
        updateRow.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(updateRow, SWT.NONE).setText("MUAP update:");
        updateSpinner = new Spinner(updateRow, SWT.BORDER);
        updateTime = new Label(updateRow, SWT.NONE);
        updateTime.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        updateSpinner.addListener(SWT.Selection, e -> selectUpdate(updateSpinner.getSelection() - 1));
        canvas = new ChartCanvas(plotPage, SWT.NONE);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        cursor = new Label(plotPage, SWT.NONE);
        cursor.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cursor.setText("Wheel: zoom · drag: zoom to box · Shift+drag or middle button: pan · double-click: reset");
        canvas.addListener(SWT.MouseMove, e -> showCursor(e.x, e.y));

        message = new Text(root, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        setRowVisible(false);

        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        resetAction = new Action("Reset Zoom") {
            @Override
            public void run() {
                canvas.resetZoom();
            }
        };
        resetAction.setToolTipText("Reset zoom (or double-click the plot)");
        resetAction.setImageDescriptor(images.getImageDescriptor(ISharedImages.IMG_ETOOL_HOME_NAV));
        pngAction = new Action("Export PNG...") {
            @Override
            public void run() {
                exportWithDialog("png");
            }
        };
        pngAction.setToolTipText("Export the plot, as zoomed, to a PNG image");
        pngAction.setImageDescriptor(images.getImageDescriptor(ISharedImages.IMG_ETOOL_SAVEAS_EDIT));
        svgAction = new Action("Export SVG...") {
            @Override
            public void run() {
                exportWithDialog("svg");
            }
        };
        svgAction.setToolTipText("Export the plot, as zoomed, to an SVG drawing");
        svgAction.setImageDescriptor(images.getImageDescriptor(ISharedImages.IMG_ETOOL_SAVE_EDIT));
        showMessage("No result shown. Double-click a .npy result file in the navigator, or select one while this "
                + "view follows the selection.");
    }

    /** @return the top control of the panel */
    public Composite control() {
        return root;
    }

    /** @return reset zoom, export PNG, export SVG */
    public List<IAction> actions() {
        return List.of(resetAction, pngAction, svgAction);
    }

    /**
     * Reads and shows a result file; a file that cannot be read shows a message instead (no exception escapes).
     *
     * @param npy a result file ({@code <node>.<port>.npy} with its {@code .json} sidecar)
     * @return whether the result is shown
     */
    public boolean show(Path npy) {
        file = npy;
        data = null;
        error = null;
        String name = npy.getFileName().toString();
        title = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        try {
            BusyIndicator.showWhile(root.getDisplay(), () -> data = ResultFiles.read(npy));
            JFreeChart chart = Charts.create(title, data);
            int updates = data instanceof MuapBankSeries ms ? ms.size() : 1;
            updateSpinner.setValues(1, 1, Math.max(1, updates), 0, 1, 5);
            setRowVisible(updates > 1);
            if (data instanceof MuapBankSeries ms) {
                updateTime.setText(updateText(ms, 0));
            }
            header.setText(data + "  —  " + npy);
            header.setToolTipText(npy.toString());
            canvas.setChart(chart);
            stack.topControl = plotPage;
            root.layout(true, true);
            updateEnablement();
            return true;
        } catch (RuntimeException | LinkageError e) {
            data = null;
            canvas.setChart(null);
            error = "Cannot show " + npy + ":\n" + reason(npy, e);
            ILog.of(ResultPlot.class).warn(error, e);
            showMessage(error);
            return false;
        }
    }

    /** The reason in words: a missing file or sidecar first, then the reader's own message. */
    private static String reason(Path npy, Throwable e) {
        if (!Files.isRegularFile(npy)) {
            return "the file does not exist (it may have been deleted or moved).";
        }
        Path sidecar = ResultFiles.jsonPath(npy);
        if (!Files.isRegularFile(sidecar)) {
            return "its sidecar " + sidecar.getFileName() + " is missing; a result file needs its .json sidecar "
                    + "(type, shape, labels, units).";
        }
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return "the file is malformed or does not match its sidecar: " + m;
    }

    /** Shows why nothing can be plotted, in place of the chart. */
    public void showError(String text) {
        data = null;
        error = text;
        canvas.setChart(null);
        showMessage(text);
    }

    private void showMessage(String text) {
        message.setText(text);
        stack.topControl = message;
        root.layout(true, true);
        updateEnablement();
    }

    private void updateEnablement() {
        boolean shown = canvas.getChart() != null;
        resetAction.setEnabled(shown);
        pngAction.setEnabled(shown);
        svgAction.setEnabled(shown);
    }

    private void setRowVisible(boolean visible) {
        updateRow.setVisible(visible);
        ((GridData) updateRow.getLayoutData()).exclude = !visible;
    }

    private static String updateText(MuapBankSeries ms, int i) {
        return String.format(Locale.ROOT, "of %d, t = %.4g s", ms.size(), ms.time(i));
    }

    private void showCursor(int x, int y) {
        double[] v = canvas.dataAt(x, y);
        if (v != null) {
            cursor.setText(String.format(Locale.ROOT, "x = %.6g, y = %.6g", v[0], v[1]));
        }
    }

    /** @return the file shown or last tried, or null */
    public Path file() {
        return file;
    }

    /** @return the result read, or null when none is shown */
    public Data data() {
        return data;
    }

    /** @return the chart widget */
    public ChartCanvas canvas() {
        return canvas;
    }

    /** @return why the last file could not be shown, or null */
    public String errorMessage() {
        return error;
    }

    /** @return updates of a MUAP bank series, 1 for other results, 0 when nothing is shown */
    public int updateCount() {
        return data instanceof MuapBankSeries ms ? ms.size() : data == null ? 0 : 1;
    }

    /** Shows update {@code i} of a MUAP bank series (ignored for other results). */
    public void selectUpdate(int i) {
        if (data instanceof MuapBankSeries ms) {
            canvas.setChart(Charts.create(title, ms, i));
            if (updateSpinner.getSelection() != i + 1) {
                updateSpinner.setSelection(i + 1);
            }
            updateTime.setText(updateText(ms, i));
            updateTime.getParent().layout();
        }
    }

    /** @see org.myoflow.ui.views.ResultPlotPart#exportPng */
    public void exportPng(Path target, int width, int height) throws IOException {
        ChartExport.png(requireChart(), target, width, height);
    }

    /** @see org.myoflow.ui.views.ResultPlotPart#exportSvg */
    public void exportSvg(Path target) throws IOException {
        int[] size = exportSize();
        ChartExport.svg(requireChart(), target, size[0], size[1]);
    }

    private JFreeChart requireChart() {
        JFreeChart chart = canvas.getChart();
        if (chart == null) {
            throw new IllegalStateException(error != null ? error : "no result is shown");
        }
        return chart;
    }

    /** The size on screen, or the report's size for a plot not yet drawn. */
    private int[] exportSize() {
        var size = canvas.getSize();
        if (size.x > 0 && size.y > 0) {
            return new int[] { size.x, size.y };
        }
        return new int[] { Charts.PREFERRED_WIDTH, data == null ? 420 : Charts.preferredHeight(data) };
    }

    private void exportWithDialog(String kind) {
        if (canvas.getChart() == null) {
            return;
        }
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setText("Export plot as " + kind.toUpperCase(Locale.ROOT));
        d.setFilterExtensions(new String[] { "*." + kind });
        d.setFilterNames(new String[] { kind.toUpperCase(Locale.ROOT) + " files (*." + kind + ")" });
        d.setFileName(title + "." + kind);
        if (file != null && file.getParent() != null) {
            d.setFilterPath(file.getParent().toString());
        }
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen == null) {
            return;
        }
        Path target = Path.of(chosen.endsWith("." + kind) ? chosen : chosen + "." + kind);
        try {
            if (kind.equals("png")) {
                int[] size = exportSize();
                exportPng(target, size[0], size[1]);
            } else {
                exportSvg(target);
            }
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(root.getShell(), "Export failed", "Could not write " + target + ":\n"
                    + e.getMessage());
        }
    }
}
