package org.myoflow.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.myoflow.core.data.DataException;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.InvalidPipelineException;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.ResultCache;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;
import org.myoflow.io.DiskResultCache;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.report.RunFolder;

import com.google.gson.GsonBuilder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The headless command line: {@code run}, {@code validate}, {@code steps}, {@code demo}, {@code bench},
 * {@code muap}, {@code models}, {@code train}. Independent of the
 * OSGi application wrapper so it can be tested with any {@link StepRegistry}.
 */
@Command(name = "myoflow", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Runs Myoflow experiment pipelines headless.",
        subcommands = { Cli.Run.class, Cli.Validate.class, Cli.Steps.class, Cli.Demo.class, Cli.Bench.class,
            MuapCommand.class, ModelsCommand.class, TrainCommand.class, InspectCommand.class,
            ConvertCommand.class },
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
    final Supplier<List<BenchmarkSuite>> benchmarks;
    Supplier<List<TrainingRecipe>> recipes = List::of;
    Supplier<ModelRegistry> models = ModelRegistry::fromEnvironment;

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
    }

    /** Sets where {@code train} finds its recipes (the OSGi application passes its service tracker). */
    public Cli withRecipes(Supplier<List<TrainingRecipe>> recipes) {
        this.recipes = recipes;
        return this;
    }

    /** Sets the model registry {@code models} lists (default: the folders from properties and environment). */
    public Cli withModels(Supplier<ModelRegistry> models) {
        this.models = models;
        return this;
    }

    /** Parses and executes; returns the exit code. */
    public int execute(String... args) {
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
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCodes.INVALID;
    }

    /** Options shared by {@code run} and {@code demo}. */
    static class RunArgs {
        @Option(names = { "-o", "--out" }, paramLabel = "DIR", description = "Output folder (default: runs/<experiment>-<time>).")
        Path out;

        @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE", description = "Override a parameter (repeatable).")
        Map<String, String> sets = new LinkedHashMap<>();

        @Option(names = "--seed", paramLabel = "N", description = "Override the experiment seed.")
        Long seed;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of CPUs).")
        Integer threads;

        @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline to run (default: the first).")
        String pipeline;

        @Option(names = "--cache", paramLabel = "DIR", description = "Result cache folder: re-runs recompute only "
                + "the nodes whose step, parameters, seed or inputs changed (default: $MYOFLOW_CACHE, else none).")
        Path cache;
    }

    @Command(name = "run", description = "Validate, then run a pipeline; write results, run.json and report.html.")
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

    @Command(name = "demo", description = "Run the embedded demo: a Fuglevand pool driven by a trapezoid excitation (spike trains, force) and its surface EMG at an 8x8 array while the muscle length changes.")
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

    @Command(name = "validate", description = "Check a pipeline without running it: steps, ports, types, cycles, parameters.")
    static final class Validate implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (.myoflow).")
        Path file;

        @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE", description = "Override a parameter (repeatable).")
        Map<String, String> sets = new LinkedHashMap<>();

        @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline to check (default: all).")
        String pipeline;

        Validate(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Experiment e = cli.load(file);
            if (e == null) {
                return ExitCodes.INVALID;
            }
            Engine engine = new Engine(cli.registry);
            RunOptions opts = new RunOptions().baseDirectory(baseDir(file));
            sets.forEach(opts::set);
            int bad = 0;
            List<Pipeline> pipelines = pipeline == null ? e.getPipelines() : List.of(cli.pipeline(e, pipeline));
            if (pipelines.isEmpty() || pipelines.get(0) == null) {
                cli.err.println(file + ": " + (pipeline == null ? "the experiment has no pipeline"
                        : "no pipeline named '" + pipeline + "'"));
                return ExitCodes.INVALID;
            }
            for (Pipeline p : pipelines) {
                List<ValidationProblem> problems = engine.validate(e, p, opts);
                if (problems.isEmpty()) {
                    cli.out.println(file + ": pipeline '" + p.getName() + "' is valid (" + p.getNodes().size()
                            + " nodes, " + p.getConnections().size() + " connections)");
                } else {
                    bad++;
                    cli.err.println(file + ": pipeline '" + p.getName() + "' is invalid:");
                    problems.forEach(pr -> cli.err.println("  " + pr));
                }
            }
            return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
        }
    }

    @Command(name = "steps", description = "List the installed steps.")
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

    @Command(name = "bench", description = "Run a benchmark suite and print its figures (no SUITE: list the suites).")
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

    Experiment load(Path file) {
        try {
            return ExperimentFiles.load(file);
        } catch (DataException e) {
            err.println("myoflow: cannot load experiment: " + e.getMessage());
            return null;
        }
    }

    Pipeline pipeline(Experiment e, String name) {
        if (name == null) {
            return e.getPipelines().isEmpty() ? null : e.getPipelines().get(0);
        }
        return e.getPipelines().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
    }

    static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    int runFile(Path file, RunArgs a, Path recordedFile) {
        Experiment e = load(file);
        if (e == null) {
            return ExitCodes.INVALID;
        }
        Pipeline p = pipeline(e, a.pipeline);
        if (p == null) {
            err.println("myoflow: " + file + ": " + (a.pipeline == null ? "the experiment has no pipeline"
                    : "no pipeline named '" + a.pipeline + "'"));
            return ExitCodes.INVALID;
        }
        RunOptions opts = new RunOptions().baseDirectory(baseDir(file)).seed(a.seed).cancellation(cancel);
        if (a.threads != null) {
            if (a.threads < 1) {
                err.println("myoflow: --threads must be at least 1");
                return ExitCodes.INVALID;
            }
            opts.threads(a.threads);
        }
        a.sets.forEach(opts::set);
        opts.listener(new ConsoleProgress(err, terminal, p.getNodes().size()));
        Path outDir = a.out != null ? a.out : Path.of("runs", safe(e.getName()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        long t0 = System.nanoTime();
        RunResult result;
        try {
            opts.scratchDirectory(Files.createTempDirectory("myoflow-scratch"));
            Path cacheDir = a.cache != null ? a.cache
                    : System.getenv("MYOFLOW_CACHE") == null || System.getenv("MYOFLOW_CACHE").isBlank() ? null
                            : Path.of(System.getenv("MYOFLOW_CACHE"));
            ResultCache cache = cacheDir == null ? ResultCache.NONE : new DiskResultCache(cacheDir);
            result = new Engine(registry, cache).run(e, p, opts);
        } catch (InvalidPipelineException ex) {
            err.println("myoflow: " + file + ": pipeline '" + p.getName() + "' is invalid:");
            ex.problems().forEach(pr -> err.println("  " + pr));
            return ExitCodes.INVALID;
        } catch (NodeFailedException ex) {
            err.println("myoflow: " + ex.getMessage());
            if (!ex.isDataError() && System.getProperty("myoflow.debug") != null) {
                ex.getCause().printStackTrace(err);
            }
            return ex.isDataError() ? ExitCodes.BAD_DATA : ExitCodes.STEP_FAILED;
        } catch (CancellationException ex) {
            err.println("myoflow: cancelled");
            return ExitCodes.CANCELLED;
        } catch (IOException ex) {
            err.println("myoflow: cannot create a scratch folder: " + ex.getMessage());
            return ExitCodes.STEP_FAILED;
        }
        try {
            Path runJson = RunFolder.write(result, outDir, recordedFile, platform);
            double s = (System.nanoTime() - t0) / 1e9;
            long cached = result.nodes().stream().filter(n -> n.fromCache()).count();
            out.printf(java.util.Locale.ROOT, "Ran '%s' (%d nodes%s) in %.2f s; results in %s (report.html, %s)%n",
                    p.getName(), result.nodes().size(), cached == 0 ? "" : ", " + cached + " from cache", s,
                    outDir.toAbsolutePath().normalize(), runJson.getFileName());
            return ExitCodes.OK;
        } catch (IOException | RuntimeException ex) {
            err.println("myoflow: cannot write results to " + outDir + ": " + ex);
            return ExitCodes.STEP_FAILED;
        }
    }

    private static String safe(String name) {
        String n = name == null || name.isBlank() ? "experiment" : name;
        return n.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
