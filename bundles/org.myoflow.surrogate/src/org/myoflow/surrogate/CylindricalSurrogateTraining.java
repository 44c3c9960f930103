package org.myoflow.surrogate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The training recipe of the cylindrical (limb) MUAP surrogate, the counterpart of {@link SurrogateTraining} with the
 * same harness (training loop, loss, export, model card): simulate a training set with the numerical cylindrical
 * conductor ({@link CylindricalTrainingSet}), hold out 10 % of the units for early stopping, train the coordinate
 * network, measure NRMSE and correlation on a test set drawn with seed + 1 (its fat thicknesses differ from every
 * training one), export to ONNX and write the model folder with its card. Used by {@code ./myoflow train
 * muap-surrogate-cylindrical} and by the tests (small variants).
 *
 * @param fatLevels distinct fat thicknesses of the training set (one detection table each)
 * @param fibreCap  training units of more fibres are estimated from this many of them (0: all); the test units
 *                  always use every fibre
 * @since 0.3
 */
public record CylindricalSurrogateTraining(String name, CylindricalSurrogateConfig config, int units, int testUnits,
        int fatLevels, int fibreCap, int epochs, int width, int depth, long seed) {

    /** Name (and recipe id) of the shipped model. */
    public static final String NAME = "muap-surrogate-cylindrical";

    /** The shipped model's recipe (full) or a seconds-long variant (quick). */
    public static CylindricalSurrogateTraining demo(boolean quick, long seed) {
        return quick ? new CylindricalSurrogateTraining(NAME, CylindricalSurrogateConfig.demo(), 120, 24, 4, 100, 10,
                48, 3, seed)
                : new CylindricalSurrogateTraining(NAME, CylindricalSurrogateConfig.demo(), 1200, 100, 30, 160, 60,
                        96, 3, seed);
    }

    /** Outcome: the model folder, the card as written, the training history and the two phases' seconds. */
    public record Outcome(Path folder, ModelCard card, TrainingLoop.Result history, double generateSeconds,
            double trainSeconds) {
    }

    /** Runs the recipe and writes {@code root/name/model.onnx + model.json}. */
    public Outcome run(Path root, Progress progress) {
        long t0 = System.nanoTime();
        progress.update(0, "simulating " + units + " training units with the numerical cylindrical conductor");
        CylindricalTrainingSet all = CylindricalTrainingSet.generate(config, units, fatLevels, fibreCap, seed,
                SurrogateTraining.sub(progress, 0, 0.4));
        CylindricalTrainingSet test = CylindricalTrainingSet.generate(config, testUnits,
                Math.max(1, fatLevels / 4), seed + 1, SurrogateTraining.sub(progress, 0.4, 0.45));
        double genS = (System.nanoTime() - t0) / 1e9;
        CylindricalTrainingSet.Split split = all.split(0.1, seed);
        CylindricalSurrogateNetwork net = new CylindricalSurrogateNetwork(config, width, depth, Mlp.Act.SILU,
                CylindricalSurrogateNetwork.sigmaOf(split.train()));
        TrainingOptions options = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(4)
                .withLearningRate(2e-3f, 1e-5f).withPatience(Math.max(5, epochs / 4)).withSeed(seed);
        try (Model model = net.newModel()) {
            TrainingLoop.Result r = net.train(model, split.train(), split.validation(), options,
                    SurrogateTraining.sub(progress, 0.45, 0.95));
            progress.update(0.95, "held-out metrics on " + testUnits + " units");
            double[][] m = SurrogateMetrics.perUnit(SurrogateMetrics.toDouble(test.muaps()),
                    SurrogateMetrics.toDouble(net.predict(model, test.conditionsNormalised())));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("units", Integer.toString(units));
            params.put("testUnits", Integer.toString(testUnits));
            params.put("fatLevels", Integer.toString(fatLevels));
            params.put("fibreCap", Integer.toString(fibreCap));
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
                    List.of(TensorSpec.float32(SurrogateNetwork.INPUT, -1, CylindricalConditions.COUNT)),
                    List.of(TensorSpec.float32(SurrogateNetwork.OUTPUT, -1, config.electrodes(), config.samples())));
            ModelCard card = ModelCard.builder(name, "1.0.0", CylindricalSurrogateModel.TASK, sig)
                    .description(String.format(Locale.ROOT, "MUAP surrogate of the cylindrical (limb) conductor "
                            + "(muscle radius %.0f mm%s, %d x %d array, %.0f Hz, %d samples): coordinate MLP %d x %d "
                            + "SiLU over (ln fibres, depth, CV, length, fat, dtheta, dz); trained on %d simulated "
                            + "units", config.muscleRadiusMm(), config.boneRadiusMm() > 0
                                    ? String.format(Locale.ROOT, ", bone %.0f mm", config.boneRadiusMm()) : "",
                            config.rows(), config.cols(), config.samplingRateHz(), config.samples(), depth, width,
                            split.train().size()))
                    .normalisation(norm).config(config.toJson()).training(NAME, params, seed)
                    .trainingDataDigest(all.digest())
                    .metric("test_nrmse_median", SurrogateMetrics.quantile(m[0], 0.5))
                    .metric("test_nrmse_p95", SurrogateMetrics.quantile(m[0], 0.95))
                    .metric("test_corr_median", SurrogateMetrics.quantile(m[1], 0.5))
                    .metric("validation_loss", r.bestValidationLoss()).metric("best_epoch", r.bestEpoch())
                    .metric("generate_seconds", Math.round(genS * 10) / 10.0)
                    .metric("train_seconds", Math.round(r.seconds() * 10) / 10.0)
                    .framework("DJL 0.35.1 / PyTorch 2.7.1 (1 thread); ONNX opset 17 via org.myoflow.ml.onnx")
                    .build();
            byte[] onnx = net.exportOnnx(model, Map.of("myoflow.task", CylindricalSurrogateModel.TASK,
                    "myoflow.config.sha256", config.digest()));
            Path folder = root.resolve(name);
            ModelCard written = ModelRegistry.writeModel(folder, onnx, card);
            progress.update(1, "model written to " + folder);
            return new Outcome(folder, written, r, genS, r.seconds());
        }
    }
}
