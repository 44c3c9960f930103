package org.myoflow.ml.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;
import org.myoflow.ml.DjlRuntime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;

/**
 * The one training harness of the platform: epochs, mini-batches over a seeded shuffle, the gradient step, skipping
 * or rejecting non-finite losses, validation after every epoch, keeping the best epoch's weights (restored at the
 * end), early stopping, checkpoints, progress and cancellation, and the DJL locking and threading every training
 * shares. What differs between models comes in through {@link Hooks}: how a batch is assembled and scored (the NMM's
 * physics term and subject scales, LFADS's KL ramps and coordinated dropout, a plain loss over {@link ArrayData}),
 * the validation score and the progress message.
 *
 * <p>Determinism: an epoch's randomness comes from {@link Seeding}; the harness draws the sample order first and
 * hands the same generator to the hooks for their own draws (augmentation, dropout masks, noise), in batch order.
 * Trainings run one at a time ({@link DjlRuntime#TRAINING}) on the PyTorch thread settings of
 * {@link DjlRuntime#forThisThread()}, so the same seed gives the same floating-point operations in the same order.
 *
 * @since 0.2
 */
public final class TrainingHarness {

    /**
     * Settings of one run.
     *
     * @param epochs              epochs to train (at most; early stopping may end sooner)
     * @param batchSize           samples per update
     * @param dropIncomplete      leave out the last, smaller batch of an epoch (with a batch size capped at the
     *                            training-set size)
     * @param patience            stop after this many epochs without a better validation score (0 = never)
     * @param checkpointDirectory folder for periodic and best checkpoints (null = none)
     * @param checkpointEvery     epochs between periodic checkpoints
     * @param firstEpoch          number of the first epoch (1 for a fresh training; later for one continued)
     * @param firstUpdate         updates done before this run (a continued training's count)
     */
    public record Settings(int epochs, int batchSize, boolean dropIncomplete, int patience, Path checkpointDirectory,
            int checkpointEvery, int firstEpoch, long firstUpdate) {

        public Settings {
            if (epochs < 0 || batchSize < 1 || patience < 0 || checkpointEvery < 1 || firstEpoch < 1
                    || firstUpdate < 0) {
                throw new IllegalArgumentException("inconsistent training settings " + this);
            }
        }

        /** {@code epochs} epochs of {@code batchSize}, every batch used, no early stopping, no checkpoints. */
        public static Settings of(int epochs, int batchSize) {
            return new Settings(epochs, batchSize, false, 0, null, 1, 1, 0);
        }

        public Settings droppingIncomplete() {
            return new Settings(epochs, batchSize, true, patience, checkpointDirectory, checkpointEvery, firstEpoch,
                    firstUpdate);
        }

        public Settings withPatience(int p) {
            return new Settings(epochs, batchSize, dropIncomplete, p, checkpointDirectory, checkpointEvery,
                    firstEpoch, firstUpdate);
        }

        public Settings withCheckpoints(Path directory, int every) {
            return new Settings(epochs, batchSize, dropIncomplete, patience, directory, every, firstEpoch,
                    firstUpdate);
        }

        /** Continues a training after {@code epochsDone} epochs and {@code updatesDone} updates. */
        public Settings continuing(int epochsDone, long updatesDone) {
            return new Settings(epochs, batchSize, dropIncomplete, patience, checkpointDirectory, checkpointEvery,
                    epochsDone + 1, updatesDone);
        }
    }

    /** Where an epoch's randomness comes from. */
    @FunctionalInterface
    public interface Seeding {

        /**
         * Called at the start of every epoch (on the training thread, inside the training lock): may re-seed the
         * engine, and returns the generator for the epoch's sample order and the hooks' draws.
         */
        SplittableRandom startEpoch(Engine engine, int epoch);

        /**
         * Fresh generators every epoch: PyTorch's seeded from (seed, epoch + offset), the Java generator from
         * (seed ^ 0x5DEECE66D, epoch + offset) (both by {@link DjlArrays#seedFor}).
         */
        static Seeding perEpoch(long seed, int offset) {
            return (engine, epoch) -> {
                engine.setRandomSeed(DjlArrays.seedFor(seed, epoch + offset));
                return new SplittableRandom(DjlArrays.seedFor(seed ^ 0x5DEECE66DL, epoch + offset));
            };
        }

        /** One Java stream seeded once, split off per epoch; PyTorch's generator is left alone. */
        static Seeding stream(long seed) {
            SplittableRandom root = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
            return (engine, epoch) -> root.split();
        }
    }

    /**
     * One mini-batch: the training samples {@code order[from..to)} of an epoch, the epoch's generator (for the
     * hooks' draws) and the number of updates done before it.
     */
    public record Batch(int epoch, int[] order, int from, int to, SplittableRandom random, long update) {

        public int size() {
            return to - from;
        }

        /** Training-set index of the batch's i-th sample. */
        public int sample(int i) {
            return order[from + i];
        }
    }

    /** The model-specific parts of a training. */
    public interface Hooks {

        /** Number of training samples (what an epoch shuffles and batches). */
        int trainingSize();

        /**
         * The scalar loss of a batch with the gradient being recorded: build the inputs on {@code manager},
         * {@code trainer.forward} them and score the outputs. The hook may record the loss's terms for its history.
         */
        NDArray loss(Trainer trainer, NDManager manager, Batch batch);

        /**
         * A batch's loss was not finite (its update is skipped). Throw to end the training (the default, with a
         * divergence message); return to go on.
         *
         * @param skipped non-finite batches so far in this epoch
         */
        default void nonFinite(Batch batch, int skipped) {
            throw new IllegalStateException("training diverged in epoch " + batch.epoch()
                    + " (non-finite loss); lower the learning rate");
        }

