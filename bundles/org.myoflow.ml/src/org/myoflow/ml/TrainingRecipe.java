package org.myoflow.ml;

import org.myoflow.core.spi.Progress;

/**
 * A way to train one model, contributed as an OSGi Declarative Services component providing this interface;
 * {@code myoflow train RECIPE} finds it by {@link #id()}. A recipe generates or reads its training data, trains,
 * exports ONNX and writes the model folder with {@link ModelRegistry#writeModel} (card filled in: recipe, effective
 * parameters, seed, data digest, metrics).
 *
 * @since 0.1
 */
public interface TrainingRecipe {

    /** Stable identifier, e.g. {@code muap-surrogate}. */
    String id();

    /** One line for listings. */
    String description();

    /** Whether {@link TrainingRequest#quick()} selects a small variant (seconds, for tests and smoke checks). */
    boolean hasQuickVariant();

    /**
     * Trains and writes the model.
     *
     * @param request  what to train and where to write it
     * @param progress progress reporting; call {@link Progress#checkCancelled()} between epochs
     * @return where the model went and its metrics
     * @throws IllegalArgumentException for an unknown or invalid override (the message names it)
     */
    TrainingResult train(TrainingRequest request, Progress progress);
}
