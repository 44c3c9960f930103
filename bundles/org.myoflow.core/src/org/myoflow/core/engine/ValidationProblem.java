package org.myoflow.core.engine;

/**
 * One reason a pipeline cannot run.
 *
 * @param nodeId  the node concerned, or null for the pipeline as a whole
 * @param subject the parameter or port concerned ("parameter 'units'", "input 'excitation'"), or null
 * @param message what is wrong
 * @since 0.1
 */
public record ValidationProblem(String nodeId, String subject, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (nodeId != null) {
            sb.append("node '").append(nodeId).append('\'');
        } else {
            sb.append("pipeline");
        }
        if (subject != null) {
            sb.append(", ").append(subject);
        }
        return sb.append(": ").append(message).toString();
    }
}
