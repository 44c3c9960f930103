package org.myoflow.ui.editor.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.experiment.ParameterValues;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Connection;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Node;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;

/**
 * Edits of a pipeline's graph: adding nodes with fresh ids and default parameters, removing nodes with their
 * connections, renaming nodes (connections follow), connecting and disconnecting ports. Each method checks its
 * arguments and throws {@link IllegalArgumentException} with a message for users instead of leaving the model
 * half-edited.
 *
 * @since 0.1
 */
public final class PipelineEdits {

    private PipelineEdits() {
    }

    /** The node with this id, if any. */
    public static Optional<Node> node(Pipeline pipeline, String id) {
        return pipeline.getNodes().stream().filter(n -> n.getId() != null && n.getId().equals(id)).findFirst();
    }

    /** Whether {@code id} is a syntactically valid node id. */
    public static boolean isValidId(String id) {
        return org.myoflow.core.engine.NodeIds.valid(id); // the planner's rule
    }

    /**
     * A node id not used in the pipeline, derived from the step: the last segment of the step id in camel case
     * followed by the smallest free number ({@code org.myoflow.spikes.motor-unit-pool} gives
     * {@code motorUnitPool1}, then {@code motorUnitPool2}).
     */
    public static String freshId(Pipeline pipeline, String stepId) {
        String last = stepId == null ? "node" : stepId.substring(stepId.lastIndexOf('.') + 1);
        StringBuilder base = new StringBuilder();
        boolean upper = false;
        for (char c : last.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = base.length() > 0;
                continue;
            }
            if (!Character.isLetterOrDigit(c) || c > 127) {
                continue;
            }
            base.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (base.length() == 0 || !Character.isLetter(base.charAt(0))) {
            base.insert(0, "node");
        }
        if (base.length() > org.myoflow.core.engine.NodeIds.MAX_LENGTH - 8) { // room for the number
            base.setLength(org.myoflow.core.engine.NodeIds.MAX_LENGTH - 8);
        }
        Set<String> used = new HashSet<>();
        pipeline.getNodes().forEach(n -> used.add(n.getId()));
        for (int k = 1;; k++) {
            String id = base + Integer.toString(k);
            if (!used.contains(id)) {
                return id;
            }
        }
    }

    /**
     * Adds a node for an installed step at (x, y) with a fresh id, the step's version and providing bundle, and
     * every parameter that has a default set to that default (so the file says what runs).
     *
     * @return the new node
     */
    public static Node addNode(Pipeline pipeline, RegisteredStep step, int x, int y) {
        StepDescriptor d = step.descriptor();
        Node n = MyoflowFactory.eINSTANCE.createNode();
        n.setId(freshId(pipeline, d.id()));
        n.setStepId(d.id());
        n.setStepVersion(d.version());
        if (step.bundleName() != null && !step.bundleName().isEmpty()) {
            n.setBundleName(step.bundleName());
            n.setBundleVersion(step.bundleVersion());
        }
        n.setX(Math.max(0, x));
        n.setY(Math.max(0, y));
        for (ParameterSpec spec : d.parameters().specs()) {
            if (spec.defaultValue() != null) {
                n.getParameters().add(ParameterValues.toModel(spec, spec.defaultValue()));
            }
        }
        pipeline.getNodes().add(n);
        return n;
    }

