package org.myoflow.ml.train;

import java.nio.file.Path;

/**
 * Settings of one training run of {@link TrainingLoop}: Adam with a linear warm-up followed by a cosine decay of
 * the learning rate, early stopping on the validation loss, optional checkpoints.
 *
 * @param maxEpochs            upper bound on passes over the training data
 * @param batchSize            samples per update
 * @param learningRate         peak learning rate of Adam
 * @param finalLearningRate    learning rate reached at the last update of the cosine decay
 * @param warmupEpochs         epochs of linear warm-up from {@code finalLearningRate} to {@code learningRate}
 * @param weightDecay          decoupled L2 weight decay of Adam (0 = none)
 * @param gradientClip         clip each gradient element to ±this (0 = none)
 * @param patience             stop after this many epochs without a better validation loss (0 = never)
 * @param seed                 seeds parameter initialisation, shuffling and every random choice of the loop
 * @param checkpointDirectory  folder for periodic and best-so-far parameter files (null = none)
 * @param checkpointEvery      epochs between periodic checkpoints
 * @since 0.1
 */
public record TrainingOptions(int maxEpochs, int batchSize, float learningRate, float finalLearningRate,
        int warmupEpochs, float weightDecay, float gradientClip, int patience, long seed, Path checkpointDirectory,
        int checkpointEvery) {

    public TrainingOptions {
        if (maxEpochs < 1 || batchSize < 1 || !(learningRate > 0) || !(finalLearningRate >= 0)
                || finalLearningRate > learningRate || warmupEpochs < 0 || !(weightDecay >= 0)
                || !(gradientClip >= 0) || patience < 0 || checkpointEvery < 1) {
            throw new IllegalArgumentException("inconsistent training options " + this);
        }
    }

    /** Defaults: 100 epochs, batch 64, lr 1e-3 decaying to 1e-5, 2 warm-up epochs, patience 20, seed 1. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(100, 64, 1e-3f, 1e-5f, 2, 0f, 0f, 20, 1L, null, 10);
    }

    public TrainingOptions withEpochs(int epochs) {
        return new TrainingOptions(epochs, batchSize, learningRate, finalLearningRate, warmupEpochs, weightDecay,
                gradientClip, patience, seed, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withBatchSize(int size) {
        return new TrainingOptions(maxEpochs, size, learningRate, finalLearningRate, warmupEpochs, weightDecay,
                gradientClip, patience, seed, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withLearningRate(float peak, float last) {
        return new TrainingOptions(maxEpochs, batchSize, peak, last, warmupEpochs, weightDecay, gradientClip,
                patience, seed, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withPatience(int epochs) {
        return new TrainingOptions(maxEpochs, batchSize, learningRate, finalLearningRate, warmupEpochs, weightDecay,
                gradientClip, epochs, seed, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(maxEpochs, batchSize, learningRate, finalLearningRate, warmupEpochs, weightDecay,
                gradientClip, patience, s, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withRegularisation(float decay, float clip) {
        return new TrainingOptions(maxEpochs, batchSize, learningRate, finalLearningRate, warmupEpochs, decay, clip,
                patience, seed, checkpointDirectory, checkpointEvery);
    }

    public TrainingOptions withCheckpoints(Path directory, int every) {
        return new TrainingOptions(maxEpochs, batchSize, learningRate, finalLearningRate, warmupEpochs, weightDecay,
                gradientClip, patience, seed, directory, every);
    }
}
