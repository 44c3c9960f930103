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
 * The activation part of {@code bench realdata} (AutoLFADS protocol): on the raw EMG of an isokinetic knee test
 * (c3d.org sample 35: vastus medialis and lateralis, knee torque and angle, 1250 Hz, 29 s), activation estimated by
 * low-pass, Bayesian filter and LFADS, each judged by the cross-validated R² of a linear decoder (lags 0–100 ms) of
 * the measured torque and angle ({@link ActivationDecoding}). Keys {@code decode_r2_<method>} (torque),
 * {@code decode_r2_angle_<method>}, and LFADS' training figures.
 */
final class ActivationDecodingSection implements RealDataSection {

    static final String KNEE = "c3dio/Mega_Electronics_Isokinetic_EMG_Angle_Torque.c3d";
    static final List<String> EMG = List.of("Vastus medialis", "Vastus lateralis");
    /**
     * System property: LFADS trains on the first this fraction of the recording (default 1, all of it); a
     * measurement of how its score depends on the amount of data (docs/activation.md#real-data).
     */
    static final String FRACTION_PROPERTY = "myoflow.bench.realdata.lfadsFraction";

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) throws Exception {
        Path file = data.file(KNEE);
        Recording rec = Recordings.read(file);
        RecordingSignal analog = rec.signal("analog").orElseThrow(() -> new DataException(KNEE
                + ": no analog signal"));
        Signal.Builder b = Signal.builder(analog.samplingRate());
        for (String label : EMG) {
            b.channel(label, analog.units().get(channel(analog, label)), analog.data()[channel(analog, label)]);
        }
        Signal emg = b.build();
        double[][] targets = {analog.data()[channel(analog, "Torque")], analog.data()[channel(analog, "Angle")]};
        ActivationDecoding.Options o = quick ? ActivationDecoding.Options.quick() : ActivationDecoding.Options.full();
        double fraction = Double.parseDouble(System.getProperty(FRACTION_PROPERTY, "1"));
        if (fraction != 1) {
            o = o.withLfadsTrainingFraction(fraction);
        }
        ActivationDecoding.Result r = ActivationDecoding.evaluate(emg, targets, List.of("torque", "angle"), o,
                progress);

        Map<String, Object> f = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "isokinetic knee test (c3d.org sample 35): %d EMG channels at %.0f Hz, "
                + "%.1f s; %d bins of %.0f ms, decoder lags 0-%.0f ms, %d contiguous folds, ridge %.0e",
                emg.channelCount(), emg.samplingRate(), emg.sampleCount() / emg.samplingRate(), r.bins(), r.binMs(),
                r.maxLag() * r.binMs(), o.folds(), o.lambda()));
        lines.add(String.format(Locale.ROOT, "%-8s %10s %10s %14s  %s", "method", "R² torque", "R² angle",
                "R² torque fit", "setting"));
        for (var e : r.methods().entrySet()) {
            var s = e.getValue();
            lines.add(String.format(Locale.ROOT, "%-8s %10.4f %10.4f %14.4f  %s", e.getKey(), s.r2()[0], s.r2()[1],
                    s.trainR2()[0], s.setting()));
            f.put("decode_r2_" + e.getKey(), round(s.r2()[0]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_r2_angle_" + e.getKey(), round(e.getValue().r2()[1]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_pooled_r2_" + e.getKey(), round(e.getValue().pooledR2()[0]));
        }
        for (var e : r.methods().entrySet()) {
            f.put("decode_fit_r2_" + e.getKey(), round(e.getValue().trainR2()[0]));
        }
        StringBuilder folds = new StringBuilder();
        for (var e : r.methods().entrySet()) {
            folds.append(' ').append(e.getKey()).append(':');
            for (double v : e.getValue().foldR2()[0]) {
                folds.append(String.format(Locale.ROOT, " %.3f", v));
            }
        }
        lines.add("torque R² per fold:" + folds);
        StringBuilder pooled = new StringBuilder();
        for (var e : r.methods().entrySet()) {
            pooled.append(String.format(Locale.ROOT, " %s %.4f (angle %.4f)", e.getKey(), e.getValue().pooledR2()[0],
                    e.getValue().pooledR2()[1]));
        }
        lines.add("R² of the held-out predictions pooled, torque:" + pooled);
        var d = r.lfads();
        double[] lf = r.methods().get("lfads").foldR2()[0];
        double inTraining = 0;
        for (int k = 0; k < lf.length - 1; k++) {
            inTraining += lf[k] / (lf.length - 1);
        }
        lines.add(String.format(Locale.ROOT, "LFADS: %d training + %d validation windows of %d bins (%.1f s of EMG); "
                + "validation loss %.4f after the first generation, %.4f at the end (training loss %.4f, with its "
                + "penalties); %.1f s; %s", d.trainingWindows(), d.validationWindows(), o.windowBins(),
                o.lfadsTrainingFraction() * emg.sampleCount() / emg.samplingRate(), d.firstValidationLoss(),
                d.validationLoss(), d.trainLoss(),
                d.seconds(), d.hyperparameters()));
        lines.add(String.format(Locale.ROOT, "LFADS diagnostics: torque R² %.4f on the folds of its training windows, "
                + "%.4f on the last fold (its validation windows); rates vs low-pass envelope r %.3f; rates "
                + "low-passed like the low-pass estimator (%s): R² torque %.4f, angle %.4f", inTraining,
                lf[lf.length - 1], d.correlationLowPass(), d.smoothed().setting(), d.smoothed().r2()[0],
                d.smoothed().r2()[1]));
        StringBuilder longer = new StringBuilder();
        for (var e : r.longHistory().entrySet()) {
            longer.append(String.format(Locale.ROOT, " %s %.4f (angle %.4f)", e.getKey(), e.getValue()[0],
                    e.getValue()[1]));
            f.put("decode_r2_long_" + e.getKey(), round(e.getValue()[0]));
        }
        lines.add(String.format(Locale.ROOT, "with lags 0-%.0f ms, R² torque:", o.longLagMs()) + longer);
        f.put("decode_r2_lfads_smoothed", round(d.smoothed().r2()[0]));
        f.put("decode_r2_angle_lfads_smoothed", round(d.smoothed().r2()[1]));
        f.put("decode_r2_lfads_training_folds", round(inTraining));
        f.put("decode_r2_lfads_validation_fold", round(lf[lf.length - 1]));
        f.put("decode_lfads_train_loss", round(d.trainLoss()));
        f.put("decode_lfads_validation_loss", round(d.validationLoss()));
        f.put("decode_lfads_validation_loss_first", round(d.firstValidationLoss()));
        f.put("decode_lfads_training_windows", d.trainingWindows());
        if (o.lfadsTrainingFraction() != 1) {
            f.put("decode_lfads_training_fraction", o.lfadsTrainingFraction());
        }
        f.put("decode_lfads_corr_lowpass", round(d.correlationLowPass()));
        f.put("decode_lfads_train_seconds", Math.round(d.seconds() * 10) / 10.0);
        return new Result(f, lines);
    }

    private static int channel(RecordingSignal s, String label) {
        int i = s.indexOf(label);
        if (i < 0) {
            throw new DataException(KNEE + ": no channel '" + label + "' in " + s.labels());
        }
        return i;
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
