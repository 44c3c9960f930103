package org.myoflow.ml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TrainingRecipe} produced.
 *
 * @param modelFolder the written model folder ({@code model.onnx} + {@code model.json})
 * @param metrics     name to value, as in the card (never null)
 * @since 0.1
 */
public record TrainingResult(Path modelFolder, Map<String, Double> metrics) {

    public TrainingResult {
        Objects.requireNonNull(modelFolder, "modelFolder");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
