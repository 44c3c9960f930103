package org.myoflow.core.spi;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.myoflow.core.data.SpikeTrains;

/**
 * The spike trains every EMG benchmark sums (synthesis, conductor and surrogate dynamic cases), so their figures
 * refer to the same load (here, beside {@link BenchmarkSuite}, so that a suite need not import another method bundle
 * for it): regular firing with Gaussian interval jitter (CV 0.15, intervals at least 2 ms), rates
 * spread 35 → 8 Hz from the first to the last unit, random phase.
 *
 * @since 0.1
 */
public final class BenchmarkSpikes {

    private BenchmarkSpikes() {
    }

    /** Seeded trains of {@code units} units over {@code durationS} seconds. */
    public static SpikeTrains regular(int units, double durationS, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] t = new double[units][];
        for (int u = 0; u < units; u++) {
            double rate = 35 - 27.0 * u / Math.max(1, units - 1);
            double[] buf = new double[(int) (durationS * rate * 2) + 4];
            int n = 0;
            double s = r.nextDouble() / rate;
            while (s < durationS) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, 2 * n);
                }
                buf[n++] = s;
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                s += Math.max(0.002, (1 + 0.15 * g) / rate);
            }
            t[u] = Arrays.copyOf(buf, n);
        }
        return new SpikeTrains(t, durationS, null);
    }
}
