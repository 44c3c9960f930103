package org.myoflow.ml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The platform's ONNX Runtime: one {@link OrtEnvironment} for the process and a cache of sessions keyed by file
 * path and SHA-256, so every step using the same model file shares one loaded session (sessions are thread-safe
 * for {@code run}). A changed file (other digest) gets a new session.
 *
 * <p>Session options: intra-op threads from the system property {@value #THREADS_PROPERTY} (default
 * {@code min(available processors, 4)}), one inter-op thread, all graph optimisations, idle intra-op threads
 * blocking instead of spinning (system property {@code myoflow.infer.spinning=true} restores ONNX Runtime's
 * spinning default; results are the same either way).
 *
 * @since 0.1
 */
public final class OnnxSessions {

    /** System property giving ONNX Runtime's intra-op thread count. */
    public static final String THREADS_PROPERTY = "myoflow.infer.threads";

    /** System property that lets idle intra-op threads spin (busy-wait) between operators: "true" to allow. */
    private static final String SPINNING_PROPERTY = "myoflow.infer.spinning";

    private record Key(Path path, String sha256) {
    }

    private static final Map<Key, OnnxModel> CACHE = new ConcurrentHashMap<>();

    private OnnxSessions() {
    }

    /** The process-wide ONNX Runtime environment. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** Intra-op thread count used for new sessions. */
    public static int intraOpThreads() {
        String t = System.getProperty(THREADS_PROPERTY);
        if (t == null || t.isBlank()) {
            return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        }
        try {
            int n = Integer.parseInt(t.trim());
            if (n >= 1 && n <= 256) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("inference thread count (" + THREADS_PROPERTY
                + ") must be an integer in [1, 256], got '" + t + "'");
    }

    /**
     * The session for this file, computing its SHA-256 (no check against a card: use
     * {@link ModelRegistry#resolve} for verified models).
     */
    public static OnnxModel open(Path onnxFile) {
        return open(onnxFile, ModelRegistry.sha256(onnxFile));
    }

    /**
     * The cached session for this file and digest, loading it on first use. The digest is the caller's (already
     * verified) one; it is only the cache key.
     *
     * @throws ModelException LOAD_FAILED when ONNX Runtime cannot load the file
     */
    public static OnnxModel open(Path onnxFile, String sha256) {
        Key key = new Key(onnxFile.toAbsolutePath().normalize(), sha256);
        OnnxModel m = CACHE.get(key);
        if (m != null && !m.isClosed()) {
            return m;
        }
        synchronized (CACHE) {
            m = CACHE.get(key);
            if (m != null && !m.isClosed()) {
                return m;
            }
            m = new OnnxModel(key.path(), sha256, load(key.path()));
            CACHE.put(key, m);
            return m;
        }
    }

    /** Loads a session outside the cache (for models held in memory, e.g. just trained). Close it yourself. */
    public static OnnxModel load(byte[] onnx, String label) {
        try {
            return new OnnxModel(Path.of(label), null, environment().createSession(onnx, options()));
        } catch (OrtException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, label + ": ONNX Runtime cannot load the model: "
                    + e.getMessage(), e);
        }
    }

    /** Closes every cached session; later {@link #open} calls load them again. */
    public static void closeAll() {
        synchronized (CACHE) {
            List<OnnxModel> all = new ArrayList<>(CACHE.values());
            CACHE.clear();
            all.forEach(OnnxModel::close);
        }
    }

    /** Number of sessions in the cache (for tests and diagnostics). */
    public static int cachedSessions() {
        return CACHE.size();
    }

    private static OrtSession load(Path file) {
        try {
            return environment().createSession(file.toString(), options());
        } catch (OrtException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, file + ": ONNX Runtime cannot load the model: "
                    + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(intraOpThreads());
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (!Boolean.getBoolean(SPINNING_PROPERTY)) {
            // idle intra-op threads block instead of busy-waiting: on a shared or loaded machine spinning threads
            // burn the cores the working ones need (about twice the CPU time per call, same results)
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        return o;
    }
}
