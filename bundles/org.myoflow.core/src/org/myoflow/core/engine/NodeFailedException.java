package org.myoflow.core.engine;

import org.myoflow.core.data.DataException;

/**
 * A step failed while running a node. Exit code 3 when the cause is bad input data, 4 otherwise. The message names
 * the node, the step and, in OSGi, the bundle that contributed the step:
 * {@code node 'emg' (org.example.step, bundle org.example.steps 1.0.0) failed: ...}.
 *
 * @since 0.1
 */
public class NodeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String nodeId;
    private final String stepId;
    private final String bundle;

    public NodeFailedException(String nodeId, String stepId, Throwable cause) {
        this(nodeId, stepId, "", cause);
    }

    /**
     * A node that failed with {@code cause}.
     *
     * @param bundle the symbolic name and version of the bundle that contributed the step ("" when unknown)
     * @since 0.3
     */
    public NodeFailedException(String nodeId, String stepId, String bundle, Throwable cause) {
        this(nodeId, stepId, bundle, "failed: " + describe(cause), cause);
    }

    /**
     * A node that failed for a reason told by {@code what} (e.g. {@code "ran out of memory: ..."} or
     * {@code "exceeded the node time limit of 30 s"}).
     *
     * @since 0.3
     */
    public NodeFailedException(String nodeId, String stepId, String bundle, String what, Throwable cause) {
        super(where(nodeId, stepId, bundle) + " " + what, cause);
        this.nodeId = nodeId;
        this.stepId = stepId;
        this.bundle = bundle == null ? "" : bundle;
    }

    /** {@code node 'id' (step)} or, when the bundle is known, {@code node 'id' (step, bundle name version)}. */
    static String where(String nodeId, String stepId, String bundle) {
        return "node '" + nodeId + "' (" + stepId + (bundle == null || bundle.isBlank() ? "" : ", bundle " + bundle)
                + ")";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t instanceof DataException || m != null && !m.isBlank() && !(t instanceof NullPointerException)
                && !(t instanceof Error) ? m : t.toString();
    }

    public String nodeId() {
        return nodeId;
    }

    public String stepId() {
        return stepId;
    }

    /**
     * The symbolic name and version of the bundle that contributed the step, "" when unknown (outside OSGi).
     *
     * @since 0.3
     */
    public String bundle() {
        return bundle;
    }

    /** Whether the failure is bad input data ({@link DataException}) rather than a step error. */
    public boolean isDataError() {
        return getCause() instanceof DataException;
    }
}
