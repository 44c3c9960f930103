package org.myoflow.ui.editor.edit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Connection;
import org.myoflow.model.Node;
import org.myoflow.model.Pipeline;

/**
 * Where things are on the pipeline graph, in canvas pixels: a node is a box at its model (x, y) with a header
 * (step name, node id) and one row per port, inputs on the left edge and outputs on the right; a connection is a
 * cubic curve from an output to an input. Hit testing for ports, nodes and connections lives here so the canvas
 * only draws.
 *
 * @since 0.1
 */
public final class GraphGeometry {

    /** Node box width. */
    public static final int WIDTH = 170;
    /** Height of the header holding the step name and node id. */
    public static final int HEADER = 34;
    /** Height of one port row. */
    public static final int ROW = 16;
    /** Radius of a port's dot. */
    public static final int PORT_RADIUS = 5;
    /** How far from a port's dot a press still hits it. */
    public static final int PORT_TOLERANCE = 9;

    private final Pipeline pipeline;
    private final Function<String, StepDescriptor> steps;

    /**
     * @param pipeline the pipeline
     * @param steps    descriptor of a step id, or null when it is not installed
     */
    public GraphGeometry(Pipeline pipeline, Function<String, StepDescriptor> steps) {
        this.pipeline = pipeline;
        this.steps = steps;
    }

