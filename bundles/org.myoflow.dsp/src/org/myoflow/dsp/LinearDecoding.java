package org.myoflow.dsp;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Cross-validated linear decoding of a measured quantity (a torque, a joint angle) from estimated signals (activation
 * estimates, rates) with a short history, as the AutoLFADS papers judge their estimates: the target at bin t is a
 * ridge regression on every feature at bins t, t−1, …, t−maxLag (lags 0 … maxLag) plus an intercept; R² on held-out
 * data, averaged over folds.
 *
 * <p>Folds: the rows t = maxLag … n−1 (those with a full history) are cut into {@code folds} contiguous blocks of
 * (almost) equal size, block k holding rows [⌊k·m/K⌋, ⌊(k+1)·m/K⌋) of the m rows; nothing is shuffled, so the result
 * is a pure function of the inputs. A block is scored by a decoder fitted on the other rows less the {@code maxLag}
 * rows either side of the block (a training row then shares no input sample with a test row). Each design column is
 * standardised with the training rows' mean and standard deviation (a constant column is left out), the target is
 * centred with the training mean, and the coefficients solve (ZᵀZ + λ·n·I) β = Zᵀ(y − ȳ) (n training rows;
 * Cholesky). R² of a block is 1 − Σ(y − ŷ)² / Σ(y − ȳ_block)², so a decoder no better than the block's own mean scores
 * 0 or below.
 *
 * @since 0.3
 */
public final class LinearDecoding {

    /**
     * The outcome of a cross-validation.
     *
     * @param meanR2      R² on the held-out blocks, averaged over the folds
     * @param foldR2      R² of each held-out block, in time order
     * @param meanTrainR2 R² of each fold's decoder on its own training rows, averaged (the gap to {@code meanR2}
     *                    measures over-fitting)
     * @param rows        rows with a full history (n − maxLag)
     * @param columns     design columns (features × (maxLag + 1)), intercept not counted
     * @param pooledR2    R² of all held-out predictions together about the whole target's mean (scikit-learn's
     *                    {@code r2_score} of {@code cross_val_predict}): unlike {@code meanR2}, a block in which the
     *                    target hardly varies (a rest) does not dominate it
     */
    public record Result(double meanR2, double[] foldR2, double meanTrainR2, int rows, int columns, double pooledR2) {
    }

    private LinearDecoding() {
    }

