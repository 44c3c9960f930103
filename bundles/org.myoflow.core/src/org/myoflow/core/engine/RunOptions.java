package org.myoflow.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.myoflow.core.spi.ModelResolver;

/**
 * How to run a pipeline. Mutable builder-style object; not shared between runs.
 *
 * @since 0.1
 */
public final class RunOptions {

    private Long seed;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Path baseDirectory = Path.of("").toAbsolutePath();
    private Path scratchDirectory;
    private RunListener listener = new RunListener() {
    };
    private AtomicBoolean cancelled = new AtomicBoolean();
    private ModelResolver models = ModelResolver.NONE;
    private Duration nodeTimeout;
    private long maxMemory;
    private boolean allowOutside = allowOutsideByDefault();

    /**
     * The environment variable that, set to {@code 1}, {@code true} or {@code yes}, lets file parameters name files
     * outside the experiment's folder by default (a lab configuration may set it); see {@link #allowOutside(boolean)}.
     *
     * @since 0.3
     */
    public static final String ALLOW_OUTSIDE_ENV = "MYOFLOW_ALLOW_OUTSIDE";

    /**
     * The system property with the same meaning as {@link #ALLOW_OUTSIDE_ENV} (it wins when both are set).
     *
     * @since 0.3
     */
    public static final String ALLOW_OUTSIDE_PROPERTY = "myoflow.allowOutside";

    /** Overrides the experiment's seed. */
    public RunOptions seed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public RunOptions threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    public int threads() {
        return threads;
    }

    /** A parameter override {@code node.param=value}, as given on the command line. */
    public RunOptions set(String nodeDotParam, String value) {
        overrides.put(nodeDotParam, value);
        return this;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** Folder against which relative file parameters are resolved (the experiment file's folder). */
    public RunOptions baseDirectory(Path dir) {
        this.baseDirectory = dir.toAbsolutePath().normalize();
        return this;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    public RunOptions scratchDirectory(Path dir) {
        this.scratchDirectory = dir;
        return this;
    }

    public Path scratchDirectory() {
        return scratchDirectory;
    }

    public RunOptions listener(RunListener listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    public RunListener listener() {
        return listener;
    }

    /** The flag that cancels the run when set (e.g. from a shutdown hook or a GUI button). */
    public RunOptions cancellation(AtomicBoolean flag) {
        this.cancelled = Objects.requireNonNull(flag);
        return this;
    }

    public AtomicBoolean cancellation() {
        return cancelled;
    }

    /**
     * The model registry that resolves the steps' model parameters when the pipeline is planned (default
     * {@link ModelResolver#NONE}: a step naming a model fails validation).
     */
    public RunOptions models(ModelResolver models) {
        this.models = Objects.requireNonNull(models);
        return this;
    }

    public ModelResolver models() {
        return models;
    }

    /**
     * The longest a node's step may run (null: no limit, the default). A node that runs longer fails the run with
     * a {@link NodeFailedException} naming the node, its step and bundle and the limit; its worker thread is
     * interrupted and the run is cancelled, and a step that ignores both is abandoned (its thread is left behind,
     * the run still ends). Nodes whose outputs come from the result cache do not count.
     *
     * @throws IllegalArgumentException when the limit is zero or negative
     * @since 0.3
     */
    public RunOptions nodeTimeout(Duration limit) {
        if (limit != null && (limit.isZero() || limit.isNegative())) {
            throw new IllegalArgumentException("the node time limit must be positive, got " + limit);
        }
        this.nodeTimeout = limit;
        return this;
    }

    /**
     * The node time limit (null: none).
     *
     * @since 0.3
     */
    public Duration nodeTimeout() {
        return nodeTimeout;
    }

    /**
     * The most memory, in bytes, the outputs of the planned nodes may need together (validation refuses larger
     * plans; see docs/writing-a-step.md, "Sizing"); 0 (the default): three quarters of the Java heap.
     *
     * @since 0.3
     */
    public RunOptions maxMemory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxMemory must be >= 0, got " + bytes);
        }
        this.maxMemory = bytes;
        return this;
    }

    /** The explicit output-memory limit in bytes, 0 for the default (see {@link #maxMemory(long)}). @since 0.3 */
    public long maxMemory() {
        return maxMemory;
    }

    /**
     * The path policy of file parameters. A relative path resolves against {@link #baseDirectory()} (the experiment
     * file's folder); by default (false) validation refuses a file whose path leaves that folder: an absolute path
     * elsewhere, a {@code ..} escape, or a symbolic link whose real path lies outside. True allows them (the
     * command line's {@code --allow-outside}). The default comes from {@link #allowOutsideByDefault()}.
     *
     * @since 0.3
     */
    public RunOptions allowOutside(boolean allow) {
        this.allowOutside = allow;
        return this;
    }

    /** @since 0.3 */
    public boolean allowOutside() {
        return allowOutside;
    }

    /**
     * Whether this process allows files outside the experiment's folder without being asked: the system property
     * {@value #ALLOW_OUTSIDE_PROPERTY}, else the environment variable {@value #ALLOW_OUTSIDE_ENV}, is {@code 1},
     * {@code true} or {@code yes}.
     *
     * @since 0.3
     */
    public static boolean allowOutsideByDefault() {
        String v = System.getProperty(ALLOW_OUTSIDE_PROPERTY);
        if (v == null) {
            v = System.getenv(ALLOW_OUTSIDE_ENV);
        }
        if (v == null) {
            return false;
        }
        String t = v.strip().toLowerCase(java.util.Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes");
    }

    private org.myoflow.core.data.Trial trial;

    /**
     * Binds a trial to the run: the pipeline's {@code trial-signal} nodes read it
     * ({@link org.myoflow.core.spi.StepContext#trial()}) and every node's cache key includes its content digest.
     * Set by a map over a dataset ({@link org.myoflow.core.spi.SubPipelines}); null (the default) for none.
     *
     * @since 0.3
     */
    public RunOptions trial(org.myoflow.core.data.Trial trial) {
        this.trial = trial;
        return this;
    }

    /** The bound trial, or null. @since 0.3 */
    public org.myoflow.core.data.Trial trial() {
        return trial;
    }
}