    /** Removes a node and every connection from or to it. */
    public static void removeNode(Pipeline pipeline, String id) {
        Node n = node(pipeline, id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
        pipeline.getConnections().removeIf(c -> id.equals(c.getSourceNode()) || id.equals(c.getTargetNode()));
        pipeline.getNodes().remove(n);
    }

    /** Moves a node to (x, y) (clamped to non-negative coordinates). */
    public static void moveNode(Pipeline pipeline, String id, int x, int y) {
        Node n = node(pipeline, id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
        n.setX(Math.max(0, x));
        n.setY(Math.max(0, y));
    }

    /**
     * Renames a node; connections from and to it follow.
     *
     * @throws IllegalArgumentException when the new id is invalid or already used
     */
    public static void renameNode(Pipeline pipeline, String oldId, String newId) {
        Node n = node(pipeline, oldId).orElseThrow(() -> new IllegalArgumentException("no node '" + oldId + "'"));
        if (oldId.equals(newId)) {
            return;
        }
        String problem = idProblem(pipeline, newId);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        n.setId(newId);
        for (Connection c : pipeline.getConnections()) {
            if (oldId.equals(c.getSourceNode())) {
                c.setSourceNode(newId);
            }
            if (oldId.equals(c.getTargetNode())) {
                c.setTargetNode(newId);
            }
        }
    }

    /** Why {@code id} cannot be given to a node of the pipeline, or null when it can. */
    public static String idProblem(Pipeline pipeline, String id) {
        if (!isValidId(id)) {
            return org.myoflow.core.engine.NodeIds.RULE;
        }
        if (node(pipeline, id).isPresent()) {
            return "the id '" + id + "' is already used in this pipeline";
        }
        return null;
    }

    /**
     * Connects an output port to an input port after checking that both ports exist, the types fit and no cycle
     * arises. An input takes one connection: an existing connection into the same input is replaced.
     *
     * @param source     descriptor of the source node's step
     * @param target     descriptor of the target node's step
     * @return the new connection
     * @throws IllegalArgumentException with the reason when the connection is refused
     */
    public static Connection connect(Pipeline pipeline, String sourceNode, StepDescriptor source, String sourcePort,
            String targetNode, StepDescriptor target, String targetPort) {
        node(pipeline, sourceNode).orElseThrow(() -> new IllegalArgumentException("no node '" + sourceNode + "'"));
        node(pipeline, targetNode).orElseThrow(() -> new IllegalArgumentException("no node '" + targetNode + "'"));
        String problem = PortCompatibility.problem(source, sourcePort, target, targetPort);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (sourceNode.equals(targetNode) || reaches(pipeline, targetNode, sourceNode)) {
            throw new IllegalArgumentException("connecting " + sourceNode + "." + sourcePort + " to " + targetNode
                    + "." + targetPort + " would make a cycle");
        }
        pipeline.getConnections().removeIf(c -> targetNode.equals(c.getTargetNode())
                && targetPort.equals(c.getTargetPort()));
        Connection c = MyoflowFactory.eINSTANCE.createConnection();
        c.setSourceNode(sourceNode);
        c.setSourcePort(sourcePort);
        c.setTargetNode(targetNode);
        c.setTargetPort(targetPort);
        pipeline.getConnections().add(c);
        return c;
    }

    /**
     * Removes the connection into an input port.
     *
     * @return whether there was one
     */
    public static boolean disconnect(Pipeline pipeline, String targetNode, String targetPort) {
        return pipeline.getConnections().removeIf(c -> targetNode.equals(c.getTargetNode())
                && targetPort.equals(c.getTargetPort()));
    }

    /** Whether data flows (over one or more connections) from node {@code from} to node {@code to}. */
    public static boolean reaches(Pipeline pipeline, String from, String to) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (id.equals(to)) {
                return true;
            }
            if (seen.add(id)) {
                for (Connection c : pipeline.getConnections()) {
                    if (id.equals(c.getSourceNode()) && c.getTargetNode() != null) {
                        todo.add(c.getTargetNode());
                    }
                }
            }
        }
        return false;
    }

    /**
     * Sets a parameter from text as typed in a form: an empty text removes the stored value (the default applies),
     * anything else is converted with {@link ParameterText#parse}.
     *
     * @throws IllegalArgumentException when the text does not convert (not a number, unknown literal)
     */
    public static void setParameter(Node node, ParameterSpec spec, String text) {
        ParameterValue pv = text == null || text.isBlank() ? null : ParameterText.parse(spec, text);
        setParameterValue(node, spec.name(), pv);
    }

    /** Replaces (or, with null, removes) the stored value of the parameter {@code key}. */
    public static void setParameterValue(Node node, String key, ParameterValue value) {
        int at = -1;
        for (int i = 0; i < node.getParameters().size(); i++) {
            if (key.equals(node.getParameters().get(i).getKey())) {
                at = i;
                break;
            }
        }
        if (value == null) {
            if (at >= 0) {
                node.getParameters().remove(at);
            }
        } else if (at >= 0) {
            node.getParameters().set(at, value);
        } else {
            node.getParameters().add(value);
        }
    }

    /** The stored value of the parameter {@code key}, or null. */
    public static ParameterValue parameter(Node node, String key) {
        return node.getParameters().stream().filter(p -> key.equals(p.getKey())).findFirst().orElse(null);
    }
}
