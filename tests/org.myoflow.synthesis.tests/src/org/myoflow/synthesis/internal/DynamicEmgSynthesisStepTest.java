package org.myoflow.synthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepDescriptor;

class DynamicEmgSynthesisStepTest {

    private static final double FS = 2048;

    private static MuapBank bank(int units, int channels, double scale) {
        double[][][] m = new double[units][channels][41];
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            labels.add("E" + (c + 1));
        }
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < 41; k++) {
                    double z = (k - 20.0) / (2 + u % 3);
                    m[u][c][k] = -scale * (1 + u + 0.3 * c) * z * Math.exp(-z * z / 2);
                }
            }
        }
        return new MuapBank(m, FS, -20 / FS, labels, null, null, 0, 0, "µV", "monopolar");
    }

    private static MuapBankSeries series(int units, int channels) {
        return new MuapBankSeries(List.of(bank(units, channels, 1), bank(units, channels, 2), bank(units, channels,
                0.5)), new double[] { 0, 0.5, 1 });
    }

    private static SpikeTrains trains(int units, double duration) {
        double[][] t = new double[units][];
        for (int u = 0; u < units; u++) {
            List<Double> l = new ArrayList<>();
            for (double s = 0.01 + 0.0037 * u; s < duration; s += 1 / (20.0 + u)) {
                l.add(s);
            }
            t[u] = l.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new SpikeTrains(t, duration, null);
    }

    private static Signal emg(StepHarness h) throws Exception {
        return (Signal) h.run().get("emg");
    }

    @Test
    void descriptorNamesTheStepItsPortsAndParameters() {
        StepDescriptor d = new DynamicEmgSynthesisStep().descriptor();
        assertEquals("org.myoflow.synthesis.dynamic-emg", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("EMG synthesis during movement (spikes × MUAP series)", d.name());
        assertEquals("Simulation/EMG", d.category());
        assertEquals(List.of("spikes", "muaps"), d.inputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of(false, false), d.inputs().stream().map(p -> p.optional()).toList());
        assertEquals(List.of("emg"), d.outputs().stream().map(p -> p.name()).toList());
        assertEquals(List.of("snrDb", "noise"), d.parameters().specs().stream().map(s -> s.name()).toList());
        assertEquals(30.0, d.parameters().get("snrDb").orElseThrow().defaultValue());
        assertEquals(true, d.parameters().get("noise").orElseThrow().defaultValue());
    }

    @Test
    void outputIsTheDynamicSumLabelledEmg() throws Exception {
        SpikeTrains st = trains(3, 1);
        MuapBankSeries s = series(3, 4);
        Signal sig = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s)
                .param("noise", false));
        assertEquals(List.of("E1", "E2", "E3", "E4"), sig.labels());
        assertEquals(List.of("µV", "µV", "µV", "µV"), sig.units());
        assertEquals("emg", sig.quantity());
        assertEquals(FS, sig.samplingRate());
        assertEquals(2048, sig.sampleCount());
        double[][] expected = org.myoflow.synthesis.EmgSynthesizer.synthesize(st, s, null);
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < sig.sampleCount(); i++) {
                assertEquals(expected[c][i], sig.get(c, i), 0);
            }
        }
    }

    @Test
    void equalBanksGiveTheStaticStepsResult() throws Exception {
        SpikeTrains st = trains(3, 1);
        MuapBank b = bank(3, 2, 1);
        MuapBankSeries s = new MuapBankSeries(List.of(b, b), new double[] { 0.2, 0.7 });
        Signal dyn = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s)
                .seed(3));
        Signal stat = emg(StepHarness.of(new EmgSynthesisStep()).input("spikes", st).input("muaps", b).seed(3));
        assertEquals(stat.digest(), dyn.digest());
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() throws Exception {
        SpikeTrains st = trains(3, 1);
        MuapBankSeries s = series(3, 2);
        Signal a = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s).seed(5));
        Signal b = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s).seed(5));
        Signal c = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s).seed(6));
        Signal clean = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s)
                .param("noise", false));
        assertEquals(a.digest(), b.digest());
        assertFalse(a.digest().equals(c.digest()));
        double ps = 0;
        double pn = 0;
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < a.sampleCount(); i++) {
                ps += clean.get(ch, i) * clean.get(ch, i);
                pn += (a.get(ch, i) - clean.get(ch, i)) * (a.get(ch, i) - clean.get(ch, i));
            }
        }
        assertEquals(30, 10 * Math.log10(ps / pn), 0.5, "default 30 dB");
        Signal snr10 = emg(StepHarness.of(new DynamicEmgSynthesisStep()).input("spikes", st).input("muaps", s)
                .param("snrDb", 10.0).seed(5));
        assertFalse(a.digest().equals(snr10.digest()));
    }

    @Test
    void unitCountMismatchIsADataExceptionNamingBoth() {
        DataException e = assertThrows(DataException.class, () -> emg(StepHarness.of(new DynamicEmgSynthesisStep())
                .input("spikes", trains(4, 1)).input("muaps", series(3, 2))));
        assertTrue(e.getMessage().contains("spikes has 4 units") && e.getMessage().contains("muaps has 3 units"),
                e.getMessage());
    }
}
