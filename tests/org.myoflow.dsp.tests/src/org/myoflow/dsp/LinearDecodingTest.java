package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Cross-validated lagged linear decoding: exact lagged mixes, pure noise, fold layout and determinism. */
public class LinearDecodingTest {

    /** Smooth-ish random inputs: AR(1) processes with coefficient 0.9. */
    static double[][] inputs(int features, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[features][n];
        for (double[] f : x) {
            double v = 0;
            for (int t = 0; t < n; t++) {
                v = 0.9 * v + r.nextGaussian();
                f[t] = v;
            }
        }
        return x;
    }

    @Test
    void anExactLaggedMixIsDecodedPerfectly() {
        int n = 2000;
        int lag = 5;
        double[][] x = inputs(3, n, 1);
        double[] y = new double[n];
        // y(t) = 2 + Σ_f Σ_l w(f,l) x_f(t-l), lags up to 5; the first 5 bins have no full history (left out)
        for (int t = lag; t < n; t++) {
            y[t] = 2 + 1.5 * x[0][t] - 0.7 * x[0][t - 3] + 0.4 * x[1][t - 5] + 0.9 * x[2][t - 1] - 0.2 * x[2][t];
        }
        var r = LinearDecoding.crossValidate(x, y, lag, 5, 0);
        assertEquals(1, r.meanR2(), 1e-9);
        assertEquals(1, r.pooledR2(), 1e-9);
        assertEquals(1, r.meanTrainR2(), 1e-9);
        assertEquals(5, r.foldR2().length);
        assertEquals(n - lag, r.rows());
        assertEquals(3 * (lag + 1), r.columns());
        // a small ridge barely changes it (the inputs are standardised)
        assertEquals(1, LinearDecoding.crossValidate(x, y, lag, 5, 1e-4).meanR2(), 1e-3);
        // with lags 0..2 only, the lag-3 and lag-5 terms are missing: clearly worse, not perfect
        double partial = LinearDecoding.crossValidate(x, y, 2, 5, 0).meanR2();
        assertTrue(partial < 0.95 && partial > 0.3, "lags 0-2: " + partial);
    }

    @Test
    void pooledR2IsNotDominatedByAQuietBlock() {
        // the target is a slow level that changes in the middle folds and rests in the first and last one; the
        // feature is the target plus small noise: the pooled R² stays near 1 while a rest fold's own R² (about its
        // own, nearly constant mean) is poor
        int n = 1000;
        SplittableRandom r = new SplittableRandom(4);
        double[] y = new double[n];
        double[][] x = new double[1][n];
        for (int t = 0; t < n; t++) {
            y[t] = t < 200 ? 0 : t < 800 ? Math.sin(Math.PI * (t - 200) / 600.0) * 10 : 0;
            y[t] += 0.01 * r.nextGaussian();
            x[0][t] = y[t] + 0.3 * r.nextGaussian();
        }
        var res = LinearDecoding.crossValidate(x, y, 0, 5, 0);
        assertTrue(res.pooledR2() > 0.99, "pooled " + res.pooledR2());
        assertTrue(res.foldR2()[0] < 0, "the rest fold " + res.foldR2()[0]);
        assertTrue(res.meanR2() < res.pooledR2() - 0.2, res.meanR2() + " vs " + res.pooledR2());
    }

    @Test
    void noiseIsNotDecoded() {
        int n = 3000;
        double[][] x = inputs(2, n, 2);
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = r.nextGaussian();
        }
        var d = LinearDecoding.crossValidate(x, y, 10, 5, 1e-3);
        // 22 columns, 2400 training rows: expected held-out R² about -22/2400; the spread of a fold is ~0.03
        assertEquals(0, d.meanR2(), 0.03);
        assertTrue(d.meanR2() < 0.01, "noise R² " + d.meanR2());
        assertTrue(d.meanTrainR2() > 0 && d.meanTrainR2() < 0.03, "train R² " + d.meanTrainR2());
    }

    @Test
    void foldsAreContiguousBlocksAndResultsRepeat() {
        assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10}, LinearDecoding.foldStarts(10, 5));
        assertArrayEquals(new int[] {0, 3, 6, 10}, LinearDecoding.foldStarts(10, 3));
        double[][] x = inputs(2, 500, 4);
        double[] y = new double[500];
        for (int t = 1; t < 500; t++) {
            y[t] = x[0][t - 1] + Math.sin(0.1 * t);
        }
        var a = LinearDecoding.crossValidate(x, y, 4, 4, 1e-3);
        var b = LinearDecoding.crossValidate(x.clone(), y.clone(), 4, 4, 1e-3);
        assertArrayEquals(a.foldR2(), b.foldR2(), 0);
        assertEquals(a.meanR2(), b.meanR2(), 0);
        // the mean is the mean of the folds
        double s = 0;
        for (double v : a.foldR2()) {
            s += v / 4;
        }
        assertEquals(s, a.meanR2(), 1e-15);
        assertEquals(4, a.foldR2().length);
        assertTrue(a.meanR2() > 0.3, "lag-1 input plus an unexplained sine: " + a.meanR2());
    }

    @Test
    void r2OfThePerfectAndTheMeanPrediction() {
        double[] y = {1, 2, 3, 4};
        assertEquals(1, LinearDecoding.r2(y, y), 0);
        assertEquals(0, LinearDecoding.r2(y, new double[] {2.5, 2.5, 2.5, 2.5}), 0);
        assertEquals(-3, LinearDecoding.r2(new double[] {1, -1}, new double[] {-1, 1}), 1e-15);
    }

    @Test
    void refusesBadInput() {
        double[][] x = inputs(1, 100, 5);
        assertThrows(IllegalArgumentException.class, () -> LinearDecoding.crossValidate(x, new double[99], 1, 5, 0));
        double[] y = new double[100];
        y[7] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> LinearDecoding.crossValidate(x, y, 1, 5, 0));
        assertTrue(e.getMessage().contains("bin 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearDecoding.crossValidate(x, new double[100], 40, 5,
                0));
        assertThrows(IllegalArgumentException.class, () -> LinearDecoding.crossValidate(x, new double[100], 1, 1,
                0));
    }
}
