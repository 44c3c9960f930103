package org.myoflow.musculoskeletal.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
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
import org.osgi.service.component.annotations.Component;

/** Joint torque and muscle forces from activations and joint angle through Thelen (2003) muscles. */
@Component(service = StepProvider.class)
public final class JointTorqueStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.musculoskeletal.joint-torque";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Joint torque")
            .category("Musculoskeletal")
            .description("Muscle-tendon forces of Thelen (2003) Hill-type muscles (rigid or elastic tendon) from "
                    + "activation, joint angle and its central-difference velocity, and the joint torque as the "
                    + "sum of moment arm times force.")
            .reference(MskSteps.THELEN_2003)
            .reference(MskSteps.HOLZBAUR_2005)
            .reference(MskSteps.MURRAY_1995)
            .input("activation", DataTypes.SIGNAL, "Activation in [0, 1], one channel per muscle of the model, "
                    + "labelled with the muscle names")
            .input("kinematics", DataTypes.SIGNAL, "Joint angle (rad or deg, 0 = full extension, flexion positive), "
                    + "sampled like the activation")
            .output("torque", DataTypes.SIGNAL, "Joint torque in N·m, flexion positive")
            .output("force", DataTypes.SIGNAL, "Tendon force per muscle in N")
            .settings(JointTorqueSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return JointTorqueStep::run;
    }

    /**
     * Refuses an activation that lacks a muscle of the model (naming the muscle), an ambiguous or unknown angle
     * channel and inputs sampled differently; declares the torque and one force channel per muscle.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        JointTorqueSettings s = context.settings(JointTorqueSettings.class);
        DataSpec act = context.inputSpec("activation").orElseThrow();
        DataSpec kin = context.inputSpec("kinematics").orElseThrow();
        JointModel model = s.model.model();
        if (act.channelsKnown()) {
            for (String m : model.muscleNames()) {
                if (!act.hasChannel(m)) {
                    context.problem("activation", m, "no activation channel for muscle '" + m + "' of the "
                            + model.name() + " model; channels are " + act.channelLabels());
                }
            }
        }
        MskSteps.requireChannel(context, "kinematics", kin, s.angleChannel, "angleChannel");
        MskSteps.sameRate(context, "activation", act, "kinematics", kin);
        return Map.of("torque", MskSteps.onTimeBase(kin, "torque", "N·m", List.of(model.name() + " torque")),
                "force", MskSteps.onTimeBase(kin, "force", "N", model.muscleNames()));
    }

    private static void run(StepContext context) {
        JointTorqueSettings s = context.settings(JointTorqueSettings.class);
        Signal act = context.input("activation", Signal.class);
        Signal kin = context.input("kinematics", Signal.class);
        JointKinematics.sameSampling(act, "activation", kin, "kinematics");
        JointModel model = s.model.model();
        List<String> names = model.muscleNames();
        double[][] a = new double[names.size()][];
        for (int m = 0; m < a.length; m++) {
            int c = act.indexOf(names.get(m));
            if (c < 0) {
                throw new DataException("no activation channel for muscle '" + names.get(m) + "' of the "
                        + model.name() + " model; channels are " + act.labels());
            }
            a[m] = act.channel(c);
        }
        double[] q = MskSteps.angleRad(kin, s);
        double[] qd = JointKinematics.velocity(q, kin.samplingRate());
        int n = q.length;
        double[] tau = new double[n];
        double[][] f = new double[a.length][n];
        double[] at = new double[a.length];
        for (int t = 0; t < n; t++) {
            if (t % 256 == 0) {
                context.progress().checkCancelled();
                context.progress().update((double) t / n, "sample " + t + " of " + n);
            }
            for (int m = 0; m < at.length; m++) {
                double x = a[m][t];
                if (!(x >= 0 && x <= 1)) {
                    throw new DataException("activation of '" + names.get(m) + "' at sample " + t + " is " + x
                            + ", outside [0, 1]");
                }
                at[m] = x;
            }
            double[] ft = model.forces(q[t], qd[t], at, s.tendon);
            double[] r = model.momentArms(q[t]);
            for (int m = 0; m < ft.length; m++) {
                f[m][t] = ft[m];
                tau[t] += r[m] * ft[m];
            }
        }
        context.output("torque", Signal.builder(kin.samplingRate()).startTime(kin.startTime()).quantity("torque")
                .channel(model.name() + " torque", "N·m", tau).build());
        Signal.Builder fb = Signal.builder(kin.samplingRate()).startTime(kin.startTime()).quantity("force");
        for (int m = 0; m < names.size(); m++) {
            fb.channel(names.get(m), "N", f[m]);
        }
        context.output("force", fb.build());
    }
}
