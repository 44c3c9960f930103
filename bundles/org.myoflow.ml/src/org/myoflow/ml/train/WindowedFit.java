package org.myoflow.ml.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlRuntime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;

/**
 * A training of a sequence network on fixed-length windows of recordings (the NMM's, the refinement network's) on
 * the {@link TrainingHarness}: the DJL model and its Adam trainer (fixed learning rate, element-wise gradient clip,
 * optional weight decay), the seeded initialisation, the training and validation windows, and the training itself
 * (fresh generators per epoch from the seed, the best validation epoch's weights kept, the last epoch's without
 * validation windows). Subclasses are the {@link TrainingHarness.Hooks}: they assemble and score the batches.
 *
 * @since 0.2
 */
public abstract class WindowedFit implements TrainingHarness.Hooks, AutoCloseable {

    /** The DJL model holding the network. */
    protected final Model model;
    /** Its trainer. */
    protected final Trainer trainer;
    /** Training windows as {sequence, first sample}. */
    protected final List<int[]> windows;
    /** Validation windows as {sequence, first sample}. */
    protected final List<int[]> validationWindows;
    private final int batchSize;
    private int bestEpoch;

    /**
     * Builds the model and its trainer and initialises the network's parameters from the seed.
     *
     * @param trainLengths      samples of each training sequence
     * @param validationLengths samples of each validation sequence
     * @param inputShapes       the network's input shapes for initialisation
     */
    protected WindowedFit(String name, Block network, double learningRate, float gradientClip, float weightDecay,
            int initSeed, int[] trainLengths, int[] validationLengths, int windowLength, int windowStep,
            int batchSize, Shape... inputShapes) {
        this.model = Model.newInstance(name, Device.cpu(), DjlRuntime.forThisThread().getEngineName());
        model.setBlock(network);
        this.trainer = TrainingHarness.adamTrainer(model, Tracker.fixed((float) learningRate), gradientClip,
                weightDecay);
        TrainingHarness.initialize(trainer, initSeed, inputShapes);
        this.windows = windows(trainLengths, windowLength, windowStep);
        this.validationWindows = windows(validationLengths, windowLength, windowStep);
        this.batchSize = batchSize;
    }

    /**
     * Window starts as {sequence, first sample}: every {@code step} samples, plus one ending at each sequence's end
     * (every sequence has at least {@code length} samples).
     */
    public static List<int[]> windows(int[] lengths, int length, int step) {
        List<int[]> w = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            int n = lengths[i];
            int last = -1;
            for (int s = 0; s + length <= n; s += step) {
                w.add(new int[] {i, s});
                last = s;
            }
            if (last != n - length) {
                w.add(new int[] {i, n - length});
            }
        }
        return w;
    }

    /**
     * Creates a fit and trains it under the training lock; closes it when the training fails.
     *
     * @return the trained fit (close it)
     */
    public static <F extends WindowedFit> F fit(Supplier<F> create, long seed, int epochs, Progress progress) {
        return TrainingHarness.exclusively(() -> {
            F fit = create.get();
            try {
                fit.train(seed, epochs, progress);
                return fit;
            } catch (RuntimeException e) {
                fit.close();
                throw e;
            }
        });
    }

    /** Trains {@code epochs} epochs. */
    protected void train(long seed, int epochs, Progress progress) {
        bestEpoch = TrainingHarness.run(model, trainer, TrainingHarness.Seeding.perEpoch(seed, -1),
                TrainingHarness.Settings.of(epochs, batchSize), this, progress).bestEpoch();
    }

    /**
     * The epoch whose weights the training kept: the lowest validation score's, the last one's without validation
     * windows (0 before training).
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public int trainingSize() {
        return windows.size();
    }

    @Override
    public boolean validates() {
        return !validationWindows.isEmpty();
    }

    /** Work on one batch of windows {@code [from, to)} in their list order. */
    @FunctionalInterface
    protected interface BatchWork {
        void run(NDManager manager, int from, int to);
    }

    /** Runs {@code work} over the windows in batches of the training's size, each on its own manager. */
    protected void inBatches(List<int[]> w, BatchWork work) {
        DjlRuntime.forThisThread();
        for (int from = 0; from < w.size(); from += batchSize) {
            try (NDManager nm = trainer.getManager().newSubManager()) {
                work.run(nm, from, Math.min(w.size(), from + batchSize));
            }
        }
    }

    /** The network's outputs in inference mode (dropout off, no gradient). */
    protected NDList infer(NDManager manager, NDArray... inputs) {
        return model.getBlock().forward(new ParameterStore(manager, false), new NDList(inputs), false);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
