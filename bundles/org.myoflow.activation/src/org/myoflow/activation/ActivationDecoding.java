package org.myoflow.activation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.LfadsArchitecture;
import org.myoflow.activation.lfads.LfadsTrainer;
import org.myoflow.activation.lfads.LfadsTraining;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;
import org.myoflow.dsp.Envelopes;
import org.myoflow.dsp.LinearDecoding;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;

/**
 * Judges activation estimates on a real recording the way the AutoLFADS papers do (Wimalasena et al. 2022): the
 * estimates of every EMG channel are the inputs of a linear decoder with a short history (lags 0 … {@code maxLagMs})
 * of a measured quantity (joint torque, angle), and the decoder's cross-validated R² (contiguous folds,
 * {@link LinearDecoding}) scores the estimator. No estimator sees the measured quantity.
 *
 * <p>Estimators: a zero-phase low-pass of the band-passed, rectified EMG; Sanger's Bayesian filter (MAP) on the
 * same EMG; an LFADS-style model trained (AutoLFADS search) on the recording's own overlapping windows. Everything
 * is compared at the LFADS bin rate (means over bins). The baselines' one free setting (cut-off; α, β) is picked from
 * a small grid by the same cross-validated R² of the first target, which can only favour them; LFADS is trained
 * without the target, as in the papers (unsupervised, on all of the recording).
 *
 * <p>Diagnostics for LFADS (why it wins or loses on a given recording): its training and validation losses, the
 * number of windows it learnt from, each decoder's R² on its own training rows, and the correlation of its rates
 * with the low-pass envelope.
 *
 * @since 0.3
 */
public final class ActivationDecoding {

    /**
     * Settings.
     *
     * @param binMs           bin width of the comparison (and of LFADS); the bin holds round(binMs·fs/1000)
     *                        samples
     * @param maxLagMs        decoder history (lags 0 … maxLagMs, rounded to bins)
     * @param longLagMs       a longer history for a second score of every estimator ({@link Result#longHistory})
     * @param folds           contiguous cross-validation folds
     * @param lambda          ridge weight on standardised inputs
     * @param lowPassCutoffs  low-pass cut-offs tried, Hz (order 4, zero phase)
     * @param bayesGrid       (α, β) pairs tried for the Bayesian filter (100 levels, Laplace likelihood)
     * @param windowBins      LFADS window, bins
     * @param trainingOverlap LFADS training-window overlap, bins
     * @param inferenceOverlap LFADS inference overlap, bins
     * @param sizes           LFADS network sizes (channels and window are taken from the data)
     * @param search          the AutoLFADS search
     * @param seed            seed of LFADS training
     * @param lfadsTrainingFraction LFADS trains on the first this fraction of the recording (1: all of it, as the
     *                        papers) and estimates all of it; below 1 it measures how the score depends on the
     *                        amount of training data
     */
    public record Options(double binMs, double maxLagMs, double longLagMs, int folds, double lambda,
            double[] lowPassCutoffs, double[][] bayesGrid, int windowBins, int trainingOverlap, int inferenceOverlap,
            LfadsArchitecture sizes, AutoLfads.Options search, long seed, double lfadsTrainingFraction) {

        public Options {
            if (!(lfadsTrainingFraction > 0 && lfadsTrainingFraction <= 1)) {
                throw new IllegalArgumentException("lfadsTrainingFraction must lie in (0, 1], got "
                        + lfadsTrainingFraction);
            }
        }

        /** The same settings with LFADS trained on the first {@code fraction} of the recording only. */
        public Options withLfadsTrainingFraction(double fraction) {
            return new Options(binMs, maxLagMs, longLagMs, folds, lambda, lowPassCutoffs, bayesGrid, windowBins,
                    trainingOverlap, inferenceOverlap, sizes, search, seed, fraction);
        }

        /** The same options with another ridge weight λ of the decoder (≥ 0). */
        public Options withLambda(double ridge) {
            return new Options(binMs, maxLagMs, longLagMs, folds, ridge, lowPassCutoffs, bayesGrid, windowBins,
                    trainingOverlap, inferenceOverlap, sizes, search, seed, lfadsTrainingFraction);
        }

        /** Small LFADS (seconds of training), the rest as {@link #full()}. */
        public static Options quick() {
            return new Options(8, 100, 500, 5, 1e-3, new double[] {1, 2, 4, 6, 10}, new double[][] {{1e-4, 1e-10},
                {1e-3, 1e-10}, {1e-2, 1e-10}, {1e-1, 1e-10}, {1e-2, 1e-4}}, 50, 25, 25,
                    new LfadsArchitecture(1, 50, 16, 16, 16, 32, 8, 2, 4),
                    new AutoLfads.Options(2, 3, 2, 120, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 11), 7, 1);
        }

        /**
         * 8 ms bins, lags 0–100 ms, 5 folds, λ 1e-3; LFADS windows of 100 bins (0.8 s) overlapping by 75 for training,
         * encoders 32, controller 32, generator 64, 8 factors; AutoLFADS population 4 × 4 epochs × 6 generations.
         */
        public static Options full() {
            Options q = quick();
            return new Options(q.binMs, q.maxLagMs, q.longLagMs, q.folds, q.lambda, q.lowPassCutoffs, q.bayesGrid, 100, 75, 80,
                    new LfadsArchitecture(1, 100, 32, 32, 32, 64, 16, 2, 8),
                    new AutoLfads.Options(4, 4, 6, 900, 0.25, 0.2, AutoLfads.Options.defaultRanges(), 11), 7, 1);
        }
    }

