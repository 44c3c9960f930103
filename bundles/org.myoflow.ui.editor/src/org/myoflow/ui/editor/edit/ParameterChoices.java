package org.myoflow.ui.editor.edit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.experiment.ParameterValues;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Connection;
import org.myoflow.model.Node;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;

/**
 * What the parameter form offers beyond the schema, without SWT: whether a parameter applies given the node's
 * other values ({@link ParameterSpec#appliesWhen()}), and the channel or muscle labels a parameter that names a
 * channel of an input ({@link ParameterSpec#channelOf()}) can take, from the spec of whatever is connected there.
 *
 * @since 0.2
 */
public final class ParameterChoices {

    private ParameterChoices() {
    }

    /** The node's parameter values as the engine would resolve them: stored values, else the defaults. */
    public static Map<String, Object> values(Node node, StepDescriptor descriptor) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec s : descriptor.parameters().specs()) {
            ParameterValue pv = PipelineEdits.parameter(node, s.name());
            Object v = s.defaultValue();
            if (pv != null) {
                try {
                    v = ParameterValues.fromModel(pv);
                } catch (RuntimeException e) {
                    // an unreadable stored value: keep the default for the decision
                }
            }
            out.put(s.name(), v);
        }
        return out;
    }

    /** Whether the parameter has an effect on this node (true when it always applies). */
    public static boolean applies(ParameterSpec spec, Node node, StepDescriptor descriptor) {
        return spec.appliesWhen() == null || spec.applies(values(node, descriptor));
    }

    /**
     * The labels a {@code channelOf} parameter may take: the channel labels of the output connected to that input
     * port of the node, as derived by the engine's configure phase ({@code specs} by node id and output port).
     * Empty when the parameter names no channel, the input is not connected or its labels are unknown.
     */
    public static List<String> channels(ParameterSpec spec, Pipeline pipeline, String nodeId,
            Map<String, Map<String, DataSpec>> specs) {
        if (spec.channelOf() == null || pipeline == null) {
            return List.of();
        }
        for (Connection c : pipeline.getConnections()) {
            if (nodeId.equals(c.getTargetNode()) && spec.channelOf().equals(c.getTargetPort())) {
                DataSpec up = specs.getOrDefault(c.getSourceNode(), Map.of()).get(c.getSourcePort());
                return up == null || up.channelLabels() == null ? List.of() : up.channelLabels();
            }
        }
        return List.of();
    }
}
