package org.myoflow.core.engine;

import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;

/**
 * An installed step and the bundle that provides it (recorded in nodes and provenance).
 *
 * @param provider      the step provider
 * @param bundleName    symbolic name of the providing bundle ("" outside OSGi)
 * @param bundleVersion version of the providing bundle ("" outside OSGi)
 * @since 0.1
 */
public record RegisteredStep(StepProvider provider, String bundleName, String bundleVersion) {

    public StepDescriptor descriptor() {
        return provider.descriptor();
    }
}
