package org.myoflow.musculoskeletal.opensim;

/**
 * Minimises {@code ½·aᵀHa - gᵀa} over {@code lo ≤ a_i ≤ hi} for a symmetric positive definite H by a primal
 * active-set method: variables are held at a bound or free; the free ones solve the equality-constrained problem
 * (Cholesky); a step that leaves the box stops at the first bound it meets, and a held variable whose multiplier
 * has the wrong sign is freed. Finite for a positive definite H; deterministic.
 */
final class BoxQp {

    private BoxQp() {
    }

    static double[] solve(double[][] h, double[] g, double lo, double hi) {
        int n = g.length;
        double scale = 1;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(g[i]));
            scale = Math.max(scale, Math.abs(h[i][i]));
        }
        double[] los = new double[n];
        double[] his = new double[n];
        java.util.Arrays.fill(los, lo);
        java.util.Arrays.fill(his, hi);
        return solve(h, g, los, his, 1e-12 * scale);
    }

    /**
     * The same over {@code lo_i ≤ a_i ≤ hi_i} (lo_i &lt; hi_i), freeing a held variable when its multiplier has the
     * wrong sign by more than tol.
     */
    static double[] solve(double[][] h, double[] g, double[] lo, double[] hi, double tol) {
        int n = g.length;
        double[] a = new double[n];
        int[] state = new int[n]; // -1 at lo, +1 at hi, 0 free
        for (int i = 0; i < n; i++) {
            a[i] = lo[i];
            state[i] = -1;
        }
        int[] free = new int[n];
        for (int iter = 0; iter < 20 * n + 100; iter++) {
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if (state[i] == 0) {
                    free[nf++] = i;
                }
            }
            double[] y = new double[nf];
            if (nf > 0) {
                double[][] l = new double[nf][nf];
                for (int p = 0; p < nf; p++) {
                    int i = free[p];
                    double r = g[i];
                    for (int j = 0; j < n; j++) {
                        if (state[j] != 0) {
                            r -= h[i][j] * a[j];
                        }
                    }
                    y[p] = r;
                    for (int q = 0; q <= p; q++) {
                        l[p][q] = h[i][free[q]];
                    }
                }
                cholesky(l, nf);
                solveInPlace(l, y, nf);
            }
            double t = 1;
            int block = -1;
            for (int p = 0; p < nf; p++) {
                int i = free[p];
                double d = y[p] - a[i];
                if (y[p] < lo[i] && d < 0) {
                    double s = (lo[i] - a[i]) / d;
                    if (s < t) {
                        t = s;
                        block = p;
                    }
                } else if (y[p] > hi[i] && d > 0) {
                    double s = (hi[i] - a[i]) / d;
                    if (s < t) {
                        t = s;
                        block = p;
                    }
                }
            }
            for (int p = 0; p < nf; p++) {
                a[free[p]] += t * (y[p] - a[free[p]]);
            }
            if (block >= 0) {
                int i = free[block];
                boolean low = y[block] < lo[i];
                a[i] = low ? lo[i] : hi[i];
                state[i] = low ? -1 : 1;
                continue;
            }
            // optimal on this working set: free the held variable whose multiplier is most negative
            int worst = -1;
            double worstValue = tol;
            for (int i = 0; i < n; i++) {
                if (state[i] == 0) {
                    continue;
                }
                double grad = -g[i];
                for (int j = 0; j < n; j++) {
                    grad += h[i][j] * a[j];
                }
                // at lo the gradient must be >= 0, at hi <= 0
                double violation = state[i] < 0 ? -grad : grad;
                if (violation > worstValue) {
                    worstValue = violation;
                    worst = i;
                }
            }
            if (worst < 0) {
                return a;
            }
            state[worst] = 0;
        }
        throw new IllegalStateException("box-constrained QP did not converge in " + (20 * n + 100)
                + " active-set iterations");
    }

    /** In-place lower Cholesky factor of the lower triangle of l. */
    private static void cholesky(double[][] l, int n) {
        for (int j = 0; j < n; j++) {
            double d = l[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new IllegalStateException("matrix not positive definite");
            }
            d = Math.sqrt(d);
            l[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = l[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / d;
            }
        }
    }

    private static void solveInPlace(double[][] l, double[] b, int n) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * b[k];
            }
            b[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * b[k];
            }
            b[i] = s / l[i][i];
        }
    }
}
