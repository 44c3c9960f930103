package org.myoflow.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.refine.CycleSegmentation.Cycle;

class CycleSegmentationTest {

    private static final double RATE = 100;

    /** sin(2π f t + φ): upward mean crossings at t = (k − φ/2π)/f. */
    private static double[] sinusoid(double f, double phase, double seconds, double noise) {
        int n = (int) Math.round(seconds * RATE);
        double[] x = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = 60 + 40 * Math.sin(2 * Math.PI * f * i / RATE + phase) + noise * (2 * r.nextDouble() - 1);
        }
        return x;
    }

    @Test
    void sinusoidGivesItsCyclesWithinOneSample() {
        double f = 0.7;
        double phase = 1.0;
        double[] x = sinusoid(f, phase, 10, 0);
        List<Cycle> cycles = CycleSegmentation.cycles(x, RATE, 0.5, 0.1);
        // starts at (k − φ/2π)/f for k = 1..7 within 10 s: 7 starts, 6 cycles
        assertEquals(6, cycles.size());
        for (int k = 0; k < cycles.size(); k++) {
            double start = (k + 1 - phase / (2 * Math.PI)) / f * RATE;
            double end = (k + 2 - phase / (2 * Math.PI)) / f * RATE;
            assertTrue(Math.abs(cycles.get(k).start() - start) <= 1, "start " + cycles.get(k) + " vs " + start);
            assertTrue(Math.abs(cycles.get(k).end() - end) <= 1, "end " + cycles.get(k) + " vs " + end);
        }
    }

    @Test
    void hysteresisAndMinimumDurationIgnoreNoiseAtTheMean() {
        double f = 0.5;
        double[] x = sinusoid(f, 0.3, 12, 8);
        List<Cycle> withHysteresis = CycleSegmentation.cycles(x, RATE, 0.2, 0.3);
        List<Cycle> withMinimum = CycleSegmentation.cycles(x, RATE, 1.5, 0);
        List<Cycle> neither = CycleSegmentation.cycles(x, RATE, 0, 0);
        assertEquals(5, withHysteresis.size());
        assertEquals(5, withMinimum.size());
        assertTrue(neither.size() > 5, "noise at the mean splits cycles without hysteresis: " + neither.size());
        for (Cycle c : withHysteresis) {
            assertTrue(Math.abs(c.length() - RATE / f) <= 6, c.toString());
        }
    }

    @Test
    void normalisationAndBackMapping() {
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.0 * i;
        }
        Cycle c = new Cycle(100, 200);
        double[] y = CycleSegmentation.normalise(x, c, 101);
        assertEquals(101, y.length);
        for (int k = 0; k <= 100; k++) {
            assertEquals(2.0 * (100 + k), y[k], 1e-12);
        }
        double[] z = CycleSegmentation.normalise(x, new Cycle(10, 73), 51);
        assertEquals(20.0, z[0], 1e-12);
        assertEquals(146.0, z[50], 1e-12);
        assertEquals(83.0, z[25], 1e-12); // a linear ramp stays linear: the middle at sample 41.5
        double[] back = CycleSegmentation.backMap(z, new Cycle(10, 73));
        assertEquals(63, back.length);
        for (int j = 0; j < back.length; j++) {
            assertEquals(x[10 + j], back[j], 1e-9);
        }
        double[][] rows = CycleSegmentation.normalise(new double[][] {x, x}, c, 11);
        assertEquals(2, rows.length);
        assertEquals(380.0, rows[1][9], 1e-12);
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> new Cycle(5, 5));
        assertThrows(IllegalArgumentException.class, () -> CycleSegmentation.normalise(new double[10], new Cycle(0, 10), 5));
        assertThrows(IllegalArgumentException.class, () -> CycleSegmentation.normalise(new double[10], new Cycle(0, 5), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CycleSegmentation.cycles(new double[] {1, Double.NaN, 2}, RATE, 0, 0));
        assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CycleSegmentation.cycles(new double[3], 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CycleSegmentation.cycles(new double[3], RATE, 0, 1));
        assertEquals(0, CycleSegmentation.cycles(new double[50], RATE, 0, 0).size());
    }
}
