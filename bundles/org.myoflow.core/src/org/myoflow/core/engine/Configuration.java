package org.myoflow.core.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataSpec;

/**
 * The outcome of {@link Engine#configure}: validation problems and what each configured node's outputs carry.
 *
 * @param specs    by node id, then output port; nodes that were refused or not reached are absent
 * @param problems every problem that stops the pipeline from running; empty when valid
 * @param sizes    the estimated size in bytes of each configured node's outputs, by node id (see
 *                 docs/writing-a-step.md, "Sizing"); since 0.3
 * @since 0.2
 */
public record Configuration(Map<String, Map<String, DataSpec>> specs, List<ValidationProblem> problems,
        Map<String, Long> sizes) {

    public Configuration {
        Map<String, Map<String, DataSpec>> copy = new LinkedHashMap<>();
        specs.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        specs = java.util.Collections.unmodifiableMap(copy);
        problems = List.copyOf(problems);
        sizes = sizes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    }

    /** A configuration without size estimates. */
    public Configuration(Map<String, Map<String, DataSpec>> specs, List<ValidationProblem> problems) {
        this(specs, problems, Map.of());
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The spec of one output port of one node, if it was derived. */
    public Optional<DataSpec> spec(String node, String port) {
        return Optional.ofNullable(specs.getOrDefault(node, Map.of()).get(port));
    }
}
