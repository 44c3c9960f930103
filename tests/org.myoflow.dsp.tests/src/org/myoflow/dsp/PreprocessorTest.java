package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/** The shared preprocessing: what it computes and what it refuses. */
public class PreprocessorTest {

    static final double FS = 2000;

    /** Gaussian noise modulated by a slow envelope, one channel per amplitude. */
    static double[][] emg(int n, long seed, double... amplitudes) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[amplitudes.length][n];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < n; i++) {
                double u1 = 1 - r.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
                x[c][i] = amplitudes[c] * (1.2 + Math.sin(2 * Math.PI * i / FS)) * g;
            }
        }
        return x;
    }

    static Signal signal(double[][] x, double fs, String... labels) {
        Signal.Builder b = Signal.builder(fs).quantity("emg");
        for (int c = 0; c < x.length; c++) {
            b.channel(labels[c], "mV", x[c]);
        }
        return b.build();
    }

    @Test
    void bandPassesRectifiesBinsClipsAndScales() {
        double[][] x = emg(4000, 1, 1, 5);
        Preprocessed p = Preprocessor.apply(signal(x, FS, "a", "b"), Preprocessing.defaults());
        assertEquals(500, p.binRateHz(), 0); // 2 ms = 4 samples at 2 kHz
        assertEquals(1000, p.bins());
        assertEquals(List.of("a", "b"), p.labels());
        for (int c = 0; c < 2; c++) {
            double[] b = Envelopes.binMean(Envelopes.rectify(Butterworth.bandpass(4, 20, 450, FS).filtfilt(x[c])), 4);
            double clip = Envelopes.percentile(b, 99.9);
            assertEquals(clip, p.clipLevels()[c], 1e-12);
            for (int k = 0; k < b.length; k++) {
                b[k] = Math.min(b[k], clip);
            }
            double scale = Envelopes.percentile(b, 95);
            assertEquals(scale, p.scales()[c], 1e-12);
            for (int k = 0; k < b.length; k++) {
                assertEquals(b[k] / scale, p.data()[c][k], 1e-12);
            }
            assertEquals(1, Envelopes.percentile(p.data()[c], 95), 1e-12);
        }
        // scaling removes the channels' gain: the 5x channel has about 5x the scale
        assertEquals(5, p.scales()[1] / p.scales()[0], 0.5);
        Signal s = p.toSignal(p.data(), "activation");
        assertEquals(500, s.samplingRate(), 0);
        assertEquals("activation", s.quantity());
        assertEquals(List.of("a", "b"), s.labels());
    }

    @Test
    void storedClipLevelsAndScalesReproduceAndTransfer() {
        Signal train = signal(emg(4000, 2, 1, 2), FS, "a", "b");
        Preprocessed p = Preprocessor.apply(train, Preprocessing.defaults());
        Preprocessed again = Preprocessor.apply(train, Preprocessing.defaults(), p.clipLevels(), p.scales());
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(p.data()[c], again.data()[c], 0);
        }
        // a louder second recording keeps the first one's scale: its values grow by the gain
        double[][] louder = emg(4000, 2, 2, 4);
        Preprocessed q = Preprocessor.apply(signal(louder, FS, "a", "b"), Preprocessing.defaults(), new double[] {
                1e9, 1e9 }, p.scales());
        assertEquals(2 * Envelopes.percentile(p.data()[0], 50), Envelopes.percentile(q.data()[0], 50), 1e-9);
    }

    @Test
    void refusesNanAndInfinityNamingChannelAndSample() {
        double[][] x = emg(1000, 3, 1, 1);
        x[1][417] = Double.NaN;
        DataException e = assertThrows(DataException.class, () -> Preprocessor.apply(x, FS, List.of("TA", "GM"), 0,
                Preprocessing.defaults(), null, null));
        assertTrue(e.getMessage().contains("channel GM sample 417 is NaN"), e.getMessage());
        x[1][417] = 0;
        x[0][3] = Double.NEGATIVE_INFINITY;
        e = assertThrows(DataException.class, () -> Preprocessor.apply(x, FS, List.of("TA", "GM"), 0,
                Preprocessing.defaults(), null, null));
        assertTrue(e.getMessage().contains("channel TA sample 3 is -Infinity"), e.getMessage());
    }

    @Test
    void refusesRecordingsTooShortForTheBandPassOrForOneBin() {
        DataException e = assertThrows(DataException.class, () -> Preprocessor.apply(signal(emg(27, 4, 1), FS, "a"),
                Preprocessing.defaults()));
        assertTrue(e.getMessage().contains("27 samples") && e.getMessage().contains("more than 27"), e.getMessage());
        e = assertThrows(DataException.class, () -> Preprocessor.apply(signal(emg(3, 4, 1), FS, "a"),
                Preprocessing.defaults().withoutBandPass()));
        assertTrue(e.getMessage().contains("3 samples, fewer than one bin of 4 samples"), e.getMessage());
        e = assertThrows(DataException.class, () -> Preprocessor.apply(signal(emg(100, 4, 1), FS, "a"),
                Preprocessing.defaults().withBinMs(0.1)));
        assertTrue(e.getMessage().contains("shorter than one sample"), e.getMessage());
    }

    @Test
    void refusesABandAboveNyquistInsteadOfCappingIt() {
        DataException e = assertThrows(DataException.class, () -> Preprocessor.apply(signal(emg(2000, 5, 1), 500,
                "a"), Preprocessing.defaults()));
        assertTrue(e.getMessage().contains("450.0 Hz is not below the Nyquist frequency 250.0 Hz"), e.getMessage());
        // without the band-pass the same recording is fine (2 ms bins of one sample)
        assertEquals(500, Preprocessor.apply(signal(emg(2000, 5, 1), 500, "a"), Preprocessing.defaults()
                .withoutBandPass()).binRateHz(), 0);
    }

    @Test
    void refusesStoredLevelsForAnotherChannelCount() {
        Signal three = signal(emg(2000, 6, 1, 1, 1), FS, "a", "b", "c");
        DataException e = assertThrows(DataException.class, () -> Preprocessor.apply(three, Preprocessing.defaults(),
                new double[] { 1, 1 }, new double[] { 1, 1 }));
        assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("for 2"), e.getMessage());
        e = assertThrows(DataException.class, () -> Preprocessor.apply(three, Preprocessing.defaults(),
                new double[] { 1, 1, 1 }, new double[] { 1, 0, 1 }));
        assertTrue(e.getMessage().contains("scale of channel b is 0.0"), e.getMessage());
    }

    @Test
    void windowsOverThePreprocessedDataRefuseARecordingShorterThanOneWindow() {
        Preprocessed p = Preprocessor.apply(signal(emg(4000, 8, 1, 1), FS, "a", "b"), Preprocessing.defaults());
        org.myoflow.dsp.Windows w = p.windows(100, 25); // 200 ms windows, 50 ms overlap at 2 ms bins
        assertEquals(0, w.start(0));
        assertEquals(900, w.start(w.count() - 1));
        double[][] merged = w.merge(w.chop(p.data()), 2);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(p.data()[c], merged[c], 1e-12);
        }
        DataException e = assertThrows(DataException.class, () -> p.windows(1001, 25));
        assertTrue(e.getMessage().contains("1000 bins (2.0 s), fewer than one window of 1001 bins"), e.getMessage());
        assertThrows(DataException.class, () -> p.windows(100, 100));
    }

    @Test
    void aSilentChannelIsScaledByOne() {
        double[][] x = emg(2000, 7, 1, 0);
        Preprocessed p = Preprocessor.apply(signal(x, FS, "a", "silent"), Preprocessing.defaults());
        assertEquals(1, p.scales()[1], 0);
        for (double v : p.data()[1]) {
            assertEquals(0, v, 0);
        }
    }

    @Test
    void settingsRefuseImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.defaults().withBandPass(450, 20, 4));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.defaults().withClipPercentile(0));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.defaults().withBinMs(-1));
    }
}
