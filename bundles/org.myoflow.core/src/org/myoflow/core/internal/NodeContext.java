package org.myoflow.core.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.myoflow.core.data.Data;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;

/** The {@link StepContext} of one node execution. */
public final class NodeContext implements StepContext {

    private final String nodeId;
    private final StepDescriptor descriptor;
    private final Map<String, Data> inputs;
    private final Map<String, Object> parameters;
    private final long seed;
    private final Progress progress;
    private final Path scratch;
    private final Map<String, Data> outputs = new LinkedHashMap<>();
    private final System.Logger logger;
    private Map<String, ModelFile> models = Map.of();
    private ModelResolver modelRegistry = ModelResolver.NONE;

    public NodeContext(String nodeId, StepDescriptor descriptor, Map<String, Data> inputs,
            Map<String, Object> parameters, long seed, Progress progress, Path scratch) {
        this.nodeId = nodeId;
        this.descriptor = descriptor;
        this.inputs = Map.copyOf(inputs);
        this.parameters = parameters;
        this.seed = seed;
        this.progress = progress;
        this.scratch = scratch;
        this.logger = System.getLogger("org.myoflow.step." + descriptor.id());
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public StepDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public <T extends Data> T input(String port, Class<T> type) {
        return optionalInput(port, type).orElseThrow(() -> new IllegalArgumentException(
                "node '" + nodeId + "': input port '" + port + "' is not connected"));
    }

    @Override
    public <T extends Data> Optional<T> optionalInput(String port, Class<T> type) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException("step " + descriptor.id() + " has no input port '" + port + "'");
        }
        Data d = inputs.get(port);
        if (d == null) {
            return Optional.empty();
        }
        if (!type.isInstance(d)) {
            throw new IllegalArgumentException("node '" + nodeId + "': input '" + port + "' holds "
                    + d.type().id() + ", not " + type.getSimpleName());
        }
        return Optional.of(type.cast(d));
    }

    @Override
    public <S> S settings(Class<S> settingsClass) {
        return descriptor.parameters().bind(settingsClass, parameters);
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public void output(String port, Data data) {
        PortSpec spec = descriptor.output(port).orElseThrow(() -> new IllegalArgumentException(
                "step " + descriptor.id() + " has no output port '" + port + "'"));
        if (!spec.type().accepts(data.type())) {
            throw new IllegalArgumentException("step " + descriptor.id() + " output '" + port + "' must be "
                    + spec.type().id() + ", got " + data.type().id());
        }
        if (outputs.putIfAbsent(port, data) != null) {
            throw new IllegalStateException("step " + descriptor.id() + " set output '" + port + "' twice");
        }
    }

    /** The outputs written so far; throws if a declared output is missing. */
    public Map<String, Data> completedOutputs() {
        for (PortSpec p : descriptor.outputs()) {
            if (!outputs.containsKey(p.name())) {
                throw new IllegalStateException("step " + descriptor.id() + " (node '" + nodeId
                        + "') finished without writing output '" + p.name() + "'");
            }
        }
        return Map.copyOf(outputs);
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(seed);
    }

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Path scratchDirectory() {
        return scratch;
    }

    /** Gives the step its planned model files and the run's model registry; returns this context. */
    private org.myoflow.core.data.Trial trial;
    private org.myoflow.core.spi.SubPipelines pipelines;

    /** Binds the run's trial and the experiment's sub-pipelines (either may be null). */
    public NodeContext withSubRuns(org.myoflow.core.data.Trial trial, org.myoflow.core.spi.SubPipelines pipelines) {
        this.trial = trial;
        this.pipelines = pipelines;
        return this;
    }

    @Override
    public Optional<org.myoflow.core.data.Trial> trial() {
        return Optional.ofNullable(trial);
    }

    @Override
    public org.myoflow.core.spi.SubPipelines pipelines() {
        if (pipelines == null) {
            return StepContext.super.pipelines();
        }
        return pipelines;
    }

    public NodeContext withModels(Map<String, ModelFile> planned, ModelResolver registry) {
        this.models = Map.copyOf(planned);
        this.modelRegistry = registry;
        return this;
    }

    @Override
    public Map<String, ModelFile> models() {
        return models;
    }

    @Override
    public ModelResolver modelRegistry() {
        return modelRegistry;
    }
}
