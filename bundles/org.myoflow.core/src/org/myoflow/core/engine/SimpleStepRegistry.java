package org.myoflow.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.myoflow.core.spi.StepProvider;

/**
 * A registry filled by hand: for tests and for embedding the engine without OSGi.
 *
 * @since 0.1
 */
public final class SimpleStepRegistry implements StepRegistry {

    private final Map<String, RegisteredStep> steps = new ConcurrentHashMap<>();

    public SimpleStepRegistry add(StepProvider provider) {
        return add(new RegisteredStep(provider, "", ""));
    }

    public SimpleStepRegistry add(RegisteredStep step) {
        RegisteredStep old = steps.putIfAbsent(step.descriptor().id(), step);
        if (old != null) {
            throw new IllegalArgumentException("step " + step.descriptor().id() + " is registered twice");
        }
        return this;
    }

    public void remove(String stepId) {
        steps.remove(stepId);
    }

    @Override
    public Optional<RegisteredStep> find(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    @Override
    public List<RegisteredStep> steps() {
        return sortedCopy(steps.values());
    }

    /** A sorted copy: by category, then name, then id. */
    public static List<RegisteredStep> sortedCopy(Iterable<RegisteredStep> all) {
        List<RegisteredStep> list = new ArrayList<>();
        all.forEach(list::add);
        list.sort(Comparator.comparing((RegisteredStep s) -> s.descriptor().category())
                .thenComparing(s -> s.descriptor().name()).thenComparing(s -> s.descriptor().id()));
        return list;
    }
}
