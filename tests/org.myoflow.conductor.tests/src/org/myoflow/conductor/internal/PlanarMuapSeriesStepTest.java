package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.StepDescriptor;

class PlanarMuapSeriesStepTest {

    /** A small anatomy and array that run in a fraction of a second. */
    private static final Object[] SMALL = { "units", 3, "maxFibres", 100, "rows", 3, "cols", 2, "montage",
            "DOUBLE_DIFFERENTIAL" };

    private static Map<String, Data> run(StepHarness h, long seed, Object[] base, Object... params) throws Exception {
        h.seed(seed);
        for (Object[] ps : new Object[][] { base, params }) {
            for (int i = 0; i < ps.length; i += 2) {
                h.param((String) ps[i], ps[i + 1]);
            }
        }
        return h.run();
    }

    private static MuapBankSeries series(long seed, Object... params) throws Exception {
        return (MuapBankSeries) run(StepHarness.of(new PlanarMuapSeriesStep()), seed, SMALL, params).get("muaps");
    }

    private static MuapBank staticBank(long seed) throws Exception {
        return (MuapBank) run(StepHarness.of(new PlanarMuapBankStep()), seed, SMALL).get("muaps");
    }

    private static double maxDiff(MuapBank a, MuapBank b) {
        assertEquals(a.unitCount(), b.unitCount());
        assertEquals(a.channelCount(), b.channelCount());
        assertEquals(a.sampleCount(), b.sampleCount());
        double m = 0;
        for (int u = 0; u < a.unitCount(); u++) {
            for (int c = 0; c < a.channelCount(); c++) {
                for (int k = 0; k < a.sampleCount(); k++) {
                    m = Math.max(m, Math.abs(a.get(u, c, k) - b.get(u, c, k)));
                }
            }
        }
        return m;
    }

    private static Signal lengthSignal(double fs, double[] s) {
        return Signal.builder(fs).quantity("length").channel("length", "", s).build();
    }

