package org.myoflow.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Digests;
import org.myoflow.core.engine.NodeIds;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.Texts;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ParameterValues;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ConfigureException;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.Units;
import org.myoflow.model.Connection;
import org.myoflow.model.Experiment;
import org.myoflow.model.Node;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;

/**
 * Validates a pipeline and compiles it into an execution plan: steps found, parameters typed, overridden and
 * checked, files hashed, connections type-checked, order topological. Collects every problem rather than
 * stopping at the first.
 */
public final class Planner {

    /** A reference to an output port of another node. */
    public record PortRef(String node, String port) {
    }

    /**
     * A node ready to run.
     *
     * @param models      the model files its model parameters name, by model name (their SHA-256 enters the
     *                    cache key and run.json)
     * @param outputSpecs what the step declared its outputs carry (configure phase), by output port
     */
    public record PlannedNode(String id, RegisteredStep step, Map<String, Object> parameters,
            Map<String, PortRef> inputs, long seed, Map<String, String> inputFiles, Map<String, ModelFile> models,
            Map<String, DataSpec> outputSpecs) {

        public PlannedNode {
            models = models == null ? Map.of() : Map.copyOf(models);
            outputSpecs = outputSpecs == null ? Map.of() : outputSpecs;
        }

        /** A node without models and without declared output specs. */
        public PlannedNode(String id, RegisteredStep step, Map<String, Object> parameters,
                Map<String, PortRef> inputs, long seed, Map<String, String> inputFiles) {
            this(id, step, parameters, inputs, seed, inputFiles, Map.of(), Map.of());
        }
    }

    /**
     * The compiled pipeline.
     *
     * @param specs what each node's outputs carry, by node id and output port (from the configure phase)
     */
    public record Plan(List<PlannedNode> order, long seed, String digest, Map<String, Map<String, DataSpec>> specs) {
    }

    /** How many names a message lists before it says how many there are in all. */
    private static final int LISTED = 20;

    private final StepRegistry registry;

    private org.myoflow.core.spi.SubPipelines pipelines;

    /** The experiment's sub-pipelines that configure contexts offer (null: none). */
    public Planner withPipelines(org.myoflow.core.spi.SubPipelines pipelines) {
        this.pipelines = pipelines;
        return this;
    }

    public Planner(StepRegistry registry) {
        this.registry = registry;
    }

    /** Validates and plans; problems are added to {@code problems}, and the plan is null when any exist. */
    public Plan plan(Experiment experiment, Pipeline pipeline, RunOptions options, List<ValidationProblem> problems) {
        return plan(experiment, pipeline, options, problems, new LinkedHashMap<>());
    }

    /**
     * Validates and plans like {@link #plan(Experiment, Pipeline, RunOptions, List)}, and puts the output specs of
     * every node that could be configured into {@code specs} (by node id, then output port), also when the
     * pipeline is invalid.
     */
    public Plan plan(Experiment experiment, Pipeline pipeline, RunOptions options, List<ValidationProblem> problems,
            Map<String, Map<String, DataSpec>> specs) {
        return plan(experiment, pipeline, options, problems, specs, new LinkedHashMap<>());
    }

    /**
     * Validates and plans like {@link #plan(Experiment, Pipeline, RunOptions, List, Map)}, and puts the estimated
     * size in bytes of every configured node's outputs into {@code sizes} (by node id; see {@link Sizing}).
     */
    public Plan plan(Experiment experiment, Pipeline pipeline, RunOptions options, List<ValidationProblem> problems,
            Map<String, Map<String, DataSpec>> specs, Map<String, Long> sizes) {
        return plan(experiment, pipeline, options, problems, specs, sizes, true);
    }

    /**
     * Validates and configures like {@link #plan(Experiment, Pipeline, RunOptions, List, Map, Map)} without
     * building the plan (no node seeds, no pipeline digest): what {@code validate} needs.
     */
    public void check(Experiment experiment, Pipeline pipeline, RunOptions options, List<ValidationProblem> problems,
            Map<String, Map<String, DataSpec>> specs, Map<String, Long> sizes) {
        plan(experiment, pipeline, options, problems, specs, sizes, false);
    }

