package org.myoflow.core.engine;

import java.util.Map;

import org.myoflow.core.data.Data;
import org.myoflow.core.spi.ModelFile;

/**
 * What one node produced and how: the provenance record of a node.
 *
 * @param nodeId        node id
 * @param stepId        step type id
 * @param stepVersion   version of the step that ran
 * @param bundleName    bundle that provided it
 * @param bundleVersion its version
 * @param parameters    resolved parameters (defaults included; files as absolute paths)
 * @param seed          derived seed of this node
 * @param cacheKey      SHA-256 of step, version, parameters, seed, input digests, input file digests and the
 *                      digests of the model files used
 * @param fromCache     whether the outputs came from the result cache
 * @param durationMs    wall time of the step (0 when cached)
 * @param inputFiles    SHA-256 of every file parameter's file, by absolute path
 * @param outputs       outputs by port
 * @param models        the model files the node used (name, where, SHA-256), by model name
 * @since 0.1
 */
public record NodeResult(String nodeId, String stepId, String stepVersion, String bundleName, String bundleVersion,
        Map<String, Object> parameters, long seed, String cacheKey, boolean fromCache, long durationMs,
        Map<String, String> inputFiles, Map<String, Data> outputs, Map<String, ModelFile> models) {

    public NodeResult {
        models = models == null ? Map.of() : models;
    }

    /** A node that used no model. */
    public NodeResult(String nodeId, String stepId, String stepVersion, String bundleName, String bundleVersion,
            Map<String, Object> parameters, long seed, String cacheKey, boolean fromCache, long durationMs,
            Map<String, String> inputFiles, Map<String, Data> outputs) {
        this(nodeId, stepId, stepVersion, bundleName, bundleVersion, parameters, seed, cacheKey, fromCache,
                durationMs, inputFiles, outputs, Map.of());
    }
}
