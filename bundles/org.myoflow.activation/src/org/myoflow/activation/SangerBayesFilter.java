package org.myoflow.activation;

import org.myoflow.dsp.Preprocessed;

/**
 * Sanger's Bayesian estimate of the EMG amplitude (Sanger 2007, J Neurophysiol 97:1839-1845), a forward filter over
 * N discrete amplitude levels x_j = j·maxAmplitude/N, j = 1..N (all strictly positive). Each sample:
 * <ol>
 * <li>diffusion: the prior is convolved with [α/2, 1−α, α/2] over the levels, with reflecting ends (the mass that
 * would leave the axis stays at the end level, so the total is kept);</li>
 * <li>jump: p ← (1−β)·p + β/N, a sudden change to any level;</li>
 * <li>measurement: p_j ← p_j·L(e | x_j) with the Laplace likelihood exp(−e/x)/x (the density of a rectified
 * Laplace sample of scale x) or the Gaussian exp(−e²/2x²)/x (half-normal of scale x), computed in log form
 * relative to its largest value;</li>
 * <li>normalisation, with every probability floored at 1e-300 so no level can underflow to zero.</li>
 * </ol>
 * The output is the level of largest posterior (MAP), or the posterior mean. The prior starts uniform. The filter is
 * immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SangerBayesFilter {

    /** Measurement model of one rectified sample given the amplitude. */
    public enum Likelihood {
        /** exp(−e/x)/x. */
        LAPLACE,
        /** exp(−e²/(2x²))/x. */
        GAUSSIAN
    }

    /** Default number of amplitude levels. */
    public static final int DEFAULT_LEVELS = 100;

    /** Default diffusion per sample. */
    public static final double DEFAULT_ALPHA = 1e-3;

    /** Default jump probability per sample. */
    public static final double DEFAULT_BETA = 1e-10;

    private static final double FLOOR = 1e-300;

    private final int levels;
    private final double alpha;
    private final double beta;
    private final Likelihood likelihood;
    private final double maxAmplitude;

    /**
     * @param levels       number of amplitude levels, at least 2
     * @param alpha        diffusion per sample, 0 ≤ α ≤ 1
     * @param beta         jump probability per sample, 0 ≤ β ≤ 1
     * @param likelihood   measurement model
     * @param maxAmplitude the top of the amplitude axis; 0 (or NaN) takes each channel's largest value (1 for an
     *                     all-zero channel)
     */
    public SangerBayesFilter(int levels, double alpha, double beta, Likelihood likelihood, double maxAmplitude) {
        if (levels < 2) {
            throw new IllegalArgumentException("levels must be at least 2, got " + levels);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
        if (maxAmplitude < 0 || Double.isInfinite(maxAmplitude)) {
            throw new IllegalArgumentException("maxAmplitude must be 0 (from the data) or positive and finite, got "
                    + maxAmplitude);
        }
        this.levels = levels;
        this.alpha = alpha;
        this.beta = beta;
        this.likelihood = likelihood;
        this.maxAmplitude = Double.isNaN(maxAmplitude) ? 0 : maxAmplitude;
    }

    /** The defaults: 100 levels, α = 1e-3, β = 1e-10, Laplace, amplitude axis up to each channel's maximum. */
    public SangerBayesFilter() {
        this(DEFAULT_LEVELS, DEFAULT_ALPHA, DEFAULT_BETA, Likelihood.LAPLACE, 0);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int levels() {
        return levels;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    /** The set top of the amplitude axis; 0 means each channel's maximum. */
    public double maxAmplitude() {
        return maxAmplitude;
    }

    /** MAP amplitude after each sample of one rectified channel (values must be finite and ≥ 0). */
    public double[] map(double[] rectified) {
        return run(rectified, true);
    }

    /** Posterior-mean amplitude after each sample of one rectified channel. */
    public double[] posteriorMean(double[] rectified) {
        return run(rectified, false);
    }

    /** MAP amplitude of every channel of preprocessed EMG; [channel][bin]. */
    public double[][] map(Preprocessed p) {
        double[][] y = new double[p.channels()][];
        for (int c = 0; c < y.length; c++) {
            y[c] = map(p.data()[c]);
        }
        return y;
    }

    private double[] run(double[] e, boolean map) {
        double top = maxAmplitude;
        if (top == 0) {
            for (double v : e) {
                top = Math.max(top, v);
            }
            if (top == 0) {
                top = 1;
            }
        }
        int n = levels;
        double[] x = new double[n];
        double[] logX = new double[n];
        double[] inv = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = top * (j + 1) / n;
            logX[j] = Math.log(x[j]);
            inv[j] = 1 / x[j];
        }
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        double[] q = new double[n];
        double[] logL = new double[n];
        double[] out = new double[e.length];
        double half = alpha / 2;
        for (int t = 0; t < e.length; t++) {
            double v = e[t];
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("sample " + t + " is " + v + "; the input must be rectified "
                        + "(finite, not negative)");
            }
            // diffusion with reflecting ends, then jump
            for (int j = 0; j < n; j++) {
                double left = j > 0 ? p[j - 1] : p[0];
                double right = j < n - 1 ? p[j + 1] : p[n - 1];
                q[j] = (1 - alpha) * p[j] + half * (left + right);
                q[j] = (1 - beta) * q[j] + beta / n;
            }
            // measurement, in log form relative to the largest log-likelihood
            double maxLog = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double r = v * inv[j];
                logL[j] = (likelihood == Likelihood.LAPLACE ? -r : -0.5 * r * r) - logX[j];
                maxLog = Math.max(maxLog, logL[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                p[j] = Math.max(FLOOR, q[j] * Math.exp(logL[j] - maxLog));
                sum += p[j];
            }
            int best = 0;
            double mean = 0;
            for (int j = 0; j < n; j++) {
                p[j] /= sum;
                if (p[j] > p[best]) {
                    best = j;
                }
                mean += p[j] * x[j];
            }
            out[t] = map ? x[best] : mean;
        }
        return out;
    }

    /** Builder with the defaults of {@link #SangerBayesFilter()}. */
    public static final class Builder {
        private int levels = DEFAULT_LEVELS;
        private double alpha = DEFAULT_ALPHA;
        private double beta = DEFAULT_BETA;
        private Likelihood likelihood = Likelihood.LAPLACE;
        private double maxAmplitude;

        public Builder levels(int n) {
            levels = n;
            return this;
        }

        public Builder alpha(double a) {
            alpha = a;
            return this;
        }

        public Builder beta(double b) {
            beta = b;
            return this;
        }

        public Builder likelihood(Likelihood l) {
            likelihood = l;
            return this;
        }

        /** Top of the amplitude axis; 0 takes each channel's maximum. */
        public Builder maxAmplitude(double a) {
            maxAmplitude = a;
            return this;
        }

        public SangerBayesFilter build() {
            return new SangerBayesFilter(levels, alpha, beta, likelihood, maxAmplitude);
        }
    }
}
