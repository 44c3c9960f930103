package org.myoflow.surrogate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

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
        TrainingSet all = TrainingSet.generate(config, units, seed, TrainingHarness.sub(progress, 0, 0.3));
        TrainingSet test = TrainingSet.generate(config, testUnits, seed + 1,
                TrainingHarness.sub(progress, 0.3, 0.35));
        double genS = (System.nanoTime() - t0) / 1e9;
        TrainingSet.Split split = all.split(0.1, seed);
        SurrogateNetwork net = new SurrogateNetwork(config, width, depth, Mlp.Act.SILU,
                SurrogateNetwork.sigmaOf(split.train()));
        TrainingOptions options = TrainingHarness.options(epochs, seed);
        try (Model model = net.newModel()) {
            TrainingLoop.Result r = net.train(model, split.train(), split.validation(), options,
                    TrainingHarness.sub(progress, 0.35, 0.95));
            progress.update(0.95, "held-out metrics on " + testUnits + " units");
            double[][] m = TrainingHarness.heldOut(test.muaps(), net.predict(model, test.conditionsNormalised()));
            Map<String, String> params = TrainingHarness.params(units, testUnits, Map.of(), epochs, width, depth);
            ModelSignature sig = TrainingHarness.signature(MuapConditions.COUNT, config.electrodes(),
                    config.samples());
            ModelCard.Builder card = ModelCard.builder(name, "1.0.0", SurrogateModel.TASK, sig)
                    .description(String.format(Locale.ROOT, "MUAP surrogate of the planar conductor (%d x %d array, "
                            + "%.0f Hz, %d samples): coordinate MLP %d x %d SiLU over (ln fibres, depth, CV, length, "
                            + "dx, dz); trained on %d simulated units", config.rows(), config.cols(),
                            config.samplingRateHz(), config.samples(), depth, width, split.train().size()))
                    .normalisation(TrainingHarness.normalisation(net.sigma())).config(config.toJson())
                    .training("muap-surrogate-demo", params, seed).trainingDataDigest(all.digest());
            ModelCard built = TrainingHarness.finish(TrainingHarness.metrics(card, m, r), r);
            byte[] onnx = net.exportOnnx(model, TrainingHarness.onnxMetadata(SurrogateModel.TASK, config.digest()));
            Path folder = root.resolve(name);
            return new Outcome(folder, TrainingHarness.write(folder, onnx, built, progress), r, genS);
        }
    }
}
