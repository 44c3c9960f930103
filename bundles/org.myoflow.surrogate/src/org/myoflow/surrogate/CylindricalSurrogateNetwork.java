package org.myoflow.surrogate;

import java.util.List;
import java.util.Map;

import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.onnx.OnnxGraphBuilder;
import org.myoflow.ml.train.ArrayData;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

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

    private static final int[] UNIT_FEATURES = { 0, 1, 4, 5, 6 };

    private final CylindricalSurrogateConfig config;
    private final Mlp mlp;
    private final double sigma;
    private final double scaleTheta;
    private final double scaleAlong;
    private final double[][] electrodes; // {along z, across arc}
    private final float radiusBase; // R_m + skin: the skin radius is fat + radiusBase

    public CylindricalSurrogateNetwork(CylindricalSurrogateConfig config, int width, int depth, Mlp.Act activation,
            double sigma) {
        if (width < 1 || depth < 1 || !(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("bad surrogate network: width " + width + ", depth " + depth
                    + ", sigma " + sigma);
        }
        this.config = config;
        int[] hidden = new int[depth];
        java.util.Arrays.fill(hidden, width);
        this.mlp = new Mlp(FEATURES, hidden, config.samples(), activation);
        this.sigma = sigma;
        this.electrodes = config.array().positions();
        double maxAlong = 0;
        double maxAcross = 0;
        for (double[] p : electrodes) {
            maxAlong = Math.max(maxAlong, Math.abs(p[0]));
            maxAcross = Math.max(maxAcross, Math.abs(p[1]));
        }
        CylindricalConditions.Ranges r = config.ranges();
        this.radiusBase = (float) (config.muscleRadiusMm() + config.skinThicknessMm());
        this.scaleTheta = maxAcross / config.skinRadiusMm(r.get(6).min())
                + Math.toRadians(Math.max(Math.abs(r.get(2).min()), Math.abs(r.get(2).max())));
        this.scaleAlong = maxAlong + Math.max(Math.abs(r.get(3).min()), Math.abs(r.get(3).max()));
    }

    public Mlp mlp() {
        return mlp;
    }

    public double sigma() {
        return sigma;
    }

    public CylindricalSurrogateConfig config() {
        return config;
    }

    /** RMS of the per-fibre monopolar potential over a training set, mV. */
    public static double sigmaOf(CylindricalTrainingSet set) {
        double ss = 0;
        long count = 0;
        for (int i = 0; i < set.size(); i++) {
            double n = set.conditions(i).fibres();
            for (float[] e : set.muaps()[i]) {
                for (float v : e) {
                    ss += (v / n) * (v / n);
                    count++;
                }
            }
        }
        return Math.sqrt(ss / count);
    }

    /** The feature row of unit conditions (normalised) at electrode e, computed as the ONNX graph does (float32). */
    public void features(float[] normalised, int e, float[] out, int offset) {
        CylindricalConditions.Ranges r = config.ranges();
        for (int j = 0; j < UNIT_FEATURES.length; j++) {
            out[offset + j] = normalised[UNIT_FEATURES[j]];
        }
        float angle = affine(normalised[2], r.get(2)) * (float) (Math.PI / 180);
        float iz = affine(normalised[3], r.get(3));
        float fat = affine(normalised[6], r.get(6));
        float thetaE = (float) electrodes[e][1] / (fat + radiusBase);
        out[offset + 5] = (thetaE - angle) * (float) (1 / scaleTheta);
        out[offset + 6] = ((float) electrodes[e][0] - iz) * (float) (1 / scaleAlong);
    }

    private static float affine(float normalised, MuapConditions.Range range) {
        double span = range.max() - range.min();
        return normalised * (float) (2 * span) + (float) (range.min() - span);
    }

    /** Fibre count the graph uses for normalised conditions: round(exp(ln fibres)). */
    public float fibres(float[] normalised) {
        return (float) Math.rint(Math.exp(affine(normalised[0], config.ranges().get(0))));
    }

    /**
     * Training rows: one per (unit, electrode), features, target waveform / (n·σ) and a per-row weight (n·σ /
     * range)² (the mean weighted squared error is the mean squared per-unit NRMSE).
     */
    public ArrayData rows(CylindricalTrainingSet set) {
        int units = set.size();
        int e = electrodes.length;
        int t = config.samples();
        float[] x = new float[units * e * FEATURES];
        float[] y = new float[units * e * t];
        float[] w = new float[units * e];
        for (int i = 0; i < units; i++) {
            float[] c = set.conditionsNormalised()[i];
            double scale = fibres(c) * sigma;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float[] wave : set.muaps()[i]) {
                for (float v : wave) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double range = (max - min) / scale;
            float weight = (float) (1 / (range * range));
            for (int k = 0; k < e; k++) {
                int row = i * e + k;
                features(c, k, x, row * FEATURES);
                float[] wave = set.muaps()[i][k];
                for (int s = 0; s < t; s++) {
                    y[row * t + s] = (float) (wave[s] / scale);
                }
                w[row] = weight;
            }
        }
        return new ArrayData(1, List.of(x, y, w),
                List.of(new long[] { units * e, FEATURES }, new long[] { units * e, t }, new long[] { units * e }));
    }

    /** A DJL model holding this network's (uninitialised) block. */
    public Model newModel() {
        Model model = Model.newInstance("muap-surrogate-cylindrical", Device.cpu(),
                DjlRuntime.pytorch().getEngineName());
        model.setBlock(mlp.block());
        return model;
    }

    /** Trains on the rows of train, selecting by validation; the batch size in the options counts units. */
    public TrainingLoop.Result train(Model model, CylindricalTrainingSet train, CylindricalTrainingSet validation,
            TrainingOptions options, Progress progress) {
        TrainingOptions rowsPerBatch = options.withBatchSize(options.batchSize() * electrodes.length);
        return TrainingLoop.fit(model, rows(train), rows(validation), SurrogateNetwork.loss(), rowsPerBatch,
                progress);
    }

    /** The trained network's monopolar MUAPs [unit][electrode][sample] in mV, evaluated with DJL (float32). */
    public float[][][] predict(Model model, float[][] normalisedConditions) {
        int n = normalisedConditions.length;
        int e = electrodes.length;
        int t = config.samples();
        float[] x = new float[n * e * FEATURES];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < e; k++) {
                features(normalisedConditions[i], k, x, (i * e + k) * FEATURES);
            }
        }
        float[] y;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(x, new Shape((long) n * e, FEATURES));
            y = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
        float[][][] out = new float[n][e][t];
        for (int i = 0; i < n; i++) {
            float scale = fibres(normalisedConditions[i]) * (float) sigma;
            for (int k = 0; k < e; k++) {
                for (int s = 0; s < t; s++) {
                    out[i][k][s] = y[(i * e + k) * t + s] * scale;
                }
            }
        }
        return out;
    }

    /** The ONNX model: {@code conditions} [N, 7] → {@code muaps} [N, E, T] (monopolar mV). */
    public byte[] exportOnnx(Model model, Map<String, String> metadata) {
        int e = electrodes.length;
        int t = config.samples();
        CylindricalConditions.Ranges r = config.ranges();
        OnnxGraphBuilder g = new OnnxGraphBuilder("muap-surrogate-cylindrical")
                .input(SurrogateNetwork.INPUT, -1, CylindricalConditions.COUNT)
                .output(SurrogateNetwork.OUTPUT, -1, e, t);
        float[] xs = new float[e];
        float[] zs = new float[e];
        for (int k = 0; k < e; k++) {
            zs[k] = (float) electrodes[k][0];
            xs[k] = (float) electrodes[k][1];
        }
        String in = SurrogateNetwork.INPUT;
        String xe = g.initializer("electrode_across_mm", xs, 1, e);
        String ze = g.initializer("electrode_along_mm", zs, 1, e);
        String unitIdx = g.initializerInt64("unit_feature_index", 0, 1, 4, 5, 6);
        String unitF = g.node("Gather", Map.of("axis", 1L), in, unitIdx);
        String angle = g.node("Mul", denormalise(g, in, 2, r.get(2)), g.scalar("deg_to_rad", (float) (Math.PI / 180)));
        String iz = denormalise(g, in, 3, r.get(3));
        String fat = denormalise(g, in, 6, r.get(6));
        String skinRadius = g.node("Add", fat, g.scalar("radius_base_mm", radiusBase));
        String thetaE = g.node("Div", xe, skinRadius);
        String dth = g.node("Mul", g.node("Sub", thetaE, angle), g.scalar("inv_scale_theta", (float) (1 / scaleTheta)));
        String dz = g.node("Mul", g.node("Sub", ze, iz), g.scalar("inv_scale_along", (float) (1 / scaleAlong)));
        String axis1 = g.initializerInt64("axis_1", 1);
        String axis2 = g.initializerInt64("axis_2", 2);
        int nu = UNIT_FEATURES.length;
        String unitE = g.node("Add", g.node("Unsqueeze", unitF, axis1),
                g.initializer("zeros_e_unit", new float[e * nu], 1, e, nu));
        String feat = g.node("Concat", Map.of("axis", 2L), unitE, g.node("Unsqueeze", dth, axis2),
                g.node("Unsqueeze", dz, axis2));
        String rows = g.node("Reshape", feat, g.initializerInt64("rows_shape", -1, FEATURES));
        String waves = mlp.export(model.getBlock(), g, rows, "mlp");
        String shaped = g.node("Reshape", waves, g.initializerInt64("muap_shape", -1, e, t));
        String fibres = g.node("Round", g.node("Exp", denormalise(g, in, 0, r.get(0))));
        String scale = g.node("Mul", g.node("Unsqueeze", fibres, axis2), g.scalar("sigma_mv", (float) sigma));
        g.rename(g.node("Mul", shaped, scale), SurrogateNetwork.OUTPUT);
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            g.metadata(m.getKey(), m.getValue());
        }
        return g.build("myoflow");
    }

    /** [N, 1] physical value of condition i from the normalised input (as {@link #affine}). */
    private static String denormalise(OnnxGraphBuilder g, String input, int i, MuapConditions.Range range) {
        double span = range.max() - range.min();
        String col = g.node("Gather", Map.of("axis", 1L), input, g.initializerInt64(g.fresh("index"), i));
        return g.node("Add", g.node("Mul", col, g.scalar(g.fresh("span2"), (float) (2 * span))),
                g.scalar(g.fresh("offset"), (float) (range.min() - span)));
    }
}
