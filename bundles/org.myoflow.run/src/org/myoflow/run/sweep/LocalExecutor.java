package org.myoflow.run.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.Validation;

/**
 * Runs a sweep's tasks in this process on a bounded pool ({@link Executors#newFixedThreadPool}), each through the
 * {@link RunService} into its own atomic run folder {@code DIR/tasks/<id>}, with its status and messages in
 * {@code DIR/tasks/<id>.log}. Tasks whose run folder is already complete ({@link SweepTask#complete}) are skipped,
 * so running a sweep again resumes it. Setting the cancellation flag cancels the runs in flight (their temporary
 * folders are removed by the run service) and starts no further task.
 *
 * @since 0.3
 */
public final class LocalExecutor {

    /** What a call of {@link #run} did. */
    public record Report(int skipped, Map<RunOutcome.Status, Integer> ran, Map<String, RunOutcome.Status> statuses) {

        /** The number of tasks that ran and ended with a status. */
        public int count(RunOutcome.Status s) {
            return ran.getOrDefault(s, 0);
        }
    }

    private final RunService service;
    private final int parallel;

    /**
     * @param service  the run service
     * @param parallel the most tasks at a time (at least 1)
     */
    public LocalExecutor(RunService service, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.service = service;
        this.parallel = parallel;
    }

