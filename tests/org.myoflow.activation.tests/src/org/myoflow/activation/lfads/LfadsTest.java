package org.myoflow.activation.lfads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;

/** The LFADS network, its trainer and its ONNX export. */
public class LfadsTest {

    static final LfadsArchitecture TINY = new LfadsArchitecture(3, 24, 12, 8, 6, 12, 4, 2, 3);

    /** Gamma(shape k, scale 1) by Marsaglia–Tsang (k ≥ 1). */
    static double gamma(double k, SplittableRandom r) {
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(r.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static final double SHAPE = 4;

    /** Mean of channel c at bin t of a window with phase phi: one shared latent sinusoid. */
    static double mean(int c, int t, double phi) {
        return Math.exp(0.8 * Math.sin(2 * Math.PI * t / 24.0 + phi + c * 0.7) - 0.2 * c);
    }

    /** Windows [n][T·C] of Gamma samples (shape 4) around {@link #mean}; phases in phis (may be null). */
    static float[][] windows(int n, long seed, double[] phis) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] w = new float[n][TINY.windowBins() * TINY.channels()];
        for (int k = 0; k < n; k++) {
            double phi = 2 * Math.PI * r.nextDouble();
            if (phis != null) {
                phis[k] = phi;
            }
            for (int t = 0; t < TINY.windowBins(); t++) {
                for (int c = 0; c < TINY.channels(); c++) {
                    w[k][t * TINY.channels() + c] = (float) (mean(c, t, phi) * gamma(SHAPE, r) / SHAPE);
                }
            }
        }
        return w;
    }

    static LfadsTrainer.Options options(long seed) {
        return new LfadsTrainer.Options(16, 1, 2, 50, 1, seed);
    }

    static final LfadsHyperparameters HP = new LfadsHyperparameters(3e-3, 0.05, 0.2, 0.1, 0.1, 0.1);

    @Test
    void exportedGraphMatchesTheNetwork() {
        float[][] data = windows(48, 1, null);
        try (LfadsTrainer t = new LfadsTrainer(TINY, data, windows(8, 2, null), options(3))) {
            t.trainEpochs(2, HP, null);
            float[][] test = windows(5, 4, null);
            float[][] djl = t.infer(test);
            byte[] onnx = t.network().exportOnnx("test", Map.of());
            try (OnnxModel m = OnnxSessions.load(onnx, "lfads-parity")) {
            float[] in = new float[test.length * test[0].length];
            for (int k = 0; k < test.length; k++) {
                System.arraycopy(test[k], 0, in, k * test[0].length, test[0].length);
            }
            Map<String, FloatTensor> out = m.runAll(Map.of("emg", FloatTensor.of(in, test.length,
                    TINY.windowBins(), TINY.channels())));
            float[] rates = out.get("rates").data();
            // factors by value too: the DJL network's factors for the same windows
            float[] djlFactors;
            try (ai.djl.ndarray.NDManager nm = ai.djl.ndarray.NDManager.newBaseManager(
                    org.myoflow.ml.DjlRuntime.pytorch().getEngineName())) {
                djlFactors = t.network().forward(new ai.djl.training.ParameterStore(nm, false),
                        new ai.djl.ndarray.NDList(nm.create(in, new ai.djl.ndarray.types.Shape(test.length,
                                TINY.windowBins(), TINY.channels()))), false).get(6).toFloatArray();
            }
            float[] onnxFactors = out.get("factors").data();
            for (int i = 0; i < djlFactors.length; i++) {
                assertEquals(djlFactors[i], onnxFactors[i], 1e-5, "factor " + i);
            }
            double worst = 0;
            for (int k = 0; k < test.length; k++) {
                for (int i = 0; i < djl[k].length; i++) {
                    worst = Math.max(worst, Math.abs(djl[k][i] - rates[k * djl[k].length + i]) / djl[k][i]);
                }
            }
            assertTrue(worst < 1e-5, "ONNX vs DJL relative difference " + worst);
            assertArrayEquals(new long[] {5, TINY.windowBins(), TINY.factors()}, out.get("factors").shape());
            // a different window length runs too (time is a dynamic axis)
            float[] shortIn = new float[2 * 7 * TINY.channels()];
            java.util.Arrays.fill(shortIn, 0.5f);
            assertArrayEquals(new long[] {2, 7, 3}, m.runAll(Map.of("emg", FloatTensor.of(shortIn, 2, 7, 3)))
                    .get("rates").shape());
            // large inputs drive the log-rate to its clip (±7) in both
            float[] big = new float[TINY.windowBins() * TINY.channels()];
            java.util.Arrays.fill(big, 1e4f);
            float[] djlBig = t.infer(new float[][] {big})[0];
            float[] onnxBig = m.runAll(Map.of("emg", FloatTensor.of(big, 1, TINY.windowBins(), TINY.channels())))
                    .get("rates").data();
            for (int i = 0; i < big.length; i++) {
                assertEquals(djlBig[i], onnxBig[i], 1e-5 * djlBig[i]);
                assertTrue(djlBig[i] <= Math.exp(LfadsNetwork.LOG_RATE_LIMIT) * (1 + 1e-6));
            }
            }
        }
    }

