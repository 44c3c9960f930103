package org.myoflow.ml.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.onnx.OnnxGraphBuilder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * The GRU exporter against the training engine: DJL (PyTorch) and ONNX Runtime must agree within 1e-5 on the
 * sequence and the final state, for both directions, with and without an initial state, for several batch sizes
 * and lengths on one exported model; and both must agree with a plain-Java GRU written from PyTorch's equations.
 */
class GruExportTest {

    private static final double TOL = 1e-5;

    /** (batch, time) pairs run through one exported model: its batch and time dimensions are dynamic. */
    private static final int[][] SIZES = {{1, 1}, {7, 50}, {1, 50}, {7, 1}, {3, 13}};

    /** Overwrites every parameter (biases too: DJL starts them at zero) with uniform values in [-a, a]. */
    private static void randomise(Block block, long seed, double a) {
        SplittableRandom r = new SplittableRandom(seed);
        for (var p : block.getParameters()) {
            NDArray arr = p.getValue().getArray();
            float[] v = new float[(int) arr.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (a * (2 * r.nextDouble() - 1));
            }
            arr.set(v);
        }
    }

    private static float[] uniform(int n, long seed, double a) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (a * (2 * r.nextDouble() - 1));
        }
        return v;
    }

    private static Block initialised(Gru gru, NDManager m, long seed) {
        Block block = gru.block();
        block.initialize(m, DataType.FLOAT32, new Shape(2, 3, gru.inputSize()));
        randomise(block, seed, 0.6);
        return block;
    }

    /** A graph holding just the layer: inputs x (and h0 when withState), outputs seq and state. */
    private static byte[] exportAlone(Gru gru, Block block, boolean withState) {
        int dirs = gru.directions();
        OnnxGraphBuilder g = new OnnxGraphBuilder("gru").input("x", -1, -1, gru.inputSize());
        if (withState) {
            g.input("h0", dirs, -1, gru.hidden());
        }
        g.output("seq", -1, -1, (long) dirs * gru.hidden()).output("state", dirs, -1, gru.hidden());
        Gru.Exported e = gru.export(g, block, "x", withState ? "h0" : null, "enc");
        g.rename(e.sequence(), "seq");
        g.rename(e.state(), "state");
        return g.build("test");
    }

    /** DJL's forward: {sequence, state}. */
    private static NDList djl(Block block, NDManager m, float[] x, long[] xs, float[] h0, long[] hs) {
        NDList in = new NDList(m.create(x, new Shape(xs)));
        if (h0 != null) {
            in.add(m.create(h0, new Shape(hs)));
        }
        return block.forward(new ParameterStore(m, false), in, false);
    }

    private static void assertClose(NDArray expected, FloatTensor actual, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.shape(), what + " shape");
        float[] e = expected.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - actual.get(i)));
        }
        assertTrue(worst <= TOL, what + ": max |DJL - ONNX Runtime| = " + worst);
    }

    private static void parity(boolean bidirectional, boolean withState) {
        Gru gru = new Gru(5, 8, bidirectional);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block block = initialised(gru, m, 21);
            parity(gru, block, m, withState);
        }
    }

    private static void parity(Gru gru, Block block, NDManager m, boolean withState) {
        boolean bidirectional = gru.bidirectional();
        int dirs = gru.directions();
        try (OnnxModel onnx = OnnxSessions.load(exportAlone(gru, block, withState), "gru")) {
            long seed = 100;
            for (int[] bt : SIZES) {
                int b = bt[0];
                int t = bt[1];
                String label = (bidirectional ? "bidirectional" : "forward") + (withState ? " with h0" : "")
                        + " B=" + b + " T=" + t;
                long[] xs = {b, t, 5};
                long[] hs = {dirs, b, 8};
                float[] x = uniform(b * t * 5, seed++, 2);
                float[] h0 = withState ? uniform(dirs * b * 8, seed++, 0.9) : null;
                NDList expected = djl(block, m, x, xs, h0, hs);
                Map<String, FloatTensor> feeds = new LinkedHashMap<>();
                feeds.put("x", FloatTensor.of(x, xs));
                if (withState) {
                    feeds.put("h0", FloatTensor.of(h0, hs));
                }
                Map<String, FloatTensor> out = onnx.runAll(feeds);
                assertEquals(List.of("seq", "state"), List.copyOf(out.keySet()));
                assertClose(expected.get(0), out.get("seq"), label + " sequence");
                assertClose(expected.get(1), out.get("state"), label + " state");
            }
        }
    }

    @Test
    void forwardMatchesDjl() {
        parity(false, false);
    }

    @Test
    void forwardWithInitialStateMatchesDjl() {
        parity(false, true);
    }

    @Test
    void bidirectionalMatchesDjl() {
        parity(true, false);
    }

    @Test
    void bidirectionalWithInitialStateMatchesDjl() {
        parity(true, true);
    }

    @Test
    void djlParameterNamesAndShapesAreWhatTheExporterReads() {
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block uni = initialised(new Gru(5, 8, false), m, 1);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            uni.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
            assertEquals(Map.of("l_0_i2h_WEIGHT", new Shape(24, 5), "l_0_h2h_WEIGHT", new Shape(24, 8),
                    "l_0_i2h_BIAS", new Shape(24), "l_0_h2h_BIAS", new Shape(24)), shapes);
            assertTrue(uni instanceof GRU);
            Block bi = initialised(new Gru(5, 8, true), m, 1);
            // DJL numbers the children: 01forward, 02backward
            assertEquals(List.of("01forward_l_0_i2h_WEIGHT", "01forward_l_0_h2h_WEIGHT", "01forward_l_0_i2h_BIAS",
                    "01forward_l_0_h2h_BIAS", "02backward_l_0_i2h_WEIGHT", "02backward_l_0_h2h_WEIGHT",
                    "02backward_l_0_i2h_BIAS", "02backward_l_0_h2h_BIAS"), bi.getParameters().keys());
            assertEquals(new Gru(5, 8, true).parameterCount(),
                    bi.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
        }
    }

    /**
     * A GRU from PyTorch's equations (gates stacked r, z, n; n = tanh(W_n x + b_in + r (R_n h + b_hn))), one
     * direction, one sample: {@code x[t][i]}, returns the states after every step.
     */
    private static double[][] reference(float[] wih, float[] whh, float[] bih, float[] bhh, int in, int h,
            double[][] x, double[] h0, boolean swapRz) {
        double[] state = h0.clone();
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double[] next = new double[h];
            for (int j = 0; j < h; j++) {
                double[] gi = new double[3];
                double[] gh = new double[3];
                for (int gate = 0; gate < 3; gate++) {
                    int row = gate * h + j;
                    gi[gate] = bih[row];
                    for (int i = 0; i < in; i++) {
                        gi[gate] += wih[row * in + i] * x[t][i];
                    }
                    gh[gate] = bhh[row];
                    for (int k = 0; k < h; k++) {
                        gh[gate] += whh[row * h + k] * state[k];
                    }
                }
                int ri = swapRz ? 1 : 0;
                int zi = swapRz ? 0 : 1;
                double r = sigmoid(gi[ri] + gh[ri]);
                double z = sigmoid(gi[zi] + gh[zi]);
                double n = Math.tanh(gi[2] + r * gh[2]);
                next[j] = (1 - z) * n + z * state[j];
            }
            state = next;
            out[t] = next;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float[] param(Block gru, String name) {
        Parameter p = gru.getParameters().get(name);
        return p.getArray().toFloatArray();
    }

    /**
     * Weights whose three gate blocks are clearly different, so that exchanging any two of them changes the
     * result: DJL, ONNX Runtime and the plain-Java GRU must agree, and the plain-Java GRU with r and z exchanged
     * must not (showing that this comparison would catch a gate-order bug).
     */
    @Test
    void distinctGatesAgreeWithPlainJavaGru() {
        int in = 2;
        int h = 3;
        int t = 6;
        Gru gru = new Gru(in, h, false);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block block = gru.block();
            block.initialize(m, DataType.FLOAT32, new Shape(1, t, in));
            // gate g of row j: scale (g+1) with alternating signs, distinct offsets per gate
            for (var p : block.getParameters()) {
                NDArray arr = p.getValue().getArray();
                long[] s = arr.getShape().getShape();
                int cols = s.length == 2 ? (int) s[1] : 1;
                float[] v = new float[(int) arr.size()];
                for (int i = 0; i < v.length; i++) {
                    int row = i / cols;
                    int gate = row / h;
                    double base = (gate == 0 ? -1.3 : gate == 1 ? 0.9 : 0.5) + 0.1 * (row % h);
                    v[i] = (float) (base * (p.getKey().contains("h2h") ? 0.7 : 1) * (i % 2 == 0 ? 1 : -0.8)
                            + (p.getKey().contains("BIAS") ? gate - 1 : 0));
                }
                arr.set(v);
            }
            float[] xf = uniform(t * in, 5, 1.5);
            float[] h0f = uniform(h, 6, 0.8);
            double[][] x = new double[t][in];
            for (int i = 0; i < xf.length; i++) {
                x[i / in][i % in] = xf[i];
            }
            double[] h0 = new double[h];
            for (int i = 0; i < h; i++) {
                h0[i] = h0f[i];
            }
            float[] wih = param(block, "l_0_i2h_WEIGHT");
            float[] whh = param(block, "l_0_h2h_WEIGHT");
            float[] bih = param(block, "l_0_i2h_BIAS");
            float[] bhh = param(block, "l_0_h2h_BIAS");
            double[][] expected = reference(wih, whh, bih, bhh, in, h, x, h0, false);
            double[][] swapped = reference(wih, whh, bih, bhh, in, h, x, h0, true);

            float[] fromDjl = djl(block, m, xf, new long[] {1, t, in}, h0f, new long[] {1, 1, h}).get(0)
                    .toFloatArray();
            FloatTensor fromOnnx;
            try (OnnxModel onnx = OnnxSessions.load(exportAlone(gru, block, true), "gru")) {
                fromOnnx = onnx.runAll(Map.of("x", FloatTensor.of(xf, 1, t, in), "h0", FloatTensor.of(h0f, 1, 1, h)))
                        .get("seq");
            }
            double swapGap = 0;
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < h; j++) {
                    int k = s * h + j;
                    assertEquals(expected[s][j], fromDjl[k], TOL, "DJL vs plain Java, step " + s + " unit " + j);
                    assertEquals(expected[s][j], fromOnnx.get(k), TOL, "ONNX vs plain Java, step " + s + " unit " + j);
                    swapGap = Math.max(swapGap, Math.abs(swapped[s][j] - expected[s][j]));
                }
            }
            assertTrue(swapGap > 0.05, "exchanging r and z changes the result by " + swapGap);
        }
    }

    @Test
    void bidirectionalBackwardHalfReadsTheSequenceReversed() {
        // the backward direction's output at step t equals a forward GRU with its weights run on the reversed
        // sequence, at step T-1-t; its final state is the one after step 0
        Gru bi = new Gru(3, 4, true);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Gru.Bidirectional block = (Gru.Bidirectional) initialised(bi, m, 8);
            int t = 9;
            float[] x = uniform(2 * t * 3, 9, 1);
            NDArray xa = m.create(x, new Shape(2, t, 3));
            NDList both = block.forward(new ParameterStore(m, false), new NDList(xa), false);
            NDList back = block.backward.forward(new ParameterStore(m, false), new NDList(xa.flip(1)), false);
            float[] expected = back.get(0).flip(1).toFloatArray();
            float[] actual = both.get(0).get(":, :, 4:").toFloatArray();
            assertArrayEquals(expected, actual, 1e-6f);
            assertArrayEquals(back.get(1).toFloatArray(), both.get(1).get("1:2").toFloatArray(), 1e-6f);
        }
    }

    @Test
    void bidirectionalBlockTrainsBothDirections() {
        Gru bi = new Gru(3, 4, true);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block block = initialised(bi, m, 4);
            try (GradientCollector c = DjlRuntime.pytorch().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(m, false),
                        new NDList(m.create(uniform(2 * 5 * 3, 3, 1), new Shape(2, 5, 3))), true);
                c.backward(out.get(0).square().sum().add(out.get(1).sum()));
            }
            for (var p : block.getParameters()) {
                double g = p.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(g > 0, p.getKey() + " gets no gradient");
            }
        }
    }

    @Test
    void bidirectionalBlockSavesAndLoadsItsWeights() throws Exception {
        Gru bi = new Gru(3, 4, true);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block trained = initialised(bi, m, 12);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            trained.saveParameters(new java.io.DataOutputStream(bytes));
            Block loaded = bi.block();
            loaded.loadParameters(m, new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray())));
            // the same weights, bit for bit
            assertArrayEquals(exportAlone(bi, trained, false), exportAlone(bi, loaded, false));
            NDArray x = m.create(uniform(2 * 6 * 3, 13, 1), new Shape(2, 6, 3));
            NDList a = trained.forward(new ParameterStore(m, false), new NDList(x), false);
            NDList b = loaded.forward(new ParameterStore(m, false), new NDList(x), false);
            // yet the outputs were seen to differ by one ulp (3e-8) after loading: compare within 1e-6
            assertArrayEquals(a.get(0).toFloatArray(), b.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(a.get(1).toFloatArray(), b.get(1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void exportRejectsMismatchedBlocks() {
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block uni = initialised(new Gru(5, 8, false), m, 1);
            Block bi = initialised(new Gru(5, 8, true), m, 1);
            var e1 = assertThrows(IllegalArgumentException.class, () -> exportAlone(new Gru(5, 6, false), uni, false));
            assertTrue(e1.getMessage().contains("l_0_i2h_WEIGHT"), e1.getMessage());
            assertThrows(IllegalArgumentException.class, () -> exportAlone(new Gru(4, 8, false), uni, false));
            var e2 = assertThrows(IllegalArgumentException.class, () -> exportAlone(new Gru(5, 8, true), uni, false));
            assertTrue(e2.getMessage().contains("direction"), e2.getMessage());
            assertThrows(IllegalArgumentException.class, () -> exportAlone(new Gru(5, 8, false), bi, false));
            var e3 = assertThrows(IllegalArgumentException.class,
                    () -> exportAlone(new Gru(5, 8, false), new Gru(5, 8, false).block(), false));
            assertTrue(e3.getMessage().contains("not initialised"), e3.getMessage());
            Block djlBi = GRU.builder().setStateSize(8).setNumLayers(1).optBatchFirst(true).optReturnState(true)
                    .optBidirectional(true).build();
            djlBi.initialize(m, DataType.FLOAT32, new Shape(1, 2, 5));
            assertThrows(IllegalArgumentException.class, () -> exportAlone(new Gru(5, 8, true), djlBi, false));
            Block timeMajor = GRU.builder().setStateSize(8).setNumLayers(1).optBatchFirst(false).optReturnState(true)
                    .build();
            timeMajor.initialize(m, DataType.FLOAT32, new Shape(1, 2, 5));
            var e4 = assertThrows(IllegalArgumentException.class,
                    () -> exportAlone(new Gru(5, 8, false), timeMajor, false));
            assertTrue(e4.getMessage().contains("batch-first"), e4.getMessage());
        }
    }

    @Test
    void wrongInputRankFailsClearly() {
        Gru gru = new Gru(5, 8, true);
        try (NDManager m = DjlRuntime.pytorch().newBaseManager()) {
            Block block = initialised(gru, m, 2);
            var djlError = assertThrows(IllegalArgumentException.class,
                    () -> djl(block, m, new float[10], new long[] {2, 5}, null, null));
            assertTrue(djlError.getMessage().contains("[batch, time, 5]"), djlError.getMessage());
            try (OnnxModel onnx = OnnxSessions.load(exportAlone(gru, block, true), "gru")) {
                var e = assertThrows(ModelException.class, () -> onnx.runAll(Map.of("x",
                        FloatTensor.of(new float[10], 2, 5), "h0", FloatTensor.of(new float[32], 2, 2, 8))));
                assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, e.kind());
                assertTrue(e.getMessage().contains("input 'x'"), e.getMessage());
                var e2 = assertThrows(ModelException.class, () -> onnx.runAll(Map.of("x",
                        FloatTensor.of(new float[30], 2, 3, 5), "h0", FloatTensor.of(new float[16], 1, 2, 8))));
                assertTrue(e2.getMessage().contains("input 'h0'"), e2.getMessage());
            }
        }
    }
}
