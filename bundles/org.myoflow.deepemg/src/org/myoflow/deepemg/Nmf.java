package org.myoflow.deepemg;

import java.util.SplittableRandom;

/**
 * Non-negative matrix factorisation {@code V ≈ W·H} of a non-negative matrix V [channels × samples] into k
 * synergy vectors W [channels × k] and their time-varying activations H [k × samples], by the multiplicative
 * updates of Lee &amp; Seung (2001, Adv Neural Inf Process Syst 13:556) for the Frobenius loss
 * {@code ||V − WH||²}:
 *
 * <pre>
 *   H ← H ⊙ (WᵀV) ⊘ (WᵀW·H + ε)      W ← W ⊙ (V·Hᵀ) ⊘ (W·H·Hᵀ + ε)
 * </pre>
 *
 * <p>Several replicates start from seeded uniform random W and H (scaled by √(mean V / k), as scikit-learn's
 * random initialisation) and the one with the highest VAF is kept, as in muscle-synergy practice (Tresch et al.
 * 2006, J Neurophysiol 95:2199; Ao et al. 2020, Front Comput Neurosci 14:588943). A replicate stops when the
 * relative decrease of {@code ||V − WH||²} over {@value #CHECK_EVERY} iterations falls below the tolerance, when
 * the fit is exact to rounding, or at the iteration limit.
 *
 * <p>Each synergy vector (column of W) is scaled to <b>unit maximum</b> (its largest weight is 1) and its row of H
 * is multiplied by the same factor, so W·H is unchanged and H is in the units of V.
 *
 * <p>Written here by hand: no maintained Java library on Maven Central offers an NMF that fits (commons-math3 and
 * ojAlgo have none; Smile's, the nearest, is GPL-licensed since 2.0 and far larger than this class).
 *
 * @since 0.1
 */
public final class Nmf {

    /** Default number of random replicates. */
    public static final int DEFAULT_REPLICATES = 5;
    /** Default iteration limit per replicate. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;
    /** Default relative-change tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;

    /** The error is checked every this many iterations. */
    static final int CHECK_EVERY = 10;
    /** Guards the multiplicative updates against division by zero. */
    private static final double EPS = 1e-300;

    private final int synergies;
    private final int replicates;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;

    /** k synergies with the default replicates, iteration limit, tolerance and seed. */
    public Nmf(int synergies) {
        this(synergies, DEFAULT_REPLICATES, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, DEFAULT_SEED);
    }

