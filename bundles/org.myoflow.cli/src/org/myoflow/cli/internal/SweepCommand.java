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
import java.util.function.Function;
import java.util.stream.Stream;

import org.myoflow.core.spi.ModelResolver;
import org.myoflow.run.RunFolders;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.sweep.LocalExecutor;
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
 * run folder on a local pool ({@link LocalExecutor}); {@code sweep status DIR} and {@code sweep collect DIR}
 * ({@link SweepResults}). See docs/sweeps.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Run a pipeline over a grid of parameter values and seeds, one run folder per task "
                + "(DIR/tasks/<id>); running it again resumes it. 'sweep status DIR', 'sweep collect DIR'.",
        subcommands = { SweepCommand.Status.class, SweepCommand.Collect.class })
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
        int threadsPerRun = threads != null ? Math.min(threads, RunService.maxThreads())
                : Math.max(1, RunService.maxThreads() / parallel);
        Path cacheDir = cache != null ? cache : out.resolve("cache");
        ModelResolver models = cli.models.get().resolver();
        Duration nodeLimit = timeout;
        Function<SweepTask, RunRequest> requests = t -> {
            RunRequest r = new RunRequest().experimentFile(file).threads(threadsPerRun).cacheFolder(cacheDir)
                    .nodeTimeout(nodeLimit).platform(cli.platform).models(models).maxMemory(limit);
            if (allowOutside) {
                r.allowOutside(true);
            }
            return r;
        };
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
            RunFolders.deleteTree(out.resolve(Sweep.TASKS));
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
            long done = states.stream().filter(s -> s.state() == SweepResults.State.DONE).count();
            long failed = states.stream().filter(s -> s.state() == SweepResults.State.FAILED).count();
            cli.out.println(states.size() + " tasks: " + done + " done, " + failed + " failed, "
                    + (states.size() - done - failed) + " pending");
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
                    + "time and the mean and RMS of each output.")
    static final class Collect implements Callable<Integer> {
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
            int rows = SweepResults.write(sweep, dir);
            cli.out.println("Wrote " + dir.resolve("results.csv") + " and results.json (" + rows + " tasks)");
            return ExitCodes.OK;
        }
    }
}