        /** Whether {@link #endEpoch} gives validation scores that select the weights kept. */
        boolean validates();

        /**
         * The end of an epoch: validate, record the history, and return the validation score (lower is better;
         * ignored when the training does not {@link #validates validate}).
         *
         * @param updates updates done so far
         */
        double endEpoch(int epoch, long updates);

        /** The progress message after an epoch (after {@link #endEpoch}); null for no progress update. */
        default String progress(int epoch, int lastEpoch) {
            return null;
        }
    }

    /**
     * The outcome: the last epoch trained, the epoch whose weights were kept (0: the initial ones) with its score,
     * whether early stopping ended the run, the updates done in all, and the time.
     */
    public record Result(int lastEpoch, int bestEpoch, double bestScore, boolean stoppedEarly, long updates,
            double seconds) {
    }

    private TrainingHarness() {
    }

    /** Runs {@code work} holding the training lock (for setup and training in one go). */
    public static <T> T exclusively(Supplier<T> work) {
        synchronized (DjlRuntime.TRAINING) {
            return work.get();
        }
    }

    /**
     * A trainer with Adam on {@code model}'s block (the losses are computed by the hooks, so the configuration's
     * loss is never used).
     *
     * @param clip        element-wise gradient clip (≤ 0: none)
     * @param weightDecay decoupled weight decay (≤ 0: none)
     */
    public static Trainer adamTrainer(Model model, Tracker learningRate, float clip, float weightDecay) {
        Adam.Builder adam = Adam.builder().optLearningRateTracker(learningRate);
        if (clip > 0) {
            adam.optClipGrad(clip);
        }
        if (weightDecay > 0) {
            adam.optWeightDecays(weightDecay);
        }
        return model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam.build()));
    }

    /**
     * Initialises the trainer's parameters from PyTorch's generator seeded with {@code seed}, seed and draws in one
     * go under the training lock (the initial weights are the only draws from that global generator).
     */
    public static void initialize(Trainer trainer, int seed, Shape... inputShapes) {
        synchronized (DjlRuntime.TRAINING) {
            DjlRuntime.forThisThread().setRandomSeed(seed);
            trainer.initialize(inputShapes);
        }
    }

    /**
     * Trains {@code model}'s block with {@code trainer}.
     *
     * @param progress may be null; cancellation is checked after every batch
     */
    public static Result run(Model model, Trainer trainer, Seeding seeding, Settings settings, Hooks hooks,
            Progress progress) {
        synchronized (DjlRuntime.TRAINING) {
            return runExclusively(model, trainer, seeding, settings, hooks, progress);
        }
    }

    private static Result runExclusively(Model model, Trainer trainer, Seeding seeding, Settings s, Hooks hooks,
            Progress progress) {
        long start = System.nanoTime();
        Engine engine = DjlRuntime.forThisThread();
        int n = hooks.trainingSize();
        int batchSize = s.dropIncomplete() ? Math.min(s.batchSize(), n) : s.batchSize();
        int batches = s.dropIncomplete() ? n / batchSize : (n + batchSize - 1) / batchSize;
        boolean validates = hooks.validates();
        List<float[]> bestWeights = validates ? DjlArrays.snapshot(model.getBlock()) : null;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        long updates = s.firstUpdate();
        int last = s.firstEpoch() + s.epochs() - 1;
        int epoch = s.firstEpoch() - 1;
        while (epoch < last) {
            epoch++;
            DjlRuntime.forThisThread();
            SplittableRandom random = seeding.startEpoch(engine, epoch);
            int[] order = DjlArrays.permutation(n, random);
            int skipped = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                Batch batch = new Batch(epoch, order, from, Math.min(n, from + batchSize), random, updates);
                if (step(trainer, hooks, batch)) {
                    updates++;
                } else {
                    hooks.nonFinite(batch, ++skipped);
                }
                if (progress != null) {
                    progress.checkCancelled();
                }
            }
            double score = hooks.endEpoch(epoch, updates);
            if (validates) {
                if (score < best) {
                    best = score;
                    bestEpoch = epoch;
                    bestWeights = DjlArrays.snapshot(model.getBlock());
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            } else {
                bestEpoch = epoch;
            }
            String message = hooks.progress(epoch, last);
            if (progress != null && message != null) {
                progress.update((double) (epoch - s.firstEpoch() + 1) / s.epochs(), message);
            }
            if (s.checkpointDirectory() != null && epoch % s.checkpointEvery() == 0) {
                checkpoint(model, "checkpoint", epoch, s.checkpointDirectory());
            }
            if (s.patience() > 0 && sinceBest >= s.patience()) {
                stoppedEarly = true;
                break;
            }
        }
        if (bestWeights != null) {
            DjlArrays.restore(model.getBlock(), bestWeights);
        }
        if (s.checkpointDirectory() != null) {
            checkpoint(model, "best", bestEpoch, s.checkpointDirectory());
        }
        return new Result(epoch, bestEpoch, validates ? best : Double.NaN, stoppedEarly, updates,
                (System.nanoTime() - start) / 1e9);
    }

    /** One update; false (and no update) when the batch's loss is not finite. */
    private static boolean step(Trainer trainer, Hooks hooks, Batch batch) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = hooks.loss(trainer, m, batch);
                if (!Float.isFinite(loss.getFloat())) {
                    return false;
                }
                gc.backward(loss);
            }
            trainer.step();
            return true;
        }
    }

    private static void checkpoint(Model model, String name, int epoch, Path directory) {
        try {
            Files.createDirectories(directory);
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(directory, name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write checkpoint '" + name + "' to " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