    @Test
    void descriptorSharesThePlanarParametersAndAddsTheMovement() {
        StepDescriptor d = new PlanarMuapSeriesStep().descriptor();
        assertEquals("org.myoflow.conductor.planar-muap-series", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("MUAP banks during movement (planar conductor)", d.name());
        assertEquals("Simulation/Volume conductor", d.category());
        assertEquals(List.of("length"), d.inputs().stream().map(p -> p.name()).toList());
        assertTrue(d.inputs().get(0).optional());
        assertEquals(List.of("muaps"), d.outputs().stream().map(p -> p.name()).toList());
        assertEquals("muap-bank-series", d.outputs().get(0).type().id());
        assertEquals("Hz", d.parameters().get("updateRate").orElseThrow().unit());
        assertEquals(5.0, d.parameters().get("updateRate").orElseThrow().defaultValue());
        assertEquals(0.5, d.parameters().get("updateRate").orElseThrow().min());
        assertEquals(50.0, d.parameters().get("updateRate").orElseThrow().max());
        assertEquals("CONSTANT", d.parameters().get("lengthProfile").orElseThrow().defaultValue());
        assertEquals(0.1, d.parameters().get("lengthAmplitude").orElseThrow().defaultValue());
        assertEquals(0.5, d.parameters().get("lengthFrequency").orElseThrow().defaultValue());
        assertEquals(10.0, d.parameters().get("duration").orElseThrow().defaultValue());
        for (var p : new PlanarMuapBankStep().descriptor().parameters().specs()) {
            assertEquals(p, d.parameters().get(p.name()).orElseThrow(), p.name());
        }
    }

    @Test
    void atRestLengthEveryBankEqualsTheStaticBankOfTheSameSeed() throws Exception {
        MuapBank ref = staticBank(4);
        MuapBankSeries s = series(4, "duration", 1.0);
        assertEquals(6, s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, maxDiff(ref, s.bank(i)), 1e-12);
        }
        assertEquals(ref.channelLabels(), s.first().channelLabels());
        assertEquals(ref.montage(), s.first().montage());
        // a connected length signal at 1 gives the same
        StepHarness h = StepHarness.of(new PlanarMuapSeriesStep()).input("length",
                lengthSignal(100, new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }));
        MuapBankSeries t = (MuapBankSeries) run(h, 4, SMALL).get("muaps");
        assertEquals(1, t.size());
        assertEquals(0, maxDiff(ref, t.bank(0)), 1e-12);
        // and so does the sinusoid's first bank (s = 1 at t = 0; the kernel grid for 0.9..1.1 has the same FFT
        // sizes here, so the shared tables hold the same values), while the others differ
        MuapBankSeries u = series(4, "duration", 0.4, "lengthProfile", "SINUSOID");
        assertEquals(0, maxDiff(ref, u.bank(0)), 1e-12);
        assertTrue(maxDiff(ref, u.bank(1)) > 1e-6);
    }

    @Test
    void updateTimesAreMultiplesOfOneOverTheUpdateRate() throws Exception {
        MuapBankSeries s = series(1, "duration", 1.5, "updateRate", 4.0, "lengthProfile", "SINUSOID");
        assertEquals(7, s.size());
        for (int k = 0; k < s.size(); k++) {
            assertEquals(k / 4.0, s.time(k), 1e-12);
        }
        // with a length signal: its span, here 0 .. 2.49 s at 100 Hz -> k/5 for k = 0..12
        double[] len = new double[250];
        for (int i = 0; i < len.length; i++) {
            len[i] = 1 + 0.2 * i / 249.0;
        }
        StepHarness h = StepHarness.of(new PlanarMuapSeriesStep()).input("length", lengthSignal(100, len));
        MuapBankSeries t = (MuapBankSeries) run(h, 1, SMALL, "updateRate", 5.0, "rows", 3, "cols", 1).get("muaps");
        assertEquals(13, t.size());
        for (int k = 0; k < t.size(); k++) {
            assertEquals(k / 5.0, t.time(k), 1e-12);
        }
        double[][] sched = PlanarMuapSeriesStep.schedule(new PlanarMuapSeriesSettings(), lengthSignal(100, len));
        assertEquals(1 + 0.2 * 240 / 249.0, sched[1][12], 1e-12);
    }

    @Test
    void aLengthOutsideTheRangeIsRefusedNamingTheSample() {
        double[] len = new double[100];
        java.util.Arrays.fill(len, 1.0);
        len[37] = 1.35;
        StepHarness h = StepHarness.of(new PlanarMuapSeriesStep()).input("length", lengthSignal(100, len));
        DataException e = assertThrows(DataException.class, () -> run(h, 1, SMALL));
        assertTrue(e.getMessage().contains("sample 37") && e.getMessage().contains("1.35"), e.getMessage());
        len[37] = 1.0;
        len[5] = 0.65;
        StepHarness h2 = StepHarness.of(new PlanarMuapSeriesStep()).input("length", lengthSignal(100, len));
        e = assertThrows(DataException.class, () -> run(h2, 1, SMALL));
        assertTrue(e.getMessage().contains("sample 5 ") && e.getMessage().contains("0.65"), e.getMessage());
    }

    @Test
    void sameSeedGivesTheSameSeriesDigestAnotherSeedDiffers() throws Exception {
        Object[] p = { "duration", 0.6, "lengthProfile", "SINUSOID", "lengthAmplitude", 0.2 };
        MuapBankSeries a = series(9, p);
        MuapBankSeries b = series(9, p);
        MuapBankSeries c = series(10, p);
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
        assertArrayEquals(a.toTable().values(), b.toTable().values());
    }

    @Test
    void aSinusoidBeyondTheLengthRangeIsAParameterProblem() {
        PlanarMuapSeriesSettings s = new PlanarMuapSeriesSettings();
        s.lengthProfile = org.myoflow.conductor.MuapSeriesBuilder.LengthProfile.SINUSOID;
        assertEquals(List.of(), s.check());
        s.lengthAmplitude = 0.31;
        assertEquals("lengthAmplitude", s.check().get(0).parameter());
        assertThrows(IllegalArgumentException.class, () -> series(1, "lengthAmplitude", 0.35));
    }
}
