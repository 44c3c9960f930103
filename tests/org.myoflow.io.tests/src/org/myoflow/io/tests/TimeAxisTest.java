package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myoflow.io.internal.TimeAxis;

class TimeAxisTest {

    @Test
    void jitterBelowTheToleranceKeepsTheSamples() {
        double[] t = { 0, 0.001, 0.002 + 1e-12, 0.003 };
        TimeAxis.Uniform u = TimeAxis.of("j.csv", t, new int[] { 2, 3, 4, 5 }, new double[][] { { 1, 2, 3, 4 } });
        assertFalse(u.resampled());
        assertEquals(1000, u.samplingRateHz(), 1e-6);
        assertEquals(3, u.channels()[0][2], 0);
    }

    @Test
    void gapIsInterpolatedOnTheMedianStep() {
        // one sample missing at 0.3 s: grid 0, 0.1, ..., 0.5 with 0.3 interpolated between 0.2 and 0.4
        double[] t = { 0, 0.1, 0.2, 0.4, 0.5 };
        double[][] y = { { 0, 10, 20, 60, 50 }, { 1, 1, 1, 1, 1 } };
        TimeAxis.Uniform u = TimeAxis.of("gap.csv", t, new int[] { 2, 3, 4, 5, 6 }, y);
        assertTrue(u.resampled());
        assertEquals(10, u.samplingRateHz(), 1e-9);
        assertEquals(0, u.startTimeS(), 0);
        double[] expected = { 0, 10, 20, 40, 60, 50 };
        assertEquals(expected.length, u.channels()[0].length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], u.channels()[0][i], 1e-9, "sample " + i);
            assertEquals(1, u.channels()[1][i], 1e-12);
        }
    }
}
