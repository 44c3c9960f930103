package org.myoflow.dsp;

import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/**
 * The preprocessing shared by the activation estimators (see {@link Preprocessing}): band-pass (zero-phase
 * Butterworth, {@code sosfiltfilt} semantics) → full-wave rectification → bin means → clip at a percentile →
 * divide by a percentile. Percentiles are numpy's default (linear, type 7) over the binned channel. A channel whose
 * scale percentile is 0 is scaled by its maximum instead, and an all-zero channel by 1.
 *
 * @since 0.1
 */
public final class Preprocessor {

    private Preprocessor() {
    }

    /**
     * Clip levels and scales (one per channel, {@code [0]} and {@code [1]}) computed over several recordings of the
     * same channels together, e.g. the training trials of a model, so that all are scaled alike. Each recording is
     * checked first (errors name the recording's own sample indexes); the percentiles are then taken over the
     * recordings joined end to end (the band-pass runs over the joins, which moves the percentiles negligibly).
     *
     * @throws DataException when a recording is refused or the recordings' channels differ
     */
    public static double[][] statistics(List<Signal> recordings, Preprocessing settings) {
        if (recordings.isEmpty()) {
            throw new DataException("no recordings to compute clip levels and scales from");
        }
        Signal first = recordings.get(0);
        int n = 0;
        for (int i = 0; i < recordings.size(); i++) {
            Signal r = recordings.get(i);
            if (!r.labels().equals(first.labels()) || r.samplingRate() != first.samplingRate()) {
                throw new DataException("recording " + (i + 1) + " has channels " + r.labels() + " at "
                        + r.samplingRate() + " Hz, recording 1 " + first.labels() + " at " + first.samplingRate()
                        + " Hz");
            }
            apply(r, settings);
            n += r.sampleCount();
        }
        Signal.Builder b = Signal.builder(first.samplingRate()).quantity(first.quantity());
        for (int c = 0; c < first.channelCount(); c++) {
            double[] all = new double[n];
            int off = 0;
            for (Signal r : recordings) {
                System.arraycopy(r.channel(c), 0, all, off, r.sampleCount());
                off += r.sampleCount();
            }
            b.channel(first.labels().get(c), first.units().get(c), all);
        }
        Preprocessed all = apply(b.build(), settings);
        return new double[][] {all.clipLevels(), all.scales()};
    }

    /** Preprocesses a recording, computing each channel's clip level and scale from itself. */
    public static Preprocessed apply(Signal emg, Preprocessing settings) {
        return apply(channels(emg), emg.samplingRate(), emg.labels(), emg.startTime(), settings, null, null);
    }

    /**
     * Preprocesses a recording with clip levels and scales computed before (e.g. on the recording a model was
     * trained on), one per channel.
     *
     * @throws DataException when the numbers of clip levels or scales differ from the channel count
     */
    public static Preprocessed apply(Signal emg, Preprocessing settings, double[] clipLevels, double[] scales) {
        return apply(channels(emg), emg.samplingRate(), emg.labels(), emg.startTime(), settings, clipLevels, scales);
    }

