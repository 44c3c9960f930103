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
import java.util.regex.Pattern;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.StepRegistry;
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

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

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

    private final StepRegistry registry;

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
        long seed = options.seed() != null ? options.seed() : experiment.getSeed();
        if (pipeline.getNodes().isEmpty()) {
            problems.add(new ValidationProblem(null, null, "the pipeline has no nodes"));
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Node n : pipeline.getNodes()) {
            String id = n.getId();
            if (id == null || !NODE_ID.matcher(id).matches()) {
                problems.add(new ValidationProblem(id, null,
                        "node id must start with a letter and contain only letters, digits, '-' and '_'"));
                continue;
            }
            if (nodes.putIfAbsent(id, n) != null) {
                problems.add(new ValidationProblem(id, null, "duplicate node id"));
            }
        }
        Map<String, Map<String, String>> overrides = overridesByNode(options, nodes.keySet(), problems);

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
            if (!checkConnection(c, nodes, steps, inputs, upstream, problems)) {
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
            configure(order, steps, params, inputs, models, specs, problems);
        }
        if (!problems.isEmpty()) {
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
            List<ValidationProblem> problems) {
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
                    models.getOrDefault(id, Map.of()));
            Map<String, DataSpec> declared;
            try {
                declared = step.provider().configure(ctx);
            } catch (ConfigureException e) {
                ctx.problem(e.port(), e.channel(), e.getMessage());
                continue;
            } catch (RuntimeException | LinkageError e) {
                problems.add(new ValidationProblem(id, null, "step " + d.id() + " failed to check its inputs: "
                        + e));
                continue;
            }
            if (ctx.hasProblems()) {
                continue;
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
            List<ValidationProblem> problems) {
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
            if (!nodeIds.contains(node)) {
                problems.add(new ValidationProblem(node, "--set " + k, "no node '" + node + "' in the pipeline; nodes: "
                        + nodeIds));
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
                problems.add(new ValidationProblem(nodeId, "parameter '" + e.getKey() + "'", ex.getMessage()));
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
    private static boolean checkConnection(Connection c, Map<String, Node> nodes, Map<String, RegisteredStep> steps,
            Map<String, Map<String, PortRef>> inputs, Map<String, Set<String>> upstream,
            List<ValidationProblem> problems) {
        String text = c.getSourceNode() + "." + c.getSourcePort() + " -> " + c.getTargetNode() + "."
                + c.getTargetPort();
        if (!nodes.containsKey(c.getSourceNode()) || !nodes.containsKey(c.getTargetNode())) {
            String missing = !nodes.containsKey(c.getSourceNode()) ? c.getSourceNode() : c.getTargetNode();
            problems.add(new ValidationProblem(null, "connection " + text, "no node '" + missing + "'"));
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

    private static List<String> topologicalOrder(Set<String> ids, Map<String, Set<String>> upstream,
            List<ValidationProblem> problems) {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        for (String id : ids) {
            indegree.put(id, upstream.getOrDefault(id, Set.of()).size());
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String id : ids) { // declaration order keeps the order deterministic
                if (upstream.getOrDefault(id, Set.of()).contains(n) && indegree.merge(id, -1, Integer::sum) == 0) {
                    ready.add(id);
                }
            }
        }
        if (order.size() < ids.size()) {
            List<String> cyc = ids.stream().filter(i -> !order.contains(i)).toList();
            problems.add(new ValidationProblem(null, null, "the connections form a cycle through nodes " + cyc));
        }
        return order;
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
