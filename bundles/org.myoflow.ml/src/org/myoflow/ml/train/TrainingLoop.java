package org.myoflow.ml.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;

/**
 * The supervised training over {@link ArrayData} (the surrogate's, say), on the one {@link TrainingHarness}: seeded initialisation and shuffling, mini-batches, Adam with a
 * warm-up + cosine learning-rate schedule, early stopping on a validation split (the best parameters are restored
 * at the end), periodic checkpoints, progress and cancellation through {@link Progress}.
 *
 * <p>Determinism: with the same options, data and seed the loop performs the same floating-point operations in the
 * same order on one PyTorch thread, so the trained weights are identical from run to run.
 *
 * @since 0.1
 */
public final class TrainingLoop {

    /** A scalar loss from the network's outputs and the batch's label arrays. */
    @FunctionalInterface
    public interface LossFunction {
        NDArray compute(NDList predictions, NDList labels);
    }

    /** One epoch of the history. */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double learningRate, double seconds) {
    }

    /**
     * The outcome: the history, the epoch whose parameters were kept, whether early stopping ended the run, the
     * total time, and the number of samples per second seen while training.
     */
    public record Result(List<Epoch> history, int bestEpoch, double bestValidationLoss, boolean stoppedEarly,
            double seconds) {

        public double finalTrainLoss() {
            return history.get(history.size() - 1).trainLoss();
        }
    }

    private TrainingLoop() {
    }

    /**
     * Trains the model's block (already set on {@code model}) on {@code train}, selecting by {@code validation}.
     *
     * @param progress may be null; cancellation is checked after every batch
     */
    public static Result fit(Model model, ArrayData train, ArrayData validation, LossFunction loss,
            TrainingOptions options, Progress progress) {
        return TrainingHarness.exclusively(() -> fitExclusively(model, train, validation, loss, options, progress));
    }

    private static Result fitExclusively(Model model, ArrayData train, ArrayData validation, LossFunction loss,
            TrainingOptions options, Progress progress) {
        org.myoflow.ml.DjlRuntime.forThisThread();
        if (train.inputCount() != validation.inputCount()) {
            throw new IllegalArgumentException("training and validation data differ in their number of inputs");
        }
        int batchesPerEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
        long totalUpdates = (long) batchesPerEpoch * options.maxEpochs();
        Tracker lr = schedule(options, batchesPerEpoch, totalUpdates);
        List<Epoch> history = new ArrayList<>();
        try (Trainer trainer = TrainingHarness.adamTrainer(model, lr, options.gradientClip(), options.weightDecay())) {
            Shape[] shapes = new Shape[train.inputCount()];
            for (int i = 0; i < shapes.length; i++) {
                long[] s = train.sampleShape(i);
                long[] full = new long[s.length + 1];
                full[0] = 1;
                System.arraycopy(s, 0, full, 1, s.length);
                shapes[i] = new Shape(full);
            }
            TrainingHarness.initialize(trainer, (int) (options.seed() ^ (options.seed() >>> 32)), shapes);
            TrainingHarness.Hooks hooks = new TrainingHarness.Hooks() {
                double sum;
                double best = Double.POSITIVE_INFINITY;
                int bestEpoch;
                long t0 = System.nanoTime();

                @Override
                public int trainingSize() {
                    return train.size();
                }

                @Override
                public NDArray loss(Trainer t, NDManager m, TrainingHarness.Batch batch) {
                    NDList all = train.batch(m, batch.order(), batch.from(), batch.to());
                    NDList inputs = new NDList(all.subList(0, train.inputCount()));
                    NDList labels = new NDList(all.subList(train.inputCount(), all.size()));
                    NDArray l = loss.compute(t.forward(inputs), labels);
                    sum += l.getFloat() * batch.size();
                    return l;
                }

                @Override
                public boolean validates() {
                    return true;
                }

                @Override
                public double endEpoch(int epoch, long updates) {
                    double trainLoss = sum / train.size();
                    double valLoss = evaluate(trainer, validation, loss, options.batchSize());
                    double rate = lr.getNewValue((int) Math.min(Integer.MAX_VALUE, updates));
                    history.add(new Epoch(epoch, trainLoss, valLoss, rate, (System.nanoTime() - t0) / 1e9));
                    if (valLoss < best) {
                        best = valLoss;
                        bestEpoch = epoch;
                    }
                    sum = 0;
                    t0 = System.nanoTime();
                    return valLoss;
                }

                @Override
                public String progress(int epoch, int lastEpoch) {
                    Epoch e = history.get(history.size() - 1);
                    return String.format(Locale.ROOT, "epoch %d/%d: train %.5g, validation %.5g (best %.5g @%d)",
                            epoch, lastEpoch, e.trainLoss(), e.validationLoss(), best, bestEpoch);
                }
            };
            TrainingHarness.Settings settings = TrainingHarness.Settings.of(options.maxEpochs(), options.batchSize())
                    .withPatience(options.patience());
            if (options.checkpointDirectory() != null) {
                settings = settings.withCheckpoints(options.checkpointDirectory(), options.checkpointEvery());
            }
            TrainingHarness.Result r = TrainingHarness.run(model, trainer, TrainingHarness.Seeding.stream(
                    options.seed()), settings, hooks, progress);
            return new Result(List.copyOf(history), r.bestEpoch(), r.bestScore(), r.stoppedEarly(), r.seconds());
        }
    }

    /** Mean loss over a data set without gradients (inference mode: dropout off). */
    public static double evaluate(Trainer trainer, ArrayData data, LossFunction loss, int batchSize) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double sum = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList all = data.batch(m, order, from, to);
                NDList inputs = new NDList(all.subList(0, data.inputCount()));
                NDList labels = new NDList(all.subList(data.inputCount(), all.size()));
                NDList predictions = trainer.evaluate(inputs);
                sum += loss.compute(predictions, labels).getFloat() * (to - from);
            }
        }
        return sum / data.size();
    }

    /** Linear warm-up from the final rate to the peak, then a cosine decay to the final rate. */
    static Tracker schedule(TrainingOptions o, int batchesPerEpoch, long totalUpdates) {
        long warm = (long) o.warmupEpochs() * batchesPerEpoch;
        float peak = o.learningRate();
        float last = o.finalLearningRate();
        return update -> {
            if (update < warm) {
                return last + (peak - last) * (update + 1f) / warm;
            }
            double span = Math.max(1, totalUpdates - warm);
            double p = Math.min(1, (update - warm) / span);
            return (float) (last + 0.5 * (peak - last) * (1 + Math.cos(Math.PI * p)));
        };
    }

    /** Copies of every parameter's values, in the block's parameter order. */
    public static List<float[]> snapshot(Model model) {
        return DjlArrays.snapshot(model.getBlock());
    }

    /** Writes back a {@link #snapshot}. */
    public static void restore(Model model, List<float[]> values) {
        DjlArrays.restore(model.getBlock(), values);
    }
}