    /** A node's box. */
    public record Box(int x, int y, int width, int height) {
        /** Whether the point lies inside. */
        public boolean contains(int px, int py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    /**
     * A port on the canvas.
     *
     * @param nodeId   the node
     * @param name     the port name
     * @param input    whether it is an input (left edge)
     * @param optional whether it is an optional input
     * @param typeId   the data type id ("" when the step is not installed)
     * @param x        centre x
     * @param y        centre y
     */
    public record Port(String nodeId, String name, boolean input, boolean optional, String typeId, int x, int y) {
    }

    /** The nodes of the pipeline. */
    public List<Node> pipelineNodes() {
        return pipeline.getNodes();
    }

    /** The step of a node (null when not installed). */
    public StepDescriptor step(Node n) {
        return n.getStepId() == null ? null : steps.apply(n.getStepId());
    }

    /** Input ports of a node, top to bottom; for a missing step, the ports its connections name. */
    public List<Port> inputs(Node n) {
        return ports(n, true);
    }

    /** Output ports of a node, top to bottom; for a missing step, the ports its connections name. */
    public List<Port> outputs(Node n) {
        return ports(n, false);
    }

    private List<Port> ports(Node n, boolean input) {
        List<Port> out = new ArrayList<>();
        StepDescriptor d = step(n);
        int x = input ? n.getX() : n.getX() + WIDTH;
        int y0 = n.getY() + HEADER + ROW / 2;
        if (d != null) {
            List<PortSpec> specs = input ? d.inputs() : d.outputs();
            for (int i = 0; i < specs.size(); i++) {
                PortSpec p = specs.get(i);
                out.add(new Port(n.getId(), p.name(), input, input && p.optional(), p.type().id(), x, y0 + i * ROW));
            }
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Connection c : pipeline.getConnections()) {
            if (input && n.getId().equals(c.getTargetNode())) {
                names.add(c.getTargetPort());
            } else if (!input && n.getId().equals(c.getSourceNode())) {
                names.add(c.getSourcePort());
            }
        }
        int i = 0;
        for (String name : names) {
            out.add(new Port(n.getId(), name, input, false, "", x, y0 + i++ * ROW));
        }
        return out;
    }

    /** The box of a node: its height grows with the larger of its input and output counts. */
    public Box box(Node n) {
        int rows = Math.max(1, Math.max(inputs(n).size(), outputs(n).size()));
        return new Box(n.getX(), n.getY(), WIDTH, HEADER + rows * ROW + 6);
    }

    /** The port named so on the node, or null. */
    public Port port(String nodeId, String name, boolean input) {
        Node n = PipelineEdits.node(pipeline, nodeId).orElse(null);
        if (n == null) {
            return null;
        }
        return (input ? inputs(n) : outputs(n)).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
    }

    /** The port whose dot is within {@link #PORT_TOLERANCE} of the point (topmost node first), or null. */
    public Port portAt(int px, int py) {
        List<Node> nodes = pipeline.getNodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            for (Port p : inputs(n)) {
                if (near(p, px, py)) {
                    return p;
                }
            }
            for (Port p : outputs(n)) {
                if (near(p, px, py)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean near(Port p, int px, int py) {
        long dx = p.x() - px;
        long dy = p.y() - py;
        return dx * dx + dy * dy <= (long) PORT_TOLERANCE * PORT_TOLERANCE;
    }

    /** The topmost node whose box contains the point, or null. */
    public Node nodeAt(int px, int py) {
        List<Node> nodes = pipeline.getNodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (box(nodes.get(i)).contains(px, py)) {
                return nodes.get(i);
            }
        }
        return null;
    }

    /** The connection whose curve passes within {@code tolerance} pixels of the point, or null. */
    public Connection connectionAt(int px, int py, int tolerance) {
        for (Connection c : pipeline.getConnections()) {
            int[] pts = curve(c);
            if (pts == null) {
                continue;
            }
            for (int i = 0; i + 3 < pts.length; i += 2) {
                if (segmentDistance(pts[i], pts[i + 1], pts[i + 2], pts[i + 3], px, py) <= tolerance) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * The four points (start, control 1, control 2, end) of a connection's cubic curve as x,y pairs, or null when
     * one of its ports is not on the canvas.
     */
    public int[] controlPoints(Connection c) {
        Port from = port(c.getSourceNode(), c.getSourcePort(), false);
        Port to = port(c.getTargetNode(), c.getTargetPort(), true);
        if (from == null || to == null) {
            return null;
        }
        return controlPoints(from.x(), from.y(), to.x(), to.y());
    }

    /** Control points of a curve leaving (x1, y1) to the right and entering (x2, y2) from the left. */
    public static int[] controlPoints(int x1, int y1, int x2, int y2) {
        int dx = Math.max(40, Math.abs(x2 - x1) / 2);
        return new int[] { x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2 };
    }

    /** The connection's curve as a polyline of 25 points (x,y pairs), or null. */
    public int[] curve(Connection c) {
        int[] cp = controlPoints(c);
        if (cp == null) {
            return null;
        }
        int steps = 24;
        int[] out = new int[(steps + 1) * 2];
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double cc = 3 * u * t * t;
            double d = t * t * t;
            out[2 * i] = (int) Math.round(a * cp[0] + b * cp[2] + cc * cp[4] + d * cp[6]);
            out[2 * i + 1] = (int) Math.round(a * cp[1] + b * cp[3] + cc * cp[5] + d * cp[7]);
        }
        return out;
    }

    /**
     * The top left corner of a free place for a new node: scanning the area (x0, y0, width, height) row by row
     * for a box of {@link #WIDTH} by 90 pixels, with a 20 pixel gap, that overlaps no node; below every node when
     * the area is full.
     */
    public int[] freeSpot(int x0, int y0, int width, int height) {
        int w = WIDTH + 20;
        int h = 90 + 20;
        for (int y = y0; y + h <= y0 + Math.max(height, h); y += 30) {
            for (int x = x0; x + w <= x0 + Math.max(width, w); x += 30) {
                if (free(x - 10, y - 10, w, h)) {
                    return new int[] { x, y };
                }
            }
        }
        return new int[] { x0, Math.max(y0, extent(20)[1]) };
    }

    private boolean free(int x, int y, int w, int h) {
        for (Node n : pipeline.getNodes()) {
            Box b = box(n);
            if (x < b.x() + b.width() && b.x() < x + w && y < b.y() + b.height() && b.y() < y + h) {
                return false;
            }
        }
        return true;
    }

    /** The size (width, height) needed to show every node, with a margin. */
    public int[] extent(int margin) {
        int w = 0;
        int h = 0;
        for (Node n : pipeline.getNodes()) {
            Box b = box(n);
            w = Math.max(w, b.x() + b.width());
            h = Math.max(h, b.y() + b.height());
        }
        return new int[] { w + margin, h + margin };
    }

    /** Euclidean distance from (px, py) to the segment (x1, y1)-(x2, y2). */
    static double segmentDistance(int x1, int y1, int x2, int y2, int px, int py) {
        double vx = x2 - x1;
        double vy = y2 - y1;
        double len2 = vx * vx + vy * vy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * vx + (py - y1) * vy) / len2));
        double dx = x1 + t * vx - px;
        double dy = y1 + t * vy - py;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
