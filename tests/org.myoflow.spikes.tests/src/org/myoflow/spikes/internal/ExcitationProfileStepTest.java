package org.myoflow.spikes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepDescriptor;

class ExcitationProfileStepTest {

    private static Signal run(Object... params) throws Exception {
        StepHarness h = StepHarness.of(new ExcitationProfileStep());
        for (int i = 0; i < params.length; i += 2) {
            h.param((String) params[i], params[i + 1]);
        }
        return (Signal) h.run().get("excitation");
    }

    @Test
    void descriptor() {
        StepDescriptor d = new ExcitationProfileStep().descriptor();
        assertEquals("org.myoflow.spikes.excitation-profile", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("Excitation profile", d.name());
        assertEquals("Simulation/Excitation", d.category());
        assertTrue(d.inputs().isEmpty());
        assertEquals(List.of("shape", "duration", "samplingRate", "level", "baseline", "rise", "plateau",
                "frequency", "label"), d.parameters().specs().stream().map(s -> s.name()).toList());
    }

    @Test
    void defaultTrapezoidCorners() throws Exception {
        Signal s = run("baseline", 0.1);
        assertEquals(List.of("excitation"), s.labels());
        assertEquals(List.of(""), s.units());
        assertEquals("excitation", s.quantity());
        assertEquals(1000, s.samplingRate());
        assertEquals(10000, s.sampleCount());
        assertEquals(0.1, s.get(0, 0), 1e-12);
        assertEquals(0.3, s.get(0, 1000), 1e-12);
        assertEquals(0.5, s.get(0, 2000), 1e-12);
        assertEquals(0.5, s.get(0, 6000), 1e-12);
        assertEquals(0.3, s.get(0, 7000), 1e-12);
        assertEquals(0.1, s.get(0, 8000), 1e-12);
        assertEquals(0.1, s.get(0, 9999), 1e-12);
    }

    @Test
    void sinusoidRangeAndLabel() throws Exception {
        Signal s = run("shape", "SINUSOID", "level", 0.8, "baseline", 0.2, "frequency", 2.0, "duration", 1.0,
                "samplingRate", 800.0, "label", "biceps");
        double[] u = s.channel("biceps");
        assertEquals(800, u.length);
        assertEquals(0.2, java.util.Arrays.stream(u).min().orElseThrow(), 1e-12);
        assertEquals(0.8, java.util.Arrays.stream(u).max().orElseThrow(), 1e-12);
        assertEquals(0.8, u[200], 1e-12);
    }

    @Test
    void rampReachesLevelAtTheEnd() throws Exception {
        double[] u = run("shape", "RAMP", "level", 1.0, "duration", 2.0, "samplingRate", 100.0).channel(0);
        assertEquals(200, u.length);
        assertEquals(0, u[0], 1e-12);
        assertEquals(0.5, u[100], 1e-12);
        assertEquals(0.995, u[199], 1e-12);
    }

    @Test
    void inconsistentParametersGiveClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("rise", 4.0, "plateau", 3.0));
        assertTrue(e.getMessage().contains("2·rise + plateau"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run("baseline", 0.6));
        assertTrue(e.getMessage().contains("baseline"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run("label", ""));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void outOfRangeParametersAreRefusedByTheSchema() {
        for (Object[] p : new Object[][] { { "level", 1.5 }, { "baseline", -0.1 }, { "duration", 0.0 },
                { "samplingRate", 0.0 }, { "shape", "SQUARE" } }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(p[0], p[1]));
            assertTrue(e.getMessage().contains((String) p[0]), e.getMessage());
        }
    }

    @Test
    void drivesTheMotorUnitPool() throws Exception {
        Signal exc = run("duration", 4.0, "rise", 1.0, "plateau", 2.0, "level", 0.4);
        Map<String, Data> out = StepHarness.of(new MotorUnitPoolStep()).input("excitation", exc).seed(9).run();
        Signal force = (Signal) out.get("force");
        assertEquals(4000, force.sampleCount());
        double plateau = force.get(0, 2500);
        assertTrue(plateau > 10 * force.get(0, 100), "force at 2.5 s " + plateau);
        assertTrue(force.get(0, 3999) < 0.2 * plateau);
        SpikeTrains spikes = (SpikeTrains) out.get("spikes");
        assertTrue(spikes.totalSpikeCount() > 1000);
    }
}
