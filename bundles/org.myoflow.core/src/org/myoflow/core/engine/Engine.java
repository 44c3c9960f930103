package org.myoflow.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Digests;
import org.myoflow.core.internal.NodeContext;
import org.myoflow.core.internal.Planner;
import org.myoflow.core.internal.Planner.Plan;
import org.myoflow.core.internal.Planner.PlannedNode;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;

/**
 * Validates and runs pipelines: validation before any work, topological execution with independent nodes in
 * parallel on a bounded pool, progress and cancellation, per-node seeds derived from the experiment seed and the
 * node id, and a result cache keyed by step, version, parameters, seed, input digests and the SHA-256 of the model
 * files a node uses.
 *
 * @since 0.1
 */
public final class Engine {

    private final StepRegistry registry;
    private final ResultCache cache;

    public Engine(StepRegistry registry) {
        this(registry, ResultCache.NONE);
    }

    public Engine(StepRegistry registry, ResultCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    public StepRegistry registry() {
        return registry;
    }

    /** Every problem that would stop the pipeline from running; empty when it is valid. Does no work. */
    public List<ValidationProblem> validate(Experiment experiment, Pipeline pipeline, RunOptions options) {
        List<ValidationProblem> problems = new ArrayList<>();
        new Planner(registry).withPipelines(new Subs(experiment, List.of(pipeline.getName()), options))
                .check(experiment, pipeline, options, problems, new LinkedHashMap<>(), new LinkedHashMap<>());
        return problems;
    }

    /**
     * Validates and configures a pipeline without running anything: the problems (empty when valid) and what
     * each node's outputs carry, for every node that could be configured (also when others are invalid).
     */
    public Configuration configure(Experiment experiment, Pipeline pipeline, RunOptions options) {
        List<ValidationProblem> problems = new ArrayList<>();
        Map<String, Map<String, DataSpec>> specs = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        new Planner(registry).withPipelines(new Subs(experiment, List.of(pipeline.getName()), options))
                .check(experiment, pipeline, options, problems, specs, sizes);
        return new Configuration(specs, problems, sizes);
    }

    /** The seed a node gets for a given experiment seed (stable across versions and machines). */
    public static long nodeSeed(long experimentSeed, String nodeId) {
        return Planner.deriveSeed(experimentSeed, nodeId);
    }

    /**
     * Runs a pipeline.
     *
     * @throws InvalidPipelineException when validation fails (nothing ran)
     * @throws NodeFailedException      when a step failed (running nodes were cancelled)
     * @throws CancellationException    when the run was cancelled through the options' flag
     */
    public RunResult run(Experiment experiment, Pipeline pipeline, RunOptions options)
            throws InvalidPipelineException, NodeFailedException {
        return run(experiment, pipeline, options, List.of(pipeline.getName()));
    }

    /** Runs a pipeline that {@code chain} (the calling pipelines, then this one) runs per trial. */
    private RunResult run(Experiment experiment, Pipeline pipeline, RunOptions options, List<String> chain)
            throws InvalidPipelineException, NodeFailedException {
        List<ValidationProblem> problems = new ArrayList<>();
        Subs subs = new Subs(experiment, chain, options);
        Plan plan = new Planner(registry).withPipelines(subs).plan(experiment, pipeline, options, problems);
        if (plan == null) {
            throw new InvalidPipelineException(problems);
        }
        Instant started = Instant.now();
        Path scratch = scratchRoot(options);
        List<NodeResult> results = execute(plan, options, scratch, subs);
        return new RunResult(experiment.getName(), pipeline.getName(), plan.digest(), plan.seed(), options.threads(),
                started, Instant.now(), results);
    }

    /** How long a failed run waits for its other running nodes to stop before it abandons them. */
    static final long ABANDON_AFTER_MS = 3_000;
    /** How often the run checks the node time limit. */
    private static final long WATCH_MS = 50;

    /** A node whose step is running: its worker thread and when the step started. */
    private record Active(Thread thread, long startedNanos) {
    }

    /** What one run shares with its worker threads. */
    private static final class RunState {
        /** Nodes whose step is running, by id; also the lock for interrupting their threads. */
        final Map<String, Active> active = new HashMap<>();
        /**
         * Heap set aside for the out-of-memory report: released when a node runs out of memory, so the message can
         * be built and the run unwound even when the heap is full of live data.
         */
        volatile byte[] reserve = new byte[1 << 20];
        /** The experiment's other pipelines, for nodes that run one per trial. */
        Subs subs;
    }

    private List<NodeResult> execute(Plan plan, RunOptions options, Path scratch, Subs subs)
            throws NodeFailedException {
        Map<String, PlannedNode> byId = new LinkedHashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        for (PlannedNode n : plan.order()) {
            byId.put(n.id(), n);
            long ups = n.inputs().values().stream().map(Planner.PortRef::node).distinct().count();
            waiting.put(n.id(), (int) ups);
            n.inputs().values().stream().map(Planner.PortRef::node).distinct()
                    .forEach(u -> downstream.computeIfAbsent(u, k -> new ArrayList<>()).add(n.id()));
        }
        Map<String, NodeResult> done = new HashMap<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "myoflow-worker-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<NodeResult> cs = new ExecutorCompletionService<>(pool);
        Map<Future<NodeResult>, PlannedNode> submitted = new HashMap<>();
        RunState state = new RunState();
        state.subs = subs;
        long limitNanos = options.nodeTimeout() == null ? 0 : options.nodeTimeout().toNanos();
        NodeFailedException failure = null;
        long abandonAt = 0;
        int running = 0;
        try {
            for (PlannedNode n : plan.order()) {
                if (waiting.get(n.id()) == 0) {
                    submit(cs, submitted, n, done, options, scratch, state);
                    running++;
                }
            }
            while (running > 0) {
                Future<NodeResult> f;
                NodeResult r;
                try {
                    if (limitNanos == 0 && failure == null) {
                        f = cs.take();
                    } else {
                        f = cs.poll(WATCH_MS, TimeUnit.MILLISECONDS);
                        if (f == null) {
                            if (failure == null && !options.cancellation().get()) {
                                failure = overdue(state, byId, limitNanos, options.nodeTimeout());
                                if (failure != null) {
                                    options.cancellation().set(true);
                                    abandonAt = System.nanoTime() + ABANDON_AFTER_MS * 1_000_000;
                                    dropResults(done);
                                }
                            } else if (failure == null && abandonAt == 0) {
                                // cancelled while a time limit is set: the running steps get the same grace
                                abandonAt = System.nanoTime() + ABANDON_AFTER_MS * 1_000_000;
                            } else if (System.nanoTime() - abandonAt > 0) {
                                break; // steps that ignore both the interrupt and the cancellation are abandoned
                            }
                            continue;
                        }
                    }
                    PlannedNode node = submitted.remove(f);
                    try {
                        r = f.get();
                    } catch (ExecutionException e) {
                        running--;
                        Throwable cause = e.getCause();
                        if (cause instanceof CancellationException) {
                            continue;
                        }
                        if (failure == null) {
                            failure = cause instanceof NodeFailedException nfe ? nfe : failed(node, cause);
                            options.cancellation().set(true);
                            abandonAt = System.nanoTime() + ABANDON_AFTER_MS * 1_000_000;
                            dropResults(done);
                        }
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    options.cancellation().set(true);
                    throw new CancellationException("interrupted");
                }
                running--;
                if (failure == null) {
                    synchronized (done) {
                        done.put(r.nodeId(), r);
                    }
                }
                options.listener().nodeFinished(r);
                if (failure != null || options.cancellation().get()) {
                    continue;
                }
                for (String d : downstream.getOrDefault(r.nodeId(), List.of())) {
                    if (waiting.merge(d, -1, Integer::sum) == 0) {
                        submit(cs, submitted, byId.get(d), done, options, scratch, state);
                        running++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure != null) {
            throw failure;
        }
        if (options.cancellation().get()) {
            throw new CancellationException("run cancelled");
        }
        List<NodeResult> ordered = new ArrayList<>();
        for (PlannedNode n : plan.order()) {
            ordered.add(done.get(n.id()));
        }
        return ordered;
    }

    /** After a failure nothing downstream runs: let go of the finished nodes' outputs (the heap may be short). */
    private static void dropResults(Map<String, NodeResult> done) {
        synchronized (done) {
            done.clear();
        }
    }

    /**
     * The first node whose step has run longer than the limit, as a failure (its thread interrupted), or null.
     */
    private static NodeFailedException overdue(RunState state, Map<String, PlannedNode> byId, long limitNanos,
            Duration limit) {
        if (limitNanos == 0) {
            return null;
        }
        long now = System.nanoTime();
        synchronized (state.active) {
            for (Map.Entry<String, Active> e : state.active.entrySet()) {
                Active a = e.getValue();
                if (now - a.startedNanos() < limitNanos) {
                    continue;
                }
                PlannedNode n = byId.get(e.getKey());
                StackTraceElement[] stack = a.thread().getStackTrace();
                a.thread().interrupt();
                String at = stepFrame(stack);
                TimeoutException cause = new TimeoutException("node '" + n.id() + "' ran longer than "
                        + format(limit));
                cause.setStackTrace(stack); // where the step was (shown with -Dmyoflow.debug)
                return new NodeFailedException(n.id(), n.step().descriptor().id(), bundle(n.step()),
                        "exceeded the node time limit of " + format(limit) + " (--node-timeout)"
                                + (at == null ? "" : " while at " + at)
                                + "; it was interrupted and the run cancelled",
                        cause);
            }
        }
        return null;
    }

    /** The innermost frame outside the JDK and the engine: where a step's own code was. */
    private static String stepFrame(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")
                    && !c.startsWith("org.myoflow.core.engine.") && !c.startsWith("org.myoflow.core.internal.")) {
                return f.toString();
            }
        }
        return stack.length == 0 ? null : stack[0].toString();
    }

    /** A duration the way {@code --node-timeout} takes it: {@code 30 s}, {@code 1.5 s}, {@code 5 min}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** "name version" of the bundle that contributed a step, "" outside OSGi. */
    private static String bundle(RegisteredStep s) {
        return s.bundleName() == null || s.bundleName().isBlank() ? ""
                : (s.bundleName() + " " + s.bundleVersion()).trim();
    }

    /** A failure that escaped {@link #runNode} (only an error raised while reporting another one). */
    private static NodeFailedException failed(PlannedNode n, Throwable cause) {
        if (n == null) {
            return new NodeFailedException("?", "?", cause);
        }
        if (cause instanceof OutOfMemoryError oom) {
            return outOfMemory(n, oom);
        }
        return new NodeFailedException(n.id(), n.step().descriptor().id(), bundle(n.step()), cause);
    }

    /**
     * {@code node 'X' (step, bundle) ran out of memory: N MB in use of M MB max; raise it with
     * MYOFLOW_JAVA_OPTS=-Xmx...}.
     */
    static NodeFailedException outOfMemory(PlannedNode n, OutOfMemoryError e) {
        Runtime rt = Runtime.getRuntime();
        long mb = 1024 * 1024;
        long used = (rt.totalMemory() - rt.freeMemory()) / mb;
        long max = rt.maxMemory() / mb;
        long suggestGb = Math.max(2, (2 * rt.maxMemory() + 1024 * mb - 1) / (1024 * mb));
        String what = "ran out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ": " + used + " MB in use of " + max
                + " MB max; raise the limit with MYOFLOW_JAVA_OPTS=-Xmx" + suggestGb + "g (or make the node's "
                + "input smaller)";
        return new NodeFailedException(n.id(), n.step().descriptor().id(), bundle(n.step()), what, e);
    }

    private void submit(CompletionService<NodeResult> cs, Map<Future<NodeResult>, PlannedNode> submitted,
            PlannedNode n, Map<String, NodeResult> done, RunOptions options, Path scratch, RunState state) {
        Map<String, Data> inputs = new LinkedHashMap<>();
        synchronized (done) {
            n.inputs().forEach((port, ref) -> inputs.put(port, done.get(ref.node()).outputs().get(ref.port())));
        }
        submitted.put(cs.submit(() -> runNode(n, inputs, options, scratch, state)), n);
    }

    private NodeResult runNode(PlannedNode n, Map<String, Data> inputs, RunOptions options, Path scratch,
            RunState state) throws NodeFailedException {
        StepDescriptor d = n.step().descriptor();
        String key = cacheKey(n, inputs, options.trial(), state.subs);
        RunListener listener = options.listener();
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return result(n, key, true, 0, cached.get());
        }
        if (options.cancellation().get()) {
            throw new CancellationException("run cancelled");
        }
        listener.nodeStarted(n.id(), d.id());
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                listener.nodeProgress(n.id(), Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public boolean isCancelled() {
                return options.cancellation().get();
            }
        };
        long t0 = System.nanoTime();
        synchronized (state.active) {
            state.active.put(n.id(), new Active(Thread.currentThread(), t0));
        }
        NodeContext ctx = null;
        try {
            Path dir = Files.createDirectories(scratch.resolve(n.id()));
            ctx = new NodeContext(n.id(), d, inputs, n.parameters(), n.seed(), progress, dir)
                    .withModels(n.models(), options.models()).withSubRuns(options.trial(), state.subs);
            n.step().provider().createStep().run(ctx);
            Map<String, Data> outputs = ctx.completedOutputs();
            checkDeclaredOutputs(n, outputs);
            cache.put(key, outputs);
            return result(n, key, false, (System.nanoTime() - t0) / 1_000_000, outputs);
        } catch (CancellationException e) {
            if (options.cancellation().get()) {
                throw e;
            }
            // not the run being cancelled (e.g. a Future inside the step): a failure, or the run would
            // "succeed" without this node's outputs
            throw new NodeFailedException(n.id(), d.id(), bundle(n.step()), e);
        } catch (OutOfMemoryError e) {
            // let go of what the step produced and of the reserve before building the report
            ctx = null;
            inputs.clear();
            state.reserve = null;
            throw outOfMemory(n, e);
        } catch (Throwable e) { // Errors too (StackOverflowError, AssertionError, ...): a plug-in's bug fails its node
            throw new NodeFailedException(n.id(), d.id(), bundle(n.step()), e);
        } finally {
            synchronized (state.active) {
                state.active.remove(n.id());
            }
        }
    }

    /** A step whose output contradicts the spec it declared during validation has a bug: fail the node. */
    private static void checkDeclaredOutputs(PlannedNode n, Map<String, Data> outputs) {
        for (Map.Entry<String, DataSpec> e : n.outputSpecs().entrySet()) {
            Data d = outputs.get(e.getKey());
            if (d == null) {
                continue;
            }
            List<String> bad = e.getValue().mismatches(DataSpec.of(d));
            if (!bad.isEmpty()) {
                throw new IllegalStateException("step " + n.step().descriptor().id() + " output '" + e.getKey()
                        + "' contradicts what it declared before the run: " + String.join("; ", bad));
            }
        }
    }

    private static NodeResult result(PlannedNode n, String key, boolean cached, long ms, Map<String, Data> out) {
        RegisteredStep s = n.step();
        return new NodeResult(n.id(), s.descriptor().id(), s.descriptor().version(), s.bundleName(),
                s.bundleVersion(), n.parameters(), n.seed(), key, cached, ms, n.inputFiles(), out, n.models());
    }

    private static String cacheKey(PlannedNode n, Map<String, Data> inputs, org.myoflow.core.data.Trial trial,
            Subs subs) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("step", n.step().descriptor().id());
        k.put("version", n.step().descriptor().version());
        k.put("bundleVersion", n.step().bundleVersion());
        k.put("parameters", n.parameters());
        k.put("seed", n.seed());
        Map<String, Object> in = new LinkedHashMap<>();
        inputs.forEach((port, data) -> in.put(port, data.digest()));
        k.put("inputs", in);
        k.put("files", n.inputFiles());
        if (!n.models().isEmpty()) { // absent for nodes without models: their keys stay as they were
            k.put("models", modelDigests(n));
        }
        if (trial != null) { // absent outside a map: top-level keys stay as they were
            k.put("trial", trial.digest());
        }
        if (n.step().provider() instanceof org.myoflow.core.spi.SubPipelineStep sp && subs != null) {
            String name = sp.pipeline(n.parameters());
            k.put("subPipeline", name + ":" + subs.digest(name));
        }
        return Digests.sha256(Digests.canonical(k));
    }

    /** The SHA-256 of each model file a node uses, by model name: what retraining a model changes. */
    private static Map<String, Object> modelDigests(PlannedNode n) {
        Map<String, Object> m = new java.util.TreeMap<>();
        n.models().forEach((name, f) -> m.put(name, f.sha256()));
        return m;
    }

    private static Path scratchRoot(RunOptions options) {
        try {
            if (options.scratchDirectory() != null) {
                return Files.createDirectories(options.scratchDirectory());
            }
            return Files.createTempDirectory("myoflow-run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
        }
    }

    /** The experiment's pipelines as sub-pipelines of a run whose pipelines {@code chain} lists. */
    private final class Subs implements org.myoflow.core.spi.SubPipelines {

        private final Experiment experiment;
        private final List<String> chain;
        private final RunOptions options;
        private final AtomicInteger scratchNo = new AtomicInteger();

        Subs(Experiment experiment, List<String> chain, RunOptions options) {
            this.experiment = experiment;
            this.chain = List.copyOf(chain);
            this.options = options;
        }

        @Override
        public List<String> names() {
            return experiment.getPipelines().stream().map(Pipeline::getName).toList();
        }

        private Pipeline find(String name) {
            for (Pipeline p : experiment.getPipelines()) {
                if (p.getName() != null && p.getName().equals(name)) {
                    return p;
                }
            }
            return null;
        }

        private List<String> chainWith(String name) {
            List<String> c = new ArrayList<>(chain);
            c.add(name);
            return c;
        }

        /** Options for one sub-run: the run's settings without its --set overrides, one thread, the trial bound. */
        private RunOptions child(org.myoflow.core.data.Trial trial) {
            RunOptions o = new RunOptions().baseDirectory(options.baseDirectory()).seed(options.seed()).threads(1)
                    .cancellation(options.cancellation()).models(options.models())
                    .nodeTimeout(options.nodeTimeout()).maxMemory(options.maxMemory())
                    .allowOutside(options.allowOutside()).trial(trial);
            if (options.scratchDirectory() != null) {
                o.scratchDirectory(options.scratchDirectory().resolve("sub-" + scratchNo.incrementAndGet()));
            }
            return o;
        }

        @Override
        public List<String> check(String name) {
            Pipeline p = find(name);
            if (p == null) {
                return List.of("no pipeline " + Texts.quote(name) + " in the experiment (pipelines: "
                        + String.join(", ", names()) + ")");
            }
            if (chain.contains(name)) {
                return List.of("pipeline " + Texts.quote(name) + " would run itself (" + String.join(" -> ",
                        chainWith(name)) + ")");
            }
            List<ValidationProblem> problems = new ArrayList<>();
            new Planner(registry).withPipelines(new Subs(experiment, chainWith(name), options)).check(experiment, p,
                    child(null), problems, new LinkedHashMap<>(), new LinkedHashMap<>());
            return problems.stream().map(pr -> "pipeline " + Texts.quote(name) + ": " + pr).toList();
        }

        /** The plan digest of a pipeline (what its results depend on), "invalid" when it cannot be planned. */
        String digest(String name) {
            Pipeline p = find(name);
            if (p == null || chain.contains(name)) {
                return "missing";
            }
            Plan plan = new Planner(registry).withPipelines(new Subs(experiment, chainWith(name), options))
                    .plan(experiment, p, child(null), new ArrayList<>());
            return plan == null ? "invalid" : plan.digest();
        }

        @Override
        public Map<String, Data> run(String name, org.myoflow.core.data.Trial trial) {
            List<String> why = chain.contains(name) || find(name) == null ? check(name) : List.of();
            if (!why.isEmpty()) {
                throw new IllegalStateException(why.get(0));
            }
            RunResult r;
            try {
                r = new Engine(registry, cache).run(experiment, find(name), child(trial), chainWith(name));
            } catch (InvalidPipelineException e) {
                String msg = "pipeline " + Texts.quote(name) + " is invalid: " + String.join("; ",
                        e.problems().stream().map(ValidationProblem::toString).toList());
                if (ValidationProblem.allBadData(e.problems())) {
                    throw new org.myoflow.core.data.DataException(msg);
                }
                throw new IllegalStateException(msg);
            } catch (NodeFailedException e) {
                String msg = "pipeline " + Texts.quote(name) + ": " + e.getMessage();
                if (e.isDataError()) {
                    throw new org.myoflow.core.data.DataException(msg, e.getCause());
                }
                throw new IllegalStateException(msg, e.getCause());
            }
            Map<String, Data> out = new LinkedHashMap<>();
            for (NodeResult nr : r.nodes()) {
                nr.outputs().forEach((port, d) -> out.put(nr.nodeId() + "." + port, d));
            }
            return out;
        }

        @Override
        public int threads() {
            return options.threads();
        }

        @Override
        public List<String> sinks(String name) {
            Pipeline p = find(name);
            if (p == null) {
                return List.of();
            }
            java.util.Set<String> read = new java.util.HashSet<>();
            p.getConnections().forEach(c -> read.add(c.getSourceNode()));
            return p.getNodes().stream().map(org.myoflow.model.Node::getId).filter(id -> !read.contains(id)).toList();
        }
    }
}
