package org.myoflow.surrogate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

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
 * What the planar ({@link SurrogateNetwork}) and the cylindrical ({@link CylindricalSurrogateNetwork}) coordinate
 * networks share: an MLP from a (unit, electrode) feature row to one fibre's T-sample waveform divided by σ, the
 * training rows and their weights, training, DJL prediction and the parts of the ONNX graph around the
 * conductor-specific features (the electrode initializers, the unit features, the MLP, the rescaling by
 * round(exp(ln fibres))·σ). The two networks differ only in their feature rows, given here as functions.
 */
final class CoordinateNetwork {

    /** The feature row of unit conditions (normalised) at electrode e, as the ONNX graph computes it (float32). */
    @FunctionalInterface
    interface FeatureRow {
        void features(float[] normalised, int e, float[] out, int offset);
    }

    /** Fibre count the graph uses for normalised conditions. */
    @FunctionalInterface
    interface FibreCount {
        float fibres(float[] normalised);
    }

    private final Mlp mlp;
    private final int features;
    private final int samples;
    private final double sigma;
    private final double[][] electrodes; // {along z, across}
    private final FeatureRow featureRow;
    private final FibreCount fibreCount;

    /**
     * @param electrodes electrode positions {along, across}, mm
     * @throws IllegalArgumentException for a width or depth below 1 or a sigma that is not positive and finite
     */
    CoordinateNetwork(int features, int samples, double[][] electrodes, int width, int depth, Mlp.Act activation,
            double sigma, FeatureRow featureRow, FibreCount fibreCount) {
        if (width < 1 || depth < 1 || !(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("bad surrogate network: width " + width + ", depth " + depth
                    + ", sigma " + sigma);
        }
        int[] hidden = new int[depth];
        Arrays.fill(hidden, width);
        this.mlp = new Mlp(features, hidden, samples, activation);
        this.features = features;
        this.samples = samples;
        this.sigma = sigma;
        this.electrodes = electrodes;
        this.featureRow = featureRow;
        this.fibreCount = fibreCount;
    }

    Mlp mlp() {
        return mlp;
    }

    double sigma() {
        return sigma;
    }

    /** The largest |position| of the electrodes along (column 0) or across (column 1), mm. */
    static double maxAbs(double[][] electrodes, int column) {
        double max = 0;
        for (double[] p : electrodes) {
            max = Math.max(max, Math.abs(p[column]));
        }
        return max;
    }

    /** The largest |value| of a range. */
    static double reach(MuapConditions.Range range) {
        return Math.max(Math.abs(range.min()), Math.abs(range.max()));
    }

    /** RMS of the per-fibre monopolar potential of MUAPs [unit][electrode][sample] over unit i's fibre count, mV. */
    static double sigmaOf(float[][][] muaps, IntToDoubleFunction fibres) {
        double ss = 0;
        long count = 0;
        for (int i = 0; i < muaps.length; i++) {
            double n = fibres.applyAsDouble(i);
            for (float[] e : muaps[i]) {
                for (float v : e) {
                    ss += (v / n) * (v / n);
                    count++;
                }
            }
        }
        return Math.sqrt(ss / count);
    }

    /** The physical value of a condition from its normalised value (float32, as the graph computes it). */
    static float affine(float normalised, MuapConditions.Range range) {
        double span = range.max() - range.min();
        return normalised * (float) (2 * span) + (float) (range.min() - span);
    }

    /**
     * Training rows: one per (unit, electrode), features, target waveform / (n·σ) and a per-row weight (n·σ /
     * range)² that makes the mean weighted squared error the mean squared per-unit NRMSE (BioMime's metric).
     */
    ArrayData rows(float[][] conditionsNormalised, float[][][] muaps) {
        int units = muaps.length;
        int e = electrodes.length;
        int t = samples;
        float[] x = new float[units * e * features];
        float[] y = new float[units * e * t];
        float[] w = new float[units * e];
        for (int i = 0; i < units; i++) {
            float[] c = conditionsNormalised[i];
            double scale = fibreCount.fibres(c) * sigma;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float[] wave : muaps[i]) {
                for (float v : wave) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double range = (max - min) / scale;
            float weight = (float) (1 / (range * range));
            for (int k = 0; k < e; k++) {
                int row = i * e + k;
                featureRow.features(c, k, x, row * features);
                float[] wave = muaps[i][k];
                for (int s = 0; s < t; s++) {
                    y[row * t + s] = (float) (wave[s] / scale);
                }
                w[row] = weight;
            }
        }
        return new ArrayData(1, List.of(x, y, w),
                List.of(new long[] { units * e, features }, new long[] { units * e, t }, new long[] { units * e }));
    }

    /** Weighted mean squared error of the scaled waveforms (labels: target, weight). */
    static TrainingLoop.LossFunction loss() {
        return (p, l) -> p.singletonOrThrow().sub(l.get(0)).square().mean(new int[] { 1 }).mul(l.get(1)).mean();
    }

    /** A DJL model of this name holding the (uninitialised) MLP block. */
    Model newModel(String name) {
        Model model = Model.newInstance(name, Device.cpu(), DjlRuntime.pytorch().getEngineName());
        model.setBlock(mlp.block());
        return model;
    }

    /** Trains on the training rows, selecting by the validation rows; the batch size in the options counts units. */
    TrainingLoop.Result train(Model model, ArrayData train, ArrayData validation, TrainingOptions options,
            Progress progress) {
        TrainingOptions rowsPerBatch = options.withBatchSize(options.batchSize() * electrodes.length);
        return TrainingLoop.fit(model, train, validation, loss(), rowsPerBatch, progress);
    }

    /** The trained network's monopolar MUAPs [unit][electrode][sample] in mV, evaluated with DJL (float32). */
    float[][][] predict(Model model, float[][] normalisedConditions) {
        int n = normalisedConditions.length;
        int e = electrodes.length;
        int t = samples;
        float[] x = new float[n * e * features];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < e; k++) {
                featureRow.features(normalisedConditions[i], k, x, (i * e + k) * features);
            }
        }
        float[] y;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(x, new Shape((long) n * e, features));
            y = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
        float[][][] out = new float[n][e][t];
        for (int i = 0; i < n; i++) {
            float scale = fibreCount.fibres(normalisedConditions[i]) * (float) sigma;
            for (int k = 0; k < e; k++) {
                for (int s = 0; s < t; s++) {
                    out[i][k][s] = y[(i * e + k) * t + s] * scale;
                }
            }
        }
        return out;
    }

    /**
     * The start of the exported graph: input {@link SurrogateNetwork#INPUT} [N, conditions], output
     * {@link SurrogateNetwork#OUTPUT} [N, E, T], the electrode positions as initializers and the unit features
     * gathered from the input.
     */
    Export startExport(String graphName, int conditions, long... unitFeatureIndex) {
        int e = electrodes.length;
        OnnxGraphBuilder g = new OnnxGraphBuilder(graphName).input(SurrogateNetwork.INPUT, -1, conditions)
                .output(SurrogateNetwork.OUTPUT, -1, e, samples);
        float[] xs = new float[e];
        float[] zs = new float[e];
        for (int k = 0; k < e; k++) {
            zs[k] = (float) electrodes[k][0];
            xs[k] = (float) electrodes[k][1];
        }
        String xe = g.initializer("electrode_across_mm", xs, 1, e);
        String ze = g.initializer("electrode_along_mm", zs, 1, e);
        String unitIdx = g.initializerInt64("unit_feature_index", unitFeatureIndex);
        String unitF = g.node("Gather", Map.of("axis", 1L), SurrogateNetwork.INPUT, unitIdx);
        return new Export(g, xe, ze, unitF, unitFeatureIndex.length);
    }

    /** A graph under construction: the builder, the electrode positions [1, E] and the unit features [N, U]. */
    record Export(OnnxGraphBuilder g, String electrodeAcross, String electrodeAlong, String unitFeatures,
            int unitCount) {
    }

    /**
     * The end of the exported graph: the feature rows (unit features, then the two per-electrode offsets [N, E]),
     * the MLP, the rescaling by round(exp(ln fibres))·σ, the metadata; the model bytes.
     *
     * @param zerosName name of the [1, E, U] zeros initializer that broadcasts the unit features over the electrodes
     */
    byte[] finishExport(Export x, Model model, String zerosName, String offsetAcross, String offsetAlong,
            MuapConditions.Range logFibres, Map<String, String> metadata) {
        OnnxGraphBuilder g = x.g();
        int e = electrodes.length;
        int t = samples;
        int nu = x.unitCount();
        String axis1 = g.initializerInt64("axis_1", 1);
        String axis2 = g.initializerInt64("axis_2", 2);
        String unitE = g.node("Add", g.node("Unsqueeze", x.unitFeatures(), axis1),
                g.initializer(zerosName, new float[e * nu], 1, e, nu));
        String feat = g.node("Concat", Map.of("axis", 2L), unitE, g.node("Unsqueeze", offsetAcross, axis2),
                g.node("Unsqueeze", offsetAlong, axis2));
        String rows = g.node("Reshape", feat, g.initializerInt64("rows_shape", -1, features));
        String waves = mlp.export(model.getBlock(), g, rows, "mlp");
        String shaped = g.node("Reshape", waves, g.initializerInt64("muap_shape", -1, e, t));
        String fibres = g.node("Round", g.node("Exp", denormalise(g, SurrogateNetwork.INPUT, 0, logFibres)));
        String scale = g.node("Mul", g.node("Unsqueeze", fibres, axis2), g.scalar("sigma_mv", (float) sigma));
        g.rename(g.node("Mul", shaped, scale), SurrogateNetwork.OUTPUT);
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            g.metadata(m.getKey(), m.getValue());
        }
        return g.build("myoflow");
    }

    /** [N, 1] physical value of condition i from the normalised input (as {@link #affine}). */
    static String denormalise(OnnxGraphBuilder g, String input, int i, MuapConditions.Range range) {
        double span = range.max() - range.min();
        String col = g.node("Gather", Map.of("axis", 1L), input, g.initializerInt64(g.fresh("index"), i));
        return g.node("Add", g.node("Mul", col, g.scalar(g.fresh("span2"), (float) (2 * span))),
                g.scalar(g.fresh("offset"), (float) (range.min() - span)));
    }
}
