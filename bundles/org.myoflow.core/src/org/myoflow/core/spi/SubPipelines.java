package org.myoflow.core.spi;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.Trial;

/**
 * The other pipelines of the experiment a node belongs to, runnable once per trial: what a step that maps a
 * sub-pipeline over a dataset uses ({@link StepContext#pipelines()}, {@link ConfigureContext#pipelines()}). A
 * sub-pipeline reads the bound trial through {@link StepContext#trial()} (the {@code trial-signal} step). Each
 * trial's run uses the run's result cache: its nodes' cache keys include the trial's content digest, so a re-run
 * recomputes only the trials (and nodes) that changed.
 *
 * @since 0.3
 */
public interface SubPipelines {

    /** The names of the experiment's pipelines, in file order. */
    List<String> names();

    /**
     * Why the named pipeline cannot be run per trial: it does not exist, it is the calling pipeline or one that
     * runs it (a cycle), or it is invalid (its problems, one per line). Empty when it can.
     */
    List<String> check(String pipeline);

    /**
     * Runs the named pipeline with a trial bound, on one thread, sharing the run's cancellation and cache.
     *
     * @param pipeline the pipeline's name
     * @param trial    the trial its {@code trial-signal} nodes read
     * @return every output of every node, by {@code node.port}, in the sub-pipeline's order
     * @throws org.myoflow.core.data.DataException when the sub-pipeline is invalid for this trial or one of its
     *                                             nodes rejected the trial's data (the message names the trial's
     *                                             node and why)
     * @throws IllegalStateException               when one of its nodes failed otherwise
     * @throws java.util.concurrent.CancellationException when the run was cancelled
     */
    Map<String, Data> run(String pipeline, Trial trial);

    /** The worker threads of the run: how many trials a map may run at once. */
    int threads();

    /** The node ids of the pipeline's nodes whose outputs no other node reads (its results), in order. */
    List<String> sinks(String pipeline);
}
