package org.myoflow.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Seq2Seq refinement network on a toy case: the target is the input delayed by {@value #SHIFT} bins. Loss
 * decrease, the learned lag, export parity, attention distributions, reproducibility, persistence, refusals.
 */
public class RefineTest {

    static final int MUSCLES = 3;
    static final int SAMPLES = 300;
    static final int SHIFT = 3;
    static final List<String> NAMES = List.of("BIClong", "BRA", "TRIlong");

    /** Smooth random activity of every muscle in (0, 1) (sums of slow sinusoids), target = input delayed. */
    static RefineSequence shifted(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = SAMPLES + SHIFT;
        double[][] in = new double[MUSCLES][SAMPLES];
        double[][] target = new double[MUSCLES][SAMPLES];
        for (int m = 0; m < MUSCLES; m++) {
            double[] s = new double[n];
            double[] period = {18 + 10 * r.nextDouble(), 30 + 20 * r.nextDouble(), 55 + 30 * r.nextDouble()};
            double[] phase = {6.28 * r.nextDouble(), 6.28 * r.nextDouble(), 6.28 * r.nextDouble()};
            for (int t = 0; t < n; t++) {
                s[t] = 0.45 + 0.2 * Math.sin(2 * Math.PI * t / period[0] + phase[0])
                        + 0.15 * Math.sin(2 * Math.PI * t / period[1] + phase[1])
                        + 0.1 * Math.sin(2 * Math.PI * t / period[2] + phase[2]);
            }
            in[m] = Arrays.copyOfRange(s, SHIFT, n);
            target[m] = Arrays.copyOfRange(s, 0, SAMPLES); // target[t] = input[t - SHIFT]
        }
        return new RefineSequence(in, null, target);
    }

    static List<RefineSequence> train() {
        List<RefineSequence> l = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            l.add(shifted(10 + k));
        }
        return l;
    }

    static List<RefineSequence> validation() {
        return List.of(shifted(99));
    }

    private static RefineTrainer.Fit fit;
    private static RefineModel model;

    static synchronized RefineTrainer.Fit trained() {
        if (fit == null) {
            long t0 = System.nanoTime();
            fit = RefineTrainer.fit(NAMES, List.of(), train(), validation(), RefineOptions.quick().withEpochs(20),
                    null);
            model = fit.toModel();
            System.out.printf("Seq2Seq tiny training: %.1f s, best epoch %d, history %s%n",
                    (System.nanoTime() - t0) / 1e9, model.bestEpoch(), model.history());
        }
        return fit;
    }

    @AfterAll
    static void closeAll() {
        if (model != null) {
            model.close();
        }
        if (fit != null) {
            fit.close();
        }
    }

    @Test
    void lossDecreases() {
        trained();
        List<RefineModel.History> h = model.history();
        double first = h.get(0).trainLoss();
        double best = h.stream().mapToDouble(RefineModel.History::validationLoss).min().orElseThrow();
        System.out.printf("Seq2Seq loss: first epoch train %.4g, best validation %.4g (factor %.1f)%n", first, best,
                first / best);
        assertTrue(best < first / 5, "first train loss " + first + ", best validation loss " + best);
        assertEquals(20, h.size());
    }

    /** Lag (bins) of the maximal Pearson correlation of a[t + lag] with b[t] over lags −10..10. */
    static int lag(double[] a, double[] b) {
        int bestLag = 0;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int lag = -10; lag <= 10; lag++) {
            int from = Math.max(0, -lag);
            int to = Math.min(b.length, a.length - lag);
            double[] x = new double[to - from];
            double[] y = new double[to - from];
            for (int t = from; t < to; t++) {
                x[t - from] = a[t + lag];
                y[t - from] = b[t];
            }
            double r = new PearsonsCorrelation().correlation(x, y);
            if (r > bestR) {
                bestR = r;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    @Test
    void timeShiftIsLearned() {
        trained();
        RefineSequence s = validation().get(0);
        double[][] refined = model.refine(s);
        for (int m = 0; m < MUSCLES; m++) {
            int before = lag(s.input()[m], s.target()[m]);
            int after = lag(refined[m], s.target()[m]);
            System.out.printf("muscle %s: lag input->target %d bins, refined->target %d bins%n", NAMES.get(m), before,
                    after);
            assertEquals(-SHIFT, before, "the input leads the target by " + SHIFT + " bins");
            assertTrue(Math.abs(after) < 1, "refined lag " + after);
        }
    }

    @Test
    void exportMatchesDjlAndAttentionIsADistribution() {
        trained();
        // a length other than the training window: the graph's time axis is dynamic
        RefineSequence s = shifted(123);
        RefineSequence part = new RefineSequence(cut(s.input(), 90), null, null);
        double[][][] djl = fit.predict(part);
        double[][][] onnx = model.runWhole(part);
        double worst = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < djl[k].length; i++) {
                for (int j = 0; j < djl[k][i].length; j++) {
                    worst = Math.max(worst, Math.abs(djl[k][i][j] - onnx[k][i][j]));
                }
            }
        }
        System.out.println("Seq2Seq ONNX vs DJL max |difference| (refined and attention) " + worst);
        assertTrue(worst <= 1e-5, "ONNX vs DJL " + worst);
        double[][][] att = model.attention(s);
        assertEquals(SAMPLES > 64 ? 9 : 1, att.length, "windows of 64 every 32 over 300 samples, the last at the end");
        for (double[][] window : att) {
            assertEquals(64, window.length);
            for (double[] row : window) {
                double sum = 0;
                for (double a : row) {
                    assertTrue(a >= 0, "negative weight " + a);
                    sum += a;
                }
                assertEquals(1, sum, 1e-5);
            }
        }
        // the learned shift shows in the attention: output step i looks mostly near input step i - SHIFT
        double[] meanOffset = new double[1];
        double[][] w0 = att[0];
        int rows = 0;
        for (int i = 20; i < 44; i++) {
            double o = 0;
            for (int j = 0; j < w0[i].length; j++) {
                o += w0[i][j] * (j - i);
            }
            meanOffset[0] += o;
            rows++;
        }
        System.out.printf("mean attention offset (j - i) over the middle of window 0: %.2f bins%n",
                meanOffset[0] / rows);
    }

    static double[][] cut(double[][] rows, int n) {
        double[][] c = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            c[r] = Arrays.copyOf(rows[r], n);
        }
        return c;
    }

    @Test
    void dropoutAndWeightDecayKeepSameSeedSameResult() {
        List<RefineSequence> small = train().subList(0, 2);
        RefineOptions o = RefineOptions.quick().withEpochs(2).withRegularisation(0.3, 1e-4).withSeed(7);
        byte[] a;
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o, null)) {
            a = m.onnx();
        }
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o, null)) {
            assertArrayEquals(a, m.onnx(), "same seed with dropout: identical weights");
        }
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o.withRegularisation(0, 0), null)) {
            assertFalse(Arrays.equals(a, m.onnx()), "dropout changes the training");
        }
    }

    @Test
    void sameSeedSameResultOtherSeedOther() {
        List<RefineSequence> small = train().subList(0, 2);
        RefineOptions o = RefineOptions.quick().withEpochs(2);
        RefineSequence probe = validation().get(0);
        byte[] a;
        double[][] ra;
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o.withSeed(7), null)) {
            a = m.onnx();
            ra = m.refine(probe);
        }
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o.withSeed(7), null)) {
            assertArrayEquals(a, m.onnx(), "same seed: identical weights");
            double[][] rb = m.refine(probe);
            for (int k = 0; k < MUSCLES; k++) {
                assertArrayEquals(ra[k], rb[k], 0);
            }
        }
        try (RefineModel m = RefineTrainer.train(NAMES, List.of(), small, List.of(), o.withSeed(8), null)) {
            assertFalse(Arrays.equals(a, m.onnx()), "another seed: other weights");
            assertTrue(ra[0][100] != m.refine(probe)[0][100]);
        }
    }

    @Test
    void saveAndLoadGiveTheSameModel() throws Exception {
        trained();
        RefineSequence s = validation().get(0);
        double[][] before = model.refine(s);
        Path dir = Files.createTempDirectory("refine");
        model.save(dir);
        try (RefineModel back = RefineModel.load(dir)) {
            double[][] after = back.refine(s);
            for (int k = 0; k < MUSCLES; k++) {
                assertArrayEquals(before[k], after[k], 0);
            }
            assertEquals(model.history(), back.history());
            assertEquals(NAMES, back.muscles());
            assertEquals(List.of(), back.extraNames());
            assertEquals(model.options(), back.options());
            assertEquals(model.bestEpoch(), back.bestEpoch());
        }
    }

    @Test
    void extraRowsAreAccepted() {
        RefineSequence base = shifted(5);
        double[][] extra = {new double[SAMPLES]};
        for (int t = 0; t < SAMPLES; t++) {
            extra[0][t] = Math.sin(t / 10.0);
        }
        RefineSequence s = new RefineSequence(base.input(), extra, base.target());
        try (RefineModel m = RefineTrainer.train(NAMES, List.of("elbow_flexion"), List.of(s), List.of(),
                RefineOptions.quick().withEpochs(1), null)) {
            assertEquals(List.of("elbow_flexion"), m.extraNames());
            assertEquals(SAMPLES, m.refine(s)[2].length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.refine(base));
            assertTrue(e.getMessage().contains("0 extra input rows, expected 1"), e.getMessage());
        }
    }

    @Test
    void badDataAreRefusedClearly() {
        RefineOptions o = RefineOptions.quick().withEpochs(1);
        RefineSequence good = shifted(1);
        // missing muscle in the target
        RefineSequence missing = new RefineSequence(good.input(), null, Arrays.copyOf(good.target(), 2));
        assertMessage("sequence 1: input has 3 muscles, target 2", () -> RefineTrainer.train(NAMES, List.of(),
                List.of(good, missing), List.of(), o, null));
        // unequal lengths
        RefineSequence shorter = new RefineSequence(good.input(), null, cut(good.target(), 280));
        assertMessage("sequence 0: input has 300 samples, target 280", () -> RefineTrainer.train(NAMES, List.of(),
                List.of(shorter), List.of(), o, null));
        // NaN
        double[][] in = cut(good.input(), SAMPLES);
        in[2][12] = Double.NaN;
        assertMessage("sequence 0, input row 2, sample 12 is NaN", () -> RefineTrainer.train(NAMES, List.of(),
                List.of(new RefineSequence(in, null, good.target())), List.of(), o, null));
        double[][] tg = cut(good.target(), SAMPLES);
        tg[1][40] = Double.NaN;
        assertMessage("validation sequence 0, target row 1, sample 40 is NaN", () -> RefineTrainer.train(NAMES,
                List.of(), List.of(good), List.of(new RefineSequence(good.input(), null, tg)), o, null));
        // too short for one window
        assertMessage("sequence 0: 40 samples, fewer than one window (64)", () -> RefineTrainer.train(NAMES,
                List.of(), List.of(new RefineSequence(cut(good.input(), 40), null, cut(good.target(), 40))),
                List.of(), o, null));
        // muscle names and rows disagree
        assertMessage("sequence 0: input has 3 muscles, expected 2", () -> RefineTrainer.train(NAMES.subList(0, 2),
                List.of(), List.of(good), List.of(), o, null));
        // at refine(): another muscle count than trained
        trained();
        assertMessage("the model was trained on 3 muscles", () -> model.refine(new RefineSequence(
                Arrays.copyOf(good.input(), 4), null, null)));
        double[][] withNaN = cut(good.input(), SAMPLES);
        withNaN[0][5] = Double.NaN;
        assertMessage("input row 0, sample 5 is NaN", () -> model.refine(new RefineSequence(withNaN, null, null)));
    }

    /** Progress is reported once per epoch; a cancelled run stops with CancellationException. */
    @Test
    void progressAndCancellation() {
        List<String> messages = new ArrayList<>();
        org.myoflow.core.spi.Progress record = new org.myoflow.core.spi.Progress() {
            @Override
            public void update(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        List<RefineSequence> one = List.of(shifted(3));
        RefineTrainer.train(NAMES, List.of(), one, List.of(), RefineOptions.quick().withEpochs(2), record).close();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(1).startsWith("refinement epoch 2/2"), messages.get(1));
        org.myoflow.core.spi.Progress cancelled = new org.myoflow.core.spi.Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class, () -> RefineTrainer.train(NAMES, List.of(),
                one, List.of(), RefineOptions.quick().withEpochs(2), cancelled));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
