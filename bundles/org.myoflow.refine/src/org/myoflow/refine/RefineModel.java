package org.myoflow.refine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.dsp.Windows;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.SequenceRunner;
import org.myoflow.ml.TrainedSequenceModel;
import org.myoflow.ml.TensorSpec;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A trained Seq2Seq refinement network (see {@link RefineTrainer}) as an ONNX graph run by ONNX Runtime:
 * {@code input} [batch, time, muscles + extra rows] (raw values: the standardisation is inside the graph) →
 * {@code refined} [batch, time, muscles] (≥ 0) and {@code attention} [batch, time, time] (each output step's
 * weights over the input steps). Time is dynamic. {@link #save} writes {@code model.onnx} and {@code model.json} (a
 * {@link ModelCard}: signature, normalisation, muscles, extra rows, options, training history); {@link #load} reads
 * them back and checks the ONNX digest.
 *
 * @since 0.1
 */
public final class RefineModel extends TrainedSequenceModel<RefineOptions, RefineModel.History> {

    /** Model-card task of refinement models. */
    public static final String TASK = "muscle-activity-refinement-seq2seq";
    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Name of the refined-activity output. */
    public static final String OUTPUT = "refined";
    /** Name of the attention-weights output. */
    public static final String ATTENTION = "attention";

    /**
     * The losses after one epoch, as mean squared error in units of each muscle's target RMS.
     *
     * @param epoch          1-based epoch
     * @param trainLoss      mean loss over the epoch's training windows (while the weights moved)
     * @param validationLoss loss of the validation windows after the epoch (NaN without validation data)
     */
    public record History(int epoch, double trainLoss, double validationLoss) {
    }

    private final List<String> muscles;
    private final List<String> extraNames;
    private final float[] mean;
    private final float[] std;
    private final float[] targetScale;

    RefineModel(List<String> muscles, List<String> extraNames, float[] mean, float[] std, float[] targetScale,
            RefineOptions options, List<History> history, int bestEpoch, byte[] onnx, OnnxModel session) {
        super(options, history, bestEpoch, onnx, session);
        this.muscles = List.copyOf(muscles);
        this.extraNames = List.copyOf(extraNames);
        this.mean = mean.clone();
        this.std = std.clone();
        this.targetScale = targetScale.clone();
        int c = channels();
        ModelSignature sig = session.signature();
        boolean ok = sig.inputs().size() == 1 && INPUT.equals(sig.inputs().get(0).name())
                && sig.inputs().get(0).rank() == 3 && sig.inputs().get(0).dim(2) == c && sig.outputs().size() == 2
                && sig.output(OUTPUT).isPresent() && sig.output(ATTENTION).isPresent();
        if (!ok) {
            session.close();
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "the refinement graph has " + sig
                    + "; it must take '" + INPUT + "' [batch, time, " + c + "] and give '" + OUTPUT + "' and '"
                    + ATTENTION + "'");
        }
    }

    /** The signature of a refinement model with {@code muscles} muscles and {@code extra} extra input rows. */
    public static ModelSignature signature(int muscles, int extra) {
        return new ModelSignature(List.of(TensorSpec.float32(INPUT, -1, -1, muscles + extra)),
                List.of(TensorSpec.float32(OUTPUT, -1, -1, muscles), TensorSpec.float32(ATTENTION, -1, -1, -1)));
    }

    private int channels() {
        return muscles.size() + extraNames.size();
    }

    public List<String> muscles() {
        return muscles;
    }

    public List<String> extraNames() {
        return extraNames;
    }

    /**
     * The refined activity [muscle][t] of a sequence (its target is ignored). A sequence of at most
     * {@link RefineOptions#windowLength()} samples runs in one pass; a longer one in windows of that length every
     * half window (the last ending at the sequence's end), all in one batch, merged with the linear cross-fade of {@link Windows}. The
     * graph accepts any length, but its attention was trained over windows of that length: over much longer spans
     * the softmax would spread over far more steps than it learned.
     *
     * @throws IllegalArgumentException when the sequence has another muscle or extra-row count than the model,
     *                                  ragged rows or non-finite values
     */
    public double[][] refine(RefineSequence s) {
        checkInference(s);
        return runner().windowed(s.channels(), s.samples(), options().windowLength(), muscles.size());
    }

    /**
     * The attention weights {@code [window][output step][input step]} of the windows {@link #refine} runs (one
     * window, the whole sequence, when it has at most {@link RefineOptions#windowLength()} samples; else windows of
     * that length every half window, the last ending at the sequence's end). Each row is a distribution over the
     * window's input steps (non-negative, summing to 1).
     *
     * @throws IllegalArgumentException as {@link #refine}
     */
    public double[][][] attention(RefineSequence s) {
        checkInference(s);
        int n = s.samples();
        int window = options().windowLength();
        int w = Math.min(n, window);
        int count = SequenceRunner.plan(n, window).count();
        float[] a = runner().windowsAll(s.channels(), n, window).get(ATTENTION).data();
        double[][][] out = new double[count][w][w];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    out[k][i][j] = a[(k * w + i) * w + j];
                }
            }
        }
        return out;
    }

    private SequenceRunner runner() {
        return runner(INPUT, channels());
    }

    /** Both graph outputs of one pass over the whole sequence: refined [muscle][t], attention [t][t] (tests). */
    double[][][] runWhole(RefineSequence s) {
        checkInference(s);
        int n = s.samples();
        int m = muscles.size();
        Map<String, FloatTensor> out = runner().wholeAll(s.channels(), n);
        double[][] refined = SequenceRunner.rows(out.get(OUTPUT).data(), n, m);
        float[] a = out.get(ATTENTION).data();
        double[][] att = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                att[i][j] = a[i * n + j];
            }
        }
        return new double[][][] {refined, att};
    }

    private void checkInference(RefineSequence s) {
        if (s == null) {
            throw new IllegalArgumentException("no sequence");
        }
        if (s.input() != null && s.input().length != muscles.size()) {
            throw new IllegalArgumentException("the model was trained on " + muscles.size() + " muscles " + muscles
                    + ", the sequence has " + s.input().length);
        }
        s.check(0, muscles.size(), extraNames.size(), false, 1);
    }

    // ---- persistence ------------------------------------------------------------------------------------------

    /** The model card (without the ONNX digest, which {@link #save} fills in). */
    public ModelCard card() {
        RefineOptions options = options();
        List<History> history = history();
        int bestEpoch = bestEpoch();
        JsonObject norm = new JsonObject();
        norm.add("mean", floats(mean));
        norm.add("std", floats(std));
        norm.add("targetScale", floats(targetScale));
        norm.addProperty("where", "inside the graph: (x - mean) / std on the input channels; the output is "
                + "softplus(...) * targetScale (each muscle's training-target RMS)");
        JsonObject config = new JsonObject();
        config.add("muscles", strings(muscles));
        config.add("extraNames", strings(extraNames));
        config.addProperty("bestEpoch", bestEpoch);
        config.addProperty("maxRelativeOffset", RefineNetwork.MAX_OFFSET);
        config.addProperty("architecture", "standardise -> bidirectional GRU encoder -> GRU decoder (queries) -> "
                + "scaled dot-product attention over input time + relative-position bias -> softplus(Linear("
                + "dropout([query state, context])) + gain * attended input / targetScale) * targetScale");
        JsonObject o = new JsonObject();
        o.addProperty("hidden", options.hidden());
        o.addProperty("attentionDim", options.attentionDim());
        o.addProperty("windowLength", options.windowLength());
        o.addProperty("windowStep", options.windowStep());
        o.addProperty("epochs", options.epochs());
        o.addProperty("batchSize", options.batchSize());
        o.addProperty("learningRate", options.learningRate());
        o.addProperty("seed", options.seed());
        o.addProperty("dropout", options.dropout());
        o.addProperty("weightDecay", options.weightDecay());
        config.add("options", o);
        JsonArray h = new JsonArray();
        for (History e : history) {
            JsonArray r = new JsonArray();
            r.add(e.epoch());
            r.add(Double.toString(e.trainLoss()));
            r.add(Double.toString(e.validationLoss()));
            h.add(r);
        }
        config.add("history", h);
        ModelCard.Builder b = ModelCard.builder("seq2seq-refine", "1.0.0", TASK, signature(muscles.size(),
                extraNames.size()))
                .description(String.format(Locale.ROOT, "Seq2Seq refinement (after Teramae et al. 2025, STDR-Net): "
                        + "bidirectional GRU encoder (%d per direction), GRU decoder, attention over input time; "
                        + "simulated activity of %d muscles%s to their measured activity", options.hidden(),
                        muscles.size(), extraNames.isEmpty() ? "" : " and " + extraNames.size() + " extra rows"))
                .normalisation(norm).config(config)
                .training("seq2seq-refine", Map.of("epochs", Integer.toString(options.epochs()), "learningRate",
                        Double.toString(options.learningRate()), "windowLength", Integer.toString(
                                options.windowLength())), options.seed())
                .framework("DJL 0.35.1 / PyTorch 2.7.1; ONNX opset 17 via org.myoflow.ml.onnx");
        if (!history.isEmpty()) {
            History best = history.get(Math.max(0, bestEpoch - 1));
            b.metric("train_loss", best.trainLoss());
            if (Double.isFinite(best.validationLoss())) {
                b.metric("validation_loss", best.validationLoss());
            }
        }
        return b.build();
    }

    private static JsonArray strings(List<String> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }

    /** Writes {@code model.onnx} and {@code model.json} into {@code folder} (created if needed). */
    public void save(Path folder) {
        ModelRegistry.writeModel(folder, onnx(), card());
    }

    /**
     * Reads a model written by {@link #save}, checking the ONNX file's digest against the card.
     *
     * @throws ModelException when a file is missing, the card is not a refinement card or the digest differs
     */
    public static RefineModel load(Path folder) {
        Stored stored = read(folder, TASK, "a Seq2Seq refinement");
        ModelCard card = stored.card();
        byte[] bytes = stored.onnx();
        RefineOptions options;
        List<String> muscles = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<History> history = new ArrayList<>();
        JsonObject c;
        JsonObject n;
        try {
            c = card.config();
            n = card.normalisation();
            JsonObject o = c.getAsJsonObject("options");
            options = new RefineOptions(o.get("hidden").getAsInt(), o.get("attentionDim").getAsInt(),
                    o.get("windowLength").getAsInt(), o.get("windowStep").getAsInt(), o.get("epochs").getAsInt(),
                    o.get("batchSize").getAsInt(), o.get("learningRate").getAsDouble(), o.get("seed").getAsLong(),
                    o.has("dropout") ? o.get("dropout").getAsDouble() : 0,
                    o.has("weightDecay") ? o.get("weightDecay").getAsDouble() : 0);
            c.getAsJsonArray("muscles").forEach(e -> muscles.add(e.getAsString()));
            c.getAsJsonArray("extraNames").forEach(e -> extra.add(e.getAsString()));
            for (var e : c.getAsJsonArray("history")) {
                JsonArray r = e.getAsJsonArray();
                history.add(new History(r.get(0).getAsInt(), Double.parseDouble(r.get(1).getAsString()),
                        Double.parseDouble(r.get(2).getAsString())));
            }
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, folder + ": the card lacks what a "
                    + "refinement model needs (config: options, muscles, extraNames, history, bestEpoch; "
                    + "normalisation: mean, std, targetScale): " + e.getMessage(), e);
        }
        try {
            return new RefineModel(muscles, extra, toFloats(n.getAsJsonArray("mean")),
                    toFloats(n.getAsJsonArray("std")), toFloats(n.getAsJsonArray("targetScale")), options, history,
                    c.get("bestEpoch").getAsInt(), bytes, OnnxSessions.load(bytes, folder.toString()));
        } catch (RuntimeException e) {
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, folder + ": " + e.getMessage(), e);
        }
    }
}
