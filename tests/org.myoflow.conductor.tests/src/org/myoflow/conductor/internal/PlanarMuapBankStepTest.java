package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.StepDescriptor;

class PlanarMuapBankStepTest {

    private static Map<String, Data> run(long seed, Object... params) throws Exception {
        StepHarness h = StepHarness.of(new PlanarMuapBankStep()).seed(seed);
        for (int i = 0; i < params.length; i += 2) {
            h.param((String) params[i], params[i + 1]);
        }
        return h.run();
    }

    @Test
    void descriptorNamesTheStepAndCitesFarinaAndMerletti() {
        StepDescriptor d = new PlanarMuapBankStep().descriptor();
        assertEquals("org.myoflow.conductor.planar-muap-bank", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("MUAP bank (planar multi-layer conductor)", d.name());
        assertEquals("Simulation/Volume conductor", d.category());
        assertTrue(d.references().get(0).contains("IEEE Trans Biomed Eng 48(6):637"));
        assertTrue(d.references().get(1).contains("J Electromyogr Kinesiol 11"));
        assertEquals(List.of(), d.inputs());
        assertEquals(List.of("muaps"), d.outputs().stream().map(p -> p.name()).toList());
        assertEquals("S/m", d.parameters().get("fatConductivity").orElseThrow().unit());
        assertEquals("fibres/mm²", d.parameters().get("fibreDensity").orElseThrow().unit());
        assertEquals("MONOPOLAR", d.parameters().get("montage").orElseThrow().defaultValue());
    }

    @Test
    void defaultsGiveTwentyUnitsOnAnEightByEightArray() throws Exception {
        assertEquals(List.of(), new PlanarMuapBankSettings().check());
        long t0 = System.nanoTime();
        MuapBank bank = (MuapBank) run(1).get("muaps");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[conductor] default step (20 units, %s): %.2f s%n", bank, seconds);
        assertEquals(20, bank.unitCount());
        assertEquals(64, bank.channelCount());
        assertEquals(82, bank.sampleCount());
        assertEquals(8, bank.rows());
        assertEquals("r1c1", bank.channelLabels().get(0));
        assertEquals("monopolar", bank.montage());
        assertEquals("mV", bank.amplitudeUnit());
        // speed is measured by './myoflow bench conductor', not asserted: a wall-clock bound fails on a loaded machine
    }

    @Test
    void sameSeedGivesTheSameBankAnotherSeedDiffers() throws Exception {
        Object[] small = { "units", 3, "maxFibres", 100, "rows", 3, "cols", 2, "montage", "DOUBLE_DIFFERENTIAL" };
        Data a = run(4, small).get("muaps");
        Data b = run(4, small).get("muaps");
        Data c = run(5, small).get("muaps");
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), c.digest());
        assertEquals("r1c1-2r2c1+r3c1", ((MuapBank) a).channelLabels().get(0));
    }

    @ParameterizedTest
    @CsvSource({ "rightSemiLength, 80", "leftSemiLength, 78", "interElectrodeDistance, 8", "arrayCentreAcross, 10",
            "arrayCentreAlong, 70", "maxFibres, 20000", "semiLengthSpread, 50", "electrodeRadius, 2.5",
            "cvMean, 1" })
    void badGeometryIsRefusedNamingTheParameter(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(1, name, value));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "fatThickness, -1", "skinThickness, -0.5", "muscleDepth, 0", "muscleConductivityAlong, 0" })
    void negativeOrZeroSizesAreRefusedNamingTheParameter(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(1, name, value));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void checkNamesNegativeThicknessEvenOutsideTheSchema() {
        PlanarMuapBankSettings s = new PlanarMuapBankSettings();
        s.fatThickness = -2;
        List<ParameterSchema.Problem> p = s.check();
        assertEquals("fatThickness", p.get(0).parameter());
        s = new PlanarMuapBankSettings();
        s.montage = org.myoflow.conductor.ElectrodeArray.Montage.LAPLACIAN;
        s.cols = 2;
        assertEquals("montage", s.check().get(0).parameter());
    }
}
