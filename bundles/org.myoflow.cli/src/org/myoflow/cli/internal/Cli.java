package org.myoflow.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.report.RunFolder;
import org.myoflow.run.RunFolders;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.Validation;

import com.google.gson.GsonBuilder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The headless command line: {@code run}, {@code validate}, {@code verify}, {@code steps}, {@code demo}, {@code bench},
 * {@code models}, {@code train}, and the commands the installed bundles contribute ({@link CommandContribution}, e.g.
 * {@code muap} from the conductor bundle). Independent of the OSGi application wrapper so it can be tested with any
 * {@link StepRegistry}.
 */
@Command(name = "myoflow", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Runs Myoflow experiment pipelines headless.",
        subcommands = { Cli.Run.class, Cli.Validate.class, Cli.Verify.class, Cli.Steps.class, Cli.Demo.class, Cli.Bench.class,
            ModelsCommand.class, TrainCommand.class, InspectCommand.class,
            ConvertCommand.class, SweepCommand.class, LabCommand.class, LibraryCommand.class, AdminCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:ok", "2:usage error or invalid pipeline", "3:bad input data", "4:a step failed",
            "130:cancelled" })
public final class Cli implements Callable<Integer> {

    /** Classpath resource of the embedded demo experiment. */
    static final String DEMO_RESOURCE = "/demo/spike-trains-demo.myoflow";

    final StepRegistry registry;
    final PrintStream out;
    final PrintStream err;
    final boolean terminal;
    final String platform;
    final AtomicBoolean cancel;
    final RunService runs;
    final Supplier<List<BenchmarkSuite>> benchmarks;
    Supplier<List<TrainingRecipe>> recipes = List::of;
    Supplier<ModelRegistry> models = ModelRegistry::fromEnvironment;
    Supplier<List<CommandContribution>> commands = List::of;
    Supplier<List<ModelImporter>> importers = List::of;

    public Cli(StepRegistry registry, PrintStream out, PrintStream err, boolean terminal, String platform,
            AtomicBoolean cancel) {
        this(registry, List::of, out, err, terminal, platform, cancel);
    }

    public Cli(StepRegistry registry, Supplier<List<BenchmarkSuite>> benchmarks, PrintStream out, PrintStream err,
            boolean terminal, String platform, AtomicBoolean cancel) {
        this.benchmarks = benchmarks;
        this.registry = registry;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.platform = platform;
        this.cancel = cancel;
        this.runs = new RunService(registry);
    }

    /** Sets where {@code train} finds its recipes (the OSGi application passes its service tracker). */
    public Cli withRecipes(Supplier<List<TrainingRecipe>> recipes) {
        this.recipes = recipes;
        return this;
    }

    /**
     * Sets the model registry {@code models} lists and {@code run}/{@code validate} resolve the steps' model
     * parameters with (default: the folders from properties and environment).
     */
    public Cli withModels(Supplier<ModelRegistry> models) {
        this.models = models;
        return this;
    }

    /** Sets the contributed subcommands (the OSGi application passes its service tracker). */
    public Cli withCommands(Supplier<List<CommandContribution>> commands) {
        this.commands = commands;
        return this;
    }

    /** Sets the importers {@code models import} chooses from (the OSGi application passes its service tracker). */
    public Cli withImporters(Supplier<List<ModelImporter>> importers) {
        this.importers = importers;
        return this;
    }

    /** Parses and executes; returns the exit code. */
    public int execute(String... args) {
        CommandLine cl = commandLine();
        if (args.length > 0 && !cl.getSubcommands().containsKey(args[0])) {
            for (CommandContribution c : commands.get()) {
                if (c.name().equals(args[0])) {
                    return contributed(c, List.of(args).subList(1, args.length));
                }
            }
        }
        for (CommandContribution c : commands.get()) {
            if (!cl.getSubcommands().containsKey(c.name())) {
                CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(c.name());
                spec.usageMessage().description(c.description());
                cl.addSubcommand(c.name(), spec);
            }
        }
        return cl.execute(args);
    }

    private int contributed(CommandContribution c, List<String> args) {
        try {
            return c.run(args, out, err, cancel);
        } catch (Exception | LinkageError e) {
            err.println("myoflow: internal error: " + e);
            e.printStackTrace(err);
            return ExitCodes.STEP_FAILED;
        }
    }

