package org.myoflow.core.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a successful run.
 *
 * @param experimentName  experiment name
 * @param pipelineName    pipeline name
 * @param pipelineDigest  SHA-256 of the pipeline as run (nodes, parameters after overrides, connections)
 * @param seed            experiment seed used
 * @param threads         worker threads
 * @param started         start time
 * @param finished        end time
 * @param nodes           node results in execution (topological) order
 * @since 0.1
 */
public record RunResult(String experimentName, String pipelineName, String pipelineDigest, long seed, int threads,
        Instant started, Instant finished, List<NodeResult> nodes) {

    public Optional<NodeResult> node(String nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }
}
