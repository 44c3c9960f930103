package org.myoflow.core.engine;

/**
 * One reason a pipeline cannot run. {@link #toString()} prints it on one line: the node id quoted and cut
 * ({@link Texts#quote}), control characters in the subject and message escaped ({@link Texts#escape}).
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
            sb.append("node ").append(Texts.quote(nodeId));
        } else {
            sb.append("pipeline");
        }
        if (subject != null) {
            sb.append(", ").append(Texts.escape(subject));
        }
        return sb.append(": ").append(Texts.escape(message)).toString();
    }
}
