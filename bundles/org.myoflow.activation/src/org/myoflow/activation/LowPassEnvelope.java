package org.myoflow.activation;

import org.myoflow.core.data.DataException;
import org.myoflow.dsp.Butterworth;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Sos;

/**
 * Linear-envelope baseline: the rectified EMG low-passed forward and backward by a Butterworth filter (zero phase,
 * magnitude response squared, so the -3 dB point of one pass becomes the -6 dB point). The output is not forced
 * non-negative: a step in the input rings slightly below zero.
 *
 * @since 0.1
 */
public final class LowPassEnvelope {

    /** Default Butterworth order. */
    public static final int DEFAULT_ORDER = 4;

    /** Default cutoff (Hz): the common 6 Hz linear envelope for muscle activation (Winter). */
    public static final double DEFAULT_CUTOFF_HZ = 6;

    private LowPassEnvelope() {
    }

    /**
     * @param rectified one channel of rectified EMG (or of any non-negative envelope input)
     * @param fsHz      its sampling rate
     * @param order     Butterworth order, 1..10
     * @param cutoffHz  -3 dB frequency of one pass, below fsHz/2
     * @throws DataException when the cutoff is not below Nyquist or the signal is not longer than the filter's
     *                       zero-phase padding
     */
    public static double[] estimate(double[] rectified, double fsHz, int order, double cutoffHz) {
        return filter(order, cutoffHz, fsHz, rectified.length).filtfilt(rectified);
    }

    /** Every channel of preprocessed EMG, at its bin rate; [channel][bin]. */
    public static double[][] estimate(Preprocessed p, int order, double cutoffHz) {
        Sos sos = filter(order, cutoffHz, p.binRateHz(), p.bins());
        double[][] y = new double[p.channels()][];
        for (int c = 0; c < y.length; c++) {
            y[c] = sos.filtfilt(p.data()[c]);
        }
        return y;
    }

    private static Sos filter(int order, double cutoffHz, double fsHz, int n) {
        if (!(cutoffHz > 0 && cutoffHz < fsHz / 2)) {
            throw new DataException("the low-pass cutoff " + cutoffHz + " Hz must lie between 0 and the Nyquist "
                    + "frequency " + fsHz / 2 + " Hz of the envelope sampled at " + fsHz + " Hz");
        }
        Sos sos = Butterworth.lowpass(order, cutoffHz, fsHz);
        if (n <= sos.padLength()) {
            throw new DataException("the envelope has " + n + " samples; the order-" + order
                    + " zero-phase low-pass needs more than " + sos.padLength());
        }
        return sos;
    }
}