    /**
     * One estimator's scores.
     *
     * @param setting  its chosen setting, readable
     * @param r2       cross-validated R², per target
     * @param trainR2  the decoders' R² on their own training rows, per target
     * @param foldR2   R² per target and fold
     * @param estimate the estimate [channel][bin]
     * @param pooledR2 R² of all held-out predictions together about the whole target's mean, per target
     */
    public record Score(String setting, double[] r2, double[] trainR2, double[][] foldR2, double[][] estimate,
            double[] pooledR2) {
    }

    /**
     * LFADS' training, measured.
     *
     * @param trainLoss          the chosen member's training loss at its last generation
     * @param validationLoss     its validation loss (held-out windows)
     * @param trainingWindows    windows it learnt from
     * @param validationWindows  windows held out for the search
     * @param seconds            training time
     * @param hyperparameters    the chosen hyper-parameters
     * @param firstValidationLoss the best validation loss after the search's first generation (against
     *                           {@code validationLoss}: how much the search still gained)
     * @param correlationLowPass Pearson r of its rates with the chosen low-pass envelope, mean over channels
     * @param smoothed           the decoding scores of its rates passed through the chosen low-pass (same cut-off
     *                           and order as the low-pass estimator, zero phase, at the bin rate): whether what
     *                           LFADS lacks is information or only smoothness
     */
    public record LfadsDiagnostics(double trainLoss, double validationLoss, int trainingWindows,
            int validationWindows, double seconds, String hyperparameters, double firstValidationLoss,
            double correlationLowPass, Score smoothed) {
    }

    /**
     * The outcome.
     *
     * @param targets target names, in the order of the R² arrays
     * @param methods "lowpass", "bayes", "lfads" → scores
     * @param lfads   LFADS diagnostics
     * @param bins    bins compared
     * @param binMs   actual bin width, ms
     * @param maxLag  decoder history, bins
     * @param longHistory per method, the cross-validated R² per target with lags 0 … {@code longLagMs} (the chosen
     *                    settings of the main score)
     */
    public record Result(List<String> targets, Map<String, Score> methods, LfadsDiagnostics lfads, int bins,
            double binMs, int maxLag, Map<String, double[]> longHistory) {
    }

    private ActivationDecoding() {
    }

