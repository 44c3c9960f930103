package org.myoflow.ml;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One loaded ONNX model (an ONNX Runtime session), obtained from {@link OnnxSessions} or
 * {@link ModelRegistry.ResolvedModel#open()}. {@link #run} is thread-safe. Sessions from the cache are closed by
 * {@link OnnxSessions#closeAll()}; do not close them yourself.
 *
 * @since 0.1
 */
public final class OnnxModel implements AutoCloseable {

    private final Path path;
    private final String sha256;
    private final OrtSession session;
    private final ModelSignature signature;
    private volatile boolean closed;

    OnnxModel(Path path, String sha256, OrtSession session) {
        this.path = path;
        this.sha256 = sha256;
        this.session = session;
        try {
            this.signature = new ModelSignature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
        } catch (OrtException | IllegalArgumentException e) {
            closeQuietly(session);
            throw new ModelException(ModelException.Kind.LOAD_FAILED, path + ": cannot read the model's inputs and "
                    + "outputs: " + e.getMessage(), e);
        }
    }

    /** The file this session was loaded from. */
    public Path path() {
        return path;
    }

    /** SHA-256 of the file (null for models loaded from memory). */
    public String sha256() {
        return sha256;
    }

    /** Inputs and outputs as ONNX Runtime reads them from the graph (dynamic dimensions as -1). */
    public ModelSignature signature() {
        return signature;
    }

    /**
     * Runs the model on float32 inputs and returns its first output.
     *
     * @param inputs one tensor per graph input, by name
     * @throws ModelException SIGNATURE_MISMATCH when an input is missing, unknown or of the wrong shape;
     *                        LOAD_FAILED when ONNX Runtime fails
     */
    public FloatTensor run(Map<String, FloatTensor> inputs) {
        return runAll(inputs).get(signature.outputs().get(0).name());
    }

    /** Runs the model and returns every (float32) output by name, in graph order. */
    public Map<String, FloatTensor> runAll(Map<String, FloatTensor> inputs) {
        if (closed) {
            throw new IllegalStateException(path + ": the session is closed");
        }
        checkInputs(inputs);
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (var e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(OnnxSessions.environment(),
                        FloatBuffer.wrap(e.getValue().data()), e.getValue().shape()));
            }
            try (OrtSession.Result r = session.run(feeds)) {
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    if (!(e.getValue() instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
                        throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, path + ": output '"
                                + e.getKey() + "' is not a float32 tensor");
                    }
                    FloatBuffer b = t.getFloatBuffer();
                    float[] data = new float[b.remaining()];
                    b.get(data);
                    out.put(e.getKey(), new FloatTensor(data, t.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, path + ": inference failed: " + e.getMessage(),
                    e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private void checkInputs(Map<String, FloatTensor> inputs) {
        List<String> problems = new ArrayList<>();
        for (TensorSpec spec : signature.inputs()) {
            FloatTensor t = inputs.get(spec.name());
            if (t == null) {
                problems.add("input '" + spec.name() + "' (" + spec.typeAndShape() + ") missing");
            } else if (!spec.elementType().equals(TensorSpec.FLOAT32)
                    || !spec.accepts(new TensorSpec(spec.name(), TensorSpec.FLOAT32, t.shape()))) {
                problems.add("input '" + spec.name() + "': expected " + spec.typeAndShape() + ", got float32"
                        + java.util.Arrays.toString(t.shape()).replace(" ", ""));
            }
        }
        for (String name : inputs.keySet()) {
            if (signature.input(name).isEmpty()) {
                problems.add("unknown input '" + name + "'; the model takes " + signature.inputs());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, path + ": " + String.join("; ", problems));
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the session (the cache's {@link OnnxSessions#closeAll()} does this for cached models). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(session);
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // nothing left to release that the caller could act on
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo n : infos.values()) {
            if (!(n.getInfo() instanceof TensorInfo ti)) {
                throw new IllegalArgumentException("'" + n.getName() + "' is not a tensor");
            }
            String type = switch (ti.type) {
                case FLOAT -> TensorSpec.FLOAT32;
                case INT64 -> TensorSpec.INT64;
                default -> throw new IllegalArgumentException("'" + n.getName() + "' has element type " + ti.type
                        + " (only float32 and int64 are supported)");
            };
            long[] shape = ti.getShape();
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shape[i] < 0 ? TensorSpec.DYNAMIC : shape[i];
            }
            out.add(new TensorSpec(n.getName(), type, shape));
        }
        return out;
    }
}