    @Test
    void gammaLikelihoodMatchesItsClosedForm() {
        try (ai.djl.ndarray.NDManager nm = ai.djl.ndarray.NDManager.newBaseManager(
                org.myoflow.ml.DjlRuntime.pytorch().getEngineName())) {
            float[] logRate = {-0.5f, 0.2f, 1.1f, 0.0f};
            float[] logConc = {0.3f, 1.5f};
            float[] y = {0.4f, 2.0f, 3.5f, 0.01f};
            float[] mask = {1, 0, 1, 1};
            ai.djl.ndarray.types.Shape sh = new ai.djl.ndarray.types.Shape(1, 2, 2);
            ai.djl.ndarray.NDList out = new ai.djl.ndarray.NDList(nm.create(logRate, sh), nm.create(logConc));
            double got = LfadsTrainer.reconstruction(out, nm.create(y, sh), nm.create(mask, sh)).getFloat();
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double a = Math.exp(logConc[i % 2]);
                double mu = Math.exp(logRate[i]);
                // −log Gamma(y | shape a, rate a/mu)
                double nll = -(a * Math.log(a / mu) - org.apache.commons.math3.special.Gamma.logGamma(a)
                        + (a - 1) * Math.log(y[i]) - a / mu * y[i]);
                sum += mask[i] * nll;
            }
            assertEquals(sum / 3, got, 1e-5);
        }
    }

    @Test
    void coordinatedDropoutHidesTheScoredEntriesAndRescalesTheRest() {
        float[] target = new float[20000];
        java.util.Arrays.fill(target, 2f);
        float[] input = new float[target.length];
        float[] mask = new float[target.length];
        LfadsTrainer.coordinatedDropout(target, input, mask, 0.3, new SplittableRandom(4));
        int hidden = 0;
        for (int i = 0; i < target.length; i++) {
            if (mask[i] == 1f) {
                hidden++;
                assertEquals(0f, input[i]);
            } else {
                assertEquals(0f, mask[i]);
                assertEquals(2f / 0.7f, input[i], 1e-6);
            }
        }
        assertEquals(0.3, hidden / (double) target.length, 0.015);
        float[] m = LfadsTrainer.dropoutMask(new long[] {100, 100}, 0.25, new SplittableRandom(5));
        double mean = 0;
        for (float v : m) {
            assertTrue(v == 0f || Math.abs(v - 1 / 0.75f) < 1e-6);
            mean += v;
        }
        assertEquals(1, mean / m.length, 0.02); // inverted dropout keeps the expectation
    }

    @Test
    void restoreBringsBackASnapshot() {
        try (LfadsTrainer t = new LfadsTrainer(TINY, windows(32, 1, null), windows(8, 2, null), options(3))) {
            List<float[]> before = t.snapshot();
            float[][] ref = t.infer(windows(3, 9, null));
            t.trainEpochs(1, HP, null);
            t.restore(before);
            List<float[]> after = t.snapshot();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), 0f);
            }
            float[][] again = t.infer(windows(3, 9, null));
            for (int i = 0; i < ref.length; i++) {
                assertArrayEquals(ref[i], again[i], 0f);
            }
            // and training continues from it (a fresh Adam)
            assertTrue(Double.isFinite(t.trainEpochs(1, HP, null)));
        }
    }

    /** The Gamma NLL per entry of the true model, for reference. */
    static double trueNll(float[][] w, double[] phis) {
        double s = 0;
        long n = 0;
        double lg = org.apache.commons.math3.special.Gamma.logGamma(SHAPE);
        for (int k = 0; k < w.length; k++) {
            for (int t = 0; t < TINY.windowBins(); t++) {
                for (int c = 0; c < TINY.channels(); c++) {
                    double mu = mean(c, t, phis[k]);
                    double x = Math.max(LfadsTrainer.TARGET_FLOOR, w[k][t * TINY.channels() + c]);
                    s += SHAPE * Math.log(mu) - SHAPE * Math.log(SHAPE) + lg - (SHAPE - 1) * Math.log(x)
                            + SHAPE * x / mu;
                    n++;
                }
            }
        }
        return s / n;
    }

    @Test
    void trainingOnATinySetApproachesTheTrueLikelihood() {
        double[] phis = new double[32];
        float[][] val = windows(32, 6, phis);
        double truth = trueNll(val, phis);
        try (LfadsTrainer t = new LfadsTrainer(TINY, windows(256, 5, null), val, options(7))) {
            double before = t.validationLoss();
            t.trainEpochs(40, HP, null);
            double after = t.validationLoss();
            System.out.printf("tiny LFADS: validation NLL %.4f -> %.4f (true model %.4f)%n", before, after, truth);
            assertTrue(after < before - 0.3, "validation loss " + before + " -> " + after);
            assertTrue(after < truth + 0.12, "validation loss " + after + " vs true model " + truth);
        }
    }

    @Test
    void sameSeedSameWeightsAndEstimates() {
        float[][] data = windows(40, 8, null);
        float[][] val = windows(8, 9, null);
        List<float[]> a;
        List<float[]> b;
        float[][] ea;
        float[][] eb;
        try (LfadsTrainer t = new LfadsTrainer(TINY, data, val, options(11))) {
            t.trainEpochs(3, HP, null);
            a = t.snapshot();
            ea = t.infer(val);
        }
        try (LfadsTrainer t = new LfadsTrainer(TINY, data, val, options(11))) {
            t.trainEpochs(3, HP, null);
            b = t.snapshot();
            eb = t.infer(val);
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0f);
        }
        for (int i = 0; i < ea.length; i++) {
            assertArrayEquals(ea[i], eb[i], 0f);
        }
        try (LfadsTrainer t = new LfadsTrainer(TINY, data, val, options(12))) {
            t.trainEpochs(3, HP, null);
            assertTrue(t.snapshot().get(0)[0] != a.get(0)[0], "another seed gives other weights");
        }
    }

    @Test
    void trainersOnParallelThreadsTakeTurnsAndRepeatTheSequentialResult() throws Exception {
        float[][] data = windows(32, 21, null);
        float[][] val = windows(8, 22, null);
        List<float[]> sequential;
        try (LfadsTrainer t = new LfadsTrainer(TINY, data, val, options(5))) {
            t.trainEpochs(2, HP, null);
            sequential = t.snapshot();
        }
        List<List<float[]>> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try (LfadsTrainer t = new LfadsTrainer(TINY, data, val, options(5))) {
                    t.trainEpochs(2, HP, null);
                    results.add(t.snapshot());
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(errors.isEmpty(), "errors: " + errors);
        assertEquals(2, results.size());
        for (List<float[]> r : results) {
            for (int i = 0; i < r.size(); i++) {
                assertArrayEquals(sequential.get(i), r.get(i), 0f, "parameter " + i);
            }
        }
    }

    @Test
    void badSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LfadsTrainer(TINY, new float[][] {new float[5]}, new float[0][], options(1)));
        assertTrue(e.getMessage().contains("training window 0 has 5 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LfadsArchitecture(0, 10, 1, 1, 1, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LfadsHyperparameters(1, 0.1, 0.1, 1, 1, 1));
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
    }
}
