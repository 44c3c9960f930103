package org.myoflow.deepemg.internal;

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
import org.myoflow.deepemg.Nmf;
import org.myoflow.deepemg.Pca;
import org.myoflow.deepemg.SynergyExtrapolation;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.osgi.service.component.annotations.Component;

/** Synergy extrapolation of the unmeasured elbow muscles' excitations from measured envelopes and the torque. */
@Component(service = StepProvider.class)
public final class SynergyExtrapolationStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.synergy-extrapolation";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Synergy extrapolation")
            .category("Deep-muscle EMG")
            .description("Excitations of the elbow muscles without EMG as weighted sums of the synergy activations "
                    + "(NMF or PCA) of the measured envelopes, with weights fitted so that the elbow model's torque "
                    + "(rigid tendon, activation = excitation) matches the given torque.")
            .reference("Ao D, Shourijeh MS, Patten C, Fregly BJ (2020) Evaluation of synergy extrapolation for "
                    + "predicting unmeasured muscle excitations from measured muscle synergies. Front Comput "
                    + "Neurosci 14:588943")
            .reference("Ao D et al. (2024) Comparison of synergy extrapolation and static optimization for "
                    + "estimating multiple unmeasured muscle activations during walking. J NeuroEng Rehabil 21:194")
            .reference("Lee DD, Seung HS (2001) Algorithms for non-negative matrix factorization. Adv Neural Inf "
                    + "Process Syst 13:556-562")
            .input("envelopes", DataTypes.SIGNAL, "Envelopes of the measured muscles, one channel each")
            .input("kinematics", DataTypes.SIGNAL, "Elbow angle (rad or deg, 0 = full extension), sampled like the "
                    + "envelopes")
            .input("torque", DataTypes.SIGNAL, "Elbow torque in N·m (inverse dynamics), flexion positive")
            .output("excitation", DataTypes.SIGNAL, "Excitation of every muscle of the elbow model: the normalised "
                    + "envelopes and the extrapolated ones")
            .output("torque", DataTypes.SIGNAL, "The model's elbow torque with those excitations, N·m")
            .settings(SynergyExtrapolationSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SynergyExtrapolationStep::run;
    }

    /** See {@link ElbowStepInputs#configure}; declares every model muscle's excitation and the model torque. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        SynergyExtrapolationSettings s = context.settings(SynergyExtrapolationSettings.class);
        JointModel model = JointModels.elbow();
        s.configure(context, model);
        return ElbowStepInputs.outputs(context, model, model.name() + " torque");
    }

    private static void run(StepContext context) {
        SynergyExtrapolationSettings s = context.settings(SynergyExtrapolationSettings.class);
        JointModel model = JointModels.elbow();
        ElbowStepInputs.Recording rec = s.recording(context, model);
        Signal env = rec.envelopes();
        double[] q = rec.angles();
        double[] qd = rec.velocities();
        double[] tau = rec.torques();
        double[][] e = new double[env.channelCount()][];
        for (int c = 0; c < e.length; c++) {
            e[c] = env.channel(c);
        }
        try {
            int[] map = rec.channelMuscles();
            if (s.normalise) {
                e = SynergyExtrapolation.normaliseByMaximum(List.<double[][]>of(e)).get(0);
            } else {
                int clipped = 0;
                for (double[] row : e) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] > 1) {
                            row[i] = 1;
                            clipped++;
                        } else if (row[i] < 0) {
                            row[i] = 0;
                            clipped++;
                        }
                    }
                }
                if (clipped > 0) {
                    context.logger().log(System.Logger.Level.INFO, clipped + " envelope samples outside [0, 1] "
                            + "clipped");
                }
            }
            context.progress().update(0.1, "decomposing " + e.length + " envelopes");
            double[][] h = switch (s.decomposition) {
                case NMF -> new Nmf(s.synergies, s.replicates, Nmf.DEFAULT_MAX_ITERATIONS, Nmf.DEFAULT_TOLERANCE,
                        context.seed()).factorise(e).activations();
                case PCA -> Pca.of(e, s.synergies, false).scores();
            };
            context.progress().checkCancelled();
            context.progress().update(0.6, "fitting the missing muscles' weights");
            SynergyExtrapolation.Trial trial = new SynergyExtrapolation.Trial(e, q, qd, tau);
            SynergyExtrapolation.Result r = new SynergyExtrapolation(model, map,
                    SynergyExtrapolation.Options.defaults().withRegularisation(s.regularisation))
                    .fit(List.of(trial), h);
            context.logger().log(System.Logger.Level.INFO, "synergy extrapolation of " + r.missingNames()
                    + ": torque RMSE " + r.torqueRmse() + " N·m");
            Signal.Builder out = Signal.builder(env.samplingRate()).startTime(env.startTime()).quantity("excitation");
            List<String> all = model.muscleNames();
            for (int m = 0; m < all.size(); m++) {
                out.channel(all.get(m), "", r.excitation(m));
            }
            context.output("excitation", out.build());
            context.output("torque", Signal.builder(env.samplingRate()).startTime(env.startTime())
                    .quantity("torque").channel(model.name() + " torque", "N·m", r.modelTorque()).build());
        } catch (IllegalArgumentException ex) {
            throw new DataException(ex.getMessage());
        }
    }
}