    private Plan plan(Experiment experiment, Pipeline pipeline, RunOptions options, List<ValidationProblem> problems,
            Map<String, Map<String, DataSpec>> specs, Map<String, Long> sizes, boolean build) {
        long seed = options.seed() != null ? options.seed() : experiment.getSeed();
        if (pipeline.getNodes().isEmpty()) {
            problems.add(new ValidationProblem(null, null, "the pipeline has no nodes"));
        }
        checkPipelineName(experiment, pipeline, problems);
        Map<String, Node> nodes = new LinkedHashMap<>();
        Set<String> rejected = new HashSet<>(); // invalid ids, reported once: connections to them are not reported
        int position = 0;
        for (Node n : pipeline.getNodes()) {
            position++;
            String id = n.getId();
            if (id == null || id.isEmpty()) {
                problems.add(new ValidationProblem(null, "node " + position + " (step " + Texts.quote(n.getStepId())
                        + ")", "the node has no id; " + NodeIds.RULE));
                continue;
            }
            if (!NodeIds.valid(id)) {
                rejected.add(id);
                problems.add(new ValidationProblem(id, null, "invalid node id; " + NodeIds.RULE));
                continue;
            }
            if (nodes.putIfAbsent(id, n) != null) {
                problems.add(new ValidationProblem(id, null, "duplicate node id"));
            }
        }
        Map<String, Map<String, String>> overrides = overridesByNode(options, nodes.keySet(), rejected, problems);

        Map<String, RegisteredStep> steps = new HashMap<>();
        Map<String, Map<String, Object>> params = new HashMap<>();
        Map<String, Map<String, String>> files = new HashMap<>();
        Map<String, Map<String, ModelFile>> models = new HashMap<>();
        for (Node n : nodes.values()) {
            RegisteredStep step = findStep(n, problems);
            if (step == null) {
                continue;
            }
            steps.put(n.getId(), step);
            Map<String, Object> given = typedParameters(n, step.descriptor(), problems);
            applyOverrides(n.getId(), step.descriptor().parameters(), overrides.getOrDefault(n.getId(), Map.of()),
                    given, problems);
            List<ParameterSchema.Problem> pp = step.descriptor().parameters().check(given);
            for (ParameterSchema.Problem p : pp) {
                problems.add(new ValidationProblem(n.getId(), "parameter '" + p.parameter() + "'", p.message()));
            }
            if (!pp.isEmpty()) {
                continue;
            }
            Map<String, Object> resolved = new LinkedHashMap<>(step.descriptor().parameters().resolve(given));
            if (!crossCheck(n.getId(), step.descriptor().parameters(), resolved, problems)) {
                continue;
            }
            files.put(n.getId(), resolveFiles(n.getId(), step.descriptor(), resolved, options.baseDirectory(),
                    options.allowOutside(), problems));
            models.put(n.getId(), resolveModels(n.getId(), step.descriptor(), resolved, options.models(),
                    problems));
            params.put(n.getId(), java.util.Collections.unmodifiableMap(resolved));
        }

        Map<String, Map<String, PortRef>> inputs = new HashMap<>();
        Map<String, Set<String>> upstream = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (Connection c : pipeline.getConnections()) {
            if (!checkConnection(c, nodes, rejected, steps, inputs, upstream, problems)) {
                reported.add(c.getTargetNode() + "." + c.getTargetPort());
            }
        }
        for (Node n : nodes.values()) {
            RegisteredStep step = steps.get(n.getId());
            if (step == null) {
                continue;
            }
            for (PortSpec in : step.descriptor().inputs()) {
                if (!in.optional() && !inputs.getOrDefault(n.getId(), Map.of()).containsKey(in.name())
                        && !reported.contains(n.getId() + "." + in.name())) {
                    problems.add(new ValidationProblem(n.getId(), "input '" + in.name() + "'",
                            "required input is not connected (expects " + in.type().id() + ")"));
                }
            }
        }
        List<String> order = topologicalOrder(nodes.keySet(), upstream, problems);
        if (order.size() == nodes.size()) {
            Map<String, Map<String, Long>> reportedSizes = new HashMap<>();
            configure(order, steps, params, inputs, models, specs, reportedSizes, problems, pipelines, files);
            Sizing.estimate(order, specs, reportedSizes, sizes, problems);
            Sizing.check(sizes, specs, reportedSizes, options.maxMemory(), problems);
        }
        if (!problems.isEmpty() || !build) {
            return null;
        }
        List<PlannedNode> planned = new ArrayList<>();
        for (String id : order) {
            planned.add(new PlannedNode(id, steps.get(id), params.get(id), inputs.getOrDefault(id, Map.of()),
                    deriveSeed(seed, id), files.get(id), models.get(id), specs.getOrDefault(id, Map.of())));
        }
        return new Plan(planned, seed, digest(experiment, pipeline, planned, seed),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(specs)));
    }

    /**
     * The configure phase: in topological order, each step derives its output specs from its upstream nodes'
     * specs and its parameters, or refuses them. Nodes that already have a problem, lack a required input or
     * depend on a refused node are skipped (their problems are reported once, upstream).
     */
    private static void configure(List<String> order, Map<String, RegisteredStep> steps,
            Map<String, Map<String, Object>> params, Map<String, Map<String, PortRef>> inputs,
            Map<String, Map<String, ModelFile>> models, Map<String, Map<String, DataSpec>> specs,
            Map<String, Map<String, Long>> reportedSizes, List<ValidationProblem> problems,
            org.myoflow.core.spi.SubPipelines pipelines, Map<String, Map<String, String>> files) {
        Set<String> bad = new HashSet<>();
        for (ValidationProblem p : problems) {
            bad.add(p.nodeId());
        }
        for (String id : order) {
            RegisteredStep step = steps.get(id);
            if (step == null || params.get(id) == null || bad.contains(id)) {
                continue;
            }
            StepDescriptor d = step.descriptor();
            Map<String, PortRef> wired = inputs.getOrDefault(id, Map.of());
            Map<String, DataSpec> in = new LinkedHashMap<>();
            boolean ready = true;
            for (PortSpec p : d.inputs()) {
                PortRef ref = wired.get(p.name());
                if (ref == null) {
                    ready &= p.optional();
                    continue;
                }
                DataSpec up = specs.getOrDefault(ref.node(), Map.of()).get(ref.port());
                if (up == null) {
                    ready = false;
                } else {
                    in.put(p.name(), up);
                }
            }
            if (!ready) {
                continue;
            }
            NodeConfigureContext ctx = new NodeConfigureContext(id, d, params.get(id), in, problems,
                    models.getOrDefault(id, Map.of())).withPipelines(pipelines);
            Map<String, DataSpec> declared;
            try {
                declared = step.provider().configure(ctx);
            } catch (ConfigureException e) {
                ctx.problem(e.port(), e.channel(), e.getMessage());
                continue;
            } catch (ArithmeticException e) { // Math.multiplyExact & co. in a step's size arithmetic
                problems.add(new ValidationProblem(id, null, "step " + d.id() + ": the sizes its parameters and "
                        + "inputs give overflow a 64-bit integer (" + e.getMessage() + "); make the node smaller"));
                continue;
            } catch (RuntimeException | Error e) { // a plug-in's Error too (StackOverflowError, ...)
                problems.add(new ValidationProblem(id, null, "step " + d.id() + " failed to check its inputs: "
                        + e));
                continue;
            }
            if (!ctx.inputFiles().isEmpty() && files.get(id) != null) {
                files.get(id).putAll(ctx.inputFiles()); // data files the step reads besides its file parameters
            }
            if (ctx.hasProblems()) {
                continue;
            }
            if (!ctx.outputSizes().isEmpty()) {
                reportedSizes.put(id, ctx.outputSizes());
            }
            Map<String, DataSpec> out = new LinkedHashMap<>();
            for (PortSpec p : d.outputs()) {
                DataSpec s = declared == null ? null : declared.get(p.name());
                out.put(p.name(), s != null && p.type().accepts(s.type()) ? s : DataSpec.ofType(p.type()));
            }
            specs.put(id, java.util.Collections.unmodifiableMap(out));
        }
    }

    /** Seed of a node: the first 8 bytes of SHA-256("myoflow-seed:" + experiment seed + ":" + node id). */
    public static long deriveSeed(long experimentSeed, String nodeId) {
        byte[] h = Digests.sha256().digest(("myoflow-seed:" + experimentSeed + ":" + nodeId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }

    private RegisteredStep findStep(Node n, List<ValidationProblem> problems) {
        String want = n.getStepVersion();
        RegisteredStep step = n.getStepId() == null ? null : registry.find(n.getStepId()).orElse(null);
        if (step == null) {
            problems.add(new ValidationProblem(n.getId(), null, "step '" + n.getStepId() + "'"
                    + (want == null || want.isEmpty() ? "" : " version " + want) + " is not installed"
                    + (n.getBundleName() == null || n.getBundleName().isEmpty() ? ""
                            : " (it was provided by bundle " + n.getBundleName() + " " + n.getBundleVersion() + ")")));
            return null;
        }
        if (want != null && !want.isEmpty()) {
            String major = want.contains(".") ? want.substring(0, want.indexOf('.')) : want;
            if (!major.equals(Integer.toString(step.descriptor().majorVersion()))) {
                problems.add(new ValidationProblem(n.getId(), null, "step '" + n.getStepId() + "' version " + want
                        + " is not installed; the installed version " + step.descriptor().version()
                        + " has another major version"));
                return null;
            }
        }
        return step;
    }

    private static Map<String, Object> typedParameters(Node n, StepDescriptor d, List<ValidationProblem> problems) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (ParameterValue pv : n.getParameters()) {
            String key = pv.getKey();
            if (given.containsKey(key)) {
                problems.add(new ValidationProblem(n.getId(), "parameter '" + key + "'", "given twice"));
                continue;
            }
            Object v = ParameterValues.fromModel(pv);
            ParameterSpec spec = d.parameters().get(key).orElse(null);
            if (spec != null && pv instanceof NumberValue nv && nv.getUnit() != null && !nv.getUnit().isEmpty()
                    && !nv.getUnit().equals(spec.unit())) {
                if (spec.type() != ParameterType.NUMBER || !(v instanceof Number num)
                        || Units.factor(nv.getUnit(), spec.unit()).isEmpty()) {
                    problems.add(new ValidationProblem(n.getId(), "parameter '" + key + "'", "unit '"
                            + nv.getUnit() + "' does not match the parameter's unit '" + spec.unit() + "'"));
                    continue;
                }
                v = Units.convert(num.doubleValue(), nv.getUnit(), spec.unit()); // 5 mm where the schema says m
            }
            if (spec != null && spec.type() == ParameterType.NUMBER && v instanceof Long l) {
                v = l.doubleValue(); // an integer literal is a valid number
            }
            given.put(key, v);
        }
        return given;
    }

    /** Runs a settings class's own consistency check ({@link CheckedSettings}); false when it found problems. */
    private static boolean crossCheck(String nodeId, ParameterSchema schema, Map<String, Object> resolved,
            List<ValidationProblem> problems) {
        Class<?> cls = schema.settingsClass();
        if (cls == null || !CheckedSettings.class.isAssignableFrom(cls)) {
            return true;
        }
        List<ParameterSchema.Problem> pp;
        try {
            pp = ((CheckedSettings) schema.bind(cls, resolved)).check();
        } catch (RuntimeException e) {
            pp = List.of(new ParameterSchema.Problem("?", "settings check failed: " + e));
        }
        for (ParameterSchema.Problem p : pp) {
            problems.add(new ValidationProblem(nodeId, "parameter '" + p.parameter() + "'", p.message()));
        }
        return pp.isEmpty();
    }

    private static Map<String, Map<String, String>> overridesByNode(RunOptions options, Set<String> nodeIds,
            Set<String> rejected, List<ValidationProblem> problems) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map.Entry<String, String> e : options.overrides().entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            if (dot <= 0 || dot == k.length() - 1) {
                problems.add(new ValidationProblem(null, "--set " + k,
                        "expected node.parameter=value"));
                continue;
            }
            String node = k.substring(0, dot);
            if (rejected.contains(node)) {
                continue; // its invalid id is reported already
            }
            if (!nodeIds.contains(node)) {
                problems.add(new ValidationProblem(node, "--set " + k, "no node " + Texts.quote(node)
                        + " in the pipeline; nodes: " + listed(nodeIds)));
                continue;
            }
            out.computeIfAbsent(node, x -> new LinkedHashMap<>()).put(k.substring(dot + 1), e.getValue());
        }
        return out;
    }

    private static void applyOverrides(String nodeId, ParameterSchema schema, Map<String, String> sets,
            Map<String, Object> given, List<ValidationProblem> problems) {
        for (Map.Entry<String, String> e : sets.entrySet()) {
            try {
                given.put(e.getKey(), schema.parse(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(new ValidationProblem(nodeId, "parameter " + Texts.quote(e.getKey()), ex.getMessage()));
            }
        }
    }

    /**
     * Resolves the node's file parameters against the base directory (the experiment file's folder) and hashes the
     * files. Unless {@code allowOutside}, a path that leaves the base directory is a problem: checked first on the
     * path as written (an absolute path elsewhere, a {@code ..} escape; refused before the file is even looked at,
     * so a shared pipeline cannot probe for files), then on the real path (a symbolic link to outside).
     */
    private static Map<String, String> resolveFiles(String nodeId, StepDescriptor d, Map<String, Object> resolved,
            Path base, boolean allowOutside, List<ValidationProblem> problems) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ParameterSpec s : d.parameters().specs()) {
            if (s.type() != ParameterType.FILE || resolved.get(s.name()) == null) {
                continue;
            }
            String raw = (String) resolved.get(s.name());
            String subject = "parameter '" + s.name() + "'";
            if (raw.isBlank()) {
                if (s.required()) {
                    problems.add(new ValidationProblem(nodeId, subject, "no file given"));
                }
                continue;
            }
            Path p;
            try {
                p = base.resolve(raw).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(new ValidationProblem(nodeId, subject, "'" + Excerpt.of(raw, PATH_EXCERPT)
                        + "' is not a valid path: " + Excerpt.message(e.getReason())));
                continue;
            }
            Path root = base.toAbsolutePath().normalize();
            if (!allowOutside && !p.startsWith(root)) {
                problems.add(outside(nodeId, subject, raw, Path.of(raw).isAbsolute() ? "an absolute path"
                        : "a '..' escape", root));
                continue;
            }
            if (!Files.isRegularFile(p)) {
                problems.add(new ValidationProblem(nodeId, subject, "file not found: "
                        + Excerpt.of(p.toString(), PATH_EXCERPT)));
                continue;
            }
            if (!allowOutside) {
                Path real;
                Path realRoot;
                try {
                    real = p.toRealPath();
                    realRoot = root.toRealPath();
                } catch (IOException e) {
                    problems.add(new ValidationProblem(nodeId, subject, "cannot resolve "
                            + Excerpt.of(p.toString(), PATH_EXCERPT) + ": " + Excerpt.message(e.getMessage())));
                    continue;
                }
                if (!real.startsWith(realRoot)) {
                    problems.add(outside(nodeId, subject, raw, "a symbolic link to "
                            + Excerpt.of(real.toString(), PATH_EXCERPT), root));
                    continue;
                }
            }
            resolved.put(s.name(), p.toString());
            try {
                files.put(p.toString(), Digests.sha256(p));
            } catch (IOException e) {
                problems.add(new ValidationProblem(nodeId, subject, "cannot read "
                        + Excerpt.of(p.toString(), PATH_EXCERPT) + ": " + Excerpt.message(e.getMessage())));
            }
        }
        return files;
    }

    /** The most characters of a path that a validation message quotes. */
    private static final int PATH_EXCERPT = 200;

    private static ValidationProblem outside(String nodeId, String subject, String raw, String what, Path root) {
        return new ValidationProblem(nodeId, subject, "file '" + Excerpt.of(raw, PATH_EXCERPT) + "' is outside the "
                + "experiment's folder " + Excerpt.of(root.toString(), PATH_EXCERPT) + " (" + what + "); file "
                + "parameters may only name files in that folder or below unless --allow-outside is given (or "
                + RunOptions.ALLOW_OUTSIDE_ENV + "=1 is set)");
    }

    /**
     * Resolves the node's model parameters ({@link org.myoflow.core.spi.Param#model()}) through the run's model
     * registry: each non-blank value must name a model the resolver finds (else a problem naming the node, the
     * parameter and the folders searched).
     *
     * @return the model files by model name
     */
    public static Map<String, ModelFile> resolveModels(String nodeId, StepDescriptor d, Map<String, Object> resolved,
            ModelResolver resolver, List<ValidationProblem> problems) {
        Map<String, ModelFile> out = new LinkedHashMap<>();
        for (ParameterSpec s : d.parameters().specs()) {
            if (!s.model() || !(resolved.get(s.name()) instanceof String raw) || raw.isBlank()) {
                continue;
            }
            String name = raw.strip();
            try {
                ModelFile f = resolver.find(name).orElse(null);
                if (f == null) {
                    List<String> searched = resolver.searched();
                    problems.add(new ValidationProblem(nodeId, "parameter '" + s.name() + "'", "model '" + name
                            + "' is not in the model registry (searched: " + (searched.isEmpty()
                                    ? "no model folders: this run has no model registry" : String.join(", ", searched))
                            + ")"));
                    continue;
                }
                out.put(name, f);
            } catch (RuntimeException e) {
                problems.add(new ValidationProblem(nodeId, "parameter '" + s.name() + "'", "model '" + name
                        + "' cannot be read: " + e.getMessage()));
            }
        }
        return out;
    }

    /** Checks one connection and records it; false when it is broken (a problem was added). */
    private static boolean checkConnection(Connection c, Map<String, Node> nodes, Set<String> rejected,
            Map<String, RegisteredStep> steps, Map<String, Map<String, PortRef>> inputs,
            Map<String, Set<String>> upstream, List<ValidationProblem> problems) {
        if (!nodes.containsKey(c.getSourceNode()) || !nodes.containsKey(c.getTargetNode())) {
            String missing = !nodes.containsKey(c.getSourceNode()) ? c.getSourceNode() : c.getTargetNode();
            if (rejected.contains(missing) || rejected.contains(c.getSourceNode())
                    || rejected.contains(c.getTargetNode())) {
                return false; // the node's invalid id is reported already
            }
            problems.add(new ValidationProblem(null, "connection " + text(c), "no node " + Texts.quote(missing)));
            return false;
        }
        if (c.getSourceNode().equals(c.getTargetNode())) {
            problems.add(new ValidationProblem(c.getSourceNode(), "connection " + text(c),
                    "the node is connected to itself (a self-loop): a node cannot consume its own output"));
            return false;
        }
        RegisteredStep src = steps.get(c.getSourceNode());
        RegisteredStep dst = steps.get(c.getTargetNode());
        if (src == null || dst == null) {
            return false; // already reported as a missing step
        }
        PortSpec out = src.descriptor().output(c.getSourcePort()).orElse(null);
        PortSpec in = dst.descriptor().input(c.getTargetPort()).orElse(null);
        if (out == null) {
            problems.add(new ValidationProblem(c.getSourceNode(), "output '" + c.getSourcePort() + "'",
                    "no such output port; outputs: " + src.descriptor().outputs().stream().map(PortSpec::name).toList()));
            return false;
        }
        if (in == null) {
            problems.add(new ValidationProblem(c.getTargetNode(), "input '" + c.getTargetPort() + "'",
                    "no such input port; inputs: " + dst.descriptor().inputs().stream().map(PortSpec::name).toList()));
            return false;
        }
        if (!in.type().accepts(out.type())) {
            problems.add(new ValidationProblem(c.getTargetNode(), "input '" + in.name() + "'", "expects "
                    + in.type().id() + " but " + c.getSourceNode() + "." + out.name() + " gives " + out.type().id()));
            return false;
        }
        PortRef prev = inputs.computeIfAbsent(c.getTargetNode(), k -> new LinkedHashMap<>()).putIfAbsent(in.name(),
                new PortRef(c.getSourceNode(), out.name()));
        if (prev != null) {
            problems.add(new ValidationProblem(c.getTargetNode(), "input '" + in.name() + "'",
                    "connected twice (from " + prev.node() + "." + prev.port() + " and " + c.getSourceNode() + "."
                            + out.name() + ")"));
            return false;
        }
        upstream.computeIfAbsent(c.getTargetNode(), k -> new HashSet<>()).add(c.getSourceNode());
        return true;
    }

    /**
     * Kahn's algorithm over adjacency lists: O(nodes + connections). Ready nodes are taken first in, first out, and
     * a node's downstream nodes are visited in declaration order, so the order is the same as it always was.
     * Nodes left over lie on or behind a cycle; the cycles themselves (strongly connected components) are reported.
     */
    static List<String> topologicalOrder(Set<String> ids, Map<String, Set<String>> upstream,
            List<ValidationProblem> problems) {
        Map<String, Integer> indegree = new HashMap<>(ids.size() * 2);
        Map<String, List<String>> downstream = new HashMap<>(ids.size() * 2);
        Deque<String> ready = new ArrayDeque<>();
        for (String id : ids) { // declaration order: every downstream list ends up in declaration order
            Set<String> ups = upstream.getOrDefault(id, Set.of());
            indegree.put(id, ups.size());
            for (String u : ups) {
                downstream.computeIfAbsent(u, k -> new ArrayList<>()).add(id);
            }
            if (ups.isEmpty()) {
                ready.add(id);
            }
        }
        List<String> order = new ArrayList<>(ids.size());
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String d : downstream.getOrDefault(n, List.of())) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < ids.size()) {
            Set<String> placed = new HashSet<>(order);
            List<String> left = ids.stream().filter(i -> !placed.contains(i)).toList();
            List<List<String>> cycles = cycles(left, downstream);
            int onCycles = 0;
            for (List<String> cyc : cycles) {
                onCycles += cyc.size();
                problems.add(new ValidationProblem(null, null, "the connections form a cycle through nodes "
                        + listed(cyc)));
            }
            if (left.size() > onCycles) {
                problems.add(new ValidationProblem(null, null, (left.size() - onCycles)
                        + " node(s) downstream of the cycle" + (cycles.size() == 1 ? "" : "s")
                        + " cannot run either"));
            }
        }
        return order;
    }

    /**
     * The strongly connected components of more than one node among {@code left} (Tarjan, iterative so that a long
     * chain cannot overflow the stack), each in declaration order.
     */
    private static List<List<String>> cycles(List<String> left, Map<String, List<String>> downstream) {
        Map<String, Integer> position = new HashMap<>(left.size() * 2);
        for (String id : left) {
            position.put(id, position.size());
        }
        int n = left.size();
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int counter = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        List<List<String>> out = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                List<String> next = downstream.getOrDefault(left.get(v), List.of());
                boolean descended = false;
                while (callEdge[depth] < next.size()) {
                    Integer w = position.get(next.get(callEdge[depth]++));
                    if (w == null) {
                        continue; // placed by Kahn's algorithm: not on a cycle
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                        descended = true;
                        break;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                }
                if (descended) {
                    continue;
                }
                if (low[v] == index[v]) {
                    List<Integer> comp = new ArrayList<>();
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        comp.add(w);
                    } while (w != v);
                    if (comp.size() > 1) {
                        comp.sort(null);
                        out.add(comp.stream().map(left::get).toList());
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(c -> position.get(c.get(0))));
        return out;
    }

    /** "a.out -> b.in", each name cut. */
    private static String text(Connection c) {
        return cut(c.getSourceNode()) + "." + cut(c.getSourcePort()) + " -> " + cut(c.getTargetNode()) + "."
                + cut(c.getTargetPort());
    }

    /** Checks that no other pipeline of the experiment has this pipeline's name. */
    private static void checkPipelineName(Experiment experiment, Pipeline pipeline, List<ValidationProblem> problems) {
        if (experiment == null || pipeline.getName() == null) {
            return;
        }
        long same = experiment.getPipelines().stream().filter(p -> pipeline.getName().equals(p.getName())).count();
        if (same > 1) {
            problems.add(new ValidationProblem(null, null, "the experiment has " + same + " pipelines named "
                    + Texts.quote(pipeline.getName()) + "; pipeline names must be unique (--pipeline picks by name)"));
        }
    }

    /** Up to {@value #LISTED} names, each quoted, then how many there are in all. */
    static String listed(java.util.Collection<String> names) {
        StringBuilder sb = new StringBuilder("[");
        int k = 0;
        for (String name : names) {
            if (k == LISTED) {
                sb.append(", … (").append(names.size()).append(" in all)");
                break;
            }
            sb.append(k == 0 ? "" : ", ").append(Texts.escape(cut(name)));
            k++;
        }
        return sb.append(']').toString();
    }

    /** A name cut to {@link Texts#MAX_QUOTED} characters (with "…"), not escaped. */
    private static String cut(String name) {
        return name == null || name.length() <= Texts.MAX_QUOTED ? name : name.substring(0, Texts.MAX_QUOTED) + "…";
    }

    private static String digest(Experiment e, Pipeline p, List<PlannedNode> planned, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", String.valueOf(e.getName()));
        m.put("pipeline", String.valueOf(p.getName()));
        m.put("seed", seed);
        List<Object> ns = new ArrayList<>();
        for (PlannedNode n : planned) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("id", n.id());
            nm.put("step", n.step().descriptor().id());
            nm.put("version", n.step().descriptor().version());
            nm.put("parameters", n.parameters());
            Map<String, Object> ins = new LinkedHashMap<>();
            n.inputs().forEach((port, ref) -> ins.put(port, ref.node() + "." + ref.port()));
            nm.put("inputs", ins);
            ns.add(nm);
        }
        m.put("nodes", ns);
        return Digests.sha256(Digests.canonical(m));
    }
}