    /**
     * Cross-validates the decoder.
     *
     * @param features  [feature][bin], all of the target's length
     * @param target    [bin]
     * @param maxLag    largest lag in bins (≥ 0)
     * @param folds     number of contiguous blocks (≥ 2)
     * @param lambda    ridge weight on the standardised coefficients (≥ 0; a small value such as 1e-3 only steadies
     *                  the solve)
     * @throws IllegalArgumentException on lengths that differ, non-finite values or too few rows for the folds
     */
    public static Result crossValidate(double[][] features, double[] target, int maxLag, int folds, double lambda) {
        int n = target.length;
        if (features.length == 0) {
            throw new IllegalArgumentException("linear decoding needs at least one feature");
        }
        for (int f = 0; f < features.length; f++) {
            if (features[f].length != n) {
                throw new IllegalArgumentException("feature " + f + " has " + features[f].length
                        + " bins, the target " + n);
            }
            requireFinite(features[f], "feature " + f);
        }
        requireFinite(target, "target");
        if (maxLag < 0 || folds < 2 || !(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("maxLag must be >= 0 (got " + maxLag + "), folds >= 2 (got " + folds
                    + "), lambda finite and >= 0 (got " + lambda + ")");
        }
        int m = n - maxLag;
        int[] starts = foldStarts(m, folds);
        for (int k = 0; k < folds; k++) {
            if (starts[k + 1] - starts[k] < 2 || m - (starts[k + 1] - starts[k]) - 2 * maxLag < 2) {
                throw new IllegalArgumentException(n + " bins with lags up to " + maxLag + " are too few for "
                        + folds + " folds");
            }
        }
        double[][] design = design(features, maxLag);
        double[] y = Arrays.copyOfRange(target, maxLag, n);
        double[] r2 = new double[folds];
        double[] pooled = new double[m];
        double train = 0;
        for (int k = 0; k < folds; k++) {
            int lo = starts[k];
            int hi = starts[k + 1];
            boolean[] isTrain = new boolean[m];
            for (int t = 0; t < m; t++) {
                isTrain[t] = t < lo - maxLag || t >= hi + maxLag;
            }
            Fit fit = fit(design, y, isTrain, lambda);
            double[] yhat = fit.predict(design, lo, hi);
            System.arraycopy(yhat, 0, pooled, lo, hi - lo);
            r2[k] = r2(Arrays.copyOfRange(y, lo, hi), yhat);
            train += fit.trainR2();
        }
        return new Result(Arrays.stream(r2).average().orElse(Double.NaN), r2, train / folds, m,
                design.length == 0 ? 0 : design[0].length, r2(y, pooled));
    }

    /** First row of each of {@code folds} contiguous blocks of {@code rows} rows, and {@code rows} last. */
    public static int[] foldStarts(int rows, int folds) {
        int[] s = new int[folds + 1];
        for (int k = 0; k <= folds; k++) {
            s[k] = (int) ((long) k * rows / folds);
        }
        return s;
    }

    /** Coefficient of determination 1 − SS_res/SS_tot about the mean of {@code y}. */
    public static double r2(double[] y, double[] yhat) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - yhat[i]) * (y[i] - yhat[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    /** Rows t = maxLag … n−1, columns feature f at lag l in the order (f, l). */
    static double[][] design(double[][] features, int maxLag) {
        int n = features[0].length;
        int cols = features.length * (maxLag + 1);
        double[][] x = new double[n - maxLag][cols];
        for (int t = maxLag; t < n; t++) {
            int c = 0;
            for (double[] f : features) {
                for (int l = 0; l <= maxLag; l++) {
                    x[t - maxLag][c++] = f[t - l];
                }
            }
        }
        return x;
    }

    private record Fit(double[] mean, double[] scale, double[] beta, double intercept, double trainR2) {
        double[] predict(double[][] x, int lo, int hi) {
            double[] out = new double[hi - lo];
            for (int t = lo; t < hi; t++) {
                double s = intercept;
                for (int j = 0; j < beta.length; j++) {
                    if (scale[j] > 0) {
                        s += beta[j] * (x[t][j] - mean[j]) / scale[j];
                    }
                }
                out[t - lo] = s;
            }
            return out;
        }
    }

    private static Fit fit(double[][] x, double[] y, boolean[] use, double lambda) {
        int p = x[0].length;
        int n = 0;
        double ym = 0;
        double[] mean = new double[p];
        for (int t = 0; t < x.length; t++) {
            if (use[t]) {
                n++;
                ym += y[t];
                for (int j = 0; j < p; j++) {
                    mean[j] += x[t][j];
                }
            }
        }
        ym /= n;
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] scale = new double[p];
        for (int t = 0; t < x.length; t++) {
            if (use[t]) {
                for (int j = 0; j < p; j++) {
                    double d = x[t][j] - mean[j];
                    scale[j] += d * d;
                }
            }
        }
        for (int j = 0; j < p; j++) {
            double sd = Math.sqrt(scale[j] / n);
            // a column constant on the training rows (to rounding) carries nothing: left out
            scale[j] = sd > 1e-12 * (1 + Math.abs(mean[j])) ? sd : 0;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] z = new double[p];
        for (int t = 0; t < x.length; t++) {
            if (!use[t]) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                z[j] = scale[j] > 0 ? (x[t][j] - mean[j]) / scale[j] : 0;
            }
            double yc = y[t] - ym;
            for (int i = 0; i < p; i++) {
                if (z[i] == 0) {
                    continue;
                }
                b[i] += z[i] * yc;
                for (int j = i; j < p; j++) {
                    a[i][j] += z[i] * z[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
            // λ·n on the diagonal; a left-out column gets 1 so that the system stays regular (its β is 0)
            a[i][i] += scale[i] > 0 ? lambda * n : 1;
            if (scale[i] > 0 && lambda == 0) {
                a[i][i] += 1e-12 * n; // a trace of ridge keeps collinear lags solvable
            }
        }
        RealMatrix am = new Array2DRowRealMatrix(a, false);
        RealVector beta = new CholeskyDecomposition(am, 1e-14, 1e-300).getSolver().solve(new ArrayRealVector(b,
                false));
        double[] bt = beta.toArray();
        Fit fit = new Fit(mean, scale, bt, ym, Double.NaN);
        double[] yTrain = new double[n];
        double[] yHat = new double[n];
        int i = 0;
        for (int t = 0; t < x.length; t++) {
            if (use[t]) {
                yTrain[i] = y[t];
                yHat[i++] = fit.predict(x, t, t + 1)[0];
            }
        }
        return new Fit(mean, scale, bt, ym, r2(yTrain, yHat));
    }

    private static void requireFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " is not finite at bin " + i + ": " + v[i]);
            }
        }
    }
}
