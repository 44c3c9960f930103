package org.myoflow.core.engine;

/**
 * Observes a run; called from worker threads, so implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface RunListener {

    default void nodeStarted(String nodeId, String stepId) {
    }

    default void nodeProgress(String nodeId, double fraction, String message) {
    }

    default void nodeFinished(NodeResult result) {
    }
}
