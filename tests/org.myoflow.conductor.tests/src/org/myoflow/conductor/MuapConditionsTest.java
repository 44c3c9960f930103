package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MuapConditionsTest {

    private static final MuapConditions.Ranges R = MuapConditions.Ranges.demoDefaults();

    @Test
    void normaliseAndDenormaliseRoundTripWithinHalfToOne() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double[] n = new double[MuapConditions.COUNT];
            for (int k = 0; k < n.length; k++) {
                n[k] = 0.5 + 0.5 * rng.nextDouble();
            }
            MuapConditions c = R.denormalise(n);
            assertTrue(R.contains(c), c.toString());
            double[] back = R.normalise(c);
            for (int k = 0; k < n.length; k++) {
                assertEquals(n[k], back[k], 1e-12);
                assertTrue(back[k] >= 0.5 && back[k] <= 1);
            }
        }
        double[] lo = R.normalise(new MuapConditions(Math.log(25), 0.5, -20, -5, 2.5, 0.85));
        double[] hi = R.normalise(new MuapConditions(Math.log(2500), 17, 20, 5, 6.5, 1.15));
        for (int k = 0; k < lo.length; k++) {
            assertEquals(0.5, lo[k], 1e-12);
            assertEquals(1, hi[k], 1e-12);
        }
        assertTrue(R.contains(R.denormalise(new double[] { 1, 1, 1, 1, 1, 1 })));
        assertEquals(2500, R.maxFibres());
    }

    @Test
    void outOfRangeConditionsAreRefusedByName() {
        MuapConditions c = new MuapConditions(Math.log(100), 18, 0, 0, 4, 1);
        assertFalse(R.contains(c));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> R.check(c, "sample 7"));
        assertTrue(e.getMessage().contains("sample 7") && e.getMessage().contains("depthMm")
                && e.getMessage().contains("[0.5, 17]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> R.check(new MuapConditions(Math.log(100), 5, 0, 0, 7, 1), "x"));
        assertTrue(e2.getMessage().contains("cvMPerS"), e2.getMessage());
    }

    @Test
    void conditionsOfAnAnatomyUnit() {
        MotorUnitAnatomy a = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(3).minFibres(25)
                .maxFibres(400).fibresPerMm2(20).muscleWidthMm(40).muscleDepthMm(15).cvMeanMPerS(4.25)
                .cvSpreadMPerS(2.5).rightSemiLengthMm(50).leftSemiLengthMm(50).semiLengthSpreadMm(5).izSpreadMm(10)
                .build(), new SplittableRandom(1)).stretched(1.1);
        MotorUnitAnatomy.Unit u = a.units().get(1);
        MuapConditions c = MuapConditions.of(u, 1.1);
        assertEquals(u.fibres().size(), c.fibres());
        assertEquals(u.centreDepthMm(), c.depthMm());
        assertEquals(u.cvMPerS(), c.cvMPerS());
        assertEquals(1.1, c.lengthScale());
    }
}