    private CommandLine commandLine() {
        CommandLine cl = new CommandLine(this, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls.getEnclosingClass() == Cli.class && !cls.isInterface()
                        && java.lang.reflect.Modifier.isStatic(cls.getModifiers())
                        && Callable.class.isAssignableFrom(cls) && cls != Version.class) {
                    return cls.getDeclaredConstructor(Cli.class).newInstance(Cli.this);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("myoflow: internal error: " + ex);
            ex.printStackTrace(err);
            return ExitCodes.STEP_FAILED;
        });
        return cl;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCodes.INVALID;
    }

    /** Options shared by {@code run} and {@code demo}. */
    static class RunArgs {
        @Option(names = { "-o", "--out" }, paramLabel = "DIR", description = "Output folder (default: "
                + "runs/<experiment>-<time>). It must not exist, unless --overwrite is given.")
        Path out;

        @Option(names = "--overwrite", description = "Replace the output folder if it holds an earlier run "
                + "(atomically: a crash leaves the old or the new complete folder). Never replaces a file or a "
                + "folder that is not a run folder.")
        boolean overwrite;

        @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE", description = "Override a parameter (repeatable).")
        Map<String, String> sets = new LinkedHashMap<>();

        @Option(names = "--seed", paramLabel = "N", description = "Override the experiment seed.")
        Long seed;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of CPUs; "
                + "more than the CPUs is reduced to their number).")
        Integer threads;

        @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline to run (default: the first).")
        String pipeline;

        @Option(names = "--cache", paramLabel = "DIR", description = "Result cache folder: re-runs recompute only "
                + "the nodes whose step, parameters, seed or inputs changed (default: $MYOFLOW_CACHE, else the lab "
                + "file's cache folder, else none).")
        Path cache;

        @Option(names = "--node-timeout", paramLabel = "DURATION", description = "Fail a node whose step runs "
                + "longer than this (exit 4), e.g. 30s, 5m, 1h, 500ms (default: no limit).")
        String nodeTimeout;
        @Option(names = "--max-memory", paramLabel = "SIZE", description = MAX_MEMORY_HELP)
        String maxMemory;

        @Option(names = "--allow-outside", description = "Let file parameters name files outside the experiment "
                + "file's folder (absolute paths, '..', symbolic links leading out); default: refused, unless "
                + "MYOFLOW_ALLOW_OUTSIDE=1.")
        boolean allowOutside;
    }

    static final String MAX_MEMORY_HELP = "The most memory the pipeline's results may need together, e.g. 2g "
            + "(k, m, g, t: powers of 1024); a larger plan is refused before any work (exit 2). Default: three "
            + "quarters of the Java heap; give Java more with MYOFLOW_JAVA_OPTS=-Xmx8g.";

    /** The --max-memory value in bytes (0 when not given); -1 after printing why it is invalid. */
    long maxMemory(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return MemorySize.parse(text);
        } catch (IllegalArgumentException e) {
            err.println("myoflow: --max-memory: " + e.getMessage());
            return -1;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "Validate, then run a pipeline; write results, run.json and report.html.")
    static final class Run implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (.myoflow).")
        Path file;

        @CommandLine.Mixin
        RunArgs args = new RunArgs();

        Run(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return cli.runFile(file, args, file);
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "Run the embedded demo: a Fuglevand pool driven by a trapezoid excitation (spike trains, force) and its surface EMG at an 8x8 array while the muscle length changes.")
    static final class Demo implements Callable<Integer> {
        private final Cli cli;

        @CommandLine.Mixin
        RunArgs args = new RunArgs();

        @Option(names = "--surrogate", description = "Run the variant whose MUAPs come from the neural surrogate "
                + "(model muap-surrogate-demo); its report also shows the same units from the numerical conductor.")
        boolean surrogate;

        Demo(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Path tmp;
            try (InputStream in = Cli.class.getResourceAsStream(DEMO_RESOURCE)) {
                if (in == null) {
                    cli.err.println("myoflow: the demo experiment is missing from the installation");
                    return ExitCodes.STEP_FAILED;
                }
                tmp = Files.createTempFile("myoflow-demo", ".myoflow");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                cli.err.println("myoflow: cannot unpack the demo: " + e.getMessage());
                return ExitCodes.STEP_FAILED;
            }
            try {
                if (surrogate) {
                    args.pipeline = "dynamic-surface-emg-surrogate";
                }
                if (args.out == null) {
                    args.out = Path.of(surrogate ? "myoflow-demo-surrogate" : "myoflow-demo");
                }
                return cli.runFile(tmp, args, null);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "Check a pipeline without running it: steps, ports, types, cycles, parameters.")
    static final class Validate implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (.myoflow).")
        Path file;

        @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE", description = "Override a parameter (repeatable).")
        Map<String, String> sets = new LinkedHashMap<>();

        @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline to check (default: all).")
        String pipeline;

        @Option(names = "--allow-outside", description = "Let file parameters name files outside the experiment "
                + "file's folder (absolute paths, '..', symbolic links leading out); default: refused, unless "
                + "MYOFLOW_ALLOW_OUTSIDE=1.")
        boolean allowOutside;

        @Option(names = "--specs", description = "Also print what each node's outputs carry (channels, units, "
                + "rate, motor units) and the estimated size of its results, as derived before any computation.")
        boolean specs;

        @Option(names = "--max-memory", paramLabel = "SIZE", description = MAX_MEMORY_HELP)
        String maxMemory;

        @Option(names = "--time", description = "Also print how long loading and checking took (without the "
                + "start of Java).")
        boolean time;

        Validate(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            long limit = cli.maxMemory(maxMemory);
            if (limit < 0) {
                return ExitCodes.INVALID;
            }
            RunRequest request = new RunRequest().experimentFile(file).pipeline(pipeline).setAll(sets)
                    .models(cli.models.get().resolver()).maxMemory(limit);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long t1 = t0;
            long c1 = c0;
            if (time) { // load separately to time both phases; a file that does not load is reported by validate
                try {
                    request.experiment(org.myoflow.core.experiment.ExperimentFiles.load(file));
                } catch (org.myoflow.core.data.DataException e) {
                    // validate below loads it again and reports the problem
                }
                t1 = System.nanoTime();
                c1 = threads.getCurrentThreadCpuTime();
            }
            if (allowOutside) {
                request.allowOutside(true);
            }
            Validation v = cli.runs.validate(request);
            if (time) {
                long t2 = System.nanoTime();
                long c2 = threads.getCurrentThreadCpuTime();
                cli.out.printf(java.util.Locale.ROOT, "%s: loaded and checked in %.2f s (loaded in %.2f s, checked "
                        + "in %.2f s; CPU time of this thread %.2f s)%n", file, (t2 - t0) / 1e9, (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9, c0 < 0 ? Double.NaN : (c2 - c0) / 1e9);
            }
            cli.printMessages(v.messages());
            for (Validation.PipelineCheck c : v.pipelines()) {
                if (c.valid()) {
                    cli.out.println(file + ": pipeline '" + org.myoflow.core.engine.Texts.escape(c.name()) + "' is valid (" + c.nodes() + " nodes, "
                            + c.connections() + " connections)");
                }
                if (specs) {
                    c.specs().forEach((node, ports) -> {
                        ports.forEach((port, spec) -> cli.out.println("  " + node + "." + port + ": " + spec));
                        Long bytes = c.sizes().get(node);
                        if (bytes != null && bytes > 0) {
                            cli.out.println("  " + node + ": results about " + MemorySize.format(bytes));
                        }
                    });
                    long total = c.sizes().values().stream().mapToLong(Long::longValue)
                            .reduce(0, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    cli.out.println("  pipeline '" + org.myoflow.core.engine.Texts.escape(c.name())
                            + "': results about " + MemorySize.format(total) + " in all");
                }
                if (!c.valid()) {
                    cli.err.println(file + ": pipeline '" + org.myoflow.core.engine.Texts.escape(c.name()) + "' is invalid:");
                    c.problems().forEach(pr -> cli.err.println("  " + pr));
                }
            }
            return v.exitCode();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "Check that a run folder is complete: every file listed in its run.json "
            + "is there with its SHA-256, and nothing else is (exit 0 complete, 3 not).")
    static final class Verify implements Callable<Integer> {
        private final Cli cli;

        @Parameters(arity = "1..*", paramLabel = "RUNDIR", description = "Run folder (holding run.json); several "
                + "may be given (exit 3 when any is incomplete).")
        List<Path> folders;

        Verify(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            int rejected = 0;
            for (Path folder : folders) {
                List<String> problems = RunFolders.verify(folder);
                if (problems.isEmpty()) {
                    cli.out.println(folder + ": complete (every file matches run.json)");
                } else {
                    rejected++;
                    problems.forEach(pr -> cli.err.println("myoflow: " + pr));
                }
            }
            if (folders.size() > 1) {
                cli.out.println(rejected + " of " + folders.size() + " run folders rejected");
            }
            return rejected == 0 ? ExitCodes.OK : ExitCodes.BAD_DATA;
        }
    }

    @Command(name = "steps", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "List the installed steps.")
    static final class Steps implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print the full descriptors as JSON.")
        boolean json;

        Steps(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<RegisteredStep> steps = cli.registry.steps();
            if (json) {
                List<Object> list = new ArrayList<>();
                for (RegisteredStep s : steps) {
                    list.add(describe(s));
                }
                cli.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                        .serializeSpecialFloatingPointValues().create().toJson(list));
                return ExitCodes.OK;
            }
            for (RegisteredStep s : steps) {
                StepDescriptor d = s.descriptor();
                cli.out.printf("%-45s %-7s %-28s %s%n", d.id(), d.version(), d.category(), d.name());
            }
            cli.out.println(steps.size() + " step(s) installed");
            return ExitCodes.OK;
        }

        private static Map<String, Object> describe(RegisteredStep s) {
            StepDescriptor d = s.descriptor();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("version", d.version());
            m.put("name", d.name());
            m.put("category", d.category());
            m.put("description", d.description());
            m.put("references", d.references());
            m.put("bundle", s.bundleName());
            m.put("bundleVersion", s.bundleVersion());
            m.put("inputs", d.inputs().stream().map(Steps::port).toList());
            m.put("outputs", d.outputs().stream().map(Steps::port).toList());
            List<Object> ps = new ArrayList<>();
            for (ParameterSpec p : d.parameters().specs()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
                pm.put("unit", p.unit());
                pm.put("default", p.defaultValue());
                if (Double.isFinite(p.min())) {
                    pm.put("min", p.min());
                }
                if (Double.isFinite(p.max())) {
                    pm.put("max", p.max());
                }
                if (!p.literals().isEmpty()) {
                    pm.put("literals", p.literals());
                }
                pm.put("required", p.required());
                if (p.appliesWhen() != null) {
                    Map<String, Object> when = new LinkedHashMap<>();
                    when.put("parameter", p.appliesWhen().parameter());
                    when.put("values", p.appliesWhen().values());
                    pm.put("appliesWhen", when);
                }
                if (p.channelOf() != null) {
                    pm.put("channelOf", p.channelOf());
                }
                if (p.model()) {
                    pm.put("model", true); // names a model in the model registry
                }
                pm.put("description", p.description());
                ps.add(pm);
            }
            m.put("parameters", ps);
            return m;
        }

        private static Map<String, Object> port(PortSpec p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type().id());
            m.put("optional", p.optional());
            m.put("description", p.description());
            return m;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, description = "Run a benchmark suite and print its figures (no SUITE: list the suites).")
    static final class Bench implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "Suite name.")
        String suite;

        @Option(names = "--quick", description = "The small variant (seconds).")
        boolean quick;

        @Option(names = "--json", description = "Print the figures as one JSON object on the last line.")
        boolean json;

        Bench(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<BenchmarkSuite> all = new ArrayList<>(cli.benchmarks.get());
            all.sort(java.util.Comparator.comparing(BenchmarkSuite::name));
            if (suite == null) {
                all.forEach(b -> cli.out.printf("%-14s %s%n", b.name(), b.description()));
                cli.out.println(all.stream().map(BenchmarkSuite::name).distinct().count()
                        + " benchmark suite(s) installed");
                return ExitCodes.OK;
            }
            // several bundles may contribute cases to one suite name (e.g. the surrogate adds its dynamic case to
            // 'synthesis'): they run one after the other and their figures are merged
            List<BenchmarkSuite> named = all.stream().filter(x -> x.name().equals(suite))
                    .sorted(java.util.Comparator.comparing(x -> x.getClass().getName())).toList();
            if (named.isEmpty()) {
                cli.err.println("myoflow: no benchmark suite '" + suite + "'; installed: "
                        + all.stream().map(BenchmarkSuite::name).toList());
                return ExitCodes.INVALID;
            }
            org.myoflow.core.spi.Progress progress = new org.myoflow.core.spi.Progress() {
                @Override
                public void update(double fraction, String message) {
                    if (message != null) {
                        cli.err.printf(java.util.Locale.ROOT, "myoflow: bench %s %3.0f%% %s%n", suite,
                                100 * fraction, message);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return cli.cancel.get();
                }
            };
            try {
                Map<String, Object> all2 = new LinkedHashMap<>();
                all2.put("suite", suite);
                all2.put("quick", quick);
                for (BenchmarkSuite b : named) {
                    all2.putAll(b.run(quick, cli.out, progress));
                }
                if (json) {
                    cli.out.println(new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
                            .create().toJson(all2));
                }
                return ExitCodes.OK;
            } catch (CancellationException e) {
                cli.err.println("myoflow: cancelled");
                return ExitCodes.CANCELLED;
            } catch (RealDataBenchmark.UnknownPart e) {
                cli.err.println("myoflow: bench " + suite + ": " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (Exception e) {
                cli.err.println("myoflow: benchmark " + suite + " failed: " + e);
                return ExitCodes.STEP_FAILED;
            }
        }
    }

    /** Reports the version of the cli bundle. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Package p = Cli.class.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return new String[] { "Myoflow " + (v == null ? "0.1.0" : v) };
        }
    }

    // ---- shared logic -------------------------------------------------------------------------------------

    /**
     * {@code run} and {@code demo}: argument checks here, everything else in the {@link RunService}; progress on
     * stderr, the outcome's summary on stdout, its messages on stderr.
     */
    int runFile(Path file, RunArgs a, Path recordedFile) {
        if (a.threads != null && a.threads < 1) {
            err.println("myoflow: --threads must be at least 1 (got " + a.threads + ")");
            return ExitCodes.INVALID;
        }
        java.time.Duration nodeTimeout = null;
        if (a.nodeTimeout != null) {
            nodeTimeout = parseDuration(a.nodeTimeout);
            if (nodeTimeout == null) {
                err.println("myoflow: --node-timeout must be a positive duration such as 30s, 5m, 1h or 500ms (got '"
                        + a.nodeTimeout.replaceAll("\\p{Cntrl}", "?") + "')");
                return ExitCodes.INVALID;
            }
        }
        long limit = maxMemory(a.maxMemory);
        if (limit < 0) {
            return ExitCodes.INVALID;
        }
        Integer threads = a.threads;
        if (threads != null && threads > RunService.maxThreads()) {
            err.println("myoflow: warning: --threads " + threads + " is more than the " + RunService.maxThreads()
                    + " processors of this machine; using " + RunService.maxThreads());
            threads = RunService.maxThreads();
        }
        String env = System.getenv("MYOFLOW_CACHE");
        Path cacheDir = a.cache != null ? a.cache : env == null || env.isBlank() ? LabCommand.labCache() : Path.of(env);
        RunRequest request = new RunRequest().experimentFile(file).recordedFile(recordedFile).pipeline(a.pipeline)
                .setAll(a.sets).seed(a.seed).threads(threads).cacheFolder(cacheDir).outFolder(a.out).overwrite(a.overwrite)
                .nodeTimeout(nodeTimeout).cancellation(cancel).platform(platform).models(models.get().resolver())
                .maxMemory(limit)
                .listener(p -> new ConsoleProgress(err, terminal, p.getNodes().size()));
        if (a.allowOutside) {
            request.allowOutside(true);
        }
        RunOutcome o = runs.run(request);
        if (o.ok()) {
            out.println(o.summary() + " (report.html, " + RunFolder.RUN_JSON + ")");
        } else {
            printMessages(o.messages());
            if (o.status() == RunOutcome.Status.STEP_FAILED && o.cause() != null
                    && System.getProperty("myoflow.debug") != null) {
                o.cause().printStackTrace(err);
            }
        }
        return o.exitCode();
    }

    /**
     * A positive duration: a number with a unit {@code ms}, {@code s}, {@code m} (or {@code min}), {@code h}
     * ({@code 30s}, {@code 1.5m}), a plain number of seconds, or ISO-8601 ({@code PT30S}); null when it is none.
     */
    public static java.time.Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        java.time.Duration d;
        try {
            if (t.startsWith("p")) {
                d = java.time.Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } else {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(ms|s|sec|m|min|h)?").matcher(t);
                if (!m.matches()) {
                    return null;
                }
                java.math.BigDecimal v = new java.math.BigDecimal(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                long perUnitMs = switch (unit) {
                    case "ms" -> 1;
                    case "s", "sec" -> 1_000;
                    case "m", "min" -> 60_000;
                    default -> 3_600_000;
                };
                java.math.BigDecimal ms = v.multiply(java.math.BigDecimal.valueOf(perUnitMs));
                if (ms.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
                    return null;
                }
                d = java.time.Duration.ofMillis(ms.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
            }
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            return null;
        }
        return d.isZero() || d.isNegative() ? null : d;
    }

    private void printMessages(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            err.println(i == 0 ? "myoflow: " + lines.get(i) : lines.get(i));
        }
    }
}
