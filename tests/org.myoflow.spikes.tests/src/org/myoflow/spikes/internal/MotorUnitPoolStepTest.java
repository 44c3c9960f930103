package org.myoflow.spikes.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepDescriptor;

class MotorUnitPoolStepTest {

    private static Signal excitation(String label, double fs, double... u) {
        return Signal.builder(fs).quantity("excitation").channel(label, "", u).build();
    }

    private static Signal constant(double u, double seconds) {
        double[] x = new double[(int) Math.round(seconds * 100)];
        Arrays.fill(x, u);
        return excitation("excitation", 100, x);
    }

    private static Map<String, Data> run(Signal exc, long seed, Object... params) throws Exception {
        StepHarness h = StepHarness.of(new MotorUnitPoolStep()).input("excitation", exc).seed(seed);
        for (int i = 0; i < params.length; i += 2) {
            h.param((String) params[i], params[i + 1]);
        }
        return h.run();
    }

    @Test
    void descriptorNamesTheStepAndCitesFuglevand() {
        StepDescriptor d = new MotorUnitPoolStep().descriptor();
        assertEquals("org.myoflow.spikes.motor-unit-pool", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("Motor-unit pool (Fuglevand 1993)", d.name());
        assertEquals("Simulation/Spikes", d.category());
        assertTrue(d.references().get(0).contains("J Neurophysiol 70"));
        assertTrue(d.references().stream().anyMatch(r -> r.contains("NeuroMotion")));
        assertEquals(List.of("excitation"), d.inputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of("spikes", "force"), d.outputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of("model", "units", "recruitmentRange", "peakRateFirst", "peakRateDifference", "minRate",
                "gain", "isiCv", "twitchForceRange", "twitchTimeRange", "longestContraction", "forceSamplingRate",
                "channel"), d.parameters().specs().stream().map(s -> s.name()).toList());
        assertEquals(120L, d.parameters().get("units").orElseThrow().defaultValue());
        assertEquals("FUGLEVAND_1993", d.parameters().get("model").orElseThrow().defaultValue());
        assertEquals("Hz", d.parameters().get("forceSamplingRate").orElseThrow().unit());
    }

    @Test
    void producesSpikeTrainsAndForceOnTheExcitationTimeAxis() throws Exception {
        Map<String, Data> out = run(constant(0.5, 2), 1);
        SpikeTrains spikes = (SpikeTrains) out.get("spikes");
        Signal force = (Signal) out.get("force");
        assertEquals(120, spikes.unitCount());
        assertEquals(2.0, spikes.duration(), 1e-12);
        assertEquals("MU1", spikes.unitLabels().get(0));
        assertTrue(spikes.spikeCount(0) > 40);
        assertEquals(0, spikes.spikeCount(119), "u 0.5 lies below the last threshold 0.638");
        assertEquals(List.of("force"), force.labels());
        assertEquals(List.of("a.u."), force.units());
        assertEquals("force", force.quantity());
        assertEquals(1000, force.samplingRate());
        assertEquals(2000, force.sampleCount());
    }

    @Test
    void forceIsInMultiplesOfTheSmallestUnitsTwitchPeak() throws Exception {
        // one unit (threshold 30/47) and one excitation blip above it for ~0.7 ms: exactly one spike, gain 1
        double[] u = new double[500];
        u[1] = 1;
        Map<String, Data> out = run(excitation("e", 1000, u), 1, "units", 1, "forceSamplingRate", 10000.0);
        SpikeTrains spikes = (SpikeTrains) out.get("spikes");
        assertEquals(1, spikes.totalSpikeCount());
        assertEquals(0.001 * 30 / 47, spikes.times(0)[0], 1e-12);
        double[] f = ((Signal) out.get("force")).channel(0);
        double peak = Arrays.stream(f).max().orElseThrow();
        assertEquals(1.0, peak, 1e-4);
    }

    @Test
    void sameSeedGivesIdenticalOutputsOtherSeedDiffers() throws Exception {
        Signal exc = constant(0.7, 1);
        Map<String, Data> a = run(exc, 5);
        Map<String, Data> b = run(exc, 5);
        Map<String, Data> c = run(exc, 6);
        SpikeTrains sa = (SpikeTrains) a.get("spikes");
        SpikeTrains sb = (SpikeTrains) b.get("spikes");
        SpikeTrains sc = (SpikeTrains) c.get("spikes");
        boolean differs = false;
        for (int i = 0; i < sa.unitCount(); i++) {
            assertArrayEquals(sa.times(i), sb.times(i));
            differs |= !Arrays.equals(sa.times(i), sc.times(i));
        }
        assertTrue(differs);
        assertArrayEquals(((Signal) a.get("force")).channel(0), ((Signal) b.get("force")).channel(0));
        assertFalse(Arrays.equals(((Signal) a.get("force")).channel(0), ((Signal) c.get("force")).channel(0)));
        assertEquals(a.get("force").digest(), b.get("force").digest());
    }

    @Test
    void neuroMotionModelRecruitsFrom1point5To75Percent() throws Exception {
        Map<String, Data> below = run(constant(0.749, 1), 2, "model", "NEUROMOTION", "units", 100);
        Map<String, Data> above = run(constant(0.751, 1), 2, "model", "NEUROMOTION", "units", 100);
        Map<String, Data> low = run(constant(0.0149, 1), 2, "model", "NEUROMOTION", "units", 100);
        assertEquals(0, ((SpikeTrains) below.get("spikes")).spikeCount(99));
        assertTrue(((SpikeTrains) above.get("spikes")).spikeCount(99) > 0);
        assertEquals(0, ((SpikeTrains) low.get("spikes")).totalSpikeCount());
    }

    @Test
    void channelIsSelectedByLabel() throws Exception {
        Signal two = Signal.builder(100).channel("rest", "", new double[100])
                .channel("drive", "", constant(0.4, 1).channel(0)).build();
        assertEquals(0, ((SpikeTrains) run(two, 1).get("spikes")).totalSpikeCount(), "empty label: first channel");
        assertTrue(((SpikeTrains) run(two, 1, "channel", "drive").get("spikes")).totalSpikeCount() > 100);
    }

    @Test
    void missingChannelLabelIsADataError() {
        DataException e = assertThrows(DataException.class, () -> run(constant(0.3, 1), 1, "channel", "biceps"));
        assertTrue(e.getMessage().contains("'biceps'") && e.getMessage().contains("excitation"), e.getMessage());
    }

    @Test
    void excitationOutsideTheUnitIntervalNamesChannelSampleAndValue() {
        double[] u = new double[50];
        u[17] = 1.25;
        DataException e = assertThrows(DataException.class, () -> run(excitation("drive", 100, u), 1));
        assertTrue(e.getMessage().contains("'drive'"), e.getMessage());
        assertTrue(e.getMessage().contains("sample 17"), e.getMessage());
        assertTrue(e.getMessage().contains("1.25"), e.getMessage());
        u[17] = -0.01;
        e = assertThrows(DataException.class, () -> run(excitation("drive", 100, u), 1));
        assertTrue(e.getMessage().contains("-0.01"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "units, 0", "units, 2001", "isiCv, 0.6", "recruitmentRange, 1.2", "minRate, 0",
            "forceSamplingRate, 0", "longestContraction, 0", "model, FOO" })
    void outOfRangeParametersAreRefusedByTheSchema(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(constant(0.3, 1), 1, name, value));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void inconsistentRateParametersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(constant(0.3, 1), 1, "peakRateDifference", 30.0));
        assertTrue(e.getMessage().contains("peakRateFirst - peakRateDifference"), e.getMessage());
    }
}
