package org.myoflow.surrogate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.TensorSpec;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import com.google.gson.JsonObject;

import ai.djl.Model;

/**
 * The training recipe of a MUAP surrogate for one {@link SurrogateConfig}: simulate a training set with the
 * numerical conductor, hold out a validation split (by unit) for early stopping, train the coordinate network,
 * measure NRMSE and correlation on a separately drawn test set, export to ONNX and write the model folder with its
 * card. Used by {@code ./myoflow train muap-surrogate-demo} and by the tests (quick variant).
 *
 * @param units     simulated units for training + validation
 * @param testUnits simulated units for the held-out metrics (drawn with seed + 1)
 * @param epochs    maximum epochs
 * @param width     hidden width of the MLP
 * @param depth     hidden layers
 * @param seed      seeds the training set, the split, initialisation and shuffling
 * @since 0.1
 */
public record SurrogateTraining(String name, SurrogateConfig config, int units, int testUnits, int epochs,
        int width, int depth, long seed) {

    /** The demo model's recipe (full or quick). */
    public static SurrogateTraining demo(boolean quick, long seed) {
        return quick ? new SurrogateTraining("muap-surrogate-demo", SurrogateConfig.demo(), 160, 40, 12, 48, 3, seed)
                : new SurrogateTraining("muap-surrogate-demo", SurrogateConfig.demo(), 1600, 200, 60, 96, 3, seed);
    }

    /** Outcome: the model folder, the card as written and the training history. */
    public record Outcome(Path folder, ModelCard card, TrainingLoop.Result history, double generateSeconds) {
    }

    /** Runs the recipe and writes {@code root/name/model.onnx + model.json}. */
    public Outcome run(Path root, Progress progress) {
        long t0 = System.nanoTime();
        progress.update(0, "simulating " + units + " training units with the numerical conductor");
        TrainingSet all = TrainingSet.generate(config, units, seed, sub(progress, 0, 0.3));
        TrainingSet test = TrainingSet.generate(config, testUnits, seed + 1, sub(progress, 0.3, 0.35));
        double genS = (System.nanoTime() - t0) / 1e9;
        TrainingSet.Split split = all.split(0.1, seed);
        SurrogateNetwork net = new SurrogateNetwork(config, width, depth, Mlp.Act.SILU,
                SurrogateNetwork.sigmaOf(split.train()));
        TrainingOptions options = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(4)
                .withLearningRate(2e-3f, 1e-5f).withPatience(Math.max(5, epochs / 4)).withSeed(seed);
        try (Model model = net.newModel()) {
            TrainingLoop.Result r = net.train(model, split.train(), split.validation(), options,
                    sub(progress, 0.35, 0.95));
            progress.update(0.95, "held-out metrics on " + testUnits + " units");
            double[][] m = SurrogateMetrics.perUnit(SurrogateMetrics.toDouble(test.muaps()),
                    SurrogateMetrics.toDouble(net.predict(model, test.conditionsNormalised())));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("units", Integer.toString(units));
            params.put("testUnits", Integer.toString(testUnits));
            params.put("epochs", Integer.toString(epochs));
            params.put("width", Integer.toString(width));
            params.put("depth", Integer.toString(depth));
            params.put("activation", "SILU");
            params.put("batchUnits", "4");
            params.put("learningRate", "2e-3 -> 1e-5 (warm-up 2 epochs, cosine)");
            JsonObject norm = new JsonObject();
            norm.addProperty("conditions", "minmax-0.5-1");
            norm.addProperty("outputLayout", "NET");
            norm.addProperty("outputScale", 1.0);
            norm.addProperty("sigmaMv", net.sigma());
            ModelSignature sig = new ModelSignature(
                    java.util.List.of(TensorSpec.float32(SurrogateNetwork.INPUT, -1, 6)),
                    java.util.List.of(TensorSpec.float32(SurrogateNetwork.OUTPUT, -1, config.electrodes(),
                            config.samples())));
            ModelCard card = ModelCard.builder(name, "1.0.0", SurrogateModel.TASK, sig)
                    .description(String.format(Locale.ROOT, "MUAP surrogate of the planar conductor (%d x %d array, "
                            + "%.0f Hz, %d samples): coordinate MLP %d x %d SiLU over (ln fibres, depth, CV, length, "
                            + "dx, dz); trained on %d simulated units", config.rows(), config.cols(),
                            config.samplingRateHz(), config.samples(), depth, width, split.train().size()))
                    .normalisation(norm).config(config.toJson()).training("muap-surrogate-demo", params, seed)
                    .trainingDataDigest(all.digest())
                    .metric("test_nrmse_median", SurrogateMetrics.quantile(m[0], 0.5))
                    .metric("test_nrmse_p95", SurrogateMetrics.quantile(m[0], 0.95))
                    .metric("test_corr_median", SurrogateMetrics.quantile(m[1], 0.5))
                    .metric("validation_loss", r.bestValidationLoss()).metric("best_epoch", r.bestEpoch())
                    .metric("train_seconds", Math.round(r.seconds() * 10) / 10.0)
                    .framework("DJL 0.35.1 / PyTorch 2.7.1 (1 thread); ONNX opset 17 via org.myoflow.ml.onnx")
                    .build();
            byte[] onnx = net.exportOnnx(model, Map.of("myoflow.task", SurrogateModel.TASK,
                    "myoflow.config.sha256", config.digest()));
            Path folder = root.resolve(name);
            ModelCard written = ModelRegistry.writeModel(folder, onnx, card);
            progress.update(1, "model written to " + folder);
            return new Outcome(folder, written, r, genS);
        }
    }

    static Progress sub(Progress p, double from, double to) {
        return new Progress() {
            @Override
            public void update(double fraction, String message) {
                p.update(from + (to - from) * fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return p.isCancelled();
            }
        };
    }
}
