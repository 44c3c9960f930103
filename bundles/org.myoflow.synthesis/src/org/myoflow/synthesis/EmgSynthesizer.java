package org.myoflow.synthesis;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;

/**
 * Static (isometric) and dynamic (movement, {@link MuapBankSeries}) EMG synthesis: the convolution of each unit's spike train with its MUAP at every channel,
 *
 * <pre>
 * EMG(t, c) = Σ_units u Σ_spikes j MUAP_u,c(t − t_u,j)
 * </pre>
 *
 * (Farina &amp; Merletti 2001, J Electromyogr Kinesiol 11:175; the pool convention of Fuglevand, Winter &amp; Patla
 * 1993). MUAPs of one unit that overlap in time (MUAP longer than the inter-spike interval) are <em>added</em>:
 * EMG is a sum, unlike NeuroMotion, which assigns and so loses the overlapped part above about 21 Hz.
 *
 * <p>
 * Sample k of a MUAP lies at {@code t_spike + onset + k / fs} (see {@link MuapBank}); output sample i lies at
 * {@code i / fs}, over [0, duration) of the spike trains. Spike times are continuous: with
 * {@code x = (t_spike + onset)·fs = i0 + f}, {@code i0 = floor(x)}, the MUAP is placed at the fractional offset f
 * by linear interpolation between its samples, taken as zero outside [0, n−1]:
 * {@code out[i0 + j] += (1 − f)·m[j] + f·m[j − 1]} for j = 0..n. An integer-sample spike time (f = 0) reproduces the
 * MUAP exactly. Linear interpolation is a mild low-pass, worst for f = ½ where its gain is cos(πν/fs): −0.1 dB at
 * 100 Hz, −0.7 dB at 250 Hz and −3 dB at fs/4 (512 Hz for fs = 2048 Hz), averaged over the random fractions much
 * less. A band-limited alternative is the Fourier-domain shift, multiplying the MUAP spectrum by e^(−i2πνf/fs), which is
 * exact for band-limited MUAPs but costs an FFT per spike (or per distinct fraction) and wraps around the window.
 *
 * <p>
 * Cost O(spikes × channels × MUAP samples); the loops run unit by unit and channel by channel so each MUAP row is
 * read once per unit and added into one contiguous channel array.
 *
 * @since 0.1
 */
public final class EmgSynthesizer {

    /** Told after each unit; may throw {@link java.util.concurrent.CancellationException} to stop. */
    @FunctionalInterface
    public interface UnitListener {
        void unitDone(int done, int total);
    }

    private EmgSynthesizer() {
    }

    /**
     * Number of output samples covering [0, durationS) at fs: ceil(duration·fs), with a duration·fs that is an
     * integer up to rounding taken as that integer.
     */
    public static int sampleCount(double durationS, double samplingRateHz) {
        double n = durationS * samplingRateHz;
        double r = Math.rint(n);
        double count = Math.abs(n - r) <= 1e-9 * Math.max(1, r) ? r : Math.ceil(n);
        if (count > Integer.MAX_VALUE - 8) {
            throw new DataException("EMG of " + durationS + " s at " + samplingRateHz + " Hz needs " + count
                    + " samples per channel, too many");
        }
        return (int) count;
    }

    /**
     * The noise-free EMG, [channel][sample], at the bank's rate over [0, spikes.duration()).
     *
     * @throws DataException when the unit counts differ
     */
    public static double[][] synthesize(SpikeTrains spikes, MuapBank bank, UnitListener listener) {
        double[][] emg = new double[bank.channelCount()][sampleCount(spikes.duration(), bank.samplingRate())];
        addInto(emg, spikes, bank, listener);
        return emg;
    }

    /**
     * Adds the EMG of a pool into existing channel arrays (sample 0 at t = 0, the bank's rate), so that pools of
     * several muscles sum on the same electrodes. Spikes whose MUAP falls partly outside the arrays contribute the
     * part inside.
     *
     * @param emg      [channel][sample]; one array per channel of the bank, all of the same length
     * @param listener may be null
     * @throws DataException when the unit or channel counts differ
     */
    public static void addInto(double[][] emg, SpikeTrains spikes, MuapBank bank, UnitListener listener) {
        Objects.requireNonNull(emg, "emg");
        checkCounts(emg, spikes, bank, "MUAP bank");
        sum(emg, spikes, new StaticSource(bank), listener);
    }