    /**
     * Estimates activation three ways and scores each by cross-validated decoding of the targets.
     *
     * @param emg         raw EMG, one channel per muscle
     * @param targets     measured quantities [target][sample] at the EMG's sampling rate, as many samples
     * @param targetNames one name per target
     * @throws DataException when the targets do not match the EMG in length or the recording is too short
     */
    public static Result evaluate(Signal emg, double[][] targets, List<String> targetNames, Options o,
            Progress progress) {
        if (targets.length != targetNames.size() || targets.length == 0) {
            throw new DataException("give one name per target and at least one target (" + targets.length
                    + " targets, " + targetNames.size() + " names)");
        }
        int n = emg.sampleCount();
        for (int k = 0; k < targets.length; k++) {
            if (targets[k].length != n) {
                throw new DataException("target '" + targetNames.get(k) + "' has " + targets[k].length
                        + " samples, the EMG " + n);
            }
        }
        double fs = emg.samplingRate();
        int factor = (int) Math.max(1, Math.round(o.binMs() * fs / 1000));
        double binMs = factor * 1000 / fs;
        int maxLag = (int) Math.round(o.maxLagMs() / binMs);
        int bins = n / factor;
        double[][] y = new double[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            y[k] = Envelopes.binMean(targets[k], factor);
        }
        Map<String, Score> methods = new LinkedHashMap<>();
        double[] chosenCutoff = {Double.NaN};

        // baselines at the full rate on the band-passed, rectified, clipped and scaled EMG, then binned
        Preprocessed full = Preprocessor.apply(emg, Preprocessing.defaults().withBinMs(1000 / fs));
        Score best = null;
        for (double fc : o.lowPassCutoffs()) {
            double[][] e = new double[full.channels()][];
            for (int c = 0; c < e.length; c++) {
                e[c] = Envelopes.binMean(LowPassEnvelope.estimate(full.data()[c], fs, 4, fc), factor);
            }
            Score sc = score(String.format(Locale.ROOT, "order 4, %.0f Hz", fc), e, y, bins, maxLag, o);
            if (better(best, sc) == sc) {
                chosenCutoff[0] = fc;
            }
            best = better(best, sc);
        }
        methods.put("lowpass", best);
        progress.checkCancelled();
        best = null;
        for (double[] ab : o.bayesGrid()) {
            SangerBayesFilter f = new SangerBayesFilter(100, ab[0], ab[1], SangerBayesFilter.Likelihood.LAPLACE, 0);
            double[][] e = new double[full.channels()][];
            for (int c = 0; c < e.length; c++) {
                e[c] = Envelopes.binMean(f.map(full.data()[c]), factor);
            }
            best = better(best, score(String.format(Locale.ROOT, "alpha %.0e, beta %.0e", ab[0], ab[1]), e, y, bins,
                    maxLag, o));
        }
        methods.put("bayes", best);
        progress.update(0.1, "baselines done");

        // LFADS on the recording's own windows
        Preprocessing binned = Preprocessing.defaults().withBinMs(o.binMs());
        LfadsTraining.Settings settings = new LfadsTraining.Settings(binned, o.windowBins(), o.trainingOverlap(),
                o.inferenceOverlap(), o.sizes(), LfadsTrainer.Options.defaults(o.seed()), o.search(), null, 0, 0.2);
        Signal trainOn = emg;
        if (o.lfadsTrainingFraction() < 1) {
            int keep = (int) Math.round(n * o.lfadsTrainingFraction());
            Signal.Builder part = Signal.builder(fs).startTime(emg.startTime());
            for (int c = 0; c < emg.channelCount(); c++) {
                part.channel(emg.labels().get(c), emg.units().get(c), java.util.Arrays.copyOf(emg.channel(c), keep));
            }
            trainOn = part.build();
        }
        LfadsTraining.Result lf = LfadsTraining.train(List.of(trainOn), settings, "realdata-lfads", progress);
        double[][] rates;
        try (var model = lf.model()) {
            rates = model.estimate(Preprocessor.apply(emg, binned, doubles(lf, "clipLevels"), doubles(lf, "scales")));
        }
        Score lfads = score(lf.hyperparameters().toString(), rates, y, bins, maxLag, o);
        methods.put("lfads", lfads);
        AutoLfads.Result search = lf.search();
        double trainLoss = Double.NaN;
        double valLoss = search.bestValidationLoss();
        double firstVal = Double.POSITIVE_INFINITY;
        int lastGeneration = search.history().stream().mapToInt(AutoLfads.Entry::generation).max().orElse(0);
        int firstGeneration = search.history().stream().mapToInt(AutoLfads.Entry::generation).min().orElse(0);
        for (AutoLfads.Entry e : search.history()) {
            if (e.member() == search.bestMember() && e.generation() == lastGeneration) {
                trainLoss = e.trainLoss();
                valLoss = e.validationLoss();
            }
            if (e.generation() == firstGeneration && e.validationLoss() < firstVal) {
                firstVal = e.validationLoss();
            }
        }
        double binRate = 1000 / binMs;
        double[][] smooth = new double[rates.length][];
        for (int c = 0; c < rates.length; c++) {
            smooth[c] = LowPassEnvelope.estimate(rates[c], binRate, 4, chosenCutoff[0]);
        }
        Score smoothed = score(String.format(Locale.ROOT, "LFADS rates, order 4, %.0f Hz", chosenCutoff[0]), smooth,
                y, bins, maxLag, o);
        double corr = 0;
        double[][] lp = methods.get("lowpass").estimate();
        for (int c = 0; c < lp.length; c++) {
            corr += pearson(lp[c], lfads.estimate()[c], bins) / lp.length;
        }
        LfadsDiagnostics d = new LfadsDiagnostics(trainLoss, valLoss, lf.trainingWindows(), lf.validationWindows(),
                lf.trainSeconds(), lf.hyperparameters().toString(), firstVal, corr, smoothed);
        int longLag = (int) Math.round(o.longLagMs() / binMs);
        Map<String, double[]> longHistory = new LinkedHashMap<>();
        for (var e : methods.entrySet()) {
            longHistory.put(e.getKey(), score(e.getValue().setting(), e.getValue().estimate(), y, bins, longLag, o)
                    .r2());
        }
        return new Result(List.copyOf(targetNames), methods, d, bins, binMs, maxLag, longHistory);
    }

    private static Score better(Score a, Score b) {
        return a == null || b.r2()[0] > a.r2()[0] ? b : a;
    }

    private static Score score(String setting, double[][] estimate, double[][] y, int bins, int maxLag, Options o) {
        double[][] x = new double[estimate.length][];
        for (int c = 0; c < x.length; c++) {
            if (estimate[c].length < bins) {
                throw new DataException("an estimate has " + estimate[c].length + " bins, expected " + bins);
            }
            x[c] = java.util.Arrays.copyOf(estimate[c], bins);
        }
        double[] r2 = new double[y.length];
        double[] tr = new double[y.length];
        double[][] folds = new double[y.length][];
        double[] pooled = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            var r = LinearDecoding.crossValidate(x, java.util.Arrays.copyOf(y[k], bins), maxLag, o.folds(),
                    o.lambda());
            r2[k] = r.meanR2();
            tr[k] = r.meanTrainR2();
            folds[k] = r.foldR2();
            pooled[k] = r.pooledR2();
        }
        return new Score(setting, r2, tr, folds, x, pooled);
    }

    static double pearson(double[] a, double[] b, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] doubles(LfadsTraining.Result r, String key) {
        var a = r.card().normalisation().getAsJsonArray(key);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }
}
