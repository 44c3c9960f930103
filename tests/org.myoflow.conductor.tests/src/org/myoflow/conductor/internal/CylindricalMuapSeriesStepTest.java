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

/**
 * The numerical cylindrical series step: at rest length its banks are the cylindrical bank step's (same seed); the
 * interpolated series stays within 1 % NRMSE of every update computed exactly; same seed, same series; lengths out
 * of range are refused naming the sample.
 */
class CylindricalMuapSeriesStepTest {

    /** A small anatomy and array that run in about a second. */
    private static final Object[] SMALL = { "units", 3, "maxFibres", 60, "rows", 3, "cols", 2, "montage",
            "SINGLE_DIFFERENTIAL", "muapDuration", 0.02 };

    private static Map<String, Data> run(StepHarness h, long seed, Object... params) throws Exception {
        h.seed(seed);
        for (Object[] ps : new Object[][] { SMALL, params }) {
            for (int i = 0; i < ps.length; i += 2) {
                h.param((String) ps[i], ps[i + 1]);
            }
        }
        return h.run();
    }

    private static MuapBankSeries series(long seed, Object... params) throws Exception {
        return (MuapBankSeries) run(StepHarness.of(new CylindricalMuapSeriesStep()), seed, params).get("muaps");
    }

    /** max |a − b| over all values, relative to the largest |b|. */
    private static double nrmse(MuapBank a, MuapBank b) {
        assertEquals(a.unitCount(), b.unitCount());
        assertEquals(a.channelCount(), b.channelCount());
        assertEquals(a.sampleCount(), b.sampleCount());
        double se = 0;
        double peak = 0;
        long n = 0;
        for (int u = 0; u < a.unitCount(); u++) {
            for (int c = 0; c < a.channelCount(); c++) {
                for (int k = 0; k < a.sampleCount(); k++) {
                    double d = a.get(u, c, k) - b.get(u, c, k);
                    se += d * d;
                    n++;
                    peak = Math.max(peak, Math.abs(b.get(u, c, k)));
                }
            }
        }
        return Math.sqrt(se / n) / peak;
    }

    @Test
    void descriptorSharesTheCylindricalParametersAndAddsTheMovement() {
        StepDescriptor d = new CylindricalMuapSeriesStep().descriptor();
        assertEquals("org.myoflow.conductor.cylindrical-muap-series", d.id());
        assertEquals("muap-bank-series", d.outputs().get(0).type().id());
        assertTrue(d.inputs().get(0).optional());
        for (var p : new CylindricalMuapBankStep().descriptor().parameters().specs()) {
            assertEquals(p, d.parameters().get(p.name()).orElseThrow(), p.name());
        }
        for (var p : new PlanarMuapSeriesStep().descriptor().parameters().specs()) {
            if (List.of("updateRate", "lengthProfile", "lengthAmplitude", "lengthFrequency", "duration")
                    .contains(p.name())) {
                assertEquals(p, d.parameters().get(p.name()).orElseThrow(), p.name());
            }
        }
    }

    @Test
    void atRestLengthEveryBankEqualsTheStaticBankOfTheSameSeed() throws Exception {
        MuapBank ref = (MuapBank) run(StepHarness.of(new CylindricalMuapBankStep()), 4).get("muaps");
        MuapBankSeries s = series(4, "duration", 0.4);
        assertEquals(3, s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, nrmse(s.bank(i), ref), 0, "bank " + i);
        }
        assertEquals(ref.channelLabels(), s.first().channelLabels());
        assertEquals(ref.montage(), s.first().montage());
    }

    @Test
    void interpolatedSeriesIsWithinOnePercentOfExactUpdatesAndReproducible() throws Exception {
        Object[] move = { "duration", 1.0, "lengthProfile", "SINUSOID", "lengthAmplitude", 0.1, "lengthFrequency",
            0.5 };
        MuapBankSeries fast = series(7, move);
        Object[] exactParams = java.util.Arrays.copyOf(move, move.length + 2);
        exactParams[move.length] = "lengthNodeStep";
        exactParams[move.length + 1] = 0.0;
        MuapBankSeries exact = series(7, exactParams);
        assertEquals(6, fast.size());
        double worst = 0;
        for (int i = 0; i < fast.size(); i++) {
            assertEquals(exact.time(i), fast.time(i), 0);
            worst = Math.max(worst, nrmse(fast.bank(i), exact.bank(i)));
        }
        System.out.printf("[conductor] cylindrical series, nodes 0.1 vs exact: max NRMSE %.4f %%%n", 100 * worst);
        assertTrue(worst < 0.01, "max NRMSE " + worst);
        assertTrue(nrmse(exact.bank(1), exact.bank(0)) > 1e-3, "the movement changes the MUAPs");
        MuapBankSeries again = series(7, move);
        assertEquals(fast.digest(), again.digest());
        assertArrayEquals(fast.toTable().values(), again.toTable().values());
        assertNotEquals(fast.digest(), series(8, move).digest());
    }

    @Test
    void anatomySeedFixesTheUnitsWhateverTheNodeSeed() throws Exception {
        // the bank step and the series step draw the anatomy from anatomySeed when it is set
        MuapBank a = (MuapBank) run(StepHarness.of(new CylindricalMuapBankStep()), 1, "anatomySeed", 5).get("muaps");
        MuapBank b = (MuapBank) run(StepHarness.of(new CylindricalMuapBankStep()), 2, "anatomySeed", 5).get("muaps");
        MuapBank c = (MuapBank) run(StepHarness.of(new CylindricalMuapBankStep()), 2).get("muaps");
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
        assertEquals(a.digest(), series(3, "anatomySeed", 5, "duration", 0.0).first().digest());
    }

    @Test
    void aLengthOutsideTheRangeIsRefusedNamingTheSample() {
        double[] len = new double[50];
        java.util.Arrays.fill(len, 1.0);
        len[21] = 1.4;
        StepHarness h = StepHarness.of(new CylindricalMuapSeriesStep()).input("length",
                Signal.builder(100).quantity("length").channel("length", "", len).build());
        DataException e = assertThrows(DataException.class, () -> run(h, 1));
        assertTrue(e.getMessage().contains("sample 21") && e.getMessage().contains("1.4"), e.getMessage());
        CylindricalMuapSeriesSettings s = new CylindricalMuapSeriesSettings();
        s.lengthProfile = org.myoflow.conductor.MuapSeriesBuilder.LengthProfile.SINUSOID;
        s.lengthAmplitude = 0.31;
        assertEquals("lengthAmplitude", s.check().get(0).parameter());
    }
}
