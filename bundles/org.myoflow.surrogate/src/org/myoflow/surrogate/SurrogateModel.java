package org.myoflow.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.data.MuapBank;
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
 * A MUAP surrogate from the model registry, ready to run: task {@value #TASK}, input {@code conditions} [N, 6]
 * (BioMime's six conditions normalised to [0.5, 1] over the card's ranges), output {@code muaps} [N, E, T] (layout
 * "NET", our models) or [N, T, H, W] (layout "NTHW", BioMime exports), times the card's output scale to give mV.
 * The card's config gives the array (rows along the fibres, inter-electrode distance), the sampling rate and the
 * ranges; see docs/models.md.
 *
 * @since 0.1
 */
public final class SurrogateModel {

    /** The model-card task of MUAP surrogates. */
    public static final String TASK = "muap-surrogate";
    /** The signature every MUAP surrogate must accept. */
    public static final ModelSignature REQUIRED = new ModelSignature(
            List.of(TensorSpec.float32(SurrogateNetwork.INPUT, -1, MuapConditions.COUNT)), List.of());

    private final String name;
    private final ModelCard card;
    private final OnnxModel onnx;
    private final MuapConditions.Ranges ranges;
    private final ElectrodeArray array;
    private final double fs;
    private final int samples;
    private final boolean nthw;
    private final double outputScale;

    private SurrogateModel(String name, ModelCard card, OnnxModel onnx) {
        this.name = name;
        this.card = card;
        this.onnx = onnx;
        SurrogateOutputs.requireTask(name, card, TASK, "MUAP surrogate");
        try {
            JsonObject c = card.config();
            JsonObject r = c.getAsJsonObject("ranges");
            List<MuapConditions.Range> list = new ArrayList<>();
            for (String n : MuapConditions.NAMES) {
                JsonArray a = r.getAsJsonArray(n);
                list.add(new MuapConditions.Range(a.get(0).getAsDouble(), a.get(1).getAsDouble()));
            }
            this.ranges = MuapConditions.Ranges.of(list);
            int rows = c.get("rows").getAsInt();
            int cols = c.get("cols").getAsInt();
            double ied = c.get("interElectrodeDistanceMm").getAsDouble();
            double radius = c.has("electrodeRadiusMm") ? c.get("electrodeRadiusMm").getAsDouble() : 0;
            double along = c.has("arrayCentreAlongMm") ? c.get("arrayCentreAlongMm").getAsDouble() : 0;
            double across = c.has("arrayCentreAcrossMm") ? c.get("arrayCentreAcrossMm").getAsDouble() : 0;
            this.array = ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(ied).radiusMm(radius)
                    .centreAlongMm(along).centreAcrossMm(across).build();
            this.fs = c.get("samplingRateHz").getAsDouble();
            this.samples = (int) Math.max(1, Math.round(c.get("muapDurationS").getAsDouble() * fs));
            JsonObject norm = card.normalisation();
            this.nthw = norm.has("outputLayout") && "NTHW".equals(norm.get("outputLayout").getAsString());
            this.outputScale = norm.has("outputScale") ? norm.get("outputScale").getAsDouble() : 1;
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, "model '" + name + "': the card's config "
                    + "or normalisation lacks what a MUAP surrogate needs (rows, cols, interElectrodeDistanceMm, "
                    + "samplingRateHz, muapDurationS, ranges of " + MuapConditions.NAMES + "): " + e.getMessage());
        }
        long[] out = card.signature().outputs().get(0).shape();
        long e = (long) array.positions().length;
        boolean ok = nthw ? out.length == 4 && dim(out[1], samples) && out[2] * out[3] == e
                : out.length == 3 && dim(out[1], e) && dim(out[2], samples);
        if (!ok) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, String.format(Locale.ROOT,
                    "model '%s': output %s does not match its card's array %d x %d and %d samples (layout %s)",
                    name, card.signature().outputs().get(0), array.rows(), array.cols(), samples, nthw ? "NTHW" : "NET"));
        }
    }

    private static boolean dim(long d, long expected) {
        return d < 0 || d == expected;
    }

    /** Resolves, verifies (digest, signature) and opens the named model. */
    public static SurrogateModel load(ModelRegistry registry, String name) {
        ModelRegistry.ResolvedModel m = registry.resolve(name, REQUIRED);
        return new SurrogateModel(name, m.card(), m.open());
    }

    /**
     * Verifies (digest, signature) and opens the model a step's model parameter names, as the engine planned it
     * (the file whose SHA-256 is in the node's cache key).
     */
    public static SurrogateModel load(org.myoflow.core.spi.StepContext context, String name) {
        ModelRegistry.ResolvedModel m = org.myoflow.ml.Models.resolve(context, name, REQUIRED);
        return new SurrogateModel(m.entry().name(), m.card(), m.open());
    }

    public String name() {
        return name;
    }

    public ModelCard card() {
        return card;
    }

    public MuapConditions.Ranges ranges() {
        return ranges;
    }

    /** The array the model was trained for (rows along the fibres). */
    public ElectrodeArray array() {
        return array;
    }

    public double samplingRate() {
        return fs;
    }

    public int samples() {
        return samples;
    }

    public int electrodes() {
        return array.positions().length;
    }

    /** Normalised inputs of the conditions, each checked against the card's ranges (the message names where). */
    public float[] normalise(List<MuapConditions> conditions, List<String> where) {
        return SurrogateOutputs.normalise(name, conditions, where, MuapConditions.COUNT, ranges::check,
                ranges::normalise);
    }

    /** Monopolar MUAPs [unit][electrode][sample] in mV: all units in one inference call. */
    public double[][][] monopolar(List<MuapConditions> conditions, List<String> where) {
        int n = conditions.size();
        if (n == 0) {
            return new double[0][electrodes()][samples];
        }
        float[] x = normalise(conditions, where);
        FloatTensor y = onnx.run(Map.of(SurrogateNetwork.INPUT, FloatTensor.of(x, n, MuapConditions.COUNT)));
        return SurrogateOutputs.monopolar(name, y.data(), n, electrodes(), samples, nthw, outputScale, where);
    }

    /** A MUAP bank in the given montage, units labelled MU1..MUn. */
    public MuapBank bank(List<MuapConditions> conditions, List<String> where, ElectrodeArray.Montage montage) {
        return SurrogateOutputs.bank(monopolar(conditions, where), array, fs, montage);
    }
}