    /**
     * Dynamic (movement) EMG synthesis, noise-free, [channel][sample] at the series' rate over
     * [0, spikes.duration()): as {@link #synthesize(SpikeTrains, MuapBank, UnitListener)}, but the MUAP of a spike
     * at time t is the blend of the two banks around t ({@link MuapBankSeries#blend}).
     *
     * @throws DataException when the unit counts differ
     */
    public static double[][] synthesize(SpikeTrains spikes, MuapBankSeries series, UnitListener listener) {
        MuapBank first = series.first();
        double[][] emg = new double[first.channelCount()][sampleCount(spikes.duration(), first.samplingRate())];
        addInto(emg, spikes, series, listener);
        return emg;
    }

    /**
     * Adds the EMG of a pool whose MUAPs change over time: each spike at time t contributes, at every channel, the
     * MUAP {@code m = A + w·(B − A)} = (1 − w)·A + w·B with A = bank(i), B = bank(i + 1) and (i, w) =
     * {@link MuapBankSeries#blend}(t), placed with the same sub-sample interpolation as the static case; overlapping
     * MUAPs add. Written as A + w·(B − A), a series of equal banks reproduces the static EMG exactly. The MUAP is
     * frozen at the discharge time over its own duration (tens of ms, short against the movement).
     *
     * @param emg      [channel][sample]; one array per channel of the banks, all of the same length
     * @param listener may be null
     * @throws DataException when the unit or channel counts differ
     */
    public static void addInto(double[][] emg, SpikeTrains spikes, MuapBankSeries series, UnitListener listener) {
        Objects.requireNonNull(emg, "emg");
        checkCounts(emg, spikes, series.first(), "MUAP bank series");
        sum(emg, spikes, new SeriesSource(series), listener);
    }

    private static void checkCounts(double[][] emg, SpikeTrains spikes, MuapBank bank, String what) {
        if (spikes.unitCount() != bank.unitCount()) {
            throw new DataException("the spike trains have " + spikes.unitCount() + " units but the " + what
                    + " has " + bank.unitCount() + " units; they must describe the same motor units");
        }
        if (emg.length != bank.channelCount()) {
            throw new DataException("the " + what + " has " + bank.channelCount() + " channels, the EMG "
                    + emg.length);
        }
    }

    /** Where the summation takes each spike's MUAP from: one bank, or a blend of banks in a series. */
    private interface MuapSource {

        /** The bank that gives the unit count, samples, rate and onset. */
        MuapBank geometry();

        /** Called before the channels of unit u, with its spike times. */
        void beginUnit(int u, double[] times);

        /** Called before the spikes of one channel of the current unit. */
        void beginChannel(int c);

        /** The MUAP of spike j of the current unit at the current channel; valid until the next call. */
        double[] muap(int j);
    }

    private static final class StaticSource implements MuapSource {
        private final MuapBank bank;
        private int unit;
        private double[] row;

        StaticSource(MuapBank bank) {
            this.bank = bank;
        }

        @Override
        public MuapBank geometry() {
            return bank;
        }

        @Override
        public void beginUnit(int u, double[] times) {
            unit = u;
        }

        @Override
        public void beginChannel(int c) {
            row = bank.muap(unit, c);
        }

        @Override
        public double[] muap(int j) {
            return row;
        }
    }

    private static final class SeriesSource implements MuapSource {
        private final MuapBankSeries series;
        private final MuapBank[] banks;
        private final double[] blended;
        private int unit;
        private int channel;
        private int[] index = new int[0];
        private double[] weight = new double[0];

        SeriesSource(MuapBankSeries series) {
            this.series = series;
            this.banks = new MuapBank[series.size()];
            for (int i = 0; i < banks.length; i++) {
                banks[i] = series.bank(i);
            }
            this.blended = new double[series.first().sampleCount()];
        }

        @Override
        public MuapBank geometry() {
            return series.first();
        }

        @Override
        public void beginUnit(int u, double[] times) {
            unit = u;
            index = new int[times.length];
            weight = new double[times.length];
            for (int j = 0; j < times.length; j++) {
                MuapBankSeries.Blend b = series.blend(times[j]);
                index[j] = b.index();
                weight[j] = b.weight();
            }
        }

