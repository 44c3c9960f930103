package org.myoflow.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.StepProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The OSGi step registry: tracks every {@link StepProvider} service (dynamic, 0..n), so plug-in bundles can come
 * and go, and records the bundle that provides each step. A provider whose id is already taken is ignored with a
 * warning (first come, first served).
 */
@Component(service = StepRegistry.class, immediate = true)
public final class DsStepRegistry implements StepRegistry {

    private static final System.Logger LOG = System.getLogger(DsStepRegistry.class.getName());

    private final Map<String, RegisteredStep> steps = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStep(StepProvider provider, ServiceReference<StepProvider> ref) {
        Bundle b = ref.getBundle();
        RegisteredStep s = new RegisteredStep(provider, b == null ? "" : b.getSymbolicName(),
                b == null ? "" : b.getVersion().toString());
        RegisteredStep prev = steps.putIfAbsent(provider.descriptor().id(), s);
        if (prev != null) {
            LOG.log(System.Logger.Level.WARNING, "step {0} from {1} ignored: already provided by {2}",
                    provider.descriptor().id(), s.bundleName(), prev.bundleName());
        }
    }

    void removeStep(StepProvider provider) {
        steps.entrySet().removeIf(e -> e.getValue().provider() == provider);
    }

    @Override
    public Optional<RegisteredStep> find(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    @Override
    public List<RegisteredStep> steps() {
        return SimpleStepRegistry.sortedCopy(steps.values());
    }
}
