package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.myoflow.core.engine.StepRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Access to the running OSGi framework's services. */
final class Osgi {

    private Osgi() {
    }

    static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(Osgi.class);
        assertNotNull(self, "the tests must run inside OSGi");
        if (self.getBundleContext() == null) {
            try {
                self.start();
            } catch (BundleException e) {
                throw new IllegalStateException(e);
            }
        }
        return self.getBundleContext();
    }

    /** The step registry service (Declarative Services), waiting up to 10 s for it to appear. */
    static StepRegistry stepRegistry() throws InterruptedException {
        ServiceTracker<StepRegistry, StepRegistry> tracker = new ServiceTracker<>(context(), StepRegistry.class, null);
        tracker.open();
        try {
            StepRegistry registry = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(registry, "no " + StepRegistry.class.getName() + " service within 10 s");
            return registry;
        } finally {
            tracker.close();
        }
    }

    /** Waits up to 10 s for the registry to list a step (DS binds providers as their bundles come up). */
    static StepRegistry stepRegistryWith(String... stepIds) throws InterruptedException {
        StepRegistry registry = stepRegistry();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            boolean all = true;
            for (String id : stepIds) {
                all &= registry.find(id).isPresent();
            }
            if (all) {
                break;
            }
            Thread.sleep(50);
        }
        return registry;
    }
}
