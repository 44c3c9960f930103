package org.example.myoflow.rms;

/**
 * Centred moving root-mean-square of a sampled sequence in O(n), from prefix sums of squares.
 *
 * <p>
 * The window holds {@code w} samples: sample {@code i} averages samples {@code i - (w-1)/2 ... i + w/2}
 * (for even {@code w} one more ahead than behind). Near the edges only the samples that exist are averaged, so
 * the envelope has the input's length and no zero padding pulls it down.
 *
 * <p>
 * A window's sum is the difference of two prefix sums. In plain doubles that difference loses everything once
 * the prefix has grown large against the window (a quiet tail after a strong contraction comes out as zero or
 * noise), so the prefix sums are kept in double-double arithmetic (Knuth's TwoSum): the error of a window sum is
 * then about 1e-32 of the whole signal's energy instead of 1e-16.
 */
public final class MovingRms {

    private MovingRms() {
    }

    /**
     * @param x input samples
     * @param w window length in samples, at least 1
     * @return the envelope, same length as {@code x}
     */
    public static double[] of(double[] x, int w) {
        if (w < 1) {
            throw new IllegalArgumentException("window must be at least one sample, got " + w);
        }
        int n = x.length;
        // prefix sum of x[0..k-1]^2 = high[k] + low[k]
        double[] high = new double[n + 1];
        double[] low = new double[n + 1];
        double h = 0;
        double l = 0;
        for (int k = 0; k < n; k++) {
            double y = x[k] * x[k];
            double s = h + y;
            double back = s - h;
            l += (h - (s - back)) + (y - back); // the rounding error of h + y, exactly (TwoSum)
            h = s + l;
            l -= h - s; // renormalise: |l| stays below half an ulp of h
            high[k + 1] = h;
            low[k + 1] = l;
        }
        int behind = (w - 1) / 2;
        int ahead = w / 2;
        double[] rms = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - behind);
            int hi = Math.min(n - 1, i + ahead) + 1;
            double sum = (high[hi] - high[lo]) + (low[hi] - low[lo]);
            // what rounding is left can take an all-but-silent window a hair below zero
            rms[i] = Math.sqrt(Math.max(0, sum / (hi - lo)));
        }
        return rms;
    }
}
