package org.myoflow.deepemg;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis of X [channels × samples] through commons-math3's
 * {@link SingularValueDecomposition}: {@code X − m·1ᵀ = U·S·Vᵀ}, loadings are the first k columns of U (unit norm,
 * orthogonal), scores {@code Uₖᵀ·(X − m·1ᵀ)} [k × samples], so {@code X ≈ m·1ᵀ + loadings·scores}.
 *
 * <p>Centred (m = the channel means over the samples, the usual PCA) or not (m = 0, the variant often used for
 * muscle synergies, where the first component carries the mean level). The VAF is
 * {@code 1 − ||X − X̂||² / ||X − m·1ᵀ||²}: relative to the variance about the mean when centred, to the raw sum of
 * squares when not. Each loading's largest-magnitude entry is made positive so the signs are reproducible.
 *
 * @since 0.1
 */
public final class Pca {

    private Pca() {
    }

    /**
     * A decomposition.
     *
     * @param mean channel means subtracted (all 0 when not centred)
     * @param loadings [channels × k], orthonormal columns
     * @param scores [k × samples]
     * @param singularValues the first k singular values of the (centred) data, decreasing
     * @param vaf variance accounted for by the k components
     */
    public record Result(double[] mean, double[][] loadings, double[][] scores, double[] singularValues,
            double vaf) {

        /** Defensive copies. */
        public Result {
            mean = mean.clone();
            loadings = Matrices.copy(loadings);
            scores = Matrices.copy(scores);
            singularValues = singularValues.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[][] loadings() {
            return Matrices.copy(loadings);
        }

        @Override
        public double[][] scores() {
            return Matrices.copy(scores);
        }

        @Override
        public double[] singularValues() {
            return singularValues.clone();
        }

        /** {@code m·1ᵀ + loadings·scores} [channels × samples]. */
        public double[][] reconstruction() {
            double[][] x = Matrices.multiply(loadings, scores);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    x[i][j] += mean[i];
                }
            }
            return x;
        }
    }

    /**
     * The first k principal components of X [channels × samples].
     *
     * @param x data, finite, rectangular
     * @param components k in [1, min(channels, samples)]
     * @param centred subtract each channel's mean first
     */
    public static Result of(double[][] x, int components, boolean centred) {
        int m = Matrices.checkRectangular(x, "PCA: X");
        int n = x[0].length;
        if (components < 1 || components > Math.min(m, n)) {
            throw new IllegalArgumentException("PCA: " + components + " components out of range for a " + m + " × "
                    + n + " matrix (1 to " + Math.min(m, n) + ")");
        }
        double[] mean = new double[m];
        double[][] c = new double[m][n];
        double total = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("PCA: X[" + i + "][" + j + "] is not finite (" + x[i][j] + ")");
                }
                mean[i] += x[i][j];
            }
            mean[i] = centred ? mean[i] / n : 0;
            for (int j = 0; j < n; j++) {
                c[i][j] = x[i][j] - mean[i];
                total += c[i][j] * c[i][j];
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("PCA: X has no variance" + (centred ? " about its mean" : ""));
        }
        RealMatrix xc = MatrixUtils.createRealMatrix(c);
        SingularValueDecomposition svd = new SingularValueDecomposition(xc);
        RealMatrix u = svd.getU();
        double[] s = svd.getSingularValues();
        double[][] loadings = new double[m][components];
        for (int a = 0; a < components; a++) {
            int arg = 0;
            for (int i = 1; i < m; i++) {
                if (Math.abs(u.getEntry(i, a)) > Math.abs(u.getEntry(arg, a))) {
                    arg = i;
                }
            }
            double sign = u.getEntry(arg, a) < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) {
                loadings[i][a] = sign * u.getEntry(i, a);
            }
        }
        double[][] scores = new double[components][n];
        for (int a = 0; a < components; a++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += loadings[i][a] * c[i][j];
                }
                scores[a][j] = sum;
            }
        }
        double vaf = 1 - Matrices.squaredError(c, loadings, scores) / total;
        double[] sv = new double[components];
        System.arraycopy(s, 0, sv, 0, components);
        return new Result(mean, loadings, scores, sv, vaf);
    }
}
