package org.myoflow.ml.train;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/**
 * The training loop every learned step uses: seeded initialisation and shuffling, mini-batches, Adam with a
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
        synchronized (org.myoflow.ml.DjlRuntime.TRAINING) {
            return fitExclusively(model, train, validation, loss, options, progress);
        }
    }

    private static Result fitExclusively(Model model, ArrayData train, ArrayData validation, LossFunction loss,
            TrainingOptions options, Progress progress) {
        org.myoflow.ml.DjlRuntime.forThisThread();
        if (train.inputCount() != validation.inputCount()) {
            throw new IllegalArgumentException("training and validation data differ in their number of inputs");
        }
        Engine engine = model.getNDManager().getEngine();
        engine.setRandomSeed((int) (options.seed() ^ (options.seed() >>> 32)));
        int batchesPerEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
        long totalUpdates = (long) batchesPerEpoch * options.maxEpochs();
        Tracker lr = schedule(options, batchesPerEpoch, totalUpdates);
        Adam.Builder adam = Adam.builder().optLearningRateTracker(lr);
        if (options.weightDecay() > 0) {
            adam.optWeightDecays(options.weightDecay());
        }
        if (options.gradientClip() > 0) {
            adam.optClipGrad(options.gradientClip());
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(new FunctionLoss(loss)).optOptimizer(adam.build());
        long start = System.nanoTime();
        List<Epoch> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        try (Trainer trainer = model.newTrainer(config)) {
            Shape[] shapes = new Shape[train.inputCount()];
            for (int i = 0; i < shapes.length; i++) {
                long[] s = train.sampleShape(i);
                long[] full = new long[s.length + 1];
                full[0] = 1;
                System.arraycopy(s, 0, full, 1, s.length);
                shapes[i] = new Shape(full);
            }
            trainer.initialize(shapes);
            List<float[]> bestParams = snapshot(model);
            SplittableRandom shuffle = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 17);
            int sinceBest = 0;
            long updates = 0;
            for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = DjlArrays.permutation(train.size(), shuffle.split());
                double sum = 0;
                for (int b = 0; b < batchesPerEpoch; b++) {
                    int from = b * options.batchSize();
                    int to = Math.min(train.size(), from + options.batchSize());
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList all = train.batch(m, order, from, to);
                        NDList inputs = new NDList(all.subList(0, train.inputCount()));
                        NDList labels = new NDList(all.subList(train.inputCount(), all.size()));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(inputs);
                            NDArray l = loss.compute(predictions, labels);
                            sum += l.getFloat() * (to - from);
                            gc.backward(l);
                        }
                        trainer.step();
                        updates++;
                    }
                    if (progress != null) {
                        progress.checkCancelled();
                    }
                }
                double trainLoss = sum / train.size();
                double valLoss = evaluate(trainer, validation, loss, options.batchSize());
                double rate = lr.getNewValue((int) Math.min(Integer.MAX_VALUE, updates));
                history.add(new Epoch(epoch, trainLoss, valLoss, rate, (System.nanoTime() - t0) / 1e9));
                if (valLoss < best) {
                    best = valLoss;
                    bestEpoch = epoch;
                    bestParams = snapshot(model);
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                if (progress != null) {
                    progress.update((double) epoch / options.maxEpochs(), String.format(Locale.ROOT,
                            "epoch %d/%d: train %.5g, validation %.5g (best %.5g @%d)", epoch, options.maxEpochs(),
                            trainLoss, valLoss, best, bestEpoch));
                }
                if (options.checkpointDirectory() != null && epoch % options.checkpointEvery() == 0) {
                    checkpoint(model, "checkpoint", epoch, options);
                }
                if (options.patience() > 0 && sinceBest >= options.patience()) {
                    stoppedEarly = true;
                    break;
                }
            }
            restore(model, bestParams);
            if (options.checkpointDirectory() != null) {
                checkpoint(model, "best", bestEpoch, options);
            }
        }
        return new Result(List.copyOf(history), bestEpoch, best, stoppedEarly, (System.nanoTime() - start) / 1e9);
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
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Writes back a {@link #snapshot}. */
    public static void restore(Model model, List<float[]> values) {
        int i = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            p.getValue().getArray().set(values.get(i++));
        }
    }

    private static void checkpoint(Model model, String name, int epoch, TrainingOptions options) {
        try {
            Files.createDirectories(options.checkpointDirectory());
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(options.checkpointDirectory(), name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write checkpoint '" + name + "' to "
                    + options.checkpointDirectory() + ": " + e.getMessage(), e);
        }
    }

    /** Adapts a {@link LossFunction} to DJL's training configuration. */
    private static final class FunctionLoss extends Loss {
        private final LossFunction fn;

        FunctionLoss(LossFunction fn) {
            super("loss");
            this.fn = fn;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return fn.compute(predictions, labels);
        }
    }
}
