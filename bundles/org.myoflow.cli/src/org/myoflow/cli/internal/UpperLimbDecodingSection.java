package org.myoflow.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.activation.ActivationDecoding;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

/**
 * The upper-limb part of the activation benchmark (AutoLFADS protocol, second recording): a Vicon Nexus / Delsys
 * Trigno box-lifting trial (pyomeca's {@code markers_analogs.c3d}: 13 labelled shoulder and arm muscles, raw EMG at
 * 2000 Hz, 51 markers at 100 Hz, 5.8 s). Activation is estimated by low-pass, Bayesian filter and LFADS from the raw
 * EMG and judged, like the knee test, by the cross-validated R² of a linear decoder (lags 0–100 ms, contiguous folds)
 * of the measured kinematics: the height of the wrist marker and its speed, read from the same file and interpolated
 * linearly onto the EMG's sample times.
 * <p>
 * The recording is one lift of 5.8 s: each of the five contiguous folds tests a different phase of the movement
 * (rest, reach, lift, place, rest) that the decoder never saw, so these R² are a harsh test of generalisation over
 * phases, not of steady tracking (docs/activation.md#real-data); the R² of all held-out predictions pooled
 * ({@code decode_pooled_r2_upper_*}) is not dominated by the rest phases' tiny variance. Keys
 * {@code decode_r2_upper_<method>} (wrist height), {@code decode_r2_upper_speed_<method>}, and the pooled ones.
 */
final class UpperLimbDecodingSection implements RealDataSection {

    static final String FILE = "pyomeca/markers_analogs.c3d";
    /** The channels the lab labelled with a muscle (the others are named "Sensor N": unused sensors). */
    static final List<String> EMG = List.of("Delt_ant.EMG1", "Delt_med.EMG2", "Delt_post.EMG3", "Biceps.EMG4",
            "Triceps.EMG5", "Trap_sup.EMG6", "Trap_inf.EMG7", "Gd_dent.EMG8", "Supra.EMG9", "Infra.EMG10",
            "Subscap.EMG11", "Pec.IM EMG12", "Gd_dors.IM EMG13");
    static final String WRIST = "Daphnee:WRIST";
    /**
     * System property: the decoder's ridge weight λ (default that of {@link ActivationDecoding.Options}, 1e-3): a
     * measurement of how much of the held-out loss is the decoder over-fitting (docs/activation.md#real-data).
     */
    static final String RIDGE_PROPERTY = "myoflow.bench.realdata.upperRidge";

    @Override
    public String name() {
        return "activation-upper-limb";
    }

