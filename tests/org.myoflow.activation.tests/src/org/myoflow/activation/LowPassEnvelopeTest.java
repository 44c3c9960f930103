package org.myoflow.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.dsp.Butterworth;
import org.myoflow.dsp.Envelopes;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;

/** The low-pass and moving-RMS baselines. */
public class LowPassEnvelopeTest {

    /** The known signal of the DSP tests: rectified sines and a step. */
    static double[] known(int n, double fs) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(Math.sin(2 * Math.PI * 3 * i / fs)) + 0.3 * Math.abs(Math.sin(2 * Math.PI * 47 * i / fs
                    + 0.5)) + (i >= n / 2 ? 0.5 : 0);
        }
        return x;
    }

    @Test
    void matchesAnIndependentZeroPhaseButterworthWithin1e9() {
        // scipy.signal.sosfiltfilt(scipy.signal.butter(4, 6, fs=500, output='sos'), x), SciPy 1.17.1
        double[] y = LowPassEnvelope.estimate(known(400, 500), 500, 4, 6);
        int[] at = { 0, 1, 50, 199, 200, 201, 333, 399 };
        double[] want = { 0.20771570338849565, 0.23964750048556724, 1.0333553677598328, 1.2333669993640692,
                1.2556284741470536, 1.2769007163286885, 1.1164795956410865, 1.6142539157692901 };
        for (int i = 0; i < at.length; i++) {
            assertEquals(want[i], y[at[i]], 1e-9, "sample " + at[i]);
        }
    }

    @Test
    void equalsTheDspFiltfiltOfTheRectifiedSignal() {
        double[] raw = new double[1000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Math.sin(i * 1.3) * (1 + Math.sin(i * 0.01));
        }
        double[] rect = Envelopes.rectify(raw);
        assertArrayEquals(Butterworth.lowpass(2, 10, 1000).filtfilt(rect), LowPassEnvelope.estimate(rect, 1000, 2, 10));
        Preprocessed p = Preprocessor.apply(new double[][] { raw }, 1000, List.of("m"), 0,
                Preprocessing.defaults().withoutBandPass().withBinMs(1), null, null);
        assertArrayEquals(Butterworth.lowpass(4, 6, 1000).filtfilt(p.data()[0]), LowPassEnvelope.estimate(p, 4, 6)[0]);
    }

    @Test
    void refusesACutoffAboveNyquistAndTooShortEnvelopes() {
        DataException e = assertThrows(DataException.class, () -> LowPassEnvelope.estimate(new double[100], 10, 4, 6));
        assertTrue(e.getMessage().contains("Nyquist frequency 5.0 Hz"), e.getMessage());
        e = assertThrows(DataException.class, () -> LowPassEnvelope.estimate(new double[15], 500, 4, 6));
        assertTrue(e.getMessage().contains("15 samples") && e.getMessage().contains("more than 15"), e.getMessage());
    }

    @Test
    void movingRmsOfASineIsItsAmplitudeOverRootTwo() {
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * Math.sin(2 * Math.PI * 20 * i / 1000.0);
        }
        double[] y = MovingRmsEnvelope.estimate(x, 1000, 100);
        for (int i = 100; i < 1900; i++) {
            assertEquals(3 / Math.sqrt(2), y[i], 1e-9);
        }
        assertThrows(DataException.class, () -> MovingRmsEnvelope.estimate(x, 1000, 0.1));
    }
}
