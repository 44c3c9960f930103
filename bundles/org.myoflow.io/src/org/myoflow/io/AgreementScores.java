package org.myoflow.io;

import org.myoflow.core.data.DataException;

/**
 * How well an estimate matches a measurement, per channel (muscle): Pearson's r, the coefficient of determination
 * R² = 1 − Σ(m − e)² / Σ(m − m̄)² (of the measurement by the estimate as it is, not r²; negative when the estimate
 * is worse than the measurement's mean), the root-mean-square error and the lag: the shift within ±{@code maxLag}
 * samples whose correlation r(e[i], m[i + lag]) is highest (a positive lag: the measurement follows the estimate;
 * ties go to the smaller |lag|, then to the negative one). r, R² and RMSE are at zero lag.
 *
 * @param r          Pearson correlation at zero lag (NaN when either signal is constant)
 * @param r2         coefficient of determination (NaN when the measurement is constant)
 * @param rmse       root-mean-square error, in the signals' unit
 * @param lagSamples the lag of the correlation peak, in samples
 * @param lagR       the correlation at that lag
 * @since 0.3
 */
public record AgreementScores(double r, double r2, double rmse, int lagSamples, double lagR) {

    /**
     * Scores an estimate against a measurement of the same length.
     *
     * @param maxLag the largest shift searched, in samples (0: no search)
     * @throws DataException when the lengths differ or fewer than 2 samples overlap at some lag
     */
    public static AgreementScores of(double[] estimate, double[] measured, int maxLag) {
        int n = measured.length;
        if (estimate.length != n) {
            throw new DataException("estimate has " + estimate.length + " samples, measurement " + n);
        }
        if (maxLag < 0 || n - maxLag < 2) {
            throw new DataException("max lag " + maxLag + " samples leaves fewer than 2 overlapping samples of "
                    + n);
        }
        double r = corr(estimate, measured, 0);
        double mean = 0;
        for (double v : measured) {
            mean += v;
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double d = measured[i] - estimate[i];
            ssRes += d * d;
            double t = measured[i] - mean;
            ssTot += t * t;
        }
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
        double rmse = Math.sqrt(ssRes / n);
        int best = 0;
        double bestR = r;
        for (int a = 1; a <= maxLag; a++) {
            for (int lag : new int[] { -a, a }) {
                double c = corr(estimate, measured, lag);
                if (c > bestR || (Double.isNaN(bestR) && !Double.isNaN(c))) {
                    bestR = c;
                    best = lag;
                }
            }
        }
        return new AgreementScores(r, r2, rmse, best, bestR);
    }

    /** Pearson r of e[i] and m[i + lag] over the indices where both exist. */
    static double corr(double[] e, double[] m, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(e.length, m.length - lag);
        int k = to - from;
        double se = 0;
        double sm = 0;
        for (int i = from; i < to; i++) {
            se += e[i];
            sm += m[i + lag];
        }
        se /= k;
        sm /= k;
        double cov = 0;
        double ve = 0;
        double vm = 0;
        for (int i = from; i < to; i++) {
            double a = e[i] - se;
            double b = m[i + lag] - sm;
            cov += a * b;
            ve += a * a;
            vm += b * b;
        }
        return ve > 0 && vm > 0 ? cov / Math.sqrt(ve * vm) : Double.NaN;
    }
}