        @Override
        public void beginChannel(int c) {
            channel = c;
        }

        /** A + w·(B − A), read in place from the banks (no copies of their rows); exactly A for w = 0. */
        @Override
        public double[] muap(int j) {
            MuapBank a = banks[index[j]];
            double w = weight[j];
            int u = unit;
            int c = channel;
            double[] m = blended;
            if (w == 0) {
                for (int k = 0; k < m.length; k++) {
                    m[k] = a.get(u, c, k);
                }
                return m;
            }
            MuapBank b = banks[index[j] + 1];
            for (int k = 0; k < m.length; k++) {
                double x = a.get(u, c, k);
                m[k] = x + w * (b.get(u, c, k) - x);
            }
            return m;
        }
    }

    /** The summation shared by the static and dynamic cases: unit by unit, channel by channel, spike by spike. */
    private static void sum(double[][] emg, SpikeTrains spikes, MuapSource source, UnitListener listener) {
        MuapBank bank = source.geometry();
        int units = bank.unitCount();
        int ns = bank.sampleCount();
        double fs = bank.samplingRate();
        double onset = bank.onset();
        for (int u = 0; u < units; u++) {
            double[] times = spikes.times(u);
            // integer part and fraction of each spike's first-sample position, shared by all channels
            int[] start = new int[times.length];
            double[] frac = new double[times.length];
            for (int j = 0; j < times.length; j++) {
                double x = (times[j] + onset) * fs;
                double i0 = Math.floor(x);
                frac[j] = x - i0;
                start[j] = (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, i0));
            }
            source.beginUnit(u, times);
            for (int c = 0; c < emg.length && ns > 0; c++) {
                source.beginChannel(c);
                double[] out = emg[c];
                for (int j = 0; j < times.length; j++) {
                    addShifted(out, source.muap(j), start[j], frac[j]);
                }
            }
            if (listener != null) {
                listener.unitDone(u + 1, units);
            }
        }
    }

    /** out[i0 + k] += (1 − f)·m[k] + f·m[k − 1] for k = 0..n, m zero outside [0, n − 1], clipped to out. */
    static void addShifted(double[] out, double[] m, int i0, double f) {
        int n = m.length;
        int kFrom = Math.max(0, -i0);
        int kTo = (int) Math.min(f == 0 ? n - 1 : n, (long) out.length - 1 - i0); // inclusive
        if (kFrom > kTo) {
            return;
        }
        if (f == 0) {
            for (int k = kFrom; k <= kTo; k++) {
                out[i0 + k] += m[k];
            }
            return;
        }
        double g = 1 - f;
        for (int k = kFrom; k <= kTo; k++) {
            double cur = k < n ? m[k] : 0;
            double prev = k > 0 ? m[k - 1] : 0;
            out[i0 + k] += g * cur + f * prev;
        }
    }

    /**
     * Mean square of all samples of all channels: the power of the whole recording that the SNR refers to.
     */
    public static double meanPower(double[][] emg) {
        double sum = 0;
        long n = 0;
        for (double[] ch : emg) {
            for (double v : ch) {
                sum += v * v;
            }
            n += ch.length;
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Adds white Gaussian noise at an SNR relative to the power of the whole recording: one noise level
     * σ² = P / 10^(SNR/10), with P the mean square over all channels and samples, on every channel. One level for
     * all channels models instrumentation and electrode noise, which does not depend on how much EMG a channel
     * sees; channels far from the muscle so have a lower SNR than the set value, near ones a higher. Samples are
     * drawn channel by channel, sample by sample, so a generator with the same seed gives the same noise.
     *
     * @param snrDb SNR in dB; {@code +inf} adds nothing
     * @return the noise standard deviation used (0 when nothing was added, also for a silent recording)
     */
    public static double addNoise(double[][] emg, double snrDb, RandomGenerator random) {
        if (Double.isNaN(snrDb)) {
            throw new IllegalArgumentException("SNR is NaN");
        }
        if (snrDb == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double sigma = Math.sqrt(meanPower(emg) / Math.pow(10, snrDb / 10));
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            return 0;
        }
        for (double[] ch : emg) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] += sigma * random.nextGaussian();
            }
        }
        return sigma;
    }
}
