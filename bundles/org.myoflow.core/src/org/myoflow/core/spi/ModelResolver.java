package org.myoflow.core.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the model files that steps name in their model parameters ({@link Param#model()}). The engine asks it when
 * it plans a pipeline ({@code RunOptions.models}); the model registry of bundle {@code org.myoflow.ml} provides it
 * as an OSGi service. Finding is cheap: the card is read and the file hashed, no model is loaded.
 *
 * @since 0.2
 */
public interface ModelResolver {

    /** Finds nothing: a run without a model registry. Steps that name a model fail validation. */
    ModelResolver NONE = new ModelResolver() {
        @Override
        public Optional<ModelFile> find(String name) {
            return Optional.empty();
        }

        @Override
        public List<String> searched() {
            return List.of();
        }
    };

    /**
     * The model of that name (the first in lookup order), with its file's SHA-256, or empty when no folder holds
     * it.
     *
     * @throws RuntimeException with a message naming the file when the model exists but cannot be read
     */
    Optional<ModelFile> find(String name);

    /** The folders searched, in lookup order, as text for messages (e.g. {@code "USER /home/me/.myoflow/models"}). */
    List<String> searched();

    /** The folder where steps that train a model save it under its name; empty when this resolver has none. */
    default Optional<Path> saveFolder() {
        return Optional.empty();
    }
}
