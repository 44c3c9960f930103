package org.myoflow.refine.internal;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.dsp.Butterworth;
import org.myoflow.dsp.Sos;

/**
 * Inputs of the refinement as [muscle][t] matrices in a given muscle order: simulated activity or envelopes from a
 * {@link Signal} whose channels are named by muscle (e.g. a static-optimisation or CMC .sto read as a signal), and
 * envelopes computed from raw EMG with the shared preprocessing ({@link Preprocessor}: band-pass, rectification, bin
 * means, percentile clipping and scaling), an optional zero-phase Butterworth low-pass, and linear resampling onto
 * the activity's time base. Errors name what is wrong: the missing or extra muscles, the channel and sample of a
 * non-finite value, both lengths or rates that differ.
 */
public final class ActivityInputs {

    /** Order of the optional low-pass applied to the binned envelope (zero phase, so 4 in effect). */
    public static final int LOW_PASS_ORDER = 2;

    private ActivityInputs() {
    }

    /**
     * The signal's channels in muscle order, [muscle][t].
     *
     * @param role    what the signal is, for messages ("target", "simulated activity")
     * @param signal  channels labelled by muscle name
     * @param muscles the muscle order wanted
     * @throws DataException naming the muscles the signal lacks or the channels that are no muscle
     */
    public static double[][] activity(String role, Signal signal, List<String> muscles) {
        double[][] x = new double[signal.channelCount()][];
        for (int c = 0; c < x.length; c++) {
            x[c] = signal.channel(c);
        }
        return activity(role, x, signal.labels(), muscles);
    }

