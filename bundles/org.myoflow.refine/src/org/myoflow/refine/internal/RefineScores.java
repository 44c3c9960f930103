package org.myoflow.refine.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Per-muscle agreement of a candidate activity (raw simulated or refined) with a reference (measured envelopes),
 * pooled over several trials: Pearson's correlation and the RMSE over all samples of all trials, and the lag at the
 * maximal cross-correlation.
 *
 * <p>The cross-correlation at lag L pairs reference[t] with candidate[t + L] within each trial (pairs that fall
 * outside a trial are dropped) and takes Pearson's correlation of all pairs of all trials; the lag is the L in
 * [−maxLag, maxLag] that maximises it (the smallest |L| on ties, then the negative one). A positive lag means the
 * candidate lags (comes after) the reference: candidate ≈ reference delayed by L samples.
 */
public final class RefineScores {

    /**
     * Scores of one muscle.
     *
     * @param muscle      muscle name
     * @param correlation Pearson's r over all samples (NaN when either series is constant)
     * @param rmse        root-mean-square difference, in the arrays' unit
     * @param lagSamples  lag at maximal cross-correlation, samples (positive: candidate after reference; 0 when no
     *                    lag gives a defined correlation)
     * @param lagSeconds  the same lag in seconds
     */
    public record MuscleScore(String muscle, double correlation, double rmse, int lagSamples, double lagSeconds) {
    }

    private RefineScores() {
    }

    /**
     * Scores per muscle.
     *
     * @param muscles    names of the rows of every array
     * @param reference  per trial, [muscle][t] (e.g. measured envelopes)
     * @param candidate  per trial, [muscle][t] (e.g. raw or refined activity), shaped as the reference trial
     * @param rateHz     sampling rate, Hz (for the lag in seconds)
     * @param maxLag     largest |lag| searched, samples (&ge; 0)
     * @throws IllegalArgumentException on no trials, unequal counts or shapes, non-finite values, or a bad maxLag
     */
    public static List<MuscleScore> score(List<String> muscles, List<double[][]> reference,
            List<double[][]> candidate, double rateHz, int maxLag) {
        check(muscles, reference, candidate, rateHz, maxLag);
        List<MuscleScore> scores = new ArrayList<>();
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        for (int i = 0; i < muscles.size(); i++) {
            double[] x = pooled(reference, candidate, i, 0, true);
            double[] y = pooled(reference, candidate, i, 0, false);
            double sq = 0;
            for (int t = 0; t < x.length; t++) {
                sq += (x[t] - y[t]) * (x[t] - y[t]);
            }
            double r = correlation(pearson, x, y);
            int best = 0;
            double bestR = Double.NEGATIVE_INFINITY;
            for (int a = 0; a <= maxLag; a++) {
                for (int lag : a == 0 ? new int[] {0} : new int[] {-a, a}) {
                    double[] xl = pooled(reference, candidate, i, lag, true);
                    double[] yl = pooled(reference, candidate, i, lag, false);
                    double rl = correlation(pearson, xl, yl);
                    if (rl > bestR) {
                        bestR = rl;
                        best = lag;
                    }
                }
            }
            scores.add(new MuscleScore(muscles.get(i), r, Math.sqrt(sq / x.length), best, best / rateHz));
        }
        return scores;
    }

    /** Mean of the muscles' correlations (NaN ones skipped; NaN when all are). */
    public static double meanCorrelation(List<MuscleScore> scores) {
        return scores.stream().mapToDouble(MuscleScore::correlation).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }

    /** Mean of the muscles' RMSEs. */
    public static double meanRmse(List<MuscleScore> scores) {
        return scores.stream().mapToDouble(MuscleScore::rmse).average().orElse(Double.NaN);
    }

    /** Mean of the muscles' lags, s. */
    public static double meanLagSeconds(List<MuscleScore> scores) {
        return scores.stream().mapToDouble(MuscleScore::lagSeconds).average().orElse(Double.NaN);
    }

    private static double correlation(PearsonsCorrelation pearson, double[] x, double[] y) {
        if (x.length < 2) {
            return Double.NaN;
        }
        return pearson.correlation(x, y);
    }

    /** Reference (or candidate) values of muscle i over all pairs (reference[t], candidate[t + lag]). */
    private static double[] pooled(List<double[][]> reference, List<double[][]> candidate, int i, int lag,
            boolean ofReference) {
        int n = 0;
        for (double[][] r : reference) {
            n += Math.max(0, r[i].length - Math.abs(lag));
        }
        double[] out = new double[n];
        int o = 0;
        for (int k = 0; k < reference.size(); k++) {
            double[] r = reference.get(k)[i];
            double[] c = candidate.get(k)[i];
            for (int t = Math.max(0, -lag); t < r.length && t + lag < r.length; t++) {
                out[o++] = ofReference ? r[t] : c[t + lag];
            }
        }
        return out;
    }

    private static void check(List<String> muscles, List<double[][]> reference, List<double[][]> candidate,
            double rateHz, int maxLag) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("no trials to score");
        }
        if (reference.size() != candidate.size()) {
            throw new IllegalArgumentException(reference.size() + " reference trials but " + candidate.size()
                    + " candidate trials");
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be positive and finite, got " + rateHz);
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0, got " + maxLag);
        }
        for (int k = 0; k < reference.size(); k++) {
            double[][] r = reference.get(k);
            double[][] c = candidate.get(k);
            if (r.length != muscles.size() || c.length != muscles.size()) {
                throw new IllegalArgumentException("trial " + k + ": " + muscles.size() + " muscles named but "
                        + r.length + " reference and " + c.length + " candidate rows");
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i].length != c[i].length) {
                    throw new IllegalArgumentException("trial " + k + ", muscle " + muscles.get(i) + ": reference has "
                            + r[i].length + " samples, candidate " + c[i].length);
                }
                for (int t = 0; t < r[i].length; t++) {
                    if (!Double.isFinite(r[i][t]) || !Double.isFinite(c[i][t])) {
                        throw new IllegalArgumentException("trial " + k + ", muscle " + muscles.get(i) + ", sample "
                                + t + ": reference " + r[i][t] + ", candidate " + c[i][t] + "; values must be finite");
                    }
                }
            }
        }
    }
}
