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
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

/**
 * The read-only "Myoflow result" editor ({@value #ID}) for {@code *.npy} files: double-clicking a result in the
 * navigator opens it here, plotted as in the {@link ResultPlotView}, with the same zoom and export actions on a
 * toolbar of its own. Its selection is the result file, so the provenance view follows the active result.
 *
 * @since 0.1
 */
public class ResultEditor extends EditorPart implements ResultPlotPart {

    /** Editor id. */
    public static final String ID = "org.myoflow.ui.views.resultEditor";

    private ResultPlot panel;
    private Path path;
    private IFile workspaceFile;

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
            throw new PartInitException("The Myoflow result editor opens local .npy files, not " + input.getName());
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
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 0;
        c.setLayout(gl);
        ToolBarManager tbm = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        tbm.createControl(c).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        panel = new ResultPlot(c);
        panel.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        panel.actions().forEach(tbm::add);
        tbm.update(true);
        panel.show(path);
    }

    @Override
    public ResultPlot plot() {
        return panel;
    }

    @Override
    public void setFocus() {
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
