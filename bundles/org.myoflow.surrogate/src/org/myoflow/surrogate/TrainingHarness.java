package org.myoflow.surrogate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.TensorSpec;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import com.google.gson.JsonObject;

/**
 * The training harness the planar ({@link SurrogateTraining}) and the cylindrical ({@link
 * CylindricalSurrogateTraining}) recipes share: the training options, the recorded hyper-parameters, the
 * normalisation and signature of the card, the held-out metrics and the writing of the model folder.
 */
final class TrainingHarness {

    /** Units per batch (a batch holds all electrodes of those units). */
    static final int BATCH_UNITS = 4;

    private TrainingHarness() {
    }

    /** Adam with warm-up and cosine decay 2e-3 → 1e-5, early stopping after max(5, epochs/4) epochs, seeded. */
    static TrainingOptions options(int epochs, long seed) {
        return TrainingOptions.defaults().withEpochs(epochs).withBatchSize(BATCH_UNITS)
                .withLearningRate(2e-3f, 1e-5f).withPatience(Math.max(5, epochs / 4)).withSeed(seed);
    }

    /**
     * The card's training parameters: units, testUnits, then the recipe's own, then epochs, width, depth and the
     * fixed activation, batch and learning-rate schedule.
     */
    static Map<String, String> params(int units, int testUnits, Map<String, Integer> own, int epochs, int width,
            int depth) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("units", Integer.toString(units));
        params.put("testUnits", Integer.toString(testUnits));
        own.forEach((k, v) -> params.put(k, Integer.toString(v)));
        params.put("epochs", Integer.toString(epochs));
        params.put("width", Integer.toString(width));
        params.put("depth", Integer.toString(depth));
        params.put("activation", "SILU");
        params.put("batchUnits", Integer.toString(BATCH_UNITS));
        params.put("learningRate", "2e-3 -> 1e-5 (warm-up 2 epochs, cosine)");
        return params;
    }

    /** The card's normalisation: min-max conditions to [0.5, 1], NET output in mV, the network's σ. */
    static JsonObject normalisation(double sigmaMv) {
        JsonObject norm = new JsonObject();
        norm.addProperty("conditions", "minmax-0.5-1");
        norm.addProperty("outputLayout", "NET");
        norm.addProperty("outputScale", 1.0);
        norm.addProperty("sigmaMv", sigmaMv);
        return norm;
    }

    /** {@code conditions} [N, C] → {@code muaps} [N, E, T]. */
    static ModelSignature signature(int conditions, int electrodes, int samples) {
        return new ModelSignature(List.of(TensorSpec.float32(SurrogateNetwork.INPUT, -1, conditions)),
                List.of(TensorSpec.float32(SurrogateNetwork.OUTPUT, -1, electrodes, samples)));
    }

    /** Per-unit {NRMSE, correlation} of the predictions against the numerical MUAPs. */
    static double[][] heldOut(float[][][] numerical, float[][][] predicted) {
        return SurrogateMetrics.perUnit(SurrogateMetrics.toDouble(numerical), SurrogateMetrics.toDouble(predicted));
    }

    /** The held-out quantiles and the training history's best validation loss and epoch. */
    static ModelCard.Builder metrics(ModelCard.Builder card, double[][] heldOut, TrainingLoop.Result r) {
        return card.metric("test_nrmse_median", SurrogateMetrics.quantile(heldOut[0], 0.5))
                .metric("test_nrmse_p95", SurrogateMetrics.quantile(heldOut[0], 0.95))
                .metric("test_corr_median", SurrogateMetrics.quantile(heldOut[1], 0.5))
                .metric("validation_loss", r.bestValidationLoss()).metric("best_epoch", r.bestEpoch());
    }

    /** Seconds to one decimal, as the cards record them. */
    static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /** The training seconds and the framework line, then the card. */
    static ModelCard finish(ModelCard.Builder card, TrainingLoop.Result r) {
        return card.metric("train_seconds", tenths(r.seconds()))
                .framework("DJL 0.35.1 / PyTorch 2.7.1 (1 thread); ONNX opset 17 via org.myoflow.ml.onnx").build();
    }

    /**
     * The ONNX metadata of a surrogate: its task and its config's digest, in this order (an ordered map: the
     * iteration order of {@code Map.of} changes from one JVM to the next, and with it the ONNX bytes).
     */
    static Map<String, String> onnxMetadata(String task, String configDigest) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("myoflow.task", task);
        m.put("myoflow.config.sha256", configDigest);
        return m;
    }

    /** Writes root/name/model.onnx + model.json and reports it; the card as written. */
    static ModelCard write(Path folder, byte[] onnx, ModelCard card, Progress progress) {
        ModelCard written = ModelRegistry.writeModel(folder, onnx, card);
        progress.update(1, "model written to " + folder);
        return written;
    }

    /** The part [from, to] of a progress (cancellation passed through). */
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
