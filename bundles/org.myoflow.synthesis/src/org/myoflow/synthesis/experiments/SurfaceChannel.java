package org.myoflow.synthesis.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.myoflow.dsp.Butterworth;
import org.myoflow.dsp.Envelopes;
import org.myoflow.dsp.Sos;
import org.myoflow.synthesis.MuscleEmgSimulator;

/**
 * One bipolar surface-EMG channel over one muscle of one simulated subject, built from the platform's simulator
 * ({@link MuscleEmgSimulator.Settings#bipolarSurfaceChannel}): a Fuglevand (1993) pool (recruitment range 30, peak
 * rates 35 to 25 Hz, minimum 8 Hz, ISI CV 0.2) whose MUAPs come from the planar layered volume conductor (muscle
 * 0.5/0.1 S/m, fat 0.05 S/m of the subject's thickness, skin 1 mm at 1 S/m) at a single-differential pair of
 * electrodes (10 mm apart, 20 mm from the innervation zone), with a subject-specific motor-unit anatomy whose
 * cross-section scales with √(strength scale).
 *
 * <p>The channel's reference level (for normalisation) is the mean rectified band-passed EMG of a simulated maximal
 * contraction (excitation 1); its instrumentation noise is white Gaussian with a fixed standard deviation, so that
 * the set SNR holds for a contraction at 30 % of maximum, whose power is taken as 0.3² of the maximal one.
 *
 * @since 0.2
 */
public final class SurfaceChannel {

    /** Fraction of the maximal contraction at which the SNR is stated. */
    public static final double SNR_REFERENCE_LEVEL = 0.3;
    /** Band-pass of the envelope (Hz), order 4, zero phase, as {@code Preprocessing.defaults()}. */
    public static final double BAND_LOW_HZ = 20;
    /** Upper band-pass edge (Hz). */
    public static final double BAND_HIGH_HZ = 450;
    /** Cut-off (Hz) of the order-2 zero-phase low-pass applied to the binned envelope (at most 0.4 × its rate). */
    public static final double SMOOTHING_HZ = 6;

    private final MuscleEmgSimulator simulator;
    private final double fs;
    private final Sos bandPass;
    private final double noiseSigma;
    private final double reference;

    /**
     * Builds the MUAP bank and measures the reference contraction.
     *
     * @param units       motor units in the pool
     * @param fsHz        EMG sampling rate
     * @param fatMm       subcutaneous fat thickness, mm
     * @param sizeScale   factor on the muscle's cross-section width and depth
     * @param snrDb       SNR at 30 % of maximum (+∞: no noise)
     * @param referenceS  duration of the maximal reference contraction, s
     * @param random      source of the anatomy and of the reference contraction
     */
    public SurfaceChannel(int units, double fsHz, double fatMm, double sizeScale, double snrDb, double referenceS,
            SplittableRandom random) {
        this.fs = fsHz;
        this.simulator = new MuscleEmgSimulator(
                MuscleEmgSimulator.Settings.bipolarSurfaceChannel(units, fsHz, fatMm, sizeScale), random.split());
        this.bandPass = Butterworth.bandpass(4, BAND_LOW_HZ, BAND_HIGH_HZ, fsHz);

        int n = (int) Math.round(referenceS * fsHz);
        double[] max = new double[n];
        Arrays.fill(max, 1.0);
        double[] x = simulator.cleanEmg(max, random.split());
        double power = MuscleEmgSimulator.meanPower(x);
        this.noiseSigma = snrDb == Double.POSITIVE_INFINITY ? 0
                : Math.sqrt(SNR_REFERENCE_LEVEL * SNR_REFERENCE_LEVEL * power / Math.pow(10, snrDb / 10));
        addNoise(x, random.split());
        double[] r = Envelopes.rectify(bandPass.filtfilt(x));
        // skip the first and last 10 %: the pool's first discharges are synchronous at the step onset
        int from = n / 10;
        int to = n - n / 10;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += r[i];
        }
        this.reference = sum / (to - from);
    }

    /** Mean rectified band-passed EMG (mV) of the maximal reference contraction. */
    public double reference() {
        return reference;
    }

    /** Standard deviation (mV) of the channel's white measurement noise. */
    public double noiseSigma() {
        return noiseSigma;
    }

    /** Noisy EMG (mV) at fs for an excitation sampled at fs (each value in [0, 1]). */
    public double[] emg(double[] excitation, SplittableRandom random) {
        double[] x = simulator.cleanEmg(excitation, random.split());
        addNoise(x, random.split());
        return x;
    }

    /**
     * The normalised envelope at {@code rate} Hz, {@code samples} long: band-pass, full-wave rectification, means
     * over bins of 1/rate centred on each envelope sample, an order-2 zero-phase low-pass at
     * min({@link #SMOOTHING_HZ}, 0.4·rate), division by the reference level, and negative values (filter
     * undershoot) set to 0.
     */
    public double[] envelope(double[] emg, double rate, int samples) {
        double[] r = Envelopes.rectify(bandPass.filtfilt(emg));
        double[] e = new double[samples];
        double perBin = fs / rate;
        for (int k = 0; k < samples; k++) {
            int from = Math.max(0, (int) Math.ceil((k - 0.5) * perBin));
            int to = Math.min(r.length, (int) Math.ceil((k + 0.5) * perBin));
            double s = 0;
            for (int i = from; i < to; i++) {
                s += r[i];
            }
            e[k] = to > from ? s / (to - from) : 0;
        }
        double[] smooth = Butterworth.lowpass(2, Math.min(SMOOTHING_HZ, 0.4 * rate), rate).filtfilt(e);
        for (int k = 0; k < samples; k++) {
            smooth[k] = Math.max(0, smooth[k] / reference);
        }
        return smooth;
    }

    private void addNoise(double[] x, SplittableRandom random) {
        if (noiseSigma > 0) {
            MuscleEmgSimulator.addWhiteNoise(x, noiseSigma, random);
        }
    }
}
