package org.myoflow.ui.views;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.myoflow.ui.views.internal.InspectPage;

/**
 * The read-only "Myoflow result" editor ({@value #ID}) for {@code *.npy} files: double-clicking a result in the
 * navigator opens it here, plotted as in the {@link ResultPlotView}, with the same zoom and export actions on a
 * toolbar of its own. Its selection is the result file, so the provenance view follows the active result.
 * <p>
 * It also opens recordings ({@code .c3d}, {@code .edf}, {@code .bdf}, {@code .otb+}, {@code .mat}, {@code .h5},
 * {@code .trc}, {@code .anc}, {@code .sto}, {@code .mot}): read in the background by the readers of
 * org.myoflow.io, shown on a "Plot" page (a signal selector, one panel per channel with its label and unit,
 * missing samples as gaps) and an "Inspect" page (the table and text of {@code myoflow inspect}).
 *
 * @since 0.1
 */
public class ResultEditor extends EditorPart implements ResultPlotPart {

    /** Editor id. */
    public static final String ID = "org.myoflow.ui.views.resultEditor";

    private ResultPlot panel;
    private Path path;
    private IFile workspaceFile;
    private CTabFolder tabs;
    private InspectPage inspect;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (input instanceof IFileEditorInput fi) {
            workspaceFile = fi.getFile();
            if (workspaceFile.getLocation() == null) {
                throw new PartInitException("The result " + workspaceFile.getFullPath() + " is not a local file");
            }
            path = workspaceFile.getLocation().toPath();
        } else if (input instanceof IURIEditorInput ui && "file".equals(ui.getURI().getScheme())) {
            path = Path.of(URI.create(ui.getURI().toString()));
        } else {
            throw new PartInitException("The Myoflow result editor opens local result and recording files, not "
                    + input.getName());
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(path.toString());
        site.setSelectionProvider(new FixedSelection(workspaceFile == null ? StructuredSelection.EMPTY
                : new StructuredSelection(workspaceFile)));
    }

    @Override
    public void createPartControl(Composite parent) {
        if (isRecording()) {
            tabs = new CTabFolder(parent, SWT.BOTTOM | SWT.FLAT);
        }
        Composite c = new Composite(tabs != null ? tabs : parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 0;
        c.setLayout(gl);
        if (tabs != null) {
            CTabItem plotTab = new CTabItem(tabs, SWT.NONE);
            plotTab.setText("Plot");
            plotTab.setControl(c);
        }
        ToolBarManager tbm = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        tbm.createControl(c).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        panel = new ResultPlot(c);
        panel.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        panel.actions().forEach(tbm::add);
        tbm.update(true);
        if (tabs != null) {
            inspect = new InspectPage(tabs);
            CTabItem inspectTab = new CTabItem(tabs, SWT.NONE);
            inspectTab.setText("Inspect");
            inspectTab.setControl(inspect.control());
            tabs.setSelection(0);
            panel.addShownListener(() -> {
                if (panel.recording() != null) {
                    inspect.show(panel.recording());
                } else if (panel.errorMessage() != null) {
                    inspect.showError(panel.errorMessage());
                }
            });
            panel.showRecording(path);
        } else {
            panel.show(path);
        }
    }

    /**
     * @return whether the editor shows a recording (any file but a {@code .npy} result), with "Plot" and "Inspect"
     *         pages
     * @since 0.2
     */
    public boolean isRecording() {
        return !path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
    }

    /**
     * Brings a page of a recording's editor to the front, as clicking its tab does.
     *
     * @param inspectPage true for "Inspect", false for "Plot"
     * @since 0.2
     */
    public void showPage(boolean inspectPage) {
        if (tabs != null) {
            tabs.setSelection(inspectPage ? 1 : 0);
        }
    }

    /**
     * @return whether the "Inspect" page of a recording is in front
     * @since 0.2
     */
    public boolean isInspectPageShown() {
        return tabs != null && tabs.getSelectionIndex() == 1;
    }

    /**
     * @return the "Inspect" page's table (a row per channel: signal, rate, samples, duration, channel, unit, kind,
     *         missing samples), or null for a {@code .npy} result
     * @since 0.2
     */
    public Table inspectTable() {
        return inspect == null ? null : inspect.table();
    }

    /**
     * @return the text under the "Inspect" table: what {@code myoflow inspect} prints (or why the file cannot be
     *         read); null for a {@code .npy} result
     * @since 0.2
     */
    public String inspectText() {
        return inspect == null ? null : inspect.text();
    }

    @Override
    public ResultPlot plot() {
        return panel;
    }

    @Override
    public void setFocus() {
        if (tabs != null) {
            tabs.setFocus();
            return;
        }
        panel.control().setFocus();
    }

    /** Read-only: nothing to save. */
    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    /** Read-only: nothing to save. */
    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    /** A selection that never changes: the editor's result file. */
    private static final class FixedSelection implements ISelectionProvider {
        private final ISelection selection;

        FixedSelection(ISelection selection) {
            this.selection = selection;
        }

        @Override
        public void addSelectionChangedListener(ISelectionChangedListener listener) {
        }

        @Override
        public ISelection getSelection() {
            return selection;
        }

        @Override
        public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        }

        @Override
        public void setSelection(ISelection s) {
        }
    }
}
