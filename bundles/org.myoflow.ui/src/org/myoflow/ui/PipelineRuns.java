package org.myoflow.ui;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunListener;
import org.myoflow.core.engine.RunResult;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.ui.internal.UiActivator;

/**
 * Runs a pipeline as a background job with progress and cancel, exactly as {@code ./myoflow run} does: this is a thin
 * adapter (job, progress monitor, workspace refresh) over the same {@link RunService}, so the same engine, the same
 * atomically published run folder ({@code <node>.<port>.npy}, {@code run.json}, {@code report.html}). Results are cached
 * per project in {@code .myoflow-cache} (the engine's content-addressed cache), so re-running after an edit
 * recomputes only the nodes whose parameters or inputs changed.
 *
 * @since 0.1
 */
public final class PipelineRuns {

    /** Job family of pipeline runs (for {@code IJobManager.find/join}). */
    public static final Object FAMILY = PipelineRuns.class;
    /** Cache folder inside each project (hidden in the navigator: starts with a dot). */
    public static final String CACHE_FOLDER = ".myoflow-cache";

    private PipelineRuns() {
    }

    /**
     * Schedules a run of one pipeline of an experiment.
     *
     * @param file         the experiment's file (its folder resolves relative file parameters; its project holds
     *                     the cache and, by default, the run folders)
     * @param experiment   the experiment to run (copied: later edits do not affect the running job)
     * @param pipelineName the pipeline, or null for the first
     * @return the scheduled job
     */
    public static RunJob schedule(IFile file, Experiment experiment, String pipelineName) {
        RunJob job = new RunJob(file, EcoreUtil.copy(experiment), pipelineName);
        job.schedule();
        return job;
    }

    /** A running or finished pipeline run. */
    public static final class RunJob extends Job {
        private final IFile file;
        private final Experiment experiment;
        private final String pipelineName;
        private final AtomicBoolean cancel = new AtomicBoolean();
        private volatile RunResult result;
        private volatile IContainer runFolder;
        private volatile Path runFolderPath;

        RunJob(IFile file, Experiment experiment, String pipelineName) {
            super("Run " + file.getName() + (pipelineName == null ? "" : " [" + pipelineName + "]"));
            this.file = file;
            this.experiment = experiment;
            this.pipelineName = pipelineName;
            setUser(true);
            setRule(null);
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == FAMILY;
        }

        @Override
        protected void canceling() {
            cancel.set(true);
        }

        /** The engine's result, or null before a successful end. */
        public RunResult result() {
            return result;
        }

        /** The run folder as a workspace resource (null when outside the workspace or before the end). */
        public IContainer runFolder() {
            return runFolder;
        }

        /** The run folder on disk (null before the results are written). */
        public Path runFolderPath() {
            return runFolderPath;
        }

