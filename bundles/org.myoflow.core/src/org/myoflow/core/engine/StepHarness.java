package org.myoflow.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.internal.NodeConfigureContext;
import org.myoflow.core.internal.NodeContext;
import org.myoflow.core.spi.ConfigureException;
import org.myoflow.core.internal.Planner;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.StepProvider;

/**
 * Runs one step outside a pipeline, with parameters checked against its schema exactly as the engine does. For
 * step authors' tests:
 *
 * <pre>
 * Map&lt;String, Data&gt; out = StepHarness.of(new MyStep()).input("emg", signal).param("cutoff", 6.0).seed(3).run();
 * </pre>
 *
 * @since 0.1
 */
public final class StepHarness {

    private final StepProvider provider;
    private final Map<String, Data> inputs = new LinkedHashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, DataSpec> specs = new LinkedHashMap<>();
    private long seed = 1;
    private ModelResolver models = ModelResolver.NONE;

    private StepHarness(StepProvider provider) {
        this.provider = provider;
    }

    public static StepHarness of(StepProvider provider) {
        return new StepHarness(provider);
    }

    public StepHarness input(String port, Data data) {
        inputs.put(port, data);
        return this;
    }

    /** A parameter value in canonical form (Double, Long, Boolean, String), or text parsed by the schema. */
    public StepHarness param(String name, Object value) {
        ParameterSchema schema = provider.descriptor().parameters();
        Object v = value;
        boolean number = schema.get(name).map(s -> s.type() == ParameterType.NUMBER).orElse(false);
        if (number && value instanceof Number n && !(value instanceof Double)) {
            v = n.doubleValue(); // NUMBER parameters are Doubles in the engine too
        } else if (value instanceof Integer i) {
            v = i.longValue();
        } else if (value instanceof String s && schema.get(name).isPresent()) {
            v = schema.parse(name, s);
        } else if (value instanceof Enum<?> e) {
            v = e.name();
        }
        params.put(name, v);
        return this;
    }

    /** The spec of an input for {@link #configure()} (an input given as data contributes its exact spec). */
    public StepHarness inputSpec(String port, DataSpec spec) {
        specs.put(port, spec);
        return this;
    }

    /**
     * Runs only the step's configure phase, as validation does: the output specs (under node id "test") and the
     * problems, each naming node "test" and the port, channel or parameter.
     */
    public Configuration configure() {
        ParameterSchema schema = provider.descriptor().parameters();
        List<ParameterSchema.Problem> pp = schema.check(params);
        if (!pp.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + pp);
        }
        Map<String, DataSpec> in = new LinkedHashMap<>();
        inputs.forEach((port, data) -> in.put(port, DataSpec.of(data)));
        in.putAll(specs);
        List<ValidationProblem> problems = new ArrayList<>();
        Map<String, Object> resolved = schema.resolve(params);
        Map<String, ModelFile> planned = Planner.resolveModels("test", provider.descriptor(), resolved, models,
                problems);
        if (!problems.isEmpty()) {
            return new Configuration(Map.of(), problems);
        }
        NodeConfigureContext ctx = new NodeConfigureContext("test", provider.descriptor(), resolved, in, problems,
                planned);
        Map<String, DataSpec> out = new LinkedHashMap<>();
        try {
            Map<String, DataSpec> declared = provider.configure(ctx);
            if (!ctx.hasProblems()) {
                provider.descriptor().outputs().forEach(p -> out.put(p.name(), declared != null
                        && declared.get(p.name()) != null ? declared.get(p.name()) : DataSpec.ofType(p.type())));
            }
        } catch (ConfigureException e) {
            ctx.problem(e.port(), e.channel(), e.getMessage());
        }
        return new Configuration(out.isEmpty() ? Map.of() : Map.of("test", out), problems, out.isEmpty() ? Map.of()
                : Map.of("test", org.myoflow.core.internal.Sizing.nodeBytes(out, ctx.outputSizes())));
    }

    public StepHarness seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The model registry that resolves the step's model parameters, as {@code RunOptions.models} does for the
     * engine (default {@link ModelResolver#NONE}).
     */
    public StepHarness models(ModelResolver resolver) {
        this.models = java.util.Objects.requireNonNull(resolver);
        return this;
    }

    /**
     * Runs the step and returns its outputs by port; throws the step's exception unchanged, and
     * {@link IllegalArgumentException} for invalid parameters or a model the registry does not hold.
     */
    public Map<String, Data> run() throws Exception {
        ParameterSchema schema = provider.descriptor().parameters();
        List<ParameterSchema.Problem> problems = schema.check(params);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        Map<String, Object> resolved = schema.resolve(params);
        List<ValidationProblem> modelProblems = new ArrayList<>();
        Map<String, ModelFile> planned = Planner.resolveModels("test", provider.descriptor(), resolved, models,
                modelProblems);
        if (!modelProblems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + modelProblems);
        }
        try {
            NodeContext ctx = new NodeContext("test", provider.descriptor(), inputs, resolved, seed, progress,
                    Files.createTempDirectory("myoflow-step")).withModels(planned, models);
            provider.createStep().run(ctx);
            return ctx.completedOutputs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
