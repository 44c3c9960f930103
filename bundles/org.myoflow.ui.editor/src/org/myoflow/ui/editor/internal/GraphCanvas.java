package org.myoflow.ui.editor.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Path;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Connection;
import org.myoflow.model.Node;
import org.myoflow.model.Pipeline;
import org.myoflow.ui.editor.edit.GraphGeometry;
import org.myoflow.ui.editor.edit.GraphGeometry.Box;
import org.myoflow.ui.editor.edit.GraphGeometry.Port;
import org.myoflow.ui.editor.edit.PipelineEdits;
import org.myoflow.ui.editor.edit.PortCompatibility;

/**
 * The pipeline drawn by hand on a canvas inside a scrolled composite: nodes as boxes, ports as dots, connections
 * as curves. Pressing on an output port and releasing on an input port connects them; pressing on a node and
 * dragging moves it (one undoable move on release); Delete removes the selected node or connection. The canvas
 * never changes the model itself: it asks its {@link Host}.
 */
public final class GraphCanvas {

    /** What the canvas needs from the editor. */
    public interface Host {
        /** The pipeline shown. */
        Pipeline pipeline();

        /** The installed step with this id, or null. */
        StepDescriptor descriptor(String stepId);

        /** Ids of the nodes that have validation problems. */
        Set<String> problemNodes();

        /** The problems of one node, as messages. */
        List<String> problemsOf(String nodeId);

        /** The selected node changed (null: none, or a connection is selected). */
        void nodeSelected(String nodeId);

        /** Moves a node (one undoable edit). */
        void moveNode(String nodeId, int x, int y);

        /** Connects two ports; returns why not, or null when connected. */
        String connect(String sourceNode, String sourcePort, String targetNode, String targetPort);

        /** Removes a node. */
        void removeNode(String nodeId);

        /** Removes the connection into an input. */
        void disconnect(String targetNode, String targetPort);

        /** Adds a node of the step at the point. */
        void addNode(String stepId, int x, int y);

        /** Shows a message in the status line. */
        void status(String message, boolean error);
    }

    private static final int MARGIN = 200;

    private final Host host;
    private final ScrolledComposite scroller;
    private final Canvas canvas;
    private final Font bold;
    private final Font small;
    private final Color nodeFill = new Color(248, 249, 252);
    private final Color headerFill = new Color(222, 232, 245);
    private final Color border = new Color(120, 130, 145);
    private final Color selection = new Color(30, 100, 220);
    private final Color problem = new Color(210, 30, 30);
    private final Color wire = new Color(90, 95, 105);
    private final Color ok = new Color(30, 150, 60);
    private final Color muted = new Color(110, 110, 110);

    private String selectedNode;
    private Connection selectedConnection;
    /** A copy of the pipeline with the dragged node moved, painted while a move is under way. */
    private Pipeline preview;
    private String dragNode;
    private int dragDx;
    private int dragDy;
    private Point pressAt;
    private Port wireFrom;
    private Point wireTo;

