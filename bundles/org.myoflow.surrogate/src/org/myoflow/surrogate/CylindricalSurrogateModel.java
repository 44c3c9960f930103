package org.myoflow.surrogate;

import java.util.List;
import java.util.Map;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.core.data.MuapBank;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.TensorSpec;

/**
 * A cylindrical (limb) MUAP surrogate from the model registry, ready to run: task {@value #TASK}, input
 * {@code conditions} [N, 7] ({@link CylindricalConditions} normalised to [0.5, 1] over the card's ranges), output
 * {@code muaps} [N, E, T] in mV; the card's config is a {@link CylindricalSurrogateConfig}.
 *
 * @since 0.3
 */
public final class CylindricalSurrogateModel {

    /** The model-card task of cylindrical MUAP surrogates. */
    public static final String TASK = "muap-surrogate-cylindrical";
    /** The signature every cylindrical MUAP surrogate must accept. */
    public static final ModelSignature REQUIRED = new ModelSignature(
            List.of(TensorSpec.float32(SurrogateNetwork.INPUT, -1, CylindricalConditions.COUNT)), List.of());

    private final String name;
    private final ModelCard card;
    private final OnnxModel onnx;
    private final CylindricalSurrogateConfig config;
    private final ElectrodeArray array;

    private CylindricalSurrogateModel(String name, ModelCard card, OnnxModel onnx) {
        this.name = name;
        this.card = card;
        this.onnx = onnx;
        SurrogateOutputs.requireTask(name, card, TASK, "cylindrical MUAP surrogate");
        try {
            this.config = CylindricalSurrogateConfig.fromJson(card.config());
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, "model '" + name + "': the card's config "
                    + "is not a cylindrical surrogate config: " + e.getMessage());
        }
        this.array = config.array();
        long[] out = card.signature().outputs().get(0).shape();
        if (out.length != 3 || (out[1] >= 0 && out[1] != config.electrodes())
                || (out[2] >= 0 && out[2] != config.samples())) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "model '" + name + "': output "
                    + card.signature().outputs().get(0) + " does not match its card's " + config.electrodes()
                    + " electrodes and " + config.samples() + " samples");
        }
    }

    /** Resolves, verifies (digest, signature) and opens the named model. */
    public static CylindricalSurrogateModel load(ModelRegistry registry, String name) {
        ModelRegistry.ResolvedModel m = registry.resolve(name, REQUIRED);
        return new CylindricalSurrogateModel(name, m.card(), m.open());
    }

    /** Verifies and opens the model a step's model parameter names, as the engine planned it. */
    public static CylindricalSurrogateModel load(org.myoflow.core.spi.StepContext context, String name) {
        ModelRegistry.ResolvedModel m = org.myoflow.ml.Models.resolve(context, name, REQUIRED);
        return new CylindricalSurrogateModel(m.entry().name(), m.card(), m.open());
    }

    public String name() {
        return name;
    }

    public ModelCard card() {
        return card;
    }

    public CylindricalSurrogateConfig config() {
        return config;
    }

    public CylindricalConditions.Ranges ranges() {
        return config.ranges();
    }

    /** The array the model was trained for (rows along the limb axis, across = arc on the skin). */
    public ElectrodeArray array() {
        return array;
    }

    public double samplingRate() {
        return config.samplingRateHz();
    }

    public int samples() {
        return config.samples();
    }

    public int electrodes() {
        return config.electrodes();
    }

    /** Normalised inputs, each vector checked against the card's ranges (the message names where). */
    public float[] normalise(List<CylindricalConditions> conditions, List<String> where) {
        CylindricalConditions.Ranges r = config.ranges();
        return SurrogateOutputs.normalise(name, conditions, where, CylindricalConditions.COUNT, r::check,
                r::normalise);
    }

    /**
     * Monopolar MUAPs [unit][electrode][sample] in mV: all units in one inference call (one batch of N × E
     * (unit, electrode) rows inside the graph), the result converted to double without further arithmetic.
     */
    public double[][][] monopolar(List<CylindricalConditions> conditions, List<String> where) {
        int n = conditions.size();
        int e = electrodes();
        int t = samples();
        if (n == 0) {
            return new double[0][e][t];
        }
        float[] x = normalise(conditions, where);
        FloatTensor y = onnx.run(Map.of(SurrogateNetwork.INPUT, FloatTensor.of(x, n, CylindricalConditions.COUNT)));
        return SurrogateOutputs.monopolar(name, y.data(), n, e, t, false, 1, where);
    }

    /** A MUAP bank in the given montage, units labelled MU1..MUn. */
    public MuapBank bank(List<CylindricalConditions> conditions, List<String> where, ElectrodeArray.Montage montage) {
        return SurrogateOutputs.bank(monopolar(conditions, where), array, config.samplingRateHz(), montage);
    }
}
