package org.myoflow.core.spi;

/**
 * The one plug-in contract: a step type. Register an implementation as an OSGi Declarative Services component,
 * {@code @Component(service = StepProvider.class)}, and it appears in {@code myoflow steps}, the pipeline
 * editor's palette and the engine. Implementations are stateless and thread-safe; per-run state lives in the
 * {@link Step} that {@link #createStep()} returns.
 *
 * @since 0.1
 */
public interface StepProvider {

    /** The step's identity, ports and parameters; the same instance on every call. */
    StepDescriptor descriptor();

    /** A fresh step instance for one node execution. */
    Step createStep();
}
