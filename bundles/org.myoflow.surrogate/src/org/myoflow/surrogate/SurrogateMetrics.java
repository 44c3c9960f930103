package org.myoflow.surrogate;

import java.util.Arrays;

/**
 * BioMime's accuracy measures of a predicted MUAP x against the reference y, both flattened over electrodes and
 * samples: NRMSE = ||y − x||₂ / √n / (max y − min y), and Pearson's correlation.
 *
 * @since 0.1
 */
public final class SurrogateMetrics {

    private SurrogateMetrics() {
    }

    public static double nrmse(double[][] reference, double[][] predicted) {
        double se = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (int e = 0; e < reference.length; e++) {
            for (int s = 0; s < reference[e].length; s++) {
                double d = reference[e][s] - predicted[e][s];
                se += d * d;
                min = Math.min(min, reference[e][s]);
                max = Math.max(max, reference[e][s]);
                n++;
            }
        }
        return Math.sqrt(se / n) / (max - min);
    }

    public static double correlation(double[][] reference, double[][] predicted) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        long n = 0;
        for (int e = 0; e < reference.length; e++) {
            for (int s = 0; s < reference[e].length; s++) {
                double x = reference[e][s];
                double y = predicted[e][s];
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                n++;
            }
        }
        double cov = sxy - sx * sy / n;
        return cov / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }

    /** The q-quantile (0..1) of the values, by the nearest-rank rule on a sorted copy. */
    public static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    /** Per-unit NRMSE and correlation of predictions against references. */
    public static double[][] perUnit(double[][][] reference, double[][][] predicted) {
        double[][] out = new double[2][reference.length];
        for (int i = 0; i < reference.length; i++) {
            out[0][i] = nrmse(reference[i], predicted[i]);
            out[1][i] = correlation(reference[i], predicted[i]);
        }
        return out;
    }

    /** float [unit][electrode][sample] to double. */
    public static double[][][] toDouble(float[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length][];
            for (int e = 0; e < a[i].length; e++) {
                out[i][e] = new double[a[i][e].length];
                for (int s = 0; s < a[i][e].length; s++) {
                    out[i][e][s] = a[i][e][s];
                }
            }
        }
        return out;
    }
}