    @Override
    public Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) throws Exception {
        Path file = data.file(FILE);
        Recording rec = Recordings.read(file);
        RecordingSignal analog = rec.signal("analog").orElseThrow(() -> new DataException(FILE
                + ": no analog signal"));
        RecordingSignal markers = rec.signal("markers").orElseThrow(() -> new DataException(FILE
                + ": no markers"));
        Signal.Builder b = Signal.builder(analog.samplingRate());
        for (String label : EMG) {
            int c = channel(analog, label);
            b.channel(label.substring(0, label.indexOf('.')), analog.units().get(c), analog.data()[c]);
        }
        Signal emg = b.build();
        double[][] wrist = new double[3][];
        for (int k = 0; k < 3; k++) {
            wrist[k] = markers.data()[channel(markers, WRIST + "_" + "XYZ".charAt(k))];
            for (double v : wrist[k]) {
                if (!Double.isFinite(v)) {
                    throw new DataException(FILE + ": the wrist marker has gaps");
                }
            }
        }
        int frames = wrist[2].length;
        double mr = markers.samplingRate();
        double[] speed = new double[frames];
        for (int i = 0; i < frames; i++) {
            int a = Math.max(0, i - 1);
            int z = Math.min(frames - 1, i + 1);
            double s2 = 0;
            for (int k = 0; k < 3; k++) {
                double d = (wrist[k][z] - wrist[k][a]) * mr / (z - a);
                s2 += d * d;
            }
            speed[i] = Math.sqrt(s2);
        }
        double offset = markers.startTime() - analog.startTime();
        double[][] targets = {resample(wrist[2], mr, offset, emg.sampleCount(), emg.samplingRate()),
            resample(speed, mr, offset, emg.sampleCount(), emg.samplingRate())};
        ActivationDecoding.Options o = quick ? ActivationDecoding.Options.quick() : ActivationDecoding.Options.full();
        String ridge = System.getProperty(RIDGE_PROPERTY);
        if (ridge != null) {
            o = o.withLambda(Double.parseDouble(ridge));
        }
        ActivationDecoding.Result r = ActivationDecoding.evaluate(emg, targets, List.of("wrist height",
                "wrist speed"), o, progress);

        Map<String, Object> f = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : wrist[2]) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        lines.add(String.format(Locale.ROOT, "box lift (pyomeca, Vicon/Delsys): %d EMG channels at %.0f Hz, %.1f s; "
                + "wrist height %.0f-%.0f mm; %d bins of %.0f ms, decoder lags 0-%.0f ms, %d contiguous folds "
                + "(each a different phase of the one lift), ridge %.0e", emg.channelCount(), emg.samplingRate(),
                emg.sampleCount() / emg.samplingRate(), min, max, r.bins(), r.binMs(), r.maxLag() * r.binMs(),
                o.folds(), o.lambda()));
        lines.add(String.format(Locale.ROOT, "%-8s %10s %10s %13s %13s %13s  %s", "method", "R² height",
                "R² speed", "pooled height", "pooled speed", "R² height fit", "setting"));
        for (var e : r.methods().entrySet()) {
            var s = e.getValue();
            lines.add(String.format(Locale.ROOT, "%-8s %10.4f %10.4f %13.4f %13.4f %13.4f  %s", e.getKey(), s.r2()[0],
                    s.r2()[1], s.pooledR2()[0], s.pooledR2()[1], s.trainR2()[0], s.setting()));
            f.put("decode_r2_upper_" + e.getKey(), ActivationDecodingSection.round(s.r2()[0]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_r2_upper_speed_" + e.getKey(), ActivationDecodingSection.round(e.getValue().r2()[1]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_pooled_r2_upper_" + e.getKey(), ActivationDecodingSection.round(e.getValue().pooledR2()[0]));
            f.put("decode_pooled_r2_upper_speed_" + e.getKey(),
                    ActivationDecodingSection.round(e.getValue().pooledR2()[1]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_fit_r2_upper_" + e.getKey(), ActivationDecodingSection.round(e.getValue().trainR2()[0]));
        }
        for (int t = 0; t < 2; t++) {
            StringBuilder folds = new StringBuilder();
            for (var e : r.methods().entrySet()) {
                folds.append(' ').append(e.getKey()).append(':');
                for (double v : e.getValue().foldR2()[t]) {
                    folds.append(String.format(Locale.ROOT, " %.2f", v));
                }
            }
            lines.add((t == 0 ? "height" : "speed") + " R² per fold:" + folds);
        }
        var d = r.lfads();
        lines.add(String.format(Locale.ROOT, "LFADS: %d training + %d validation windows; validation loss %.4f "
                + "(first generation %.4f); %.1f s; rates low-passed like the low-pass estimator: R² height %.4f, "
                + "speed %.4f", d.trainingWindows(), d.validationWindows(), d.validationLoss(),
                d.firstValidationLoss(), d.seconds(), d.smoothed().r2()[0], d.smoothed().r2()[1]));
        f.put("decode_r2_upper_lfads_smoothed", ActivationDecodingSection.round(d.smoothed().r2()[0]));
        f.put("decode_upper_lfads_training_windows", d.trainingWindows());
        return new Result(f, lines);
    }

    /**
     * Linear interpolation of {@code x} (sampled at {@code rate} from {@code offset} seconds) at {@code n} times
     * {@code j / outRate}; held at the first and last value outside the samples.
     */
    static double[] resample(double[] x, double rate, double offset, int n, double outRate) {
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            double pos = (j / outRate - offset) * rate;
            if (pos <= 0) {
                y[j] = x[0];
            } else if (pos >= x.length - 1) {
                y[j] = x[x.length - 1];
            } else {
                int i = (int) pos;
                double w = pos - i;
                y[j] = x[i] * (1 - w) + x[i + 1] * w;
            }
        }
        return y;
    }

    private static int channel(RecordingSignal s, String label) {
        int i = s.indexOf(label);
        if (i < 0) {
            throw new DataException(FILE + ": no channel '" + label + "' in signal '" + s.name() + "'");
        }
        return i;
    }
}
