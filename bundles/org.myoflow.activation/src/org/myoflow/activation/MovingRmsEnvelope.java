package org.myoflow.activation;

import org.myoflow.core.data.DataException;
import org.myoflow.dsp.Envelopes;
import org.myoflow.dsp.Preprocessed;

/**
 * Moving-RMS baseline: the centred root-mean-square over a window (shrinking at the ends), see
 * {@link Envelopes#movingRms}.
 *
 * @since 0.1
 */
public final class MovingRmsEnvelope {

    /** Default window (ms). */
    public static final double DEFAULT_WINDOW_MS = 100;

    private MovingRmsEnvelope() {
    }

    /**
     * @param x        one channel (raw, band-passed or rectified: squaring makes them equal)
     * @param fsHz     its sampling rate
     * @param windowMs window length; round(windowMs·fs/1000) samples, at least 1
     * @throws DataException when the window is shorter than one sample
     */
    public static double[] estimate(double[] x, double fsHz, double windowMs) {
        return Envelopes.movingRms(x, samples(windowMs, fsHz));
    }

    /** Every channel of preprocessed EMG, at its bin rate; [channel][bin]. */
    public static double[][] estimate(Preprocessed p, double windowMs) {
        int w = samples(windowMs, p.binRateHz());
        double[][] y = new double[p.channels()][];
        for (int c = 0; c < y.length; c++) {
            y[c] = Envelopes.movingRms(p.data()[c], w);
        }
        return y;
    }

    private static int samples(double windowMs, double fsHz) {
        long w = Math.round(windowMs * fsHz / 1000);
        if (w < 1 || !(windowMs > 0)) {
            throw new DataException("a moving-RMS window of " + windowMs + " ms is shorter than one sample at " + fsHz
                    + " Hz");
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }
}
