package org.myoflow.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.myoflow.core.engine.RunListener;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;

/**
 * What to run and where to put it: the input of {@link RunService#run} and {@link RunService#validate}. A mutable
 * builder; set what differs from the defaults.
 * <p>
 * The experiment is either a file ({@link #experimentFile}: loaded by the service) or an already loaded model
 * ({@link #experiment}: the workbench passes the editor's copy; the file then only names the base directory and is
 * recorded in run.json).
 *
 * @since 0.2
 */
public final class RunRequest {

    private Path experimentFile;
    private Experiment experiment;
    private String pipelineName;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Long seed;
    private Integer threads;
    private Duration nodeTimeout;
    private Path cacheFolder;
    private ModelResolver models = ModelResolver.NONE;
    private Path outFolder;
    private boolean overwrite;
    private Path runsRoot = Path.of("runs");
    private Path baseDirectory;
    private Function<Pipeline, RunListener> listener = p -> new RunListener() {
    };
    private AtomicBoolean cancellation = new AtomicBoolean();
    private Path recordedFile;
    private boolean recordedFileSet;
    private String platform = "org.myoflow.run";
    private long maxMemory;
    private Boolean allowOutside;

    /** The experiment file to load (and, unless {@link #recordedFile} says otherwise, to record in run.json). */
    public RunRequest experimentFile(Path file) {
        this.experimentFile = file;
        return this;
    }

    public Path experimentFile() {
        return experimentFile;
    }

    /** An experiment already loaded (not loaded again from {@link #experimentFile}); it is not modified. */
    public RunRequest experiment(Experiment loaded) {
        this.experiment = loaded;
        return this;
    }

    public Experiment experiment() {
        return experiment;
    }

    /** The pipeline to run (null: the first; for validation: all). */
    public RunRequest pipeline(String name) {
        this.pipelineName = name;
        return this;
    }

    public String pipeline() {
        return pipelineName;
    }

    /** A parameter override, {@code node.parameter = text} (text parsed by the step's parameter schema). */
    public RunRequest set(String nodeDotParam, String value) {
        overrides.put(Objects.requireNonNull(nodeDotParam), Objects.requireNonNull(value));
        return this;
    }

    /** Several overrides (see {@link #set}); null adds none. */
    public RunRequest setAll(Map<String, String> values) {
        if (values != null) {
            values.forEach(this::set);
        }
        return this;
    }

    public Map<String, String> overrides() {
        return Collections.unmodifiableMap(overrides);
    }

    /** The experiment seed to use instead of the file's (null: the file's). */
    public RunRequest seed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Long seed() {
        return seed;
    }

    /** Worker threads (null: the number of CPUs). Less than 1 is an invalid request. */
    public RunRequest threads(Integer threads) {
        this.threads = threads;
        return this;
    }

    public Integer threads() {
        return threads;
    }

