package org.myoflow.ml;

/**
 * A learned model could not be found, read, verified or loaded. {@link #kind()} says which, so callers (the
 * command line, steps) can map it to an exit code or a message without parsing text; the message always names
 * the model or file concerned.
 *
 * @since 0.1
 */
public class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No model of that name in any registry folder (or a file of the model is missing). */
        NOT_FOUND,
        /** {@code model.json} is not valid JSON, or a required field is missing or mistyped. */
        MALFORMED_CARD,
        /** {@code model.onnx}'s SHA-256 differs from the one recorded in the card. */
        CORRUPTED,
        /** The model's inputs/outputs differ from what the caller needs, or the card lies about the file. */
        SIGNATURE_MISMATCH,
        /** ONNX Runtime could not load or run the model, or an I/O error occurred. */
        LOAD_FAILED
    }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
