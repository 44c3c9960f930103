package org.myoflow.ml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TrainingRecipe#train} is asked to do.
 *
 * @param quick        run the small variant
 * @param seed         random seed, or null for the recipe's default
 * @param outputRoot   registry root to write into: the model goes to {@code outputRoot/<model name>}
 * @param overrides    recipe parameters to override, by name (never null)
 * @since 0.1
 */
public record TrainingRequest(boolean quick, Long seed, Path outputRoot, Map<String, String> overrides) {

    public TrainingRequest {
        Objects.requireNonNull(outputRoot, "outputRoot");
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** The seed, or {@code defaultSeed} when none was given. */
    public long seedOr(long defaultSeed) {
        return seed != null ? seed : defaultSeed;
    }
}
