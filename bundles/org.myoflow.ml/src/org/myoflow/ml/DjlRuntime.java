package org.myoflow.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one way the platform starts DJL's PyTorch engine: offline, registered by hand (inside OSGi the engine's
 * ServiceLoader entry is not visible), with PyTorch's intra-op and inter-op thread counts set (one intra-op
 * thread by default: on the 2-core machines this project targets two threads were 4.5× slower on a recurrent
 * network) and the ~450 MB native library unpacked once into a configurable cache folder.
 *
 * <p>Settings, first found wins:
 * <ul>
 * <li>cache folder: system property {@value #CACHE_PROPERTY}, environment {@code MYOFLOW_DJL_CACHE}, DJL's own
 * {@code DJL_CACHE_DIR} (property or environment), the {@code djl.cache} entry of the lab file
 * ({@link org.myoflow.core.lab.LabConfig}), else {@code ~/.myoflow/djl-cache} (each user's own);</li>
 * <li>threads: system property {@value #THREADS_PROPERTY}, environment {@code MYOFLOW_TRAIN_THREADS}, else 1.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class DjlRuntime {

    /** System property naming the folder that holds DJL's unpacked native library. */
    public static final String CACHE_PROPERTY = "myoflow.djl.cache";
    /** System property giving PyTorch's intra-op thread count. */
    public static final String THREADS_PROPERTY = "myoflow.train.threads";

    /**
     * Held while a network trains: DJL's PyTorch engine allows one gradient collector at a time in the whole process
     * ("A PtGradientCollector is already collecting"), so trainings in parallel pipeline nodes take turns.
     */
    public static final Object TRAINING = new Object();

    private static Engine engine;

    private DjlRuntime() {
    }

    /** The cache folder DJL uses (resolved from the settings above). */
    public static Path cacheDir() {
        String dir = firstNonBlank(System.getProperty(CACHE_PROPERTY), System.getenv("MYOFLOW_DJL_CACHE"),
                System.getProperty("DJL_CACHE_DIR"), System.getenv("DJL_CACHE_DIR"));
        if (dir != null) {
            return Paths.get(dir);
        }
        try {
            Path lab = org.myoflow.core.lab.LabConfig.current().djlCache();
            if (lab != null) {
                return lab;
            }
        } catch (org.myoflow.core.lab.LabConfig.InvalidLabFile e) {
            // reported by the command line at start
        }
        return Paths.get(System.getProperty("user.home"), ".myoflow", "djl-cache");
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

    /**
     * The engine, with the calling thread set up for it: PyTorch's grad mode and intra-op thread count are
     * per-thread settings, and DJL sets them only on the thread that starts the engine. On any other thread (a
     * pipeline worker, a test runner) PyTorch would record autograd graphs outside gradient collectors (in-place
     * weight updates then fail) and use its default thread count (runs with the same seed then differ). Call this
     * on every thread that runs DJL work, before the work; it is cheap.
     */
    public static Engine forThisThread() {
        Engine e = pytorch();
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(threads());
        return e;
    }

    /**
     * One tiny training step through the kinds of layers the platform trains (GRUs in both directions with an
     * initial state, linear layers, exp/log/lnΓ, Adam). Without it the first training in a process sometimes ended
     * with slightly different weights from the same seed than every later one (PyTorch's CPU kernels settle on
     * their code paths on first use); with it, repeated processes gave identical weights.
     */
    private static void warmUp(Engine e) {
        JniUtils.setGradMode(false);
        JniUtils.setNumThreads(threads());
        try (Model m = Model.newInstance("warm-up", Device.cpu(), e.getEngineName())) {
            SequentialBlock b = new SequentialBlock();
            b.add(new org.myoflow.ml.nn.Gru(3, 4, true).block());
            b.add(list -> new NDList(list.head()));
            b.add(Linear.builder().setUnits(2).build());
            m.setBlock(b);
            Adam adam = Adam.builder().optLearningRateTracker(Tracker.fixed(1e-3f)).optClipGrad(1f).build();
            try (Trainer t = m.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
                t.initialize(new Shape(2, 5, 3));
                for (int k = 0; k < 2; k++) {
                    try (NDManager nm = t.getManager().newSubManager()) {
                        NDArray x = nm.ones(new Shape(2, 5, 3)).mul(0.5f);
                        try (GradientCollector gc = t.newGradientCollector()) {
                            NDArray y = t.forward(new NDList(x)).head();
                            NDArray loss = y.clip(-7f, 7f).exp().add(y.square().add(1f).log())
                                    .add(y.abs().add(1f).gammaln()).mean();
                            gc.backward(loss);
                        }
                        t.step();
                    }
                }
            }
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
        warmUp(engine);
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
