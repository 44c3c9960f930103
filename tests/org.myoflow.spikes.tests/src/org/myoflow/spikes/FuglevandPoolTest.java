package org.myoflow.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FuglevandPoolTest {

    private final FuglevandPool pool = FuglevandPool.defaults();

    @Test
    void maximalExcitationIs47WithTheDefaults() {
        // RTE_n = RR = 30, PFR_n = 35 - 10 = 25 Hz: E_max = 30 + (25 - 8)/1
        assertEquals(47, pool.maxExcitation(), 1e-9);
        assertEquals(30, pool.rte(120), 1e-9);
        assertEquals(Math.exp(Math.log(30) / 120), pool.rte(1), 1e-12);
    }

    @Test
    void lastUnitIsRecruitedAt30Over47() {
        assertEquals(30.0 / 47, pool.threshold(120), 1e-12);
        assertEquals(0.638, pool.threshold(120), 5e-4);
        assertEquals(0, pool.firingRate(120, 30.0 / 47 - 1e-9));
        assertEquals(8, pool.firingRate(120, 30.0 / 47), 1e-9);
    }

    @Test
    void thresholdsRiseExponentially() {
        for (int i = 2; i <= pool.size(); i++) {
            assertEquals(Math.exp(Math.log(30) / 120), pool.rte(i) / pool.rte(i - 1), 1e-12);
        }
    }

    @Test
    void peakRatesFallFromPfr1ToPfr1MinusPfrd() {
        assertEquals(35 - 10 * pool.rte(1) / 30, pool.peakRate(1), 1e-12);
        assertEquals(25, pool.peakRate(120), 1e-12);
    }

    @Test
    void ratesStayBetweenMfrAndPfrOfEachUnit() {
        for (int i = 1; i <= pool.size(); i++) {
            for (int k = 0; k <= 1000; k++) {
                double u = k / 1000.0;
                double fr = pool.firingRate(i, u);
                if (u < pool.threshold(i)) {
                    assertEquals(0, fr, "unit " + i + " at u " + u);
                } else {
                    assertTrue(fr >= 8 - 1e-12 && fr <= pool.peakRate(i) + 1e-12, "unit " + i + " at u " + u);
                }
            }
        }
        // every unit reaches its peak at full excitation, the last one exactly there
        for (int i = 1; i <= pool.size(); i++) {
            assertEquals(pool.peakRate(i), pool.firingRate(i, 1), 1e-9);
        }
        assertTrue(pool.firingRate(120, 0.999) < pool.peakRate(120));
    }

    @ParameterizedTest
    @CsvSource({ "1, 0.5", "81, 0.5", "110, 0.5", "60, 0.3" })
    void rateFollowsTheLinearLawBelowThePeak(int unit, double u) {
        double e = u * 47;
        double expected = Math.min(1 * (e - pool.rte(unit)) + 8, pool.peakRate(unit));
        assertEquals(expected, pool.firingRate(unit, u), 1e-9);
    }

    @Test
    void inconsistentParametersAreRefused() {
        // the last unit's peak rate 35 - 30 = 5 Hz would lie below MFR 8 Hz
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FuglevandPool(120, 30, 35, 30, 8, 1, 0.2));
        assertTrue(e.getMessage().contains("minimum rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FuglevandPool(0, 30, 35, 10, 8, 1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new FuglevandPool(10, 1, 35, 10, 8, 1, 0.2));
        assertThrows(IndexOutOfBoundsException.class, () -> pool.threshold(0));
        assertThrows(IndexOutOfBoundsException.class, () -> pool.threshold(121));
    }
}
