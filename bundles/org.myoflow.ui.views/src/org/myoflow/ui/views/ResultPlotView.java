package org.myoflow.ui.views;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.myoflow.ui.views.internal.Selections;

/**
 * The result plot view ({@value #ID}): one result file plotted (signals stacked by channel or overlaid, spike
 * rasters, MUAP grids with a spinner over the updates of a series), zoomable, exportable to PNG and SVG. The view
 * without a secondary id follows the {@code .npy} files selected in the workbench ("Follow Selection"); views opened
 * for a file by {@link ResultViews#openPlot} keep their file.
 *
 * @since 0.1
 */
public class ResultPlotView extends ViewPart implements ResultPlotPart {

    /** View id; several instances may be open, with secondary ids. */
    public static final String ID = "org.myoflow.ui.views.plot";
    private static final String MEMENTO_FILE = "file";
    private static final String MEMENTO_FOLLOW = "followSelection";

    private ResultPlot panel;
    private IAction follow;
    private final ISelectionListener selectionListener = this::selectionChanged;
    /** The file and follow state of the view in the last session, when the workbench restores it. */
    private IMemento restored;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        restored = memento;
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (panel != null && panel.file() != null) {
            memento.putString(MEMENTO_FILE, panel.file().toString());
        }
        if (follow != null) {
            memento.putBoolean(MEMENTO_FOLLOW, follow.isChecked());
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new ResultPlot(parent);
        follow = new Action("Follow Selection", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                if (isChecked()) {
                    selectionChanged(null, getSite().getPage().getSelection());
                }
            }
        };
        follow.setToolTipText("Show the result file selected in the navigator");
        follow.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages()
                .getImageDescriptor(ISharedImages.IMG_ELCL_SYNCED));
        Boolean followed = restored == null ? null : restored.getBoolean(MEMENTO_FOLLOW);
        follow.setChecked(followed != null ? followed : getViewSite().getSecondaryId() == null);
        IToolBarManager tb = getViewSite().getActionBars().getToolBarManager();
        tb.add(follow);
        tb.add(new Separator());
        panel.actions().forEach(tb::add);
        panel.actions().forEach(getViewSite().getActionBars().getMenuManager()::add);
        getSite().getPage().addPostSelectionListener(selectionListener);
        String last = restored == null ? null : restored.getString(MEMENTO_FILE);
        restored = null;
        if (last != null && Files.isRegularFile(Path.of(last))) {
            show(Path.of(last));
        } else if (follow.isChecked()) {
            selectionChanged(null, getSite().getPage().getSelection());
        }
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || follow == null || !follow.isChecked()) {
            return;
        }
        IFile f = Selections.resultFile(selection);
        if (f != null && f.getLocation() != null && !f.getLocation().toPath().equals(panel.file())) {
            show(f);
        }
    }

    /**
     * Shows a workspace result file.
     *
     * @return whether it is shown (otherwise the view shows why not)
     */
    public boolean show(IFile npy) {
        IPath location = npy.getLocation();
        if (location == null) {
            panel.showError("Cannot show " + npy.getFullPath() + ": it is not a file on the local file system.");
            setPartName(npy.getName());
            return false;
        }
        return show(location.toPath());
    }

    /**
     * Shows a result file of the file system.
     *
     * @return whether it is shown (otherwise the view shows why not)
     */
    public boolean show(Path npy) {
        boolean ok = panel.show(npy);
        setPartName(npy.getFileName().toString());
        setTitleToolTip(npy.toString());
        return ok;
    }

    /** @return whether the view follows the selected result file */
    public boolean isFollowingSelection() {
        return follow.isChecked();
    }

    /** @param on whether the view should follow the selected result file */
    public void setFollowingSelection(boolean on) {
        follow.setChecked(on);
    }

    @Override
    public ResultPlot plot() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.control().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        super.dispose();
    }
}
