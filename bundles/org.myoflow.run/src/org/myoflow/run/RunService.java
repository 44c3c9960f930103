package org.myoflow.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import org.myoflow.core.data.DataException;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.InvalidPipelineException;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.ResultCache;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.io.DiskResultCache;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;
import org.myoflow.report.RunFolder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one way to run a pipeline, used by the command line and the workbench alike: load the experiment, pick the
 * pipeline, apply the overrides, run it on the engine with the disk result cache in a scratch folder of its own,
 * write the run folder (results, report.html, run.json last with the SHA-256 of every file) into a temporary folder
 * and publish it atomically ({@link RunFolders}), delete the scratch folder, and map every failure to a
 * {@link RunOutcome.Status} with the documented exit code. It never throws for a failed run: everything the user
 * needs to know is in the {@link RunOutcome}.
 * <p>
 * An OSGi service (Declarative Services, needs a {@link StepRegistry}); tests and adapters without a service
 * registry use the constructor.
 *
 * @since 0.2
 */
@Component(service = RunService.class)
public final class RunService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final StepRegistry registry;

    @Activate
    public RunService(@Reference StepRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /** The registry the pipelines' steps come from. */
    public StepRegistry registry() {
        return registry;
    }

    /**
     * Runs one pipeline and publishes its run folder.
     *
     * @return the outcome; on {@link RunOutcome.Status#OK} the run folder is complete at
     *         {@link RunOutcome#runFolder()}; otherwise no new folder exists at the target and the temporary and
     *         scratch folders are gone
     */
    public RunOutcome run(RunRequest request) {
        long t0 = System.nanoTime();
        if (request.threads() != null && request.threads() < 1) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, null, null,
                    "threads must be at least 1 (got " + request.threads() + ")");
        }
        if (request.nodeTimeout() != null && (request.nodeTimeout().isZero() || request.nodeTimeout().isNegative())) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, null, null,
                    "the node time limit must be positive (got " + request.nodeTimeout() + ")");
        }
        Experiment e;
        try {
            e = experiment(request);
        } catch (DataException ex) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, null, null,
                    "cannot load experiment: " + ex.getMessage());
        }
        Pipeline p = pipeline(e, request.pipeline());
        if (p == null) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, null, null, noPipeline(request));
        }
        Path target = (request.outFolder() != null ? request.outFolder() : defaultRunFolder(request, e))
                .toAbsolutePath().normalize();
        // every check of the output folder comes before any computation: what it is, its parent, the lock
        String bad = RunFolders.checkTarget(target, request.overwrite());
        if (bad != null) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, p.getName(), null, bad);
        }
        Path createdParent = firstMissing(target.getParent());
        RunFolders.Lock lock;
        try {
            lock = RunFolders.lock(target);
        } catch (RunFolders.FolderLockedException ex) {
            return RunOutcome.failed(RunOutcome.Status.INVALID, p.getName(), null, ex.getMessage());
        } catch (IOException | RuntimeException ex) {
            removeEmpty(createdParent, target.getParent());
            return RunOutcome.failed(RunOutcome.Status.INVALID, p.getName(), ex,
                    "cannot lock the output folder " + target + ": " + ex.getMessage());
        }
        boolean published = false;
        try {
            // what runs killed earlier left beside the target (their locks are released by now)
            RunFolders.cleanStale(target.getParent());
            // checked again under the lock: a run that held it may have published the folder meanwhile
            bad = RunFolders.checkTarget(target, request.overwrite());
            if (bad != null) {
                return RunOutcome.failed(RunOutcome.Status.INVALID, p.getName(), null, bad);
            }
            RunOutcome o = runLocked(request, e, p, target, t0);
            published = o.ok();
            return o;
        } finally {
            lock.close();
            if (!published) {
                removeEmpty(createdParent, target.getParent());
            }
        }
    }

    /** The run proper, while this process holds the lock of the target. */
    private RunOutcome runLocked(RunRequest request, Experiment e, Pipeline p, Path target, long t0) {
        RunOptions opts = new RunOptions().baseDirectory(request.baseDirectory()).seed(request.seed())
                .cancellation(request.cancellation()).listener(request.listenerFactory().apply(p))
                .models(request.models()).nodeTimeout(request.nodeTimeout()).maxMemory(request.maxMemory())
                .allowOutside(request.allowOutside());
        if (request.threads() != null) {
            opts.threads(Math.min(request.threads(), maxThreads()));
        }
        request.overrides().forEach(opts::set);
        Path scratch = null;
        Path temporary = null;
        RunResult result = null;
        try {
            try {
                scratch = Files.createTempDirectory("myoflow-scratch");
            } catch (IOException ex) {
                return RunOutcome.failed(RunOutcome.Status.STEP_FAILED, p.getName(), ex,
                        "cannot create a scratch folder: " + ex.getMessage());
            }
            opts.scratchDirectory(scratch);
            ResultCache cache = request.cacheFolder() == null ? ResultCache.NONE
                    : new DiskResultCache(request.cacheFolder());
            result = new Engine(registry, cache).run(e, p, opts);
            if (request.cancellation().get()) {
                throw new CancellationException();
            }
            temporary = RunFolders.createTemporary(target);
            RunFolder.write(result, temporary, request.recordedFile(), request.platform());
            if (request.cancellation().get()) {
                throw new CancellationException();
            }
            if (!request.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // only a process that ignores the lock can have put it there
                return RunOutcome.failed(RunOutcome.Status.INVALID, p.getName(), null, "the output folder "
                        + target + " appeared while the run computed: pass --overwrite to replace it");
            }
            RunFolders.publish(temporary, target);
            temporary = null;
            return new RunOutcome(RunOutcome.Status.OK, List.of(), result, target, p.getName(),
                    (System.nanoTime() - t0) / 1e9, null);
        } catch (InvalidPipelineException ex) {
            List<String> lines = new ArrayList<>();
            lines.add(where(request) + "pipeline '" + org.myoflow.core.engine.Texts.escape(p.getName()) + "' is invalid:");
            ex.problems().forEach(pr -> lines.add("  " + pr));
            return new RunOutcome(ValidationProblem.allBadData(ex.problems()) ? RunOutcome.Status.BAD_DATA
                    : RunOutcome.Status.INVALID, lines, null, null, p.getName(), 0, null);
        } catch (NodeFailedException ex) {
            return RunOutcome.failed(ex.isDataError() ? RunOutcome.Status.BAD_DATA : RunOutcome.Status.STEP_FAILED,
                    p.getName(), ex.getCause(), ex.getMessage());
        } catch (CancellationException ex) {
            return new RunOutcome(RunOutcome.Status.CANCELLED, List.of("cancelled"), result, null, p.getName(), 0,
                    null);
        } catch (IOException | UncheckedIOException ex) {
            return RunOutcome.failed(RunOutcome.Status.STEP_FAILED, p.getName(), ex,
                    (result == null ? "the run failed: " : "cannot write results to " + target + ": ") + ex);
        } catch (DataException ex) {
            return RunOutcome.failed(RunOutcome.Status.BAD_DATA, p.getName(), ex, ex.getMessage());
        } catch (RuntimeException ex) {
            return RunOutcome.failed(RunOutcome.Status.STEP_FAILED, p.getName(), ex,
                    (result == null ? "the run failed: " : "cannot write results to " + target + ": ") + ex);
        } finally {
            quietlyDelete(temporary);
            quietlyDelete(scratch);
        }
    }

    /**
     * Checks pipelines without running them: steps, ports, types, cycles, parameters (with the overrides).
     * {@link RunRequest#pipeline()} null checks every pipeline of the experiment.
     */
    public Validation validate(RunRequest request) {
        Experiment e;
        try {
            e = experiment(request);
        } catch (DataException ex) {
            return new Validation(RunOutcome.Status.INVALID, List.of("cannot load experiment: " + ex.getMessage()),
                    List.of());
        }
        List<Pipeline> pipelines = request.pipeline() == null ? e.getPipelines()
                : pipeline(e, request.pipeline()) == null ? List.of() : List.of(pipeline(e, request.pipeline()));
        if (pipelines.isEmpty()) {
            return new Validation(RunOutcome.Status.INVALID, List.of(noPipeline(request)), List.of());
        }
        String out = checkOutFolder(request);
        if (out != null) {
            return new Validation(RunOutcome.Status.INVALID, List.of(out), List.of());
        }
        Engine engine = new Engine(registry);
        RunOptions opts = new RunOptions().baseDirectory(request.baseDirectory()).models(request.models())
                .maxMemory(request.maxMemory())
                .allowOutside(request.allowOutside());
        request.overrides().forEach(opts::set);
        List<Validation.PipelineCheck> checks = new ArrayList<>();
        for (Pipeline p : pipelines) {
            org.myoflow.core.engine.Configuration conf = engine.configure(e, p, opts);
            checks.add(new Validation.PipelineCheck(p.getName(), p.getNodes().size(), p.getConnections().size(),
                    conf.problems(), conf.specs(), conf.sizes()));
        }
        boolean ok = checks.stream().allMatch(Validation.PipelineCheck::valid);
        // every problem lies in the input data (a dataset manifest naming a missing file): exit 3, not 2
        List<ValidationProblem> all = checks.stream().flatMap(c -> c.problems().stream()).toList();
        return new Validation(ok ? RunOutcome.Status.OK : ValidationProblem.allBadData(all)
                ? RunOutcome.Status.BAD_DATA : RunOutcome.Status.INVALID, List.of(), checks);
    }

    /**
     * Why the request's output folder cannot take the run ({@link RunFolders#checkTarget(Path, boolean)} with
     * {@link RunRequest#overwrite()}), or null when it can or the request names none. {@link #run} checks it before
     * any computation; {@link #validate} reports it too, so an adapter can refuse a bad folder before it starts.
     */
    public static String checkOutFolder(RunRequest request) {
        return request.outFolder() == null ? null : RunFolders.checkTarget(request.outFolder(), request.overwrite());
    }

    /** The most worker threads a run uses: the processors available to this process. */
    public static int maxThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The first missing folder on the way to {@code dir} (null when it exists): created by the run's lock. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing = d;
        }
        return missing;
    }

    /** Removes the folders from {@code dir} up to {@code top} that a failed run created and left empty. */
    private static void removeEmpty(Path top, Path dir) {
        if (top == null) {
            return;
        }
        for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException | RuntimeException ex) {
                return; // not empty (another run's files): keep it and its parents
            }
        }
    }

    /** The pipeline of that name, or the first when the name is null; null when there is none. */
    public static Pipeline pipeline(Experiment e, String name) {
        if (name == null) {
            return e.getPipelines().isEmpty() ? null : e.getPipelines().get(0);
        }
        return e.getPipelines().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
    }

    /**
     * A fresh folder {@code <root>/<experiment>-<yyyyMMdd-HHmmss>[-k]} (name made file-system safe) that does not
     * exist yet.
     */
    public static Path freshRunFolder(Path root, String experimentName) {
        String name = (experimentName == null || experimentName.isBlank() ? "experiment" : experimentName)
                .replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + LocalDateTime.now().format(STAMP);
        Path out = root.resolve(name);
        for (int k = 2; Files.exists(out); k++) {
            out = root.resolve(name + "-" + k);
        }
        return out;
    }

    private static Path defaultRunFolder(RunRequest request, Experiment e) {
        return freshRunFolder(request.runsRoot(), e.getName());
    }

    private static Experiment experiment(RunRequest request) {
        if (request.experiment() != null) {
            return request.experiment();
        }
        if (request.experimentFile() == null) {
            throw new DataException("no experiment file given");
        }
        return ExperimentFiles.load(request.experimentFile());
    }

    private static String where(RunRequest request) {
        return request.experimentFile() == null ? "" : request.experimentFile() + ": ";
    }

    private static String noPipeline(RunRequest request) {
        return where(request) + (request.pipeline() == null ? "the experiment has no pipeline"
                : "no pipeline named '" + request.pipeline() + "'");
    }

    private static void quietlyDelete(Path p) {
        try {
            RunFolders.deleteTree(p);
        } catch (IOException | RuntimeException ex) {
            // a left-over temporary folder is hidden and removed by the next run into the same parent
        }
    }
}
