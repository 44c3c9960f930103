package org.myoflow.synthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepDescriptor;

class EmgSynthesisStepTest {

    private static final double FS = 2048;

    /** Biphasic MUAPs whose amplitude depends on unit and channel. */
    private static MuapBank bank(int units, int channels, int samples, String unit) {
        double[][][] m = new double[units][channels][samples];
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            labels.add("E" + (c + 1));
        }
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < samples; k++) {
                    double z = (k - samples / 2.0) / (2 + u % 3);
                    m[u][c][k] = -(1 + u + 0.3 * c) * z * Math.exp(-z * z / 2);
                }
            }
        }
        return new MuapBank(m, FS, -samples / 2.0 / FS, labels, null, null, 0, 0, unit, "monopolar");
    }

    private static SpikeTrains trains(int units, double duration, double rate, double phase) {
        double[][] t = new double[units][];
        for (int u = 0; u < units; u++) {
            List<Double> l = new ArrayList<>();
            for (double s = phase + 0.0037 * u; s < duration; s += 1 / (rate + u)) {
                l.add(s);
            }
            t[u] = l.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new SpikeTrains(t, duration, null);
    }

    private static Signal emg(StepHarness h) throws Exception {
        Map<String, Data> out = h.run();
        return (Signal) out.get("emg");
    }

    @Test
    void descriptorNamesTheStepItsPortsAndParameters() {
        StepDescriptor d = new EmgSynthesisStep().descriptor();
        assertEquals("org.myoflow.synthesis.emg", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("EMG synthesis (spikes × MUAPs)", d.name());
        assertEquals("Simulation/EMG", d.category());
        assertTrue(d.references().get(0).contains("J Electromyogr Kinesiol 11"));
        assertTrue(d.references().get(1).contains("Fuglevand"));
        assertEquals(List.of("spikes", "muaps", "spikes2", "muaps2"), d.inputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of(false, false, true, true), d.inputs().stream().map(p -> p.optional()).toList());
        assertEquals(List.of("emg"), d.outputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of("snrDb", "noise"), d.parameters().specs().stream().map(s -> s.name()).toList());
        assertEquals(30.0, d.parameters().get("snrDb").orElseThrow().defaultValue());
        assertEquals("dB", d.parameters().get("snrDb").orElseThrow().unit());
        assertEquals(-20, d.parameters().get("snrDb").orElseThrow().min());
        assertEquals(200, d.parameters().get("snrDb").orElseThrow().max());
        assertEquals(true, d.parameters().get("noise").orElseThrow().defaultValue());
    }

    @Test
    void outputsLabelledEmgInTheBanksUnit() throws Exception {
        Signal s = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", trains(3, 1, 20, 0.01))
                .input("muaps", bank(3, 4, 41, "µV")).param("noise", false));
        assertEquals(List.of("E1", "E2", "E3", "E4"), s.labels());
        assertEquals(List.of("µV", "µV", "µV", "µV"), s.units());
        assertEquals("emg", s.quantity());
        assertEquals(FS, s.samplingRate());
        assertEquals(0.0, s.startTime());
        assertEquals(2048, s.sampleCount());
    }

    @Test
    void twoPoolsGiveTheSumOfEachAlone() throws Exception {
        SpikeTrains s1 = trains(3, 1, 20, 0.01);
        SpikeTrains s2 = trains(5, 1, 12, 0.02);
        MuapBank b1 = bank(3, 4, 41, "mV");
        MuapBank b2 = bank(5, 4, 61, "mV");
        Signal a = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", s1).input("muaps", b1)
                .param("noise", false));
        Signal b = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", s2).input("muaps", b2)
                .param("noise", false));
        Signal ab = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", s1).input("muaps", b1)
                .input("spikes2", s2).input("muaps2", b2).param("noise", false));
        double peak = 0;
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < ab.sampleCount(); i++) {
                assertEquals(a.get(c, i) + b.get(c, i), ab.get(c, i), 1e-12);
                peak = Math.max(peak, Math.abs(b.get(c, i)));
            }
        }
        assertTrue(peak > 1, "the second pool contributes");
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() throws Exception {
        SpikeTrains st = trains(3, 1, 20, 0.01);
        MuapBank bk = bank(3, 2, 41, "mV");
        Signal a = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", st).input("muaps", bk).seed(5));
        Signal b = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", st).input("muaps", bk).seed(5));
        Signal c = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", st).input("muaps", bk).seed(6));
        Signal clean = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", st).input("muaps", bk)
                .param("noise", false));
        assertEquals(a.digest(), b.digest());
        assertFalse(a.digest().equals(c.digest()));
        assertFalse(a.digest().equals(clean.digest()));
        double ps = 0;
        double pn = 0;
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < a.sampleCount(); i++) {
                ps += clean.get(ch, i) * clean.get(ch, i);
                pn += (a.get(ch, i) - clean.get(ch, i)) * (a.get(ch, i) - clean.get(ch, i));
            }
        }
        assertEquals(30, 10 * Math.log10(ps / pn), 0.5, "default 30 dB");
    }

    @Test
    void unitCountMismatchIsADataExceptionNamingBothCounts() {
        DataException e = assertThrows(DataException.class, () -> emg(StepHarness.of(new EmgSynthesisStep())
                .input("spikes", trains(4, 1, 20, 0.01)).input("muaps", bank(3, 2, 41, "mV"))));
        assertTrue(e.getMessage().contains("spikes has 4 units") && e.getMessage().contains("muaps has 3 units"),
                e.getMessage());
        DataException e2 = assertThrows(DataException.class, () -> emg(StepHarness.of(new EmgSynthesisStep())
                .input("spikes", trains(3, 1, 20, 0.01)).input("muaps", bank(3, 2, 41, "mV"))
                .input("spikes2", trains(2, 1, 20, 0.01)).input("muaps2", bank(5, 2, 41, "mV"))));
        assertTrue(e2.getMessage().contains("spikes2 has 2 units") && e2.getMessage().contains("muaps2 has 5"),
                e2.getMessage());
    }

    @Test
    void secondPoolMustMatchChannelsAndComeInPairs() {
        DataException ch = assertThrows(DataException.class, () -> emg(StepHarness.of(new EmgSynthesisStep())
                .input("spikes", trains(3, 1, 20, 0.01)).input("muaps", bank(3, 2, 41, "mV"))
                .input("spikes2", trains(2, 1, 20, 0.01)).input("muaps2", bank(2, 3, 41, "mV"))));
        assertTrue(ch.getMessage().contains("2 channels") && ch.getMessage().contains("3 channels"),
                ch.getMessage());
        DataException pair = assertThrows(DataException.class, () -> emg(StepHarness.of(new EmgSynthesisStep())
                .input("spikes", trains(3, 1, 20, 0.01)).input("muaps", bank(3, 2, 41, "mV"))
                .input("spikes2", trains(2, 1, 20, 0.01))));
        assertTrue(pair.getMessage().contains("muaps2"), pair.getMessage());
    }
}
