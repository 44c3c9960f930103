package org.myoflow.core.engine;

import java.util.List;
import java.util.Optional;

/**
 * The installed steps. In OSGi the registry is a DS service tracking every {@code StepProvider} service.
 *
 * @since 0.1
 */
public interface StepRegistry {

    /** The installed step with this id, if any. */
    Optional<RegisteredStep> find(String stepId);

    /** All installed steps, sorted by category then name. */
    List<RegisteredStep> steps();
}
