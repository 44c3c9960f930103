package org.myoflow.core.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file a node uses, as found by the {@link ModelResolver} when the pipeline was planned. Its SHA-256 enters
 * the node's cache key and the run's provenance ({@code run.json}), so a model retrained under the same name makes
 * the nodes using it recompute.
 *
 * @param name       the model's name in the registry (the value of the step's model parameter)
 * @param origin     where it was found, e.g. {@code USER}, {@code SHARED}, {@code INSTALLATION}
 * @param folder     the model folder
 * @param file       the model file the step runs (e.g. {@code model.onnx})
 * @param sha256     SHA-256 (lower-case hex) of {@code file} as read when the pipeline was planned
 * @param cardSha256 SHA-256 the model's card states for the file, or null when the card could not be read (the
 *                   step that opens the model reports why)
 * @since 0.2
 */
public record ModelFile(String name, String origin, Path folder, Path file, String sha256, String cardSha256) {

    public ModelFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Whether the file's digest equals the one its card states. */
    public boolean matchesCard() {
        return sha256.equalsIgnoreCase(cardSha256 == null ? "" : cardSha256);
    }
}
