package org.myoflow.core.engine;

import org.myoflow.core.data.DataException;

/**
 * A step failed while running a node. Exit code 3 when the cause is bad input data, 4 otherwise.
 *
 * @since 0.1
 */
public class NodeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String nodeId;
    private final String stepId;

    public NodeFailedException(String nodeId, String stepId, Throwable cause) {
        super("node '" + nodeId + "' (" + stepId + ") failed: " + describe(cause), cause);
        this.nodeId = nodeId;
        this.stepId = stepId;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t instanceof DataException || m != null && !m.isBlank() && !(t instanceof NullPointerException)
                ? m : t.toString();
    }

    public String nodeId() {
        return nodeId;
    }

    public String stepId() {
        return stepId;
    }

    /** Whether the failure is bad input data ({@link DataException}) rather than a step error. */
    public boolean isDataError() {
        return getCause() instanceof DataException;
    }
}
