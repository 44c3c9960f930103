package org.myoflow.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * The one way the platform starts DJL's PyTorch engine: offline, registered by hand (inside OSGi the engine's
 * ServiceLoader entry is not visible), with PyTorch's intra-op and inter-op thread counts set (one intra-op
 * thread by default: on the 2-core machines this project targets two threads were 4.5× slower on a recurrent
 * network) and the ~450 MB native library unpacked once into a configurable cache folder.
 *
 * <p>Settings, first found wins:
 * <ul>
 * <li>cache folder: system property {@value #CACHE_PROPERTY}, environment {@code MYOFLOW_DJL_CACHE}, DJL's own
 * {@code DJL_CACHE_DIR} (property or environment), else {@code ~/.myoflow/djl-cache};</li>
 * <li>threads: system property {@value #THREADS_PROPERTY}, environment {@code MYOFLOW_TRAIN_THREADS}, else 1.</li>
 * </ul>
 */
public final class DjlRuntime {

    /** System property naming the folder that holds DJL's unpacked native library. */
    public static final String CACHE_PROPERTY = "myoflow.djl.cache";
    /** System property giving PyTorch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "myoflow.train.threads";

    private static Engine engine;

    private DjlRuntime() {
    }

    /** The cache folder DJL uses (resolved from the settings above). */
    public static Path cacheDir() {
        String dir = firstNonBlank(System.getProperty(CACHE_PROPERTY), System.getenv("MYOFLOW_DJL_CACHE"),
                System.getProperty("DJL_CACHE_DIR"), System.getenv("DJL_CACHE_DIR"));
        return dir != null ? Paths.get(dir) : Paths.get(System.getProperty("user.home"), ".myoflow", "djl-cache");
    }

    /** PyTorch's intra-op thread count. */
    public static int threads() {
        String t = firstNonBlank(System.getProperty(THREADS_PROPERTY), System.getenv("MYOFLOW_TRAIN_THREADS"));
        if (t == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(t.trim());
            if (n < 1 || n > 256) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training thread count (" + THREADS_PROPERTY
                    + " / MYOFLOW_TRAIN_THREADS) must be an integer in [1, 256], got '" + t + "'");
        }
    }

    /** The PyTorch engine, started on first use. */
    public static synchronized Engine pytorch() {
        if (engine != null) {
            return engine;
        }
        Path cache = cacheDir();
        try {
            Files.createDirectories(cache);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the DJL cache folder " + cache + ": " + e.getMessage(), e);
        }
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        // DJL finds the native library's properties through the thread context class loader
        t.setContextClassLoader(PtEngineProvider.class.getClassLoader());
        try {
            Engine.registerEngine(new PtEngineProvider());
            engine = Engine.getEngine("PyTorch");
        } finally {
            t.setContextClassLoader(previous);
        }
        return engine;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