    /**
     * Preprocesses raw arrays [channel][sample] (the signal form refuses non-finite values on construction; this
     * one checks them). clipLevels and scales may be null to compute them from the data.
     *
     * @throws DataException on a NaN or infinity (naming channel and sample), channels of unequal length, too few
     *                       samples for the band-pass or for one bin, a band edge not below Nyquist, or clip levels /
     *                       scales whose count differs from the channel count
     */
    public static Preprocessed apply(double[][] emg, double fsHz, List<String> labels, double startTimeS,
            Preprocessing settings, double[] clipLevels, double[] scales) {
        int channels = emg.length;
        if (labels.size() != channels) {
            throw new DataException("the recording has " + channels + " channels but " + labels.size() + " labels");
        }
        if (channels == 0) {
            throw new DataException("the recording has no channels");
        }
        if (clipLevels != null && clipLevels.length != channels) {
            throw new DataException("the recording has " + channels + " channels, the stored clip levels are for "
                    + clipLevels.length);
        }
        if (scales != null && scales.length != channels) {
            throw new DataException("the recording has " + channels + " channels, the stored scales are for "
                    + scales.length);
        }
        if ((clipLevels == null) != (scales == null)) {
            throw new IllegalArgumentException("give both clip levels and scales, or neither");
        }
        int n = emg[0].length;
        for (int c = 0; c < channels; c++) {
            if (emg[c].length != n) {
                throw new DataException("channel " + labels.get(c) + " has " + emg[c].length + " samples, channel "
                        + labels.get(0) + " has " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(emg[c][i])) {
                    throw new DataException("channel " + labels.get(c) + " sample " + i + " is " + emg[c][i]
                            + "; the EMG must be finite everywhere");
                }
            }
        }
        long factorL = Math.round(settings.binMs() * fsHz / 1000);
        if (factorL < 1) {
            throw new DataException("bins of " + settings.binMs() + " ms are shorter than one sample at " + fsHz
                    + " Hz");
        }
        int factor = (int) Math.min(Integer.MAX_VALUE, factorL);
        if (n < factor) {
            throw new DataException("the recording has " + n + " samples, fewer than one bin of " + factor
                    + " samples (" + settings.binMs() + " ms at " + fsHz + " Hz)");
        }
        Sos bandPass = settings.bandPass() ? bandPass(settings, fsHz, n) : null;
        double[][] data = new double[channels][];
        double[] clip = new double[channels];
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            double[] x = bandPass == null ? emg[c] : bandPass.filtfilt(emg[c]);
            double[] b = Envelopes.binMean(Envelopes.rectify(x), factor);
            clip[c] = clipLevels != null ? clipLevels[c] : Envelopes.percentile(b, settings.clipPercentile());
            if (!(clip[c] >= 0) || Double.isInfinite(clip[c])) {
                invalid("clip level", labels.get(c), clip[c]);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = Math.min(b[k], clip[c]);
            }
            scale[c] = scales != null ? scales[c] : scaleOf(b, settings.scalePercentile());
            if (!(scale[c] > 0) || Double.isInfinite(scale[c])) {
                invalid("scale", labels.get(c), scale[c]);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] /= scale[c];
            }
            data[c] = b;
        }
        return new Preprocessed(data, fsHz / factor, clip, scale, labels, startTimeS);
    }

    /** The band-pass these settings give at fsHz for a recording of n samples, refusing what cannot work. */
    private static Sos bandPass(Preprocessing s, double fsHz, int n) {
        if (!(s.bandPassHighHz() < fsHz / 2)) {
            throw new DataException("the band-pass upper edge " + s.bandPassHighHz() + " Hz is not below the Nyquist "
                    + "frequency " + fsHz / 2 + " Hz of the recording sampled at " + fsHz
                    + " Hz; lower it or turn the band-pass off");
        }
        Sos sos = Butterworth.bandpass(s.bandPassOrder(), s.bandPassLowHz(), s.bandPassHighHz(), fsHz);
        if (n <= sos.padLength()) {
            throw new DataException("the recording has " + n + " samples; the order-" + s.bandPassOrder()
                    + " band-pass needs more than " + sos.padLength() + " (its zero-phase padding)");
        }
        return sos;
    }

    private static double scaleOf(double[] b, double p) {
        double s = Envelopes.percentile(b, p);
        if (s > 0) {
            return s;
        }
        double max = 0;
        for (double v : b) {
            max = Math.max(max, v);
        }
        return max > 0 ? max : 1;
    }

    private static double invalid(String what, String label, double v) {
        throw new DataException("the " + what + " of channel " + label + " is " + v + "; it must be finite and "
                + ("scale".equals(what) ? "positive" : "not negative"));
    }

    private static double[][] channels(Signal s) {
        double[][] x = new double[s.channelCount()][];
        for (int c = 0; c < x.length; c++) {
            x[c] = s.channel(c);
        }
        return x;
    }
}
