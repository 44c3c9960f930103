package org.myoflow.ui.editor.edit;

import org.myoflow.core.spi.PortSpec;
import org.myoflow.core.spi.StepDescriptor;

/**
 * Whether an output port may feed an input port: both exist and the input's data type accepts the output's
 * ({@link org.myoflow.core.data.DataType#accepts}, the rule the engine applies when it validates).
 *
 * @since 0.1
 */
public final class PortCompatibility {

    private PortCompatibility() {
    }

    /**
     * @return null when {@code source.sourcePort} may be connected to {@code target.targetPort}, else why not
     */
    public static String problem(StepDescriptor source, String sourcePort, StepDescriptor target,
            String targetPort) {
        if (source == null || target == null) {
            return "the step of " + (source == null ? "the source" : "the target") + " node is not installed";
        }
        PortSpec out = source.output(sourcePort).orElse(null);
        if (out == null) {
            return source.name() + " has no output '" + sourcePort + "'";
        }
        PortSpec in = target.input(targetPort).orElse(null);
        if (in == null) {
            return target.name() + " has no input '" + targetPort + "'";
        }
        if (!in.type().accepts(out.type())) {
            return "type mismatch: input '" + in.name() + "' of " + target.name() + " expects " + in.type().id()
                    + ", output '" + out.name() + "' of " + source.name() + " gives " + out.type().id();
        }
        return null;
    }
}
