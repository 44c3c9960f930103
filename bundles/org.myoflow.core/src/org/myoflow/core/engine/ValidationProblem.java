package org.myoflow.core.engine;

/**
 * One reason a pipeline cannot run. {@link #toString()} prints it on one line: the node id quoted and cut
 * ({@link Texts#quote}), control characters in the subject and message escaped ({@link Texts#escape}).
 *
 * @param nodeId  the node concerned, or null for the pipeline as a whole
 * @param subject the parameter or port concerned ("parameter 'units'", "input 'excitation'"), or null
 * @param message what is wrong
 * @param badData whether the problem lies in input data the pipeline names (a file a dataset manifest lists is
 *                missing, a data file cannot be read) rather than in the pipeline: a run or validation whose
 *                problems are all of this kind ends with exit code 3, not 2 (since 0.3)
 * @since 0.1
 */
public record ValidationProblem(String nodeId, String subject, String message, boolean badData) {

    /** A problem of the pipeline (not of its input data). */
    public ValidationProblem(String nodeId, String subject, String message) {
        this(nodeId, subject, message, false);
    }

    /**
     * Whether every problem is a {@linkplain #badData() data problem} (and there is at least one): such a pipeline
     * is valid, its input data is not (exit code 3).
     *
     * @since 0.3
     */
    public static boolean allBadData(java.util.Collection<ValidationProblem> problems) {
        return !problems.isEmpty() && problems.stream().allMatch(ValidationProblem::badData);
    }

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
