package org.myoflow.core.spi;

import java.util.Map;

/**
 * Implemented by a {@link StepProvider} whose nodes run another pipeline of the experiment
 * ({@link SubPipelines}): the engine adds that pipeline's plan digest to the node's cache key, so editing the
 * sub-pipeline invalidates the node's cached result.
 *
 * @since 0.3
 */
public interface SubPipelineStep {

    /** The name of the pipeline a node with these resolved parameters runs. */
    String pipeline(Map<String, Object> parameters);
}