    /**
     * Validates every distinct parameter combination of the sweep before any task runs.
     *
     * @param requests the request of a task with the common settings (models, base folder, ...); the task's
     *                 overrides and seed are added here
     * @return the problems, each naming the grid entry at fault ({@code --grid node.param=value}) where the
     *         problem is about a swept parameter, else the task (empty: all tasks are valid)
     */
    public static List<String> validate(RunService service, Sweep sweep, Function<SweepTask, RunRequest> requests) {
        List<String> problems = new ArrayList<>();
        Map<Map<String, String>, SweepTask> distinct = new LinkedHashMap<>();
        sweep.tasks().forEach(t -> distinct.putIfAbsent(t.sets(), t));
        for (SweepTask t : distinct.values()) {
            Validation v = service.validate(t.applyTo(requests.apply(t)).pipeline(sweep.pipeline()));
            if (v.status() == RunOutcome.Status.OK) {
                continue;
            }
            v.messages().forEach(m -> problems.add("task " + t.id() + ": " + m));
            for (Validation.PipelineCheck c : v.pipelines()) {
                for (ValidationProblem p : c.problems()) {
                    String where = "task " + t.id() + " " + t.sets();
                    for (Map.Entry<String, String> e : t.sets().entrySet()) {
                        String key = e.getKey();
                        int dot = key.indexOf('.');
                        if (key.substring(0, dot).equals(p.nodeId()) && p.subject() != null
                                && p.subject().contains("'" + key.substring(dot + 1) + "'")) {
                            where = "--grid " + key + "=" + e.getValue();
                        }
                    }
                    String line = where + ": " + p;
                    if (!problems.contains(line)) {
                        problems.add(line);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Runs the tasks of a sweep that have no complete run folder in {@code dir} (sweep.json must already be there).
     *
     * @param requests the request of a task with the common settings (cache, models, time limits, ...); its out
     *                 folder, overwrite flag, cancellation flag, overrides and seed are set here
     * @param cancel   the flag that cancels the sweep
     * @param progress one line per finished task
     */
    public Report run(Sweep sweep, Path dir, Function<SweepTask, RunRequest> requests, AtomicBoolean cancel,
            Consumer<String> progress) throws InterruptedException {
        List<SweepTask> pending = new ArrayList<>();
        for (SweepTask t : sweep.tasks()) {
            if (!t.complete(dir)) {
                pending.add(t);
            }
        }
        int skipped = sweep.tasks().size() - pending.size();
        Map<String, RunOutcome.Status> statuses = new LinkedHashMap<>();
        Map<RunOutcome.Status, Integer> counts = new EnumMap<>(RunOutcome.Status.class);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread th = new Thread(r, "myoflow-sweep");
            th.setDaemon(true);
            return th;
        });
        // each run gets its own flag (a run sets its flag itself when a node fails, to stop its other nodes); a
        // watcher passes the sweep's cancellation on to the runs in flight
        Set<AtomicBoolean> inFlight = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "myoflow-sweep-cancel");
            th.setDaemon(true);
            return th;
        });
        watcher.scheduleWithFixedDelay(() -> {
            if (cancel.get()) {
                inFlight.forEach(f -> f.set(true));
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        try {
            List<Future<RunOutcome.Status>> futures = new ArrayList<>();
            for (SweepTask t : pending) {
                Callable<RunOutcome.Status> job = () -> runTask(sweep, t, dir, requests, cancel, inFlight);
                futures.add(pool.submit(job));
            }
            for (int i = 0; i < pending.size(); i++) {
                RunOutcome.Status s;
                try {
                    s = futures.get(i).get();
                } catch (ExecutionException e) {
                    s = RunOutcome.Status.STEP_FAILED;
                    try {
                        writeLog(pending.get(i).log(dir), s, 0, List.of("internal error: " + e.getCause()));
                    } catch (IOException io) {
                        progress.accept(pending.get(i).id() + ": cannot write its log: " + io.getMessage());
                    }
                } catch (InterruptedException e) {
                    cancel.set(true);
                    throw e;
                }
                statuses.put(pending.get(i).id(), s);
                counts.merge(s, 1, Integer::sum);
                if (s != RunOutcome.Status.CANCELLED || !cancel.get()) {
                    progress.accept(pending.get(i).id() + " " + s.name().toLowerCase(Locale.ROOT) + " ("
                            + (skipped + statuses.size()) + "/" + sweep.tasks().size() + ")");
                }
            }
        } finally {
            pool.shutdownNow();
            watcher.shutdownNow();
        }
        return new Report(skipped, counts, statuses);
    }

    private RunOutcome.Status runTask(Sweep sweep, SweepTask t, Path dir, Function<SweepTask, RunRequest> requests,
            AtomicBoolean cancel, Set<AtomicBoolean> inFlight) throws IOException {
        if (cancel.get()) {
            return RunOutcome.Status.CANCELLED;
        }
        AtomicBoolean own = new AtomicBoolean();
        inFlight.add(own);
        try {
            if (cancel.get()) {
                return RunOutcome.Status.CANCELLED;
            }
            return runOne(sweep, t, dir, requests.apply(t), own);
        } finally {
            inFlight.remove(own);
        }
    }

    /**
     * Runs one task in this thread into its run folder and writes its log, as {@link #run} does for each task; for
     * an executor that runs each task in a process of its own (a SLURM array task runs
     * {@code myoflow sweep task DIR INDEX}).
     *
     * @param request the request with the common settings; the task's overrides, seed, pipeline, out folder,
     *                overwrite flag and the cancellation flag are set here
     * @param cancel  the run's cancellation flag (the run sets it itself when a node fails)
     * @return the run's status
     * @throws IOException the log cannot be written
     */
    public RunOutcome.Status runOne(Sweep sweep, SweepTask t, Path dir, RunRequest request, AtomicBoolean cancel)
            throws IOException {
        RunRequest r = t.applyTo(request).pipeline(sweep.pipeline()).outFolder(t.folder(dir)).overwrite(true)
                .cancellation(cancel);
        RunOutcome o = service.run(r);
        List<String> lines = new ArrayList<>();
        if (o.ok() && o.result() != null) {
            lines.add("nodes: " + o.result().nodes().size() + ", from cache: " + o.cachedNodes());
        }
        lines.addAll(o.messages());
        if (o.cause() != null && o.status() == RunOutcome.Status.STEP_FAILED) {
            lines.add("cause: " + o.cause());
        }
        writeLog(t.log(dir), o.status(), o.seconds(), lines);
        return o.status();
    }

    /**
     * The first lines of a task's log: {@code status: OK}, {@code exit: 0}, {@code seconds: 1.234}; then, for a
     * completed run, {@code nodes: 4, from cache: 2}; then the run's messages. Public for an executor that must
     * record a task that could not run at all (e.g. its experiment file changed).
     */
    public static void writeLog(Path log, RunOutcome.Status s, double seconds, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("status: ").append(s.name()).append('\n');
        b.append("exit: ").append(s.exitCode()).append('\n');
        b.append(String.format(Locale.ROOT, "seconds: %.3f%n", seconds));
        lines.forEach(l -> b.append(l).append('\n'));
        Files.createDirectories(log.getParent());
        Files.writeString(log, b.toString(), StandardCharsets.UTF_8);
    }
}
