package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.refine.internal.RefineScores.MuscleScore;

class RefineScoresTest {

    private static final double RATE = 100;

    private static double[] sine(int n, int shift, double f) {
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = 0.3 + 0.2 * Math.sin(2 * Math.PI * f * (t - shift) / RATE);
        }
        return x;
    }

    @Test
    void identicalArraysScorePerfectly() {
        double[][] a = {sine(500, 0, 0.5), sine(500, 7, 1.3)};
        List<MuscleScore> s = RefineScores.score(List.of("A", "B"), List.of(a, a), List.of(a, a), RATE, 20);
        for (MuscleScore m : s) {
            assertEquals(1, m.correlation(), 1e-12);
            assertEquals(0, m.rmse(), 1e-15);
            assertEquals(0, m.lagSamples());
            assertEquals(0, m.lagSeconds());
        }
        assertEquals("B", s.get(1).muscle());
        assertEquals(1, RefineScores.meanCorrelation(s), 1e-12);
    }

    @Test
    void aShiftedSinusoidGivesItsShift() {
        double[][] ref = {sine(600, 0, 0.6), sine(600, 0, 0.9)};
        double[][] late = {sine(600, 6, 0.6), sine(600, -4, 0.9)};
        List<MuscleScore> s = RefineScores.score(List.of("A", "B"), List.<double[][]>of(ref), List.<double[][]>of(late), RATE, 15);
        assertEquals(6, s.get(0).lagSamples());
        assertEquals(0.06, s.get(0).lagSeconds(), 1e-12);
        assertEquals(-4, s.get(1).lagSamples());
        // hand-computed: r = cos(2π f·shift/rate) over whole cycles; RMSE = 0.2·√2·|sin(π f·shift/rate)|
        double phase = 2 * Math.PI * 0.6 * 6 / RATE;
        assertEquals(Math.cos(phase), s.get(0).correlation(), 2e-3);
        assertEquals(0.2 * Math.sqrt(2) * Math.sin(phase / 2), s.get(0).rmse(), 1e-3);
        assertEquals(0.01, RefineScores.meanLagSeconds(s), 1e-12);
    }

    @Test
    void rmseOfAConstantOffset() {
        double[][] ref = {sine(200, 0, 1)};
        double[][] off = {sine(200, 0, 1)};
        for (int t = 0; t < 200; t++) {
            off[0][t] += 0.1;
        }
        MuscleScore m = RefineScores.score(List.of("A"), List.<double[][]>of(ref), List.<double[][]>of(off), RATE, 5).get(0);
        assertEquals(0.1, m.rmse(), 1e-12);
        assertEquals(1, m.correlation(), 1e-12);
        assertEquals(0, m.lagSamples());
    }

    @Test
    void refusals() {
        double[][] a = {sine(100, 0, 1)};
        double[][] b = {sine(99, 0, 1)};
        assertThrows(IllegalArgumentException.class, () -> RefineScores.score(List.of("A"), List.of(), List.of(), RATE, 5));
        assertThrows(IllegalArgumentException.class, () -> RefineScores.score(List.of("A"), List.<double[][]>of(a), List.of(a, a), RATE, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RefineScores.score(List.of("A"), List.<double[][]>of(a), List.<double[][]>of(b), RATE, 5));
        assertTrue(e.getMessage().contains("100") && e.getMessage().contains("99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RefineScores.score(List.of("A", "B"), List.<double[][]>of(a), List.<double[][]>of(a), RATE, 5));
        assertThrows(IllegalArgumentException.class, () -> RefineScores.score(List.of("A"), List.<double[][]>of(a), List.<double[][]>of(a), RATE, -1));
        double[][] nan = {sine(100, 0, 1)};
        nan[0][17] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class,
                () -> RefineScores.score(List.of("A"), List.<double[][]>of(a), List.<double[][]>of(nan), RATE, 5));
        assertTrue(e.getMessage().contains("sample 17"), e.getMessage());
    }
}