        /** The experiment file the run belongs to. */
        public IFile file() {
            return file;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            Pipeline p = RunService.pipeline(experiment, pipelineName);
            int nodes = p == null ? 1 : Math.max(1, p.getNodes().size());
            SubMonitor sub = SubMonitor.convert(monitor, "Running " + (p == null ? file.getName() : p.getName()),
                    nodes * 100 + 20);
            Path projectDir = file.getProject().getLocation().toPath();
            RunRequest request = new RunRequest().experiment(experiment).experimentFile(file.getLocation().toPath())
                    .pipeline(pipelineName).baseDirectory(PipelineProblems.baseDirectory(file))
                    .threads(MyoflowPreferences.threads()).cacheFolder(projectDir.resolve(CACHE_FOLDER))
                    .outFolder(outputFolder(projectDir, experiment.getName())).cancellation(cancel)
                    .platform("org.myoflow.ui " + UiActivator.getDefault().getBundle().getVersion())
                    .listener(new Progress(sub, monitor, cancel)).models(MyoflowServices.models());
            RunOutcome o;
            try {
                o = new RunService(MyoflowServices.registry()).run(request);
            } catch (RuntimeException | Error e) {
                // a failure outside the nodes (a node's own Error, time limit or lack of memory is already an
                // outcome): this job fails, the workbench goes on
                return error(file.getName() + ": the run failed: " + e
                        + (e instanceof OutOfMemoryError ? " (give the workbench more heap: -Xmx in MYOFLOW_JAVA_OPTS)"
                                : ""), e);
            }
            result = o.result();
            switch (o.status()) {
                case OK -> {
                    runFolderPath = o.runFolder();
                    try {
                        IContainer[] found = ResourcesPlugin.getWorkspace().getRoot()
                                .findContainersForLocationURI(runFolderPath.toUri());
                        if (found.length > 0) {
                            runFolder = found[0];
                            runFolder.getParent().refreshLocal(IResource.DEPTH_INFINITE, sub.split(20));
                        }
                    } catch (CoreException | RuntimeException e) {
                        return error(file.getName() + ": the results are in " + runFolderPath
                                + " but the workspace could not be refreshed: " + e, e);
                    }
                    return new Status(IStatus.OK, UiActivator.PLUGIN_ID, o.summary());
                }
                case CANCELLED -> {
                    return Status.CANCEL_STATUS;
                }
                case INVALID -> {
                    if (o.messages().size() <= 1) {
                        return error(o.summary(), null);
                    }
                    try {
                        PipelineProblems.update(file, experiment);
                    } catch (CoreException ce) {
                        // the markers are a convenience; the status below carries the problems
                    }
                    MultiStatus ms = new MultiStatus(UiActivator.PLUGIN_ID, 0,
                            o.messages().get(0) + " (see the Problems view)", null);
                    for (String line : o.messages().subList(1, o.messages().size())) {
                        ms.add(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID, line.trim()));
                    }
                    return ms;
                }
                default -> {
                    return error(o.summary(), o.status() == RunOutcome.Status.BAD_DATA ? null : o.cause());
                }
            }
        }

        private static IStatus error(String message, Throwable t) {
            return new Status(IStatus.ERROR, UiActivator.PLUGIN_ID, message, t);
        }

        /** Nodes that were computed (not taken from the cache) in this run, by id. */
        public java.util.Set<String> computedNodes() {
            RunResult r = result;
            return r == null ? java.util.Set.of() : r.nodes().stream().filter(n -> !n.fromCache())
                    .map(NodeResult::nodeId).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** A fresh folder {@code <output>/<experiment>-<time>[-k]} for a run. */
    static Path outputFolder(Path projectDir, String experimentName) {
        Path base = Path.of(MyoflowPreferences.outputFolder());
        return RunService.freshRunFolder(base.isAbsolute() ? base : projectDir.resolve(base), experimentName);
    }

    /** Engine progress into the job's monitor; the monitor's cancel into the engine's flag. */
    private static final class Progress implements RunListener {
        private final SubMonitor sub;
        private final IProgressMonitor monitor;
        private final AtomicBoolean cancel;
        private final java.util.Map<String, Double> done = new java.util.concurrent.ConcurrentHashMap<>();

        Progress(SubMonitor sub, IProgressMonitor monitor, AtomicBoolean cancel) {
            this.sub = sub;
            this.monitor = monitor;
            this.cancel = cancel;
        }

        private void poll() {
            if (monitor.isCanceled()) {
                cancel.set(true);
            }
        }

        @Override
        public void nodeStarted(String nodeId, String stepId) {
            poll();
            synchronized (sub) {
                sub.subTask(nodeId + " (" + stepId + ")");
            }
        }

        @Override
        public void nodeProgress(String nodeId, double fraction, String message) {
            poll();
            advance(nodeId, fraction);
            if (message != null && !message.isBlank()) {
                synchronized (sub) {
                    sub.subTask(nodeId + ": " + message);
                }
            }
        }

        @Override
        public void nodeFinished(NodeResult result) {
            poll();
            advance(result.nodeId(), 1.0);
        }

        private void advance(String nodeId, double fraction) {
            double f = Math.max(0, Math.min(1, fraction));
            double before = done.getOrDefault(nodeId, 0.0);
            if (f > before) {
                done.put(nodeId, f);
                int ticks = (int) Math.round(f * 100) - (int) Math.round(before * 100);
                if (ticks > 0) {
                    synchronized (sub) {
                        sub.worked(ticks);
                    }
                }
            }
        }
    }
}
