package org.myoflow.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;

/**
 * What every trained sequence model of the platform (the NMM, the refinement network) holds and does alike: its
 * options, training history and kept epoch, the ONNX graph and the ONNX Runtime session running it through a
 * {@link SequenceRunner}, and reading its files back with the digest checked.
 *
 * @param <O> the model's options
 * @param <H> one epoch of its training history
 * @since 0.2
 */
public abstract class TrainedSequenceModel<O, H> implements AutoCloseable {

    /** A model folder's card and graph, read by {@link #read}. */
    public record Stored(ModelCard card, byte[] onnx) {
    }

    private final O options;
    private final List<H> history;
    private final int bestEpoch;
    private final byte[] onnx;
    private final OnnxModel session;

    protected TrainedSequenceModel(O options, List<H> history, int bestEpoch, byte[] onnx, OnnxModel session) {
        this.options = options;
        this.history = List.copyOf(history);
        this.bestEpoch = bestEpoch;
        this.onnx = onnx.clone();
        this.session = session;
    }

    public O options() {
        return options;
    }

    /** The losses after every epoch of the training. */
    public List<H> history() {
        return history;
    }

    /** The epoch whose weights were kept (lowest validation loss; the last without validation data). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The ONNX graph. */
    public byte[] onnx() {
        return onnx.clone();
    }

    /** The ONNX Runtime session. */
    protected OnnxModel session() {
        return session;
    }

    /** A runner over the session's sequence input {@code input} with {@code channels} channels. */
    protected SequenceRunner runner(String input, int channels) {
        return new SequenceRunner(session, input, channels);
    }

    /** Closes the ONNX Runtime session. */
    @Override
    public void close() {
        session.close();
    }

    /**
     * Reads the card and the graph of a model folder (as {@link ModelRegistry#writeModel} wrote them), checking the
     * card's task and the graph's digest.
     *
     * @param what the kind of model, for messages ("an NMM")
     * @throws ModelException when a file is missing, the card has another task or the digest differs
     */
    public static Stored read(Path folder, String task, String what) {
        ModelCard card = ModelCard.read(folder.resolve(ModelCard.FILE_NAME));
        if (!task.equals(card.task())) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, folder + ": a '" + card.task()
                    + "' model, not " + what + " ('" + task + "')");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(folder.resolve(ModelRegistry.ONNX_FILE));
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, folder + ": cannot read "
                    + ModelRegistry.ONNX_FILE + ": " + e.getMessage(), e);
        }
        if (!ModelRegistry.sha256(bytes).equalsIgnoreCase(card.onnxSha256())) {
            throw new ModelException(ModelException.Kind.CORRUPTED, folder + ": " + ModelRegistry.ONNX_FILE
                    + " does not match the SHA-256 in the card");
        }
        return new Stored(card, bytes);
    }

    /** Floats as a JSON array (card fields). */
    public static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }

    /** A JSON array of numbers as floats. */
    public static float[] toFloats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }
}
