package org.myoflow.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.myoflow.core.data.DataType;

/**
 * What a step is: identity, documentation, literature, ports and parameters. Immutable; build with
 * {@link #builder(String, String)}.
 *
 * @since 0.1
 */
public final class StepDescriptor {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_-]+)+");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern PORT = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");

    private final String id;
    private final String version;
    private final String name;
    private final String category;
    private final String description;
    private final List<String> references;
    private final List<PortSpec> inputs;
    private final List<PortSpec> outputs;
    private final ParameterSchema parameters;

    private StepDescriptor(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.name = Objects.requireNonNull(b.name, "name");
        this.category = Objects.requireNonNullElse(b.category, "Other");
        this.description = Objects.requireNonNullElse(b.description, "");
        this.references = List.copyOf(b.references);
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.parameters = b.parameters;
    }

    /**
     * @param id      reverse-domain id, e.g. {@code org.myoflow.spikes.fuglevand}
     * @param version semantic version major.minor.micro; a pipeline saved with major M runs with any M.x.y
     */
    public static Builder builder(String id, String version) {
        return new Builder(id, version);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    public String name() {
        return name;
    }

    /** Palette category, slash-separated, e.g. "Simulation/Spikes". */
    public String category() {
        return category;
    }

    public String description() {
        return description;
    }

    /** Literature the step implements, one citation per entry. */
    public List<String> references() {
        return references;
    }

    public List<PortSpec> inputs() {
        return inputs;
    }

    public List<PortSpec> outputs() {
        return outputs;
    }

    public Optional<PortSpec> input(String port) {
        return inputs.stream().filter(p -> p.name().equals(port)).findFirst();
    }

    public Optional<PortSpec> output(String port) {
        return outputs.stream().filter(p -> p.name().equals(port)).findFirst();
    }

    public ParameterSchema parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return id + " " + version;
    }

    /** Builds a {@link StepDescriptor}; checks ids, versions and port names. */
    public static final class Builder {
        private final String id;
        private final String version;
        private String name;
        private String category;
        private String description;
        private final List<String> references = new ArrayList<>();
        private final List<PortSpec> inputs = new ArrayList<>();
        private final List<PortSpec> outputs = new ArrayList<>();
        private ParameterSchema parameters = ParameterSchema.EMPTY;

        private Builder(String id, String version) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("step id must be reverse-domain lower case, got " + id);
            }
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("step version must be major.minor.micro, got " + version);
            }
            this.id = id;
            this.version = version;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder reference(String citation) {
            references.add(citation);
            return this;
        }

        public Builder input(String port, DataType type, String description) {
            return addPort(inputs, new PortSpec(port, type, false, description));
        }

        public Builder optionalInput(String port, DataType type, String description) {
            return addPort(inputs, new PortSpec(port, type, true, description));
        }

        public Builder output(String port, DataType type, String description) {
            return addPort(outputs, new PortSpec(port, type, false, description));
        }

        /** The settings class whose {@link Param} fields are the parameters. */
        public Builder settings(Class<?> settingsClass) {
            this.parameters = ParameterSchema.of(settingsClass);
            return this;
        }

        private Builder addPort(List<PortSpec> list, PortSpec p) {
            if (!PORT.matcher(p.name()).matches()) {
                throw new IllegalArgumentException("port name '" + p.name() + "' of " + id + " is not an identifier");
            }
            if (list.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw new IllegalArgumentException("duplicate port '" + p.name() + "' in " + id);
            }
            list.add(p);
            return this;
        }

        public StepDescriptor build() {
            return new StepDescriptor(this);
        }
    }
}
