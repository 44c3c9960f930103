package org.myoflow.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.StepDescriptor;

/** The {@link ConfigureContext} of one node during validation; problems go to the planner's list. */
public final class NodeConfigureContext implements ConfigureContext {

    private final String nodeId;
    private final StepDescriptor descriptor;
    private final Map<String, Object> parameters;
    private final Map<String, DataSpec> inputs;
    private final List<ValidationProblem> problems;
    private final Map<String, ModelFile> models;
    private int added;
    private final Map<String, Long> sizes = new java.util.LinkedHashMap<>();

    public NodeConfigureContext(String nodeId, StepDescriptor descriptor, Map<String, Object> parameters,
            Map<String, DataSpec> inputs, List<ValidationProblem> problems) {
        this(nodeId, descriptor, parameters, inputs, problems, Map.of());
    }

    public NodeConfigureContext(String nodeId, StepDescriptor descriptor, Map<String, Object> parameters,
            Map<String, DataSpec> inputs, List<ValidationProblem> problems, Map<String, ModelFile> models) {
        this.models = models == null ? Map.of() : models;
        this.nodeId = nodeId;
        this.descriptor = descriptor;
        this.parameters = parameters;
        this.inputs = inputs;
        this.problems = problems;
    }

    private org.myoflow.core.spi.SubPipelines pipelines;

    /** Gives the context the experiment's sub-pipelines (may be null). */
    public NodeConfigureContext withPipelines(org.myoflow.core.spi.SubPipelines pipelines) {
        this.pipelines = pipelines;
        return this;
    }

    @Override
    public java.util.Optional<org.myoflow.core.spi.SubPipelines> pipelines() {
        return java.util.Optional.ofNullable(pipelines);
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
    public java.util.Optional<ModelFile> model(String name) {
        return java.util.Optional.ofNullable(name == null ? null : models.get(name.strip()));
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
    public Optional<DataSpec> inputSpec(String port) {
        if (descriptor.input(port).isEmpty()) {
            throw new IllegalArgumentException("step " + descriptor.id() + " has no input port '" + port + "'");
        }
        return Optional.ofNullable(inputs.get(port));
    }

    @Override
    public void problem(String port, String channel, String message) {
        problems.add(new ValidationProblem(nodeId, subject(port, channel), message));
        added++;
    }

    @Override
    public void parameterProblem(String parameter, String message) {
        problems.add(new ValidationProblem(nodeId, "parameter '" + parameter + "'", message));
        added++;
    }

    private final Map<String, String> files = new java.util.LinkedHashMap<>();

    @Override
    public void inputFile(java.nio.file.Path file) {
        java.nio.file.Path p = file.toAbsolutePath().normalize();
        try {
            files.put(p.toString(), org.myoflow.core.data.Digests.sha256(p));
        } catch (java.io.IOException | RuntimeException e) {
            dataProblem(null, "cannot read " + org.myoflow.core.data.Excerpt.of(p.toString(), 200) + ": "
                    + org.myoflow.core.data.Excerpt.message(String.valueOf(e.getMessage())));
        }
    }

    /** The files declared with {@link #inputFile}: path to SHA-256. */
    public Map<String, String> inputFiles() {
        return files;
    }

    @Override
    public void dataProblem(String parameter, String message) {
        problems.add(new ValidationProblem(nodeId, parameter == null ? null : "parameter '" + parameter + "'", message,
                true));
        added++;
    }

    @Override
    public boolean hasProblems() {
        return added > 0;
    }

    @Override
    public void outputSize(String port, long bytes) {
        if (descriptor.output(port).isEmpty()) {
            throw new IllegalArgumentException("step " + descriptor.id() + " has no output port '" + port + "'");
        }
        sizes.put(port, Math.max(0, bytes));
    }

    /** The output sizes the step reported, by output port. */
    public Map<String, Long> outputSizes() {
        return java.util.Collections.unmodifiableMap(sizes);
    }

    static String subject(String port, String channel) {
        if (port == null && channel == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (port != null) {
            sb.append("input '").append(port).append('\'');
        }
        if (channel != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("channel '").append(channel).append('\'');
        }
        return sb.toString();
    }
}
