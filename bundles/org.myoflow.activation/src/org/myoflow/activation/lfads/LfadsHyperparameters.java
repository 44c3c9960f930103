package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The regularisation hyper-parameters AutoLFADS searches, with the ranges the search keeps them in.
 *
 * @param learningRate       Adam's learning rate
 * @param dropout            dropout rate on the encoders' inputs and outputs and on the generator states
 * @param coordinatedDropout fraction of input entries hidden from the encoders; the reconstruction loss counts
 *                           only the hidden entries, so the model cannot learn to copy its input (Keshtkaran &amp;
 *                           Pandarinath 2019)
 * @param klIcScale          weight of the KL divergence of the initial-condition posterior
 * @param klCoScale          weight of the KL divergence of the inferred-input posteriors
 * @param l2Scale            weight of the L2 penalty on the generator's and controller's recurrent weights
 * @since 0.1
 */
public record LfadsHyperparameters(double learningRate, double dropout, double coordinatedDropout, double klIcScale,
        double klCoScale, double l2Scale) {

    /** Search ranges [low, high] per hyper-parameter, in the order of the record components. */
    public static final double[][] RANGES = {{1e-4, 1e-2}, {0, 0.6}, {0, 0.7}, {1e-4, 10}, {1e-4, 10},
        {1e-5, 10}};
    /** Names in the order of the record components. */
    public static final String[] NAMES = {"learningRate", "dropout", "coordinatedDropout", "klIcScale", "klCoScale",
        "l2Scale"};
    /** Which hyper-parameters are searched on a log scale. */
    static final boolean[] LOG = {true, false, false, true, true, true};

    public LfadsHyperparameters {
        double[] v = {learningRate, dropout, coordinatedDropout, klIcScale, klCoScale, l2Scale};
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= RANGES[i][0] && v[i] <= RANGES[i][1])) {
                bad.add(String.format(Locale.ROOT, "%s must lie in [%g, %g], got %s", NAMES[i], RANGES[i][0],
                        RANGES[i][1], v[i]));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("invalid LFADS hyper-parameters: " + String.join("; ", bad));
        }
    }

    /** Starting values for EMG (lr 2e-3, dropout 0.1, coordinated dropout 0.3, KL and L2 weights 1). */
    public static LfadsHyperparameters defaults() {
        return new LfadsHyperparameters(2e-3, 0.1, 0.3, 1, 1, 1);
    }

    double[] values() {
        return new double[] {learningRate, dropout, coordinatedDropout, klIcScale, klCoScale, l2Scale};
    }

    static LfadsHyperparameters of(double[] v) {
        return new LfadsHyperparameters(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /** Draws every hyper-parameter uniformly (log-uniformly for the log-scale ones) within the given ranges. */
    public static LfadsHyperparameters sample(double[][] ranges, SplittableRandom random) {
        double[] v = new double[NAMES.length];
        for (int i = 0; i < v.length; i++) {
            double lo = ranges[i][0], hi = ranges[i][1];
            double u = random.nextDouble();
            v[i] = LOG[i] && lo > 0 ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        }
        return of(v);
    }

    /**
     * PBT's explore step: every hyper-parameter multiplied by a factor drawn uniformly from [1 − amount, 1 + amount]
     * and clamped into its range; a dropout rate of exactly 0 is first nudged up by up to 0.1·amount so that it can
     * move at all.
     */
    public LfadsHyperparameters perturb(double amount, SplittableRandom random) {
        double[] v = values();
        for (int i = 0; i < v.length; i++) {
            double f = 1 + amount * (2 * random.nextDouble() - 1);
            v[i] = LOG[i] ? v[i] * f : v[i] * f + (v[i] == 0 ? amount * 0.1 * random.nextDouble() : 0);
            v[i] = Math.max(RANGES[i][0], Math.min(RANGES[i][1], v[i]));
        }
        return of(v);
    }

    /** Name → value, in component order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] v = values();
        for (int i = 0; i < v.length; i++) {
            m.put(NAMES[i], v[i]);
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lr %.2e, dropout %.3f, cd %.3f, klIc %.3g, klCo %.3g, l2 %.3g",
                learningRate, dropout, coordinatedDropout, klIcScale, klCoScale, l2Scale);
    }
}
