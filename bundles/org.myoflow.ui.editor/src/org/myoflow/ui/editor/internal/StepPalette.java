package org.myoflow.ui.editor.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.spi.StepDescriptor;

/**
 * Every installed step, grouped by its category path ("Simulation/Spikes" nests Spikes under Simulation), built
 * from the step registry alone, so steps from third-party bundles appear without code of their own. Double-click
 * adds the step to the pipeline; dragging carries the step id (as text) onto the canvas.
 */
public final class StepPalette {

    private final Tree tree;

    /**
     * @param steps the installed steps
     * @param add   called with a step id on double-click
     */
    public StepPalette(Composite parent, List<RegisteredStep> steps, Consumer<String> add) {
        tree = new Tree(parent, SWT.SINGLE | SWT.BORDER);
        tree.setToolTipText("Installed steps: double-click or drag onto the graph to add one");
        Map<String, TreeItem> categories = new HashMap<>();
        for (RegisteredStep s : steps) {
            StepDescriptor d = s.descriptor();
            TreeItem parentItem = category(categories, d.category());
            TreeItem item = new TreeItem(parentItem, SWT.NONE);
            item.setText(d.name());
            item.setData(d.id());
        }
        for (TreeItem top : tree.getItems()) {
            top.setExpanded(true);
        }
        tree.addListener(SWT.DefaultSelection, e -> {
            if (e.item instanceof TreeItem ti && ti.getData() instanceof String id) {
                add.accept(id);
            }
        });
        tree.addListener(SWT.MouseMove, e -> {
            TreeItem ti = tree.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            String tip = null;
            if (ti != null && ti.getData() instanceof String id) {
                StepDescriptor d = steps.stream().map(RegisteredStep::descriptor).filter(x -> x.id().equals(id))
                        .findFirst().orElse(null);
                if (d != null) {
                    tip = d.name() + " (" + d.id() + " " + d.version() + ")\n" + d.description();
                }
            }
            if (!java.util.Objects.equals(tip, tree.getToolTipText())) {
                tree.setToolTipText(tip);
            }
        });
        DragSource drag = new DragSource(tree, DND.DROP_COPY);
        drag.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        drag.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                event.doit = selectedStep() != null;
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = selectedStep();
            }
        });
    }

    private TreeItem category(Map<String, TreeItem> categories, String path) {
        String[] parts = path.split("/");
        TreeItem item = null;
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            key.append('/').append(part);
            TreeItem found = categories.get(key.toString());
            if (found == null) {
                found = item == null ? new TreeItem(tree, SWT.NONE) : new TreeItem(item, SWT.NONE);
                found.setText(part);
                categories.put(key.toString(), found);
            }
            item = found;
        }
        return item;
    }

    private String selectedStep() {
        TreeItem[] sel = tree.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof String id ? id : null;
    }

    /** The tree (for layout and tests). */
    public Tree control() {
        return tree;
    }
}
