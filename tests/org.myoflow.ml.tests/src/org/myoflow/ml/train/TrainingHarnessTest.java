package org.myoflow.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.nn.Mlp;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;

/** The training harness on a tiny regression: order of draws, determinism, skipping, early stopping, checkpoints. */
class TrainingHarnessTest {

    static final int N = 10;
    static final float[] X = new float[2 * N];
    static final float[] Y = new float[N];

    static {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < N; i++) {
            X[2 * i] = (float) (2 * r.nextDouble() - 1);
            X[2 * i + 1] = (float) (2 * r.nextDouble() - 1);
            Y[i] = X[2 * i] - 0.5f * X[2 * i + 1];
        }
    }

    /** A tiny regression with scripted validation scores and hooks that record what the harness hands them. */
    static class Toy implements TrainingHarness.Hooks, AutoCloseable {
        final Model model = Model.newInstance("toy", Device.cpu(), DjlRuntime.pytorch().getEngineName());
        final Trainer trainer;
        final double[] scores;
        final List<int[]> orders = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        final List<List<float[]>> weights = new ArrayList<>();
        final List<Double> draws = new ArrayList<>();
        int nanBatch = -1;
        int calls;

        Toy(int seed, double[] scores) {
            model.setBlock(new Mlp(2, new int[] {4}, 1, Mlp.Act.TANH).block());
            trainer = TrainingHarness.adamTrainer(model, Tracker.fixed(0.05f), 1, 0);
            TrainingHarness.initialize(trainer, seed, new Shape(1, 2));
            this.scores = scores;
        }

        @Override
        public int trainingSize() {
            return N;
        }

        @Override
        public NDArray loss(Trainer t, NDManager m, TrainingHarness.Batch batch) {
            if (batch.from() == 0) {
                orders.add(batch.order().clone());
            }
            sizes.add(batch.size());
            draws.add(batch.random().nextDouble());
            float[] x = new float[2 * batch.size()];
            float[] y = new float[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                x[2 * i] = X[2 * batch.sample(i)];
                x[2 * i + 1] = X[2 * batch.sample(i) + 1];
                y[i] = Y[batch.sample(i)];
            }
            NDArray out = t.forward(new NDList(DjlArrays.owned(m, x, new Shape(batch.size(), 2)))).head();
            NDArray l = out.sub(DjlArrays.owned(m, y, new Shape(batch.size(), 1))).square().mean();
            return calls++ == nanBatch ? l.mul(DjlArrays.scalar(m, Float.NaN)) : l;
        }

        @Override
        public boolean validates() {
            return scores != null;
        }

        @Override
        public double endEpoch(int epoch, long updates) {
            weights.add(DjlArrays.snapshot(model.getBlock()));
            return scores == null ? Double.NaN : scores[epoch - 1];
        }

        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }

    static TrainingHarness.Result run(Toy toy, TrainingHarness.Settings s, long seed, Progress p) {
        return TrainingHarness.run(toy.model, toy.trainer, TrainingHarness.Seeding.perEpoch(seed, 0), s, toy, p);
    }

    @Test
    void epochOrderAndDrawsComeFromTheSeed() {
        try (Toy toy = new Toy(3, null)) {
            TrainingHarness.Result r = run(toy, TrainingHarness.Settings.of(2, 4), 9, null);
            assertEquals(2, r.lastEpoch());
            assertEquals(2, r.bestEpoch(), "without validation the last epoch is kept");
            assertEquals(6, r.updates());
            assertEquals(List.of(4, 4, 2, 4, 4, 2), toy.sizes);
            for (int e = 1; e <= 2; e++) {
                SplittableRandom expected = new SplittableRandom(DjlArrays.seedFor(9 ^ 0x5DEECE66DL, e));
                assertArrayEquals(DjlArrays.permutation(N, expected), toy.orders.get(e - 1), "epoch " + e);
                // the hooks continue the generator the order was drawn from
                for (int b = 0; b < 3; b++) {
                    assertEquals(expected.nextDouble(), toy.draws.get(3 * (e - 1) + b), 0);
                }
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOther() {
        List<float[]> a;
        List<float[]> b;
        List<float[]> c;
        try (Toy toy = new Toy(3, null)) {
            run(toy, TrainingHarness.Settings.of(3, 4), 9, null);
            a = DjlArrays.snapshot(toy.model.getBlock());
        }
        try (Toy toy = new Toy(3, null)) {
            run(toy, TrainingHarness.Settings.of(3, 4), 9, null);
            b = DjlArrays.snapshot(toy.model.getBlock());
        }
        try (Toy toy = new Toy(3, null)) {
            run(toy, TrainingHarness.Settings.of(3, 4), 10, null);
            c = DjlArrays.snapshot(toy.model.getBlock());
        }
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0, "parameter " + i);
        }
        assertFalse(Arrays.equals(a.get(0), c.get(0)), "another shuffle seed, other weights");
    }

    @Test
    void earlyStoppingRestoresTheBestEpochAndWritesCheckpoints(@TempDir Path dir) throws Exception {
        try (Toy toy = new Toy(3, new double[] {3, 2, 2.5, 2.6, 1, 1})) {
            TrainingHarness.Result r = run(toy, TrainingHarness.Settings.of(6, 5).withPatience(2)
                    .withCheckpoints(dir, 2), 1, null);
            assertTrue(r.stoppedEarly());
            assertEquals(4, r.lastEpoch());
            assertEquals(2, r.bestEpoch());
            assertEquals(2.0, r.bestScore());
            List<float[]> now = DjlArrays.snapshot(toy.model.getBlock());
            for (int i = 0; i < now.size(); i++) {
                assertArrayEquals(toy.weights.get(1).get(i), now.get(i), 0, "parameter " + i);
            }
            assertNotEquals(toy.weights.get(3).get(0)[0], now.get(0)[0]);
            try (var files = Files.list(dir)) {
                assertEquals(List.of("best-0002.params", "checkpoint-0002.params", "checkpoint-0004.params"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void nonFiniteLossesAreRejectedOrSkipped() {
        try (Toy toy = new Toy(3, null)) {
            toy.nanBatch = 4;
            var e = assertThrows(IllegalStateException.class, () -> run(toy, TrainingHarness.Settings.of(3, 4), 1,
                    null));
            assertEquals("training diverged in epoch 2 (non-finite loss); lower the learning rate", e.getMessage());
        }
        List<Integer> skipped = new ArrayList<>();
        try (Toy toy = new Toy(3, null) {
            @Override
            public void nonFinite(TrainingHarness.Batch batch, int count) {
                skipped.add(batch.epoch() * 100 + batch.from() * 10 + count);
            }
        }) {
            toy.nanBatch = 4;
            TrainingHarness.Result r = run(toy, TrainingHarness.Settings.of(3, 4).droppingIncomplete()
                    .continuing(5, 40), 1, null);
            // batches of 4 of 10 samples without the incomplete one: 2 per epoch; the 5th call is epoch 8's first
            assertEquals(List.of(801), skipped);
            assertEquals(8, r.lastEpoch());
            assertEquals(40 + 6 - 1, r.updates());
            assertEquals(List.of(4, 4, 4, 4, 4, 4), toy.sizes);
        }
    }

    @Test
    void cancellationStopsBetweenBatchesAndProgressIsReported() {
        List<String> messages = new ArrayList<>();
        int[] checks = {0};
        Progress p = new Progress() {
            @Override
            public void update(double fraction, String message) {
                messages.add(fraction + " " + message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void checkCancelled() {
                if (++checks[0] == 5) {
                    throw new CancellationException("stop");
                }
            }
        };
        try (Toy toy = new Toy(3, null) {
            @Override
            public String progress(int epoch, int last) {
                return "epoch " + epoch + "/" + last;
            }
        }) {
            assertThrows(CancellationException.class, () -> run(toy, TrainingHarness.Settings.of(4, 4), 1, p));
            assertEquals(List.of("0.25 epoch 1/4"), messages);
            assertEquals(5, toy.sizes.size());
        }
    }
}