    /**
     * Rows of x (labelled) in muscle order, [muscle][t].
     *
     * @throws DataException naming the missing muscles ("target lacks muscles [BRA]"), the extra channels, a
     *                       duplicate label, rows of unequal length (naming both) or a non-finite value (naming
     *                       channel and sample)
     */
    public static double[][] activity(String role, double[][] x, List<String> labels, List<String> muscles) {
        if (x.length != labels.size()) {
            throw new DataException(role + " has " + x.length + " channels but " + labels.size() + " labels");
        }
        if (muscles.isEmpty()) {
            throw new DataException("no muscles asked of " + role);
        }
        for (int c = 0; c < labels.size(); c++) {
            if (labels.indexOf(labels.get(c)) != c) {
                throw new DataException(role + " has channel " + labels.get(c) + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String m : muscles) {
            if (!labels.contains(m)) {
                missing.add(m);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(role + " lacks muscles " + missing + " (it has channels " + labels + ")");
        }
        List<String> extra = new ArrayList<>();
        for (String l : labels) {
            if (!muscles.contains(l)) {
                extra.add(l);
            }
        }
        if (!extra.isEmpty()) {
            throw new DataException(role + " has channels " + extra + " that are none of the muscles " + muscles);
        }
        double[][] out = new double[muscles.size()][];
        int n = x[labels.indexOf(muscles.get(0))].length;
        for (int i = 0; i < muscles.size(); i++) {
            double[] row = x[labels.indexOf(muscles.get(i))];
            if (row.length != n) {
                throw new DataException(role + ": channel " + muscles.get(i) + " has " + row.length
                        + " samples, channel " + muscles.get(0) + " has " + n);
            }
            for (int t = 0; t < n; t++) {
                if (!Double.isFinite(row[t])) {
                    throw new DataException(role + ": channel " + muscles.get(i) + " sample " + t + " is " + row[t]
                            + "; values must be finite");
                }
            }
            out[i] = row.clone();
        }
        return out;
    }

    /**
     * Refuses two [muscle][t] inputs that cannot be paired: rates or lengths that differ (naming both).
     *
     * @throws DataException e.g. "simulated activity has 1000 samples at 100.0 Hz, measured envelopes 998"
     */
    public static void requireAligned(String roleA, double[][] a, double rateA, String roleB, double[][] b,
            double rateB) {
        if (rateA != rateB) {
            throw new DataException(roleA + " is sampled at " + rateA + " Hz, " + roleB + " at " + rateB
                    + " Hz; resample one of them");
        }
        if (a.length != b.length) {
            throw new DataException(roleA + " has " + a.length + " muscles, " + roleB + " " + b.length);
        }
        int na = a.length == 0 ? 0 : a[0].length;
        int nb = b.length == 0 ? 0 : b[0].length;
        if (na != nb) {
            throw new DataException(roleA + " has " + na + " samples at " + rateA + " Hz, " + roleB + " " + nb);
        }
    }

    /**
     * Envelopes of raw EMG, [muscle][t], on the time base of an activity: {@link Preprocessor#apply} with the given
     * settings (band-pass, rectification, bins, clip and scale; clip levels and scales from the recording itself,
     * or given, e.g. from an MVC trial), then, when {@code lowPassHz} &gt; 0, an order-{@value #LOW_PASS_ORDER}
     * zero-phase Butterworth low-pass at the bin rate, then linear interpolation at the times
     * {@code startTimeS + j / rateHz}, j &lt; samples (the bin centres are the time of each bin; times beyond the
     * first or last bin centre take that bin's value).
     *
     * @param emg        raw EMG, channels labelled by muscle (exactly the muscles)
     * @param muscles    muscle order wanted
     * @param settings   the shared preprocessing
     * @param clipScale  {clip levels, scales} in muscle order (e.g. {@link Preprocessor#statistics}), or null
     * @param lowPassHz  cut-off of the extra low-pass, Hz; 0 for none; below half the bin rate
     * @param rateHz     rate of the activity, Hz
     * @param startTimeS time of the activity's first sample, s (on the EMG's clock)
     * @param samples    samples of the activity
     * @throws DataException on missing or extra muscles, a cut-off not below half the bin rate, or a preprocessing
     *                       refusal
     */
    public static double[][] envelopes(Signal emg, List<String> muscles, Preprocessing settings,
            double[][] clipScale, double lowPassHz, double rateHz, double startTimeS, int samples) {
        double[][] raw = activity("raw EMG", emg, muscles);
        if (!(lowPassHz >= 0) || Double.isInfinite(lowPassHz)) {
            throw new DataException("the low-pass cut-off must be >= 0 Hz (0 for none), got " + lowPassHz);
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz) || samples < 0) {
            throw new DataException("the activity's rate must be positive (got " + rateHz + " Hz) and its samples"
                    + " not negative (got " + samples + ")");
        }
        Preprocessed p = Preprocessor.apply(raw, emg.samplingRate(), muscles, emg.startTime(), settings,
                clipScale == null ? null : clipScale[0], clipScale == null ? null : clipScale[1]);
        double binRate = p.binRateHz();
        Sos lowPass = null;
        if (lowPassHz > 0) {
            if (!(lowPassHz < binRate / 2)) {
                throw new DataException("the low-pass cut-off " + lowPassHz + " Hz is not below half the bin rate "
                        + binRate / 2 + " Hz");
            }
            lowPass = Butterworth.lowpass(LOW_PASS_ORDER, lowPassHz, binRate);
            if (p.bins() <= lowPass.padLength()) {
                throw new DataException("the recording has " + p.bins() + " bins; the low-pass needs more than "
                        + lowPass.padLength());
            }
        }
        // samples per bin, as the preprocessor rounds it; bin k is centred at (k + 1/2)·factor − 1/2 samples
        double factor = emg.samplingRate() / binRate;
        double[][] out = new double[muscles.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] b = lowPass == null ? p.data()[i] : lowPass.filtfilt(p.data()[i]);
            double[] y = new double[samples];
            for (int j = 0; j < samples; j++) {
                double t = startTimeS + j / rateHz;
                double sample = (t - emg.startTime()) * emg.samplingRate();
                double pos = (sample + 0.5) / factor - 0.5;
                y[j] = interpolate(b, pos);
            }
            out[i] = y;
        }
        return out;
    }

    private static double interpolate(double[] x, double pos) {
        if (pos <= 0) {
            return x[0];
        }
        if (pos >= x.length - 1) {
            return x[x.length - 1];
        }
        int k = (int) Math.floor(pos);
        double w = pos - k;
        return x[k] * (1 - w) + x[k + 1] * w;
    }
}
