package org.myoflow.refine;

import java.io.IOException;
import java.nio.file.Files;
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
public final class RefineModel implements AutoCloseable {

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
    private final RefineOptions options;
    private final List<History> history;
    private final int bestEpoch;
    private final byte[] onnx;
    private final OnnxModel session;

    RefineModel(List<String> muscles, List<String> extraNames, float[] mean, float[] std, float[] targetScale,
            RefineOptions options, List<History> history, int bestEpoch, byte[] onnx, OnnxModel session) {
        this.muscles = List.copyOf(muscles);
        this.extraNames = List.copyOf(extraNames);
        this.mean = mean.clone();
        this.std = std.clone();
        this.targetScale = targetScale.clone();
        this.options = options;
        this.history = List.copyOf(history);
        this.bestEpoch = bestEpoch;
        this.onnx = onnx.clone();
        this.session = session;
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

    public List<History> history() {
        return history;
    }

    public RefineOptions options() {
        return options;
    }

    /** The epoch whose weights were kept (lowest validation loss; the last without validation data). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The ONNX graph. */
    public byte[] onnx() {
        return onnx.clone();
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
        int n = s.samples();
        int w = options.windowLength();
        int c = channels();
        int m = muscles.size();
        float[] x = s.channels();
        if (n <= w) {
            float[] y = session.run(Map.of(INPUT, FloatTensor.of(x, 1, n, c))).data();
            double[][] out = new double[m][n];
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < m; k++) {
                    out[k][t] = y[t * m + k];
                }
            }
            return out;
        }
        Windows plan = plan(n);
        int b = plan.count();
        float[] batch = new float[b * w * c];
        for (int k = 0; k < b; k++) {
            System.arraycopy(x, plan.start(k) * c, batch, k * w * c, w * c);
        }
        float[] y = session.run(Map.of(INPUT, FloatTensor.of(batch, b, w, c))).data();
        double[][][] perWindow = new double[b][m][w];
        for (int k = 0; k < b; k++) {
            for (int t = 0; t < w; t++) {
                for (int j = 0; j < m; j++) {
                    perWindow[k][j][t] = y[(k * w + t) * m + j];
                }
            }
        }
        return plan.merge(perWindow, m);
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
        int w = Math.min(n, options.windowLength());
        int c = channels();
        Windows plan = plan(n);
        float[] x = s.channels();
        float[] batch = new float[plan.count() * w * c];
        for (int k = 0; k < plan.count(); k++) {
            System.arraycopy(x, plan.start(k) * c, batch, k * w * c, w * c);
        }
        float[] a = session.runAll(Map.of(INPUT, FloatTensor.of(batch, plan.count(), w, c))).get(ATTENTION).data();
        double[][][] out = new double[plan.count()][w][w];
        for (int k = 0; k < plan.count(); k++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    out[k][i][j] = a[(k * w + i) * w + j];
                }
            }
        }
        return out;
    }

    /**
     * The windows of {@link #refine}: the whole sequence up to one window, else windows every half window, the last
     * ending at the sequence's end (the shared {@link Windows} plan, merged with its linear cross-fade).
     */
    private Windows plan(int n) {
        int w = Math.min(n, options.windowLength());
        return Windows.plan(n, w, w == n ? 0 : w - Math.max(1, w / 2));
    }

    /** Both graph outputs of one pass over the whole sequence: refined [muscle][t], attention [t][t] (tests). */
    double[][][] runWhole(RefineSequence s) {
        checkInference(s);
        int n = s.samples();
        int m = muscles.size();
        Map<String, FloatTensor> out = session.runAll(Map.of(INPUT, FloatTensor.of(s.channels(), 1, n, channels())));
        float[] y = out.get(OUTPUT).data();
        float[] a = out.get(ATTENTION).data();
        double[][] refined = new double[m][n];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < m; k++) {
                refined[k][t] = y[t * m + k];
            }
        }
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

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }

    private static JsonArray strings(List<String> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }

    /** Writes {@code model.onnx} and {@code model.json} into {@code folder} (created if needed). */
    public void save(Path folder) {
        ModelRegistry.writeModel(folder, onnx, card());
    }

    /**
     * Reads a model written by {@link #save}, checking the ONNX file's digest against the card.
     *
     * @throws ModelException when a file is missing, the card is not a refinement card or the digest differs
     */
    public static RefineModel load(Path folder) {
        ModelCard card = ModelCard.read(folder.resolve(ModelCard.FILE_NAME));
        if (!TASK.equals(card.task())) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, folder + ": a '" + card.task()
                    + "' model, not a Seq2Seq refinement ('" + TASK + "')");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(folder.resolve(ModelRegistry.ONNX_FILE));
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, folder + ": cannot read "
                    + ModelRegistry.ONNX_FILE + ": " + e.getMessage(), e);
        }
        if (!ModelRegistry.sha256(bytes).equalsIgnoreCase(card.onnxSha256())) {
            throw new ModelException(ModelException.Kind.CORRUPTED, folder + ": " + ModelRegistry.ONNX_FILE
                    + " does not match the SHA-256 in the card");
        }
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

    private static float[] toFloats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }

    /** Closes the ONNX Runtime session. */
    @Override
    public void close() {
        session.close();
    }
}
