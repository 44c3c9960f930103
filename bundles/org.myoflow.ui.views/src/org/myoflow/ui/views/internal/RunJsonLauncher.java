package org.myoflow.ui.views.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.ui.IEditorLauncher;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.myoflow.ui.views.ProvenanceView;

/**
 * Opening a {@code run.json} (double-click in the navigator) shows its run in the provenance view rather than in a
 * text editor: the JSON is there to be read by tools; people read the tree.
 */
public final class RunJsonLauncher implements IEditorLauncher {

    @Override
    public void open(IPath file) {
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = w == null ? null : w.getActivePage();
        if (page == null || file == null) {
            return;
        }
        try {
            ProvenanceView v = (ProvenanceView) page.showView(ProvenanceView.ID);
            v.showRun(file.toPath().getParent());
        } catch (PartInitException e) {
            ILog.of(RunJsonLauncher.class).error("could not open the provenance view for " + file, e);
        }
    }
}
