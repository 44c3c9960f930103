package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.core.spi.StepDescriptor;

/** The DS step registry finds the platform's steps and a third-party step bundle's, with their bundles. */
class StepDiscoveryPTest {

    static final String POOL = "org.myoflow.spikes.motor-unit-pool";
    static final String PROFILE = "org.myoflow.spikes.excitation-profile";
    static final String READ = "org.myoflow.io.read-signal";
    static final String RMS = "org.example.myoflow.moving-rms";

    @Test
    void registryListsPlatformAndThirdPartySteps() throws Exception {
        StepRegistry registry = Osgi.stepRegistryWith(POOL, PROFILE, READ, RMS);
        List<String> ids = registry.steps().stream().map(s -> s.descriptor().id()).toList();
        assertTrue(ids.containsAll(List.of(POOL, PROFILE, READ, RMS)), ids.toString());
        assertEquals("org.myoflow.spikes", registry.find(POOL).orElseThrow().bundleName());
        assertEquals("org.myoflow.spikes", registry.find(PROFILE).orElseThrow().bundleName());
        assertEquals("org.myoflow.io", registry.find(READ).orElseThrow().bundleName());
        assertEquals("Motor-unit pool (Fuglevand 1993)", registry.find(POOL).orElseThrow().descriptor().name());
        // sorted by category, then name
        List<String> categories = registry.steps().stream().map(s -> s.descriptor().category()).toList();
        assertEquals(categories.stream().sorted().toList(), categories);
    }

    @Test
    void thirdPartyStepComesWithItsBundleAndDescriptor() throws Exception {
        RegisteredStep rms = Osgi.stepRegistryWith(RMS).find(RMS).orElseThrow(
                () -> new AssertionError("the example plug-in's step " + RMS + " is not registered"));
        assertEquals("org.example.myoflow.rms", rms.bundleName());
        assertTrue(rms.bundleVersion().startsWith("1.0.0"), rms.bundleVersion());

        StepDescriptor d = rms.descriptor();
        assertEquals("1.0.0", d.version());
        assertEquals("Moving RMS (example plug-in)", d.name());
        assertEquals("Examples", d.category());
        assertEquals(DataTypes.SIGNAL, d.input("signal").orElseThrow().type());
        assertEquals(DataTypes.SIGNAL, d.output("envelope").orElseThrow().type());
        assertEquals(1, d.inputs().size());
        assertEquals(1, d.outputs().size());
        ParameterSpec window = d.parameters().get("window").orElseThrow();
        assertEquals(ParameterType.NUMBER, window.type());
        assertEquals("s", window.unit());
        assertEquals(0.1, window.defaultValue());
        assertEquals(0.001, window.min());
        assertEquals(10, window.max());
        assertTrue(!d.references().isEmpty() && !d.description().isBlank());
    }
}
