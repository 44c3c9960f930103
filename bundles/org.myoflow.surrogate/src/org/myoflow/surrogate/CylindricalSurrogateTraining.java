package org.myoflow.surrogate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

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
                TrainingHarness.sub(progress, 0, 0.4));
        CylindricalTrainingSet test = CylindricalTrainingSet.generate(config, testUnits,
                Math.max(1, fatLevels / 4), seed + 1, TrainingHarness.sub(progress, 0.4, 0.45));
        double genS = (System.nanoTime() - t0) / 1e9;
        CylindricalTrainingSet.Split split = all.split(0.1, seed);
        CylindricalSurrogateNetwork net = new CylindricalSurrogateNetwork(config, width, depth, Mlp.Act.SILU,
                CylindricalSurrogateNetwork.sigmaOf(split.train()));
        TrainingOptions options = TrainingHarness.options(epochs, seed);
        try (Model model = net.newModel()) {
            TrainingLoop.Result r = net.train(model, split.train(), split.validation(), options,
                    TrainingHarness.sub(progress, 0.45, 0.95));
            progress.update(0.95, "held-out metrics on " + testUnits + " units");
            double[][] m = TrainingHarness.heldOut(test.muaps(), net.predict(model, test.conditionsNormalised()));
            Map<String, Integer> own = new LinkedHashMap<>();
            own.put("fatLevels", fatLevels);
            own.put("fibreCap", fibreCap);
            Map<String, String> params = TrainingHarness.params(units, testUnits, own, epochs, width, depth);
            ModelSignature sig = TrainingHarness.signature(CylindricalConditions.COUNT, config.electrodes(),
                    config.samples());
            ModelCard.Builder card = ModelCard.builder(name, "1.0.0", CylindricalSurrogateModel.TASK, sig)
                    .description(String.format(Locale.ROOT, "MUAP surrogate of the cylindrical (limb) conductor "
                            + "(muscle radius %.0f mm%s, %d x %d array, %.0f Hz, %d samples): coordinate MLP %d x %d "
                            + "SiLU over (ln fibres, depth, CV, length, fat, dtheta, dz); trained on %d simulated "
                            + "units", config.muscleRadiusMm(), config.boneRadiusMm() > 0
                                    ? String.format(Locale.ROOT, ", bone %.0f mm", config.boneRadiusMm()) : "",
                            config.rows(), config.cols(), config.samplingRateHz(), config.samples(), depth, width,
                            split.train().size()))
                    .normalisation(TrainingHarness.normalisation(net.sigma())).config(config.toJson())
                    .training(NAME, params, seed).trainingDataDigest(all.digest());
            TrainingHarness.metrics(card, m, r).metric("generate_seconds", TrainingHarness.tenths(genS));
            ModelCard built = TrainingHarness.finish(card, r);
            byte[] onnx = net.exportOnnx(model,
                    TrainingHarness.onnxMetadata(CylindricalSurrogateModel.TASK, config.digest()));
            Path folder = root.resolve(name);
            return new Outcome(folder, TrainingHarness.write(folder, onnx, built, progress), r, genS, r.seconds());
        }
    }
}
