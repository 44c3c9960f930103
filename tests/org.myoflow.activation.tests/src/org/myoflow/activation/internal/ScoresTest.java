package org.myoflow.activation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The benchmark's scores. */
public class ScoresTest {

    static double[][] trial(double phase, double scale, double offset) {
        double[] t = new double[200];
        for (int i = 0; i < t.length; i++) {
            t[i] = scale * Math.sin(0.1 * i + phase) + offset;
        }
        return new double[][] {t};
    }

    @Test
    void anAffineEstimateScoresOneAndANoisyOneItsKnownR2() {
        List<double[][]> truth = List.of(trial(0, 1, 0), trial(1, 1, 0), trial(2, 1, 0));
        List<double[][]> affine = List.of(trial(0, 3, 5), trial(1, 3, 5), trial(2, 3, 5));
        assertEquals(1, Scores.calibratedR2(affine, truth, 0, 2), 1e-12);
        assertEquals(1, Scores.correlation(affine, truth, 0, 2), 1e-12);
        // estimate e = t + n with var n = var t and cov(t, n) = 0: the least-squares slope of t on e is 1/2, the
        // prediction (t + n)/2, the residual (t - n)/2, so R² = 1 - (1/4 + 1/4) = 1/2 and the correlation √(1/2)
        double[] t = new double[2000];
        double[] e = new double[2000];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.sin(2 * Math.PI * i / 100.0);
            e[i] = t[i] + Math.cos(2 * Math.PI * i / 100.0);
        }
        List<double[][]> tt = List.of(new double[][] {t}, new double[][] {t});
        List<double[][]> ee = List.of(new double[][] {e}, new double[][] {e});
        assertEquals(0.5, Scores.calibratedR2(ee, tt, 0, 1), 1e-9);
        assertEquals(Math.sqrt(0.5), Scores.correlation(ee, tt, 0, 1), 1e-9);
    }
}
