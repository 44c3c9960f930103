package org.myoflow.spikes.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.spikes.ExcitationProfile;
import org.osgi.service.component.annotations.Component;

/** Step {@code org.myoflow.spikes.excitation-profile}: a synthetic excitation (constant, ramp, trapezoid, sine). */
@Component(service = StepProvider.class)
public final class ExcitationProfileStep implements StepProvider {

    public static final String ID = "org.myoflow.spikes.excitation-profile";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Excitation profile")
            .category("Simulation/Excitation")
            .description("A synthetic excitation in [0, 1] (fraction of maximal excitation) to drive a motor-unit "
                    + "pool: constant, ramp, trapezoid (rise, plateau, fall of equal rise time) or sinusoid, "
                    + "sampled at k/fs from t = 0.")
            .output("excitation", DataTypes.SIGNAL, "One channel, labelled by the label parameter, "
                    + "quantity 'excitation'")
            .settings(ExcitationProfileSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return ExcitationProfileStep::run;
    }

    /** One channel named by {@code label}, quantity "excitation", dimensionless, at the profile's rate. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        ExcitationProfileSettings s = context.settings(ExcitationProfileSettings.class);
        double n = Math.rint(s.duration * s.samplingRate);
        return Map.of("excitation", DataSpec.signal("excitation", "", List.of(s.label), s.samplingRate,
                n / s.samplingRate));
    }

    private static void run(StepContext context) {
        ExcitationProfileSettings s = context.settings(ExcitationProfileSettings.class);
        if (s.label == null || s.label.isBlank()) {
            throw new IllegalArgumentException("parameter label must not be empty");
        }
        ExcitationProfile profile;
        try {
            profile = new ExcitationProfile(s.shape, s.duration, s.level, s.baseline, s.rise, s.plateau,
                    s.frequency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameters: " + e.getMessage(), e);
        }
        double[] u = profile.sample(s.samplingRate);
        context.output("excitation", Signal.builder(s.samplingRate).quantity("excitation")
                .channel(s.label, "", u).build());
        context.progress().update(1, "done");
    }
}
