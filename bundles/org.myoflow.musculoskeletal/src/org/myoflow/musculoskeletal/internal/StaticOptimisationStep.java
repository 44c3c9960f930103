package org.myoflow.musculoskeletal.internal;

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
import org.myoflow.musculoskeletal.JointKinematics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.StaticOptimisation;
import org.osgi.service.component.annotations.Component;

/** Muscle activations from joint angle and torque by static optimisation (minimum Σ a², rigid tendon). */
@Component(service = StepProvider.class)
public final class StaticOptimisationStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.musculoskeletal.static-optimisation";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Static optimisation")
            .category("Musculoskeletal")
            .description("For each sample, the muscle activations that minimise the sum of squared activations "
                    + "while the muscles (Thelen 2003 Hill-type, rigid tendon, force-length and force-velocity "
                    + "from the joint angle and its central-difference velocity) produce the given joint torque. "
                    + "Torque beyond the muscles' capacity saturates the activations and is reported as residual.")
            .reference(MskSteps.CROWNINSHIELD_1981)
            .reference(MskSteps.THELEN_2003)
            .reference(MskSteps.HOLZBAUR_2005)
            .reference(MskSteps.MURRAY_1995)
            .input("kinematics", DataTypes.SIGNAL, "Joint angle (rad or deg, 0 = full extension, flexion positive)")
            .input("torque", DataTypes.SIGNAL, "Net joint torque in N·m (flexion positive), sampled like the "
                    + "kinematics")
            .output("activation", DataTypes.SIGNAL, "Activation in [minActivation, 1], one channel per muscle")
            .output("residual", DataTypes.SIGNAL, "Torque the muscles could not produce, N·m (0 when feasible)")
            .settings(StaticOptimisationSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return StaticOptimisationStep::run;
    }

    /**
     * Refuses ambiguous or unknown angle and torque channels and inputs sampled differently; declares one
     * activation channel per muscle of the model and the residual torque.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        StaticOptimisationSettings s = context.settings(StaticOptimisationSettings.class);
        DataSpec kin = context.inputSpec("kinematics").orElseThrow();
        DataSpec tor = context.inputSpec("torque").orElseThrow();
        MskSteps.requireChannel(context, "kinematics", kin, s.angleChannel, "angleChannel");
        MskSteps.requireChannel(context, "torque", tor, s.torqueChannel, "torqueChannel");
        MskSteps.sameRate(context, "kinematics", kin, "torque", tor);
        JointModel model = s.model.model();
        return Map.of("activation", MskSteps.onTimeBase(kin, "activation", "", model.muscleNames()),
                "residual", MskSteps.onTimeBase(kin, "torque", "N·m", List.of(model.name() + " residual")));
    }

    private static void run(StepContext context) {
        StaticOptimisationSettings s = context.settings(StaticOptimisationSettings.class);
        Signal kin = context.input("kinematics", Signal.class);
        Signal tor = context.input("torque", Signal.class);
        JointKinematics.sameSampling(kin, "kinematics", tor, "torque");
        double[] q = MskSteps.angleRad(kin, s);
        double[] qd = JointKinematics.velocity(q, kin.samplingRate());
        double[] tau = tor.channel(JointKinematics.channel(tor, s.torqueChannel, "torque"));
        JointModel model = s.model.model();
        StaticOptimisation so = new StaticOptimisation(model, s.minActivation);
        int n = q.length;
        double[][] a = new double[model.muscles().size()][n];
        double[] res = new double[n];
        for (int t = 0; t < n; t++) {
            if (t % 256 == 0) {
                context.progress().checkCancelled();
                context.progress().update((double) t / n, "sample " + t + " of " + n);
            }
            StaticOptimisation.Solution sol = so.solve(q[t], qd[t], tau[t]);
            double[] at = sol.activations();
            for (int m = 0; m < at.length; m++) {
                a[m][t] = at[m];
            }
            res[t] = sol.residualTorque();
        }
        List<String> names = model.muscleNames();
        Signal.Builder out = Signal.builder(kin.samplingRate()).startTime(kin.startTime()).quantity("activation");
        for (int m = 0; m < names.size(); m++) {
            out.channel(names.get(m), "", a[m]);
        }
        context.output("activation", out.build());
        context.output("residual", Signal.builder(kin.samplingRate()).startTime(kin.startTime())
                .quantity("torque").channel(model.name() + " residual", "N·m", res).build());
    }
}
