package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.dsp.Windows;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.TensorSpec;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A trained LFADS-style activation model, run by ONNX Runtime: the card (task {@value #TASK}) holds the channel
 * labels, the preprocessing with the training recording's clip levels and scales, and the window length and
 * overlap; {@link #estimate(Signal)} preprocesses a recording the same way, chops it into windows, runs the graph
 * and merges the windows' rates back (linear cross-fade in the overlaps).
 *
 * @since 0.1
 */
public final class LfadsModel implements AutoCloseable {

    /** Model-card task of LFADS activation models. */
    public static final String TASK = "emg-activation-lfads";

    private final String name;
    private final ModelCard card;
    private final OnnxModel onnx;
    private final List<String> labels;
    private final Preprocessing preprocessing;
    private final double[] clipLevels;
    private final double[] scales;
    private final int windowBins;
    private final int overlapBins;
    private final double binRateHz;
    private final boolean ownsSession;

    /** The signature an LFADS activation model with {@code channels} channels must have. */
    public static ModelSignature signature(int channels, int factors) {
        return new ModelSignature(List.of(TensorSpec.float32("emg", -1, -1, channels)),
                List.of(TensorSpec.float32("rates", -1, -1, channels), TensorSpec.float32("factors", -1, -1,
                        factors)));
    }

    /**
     * @param ownsSession whether {@link #close} closes the session (true for a session loaded outside the shared
     *                    cache, e.g. a model just trained)
     */
    public LfadsModel(String name, ModelCard card, OnnxModel onnx, boolean ownsSession) {
        this.ownsSession = ownsSession;
        this.name = name;
        this.card = card;
        this.onnx = onnx;
        if (!TASK.equals(card.task())) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "model '" + name + "' is a '"
                    + card.task() + "' model, not an LFADS activation model ('" + TASK + "')");
        }
        try {
            JsonObject c = card.config();
            JsonArray l = c.getAsJsonArray("channels");
            List<String> ls = new ArrayList<>();
            l.forEach(e -> ls.add(e.getAsString()));
            this.labels = List.copyOf(ls);
            this.windowBins = c.get("windowBins").getAsInt();
            this.overlapBins = c.get("overlapBins").getAsInt();
            this.binRateHz = c.get("binRateHz").getAsDouble();
            JsonObject n = card.normalisation();
            this.preprocessing = new Preprocessing(n.get("bandPassLowHz").getAsDouble(),
                    n.get("bandPassHighHz").getAsDouble(), n.get("bandPassOrder").getAsInt(),
                    n.get("binMs").getAsDouble(), n.get("clipPercentile").getAsDouble(),
                    n.get("scalePercentile").getAsDouble(), n.get("bandPass").getAsBoolean());
            this.clipLevels = doubles(n.getAsJsonArray("clipLevels"));
            this.scales = doubles(n.getAsJsonArray("scales"));
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, "model '" + name + "': the card lacks what "
                    + "an LFADS activation model needs (config: channels, windowBins, overlapBins; normalisation: "
                    + "the preprocessing, clipLevels, scales): " + e.getMessage());
        }
        if (clipLevels.length != labels.size() || scales.length != labels.size()) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, "model '" + name + "': " + labels.size()
                    + " channels but " + clipLevels.length + " clip levels and " + scales.length + " scales");
        }
        ModelSignature sig = onnx.signature();
        boolean input = sig.inputs().size() == 1 && "emg".equals(sig.inputs().get(0).name())
                && sig.inputs().get(0).rank() == 3 && sig.inputs().get(0).dim(2) == labels.size();
        boolean output = sig.outputs().stream().anyMatch(o -> "rates".equals(o.name()) && o.rank() == 3
                && o.dim(2) == labels.size());
        if (!input || !output) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "model '" + name + "' has inputs "
                    + sig.inputs() + " and outputs " + sig.outputs() + "; an LFADS activation model for "
                    + labels.size() + " channels takes 'emg' [batch, time, " + labels.size() + "] and gives 'rates' "
                    + "[batch, time, " + labels.size() + "]");
        }
    }

    /** Resolves and opens a model from the registry. */
    public static LfadsModel load(ModelRegistry registry, String name) {
        return of(registry.resolve(name, null));
    }

    /** Opens a verified model (e.g. a step's planned one, {@code org.myoflow.ml.Models#resolve}). */
    public static LfadsModel of(ModelRegistry.ResolvedModel r) {
        return new LfadsModel(r.entry().name(), r.card(), r.open(), false);
    }

    /** Card metadata for a freshly trained model (see the class comment). */
    static JsonObject normalisation(Preprocessing p, double[] clipLevels, double[] scales) {
        JsonObject n = new JsonObject();
        n.addProperty("bandPass", p.bandPass());
        n.addProperty("bandPassLowHz", p.bandPassLowHz());
        n.addProperty("bandPassHighHz", p.bandPassHighHz());
        n.addProperty("bandPassOrder", p.bandPassOrder());
        n.addProperty("binMs", p.binMs());
        n.addProperty("clipPercentile", p.clipPercentile());
        n.addProperty("scalePercentile", p.scalePercentile());
        n.add("clipLevels", array(clipLevels));
        n.add("scales", array(scales));
        return n;
    }

    static JsonArray array(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    public String name() {
        return name;
    }

    public ModelCard card() {
        return card;
    }

    public List<String> channels() {
        return labels;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public int windowBins() {
        return windowBins;
    }

    public int overlapBins() {
        return overlapBins;
    }

    /**
     * Estimates the activation of every channel of a recording: its channels must be the model's, in the same order
     * (by label).
     *
     * @return the rates as a signal at the bin rate, quantity "activation", in the training recording's scaled units
     * @throws DataException when the channels differ, the recording is shorter than one window or holds NaN
     */
    public Signal estimate(Signal emg) {
        if (!emg.labels().equals(labels)) {
            throw new DataException("the recording's channels " + emg.labels() + " are not the model '" + name
                    + "''s " + labels + " (" + emg.channelCount() + " vs " + labels.size() + " channels)");
        }
        Preprocessed p = Preprocessor.apply(emg, preprocessing, clipLevels, scales);
        if (Math.abs(p.binRateHz() - binRateHz) > 1e-9 * binRateHz) {
            throw new DataException("the recording's bins come at " + p.binRateHz() + " Hz (" + emg.samplingRate()
                    + " Hz sampling, " + preprocessing.binMs() + " ms bins), the model '" + name + "' was trained at "
                    + binRateHz + " Hz; resample the recording to the training rate");
        }
        return p.toSignal(estimate(p), "activation");
    }

    /** Closes the session when this model owns it. */
    @Override
    public void close() {
        if (ownsSession) {
            onnx.close();
        }
    }

    /** Rates [channel][bin] of preprocessed data (scaled with this model's clip levels and scales). */
    public double[][] estimate(Preprocessed p) {
        if (p.channels() != labels.size()) {
            throw new DataException("the data have " + p.channels() + " channels, the model '" + name + "' "
                    + labels.size());
        }
        Windows w = p.windows(windowBins, overlapBins);
        double[][][] chopped = w.chop(p.data()); // [window][channel][time]
        int c = labels.size();
        float[] in = new float[chopped.length * windowBins * c];
        for (int k = 0; k < chopped.length; k++) {
            for (int t = 0; t < windowBins; t++) {
                for (int ch = 0; ch < c; ch++) {
                    in[(k * windowBins + t) * c + ch] = (float) chopped[k][ch][t];
                }
            }
        }
        FloatTensor rates = onnx.runAll(Map.of("emg", FloatTensor.of(in, chopped.length, windowBins, c)))
                .get("rates");
        double[][][] est = new double[chopped.length][c][windowBins];
        for (int k = 0; k < chopped.length; k++) {
            for (int t = 0; t < windowBins; t++) {
                for (int ch = 0; ch < c; ch++) {
                    est[k][ch][t] = rates.data()[(k * windowBins + t) * c + ch];
                }
            }
        }
        return w.merge(est, c);
    }
}
