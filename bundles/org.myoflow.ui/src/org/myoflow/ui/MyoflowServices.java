package org.myoflow.ui;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.ModelResolver;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The platform services the workbench uses: the registry of installed steps (the same OSGi service the headless
 * runner uses, so third-party steps appear in the palette without UI code of their own).
 *
 * @since 0.1
 */
public final class MyoflowServices {

    private static ServiceTracker<StepRegistry, StepRegistry> registryTracker;
    private static ServiceTracker<ModelResolver, ModelResolver> modelsTracker;
    private static boolean modelsAwaited;

    private MyoflowServices() {
    }

    /**
     * @return the step registry service, waiting up to 10 s for Declarative Services to publish it
     * @throws IllegalStateException when no registry appears (the engine bundle is not installed or not started)
     */
    public static synchronized StepRegistry registry() {
        if (registryTracker == null) {
            Bundle b = FrameworkUtil.getBundle(MyoflowServices.class);
            BundleContext ctx = b == null ? null : b.getBundleContext();
            if (ctx == null) {
                throw new IllegalStateException("the org.myoflow.ui bundle is not started");
            }
            registryTracker = new ServiceTracker<>(ctx, StepRegistry.class, null);
            registryTracker.open();
        }
        try {
            StepRegistry r = registryTracker.waitForService(TimeUnit.MILLISECONDS.convert(Duration.ofSeconds(10)));
            if (r == null) {
                throw new IllegalStateException("no step registry service: is org.myoflow.core started?");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the step registry", e);
        }
    }

    /**
     * @return the model registry service (bundle org.myoflow.ml), waiting up to 2 s for it on the first call;
     *         {@link ModelResolver#NONE} when there is none (steps that name a model then fail validation, naming it)
     */
    public static synchronized ModelResolver models() {
        if (modelsTracker == null) {
            Bundle b = FrameworkUtil.getBundle(MyoflowServices.class);
            BundleContext ctx = b == null ? null : b.getBundleContext();
            if (ctx == null) {
                return ModelResolver.NONE;
            }
            modelsTracker = new ServiceTracker<>(ctx, ModelResolver.class, null);
            modelsTracker.open();
        }
        ModelResolver r = modelsTracker.getService();
        if (r == null && !modelsAwaited) { // wait once only: validation runs on every edit
            modelsAwaited = true;
            try {
                r = modelsTracker.waitForService(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return r == null ? ModelResolver.NONE : r;
    }

    /** Closes the trackers (bundle stop). */
    public static synchronized void close() {
        if (modelsTracker != null) {
            modelsTracker.close();
            modelsTracker = null;
            modelsAwaited = false;
        }
        if (registryTracker != null) {
            registryTracker.close();
            registryTracker = null;
        }
    }
}
