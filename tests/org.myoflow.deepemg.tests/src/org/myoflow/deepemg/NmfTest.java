package org.myoflow.deepemg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NMF recovers known synergies; PCA of known rank. */
public class NmfTest {

    /** 8 channels × 3 synergies, with zeros so that the factorisation is unique up to permutation and scale. */
    static final double[][] W0 = {
        {1.0, 0.0, 0.1},
        {0.8, 0.2, 0.0},
        {0.0, 1.0, 0.0},
        {0.1, 0.7, 0.3},
        {0.0, 0.0, 1.0},
        {0.3, 0.0, 0.8},
        {0.5, 0.5, 0.0},
        {0.0, 0.3, 0.6},
    };

    /** 3 smooth non-negative activations over 500 samples: overlapping Gaussian bursts. */
    static double[][] h0(int n) {
        double[][] h = new double[3][n];
        double[][] bursts = {{0.15, 0.55}, {0.35, 0.8}, {0.6, 0.05}};
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < n; t++) {
                double x = t / (double) n;
                for (double c : bursts[i]) {
                    h[i][t] += Math.exp(-0.5 * Math.pow((x - c) / 0.06, 2));
                }
            }
        }
        return h;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double[] column(double[][] m, int c) {
        double[] x = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            x[i] = m[i][c];
        }
        return x;
    }

    @Test
    void recoversKnownSynergies() {
        double[][] v = Matrices.multiply(W0, h0(500));
        Nmf.Result r = new Nmf(3).factorise(v);
        // measured (JDK 25): VAF 0.99999993 after the 10 000-iteration limit, cosines 0.99992, 0.9999999999,
        // 0.998 (the multiplicative updates converge slowly on the last digits); about 1.4 s for 5 replicates
        assertTrue(r.vaf() > 0.999, "VAF " + r.vaf());
        double[][] w = r.weights();
        boolean[] used = new boolean[3];
        for (int s = 0; s < 3; s++) {
            int best = -1;
            double bestCos = -1;
            for (int c = 0; c < 3; c++) {
                double cos = cosine(column(W0, s), column(w, c));
                if (!used[c] && cos > bestCos) {
                    bestCos = cos;
                    best = c;
                }
            }
            used[best] = true;
            assertTrue(bestCos > 0.99, "synergy " + s + ": cosine " + bestCos);
        }
        for (int c = 0; c < 3; c++) {
            double max = 0;
            for (double[] row : w) {
                max = Math.max(max, row[c]);
                assertTrue(row[c] >= 0);
            }
            assertEquals(1, max, 1e-12, "unit maximum");
        }
        System.out.printf("NMF: VAF %.9f after %d iterations (replicate %d)%n", r.vaf(), r.iterations(),
                r.replicate());
    }

    @Test
    void sameSeedSameResult() {
        double[][] v = Matrices.multiply(W0, h0(200));
        Nmf nmf = new Nmf(2, 3, 500, 1e-6, 42);
        Nmf.Result a = nmf.factorise(v);
        Nmf.Result b = new Nmf(2, 3, 500, 1e-6, 42).factorise(v);
        assertEquals(a.vaf(), b.vaf(), 0);
        for (int i = 0; i < v.length; i++) {
            assertArrayEquals(a.weights()[i], b.weights()[i], 0);
        }
        assertArrayEquals(a.activations()[0], b.activations()[0], 0);
        assertTrue(a.vaf() > 0.8 && a.vaf() < 1, "two synergies cannot explain three: " + a.vaf());
    }

    @Test
    void refusesBadInput() {
        double[][] v = {{1, 2, 3}, {0, 1, 2}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Nmf(3).factorise(v)).getMessage()
                .contains("out of range"));
        assertThrows(IllegalArgumentException.class, () -> new Nmf(0));
        assertThrows(IllegalArgumentException.class, () -> new Nmf(1, 0, 10, 1e-6, 1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Nmf(1).factorise(new double[][] {{1, -0.5}})).getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Nmf(1).factorise(new double[][] {{1, Double.NaN}})).getMessage().contains("not finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Nmf(1).factorise(new double[][] {{1, 2}, {3}})).getMessage().contains("ragged"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Nmf(1).factorise(new double[][] {{0, 0}})).getMessage().contains("all zero"));
    }

    @Test
    void pcaOfKnownRank() {
        double[][] x = Matrices.multiply(W0, h0(300));
        Pca.Result raw = Pca.of(x, 3, false);
        assertEquals(1, raw.vaf(), 1e-12);
        Pca.Result two = Pca.of(x, 2, false);
        assertTrue(two.vaf() < 0.999, "rank 3 data, 2 components: " + two.vaf());
        // centred: rank of X − mean is at most 3 as well
        Pca.Result centred = Pca.of(x, 3, true);
        assertEquals(1, centred.vaf(), 1e-12);
        double[][] rec = centred.reconstruction();
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], rec[i], 1e-12);
        }
        double[][] l = centred.loadings();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(a == b ? 1 : 0, NmfTest.dot(column(l, a), column(l, b)), 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Pca.of(x, 9, true));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** With the synergy vectors fixed and of full column rank, the activations of V = W·H (H ≥ 0) are H. */
    @Test
    void activationsForFixedWeightsRecoverH() {
        double[][] w = {{1, 0.1}, {0.5, 0.7}, {0, 1}, {0.3, 0.2}, {0.8, 0}};
        int n = 60;
        double[][] h = new double[2][n];
        for (int t = 0; t < n; t++) {
            h[0][t] = Math.max(0, Math.sin(0.2 * t));
            h[1][t] = 0.5 + 0.4 * Math.cos(0.13 * t);
        }
        double[][] v = new double[5][n];
        for (int c = 0; c < 5; c++) {
            for (int t = 0; t < n; t++) {
                v[c][t] = w[c][0] * h[0][t] + w[c][1] * h[1][t];
            }
        }
        double[][] got = Nmf.activationsFor(w, v);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(h[k], got[k], 1e-9, "synergy " + k);
        }
        // a sample outside the cone: the non-negative least-squares solution, never negative
        double[][] off = {{0}, {0}, {1}, {0}, {0}};
        double[][] one = Nmf.activationsFor(new double[][] {{1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 1}}, off);
        assertEquals(0, one[0][0], 0);
        assertEquals(0, one[1][0], 0);
        assertThrows(IllegalArgumentException.class,
                () -> Nmf.activationsFor(w, new double[][] {{1}, {1}}));
    }
}