    public GraphCanvas(Composite parent, Host host) {
        this.host = host;
        scroller = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        canvas = new Canvas(scroller, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        scroller.setContent(canvas);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        FontData[] fd = canvas.getFont().getFontData();
        for (FontData f : fd) {
            f.setStyle(SWT.BOLD);
        }
        bold = new Font(canvas.getDisplay(), fd);
        FontData[] sd = canvas.getFont().getFontData();
        for (FontData f : sd) {
            f.setHeight(Math.max(7, f.getHeight() - 1));
        }
        small = new Font(canvas.getDisplay(), sd);
        canvas.addDisposeListener(e -> {
            bold.dispose();
            small.dispose();
        });
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL || e.keyCode == SWT.BS) {
                deleteSelection();
            }
        });
        // Canvas takes keyboard focus only with a key listener; traversal keys must still leave it
        canvas.addListener(SWT.Traverse, e -> e.doit = true);
        DropTarget drop = new DropTarget(canvas, DND.DROP_COPY | DND.DROP_MOVE | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void dragOperationChanged(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String stepId && !stepId.isBlank()) {
                    Point p = canvas.toControl(event.x, event.y);
                    host.addNode(stepId.trim(), Math.max(0, p.x - GraphGeometry.WIDTH / 2), Math.max(0, p.y - 10));
                }
            }
        });
        refresh();
    }

    /** The scrolled composite holding the canvas (for layout). */
    public ScrolledComposite control() {
        return scroller;
    }

    /** The canvas itself. */
    public Canvas canvas() {
        return canvas;
    }

    /** The selected node id, or null. */
    public String selectedNode() {
        return selectedNode;
    }

    /** Selects a node (null clears the selection) and tells the host. */
    public void selectNode(String nodeId) {
        selectedConnection = null;
        if (!Objects.equals(selectedNode, nodeId)) {
            selectedNode = nodeId;
            host.nodeSelected(nodeId);
        }
        canvas.redraw();
    }

    /** Re-reads the pipeline: drops a selection that no longer exists, resizes and repaints. */
    public void refresh() {
        Pipeline p = host.pipeline();
        if (selectedNode != null && (p == null || PipelineEdits.node(p, selectedNode).isEmpty())) {
            selectedNode = null;
            host.nodeSelected(null);
        }
        if (selectedConnection != null) {
            Connection c = selectedConnection;
            selectedConnection = p == null ? null : p.getConnections().stream()
                    .filter(x -> x.getTargetNode().equals(c.getTargetNode())
                            && x.getTargetPort().equals(c.getTargetPort()))
                    .findFirst().orElse(null);
        }
        int[] ext = p == null ? new int[] { 0, 0 } : geometry(p).extent(MARGIN);
        scroller.setMinSize(ext[0], ext[1]);
        canvas.redraw();
    }

    /**
     * Where a node added without a position (palette double-click) should go: the first place in the visible area,
     * scanned row by row, where a box of a typical node's size overlaps no other node.
     */
    public Point freeSpot() {
        Point origin = scroller.getOrigin();
        org.eclipse.swt.graphics.Rectangle view = scroller.getClientArea();
        Pipeline p = host.pipeline();
        if (p == null) {
            return new Point(origin.x + 20, origin.y + 20);
        }
        int[] spot = geometry(p).freeSpot(origin.x + 20, origin.y + 20, Math.max(view.width, 400),
                Math.max(view.height, 300));
        return new Point(spot[0], spot[1]);
    }

    private GraphGeometry geometry(Pipeline p) {
        return new GraphGeometry(p, host::descriptor);
    }

    private void deleteSelection() {
        if (selectedNode != null) {
            host.removeNode(selectedNode);
        } else if (selectedConnection != null) {
            host.disconnect(selectedConnection.getTargetNode(), selectedConnection.getTargetPort());
        }
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        if (e.button != 1 || host.pipeline() == null) {
            return;
        }
        GraphGeometry g = geometry(host.pipeline());
        Port port = g.portAt(e.x, e.y);
        if (port != null && !port.input()) {
            wireFrom = port;
            wireTo = new Point(e.x, e.y);
            return;
        }
        Node n = g.nodeAt(e.x, e.y);
        if (n != null) {
            selectNode(n.getId());
            dragNode = n.getId();
            dragDx = e.x - n.getX();
            dragDy = e.y - n.getY();
            pressAt = new Point(e.x, e.y);
            return;
        }
        Connection c = g.connectionAt(e.x, e.y, 5);
        selectNode(null);
        selectedConnection = c;
        if (c != null) {
            host.status("Connection " + c.getSourceNode() + "." + c.getSourcePort() + " \u2192 " + c.getTargetNode()
                    + "." + c.getTargetPort() + " (Delete removes it)", false);
        }
        canvas.redraw();
    }

    private void mouseMove(Event e) {
        if (wireFrom != null) {
            wireTo = new Point(e.x, e.y);
            canvas.redraw();
            return;
        }
        if (dragNode != null && pressAt != null) {
            if (preview == null && Math.abs(e.x - pressAt.x) + Math.abs(e.y - pressAt.y) < 3) {
                return;
            }
            if (preview == null) {
                preview = EcoreUtil.copy(host.pipeline());
            }
            PipelineEdits.moveNode(preview, dragNode, e.x - dragDx, e.y - dragDy);
            int[] ext = geometry(preview).extent(MARGIN);
            scroller.setMinSize(ext[0], ext[1]);
            canvas.redraw();
            return;
        }
        Pipeline p = host.pipeline();
        String tip = null;
        if (p != null) {
            GraphGeometry g = geometry(p);
            Port port = g.portAt(e.x, e.y);
            if (port != null) {
                tip = (port.input() ? "input " : "output ") + port.name() + " : " + port.typeId()
                        + (port.optional() ? " (optional)" : "") + description(g, port);
            } else {
                Node n = g.nodeAt(e.x, e.y);
                if (n != null) {
                    List<String> probs = host.problemsOf(n.getId());
                    StepDescriptor d = g.step(n);
                    tip = (d == null ? n.getStepId() + " (not installed)" : d.name() + " \u2014 " + d.description())
                            + (probs.isEmpty() ? "" : "\n\n" + String.join("\n", probs));
                }
            }
        }
        if (!Objects.equals(tip, canvas.getToolTipText())) {
            canvas.setToolTipText(tip);
        }
    }

    private static String description(GraphGeometry g, Port port) {
        Node n = null;
        for (Node x : g.pipelineNodes()) {
            if (x.getId().equals(port.nodeId())) {
                n = x;
            }
        }
        StepDescriptor d = n == null ? null : g.step(n);
        if (d == null) {
            return "";
        }
        return (port.input() ? d.input(port.name()) : d.output(port.name()))
                .map(s -> s.description().isEmpty() ? "" : "\n" + s.description()).orElse("");
    }

    private void mouseUp(Event e) {
        if (wireFrom != null) {
            Port from = wireFrom;
            wireFrom = null;
            wireTo = null;
            Port to = host.pipeline() == null ? null : geometry(host.pipeline()).portAt(e.x, e.y);
            if (to != null && to.input()) {
                String why = host.connect(from.nodeId(), from.name(), to.nodeId(), to.name());
                if (why != null) {
                    host.status("Cannot connect: " + why, true);
                }
            } else if (to != null) {
                host.status("Cannot connect: drag from an output port (right) to an input port (left)", true);
            }
            canvas.redraw();
            return;
        }
        if (dragNode != null) {
            String id = dragNode;
            Pipeline moved = preview;
            dragNode = null;
            preview = null;
            pressAt = null;
            if (moved != null) {
                Node n = PipelineEdits.node(moved, id).orElse(null);
                if (n != null) {
                    host.moveNode(id, n.getX(), n.getY());
                }
            }
            refresh();
        }
    }

    private void paint(GC gc) {
        gc.setAdvanced(true);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        Pipeline p = preview != null ? preview : host.pipeline();
        if (p == null) {
            return;
        }
        GraphGeometry g = geometry(p);
        if (p.getNodes().isEmpty()) {
            gc.setForeground(muted);
            gc.drawText("Empty pipeline: double-click a step in the palette or drag it here.", 20, 20, true);
        }
        for (Connection c : p.getConnections()) {
            int[] cp = g.controlPoints(c);
            if (cp == null) {
                continue;
            }
            boolean sel = selectedConnection != null && c.getTargetNode().equals(selectedConnection.getTargetNode())
                    && c.getTargetPort().equals(selectedConnection.getTargetPort());
            gc.setForeground(sel ? selection : wire);
            gc.setLineWidth(sel ? 3 : 2);
            drawCurve(gc, cp);
        }
        Set<String> bad = host.problemNodes();
        for (Node n : p.getNodes()) {
            drawNode(gc, g, n, bad.contains(n.getId()));
        }
        if (wireFrom != null && wireTo != null) {
            Port target = g.portAt(wireTo.x, wireTo.y);
            Color c = wire;
            if (target != null && target.input()) {
                Node src = PipelineEdits.node(p, wireFrom.nodeId()).orElse(null);
                Node dst = PipelineEdits.node(p, target.nodeId()).orElse(null);
                String why = src == null || dst == null ? "?" : PortCompatibility.problem(g.step(src),
                        wireFrom.name(), g.step(dst), target.name());
                c = why == null ? ok : problem;
            }
            gc.setForeground(c);
            gc.setLineWidth(2);
            gc.setLineStyle(SWT.LINE_DASH);
            drawCurve(gc, GraphGeometry.controlPoints(wireFrom.x(), wireFrom.y(), wireTo.x, wireTo.y));
            gc.setLineStyle(SWT.LINE_SOLID);
        }
    }

    private void drawCurve(GC gc, int[] cp) {
        Path path = new Path(canvas.getDisplay());
        try {
            path.moveTo(cp[0], cp[1]);
            path.cubicTo(cp[2], cp[3], cp[4], cp[5], cp[6], cp[7]);
            gc.drawPath(path);
        } finally {
            path.dispose();
        }
    }

    private void drawNode(GC gc, GraphGeometry g, Node n, boolean hasProblem) {
        Box b = g.box(n);
        StepDescriptor d = g.step(n);
        gc.setBackground(nodeFill);
        gc.fillRoundRectangle(b.x(), b.y(), b.width(), b.height(), 10, 10);
        gc.setBackground(headerFill);
        gc.fillRoundRectangle(b.x(), b.y(), b.width(), GraphGeometry.HEADER, 10, 10);
        gc.fillRectangle(b.x(), b.y() + GraphGeometry.HEADER - 6, b.width(), 6);
        boolean sel = n.getId().equals(selectedNode);
        gc.setLineWidth(hasProblem || sel ? 2 : 1);
        gc.setForeground(hasProblem ? problem : sel ? selection : border);
        gc.drawRoundRectangle(b.x(), b.y(), b.width(), b.height(), 10, 10);
        if (hasProblem && sel) {
            gc.setForeground(selection);
            gc.setLineWidth(1);
            gc.drawRoundRectangle(b.x() - 3, b.y() - 3, b.width() + 6, b.height() + 6, 12, 12);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.setFont(bold);
        String title = d == null ? n.getStepId() + " (missing)" : d.name();
        gc.drawText(fit(gc, title, b.width() - 12), b.x() + 6, b.y() + 3, true);
        gc.setFont(small);
        gc.setForeground(hasProblem ? problem : muted);
        gc.drawText(fit(gc, n.getId(), b.width() - 12), b.x() + 6, b.y() + 17, true);
        List<Port> outs = g.outputs(n);
        int[] outWidth = new int[outs.size()];
        for (int i = 0; i < outs.size(); i++) {
            outWidth[i] = drawPort(gc, outs.get(i), b.width() / 2 + 20);
        }
        List<Port> ins = g.inputs(n);
        for (int i = 0; i < ins.size(); i++) {
            // an input label may use the width its row's output label leaves free
            drawPort(gc, ins.get(i), b.width() - 2 * GraphGeometry.PORT_RADIUS - 14 - (i < outWidth.length
                    ? outWidth[i] : 0));
        }
        gc.setFont(canvas.getFont());
    }

    /** Draws a port's dot and its label (at most {@code maxLabel} pixels wide); returns the label's width. */
    private int drawPort(GC gc, Port port, int maxLabel) {
        int r = GraphGeometry.PORT_RADIUS;
        gc.setLineWidth(1);
        gc.setForeground(border);
        if (port.optional()) {
            gc.setBackground(nodeFill);
        } else {
            gc.setBackground(port.input() ? wire : selection);
        }
        gc.fillOval(port.x() - r, port.y() - r, 2 * r, 2 * r);
        gc.drawOval(port.x() - r, port.y() - r, 2 * r, 2 * r);
        String text = port.optional() ? port.name() + " (opt.)" : port.name();
        gc.setFont(small);
        gc.setForeground(port.optional() ? muted : canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        text = fit(gc, text, Math.max(20, maxLabel));
        Point size = gc.textExtent(text);
        if (port.input()) {
            gc.drawText(text, port.x() + r + 4, port.y() - size.y / 2, true);
        } else {
            gc.drawText(text, port.x() - r - 4 - size.x, port.y() - size.y / 2, true);
        }
        return size.x + 8;
    }

    private static String fit(GC gc, String s, int width) {
        if (s == null) {
            return "";
        }
        if (gc.textExtent(s).x <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && gc.textExtent(t + "\u2026").x > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }
}
