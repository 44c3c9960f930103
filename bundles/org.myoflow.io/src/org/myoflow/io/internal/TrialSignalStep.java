package org.myoflow.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Roles;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * The source of a sub-pipeline that a map node runs per trial: outputs the bound trial's signal of one role,
 * optionally some of its channels.
 */
@Component(service = StepProvider.class)
public final class TrialSignalStep implements StepProvider {

    public static final String ID = "org.myoflow.io.trial-signal";
    public static final String OUTPUT = "signal";

    /** Parameters of {@link TrialSignalStep}. */
    public static final class Settings implements CheckedSettings {
        @Param(description = "The trial's signal role: emg, envelope, kinematics, moments, simulated or another "
                + "role of the dataset", required = true)
        public String role = "";

        @Param(description = "Comma-separated channel labels to keep, in this order; empty keeps all")
        public String channels = "";

        @Override
        public List<ParameterSchema.Problem> check() {
            if (!Roles.valid(role.strip())) {
                return List.of(new ParameterSchema.Problem("role", "'" + Excerpt.of(role, 80) + "' is not a role "
                        + "(1-64 letters, digits, '.', '_' or '-', starting with a letter)"));
            }
            return List.of();
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Trial signal")
            .category("Input")
            .description("In a pipeline that a map node runs for every trial of a dataset: the current trial's "
                    + "signal of one role (emg, envelope, kinematics, moments, simulated, ...), optionally some of "
                    + "its channels. Outside a map the node has no trial and fails.")
            .output(OUTPUT, DataTypes.SIGNAL, "the trial's signal of the role")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return TrialSignalStep::run;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        List<String> ch = labels(s.channels);
        DataSpec spec = DataSpec.ofType(DataTypes.SIGNAL);
        return Map.of(OUTPUT, ch.isEmpty() ? spec : spec.withChannels(ch));
    }

    static List<String> labels(String csv) {
        List<String> out = new ArrayList<>();
        for (String p : csv.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        Trial t = ctx.trial().orElseThrow(() -> new DataException("node '" + ctx.nodeId() + "' reads a trial's "
                + "signal but runs outside a map over a dataset: run its pipeline through a map node "
                + "(org.myoflow.io.map)"));
        String role = s.role.strip();
        Signal sig = t.signal(role).orElseThrow(() -> new DataException("trial " + t.label(0) + " has no signal "
                + "of role '" + role + "' (it has: " + String.join(", ", t.signals().keySet()) + ")"));
        List<String> ch = labels(s.channels);
        if (!ch.isEmpty()) {
            Signal.Builder b = Signal.builder(sig.samplingRate()).startTime(sig.startTime()).quantity(sig.quantity());
            for (String c : ch) {
                int i = sig.indexOf(c);
                if (i < 0) {
                    throw new DataException("trial " + t.label(0) + ", role '" + role + "': no channel "
                            + Excerpt.quoted(c) + " (channels: " + Excerpt.list(sig.labels()) + ")");
                }
                b.channel(c, sig.units().get(i), sig.channel(i));
            }
            sig = b.build();
        }
        ctx.output(OUTPUT, sig);
    }
}
