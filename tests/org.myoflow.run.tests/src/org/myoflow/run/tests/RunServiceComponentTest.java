package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.run.RunService;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The run service is published by Declarative Services, bound to the platform's step registry. */
public class RunServiceComponentTest {

    @Test
    void theServiceIsPublishedWithTheStepRegistry() throws Exception {
        Bundle run = FrameworkUtil.getBundle(RunService.class);
        assertNotNull(run, "the tests run inside OSGi");
        assertEquals("org.myoflow.run", run.getSymbolicName());
        if (run.getBundleContext() == null) {
            run.start();
        }
        ServiceTracker<RunService, RunService> services = new ServiceTracker<>(run.getBundleContext(),
                RunService.class, null);
        ServiceTracker<StepRegistry, StepRegistry> registries = new ServiceTracker<>(run.getBundleContext(),
                StepRegistry.class, null);
        services.open();
        registries.open();
        try {
            RunService service = services.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(service, "no RunService service within 10 s");
            assertEquals(registries.waitForService(TimeUnit.SECONDS.toMillis(10)), service.registry());
        } finally {
            registries.close();
            services.close();
        }
    }
}
