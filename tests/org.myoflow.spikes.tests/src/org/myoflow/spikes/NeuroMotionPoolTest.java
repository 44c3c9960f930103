package org.myoflow.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeuroMotionPoolTest {

    private final NeuroMotionPool pool = NeuroMotionPool.defaults(100);

    @Test
    void thresholdsSpan1point5To75PercentOfMaximalExcitation() {
        assertEquals(0.015, pool.threshold(1), 1e-12);
        assertEquals(0.75, pool.threshold(100), 1e-12);
        for (int i = 2; i <= 100; i++) {
            assertEquals(Math.pow(50, 1.0 / 99), pool.threshold(i) / pool.threshold(i - 1), 1e-12);
        }
    }

    @Test
    void ratesRunFromMinAtRecruitmentToMaxAtFullExcitation() {
        assertEquals(10 - 5 * 0.015 / 0.75, pool.minRate(1), 1e-12);
        assertEquals(40 - 10 * 0.015 / 0.75, pool.peakRate(1), 1e-12);
        assertEquals(5, pool.minRate(100), 1e-12);
        assertEquals(30, pool.peakRate(100), 1e-12);
        for (int i = 1; i <= 100; i++) {
            double rt = pool.threshold(i);
            assertEquals(0, pool.firingRate(i, rt * 0.999));
            assertEquals(pool.minRate(i), pool.firingRate(i, rt), 1e-12);
            assertEquals(pool.peakRate(i), pool.firingRate(i, 1), 1e-12);
            double mid = (rt + 1) / 2;
            assertEquals((pool.minRate(i) + pool.peakRate(i)) / 2, pool.firingRate(i, mid), 1e-9);
        }
        assertEquals(1.0 / 6, pool.isiCv(), 1e-15);
    }

    @Test
    void aSingleUnitPoolHasTheLowestThreshold() {
        NeuroMotionPool one = NeuroMotionPool.defaults(1);
        assertEquals(0.015, one.threshold(1), 1e-12);
        assertTrue(one.firingRate(1, 1) > one.firingRate(1, 0.5));
    }
}
