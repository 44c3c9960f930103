package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Chopping into overlapping windows and merging back. */
public class WindowsTest {

    private static double[][] signal(int channels, int n) {
        double[][] x = new double[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = Math.sin(0.05 * i * (c + 1)) + 0.01 * i + c;
            }
        }
        return x;
    }

    @Test
    void plansWindowsWithTheLastAlignedToTheEnd() {
        Windows w = Windows.plan(1000, 100, 25);
        assertEquals(100, w.windowLength());
        assertEquals(13, w.count()); // starts 0, 75, ..., 900: the last one ends exactly at the end
        for (int i = 0; i < w.count() - 1; i++) {
            assertEquals(75 * i, w.start(i));
        }
        assertEquals(900, w.start(w.count() - 1));
        Windows exact = Windows.plan(325, 100, 25);
        assertEquals(4, exact.count());
        assertEquals(225, exact.start(3));
        assertEquals(1, Windows.plan(100, 100, 10).count());
    }

    @Test
    void refusesImpossiblePlans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Windows.plan(99, 100, 10));
        assertTrue(e.getMessage().contains("99 samples") && e.getMessage().contains("100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.plan(1000, 100, 100));
        assertTrue(e.getMessage().contains("overlap 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Windows.plan(1000, 100, -1));
    }

    @Test
    void weightsSumToOneAtEverySample() {
        for (int[] p : new int[][] { { 1000, 100, 25 }, { 1000, 100, 80 }, { 1013, 100, 50 }, { 150, 100, 10 },
                { 100, 100, 0 }, { 37, 10, 9 } }) {
            Windows w = Windows.plan(p[0], p[1], p[2]);
            double[][][] ones = new double[w.count()][1][p[1]];
            for (double[][] win : ones) {
                java.util.Arrays.fill(win[0], 1);
            }
            double[] sum = new double[p[0]];
            int[] covering = new int[p[0]];
            for (int i = 0; i < w.count(); i++) {
                for (int k = 0; k < p[1]; k++) {
                    sum[w.start(i) + k] += w.weight(i, k);
                    covering[w.start(i) + k]++;
                }
            }
            for (int t = 0; t < p[0]; t++) {
                assertTrue(sum[t] > 0, "sample " + t);
                if (covering[t] <= 2) {
                    // where at most two windows overlap the linear ramps add to 1 before normalisation
                    assertEquals(1, sum[t], 1e-12, java.util.Arrays.toString(p) + " sample " + t);
                }
            }
            for (double v : w.merge(ones, 1)[0]) {
                assertEquals(1, v, 1e-12);
            }
        }
    }

    @Test
    void chopThenMergeOfTheIdentityGivesTheSignalBack() {
        double[][] x = signal(3, 1013);
        Windows w = Windows.plan(1013, 100, 25);
        double[][][] chopped = w.chop(x);
        assertEquals(w.count(), chopped.length);
        assertEquals(3, chopped[0].length);
        double[][] y = w.merge(chopped, 3);
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < 1013; t++) {
                assertEquals(x[c][t], y[c][t], 1e-12);
            }
        }
    }

    /**
     * A causal FIR of T taps run per window equals the FIR over the whole recording everywhere except the first T−1
     * samples of every window after the first (where the window's own estimate lacks its history and the window has
     * weight): there the difference is the window's start-up startUp. Elsewhere they agree within 1e-12.
     */
    @Test
    void firPerWindowMergedEqualsOneLongWindowOutsideTheStartUpOfEachWindow() {
        double[] taps = { 0.1, 0.2, 0.4, 0.2, 0.1 };
        double[][] x = signal(2, 1500);
        Windows w = Windows.plan(1500, 200, 50);
        double[][][] est = w.chop(x);
        for (double[][] win : est) {
            for (int c = 0; c < win.length; c++) {
                win[c] = fir(taps, win[c]);
            }
        }
        double[][] merged = w.merge(est, 2);
        boolean[] startUp = new boolean[1500];
        for (int i = 1; i < w.count(); i++) {
            for (int k = 0; k < taps.length - 1; k++) {
                startUp[w.start(i) + k] = true;
            }
        }
        int compared = 0;
        for (int c = 0; c < 2; c++) {
            double[] whole = fir(taps, x[c]);
            for (int t = 0; t < 1500; t++) {
                if (!startUp[t]) {
                    assertEquals(whole[t], merged[c][t], 1e-12, "channel " + c + " sample " + t);
                    compared++;
                }
            }
        }
        assertTrue(compared > 2 * 1400);
    }

    @Test
    void mergeRefusesEstimatesThatDoNotFitThePlan() {
        Windows w = Windows.plan(300, 100, 20);
        double[][][] est = w.chop(signal(2, 300));
        assertThrows(IllegalArgumentException.class, () -> w.merge(est, 3));
        assertThrows(IllegalArgumentException.class, () -> w.merge(java.util.Arrays.copyOf(est, 2), 2));
        assertThrows(IllegalArgumentException.class, () -> w.chop(signal(1, 299)));
    }

    private static double[] fir(double[] taps, double[] x) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            for (int k = 0; k < taps.length && k <= n; k++) {
                y[n] += taps[k] * x[n - k];
            }
        }
        return y;
    }
}
