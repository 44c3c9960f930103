package org.myoflow.core.spi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.myoflow.core.data.DataSpec;

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

    /**
     * Derives the specs of the outputs from the input specs and the settings, or refuses them, during validation
     * and before anything runs. Record contract violations with {@link ConfigureContext#problem} (or throw
     * {@link ConfigureException}); unknown fields of an input spec never justify a refusal. Outputs left out of
     * the returned map get {@link DataSpec#ofType} of their port type. Must be cheap and side-effect free.
     * The default declares only the port types.
     */
    default Map<String, DataSpec> configure(ConfigureContext context) {
        Map<String, DataSpec> out = new LinkedHashMap<>();
        descriptor().outputs().forEach(p -> out.put(p.name(), DataSpec.ofType(p.type())));
        return out;
    }
}
