package org.myoflow.run;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.ValidationProblem;

/**
 * The outcome of {@link RunService#validate}: {@link RunOutcome.Status#OK} when every checked pipeline is valid,
 * otherwise {@link RunOutcome.Status#INVALID} with the reason (the experiment could not be loaded, no such pipeline)
 * in {@code messages}, or the problems of each pipeline in {@code pipelines}.
 *
 * @param status    OK, INVALID, or BAD_DATA when every problem is a data problem
 *                  ({@link org.myoflow.core.engine.ValidationProblem#badData()}, since 0.3)
 * @param messages  why nothing could be checked (empty when the pipelines were checked)
 * @param pipelines one entry per checked pipeline
 * @since 0.2
 */
public record Validation(RunOutcome.Status status, List<String> messages, List<PipelineCheck> pipelines) {

    public Validation {
        messages = List.copyOf(messages);
        pipelines = List.copyOf(pipelines);
    }

    /** The exit code of {@link #status()}. */
    public int exitCode() {
        return status.exitCode();
    }

    /**
     * One checked pipeline.
     *
     * @param name        pipeline name
     * @param nodes       number of nodes
     * @param connections number of connections
     * @param problems    what is wrong (empty: valid)
     * @param specs       what each node's output ports carry, as far as the configure phase got (node -> port -> spec)
     * @param sizes       the estimated size in bytes of each configured node's outputs (node -> bytes); since 0.3
     */
    public record PipelineCheck(String name, int nodes, int connections, List<ValidationProblem> problems,
            Map<String, Map<String, DataSpec>> specs, Map<String, Long> sizes) {

        public PipelineCheck {
            problems = List.copyOf(problems);
            specs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(specs));
            sizes = sizes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sizes));
        }

        /** A check without size estimates. */
        public PipelineCheck(String name, int nodes, int connections, List<ValidationProblem> problems,
                Map<String, Map<String, DataSpec>> specs) {
            this(name, nodes, connections, problems, specs, Map.of());
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }
}
