package org.myoflow.dsp;

import java.util.Arrays;

/**
 * Amplitude envelopes and order statistics of one channel.
 *
 * @since 0.1
 */
public final class Envelopes {

    private Envelopes() {
    }

    /** Full-wave rectification |x|. */
    public static double[] rectify(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }

    /**
     * Centred moving root-mean-square over {@code windowSamples} samples: sample i averages x² over
     * {@code [i − w/2, i − w/2 + w − 1]} (integer division), shrinking to the samples that exist at the edges.
     * O(n) by a running sum.
     */
    public static double[] movingRms(double[] x, int windowSamples) {
        if (windowSamples < 1) {
            throw new IllegalArgumentException("windowSamples must be at least 1, got " + windowSamples);
        }
        int n = x.length;
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + x[i] * x[i];
        }
        int left = windowSamples / 2;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - left);
            int hi = Math.min(n, i - left + windowSamples);
            y[i] = Math.sqrt(Math.max(0, (cum[hi] - cum[lo]) / (hi - lo)));
        }
        return y;
    }

    /** Means of consecutive non-overlapping groups of {@code factor} samples; a trailing partial group is dropped. */
    public static double[] binMean(double[] x, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
        double[] y = new double[x.length / factor];
        for (int b = 0; b < y.length; b++) {
            double s = 0;
            for (int k = b * factor; k < (b + 1) * factor; k++) {
                s += x[k];
            }
            y[b] = s / factor;
        }
        return y;
    }

    /**
     * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics, Hyndman and Fan type 7
     * (numpy's default {@code percentile(x, p)}): with the sorted values v, h = (n − 1)·p/100 and
     * result v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]).
     */
    public static double percentile(double[] x, double p) {
        if (x.length == 0) {
            throw new IllegalArgumentException("percentile of an empty array");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in [0, 100], got " + p);
        }
        double[] v = x.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * p / 100;
        int lo = (int) Math.floor(h);
        if (lo >= v.length - 1) {
            return v[v.length - 1];
        }
        return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }
}
