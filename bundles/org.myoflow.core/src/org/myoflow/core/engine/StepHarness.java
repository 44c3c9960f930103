package org.myoflow.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.Data;
import org.myoflow.core.internal.NodeContext;
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
    private long seed = 1;

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

    public StepHarness seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs the step and returns its outputs by port; throws the step's exception unchanged. */
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
        try {
            NodeContext ctx = new NodeContext("test", provider.descriptor(), inputs, schema.resolve(params), seed,
                    progress, Files.createTempDirectory("myoflow-step"));
            provider.createStep().run(ctx);
            return ctx.completedOutputs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
