package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
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
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.ResultFiles;
import org.myoflow.report.Charts;
import org.myoflow.ui.views.internal.ChartExport;
import org.myoflow.ui.views.internal.RecordingCharts;

/**
 * The plot widget of a result file, hosted by the plot view and the result editor
 * ({@link ResultPlotPart#plot()}): a line describing the result, a spinner over the update times of a MUAP bank series, the chart, and a line with the data values under the mouse.
 * A file that cannot be read shows a message naming the file and the reason instead of the chart.
 * <p>
 * Recordings ({@code .c3d}, {@code .edf}, {@code .bdf}, {@code .otb+}, {@code .mat}, ... : every file another
 * than {@code .npy} that a reader of org.myoflow.io accepts) are read in a background job; a row above the chart
 * selects the signal group (groups may have different rates) and, for more than eight channels, which eight
 * are drawn. Each channel is a panel whose axis names the channel and its unit; missing samples are gaps.
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
    private final Composite signalRow;
    private final Combo signalCombo;
    private final Combo pageCombo;
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
    private Recording recording;
    private int signalIndex;
    private Job readJob;
    private final List<Runnable> shownListeners = new ArrayList<>();

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
        signalRow = new Composite(plotPage, SWT.NONE);
        signalRow.setLayout(new GridLayout(3, false));
        signalRow.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(signalRow, SWT.NONE).setText("Signal:");
        signalCombo = new Combo(signalRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        signalCombo.addListener(SWT.Selection, e -> selectSignal(signalCombo.getSelectionIndex(), 0));
        pageCombo = new Combo(signalRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        pageCombo.addListener(SWT.Selection, e -> selectSignal(signalIndex, pageCombo.getSelectionIndex()));
        canvas = new ChartCanvas(plotPage, SWT.NONE);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        cursor = new Label(plotPage, SWT.NONE);
        cursor.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cursor.setText("Wheel: zoom · drag: zoom to box · Shift+drag or middle button: pan · double-click: reset");
        canvas.addListener(SWT.MouseMove, e -> showCursor(e.x, e.y));

        message = new Text(root, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        setRowVisible(false);
        setVisible(signalRow, false);
        root.addListener(SWT.Dispose, e -> cancelRead());

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
     * @return whether the result is shown (false for a recording, a file other than {@code .npy}: it goes to
     *         {@link #showRecording(Path)}, which shows it when read)
     */
    public boolean show(Path npy) {
        if (!npy.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            showRecording(npy);
            return false;
        }
        cancelRead();
        file = npy;
        data = null;
        recording = null;
        setVisible(signalRow, false);
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
            fireShown();
            return true;
        } catch (RuntimeException | LinkageError e) {
            data = null;
            canvas.setChart(null);
            error = "Cannot show " + npy + ":\n" + reason(npy, e);
            ILog.of(ResultPlot.class).warn(error, e);
            showMessage(error);
            fireShown();
            return false;
        }
    }

    /**
     * Reads a recording in a background job and shows its first signal group when read (or, for a malformed file,
     * the reader's message naming the file and what is wrong). Returns at once; {@link #isLoading()} is true until
     * the job's result is shown, and the listeners of {@link #addShownListener} are told then.
     *
     * @param file a file a reader of org.myoflow.io accepts ({@code .c3d}, {@code .edf}, {@code .bdf}, ...)
     * @since 0.2
     */
    public void showRecording(Path file) {
        cancelRead();
        this.file = file;
        data = null;
        recording = null;
        error = null;
        title = file.getFileName().toString();
        canvas.setChart(null);
        setRowVisible(false);
        setVisible(signalRow, false);
        header.setText("");
        showMessage("Reading " + file + " ...");
        var display = root.getDisplay();
        Job job = new Job("Reading " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Recording read = null;
                String failure = null;
                try {
                    read = org.myoflow.io.Recordings.read(file);
                } catch (RuntimeException | LinkageError e) {
                    // the readers' messages start with the path already
                    failure = "Cannot show " + file.getFileName() + ":\n" + (e.getMessage() == null || e.getMessage().isBlank()
                            ? e.getClass().getSimpleName() : e.getMessage());
                    ILog.of(ResultPlot.class).warn(failure, e);
                }
                Recording r = read;
                String f = failure;
                Job self = this;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (!root.isDisposed() && readJob == self && !monitor.isCanceled()) {
                            readJob = null;
                            shown(r, f);
                        }
                    });
                }
                return Status.OK_STATUS;
            }
        };
        job.setUser(false);
        job.setPriority(Job.LONG);
        readJob = job;
        job.schedule();
    }

    private void cancelRead() {
        if (readJob != null) {
            readJob.cancel();
            readJob = null;
        }
    }

    /** On the UI thread: the recording read, or why not. */
    private void shown(Recording r, String failure) {
        if (failure != null) {
            error = failure;
            showMessage(failure);
            fireShown();
            return;
        }
        recording = r;
        signalCombo.removeAll();
        for (RecordingSignal s : r.signals()) {
            signalCombo.add(String.format(Locale.ROOT, "%s (%d channels, %s Hz)", s.name(), s.channelCount(),
                    s.samplingRate()));
        }
        if (r.signals().isEmpty()) {
            error = "Cannot show " + file + ":\nthe recording holds no signal (" + r.events().size() + " events).";
            showMessage(error);
            fireShown();
            return;
        }
        header.setText(org.myoflow.io.RecordingSummary.of(r).headline());
        header.setToolTipText(file.toString());
        setVisible(signalRow, true);
        stack.topControl = plotPage;
        selectSignal(0, 0);
        fireShown();
    }

    /**
     * Plots a signal group of the recording shown, as the "Signal" drop-down does.
     *
     * @param signal index into the recording's signals
     * @param page   which eight channels (0 for the first eight)
     * @since 0.2
     */
    public void selectSignal(int signal, int page) {
        if (recording == null || signal < 0 || signal >= recording.signals().size()) {
            return;
        }
        signalIndex = signal;
        RecordingSignal s = recording.signals().get(signal);
        if (signalCombo.getSelectionIndex() != signal) {
            signalCombo.select(signal);
        }
        int pages = RecordingCharts.pages(s);
        pageCombo.removeAll();
        for (int p = 0; p < pages; p++) {
            pageCombo.add(RecordingCharts.pageName(s, p));
        }
        int pg = Math.max(0, Math.min(page, pages - 1));
        pageCombo.select(pg);
        setVisible(pageCombo, pages > 1);
        canvas.setChart(RecordingCharts.chart(title, s, pg));
        root.layout(true, true);
        updateEnablement();
    }

    /**
     * Plots the signal group of that name.
     *
     * @return whether the recording shown has such a group
     * @since 0.2
     */
    public boolean selectSignal(String name) {
        if (recording == null) {
            return false;
        }
        for (int i = 0; i < recording.signals().size(); i++) {
            if (recording.signals().get(i).name().equals(name)) {
                selectSignal(i, 0);
                return true;
            }
        }
        return false;
    }

    /**
     * @return the recording shown, or null (none, still reading, or malformed)
     * @since 0.2
     */
    public Recording recording() {
        return recording;
    }

    /**
     * @return the signal group plotted, or null when no recording is shown
     * @since 0.2
     */
    public RecordingSignal selectedSignal() {
        return recording == null || recording.signals().isEmpty() ? null : recording.signals().get(signalIndex);
    }

    /**
     * @return the entries of the "Signal" drop-down (empty unless a recording is shown)
     * @since 0.2
     */
    public List<String> signalChoices() {
        return recording == null ? List.of() : List.of(signalCombo.getItems());
    }

    /**
     * @return whether a recording is being read in the background
     * @since 0.2
     */
    public boolean isLoading() {
        return readJob != null;
    }

    /**
     * Calls back, on the UI thread, whenever a file has been shown or could not be (for recordings: when the
     * background read is over).
     *
     * @since 0.2
     */
    public void addShownListener(Runnable listener) {
        shownListeners.add(listener);
    }

    private void fireShown() {
        for (Runnable r : List.copyOf(shownListeners)) {
            r.run();
        }
    }

    private static void setVisible(org.eclipse.swt.widgets.Control c, boolean visible) {
        c.setVisible(visible);
        if (c.getLayoutData() instanceof GridData gd) {
            gd.exclude = !visible;
        } else {
            GridData gd = new GridData();
            gd.exclude = !visible;
            c.setLayoutData(gd);
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
        cancelRead();
        data = null;
        recording = null;
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
        return new int[] { Charts.PREFERRED_WIDTH, data == null ? 420 + (recording == null ? 0 : 280)
                : Charts.preferredHeight(data) };
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
