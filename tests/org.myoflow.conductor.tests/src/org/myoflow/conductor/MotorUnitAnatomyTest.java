package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MotorUnitAnatomyTest {

    static final MotorUnitAnatomy.Spec SPEC = MotorUnitAnatomy.Spec.builder().units(10).minFibres(25).maxFibres(2500)
            .fibresPerMm2(20).muscleWidthMm(40).muscleDepthMm(15).cvMeanMPerS(4.25).cvSpreadMPerS(2.5)
            .rightSemiLengthMm(50).leftSemiLengthMm(50).semiLengthSpreadMm(5).izSpreadMm(10).build();

    @Test
    void seededAnatomyIsReproducibleAndAnotherSeedDiffers() {
        MotorUnitAnatomy a = MotorUnitAnatomy.generate(SPEC, new SplittableRandom(7));
        MotorUnitAnatomy b = MotorUnitAnatomy.generate(SPEC, new SplittableRandom(7));
        MotorUnitAnatomy c = MotorUnitAnatomy.generate(SPEC, new SplittableRandom(8));
        assertEquals(a.units(), b.units());
        assertNotEquals(a.units(), c.units());
    }

    @Test
    void fibreCountsSpreadExponentiallyAndCvRisesWithSize() {
        MotorUnitAnatomy a = MotorUnitAnatomy.generate(SPEC, new SplittableRandom(1));
        assertEquals(25, a.units().get(0).fibres().size());
        assertEquals(2500, a.units().get(9).fibres().size());
        assertEquals(25 * Math.pow(100, 5 / 9.0), a.units().get(5).fibres().size(), 0.5);
        assertEquals(3.0, a.units().get(0).cvMPerS(), 1e-12);
        assertEquals(5.5, a.units().get(9).cvMPerS(), 1e-12);
        for (int i = 1; i < 10; i++) {
            assertTrue(a.units().get(i).cvMPerS() > a.units().get(i - 1).cvMPerS());
        }
    }

    @Test
    void fibresLieInTheMuscleAndTheirTerritoryWithTheGivenSpreads() {
        MotorUnitAnatomy a = MotorUnitAnatomy.generate(SPEC, new SplittableRandom(3));
        for (MotorUnitAnatomy.Unit u : a.units()) {
            assertEquals(Math.sqrt(u.fibres().size() / (Math.PI * 20)), u.territoryRadiusMm(), 1e-12);
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                assertTrue(Math.abs(f.xMm()) <= 20 && f.depthMm() >= 0 && f.depthMm() <= 15);
                assertTrue(Math.hypot(f.xMm() - u.centreXMm(), f.depthMm() - u.centreDepthMm())
                        <= u.territoryRadiusMm() + 1e-9);
                assertTrue(Math.abs(f.izMm()) <= 5);
                assertTrue(Math.abs(f.rightSemiLengthMm() - 50) <= 5 && Math.abs(f.leftSemiLengthMm() - 50) <= 5);
            }
        }
    }
}