    /**
     * @param synergies k ≥ 1 (and at most min(channels, samples), checked when factorising)
     * @param replicates number of random starts ≥ 1
     * @param maxIterations iteration limit per replicate ≥ 1
     * @param tolerance relative decrease of the squared error over {@value #CHECK_EVERY} iterations below which a
     *            replicate stops, in [0, 1)
     * @param seed seed of the random starts (same seed, same result)
     */
    public Nmf(int synergies, int replicates, int maxIterations, double tolerance, long seed) {
        if (synergies < 1) {
            throw new IllegalArgumentException("NMF: number of synergies must be >= 1, got " + synergies);
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("NMF: replicates must be >= 1, got " + replicates);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("NMF: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("NMF: tolerance must be in [0, 1), got " + tolerance);
        }
        this.synergies = synergies;
        this.replicates = replicates;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    /** k. */
    public int synergies() {
        return synergies;
    }

    /**
     * A factorisation.
     *
     * @param weights W [channels × k], each column with maximum 1 (or all 0)
     * @param activations H [k × samples]
     * @param vaf variance accounted for, {@code 1 − ||V − WH||² / ||V||²}
     * @param iterations iterations run by the kept replicate
     * @param replicate index of the kept replicate (0-based)
     */
    public record Result(double[][] weights, double[][] activations, double vaf, int iterations, int replicate) {

        /** Defensive copies. */
        public Result {
            weights = Matrices.copy(weights);
            activations = Matrices.copy(activations);
        }

        @Override
        public double[][] weights() {
            return Matrices.copy(weights);
        }

        @Override
        public double[][] activations() {
            return Matrices.copy(activations);
        }

        /** k. */
        public int synergies() {
            return activations.length;
        }

        /** W·H [channels × samples]. */
        public double[][] reconstruction() {
            return Matrices.multiply(weights, activations);
        }
    }

    /**
     * The synergy activations of new envelopes with the synergy vectors held fixed: per sample the non-negative
     * least-squares solution {@code h(t) = argmin_{h ≥ 0} |W·h − v(t)|²} (the step NMF would take on H alone, solved
     * exactly by an active-set method; h is boxed at 10·max V / max W_·a). Applies a factorisation learnt on training trials to a test trial.
     *
     * @param weights W [channels × k] (e.g. {@link Result#weights()})
     * @param v       V [channels × samples], non-negative
     * @return H [k × samples]
     * @throws IllegalArgumentException for ragged or mismatched matrices or non-finite values
     * @since 0.3
     */
    public static double[][] activationsFor(double[][] weights, double[][] v) {
        int m = Matrices.checkRectangular(weights, "NMF: W");
        int k = weights[0].length;
        if (Matrices.checkRectangular(v, "NMF: V") != m) {
            throw new IllegalArgumentException("NMF: V has " + v.length + " channels, W " + m);
        }
        int n = v[0].length;
        double[][] q = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int c = 0; c < m; c++) {
                    q[a][b] += weights[c][a] * weights[c][b];
                }
            }
        }
        double maxV = 0;
        for (double[] row : v) {
            for (double x : row) {
                maxV = Math.max(maxV, Math.abs(x));
            }
        }
        double[] lower = new double[k];
        double[] upper = new double[k];
        for (int a = 0; a < k; a++) {
            double maxW = 0;
            for (int c = 0; c < m; c++) {
                maxW = Math.max(maxW, weights[c][a]);
            }
            // a finite box (the solver's tolerances are relative to its width): with W ≥ 0, h_a·max_c W_ca above
            // 10·max V would overshoot every channel
            upper[a] = maxW > 0 ? 10 * Math.max(maxV, 1e-12) / maxW : 1e-12;
        }
        double[][] h = new double[k][n];
        double[] b = new double[k];
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int c = 0; c < m; c++) {
                    double x = v[c][t];
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("NMF: V[" + c + "][" + t + "] is " + x);
                    }
                    s += weights[c][a] * x;
                }
                b[a] = s;
            }
            double[] x = BoxLeastSquares.solve(q, b, lower, upper);
            for (int a = 0; a < k; a++) {
                h[a][t] = x[a];
            }
        }
        return h;
    }

    /**
     * Factorises V [channels × samples].
     *
     * @throws IllegalArgumentException for a ragged, empty, negative or non-finite V, an all-zero V, or k larger
     *             than min(channels, samples)
     */
    public Result factorise(double[][] v) {
        int m = Matrices.checkRectangular(v, "NMF: V");
        int n = v[0].length;
        double sumSq = 0;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double x = v[i][j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("NMF: V[" + i + "][" + j + "] is not finite (" + x + ")");
                }
                if (x < 0) {
                    throw new IllegalArgumentException("NMF: V[" + i + "][" + j + "] is negative (" + x
                            + "); NMF needs a non-negative matrix (rectified envelopes)");
                }
                sum += x;
                sumSq += x * x;
            }
        }
        if (sumSq == 0) {
            throw new IllegalArgumentException("NMF: V is all zero");
        }
        if (synergies > Math.min(m, n)) {
            throw new IllegalArgumentException("NMF: " + synergies + " synergies out of range for a " + m + " × " + n
                    + " matrix (at most " + Math.min(m, n) + ")");
        }
        double scale = Math.sqrt(sum / (m * (double) n) / synergies);
        SplittableRandom root = new SplittableRandom(seed);
        Result best = null;
        for (int r = 0; r < replicates; r++) {
            SplittableRandom rnd = root.split();
            Result res = replicate(v, m, n, sumSq, scale, rnd, r);
            if (best == null || res.vaf() > best.vaf()) {
                best = res;
            }
        }
        return best;
    }

    private Result replicate(double[][] v, int m, int n, double sumSq, double scale, SplittableRandom rnd,
            int index) {
        int k = synergies;
        double[][] w = new double[m][k];
        double[][] h = new double[k][n];
        for (double[] row : w) {
            for (int i = 0; i < k; i++) {
                row[i] = scale * rnd.nextDouble();
            }
        }
        for (double[] row : h) {
            for (int j = 0; j < n; j++) {
                row[j] = scale * rnd.nextDouble();
            }
        }
        double previous = Matrices.squaredError(v, w, h);
        int it = 0;
        while (it < maxIterations) {
            updateH(v, w, h);
            updateW(v, w, h);
            it++;
            if (it % CHECK_EVERY == 0 || it == maxIterations) {
                double err = Matrices.squaredError(v, w, h);
                // exact to rounding, or no longer improving
                if (err <= 1e-28 * sumSq || previous - err <= tolerance * previous) {
                    previous = err;
                    break;
                }
                previous = err;
            }
        }
        normaliseToUnitMax(w, h);
        double vaf = 1 - Matrices.squaredError(v, w, h) / sumSq;
        return new Result(w, h, vaf, it, index);
    }

    /** H ← H ⊙ (WᵀV) ⊘ (WᵀW·H). */
    private static void updateH(double[][] v, double[][] w, double[][] h) {
        int m = w.length;
        int k = h.length;
        int n = h[0].length;
        double[][] wtw = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += w[i][a] * w[i][b];
                }
                wtw[a][b] = s;
            }
        }
        double[] num = new double[k];
        for (int j = 0; j < n; j++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += w[i][a] * v[i][j];
                }
                num[a] = s;
            }
            double[] col = new double[k];
            for (int a = 0; a < k; a++) {
                col[a] = h[a][j];
            }
            for (int a = 0; a < k; a++) {
                double den = 0;
                for (int b = 0; b < k; b++) {
                    den += wtw[a][b] * col[b];
                }
                h[a][j] = col[a] * num[a] / (den + EPS);
            }
        }
    }

    /** W ← W ⊙ (V·Hᵀ) ⊘ (W·H·Hᵀ). */
    private static void updateW(double[][] v, double[][] w, double[][] h) {
        int m = w.length;
        int k = h.length;
        int n = h[0].length;
        double[][] hht = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += h[a][j] * h[b][j];
                }
                hht[a][b] = s;
                hht[b][a] = s;
            }
        }
        double[] num = new double[k];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                double[] vi = v[i];
                double[] ha = h[a];
                for (int j = 0; j < n; j++) {
                    s += vi[j] * ha[j];
                }
                num[a] = s;
            }
            double[] row = w[i].clone();
            for (int a = 0; a < k; a++) {
                double den = 0;
                for (int b = 0; b < k; b++) {
                    den += row[b] * hht[b][a];
                }
                w[i][a] = row[a] * num[a] / (den + EPS);
            }
        }
    }

    /** Scales each column of W to maximum 1 and the matching row of H by the inverse factor. */
    private static void normaliseToUnitMax(double[][] w, double[][] h) {
        for (int a = 0; a < h.length; a++) {
            double max = 0;
            for (double[] row : w) {
                max = Math.max(max, row[a]);
            }
            if (max > 0) {
                for (double[] row : w) {
                    row[a] /= max;
                }
                for (int j = 0; j < h[a].length; j++) {
                    h[a][j] *= max;
                }
            }
        }
    }
}
