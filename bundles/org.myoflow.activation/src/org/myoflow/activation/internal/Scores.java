package org.myoflow.activation.internal;

import java.util.List;

import com.google.gson.JsonArray;

/** Scores of estimates [trial][muscle][bin] against truth of the same shape. */
final class Scores {

    private Scores() {
    }

    /**
     * R² of muscle m on trials [nFit, end) after an affine map estimate → truth fitted by least squares on trials
     * [0, nFit); when nFit covers every trial, the score is in-sample on them.
     */
    static double calibratedR2(List<double[][]> est, List<double[][]> truth, int m, int nFit) {
        double[] map = fit(est, truth, m, nFit);
        int from = nFit < est.size() ? nFit : 0;
        double mean = 0;
        long c = 0;
        for (int k = from; k < est.size(); k++) {
            int len = Math.min(est.get(k)[m].length, truth.get(k)[m].length);
            for (int i = 0; i < len; i++) {
                mean += truth.get(k)[m][i];
                c++;
            }
        }
        mean /= c;
        double sse = 0;
        double sst = 0;
        for (int k = from; k < est.size(); k++) {
            double[] a = est.get(k)[m];
            double[] b = truth.get(k)[m];
            int len = Math.min(a.length, b.length);
            for (int i = 0; i < len; i++) {
                double d = map[0] * a[i] + map[1] - b[i];
                sse += d * d;
                sst += (b[i] - mean) * (b[i] - mean);
            }
        }
        return 1 - sse / sst;
    }

    /** The least-squares affine map (slope, intercept) from estimate to truth of muscle m over trials [0, nFit). */
    static double[] fit(List<double[][]> est, List<double[][]> truth, int m, int nFit) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        long n = 0;
        for (int k = 0; k < nFit; k++) {
            double[] a = est.get(k)[m];
            double[] b = truth.get(k)[m];
            int len = Math.min(a.length, b.length);
            for (int i = 0; i < len; i++) {
                sx += a[i];
                sy += b[i];
                sxx += a[i] * a[i];
                sxy += a[i] * b[i];
                n++;
            }
        }
        double var = sxx - sx * sx / n;
        double slope = var > 0 ? (sxy - sx * sy / n) / var : 0;
        return new double[] {slope, (sy - slope * sx) / n};
    }

    /** Pearson correlation of muscle m over trials [from, end), pooled. */
    static double correlation(List<double[][]> est, List<double[][]> truth, int m, int from) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (int k = from; k < est.size(); k++) {
            double[] a = est.get(k)[m];
            double[] b = truth.get(k)[m];
            int len = Math.min(a.length, b.length);
            for (int i = 0; i < len; i++) {
                sx += a[i];
                sy += b[i];
                sxx += a[i] * a[i];
                syy += b[i] * b[i];
                sxy += a[i] * b[i];
                n++;
            }
        }
        double cov = sxy - sx * sy / n;
        return cov / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }
}
