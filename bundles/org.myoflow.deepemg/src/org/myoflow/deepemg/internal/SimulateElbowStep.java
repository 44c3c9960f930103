package org.myoflow.deepemg.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.synthesis.experiments.ElbowExperiment;
import org.myoflow.musculoskeletal.JointModels;
import org.osgi.service.component.annotations.Component;

/**
 * One trial of the simulated elbow experiment ({@link ElbowExperiment}) as signals: the surface envelopes, the
 * kinematics, the torque and the true excitations of every muscle (the deep ones included, for scoring and for
 * training labels).
 */
@Component(service = StepProvider.class)
public final class SimulateElbowStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.simulate-elbow";

    /** Parameters. */
    public static class Settings {
        @Param(description = "Simulated subject (its muscle parameters and anatomy follow from the seed and this "
                + "index)", min = 0, max = 63)
        public int subject = 0;

        @Param(description = "Trial of that subject (the load cycles with the trial index)", min = 0, max = 63)
        public int trial = 0;

        @Param(description = "Trial duration", unit = "s", min = 2, max = 120)
        public double seconds = 10;

        @Param(description = "Motor units per surface muscle", min = 5, max = 400)
        public int units = 60;

        @Param(description = "Signal-to-noise ratio of the surface EMG", unit = "dB", min = -10, max = 60)
        public double snrDb = 20;

        @Param(description = "Spread of the subjects' muscle strengths around the generic model (fraction)", min = 0,
                max = 0.9)
        public double parameterSpread = 0.25;
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Simulated elbow experiment")
            .category("Deep-muscle EMG")
            .description("One flexion-extension trial of a simulated subject: surface EMG of the superficial elbow "
                    + "muscles from the platform's EMG simulator as normalised envelopes, elbow angle, torque from "
                    + "the subject's Hill-type model, and the true excitations of all seven muscles (brachialis and "
                    + "medial triceps are the deep ones).")
            .output("envelopes", DataTypes.SIGNAL, "MVC-normalised surface envelopes of " + ElbowExperiment.SURFACE)
            .output("kinematics", DataTypes.SIGNAL, "Elbow flexion angle, rad (0 = extended)")
            .output("torque", DataTypes.SIGNAL, "Elbow torque, N·m, flexion positive")
            .output("excitation", DataTypes.SIGNAL, "True excitation of every muscle of the elbow model")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SimulateElbowStep::run;
    }

    /** The surface envelopes, the angle, the torque and every elbow muscle's excitation, by label. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        double nan = Double.NaN;
        return Map.of("envelopes", DataSpec.signal("envelope", "", ElbowExperiment.SURFACE, nan, s.seconds),
                "kinematics", DataSpec.signal("angle", "rad", List.of("elbow_flexion"), nan, s.seconds),
                "torque", DataSpec.signal("torque", "N·m", List.of("elbow_flexion_moment"), nan, s.seconds),
                "excitation", DataSpec.signal("excitation", "", JointModels.elbow().muscleNames(), nan,
                        s.seconds));
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        ElbowExperiment.Settings d = ElbowExperiment.Settings.defaults();
        ElbowExperiment.Settings settings = new ElbowExperiment.Settings(s.subject + 1, s.trial + 1, s.seconds,
                d.envelopeRate(), d.emgRate(), s.units, s.snrDb, s.parameterSpread, context.seed());
        context.progress().update(0.05, "simulating subject " + s.subject + ", trial " + s.trial);
        ElbowExperiment.Trial t = ElbowExperiment.simulate(settings).trials(s.subject).get(s.trial);
        double fs = t.rate();
        Signal.Builder env = Signal.builder(fs).quantity("envelope");
        for (int c = 0; c < ElbowExperiment.SURFACE.size(); c++) {
            env.channel(ElbowExperiment.SURFACE.get(c), "", t.envelopes()[c]);
        }
        context.output("envelopes", env.build());
        context.output("kinematics", Signal.builder(fs).quantity("angle").channel("elbow_flexion", "rad",
                t.angles()).build());
        context.output("torque", Signal.builder(fs).quantity("torque").channel("elbow_flexion_moment", "N·m",
                t.torques()).build());
        Signal.Builder ex = Signal.builder(fs).quantity("excitation");
        List<String> names = JointModels.elbow().muscleNames();
        for (int m = 0; m < names.size(); m++) {
            ex.channel(names.get(m), "", t.excitations()[m]);
        }
        context.output("excitation", ex.build());
        context.logger().log(System.Logger.Level.INFO, "simulated elbow trial: subject " + s.subject + ", trial "
                + s.trial + ", load " + t.loadKg() + " kg, " + t.samples() + " samples at " + fs + " Hz");
    }
}