    /**
     * The longest one node's step may run (null: no limit). A node that runs longer fails the run (exit 4) naming
     * the node, its step and bundle and the limit; zero or negative is an invalid request.
     *
     * @since 0.3
     */
    public RunRequest nodeTimeout(Duration limit) {
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

    /** The result cache folder (null: no cache). */
    public RunRequest cacheFolder(Path folder) {
        this.cacheFolder = folder;
        return this;
    }

    public Path cacheFolder() {
        return cacheFolder;
    }

    /**
     * Where model parameters are resolved (the model registry service); default: none, so a pipeline naming a model
     * is invalid.
     */
    public RunRequest models(ModelResolver resolver) {
        this.models = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    public ModelResolver models() {
        return models;
    }

    /**
     * The run folder to publish (default: a fresh folder under {@link #runsRoot}). It must not exist, unless
     * {@link #overwrite} is set: then an earlier run folder (one holding run.json) or an empty folder is replaced as
     * a whole; any other existing path (a file, a folder of other files) is always refused.
     */
    public RunRequest outFolder(Path folder) {
        this.outFolder = folder;
        return this;
    }

    public Path outFolder() {
        return outFolder;
    }

    /**
     * Whether an existing run folder at {@link #outFolder} may be replaced ({@code --overwrite}; default: no, an
     * existing folder is refused before any computation). The replacement is atomic: a run killed at any moment
     * leaves the old or the new complete folder.
     */
    public RunRequest overwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return this;
    }

    public boolean overwrite() {
        return overwrite;
    }

    /**
     * Where a run without {@link #outFolder} goes: a fresh {@code <root>/<experiment>-<yyyyMMdd-HHmmss>} (default
     * root: {@code runs} in the working directory).
     */
    public RunRequest runsRoot(Path root) {
        this.runsRoot = Objects.requireNonNull(root);
        return this;
    }

    public Path runsRoot() {
        return runsRoot;
    }

    /** The folder relative file parameters resolve against (null: the experiment file's folder, else the cwd). */
    public RunRequest baseDirectory(Path dir) {
        this.baseDirectory = dir;
        return this;
    }

    /** The effective base directory (see {@link #baseDirectory(Path)}). */
    public Path baseDirectory() {
        if (baseDirectory != null) {
            return baseDirectory;
        }
        if (experimentFile != null) {
            Path parent = experimentFile.toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** Engine progress for the whole run. */
    public RunRequest listener(RunListener l) {
        RunListener fixed = l == null ? new RunListener() {
        } : l;
        this.listener = p -> fixed;
        return this;
    }

    /** Engine progress made once the pipeline is known (e.g. a console bar that needs the node count). */
    public RunRequest listener(Function<Pipeline, RunListener> factory) {
        this.listener = Objects.requireNonNull(factory);
        return this;
    }

    public Function<Pipeline, RunListener> listenerFactory() {
        return listener;
    }

    /** The flag that cancels the run when set (Ctrl-C, a job's cancel button). */
    public RunRequest cancellation(AtomicBoolean flag) {
        this.cancellation = Objects.requireNonNull(flag);
        return this;
    }

    public AtomicBoolean cancellation() {
        return cancellation;
    }

    /**
     * The file recorded (path and SHA-256) in run.json; null records "(embedded demo)". Default: the experiment
     * file.
     */
    public RunRequest recordedFile(Path file) {
        this.recordedFile = file;
        this.recordedFileSet = true;
        return this;
    }

    /** The effective recorded file (see {@link #recordedFile(Path)}). */
    public Path recordedFile() {
        return recordedFileSet ? recordedFile : experimentFile;
    }

    /** Name and version of the running platform recorded in run.json, e.g. "org.myoflow.cli 0.1.0". */
    public RunRequest platform(String platform) {
        this.platform = Objects.requireNonNull(platform);
        return this;
    }

    public String platform() {
        return platform;
    }

    /**
     * The most memory, in bytes, the outputs of the pipeline may need together ({@code --max-memory}); validation
     * refuses larger plans (exit 2). 0, the default: three quarters of the Java heap.
     *
     * @since 0.3
     */
    public RunRequest maxMemory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxMemory must be >= 0, got " + bytes);
        }
        this.maxMemory = bytes;
        return this;
    }

    /** The explicit output-memory limit in bytes, 0 for the default. @since 0.3 */
    public long maxMemory() {
        return maxMemory;
    }

    /**
     * Whether file parameters may name files outside the experiment's folder (absolute paths elsewhere, {@code ..}
     * escapes, symbolic links leading out); without it validation refuses them. Not set: the process default
     * ({@link RunOptions#allowOutsideByDefault()}: {@code MYOFLOW_ALLOW_OUTSIDE=1} or
     * {@code -Dmyoflow.allowOutside=true}).
     *
     * @since 0.3
     */
    public RunRequest allowOutside(boolean allow) {
        this.allowOutside = allow;
        return this;
    }

    /**
     * The effective path policy (see {@link #allowOutside(boolean)}).
     *
     * @since 0.3
     */
    public boolean allowOutside() {
        return allowOutside != null ? allowOutside : RunOptions.allowOutsideByDefault();
    }
}
