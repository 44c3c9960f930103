package org.myoflow.io.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
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

/** One trial's signal of one role, out of a dataset (e.g. the test trial of a leave-trial-out split). */
@Component(service = StepProvider.class)
public final class DatasetSignalStep implements StepProvider {

    public static final String ID = "org.myoflow.io.dataset-signal";

    /** Parameters of {@link DatasetSignalStep}. */
    public static final class Settings implements CheckedSettings {
        @Param(description = "The signal role (emg, envelope, kinematics, moments, simulated, ...)",
                required = true)
        public String role = "";

        @Param(description = "The trial, 1-based, in the dataset's order", min = 1)
        public int trial = 1;

        @Param(description = "Comma-separated channel labels to keep, in this order; empty keeps all")
        public String channels = "";

        @Override
        public List<ParameterSchema.Problem> check() {
            if (!Roles.valid(role.strip())) {
                return List.of(new ParameterSchema.Problem("role", "'" + Excerpt.of(role, 80) + "' is not a role"));
            }
            return List.of();
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Dataset signal")
            .category("Datasets")
            .description("Takes one trial's signal of one role out of a dataset, optionally some of its channels "
                    + "(e.g. the test trial of a leave-trial-out split).")
            .input("dataset", DataTypes.DATASET, "the trials")
            .output("signal", DataTypes.SIGNAL, "the trial's signal of the role")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return DatasetSignalStep::run;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        List<String> ch = TrialSignalStep.labels(context.settings(Settings.class).channels);
        DataSpec spec = DataSpec.ofType(DataTypes.SIGNAL);
        return Map.of("signal", ch.isEmpty() ? spec : spec.withChannels(ch));
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        Dataset d = ctx.input("dataset", Dataset.class);
        if (s.trial > d.size()) {
            throw new DataException("trial " + s.trial + " is beyond the dataset's " + d.size() + " trial(s)");
        }
        Trial t = d.trial(s.trial - 1);
        String role = s.role.strip();
        Signal sig = t.signal(role).orElseThrow(() -> new DataException("trial " + s.trial + " (" + t.label(s.trial)
                + ") has no signal of role '" + role + "' (it has: " + String.join(", ", t.signals().keySet())
                + ")"));
        List<String> ch = TrialSignalStep.labels(s.channels);
        if (!ch.isEmpty()) {
            Signal.Builder b = Signal.builder(sig.samplingRate()).startTime(sig.startTime()).quantity(sig.quantity());
            for (String c : ch) {
                int i = sig.indexOf(c);
                if (i < 0) {
                    throw new DataException("trial " + s.trial + ", role '" + role + "': no channel "
                            + Excerpt.quoted(c) + " (channels: " + Excerpt.list(sig.labels()) + ")");
                }
                b.channel(c, sig.units().get(i), sig.channel(i));
            }
            sig = b.build();
        }
        ctx.output("signal", sig);
    }
}
