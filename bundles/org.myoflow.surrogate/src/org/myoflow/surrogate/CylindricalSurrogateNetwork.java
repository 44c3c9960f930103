package org.myoflow.surrogate;

import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.train.ArrayData;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import ai.djl.Model;

/**
 * The cylindrical surrogate's coordinate network, the limb counterpart of {@link SurrogateNetwork}: the cylindrical
 * conductor is exactly invariant to rotating a unit about the limb axis together with the array and to moving the
 * innervation zone (with the fibre ends) along it, so the potential at electrode e depends on the angle and IZ
 * conditions only through Δθ = θ_e − angle and Δz = z_e − IZ, where θ_e = across_e/(R_m + fat + skin) is the
 * electrode's angle on a skin whose radius grows with the fat. Per (unit, electrode) row the MLP takes seven
 * features — the normalised ln(fibres), depth, CV, length and fat conditions plus Δθ/S_θ and Δz/S_z — and outputs
 * the T-sample waveform divided by (fibre count × σ). Same loss (mean squared per-unit NRMSE), training loop and
 * ONNX export as the planar network.
 *
 * <p>The exported graph: input {@code conditions} [N, 7] (normalised to [0.5, 1] over the config's ranges, {@link
 * CylindricalConditions#NAMES} order), output {@code muaps} [N, E, T] monopolar mV.
 *
 * @since 0.3
 */
public final class CylindricalSurrogateNetwork {

    /** Features per (unit, electrode) row. */
    public static final int FEATURES = 7;

    private static final long[] UNIT_FEATURES = { 0, 1, 4, 5, 6 };

    private final CylindricalSurrogateConfig config;
    private final CoordinateNetwork net;
    private final double scaleTheta;
    private final double scaleAlong;
    private final double[][] electrodes; // {along z, across arc}
    private final float radiusBase; // R_m + skin: the skin radius is fat + radiusBase

    public CylindricalSurrogateNetwork(CylindricalSurrogateConfig config, int width, int depth, Mlp.Act activation,
            double sigma) {
        this.config = config;
        this.electrodes = config.array().positions();
        this.net = new CoordinateNetwork(FEATURES, config.samples(), electrodes, width, depth, activation, sigma,
                this::features, this::fibres);
        CylindricalConditions.Ranges r = config.ranges();
        this.radiusBase = (float) (config.muscleRadiusMm() + config.skinThicknessMm());
        this.scaleTheta = CoordinateNetwork.maxAbs(electrodes, 1) / config.skinRadiusMm(r.get(6).min())
                + Math.toRadians(CoordinateNetwork.reach(r.get(2)));
        this.scaleAlong = CoordinateNetwork.maxAbs(electrodes, 0) + CoordinateNetwork.reach(r.get(3));
    }

    public Mlp mlp() {
        return net.mlp();
    }

    public double sigma() {
        return net.sigma();
    }

    public CylindricalSurrogateConfig config() {
        return config;
    }

    /** RMS of the per-fibre monopolar potential over a training set, mV. */
    public static double sigmaOf(CylindricalTrainingSet set) {
        return CoordinateNetwork.sigmaOf(set.muaps(), i -> set.conditions(i).fibres());
    }

    /** The feature row of unit conditions (normalised) at electrode e, computed as the ONNX graph does (float32). */
    public void features(float[] normalised, int e, float[] out, int offset) {
        CylindricalConditions.Ranges r = config.ranges();
        for (int j = 0; j < UNIT_FEATURES.length; j++) {
            out[offset + j] = normalised[(int) UNIT_FEATURES[j]];
        }
        float angle = CoordinateNetwork.affine(normalised[2], r.get(2)) * (float) (Math.PI / 180);
        float iz = CoordinateNetwork.affine(normalised[3], r.get(3));
        float fat = CoordinateNetwork.affine(normalised[6], r.get(6));
        float thetaE = (float) electrodes[e][1] / (fat + radiusBase);
        out[offset + 5] = (thetaE - angle) * (float) (1 / scaleTheta);
        out[offset + 6] = ((float) electrodes[e][0] - iz) * (float) (1 / scaleAlong);
    }

    /** Fibre count the graph uses for normalised conditions: round(exp(ln fibres)). */
    public float fibres(float[] normalised) {
        return (float) Math.rint(Math.exp(CoordinateNetwork.affine(normalised[0], config.ranges().get(0))));
    }

    /**
     * Training rows: one per (unit, electrode), features, target waveform / (n·σ) and a per-row weight (n·σ /
     * range)² (the mean weighted squared error is the mean squared per-unit NRMSE).
     */
    public ArrayData rows(CylindricalTrainingSet set) {
        return net.rows(set.conditionsNormalised(), set.muaps());
    }

    /** A DJL model holding this network's (uninitialised) block. */
    public Model newModel() {
        return net.newModel("muap-surrogate-cylindrical");
    }

    /** Trains on the rows of train, selecting by validation; the batch size in the options counts units. */
    public TrainingLoop.Result train(Model model, CylindricalTrainingSet train, CylindricalTrainingSet validation,
            TrainingOptions options, Progress progress) {
        return net.train(model, rows(train), rows(validation), options, progress);
    }

    /** The trained network's monopolar MUAPs [unit][electrode][sample] in mV, evaluated with DJL (float32). */
    public float[][][] predict(Model model, float[][] normalisedConditions) {
        return net.predict(model, normalisedConditions);
    }

    /** The ONNX model: {@code conditions} [N, 7] → {@code muaps} [N, E, T] (monopolar mV). */
    public byte[] exportOnnx(Model model, Map<String, String> metadata) {
        CylindricalConditions.Ranges r = config.ranges();
        CoordinateNetwork.Export x = net.startExport("muap-surrogate-cylindrical", CylindricalConditions.COUNT,
                UNIT_FEATURES);
        var g = x.g();
        String in = SurrogateNetwork.INPUT;
        String angle = g.node("Mul", CoordinateNetwork.denormalise(g, in, 2, r.get(2)),
                g.scalar("deg_to_rad", (float) (Math.PI / 180)));
        String iz = CoordinateNetwork.denormalise(g, in, 3, r.get(3));
        String fat = CoordinateNetwork.denormalise(g, in, 6, r.get(6));
        String skinRadius = g.node("Add", fat, g.scalar("radius_base_mm", radiusBase));
        String thetaE = g.node("Div", x.electrodeAcross(), skinRadius);
        String dth = g.node("Mul", g.node("Sub", thetaE, angle), g.scalar("inv_scale_theta", (float) (1 / scaleTheta)));
        String dz = g.node("Mul", g.node("Sub", x.electrodeAlong(), iz),
                g.scalar("inv_scale_along", (float) (1 / scaleAlong)));
        return net.finishExport(x, model, "zeros_e_unit", dth, dz, r.get(0), metadata);
    }
}
