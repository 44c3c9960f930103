package org.myoflow.synthesis.experiments;

import java.util.SplittableRandom;

/**
 * Smooth zero-mean Gaussian-like noise of unit variance as a sum of K random sinusoids,
 * {@code ξ(t) = √(2/K)·Σ_k sin(2π·f_k·t + φ_k)} with f_k uniform in [fLow, fHigh] Hz and φ_k uniform in [0, 2π).
 * It is a function of time, not of a sampling grid, so the same seed gives the same noise at any rate.
 */
final class SmoothNoise {

    private static final int COMPONENTS = 8;

    private final double[] frequencies = new double[COMPONENTS];
    private final double[] phases = new double[COMPONENTS];

    /**
     * @param lowHz  lowest component frequency, Hz (&gt; 0)
     * @param highHz highest component frequency, Hz (&ge; lowHz)
     * @param random source of the frequencies and phases (advanced by 2·K draws)
     */
    public SmoothNoise(double lowHz, double highHz, SplittableRandom random) {
        if (!(lowHz > 0 && highHz >= lowHz) || Double.isInfinite(highHz)) {
            throw new IllegalArgumentException("need 0 < lowHz <= highHz, got lowHz " + lowHz + ", highHz " + highHz);
        }
        for (int k = 0; k < COMPONENTS; k++) {
            frequencies[k] = lowHz + (highHz - lowHz) * random.nextDouble();
            phases[k] = 2 * Math.PI * random.nextDouble();
        }
    }

    /** ξ(t), t in s. */
    public double at(double t) {
        double s = 0;
        for (int k = 0; k < COMPONENTS; k++) {
            s += Math.sin(2 * Math.PI * frequencies[k] * t + phases[k]);
        }
        return s * Math.sqrt(2.0 / COMPONENTS);
    }
}
