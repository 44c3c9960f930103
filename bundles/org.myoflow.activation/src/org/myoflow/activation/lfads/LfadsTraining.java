package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.OnnxSessions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Trains an LFADS-style model on one or more recordings of the same channels, the AutoLFADS way (a population-based
 * search over the regularisation hyper-parameters within a time budget) or with fixed hyper-parameters, and exports
 * it to ONNX with its model card.
 *
 * <p>Data: every recording is preprocessed with the same clip levels and scales (computed over all recordings
 * together), chopped into windows of {@code windowBins} overlapping by {@code trainingOverlapBins}; the last
 * {@code validationFraction} of each recording's windows, less those sharing bins with a training window, are held
 * out for validation (PBT's score). The band-pass for the statistics runs over the recordings joined end to end;
 * the training data are filtered recording by recording.
 *
 * @since 0.1
 */
public final class LfadsTraining {

    /**
     * Training settings.
     *
     * @param preprocessing        band-pass, binning, clipping, scaling
     * @param windowBins           bins per window
     * @param trainingOverlapBins  overlap of the training windows (more overlap, more windows)
     * @param inferenceOverlapBins overlap used when the model estimates a recording (stored in the card)
     * @param sizes                network sizes (channels and window are taken from the data and windowBins)
     * @param options              batch, augmentation, ramps, seed
     * @param search               the AutoLFADS search; null trains once with {@code fixed}
     * @param fixed                hyper-parameters when there is no search
     * @param fixedEpochs          epochs when there is no search
     * @param validationFraction   fraction of each recording's windows held out, in [0, 0.5)
     */
    public record Settings(Preprocessing preprocessing, int windowBins, int trainingOverlapBins,
            int inferenceOverlapBins, LfadsArchitecture sizes, LfadsTrainer.Options options, AutoLfads.Options search,
            LfadsHyperparameters fixed, int fixedEpochs, double validationFraction) {
        public Settings {
            if (windowBins < 4 || trainingOverlapBins < 0 || trainingOverlapBins >= windowBins
                    || inferenceOverlapBins < 0 || inferenceOverlapBins >= windowBins) {
                throw new IllegalArgumentException("windows of " + windowBins + " bins need overlaps in [0, "
                        + windowBins + "), got " + trainingOverlapBins + " (training) and " + inferenceOverlapBins
                        + " (inference)");
            }
            if (!(validationFraction >= 0 && validationFraction < 0.5)) {
                throw new IllegalArgumentException("validationFraction must lie in [0, 0.5), got "
                        + validationFraction);
            }
            if (search == null && (fixed == null || fixedEpochs < 1)) {
                throw new IllegalArgumentException("without a search, give fixed hyper-parameters and epochs >= 1");
            }
        }
    }

    /**
     * The outcome: the model (ready to run; it owns its ONNX Runtime session, close it), its ONNX bytes and card,
     * the search (null without one).
     */
    public record Result(LfadsModel model, byte[] onnx, ModelCard card, AutoLfads.Result search,
            LfadsHyperparameters hyperparameters, double trainSeconds, int trainingWindows,
            int validationWindows) {
    }

    private LfadsTraining() {
    }

    /**
     * Training and validation windows [window][t·C + c] of one recording: the plan's last {@code fraction} of
     * windows are the validation candidates, and of those only the ones that share no bin with a training window are
     * kept (with overlapping windows the first few candidates would otherwise repeat training data).
     */
    static float[][][] split(Preprocessed p, int windowBins, int overlap, double fraction) {
        var plan = p.windows(windowBins, overlap);
        double[][][] w = plan.chop(p.data());
        int nVal = (int) Math.floor(w.length * fraction);
        int nTrain = w.length - nVal;
        int trainEnd = plan.start(nTrain - 1) + windowBins;
        List<float[]> train = new ArrayList<>();
        List<float[]> val = new ArrayList<>();
        int c = p.channels();
        for (int k = 0; k < w.length; k++) {
            if (k >= nTrain && plan.start(k) < trainEnd) {
                continue;
            }
            float[] f = new float[windowBins * c];
            for (int t = 0; t < windowBins; t++) {
                for (int ch = 0; ch < c; ch++) {
                    f[t * c + ch] = (float) w[k][ch][t];
                }
            }
            (k < nTrain ? train : val).add(f);
        }
        return new float[][][] {train.toArray(float[][]::new), val.toArray(float[][]::new)};
    }

    /**
     * Trains on the recordings (same channel labels, same sampling rate).
     *
     * @param name the model's name in its card
     * @throws DataException when the recordings disagree in channels or rate, hold NaN, or are too short
     */
    public static Result train(List<Signal> recordings, Settings s, String name, Progress progress) {
        return train(recordings, s, name, progress, AutoLfads.InProcessRunner::new);
    }

    /**
     * Trains on the recordings as {@link #train(List, Settings, String, Progress)} does, the search's members
     * trained by the population the factory creates (e.g. a {@link ProcessRunner}'s processes).
     *
     * @since 0.3
     */
    public static Result train(List<Signal> recordings, Settings s, String name, Progress progress,
            AutoLfads.PopulationFactory population) {
        if (recordings.isEmpty()) {
            throw new DataException("LFADS training needs at least one recording");
        }
        Signal first = recordings.get(0);
        for (int i = 1; i < recordings.size(); i++) {
            Signal r = recordings.get(i);
            if (!r.labels().equals(first.labels())) {
                throw new DataException("recording " + (i + 1) + " has channels " + r.labels() + " (" + r.channelCount()
                        + "), recording 1 has " + first.labels() + " (" + first.channelCount() + ")");
            }
            if (r.samplingRate() != first.samplingRate()) {
                throw new DataException("recording " + (i + 1) + " is sampled at " + r.samplingRate()
                        + " Hz, recording 1 at " + first.samplingRate() + " Hz");
            }
        }
        double[][] stats = Preprocessor.statistics(recordings, s.preprocessing());
        List<float[]> train = new ArrayList<>();
        List<float[]> val = new ArrayList<>();
        double binRate = 0;
        for (Signal r : recordings) {
            Preprocessed p = Preprocessor.apply(r, s.preprocessing(), stats[0], stats[1]);
            binRate = p.binRateHz();
            float[][][] split = split(p, s.windowBins(), s.trainingOverlapBins(), s.validationFraction());
            train.addAll(List.of(split[0]));
            val.addAll(List.of(split[1]));
        }
        float[][] tr = train.toArray(float[][]::new);
        float[][] va = val.toArray(float[][]::new);
        if (s.search() != null && va.length == 0) {
            throw new DataException("the AutoLFADS search needs validation windows, but " + recordings.size()
                    + " recording(s) of " + tr.length + " training windows leave none (validationFraction "
                    + s.validationFraction() + " of each recording's windows, minus those overlapping training "
                    + "windows): record longer, lower the overlap or raise validationFraction");
        }
        LfadsArchitecture arch = s.sizes().with(first.channelCount(), s.windowBins());
        long t0 = System.nanoTime();
        AutoLfads.Result search = null;
        LfadsHyperparameters hp;
        byte[] onnx;
        Map<String, String> meta = Map.of("myoflow.task", LfadsModel.TASK, "myoflow.model", name);
        if (s.search() != null) {
            try (AutoLfads.TrainedPopulation runner = population.create(arch, tr, va, s.options(),
                    s.search().population())) {
                search = AutoLfads.search(s.search(), runner, progress);
                hp = search.best();
                onnx = runner.exportOnnx(search.bestMember(), "myoflow", meta);
            }
        } else {
            try (LfadsTrainer t = new LfadsTrainer(arch, tr, va, s.options())) {
                for (int e = 0; e < s.fixedEpochs(); e++) {
                    double loss = t.trainEpochs(1, s.fixed(), progress);
                    if (progress != null) {
                        progress.update((e + 1.0) / s.fixedEpochs(), String.format(Locale.ROOT,
                                "LFADS epoch %d/%d: loss %.4f", e + 1, s.fixedEpochs(), loss));
                    }
                }
                hp = s.fixed();
                onnx = t.network().exportOnnx("myoflow", meta);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = card(name, arch, s, stats, first.labels(), binRate, hp, search, seconds, tr.length,
                va.length);
        LfadsModel model = new LfadsModel(name, card, OnnxSessions.load(onnx, name), true);
        return new Result(model, onnx, card, search, hp, seconds, tr.length, va.length);
    }

    private static ModelCard card(String name, LfadsArchitecture a, Settings s, double[][] stats,
            List<String> labels, double binRate, LfadsHyperparameters hp, AutoLfads.Result search, double seconds,
            int nTrain, int nVal) {
        JsonObject config = new JsonObject();
        JsonArray ch = new JsonArray();
        labels.forEach(ch::add);
        config.add("channels", ch);
        config.addProperty("windowBins", a.windowBins());
        config.addProperty("overlapBins", s.inferenceOverlapBins());
        config.addProperty("binRateHz", binRate);
        JsonObject sizes = new JsonObject();
        sizes.addProperty("icEncoder", a.icEncoder());
        sizes.addProperty("ciEncoder", a.ciEncoder());
        sizes.addProperty("controller", a.controller());
        sizes.addProperty("generator", a.generator());
        sizes.addProperty("icDim", a.icDim());
        sizes.addProperty("coDim", a.coDim());
        sizes.addProperty("factors", a.factors());
        config.add("architecture", sizes);
        Map<String, String> params = new LinkedHashMap<>();
        hp.asMap().forEach((k, v) -> params.put(k, Double.toString(v)));
        if (search != null) {
            params.put("population", Integer.toString(s.search().population()));
            params.put("generations", Integer.toString(search.generations()));
            params.put("epochsPerGeneration", Integer.toString(s.search().epochsPerGeneration()));
            params.put("budgetSeconds", Double.toString(s.search().budgetSeconds()));
        } else {
            params.put("epochs", Integer.toString(s.fixedEpochs()));
        }
        ModelCard.Builder b = ModelCard.builder(name, "1.0.0", LfadsModel.TASK, LfadsModel.signature(a.channels(),
                a.factors()))
                .description(String.format(Locale.ROOT, "LFADS-style activation model for %d EMG channels %s: "
                        + "bidirectional GRU encoders, controller, GRU generator (%d), %d factors, Gamma "
                        + "likelihood; windows of %d bins at %.1f Hz", a.channels(), labels, a.generator(),
                        a.factors(), a.windowBins(), binRate))
                .normalisation(LfadsModel.normalisation(s.preprocessing(), stats[0], stats[1]))
                .config(config).training(search != null ? "autolfads" : "lfads", params, s.options().seed())
                .metric("train_seconds", Math.round(seconds * 10) / 10.0)
                .metric("training_windows", nTrain).metric("validation_windows", nVal)
                .framework("DJL 0.35.1 / PyTorch 2.7.1; ONNX opset 17 via org.myoflow.ml.onnx");
        if (search != null) {
            b.metric("validation_loss", search.bestValidationLoss());
        }
        return b.build();
    }
}
