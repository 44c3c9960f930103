package org.myoflow.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import org.myoflow.core.spi.ModelResolver;
import org.myoflow.run.RunFolders;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.core.data.Digests;
import org.myoflow.run.slurm.SlurmClient;
import org.myoflow.run.slurm.SlurmException;
import org.myoflow.run.slurm.SlurmResources;
import org.myoflow.run.sweep.LocalExecutor;
import org.myoflow.run.sweep.SlurmExecutor;
import org.myoflow.run.sweep.Sweep;
import org.myoflow.run.sweep.SweepResults;
import org.myoflow.run.sweep.SweepTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code myoflow sweep FILE --grid node.param=v1,v2 [--seeds 1-20] [--zip] [--parallel N] --out DIR}: expands the
 * tasks ({@link Sweep}), validates every one, writes {@code DIR/sweep.json} and runs the tasks without a complete
 * run folder on a local pool ({@link LocalExecutor}) or, with {@code --executor slurm}, submits them as one SLURM
 * array job ({@link SlurmExecutor}) whose tasks run {@code myoflow sweep task DIR INDEX}; {@code sweep status DIR},
 * {@code sweep collect DIR} ({@link SweepResults}), {@code sweep cancel DIR}. See docs/sweeps.md, docs/cluster.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Run a pipeline over a grid of parameter values and seeds, one run folder per task "
                + "(DIR/tasks/<id>); running it again resumes it. 'sweep status DIR', 'sweep collect DIR', "
                + "'sweep cancel DIR' (SLURM).",
        subcommands = { SweepCommand.Status.class, SweepCommand.Collect.class, SweepCommand.Cancel.class,
                SweepCommand.Task.class })
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Experiment file (.myoflow).")
    Path file;

    @Option(names = "--grid", paramLabel = "NODE.PARAM=V1,V2,...", description = "Values of one parameter "
            + "(repeatable); the tasks are the product of the lists (or, with --zip, their pairs) times the seeds.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE", description = "Override a parameter in every "
            + "task (repeatable): a --grid of one value, recorded in sweep.json and the results like the others.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--seeds", paramLabel = "LIST", description = "Seeds, e.g. 1-20 or 1,5,9-12 (default: the "
            + "file's seed only).")
    String seeds;

    @Option(names = "--zip", description = "Pair the --grid lists (the i-th values together; equal lengths) "
            + "instead of taking their product.")
    boolean zip;

    @Option(names = "--parallel", paramLabel = "N", description = "Tasks at a time (default 1: each run uses "
            + "all processors).")
    int parallel = 1;

    @Option(names = { "-o", "--out" }, paramLabel = "DIR", description = "The sweep folder (required): "
            + "sweep.json, tasks/<id> (run folders), tasks/<id>.log, cache/, results.csv/json.")
    Path out;

    @Option(names = "--overwrite", description = "Replace a sweep of another experiment, grid or seeds in DIR "
            + "(its task folders and results are deleted; the cache is kept).")
    boolean overwrite;

    @Option(names = "--cache", paramLabel = "DIR", description = "Result cache shared by the tasks (default: "
            + "DIR/cache).")
    Path cache;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline to run (default: the first).")
    String pipeline;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of each run (default: the "
            + "processors divided by --parallel).")
    Integer threads;

    @Option(names = "--node-timeout", paramLabel = "DURATION", description = "Fail a node whose step runs "
            + "longer than this, e.g. 30s, 5m (default: no limit).")
    String nodeTimeout;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = Cli.MAX_MEMORY_HELP)
    String maxMemory;

    @Option(names = "--allow-outside", description = "Let file parameters name files outside the experiment "
            + "file's folder.")
    boolean allowOutside;

    @Option(names = "--executor", paramLabel = "local|slurm", description = "local (default): run the tasks in "
            + "this process; slurm: submit them as one SLURM array job (docs/cluster.md).")
    String executor = "local";

    @Option(names = "--cpus", paramLabel = "N", description = "SLURM: CPUs per task (--cpus-per-task; also the "
            + "run's worker threads unless --threads says otherwise).")
    Integer cpus;

    @Option(names = "--mem", paramLabel = "SIZE", description = "SLURM: memory per task, e.g. 4G (--mem).")
    String mem;

    @Option(names = "--time", paramLabel = "TIME", description = "SLURM: time limit per task, e.g. 30 or 1:00:00 "
            + "(--time).")
    String time;

    @Option(names = "--partition", paramLabel = "NAME", description = "SLURM: partition (--partition).")
    String partition;

    @Option(names = "--account", paramLabel = "NAME", description = "SLURM: account (--account).")
    String account;

    @Option(names = "--profile", paramLabel = "FILE", description = "SLURM: a file of further sbatch options, "
            + "one a line ('#SBATCH --qos=short' or '--qos=short'); the options above override it.")
    Path profile;

    /** The lab file's default sbatch profile ({@code slurm.profile}, docs/lab-install.md), or null. */
    private static Path labSlurmProfile() {
        try {
            return org.myoflow.core.lab.LabConfig.current().slurmProfile();
        } catch (RuntimeException e) {
            return null; // a bad lab file is reported at start-up; the sweep then runs without a default profile
        }
    }

    @Option(names = "--wait", description = "SLURM: wait until the job has ended, then report like a local sweep "
            + "(Ctrl-C then cancels the job).")
    boolean await;

    /** The request of one task with the common settings (the task's overrides are added by the executor). */
    static Function<SweepTask, RunRequest> requests(Cli cli, Path file, Path cacheDir, int threadsPerRun,
            Duration nodeLimit, long limit, boolean allowOutside) {
        ModelResolver models = cli.models.get().resolver();
        return t -> {
            RunRequest r = new RunRequest().experimentFile(file).threads(threadsPerRun).cacheFolder(cacheDir)
                    .nodeTimeout(nodeLimit).platform(cli.platform).models(models).maxMemory(limit);
            if (allowOutside) {
                r.allowOutside(true);
            }
            return r;
        };
    }

    @Override
    public Integer call() {
        if (file == null) {
            cli.err.println("myoflow: sweep: missing FILE (or 'status DIR', 'collect DIR')");
            return ExitCodes.INVALID;
        }
        if (out == null) {
            cli.err.println("myoflow: sweep: missing --out DIR (the sweep folder)");
            return ExitCodes.INVALID;
        }
        if (parallel < 1 || (threads != null && threads < 1)) {
            cli.err.println("myoflow: --parallel and --threads must be at least 1");
            return ExitCodes.INVALID;
        }
        Duration timeout = null;
        if (nodeTimeout != null && (timeout = Cli.parseDuration(nodeTimeout)) == null) {
            cli.err.println("myoflow: --node-timeout must be a positive duration such as 30s, 5m, 1h or 500ms");
            return ExitCodes.INVALID;
        }
        long limit = cli.maxMemory(maxMemory);
        if (limit < 0) {
            return ExitCodes.INVALID;
        }
        if (!Files.isRegularFile(file)) {
            cli.err.println("myoflow: " + file + ": no such experiment file");
            return ExitCodes.INVALID;
        }
        Sweep sweep;
        try {
            Map<String, List<String>> g = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : sets.entrySet()) {
                g.put(e.getKey(), List.of(e.getValue()));
            }
            for (String entry : grid) {
                Sweep.parseGrid(entry, g);
            }
            sweep = Sweep.expand(file, pipeline, g, seeds == null ? List.of() : Sweep.parseSeeds(seeds), zip);
        } catch (IllegalArgumentException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (IOException e) {
            cli.err.println("myoflow: " + file + ": cannot be read: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        boolean slurm;
        if ("slurm".equals(executor)) {
            slurm = true;
        } else if ("local".equals(executor)) {
            slurm = false;
        } else {
            cli.err.println("myoflow: --executor must be local or slurm, got '" + executor + "'");
            return ExitCodes.INVALID;
        }
        SlurmResources resources = null;
        if (slurm) {
            try {
                resources = new SlurmResources(cpus, mem, time, partition, account, List.of());
                Path sbatchProfile = profile != null ? profile : labSlurmProfile();
                String from = profile != null ? "--profile " : "the lab file's slurm.profile ";
                if (sbatchProfile != null) {
                    if (!Files.isRegularFile(sbatchProfile)) {
                        cli.err.println("myoflow: " + from + sbatchProfile + ": no such file");
                        return ExitCodes.INVALID;
                    }
                    resources = resources.withProfile(SlurmResources.readProfile(sbatchProfile));
                }
            } catch (IllegalArgumentException e) {
                cli.err.println("myoflow: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (IOException e) {
                cli.err.println("myoflow: " + (profile != null ? "--profile " + profile
                        : "the lab file's slurm.profile " + labSlurmProfile()) + ": cannot be read: " + e.getMessage());
                return ExitCodes.INVALID;
            }
        } else if (cpus != null || mem != null || time != null || partition != null || account != null
                || profile != null || await) {
            cli.err.println("myoflow: --cpus, --mem, --time, --partition, --account, --profile and --wait need "
                    + "--executor slurm");
            return ExitCodes.INVALID;
        }
        int threadsPerRun = threads != null ? Math.min(threads, RunService.maxThreads())
                : slurm && cpus != null ? cpus : Math.max(1, RunService.maxThreads() / parallel);
        Path cacheDir = cache != null ? cache : out.resolve("cache");
        Function<SweepTask, RunRequest> requests = requests(cli, file, cacheDir, threadsPerRun, timeout, limit,
            allowOutside);
        List<String> problems = LocalExecutor.validate(cli.runs, sweep, requests);
        if (!problems.isEmpty()) {
            cli.err.println("myoflow: the sweep is invalid (no task was run):");
            problems.forEach(p -> cli.err.println("  " + p));
            return ExitCodes.INVALID;
        }
        try {
            String refused = prepare(sweep);
            if (refused != null) {
                cli.err.println("myoflow: " + refused);
                return ExitCodes.INVALID;
            }
        } catch (IOException e) {
            cli.err.println("myoflow: " + out + ": " + e.getMessage());
            return ExitCodes.STEP_FAILED;
        }
        if (slurm) {
            return submit(sweep, resources, cacheDir);
        }
        cli.err.println("sweep: " + sweep.tasks().size() + " task(s) in " + out + " (" + parallel + " at a time)");
        LocalExecutor.Report report;
        try {
            report = new LocalExecutor(cli.runs, parallel).run(sweep, out, requests, cli.cancel,
                line -> cli.err.println("sweep: " + line));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CANCELLED;
        }
        int failed = report.count(RunOutcome.Status.INVALID) + report.count(RunOutcome.Status.BAD_DATA)
                + report.count(RunOutcome.Status.STEP_FAILED);
        int cancelled = report.count(RunOutcome.Status.CANCELLED);
        cli.out.println("Sweep " + out + ": " + sweep.tasks().size() + " tasks: " + report.skipped()
                + " complete before, " + report.count(RunOutcome.Status.OK) + " ran, " + failed + " failed"
                + (cancelled == 0 ? "" : ", " + cancelled + " cancelled")
                + (failed == 0 ? "" : " (see: myoflow sweep status " + out + ")"));
        if (cancelled > 0 && cli.cancel.get()) {
            cli.err.println("myoflow: sweep cancelled; run the same command again to resume");
            return ExitCodes.CANCELLED;
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }

    /** The myoflow launcher this process was started by (absolute), or null when unknown. */
    static Path launcher() {
        String home = System.getProperty("myoflow.home");
        if (home == null) {
            return null;
        }
        Path p = Path.of(home, "myoflow").toAbsolutePath().normalize();
        return Files.isExecutable(p) ? p : null;
    }

    /** Submits the incomplete tasks as one array job; with --wait follows it to the end. */
    private int submit(Sweep sweep, SlurmResources resources, Path cacheDir) {
        Path launcher = launcher();
        if (launcher == null) {
            cli.err.println("myoflow: --executor slurm needs the myoflow launcher (start this command with "
                    + "./myoflow, which sets -Dmyoflow.home)");
            return ExitCodes.INVALID;
        }
        Path dir = out.toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "sweep", "task", dir.toString(), "--cache",
            cacheDir.toAbsolutePath().normalize().toString()));
        if (threads != null || cpus != null) {
            cmd.add("--threads");
            cmd.add(String.valueOf(threads != null ? threads : cpus));
        }
        if (nodeTimeout != null) {
            cmd.add("--node-timeout");
            cmd.add(nodeTimeout);
        }
        if (maxMemory != null) {
            cmd.add("--max-memory");
            cmd.add(maxMemory);
        }
        if (allowOutside) {
            cmd.add("--allow-outside");
        }
        SlurmExecutor slurm = new SlurmExecutor(new SlurmClient());
        SlurmExecutor.Submission s;
        try {
            s = slurm.submit(sweep, dir, cmd, resources, "myoflow-" + dir.getFileName());
        } catch (SlurmException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            cli.err.println("myoflow: " + out + ": " + e.getMessage());
            return ExitCodes.STEP_FAILED;
        }
        if (s == null) {
            cli.out.println("Sweep " + out + ": " + sweep.tasks().size() + " tasks: all complete, nothing submitted");
            return ExitCodes.OK;
        }
        cli.out.println("Sweep " + out + ": submitted job " + s.jobId() + " (array "
                + SlurmClient.arraySpec(s.indices()) + ", " + s.indices().size() + " of " + sweep.tasks().size()
                + " tasks; script " + out.resolve(SlurmExecutor.SLURM).resolve(s.script().getFileName()) + ")");
        if (!await) {
            cli.out.println("Follow it with: myoflow sweep status " + out);
            return ExitCodes.OK;
        }
        try {
            int lastActive = -1;
            while (true) {
                if (cli.cancel.get()) {
                    int n = slurm.cancel(dir).values().stream().mapToInt(List::size).sum();
                    cli.err.println("myoflow: sweep cancelled (scancel " + s.jobId() + ": " + n + " task(s)); run "
                            + "the same command again to resume");
                    return ExitCodes.CANCELLED;
                }
                int active = slurm.active(dir).size();
                if (active != lastActive) {
                    cli.err.println("sweep: job " + s.jobId() + ": " + active + " task(s) queued or running");
                    lastActive = active;
                }
                if (active == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            List<SweepResults.TaskState> states = slurm.states(sweep, dir);
            long done = states.stream().filter(x -> x.state() == SweepResults.State.DONE).count();
            long failed = states.stream().filter(x -> x.state() == SweepResults.State.FAILED).count();
            cli.out.println("Sweep " + out + ": " + states.size() + " tasks: " + done + " done, " + failed
                    + " failed" + (failed == 0 ? "" : " (see: myoflow sweep status " + out + ")"));
            return done == states.size() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
        } catch (SlurmException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            cli.err.println("myoflow: " + out + ": " + e.getMessage());
            return ExitCodes.STEP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CANCELLED;
        }
    }

    /** Writes sweep.json, or says why DIR cannot take this sweep (null: it can). */
    private String prepare(Sweep sweep) throws IOException {
        if (Files.exists(out.resolve(Sweep.SWEEP_JSON))) {
            Sweep earlier;
            try {
                earlier = Sweep.read(out);
            } catch (IOException e) {
                earlier = null;
            }
            if (earlier != null && earlier.sameAs(sweep)) {
                return null;
            }
            if (!overwrite) {
                return out + " holds another sweep (a different experiment file, pipeline, grid or seeds); "
                        + "give another --out, or --overwrite to replace it";
            }
            if (!SlurmExecutor.submissions(out).isEmpty()) {
                try {
                    if (!new SlurmExecutor(new SlurmClient()).active(out).isEmpty()) {
                        return out + " has a SLURM job with tasks queued or running; cancel it first (myoflow "
                                + "sweep cancel " + out + ")";
                    }
                } catch (SlurmException e) {
                    // no SLURM here: nothing can be running
                }
            }
            RunFolders.deleteTree(out.resolve(Sweep.TASKS));
            RunFolders.deleteTree(out.resolve(SlurmExecutor.SLURM));
            Files.deleteIfExists(out.resolve("results.csv"));
            Files.deleteIfExists(out.resolve("results.json"));
        } else if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                return out + " is a file, not a sweep folder";
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.anyMatch(p -> !p.getFileName().toString().equals("cache"))) {
                    return out + " is a folder that holds no sweep (no " + Sweep.SWEEP_JSON + "); give an empty "
                            + "or new folder";
                }
            }
        }
        sweep.write(out);
        return null;
    }

    private static Sweep load(Cli cli, Path dir) {
        try {
            return Sweep.read(dir);
        } catch (IOException e) {
            cli.err.println("myoflow: " + (Files.isDirectory(dir) ? e.getMessage() : dir + ": no such sweep folder"));
            return null;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Count the tasks done, failed and pending; show the last lines of the failed tasks' logs.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        SweepCommand parent;

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep folder.")
        Path dir;

        @Option(names = "--lines", paramLabel = "N", description = "Log lines per failed task (default 5).")
        int lines = 5;

        @Override
        public Integer call() throws IOException {
            Cli cli = parent.cli;
            Sweep sweep = load(cli, dir);
            if (sweep == null) {
                return ExitCodes.INVALID;
            }
            List<SweepResults.TaskState> states = SweepResults.states(sweep, dir);
            List<SlurmExecutor.Submission> jobs = SlurmExecutor.submissions(dir);
            if (!jobs.isEmpty()) {
                try {
                    states = new SlurmExecutor(new SlurmClient()).states(sweep, dir);
                } catch (SlurmException e) {
                    cli.err.println("myoflow: " + e.getMessage() + "; the states below come from the run folders "
                            + "only");
                }
            }
            long done = states.stream().filter(s -> s.state() == SweepResults.State.DONE).count();
            long failed = states.stream().filter(s -> s.state() == SweepResults.State.FAILED).count();
            long queued = states.stream().filter(s -> s.state() == SweepResults.State.QUEUED).count();
            long running = states.stream().filter(s -> s.state() == SweepResults.State.RUNNING).count();
            if (jobs.isEmpty()) {
                cli.out.println(states.size() + " tasks: " + done + " done, " + failed + " failed, "
                        + (states.size() - done - failed) + " pending");
            } else {
                SlurmExecutor.Submission last = jobs.get(jobs.size() - 1);
                cli.out.println(states.size() + " tasks: " + done + " done, " + failed + " failed, " + queued
                        + " queued, " + running + " running, " + (states.size() - done - failed - queued - running)
                        + " pending (SLURM job " + last.jobId() + (last.cancelled() ? ", cancelled" : "") + ", "
                        + jobs.size() + " submission(s))");
            }
            for (SweepResults.TaskState s : states) {
                if (s.state() != SweepResults.State.FAILED) {
                    continue;
                }
                cli.out.println(s.task().id() + " failed " + s.task().sets()
                        + (s.task().seed() == null ? "" : " seed " + s.task().seed()) + ":");
                List<String> log = s.log().stream().filter(l -> !l.startsWith("status: ")
                        && !l.startsWith("exit: ") && !l.startsWith("seconds: ")).toList();
                log.subList(Math.max(0, log.size() - lines), log.size()).forEach(l -> cli.out.println("  " + l));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Write DIR/results.csv and DIR/results.json: per task its parameters, seed, status, wall "
                    + "time and the mean, SD and RMS of each output; --plot FIGURE:PARAM draws one against a parameter.")
    static final class Collect implements Callable<Integer> {
        @ParentCommand
        SweepCommand parent;

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep folder.")
        Path dir;

        @Option(names = "--plot", paramLabel = "FIGURE:PARAM", description = "Also plot a column of the table "
                + "against a swept parameter (or seed) into DIR/plot-FIGURE-vs-PARAM.svg (repeatable), e.g. "
                + "--plot emg.emg.rms:emg.snrDb.")
        List<String> plots = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Cli cli = parent.cli;
            Sweep sweep = load(cli, dir);
            if (sweep == null) {
                return ExitCodes.INVALID;
            }
            int rows = SweepResults.write(sweep, dir);
            cli.out.println("Wrote " + dir.resolve("results.csv") + " and results.json (" + rows + " tasks)");
            int rc = ExitCodes.OK;
            for (String p : plots) {
                int colon = p.lastIndexOf(':');
                if (colon <= 0 || colon == p.length() - 1) {
                    cli.err.println("myoflow: --plot " + p + ": expected FIGURE:PARAM, e.g. emg.emg.rms:emg.snrDb");
                    rc = ExitCodes.INVALID;
                    continue;
                }
                try {
                    Path svg = SweepResults.plot(sweep, dir, p.substring(0, colon), p.substring(colon + 1));
                    cli.out.println("Wrote " + svg);
                } catch (IllegalArgumentException e) {
                    cli.err.println("myoflow: --plot " + p + ": " + e.getMessage());
                    rc = ExitCodes.INVALID;
                }
            }
            return rc;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Cancel the SLURM job(s) of a sweep (scancel); completed task folders are kept, and "
                    + "submitting the sweep again runs the rest.")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        SweepCommand parent;

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep folder.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Cli cli = parent.cli;
            Sweep sweep = load(cli, dir);
            if (sweep == null) {
                return ExitCodes.INVALID;
            }
            if (SlurmExecutor.submissions(dir).isEmpty()) {
                cli.err.println("myoflow: " + dir + " has no SLURM job (a local sweep stops with Ctrl-C)");
                return ExitCodes.INVALID;
            }
            Map<String, List<SlurmClient.Task>> cancelled;
            try {
                cancelled = new SlurmExecutor(new SlurmClient()).cancel(dir);
            } catch (SlurmException e) {
                cli.err.println("myoflow: " + e.getMessage());
                return e.exitCode();
            }
            if (cancelled.isEmpty()) {
                cli.out.println("Nothing to cancel: no task of " + dir + " is queued or running");
            }
            cancelled.forEach((job, tasks) -> {
                long running = tasks.stream().filter(SlurmClient.Task::running).count();
                List<String> ids = tasks.stream().map(t -> t.index() >= 0 && t.index() < sweep.tasks().size()
                        ? sweep.tasks().get(t.index()).id() : job + "_" + t.index()).toList();
                cli.out.println("Cancelled job " + job + ": " + tasks.size() + " task(s), " + running + " running, "
                        + (tasks.size() - running) + " queued: " + String.join(" ", ids));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "task", hidden = true, mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Run one task of a sweep into DIR/tasks/<id> (what each task of a SLURM array job runs).")
    static final class Task implements Callable<Integer> {
        @ParentCommand
        SweepCommand parent;

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep folder.")
        Path dir;

        @Parameters(index = "1", paramLabel = "INDEX", description = "The task's 0-based index (the array task id) "
                + "or its id (t0001).")
        String index;

        @Option(names = "--cache", paramLabel = "DIR", description = "Result cache (default: DIR/cache).")
        Path cache;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: SLURM_CPUS_PER_TASK "
                + "in a SLURM job, else all processors).")
        Integer threads;

        /** The CPUs SLURM gave this task (SLURM_CPUS_PER_TASK), or null outside a job or when not set. */
        private static Integer slurmCpus() {
            try {
                String v = System.getenv("SLURM_CPUS_PER_TASK");
                return v == null ? null : Integer.valueOf(v.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Option(names = "--node-timeout", paramLabel = "DURATION", description = "Node time limit.")
        String nodeTimeout;

        @Option(names = "--max-memory", paramLabel = "SIZE", description = Cli.MAX_MEMORY_HELP)
        String maxMemory;

        @Option(names = "--allow-outside", description = "Let file parameters name files outside the experiment "
                + "file's folder.")
        boolean allowOutside;

        @Override
        public Integer call() throws IOException {
            Cli cli = parent.cli;
            Sweep sweep = load(cli, dir);
            if (sweep == null) {
                return ExitCodes.INVALID;
            }
            SweepTask task = null;
            for (SweepTask t : sweep.tasks()) {
                if (t.id().equals(index) || String.valueOf(t.index()).equals(index)) {
                    task = t;
                }
            }
            if (task == null) {
                cli.err.println("myoflow: sweep task: " + dir + " has no task '" + index + "' (indices 0-"
                        + (sweep.tasks().size() - 1) + ")");
                return ExitCodes.INVALID;
            }
            Path file = sweep.experimentFile();
            if (!Files.isRegularFile(file) || !Digests.sha256(file).equals(sweep.sha256())) {
                cli.err.println("myoflow: sweep task " + task.id() + ": " + file + (Files.isRegularFile(file)
                        ? " changed since the sweep was expanded (SHA-256 differs)" : ": no such experiment file"));
                LocalExecutor.writeLog(task.log(dir), RunOutcome.Status.INVALID, 0, List.of("the experiment file "
                        + file + (Files.isRegularFile(file) ? " changed since the sweep was expanded" : " is missing")));
                return ExitCodes.INVALID;
            }
            Duration timeout = null;
            if (nodeTimeout != null && (timeout = Cli.parseDuration(nodeTimeout)) == null) {
                cli.err.println("myoflow: --node-timeout must be a positive duration such as 30s or 5m");
                return ExitCodes.INVALID;
            }
            long limit = cli.maxMemory(maxMemory);
            if (limit < 0) {
                return ExitCodes.INVALID;
            }
            Integer given = threads != null ? threads : slurmCpus();
            int n = given != null ? Math.max(1, Math.min(given, RunService.maxThreads())) : RunService.maxThreads();
            Function<SweepTask, RunRequest> requests = requests(cli, file, cache != null ? cache : dir.resolve("cache"),
                n, timeout, limit, allowOutside);
            AtomicBoolean own = new AtomicBoolean();
            Thread watcher = Thread.ofPlatform().daemon().start(() -> {
                while (!own.get()) {
                    if (cli.cancel.get()) {
                        own.set(true);
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            RunOutcome.Status st;
            try {
                st = new LocalExecutor(cli.runs, 1).runOne(sweep, task, dir, requests.apply(task), own);
            } finally {
                watcher.interrupt();
            }
            cli.err.println("sweep task " + task.id() + ": " + st.name().toLowerCase(java.util.Locale.ROOT));
            return st.exitCode();
        }
    }
}
