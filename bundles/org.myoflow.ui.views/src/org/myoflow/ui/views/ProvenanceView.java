package org.myoflow.ui.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.layout.TreeColumnLayout;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.myoflow.ui.views.internal.ProvenanceNode;
import org.myoflow.ui.views.internal.RunProvenance;
import org.myoflow.ui.views.internal.Selections;

/**
 * The provenance view ({@value #ID}): the {@code run.json} of a run folder as a tree. First the run (experiment,
 * pipeline and its digest, seed, times, platform, host), then each node: step id@version, bundle, parameters,
 * seed, cache key, whether it came from the cache, duration, input files and outputs with their SHA-256. It follows
 * the selection: a run folder, its run.json, or any file in it (a result in the navigator or an open result editor).
 *
 * @since 0.1
 */
public class ProvenanceView extends ViewPart {

    /** View id. */
    public static final String ID = "org.myoflow.ui.views.provenance";

    private Label header;
    private TreeViewer viewer;
    private Path runFolder;
    private String error;
    private List<ProvenanceNode> roots = List.of();
    private final ISelectionListener selectionListener = this::selectionChanged;
    private static final String MEMENTO_FOLDER = "runFolder";
    private String restoredFolder;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        restoredFolder = memento == null ? null : memento.getString(MEMENTO_FOLDER);
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (runFolder != null && error == null) {
            memento.putString(MEMENTO_FOLDER, runFolder.toString());
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 2;
        gl.marginHeight = 2;
        c.setLayout(gl);
        header = new Label(c, SWT.WRAP);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        header.setText("Select a run folder, its run.json or a result in it to see how it was made.");
        Composite treeBox = new Composite(c, SWT.NONE);
        treeBox.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TreeColumnLayout columns = new TreeColumnLayout();
        treeBox.setLayout(columns);
        viewer = new TreeViewer(treeBox, SWT.FULL_SELECTION | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object e) {
                return ((ProvenanceNode) e).children().toArray();
            }

            @Override
            public Object getParent(Object e) {
                return null;
            }

            @Override
            public boolean hasChildren(Object e) {
                return !((ProvenanceNode) e).children().isEmpty();
            }
        });
        TreeViewerColumn name = new TreeViewerColumn(viewer, SWT.LEFT);
        name.getColumn().setText("Item");
        name.setLabelProvider(ColumnLabelProvider.createTextProvider(e -> ((ProvenanceNode) e).name()));
        columns.setColumnData(name.getColumn(), new ColumnWeightData(35, 120));
        TreeViewerColumn value = new TreeViewerColumn(viewer, SWT.LEFT);
        value.getColumn().setText("Value");
        value.setLabelProvider(ColumnLabelProvider.createTextProvider(e -> ((ProvenanceNode) e).value()));
        columns.setColumnData(value.getColumn(), new ColumnWeightData(65, 200));
        viewer.setInput(roots);
        getSite().setSelectionProvider(viewer);
        getSite().getPage().addPostSelectionListener(selectionListener);
        if (restoredFolder != null && Files.isRegularFile(Path.of(restoredFolder, Selections.RUN_JSON))) {
            showRun(Path.of(restoredFolder));
        }
        restoredFolder = null;
        selectionChanged(null, getSite().getPage().getSelection());
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this) {
            return;
        }
        Path folder = Selections.runFolder(Selections.resource(selection));
        if (folder != null && !folder.equals(runFolder)) {
            showRun(folder);
        }
    }

    /**
     * Shows the provenance of a workspace run folder.
     *
     * @return whether its run.json was read (otherwise the view says why not)
     */
    public boolean showRun(IContainer folder) {
        IPath location = folder.getLocation();
        if (location == null) {
            return fail(null, folder.getFullPath() + " is not on the local file system");
        }
        return showRun(location.toPath());
    }

    /**
     * Shows the provenance of a run folder of the file system.
     *
     * @return whether its run.json was read (otherwise the view says why not)
     */
    public boolean showRun(Path folder) {
        try {
            roots = RunProvenance.read(folder);
        } catch (IOException | RuntimeException e) {
            return fail(folder, "Cannot show the provenance of " + folder + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
        runFolder = folder;
        error = null;
        header.setText("Run folder " + folder);
        viewer.setInput(roots);
        viewer.expandToLevel(2);
        setContentDescription("");
        return true;
    }

    private boolean fail(Path folder, String why) {
        runFolder = folder;
        error = why;
        roots = List.of();
        viewer.setInput(roots);
        header.setText(why);
        header.getParent().layout();
        return false;
    }

    /** @return the run folder shown or last tried, or null */
    public Path runFolder() {
        return runFolder;
    }

    /** @return why the last run folder could not be shown, or null */
    public String errorMessage() {
        return error;
    }

    /** @return rows of the tree, expanded or not, at every level (0 when nothing is shown) */
    public int itemCount() {
        int n = 0;
        for (ProvenanceNode r : roots) {
            n += r.size();
        }
        return n;
    }

    /** @return rows at the top of the tree as created in the widget ("Run" and "Nodes" when a run is shown) */
    public int topLevelItemCount() {
        return viewer.getTree().getItemCount();
    }

    /** @return the rows of the tree as "name = value" text, depth first, indented two spaces per level */
    public String asText() {
        StringBuilder b = new StringBuilder();
        for (ProvenanceNode r : roots) {
            append(b, r, 0);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, ProvenanceNode n, int depth) {
        b.append("  ".repeat(depth)).append(n).append('\n');
        for (ProvenanceNode c : n.children()) {
            append(b, c, depth + 1);
        }
    }

    /** @return the tree viewer (rows are internal objects; use {@link #asText()} for their content) */
    public TreeViewer getViewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        super.dispose();
    }
}
