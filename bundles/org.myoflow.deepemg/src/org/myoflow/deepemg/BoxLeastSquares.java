package org.myoflow.deepemg;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Minimises the convex quadratic {@code ½·xᵀQx − bᵀx} subject to {@code l ≤ x ≤ u} (Q symmetric positive
 * semi-definite, here the normal matrix {@code AᵀA + λI} of a bounded linear least-squares problem) by a primal
 * active-set method: the Lawson &amp; Hanson (1974, Solving Least Squares Problems, ch. 23) NNLS algorithm with
 * lower and upper bounds. Each subproblem over the free variables is solved by commons-math3's
 * {@link SingularValueDecomposition} (the minimum-norm solution when Q is singular). Meant for the few unknowns of
 * synergy extrapolation (k weights per missing muscle); it terminates after finitely many steps for a positive
 * definite Q and is capped at {@code 20·(n + 5)} steps otherwise.
 */
final class BoxLeastSquares {

    private BoxLeastSquares() {
    }

    private static final int FREE = 0;
    private static final int AT_LOWER = 1;
    private static final int AT_UPPER = 2;

    /** The minimiser; requires {@code l[i] < u[i]} and {@code l[i] ≤ 0 ≤ u[i]} (the start is 0). */
    static double[] solve(double[][] q, double[] b, double[] lower, double[] upper) {
        int n = b.length;
        double[] x = new double[n];
        int[] state = new int[n];
        double bScale = 0;
        for (int i = 0; i < n; i++) {
            state[i] = lower[i] == 0 ? AT_LOWER : upper[i] == 0 ? AT_UPPER : FREE;
            bScale = Math.max(bScale, Math.abs(b[i]));
        }
        double gradTol = 1e-12 * Math.max(bScale, Double.MIN_NORMAL);
        for (int step = 0; step < 20 * (n + 5); step++) {
            double[] z = subproblem(q, b, x, state);
            boolean feasible = true;
            double alpha = 1;
            int blocking = -1;
            for (int i = 0; i < n; i++) {
                if (state[i] != FREE) {
                    continue;
                }
                if (z[i] < lower[i]) {
                    feasible = false;
                    double reach = (lower[i] - x[i]) / (z[i] - x[i]);
                    if (reach < alpha || blocking < 0) {
                        alpha = Math.min(alpha, reach);
                        blocking = i;
                    }
                } else if (z[i] > upper[i]) {
                    feasible = false;
                    double reach = (upper[i] - x[i]) / (z[i] - x[i]);
                    if (reach < alpha || blocking < 0) {
                        alpha = Math.min(alpha, reach);
                        blocking = i;
                    }
                }
            }
            if (feasible) {
                System.arraycopy(z, 0, x, 0, n);
                // release the bound variable whose gradient most wants it back inside
                int release = -1;
                double worst = gradTol;
                for (int i = 0; i < n; i++) {
                    if (state[i] == FREE) {
                        continue;
                    }
                    double g = gradient(q, b, x, i);
                    double pull = state[i] == AT_LOWER ? -g : g;
                    if (pull > worst) {
                        worst = pull;
                        release = i;
                    }
                }
                if (release < 0) {
                    return x;
                }
                state[release] = FREE;
            } else {
                alpha = Math.max(0, alpha);
                for (int i = 0; i < n; i++) {
                    if (state[i] == FREE) {
                        x[i] += alpha * (z[i] - x[i]);
                        double span = upper[i] - lower[i];
                        if (i == blocking) {
                            boolean low = z[i] < lower[i];
                            x[i] = low ? lower[i] : upper[i];
                            state[i] = low ? AT_LOWER : AT_UPPER;
                        } else if (x[i] <= lower[i] + 1e-14 * span) {
                            x[i] = lower[i];
                            state[i] = AT_LOWER;
                        } else if (x[i] >= upper[i] - 1e-14 * span) {
                            x[i] = upper[i];
                            state[i] = AT_UPPER;
                        }
                    }
                }
            }
        }
        return x;
    }

    /** Minimiser over the free variables with the others held at their bounds. */
    private static double[] subproblem(double[][] q, double[] b, double[] x, int[] state) {
        int n = b.length;
        int[] free = new int[n];
        int nf = 0;
        for (int i = 0; i < n; i++) {
            if (state[i] == FREE) {
                free[nf++] = i;
            }
        }
        double[] z = x.clone();
        if (nf == 0) {
            return z;
        }
        RealMatrix qf = MatrixUtils.createRealMatrix(nf, nf);
        RealVector rhs = MatrixUtils.createRealVector(new double[nf]);
        for (int a = 0; a < nf; a++) {
            int i = free[a];
            double r = b[i];
            for (int j = 0; j < n; j++) {
                if (state[j] != FREE) {
                    r -= q[i][j] * x[j];
                }
            }
            rhs.setEntry(a, r);
            for (int c = 0; c < nf; c++) {
                qf.setEntry(a, c, q[i][free[c]]);
            }
        }
        RealVector sol = new SingularValueDecomposition(qf).getSolver().solve(rhs);
        for (int a = 0; a < nf; a++) {
            z[free[a]] = sol.getEntry(a);
        }
        return z;
    }

    private static double gradient(double[][] q, double[] b, double[] x, int i) {
        double g = -b[i];
        for (int j = 0; j < x.length; j++) {
            g += q[i][j] * x[j];
        }
        return g;
    }
}
