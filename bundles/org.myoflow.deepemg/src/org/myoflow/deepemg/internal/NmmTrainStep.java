package org.myoflow.deepemg.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
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
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmOptions;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.NmmTrainer;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.Models;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.osgi.service.component.annotations.Component;

/**
 * Trains the NMM on one recording of one subject (the deep muscles' labelled excitations, e.g. from fine-wire EMG,
 * and the physics term), the last part of the recording validating, or on the trials of a dataset (each trial one
 * training sequence, the last trials validating); saves it to the model registry and outputs the excitations it
 * predicts for the recording.
 */
@Component(service = StepProvider.class)
public final class NmmTrainStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.nmm-train";

    /** Parameters. */
    public static class Settings extends NmmStepSettings implements CheckedSettings {
        @Param(description = "Name under which the trained model is saved in the user's model registry; empty: not "
                + "saved")
        public String saveAs = "";

        @Param(description = "Training epochs", min = 1, max = 10000)
        public int epochs = NmmOptions.defaults().epochs();

        @Param(description = "GRU hidden units per direction", min = 2, max = 1024)
        public int hidden = NmmOptions.defaults().hidden();

        @Param(description = "Training window length in samples", min = 8, max = 100000)
        public int windowLength = NmmOptions.defaults().windowLength();

        @Param(description = "Weight of the physics (torque) term", min = 0)
        public double physicsWeight = NmmOptions.defaults().physicsWeight();

        @Param(description = "Fraction of the recording (at its end), or of the trials (the last ones), used for "
                + "validation", min = 0.05, max = 0.5)
        public double validationFraction = 0.2;

        @Param(description = "With the trials input: the role of the measured envelopes in each trial (the "
                + "channels of the envelopes input)")
        public String envelopesRole = "envelope";

        @Param(description = "With the trials input: the role of the kinematics in each trial (its angleChannel)")
        public String kinematicsRole = "kinematics";

        @Param(description = "With the trials input: the role of the joint torque in each trial (its torqueChannel)")
        public String torqueRole = "moments";

        @Param(description = "With the trials input: the role of the deep muscles' excitations (labels) in each "
                + "trial")
        public String deepRole = "deep";

        @Param(description = "With the trials input: the metadata column holding each trial's load in kg; empty: "
                + "every trial has the load parameter")
        public String loadColumn = "";

        @Override
        public List<ParameterSchema.Problem> check() {
            List<ParameterSchema.Problem> p = new ArrayList<>(ModelRegistry.checkSaveAs("saveAs", saveAs));
            return p;
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("NMM: train")
            .category("Deep-muscle EMG")
            .description("Trains the neuromusculoskeletal model: a bidirectional GRU from the measured envelopes, "
                    + "elbow kinematics, torque and load to the deep muscles' excitations, with a data term on the "
                    + "given deep excitations and a physics term (Hill-type elbow model torque vs the given torque) "
                    + "with the subject's strength and optimal-length scales learned jointly.")
            .reference("Kumar A et al. (2025) Neural musculoskeletal model: reconstructing deep muscle EMG. "
                    + "arXiv:2503.05201")
            .input("envelopes", DataTypes.SIGNAL, "Normalised envelopes of the measured muscles, one channel each")
            .input("kinematics", DataTypes.SIGNAL, "Elbow angle (rad or deg), sampled like the envelopes")
            .input("torque", DataTypes.SIGNAL, "Elbow torque in N·m, flexion positive")
            .optionalInput("deep", DataTypes.SIGNAL, "Excitations of the deep (unmeasured) muscles, labelled with "
                    + "elbow-model muscle names (other channels are ignored); needed unless the trials input is "
                    + "connected")
            .optionalInput("trials", DataTypes.DATASET, "A dataset to train on instead of the recording: every "
                    + "trial (its envelopesRole, kinematicsRole, torqueRole and deepRole signals) is one training "
                    + "sequence, the last trials validating; the envelopes, kinematics and torque inputs are then "
                    + "only the recording whose deep excitations are predicted")
            .output("excitation", DataTypes.SIGNAL, "Excitation of every elbow-model muscle: the measured envelopes "
                    + "and the predicted deep excitations")
            .output("torque", DataTypes.SIGNAL, "Model torque with those excitations and the learned scales, N·m")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return NmmTrainStep::run;
    }

    /**
     * See {@link ElbowStepInputs#configure}; also refuses deep excitations lacking an unmeasured muscle (naming
     * it) or sampled at another rate.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        JointModel model = JointModels.elbow();
        List<String> measured = s.configure(context, model);
        DataSpec env = context.inputSpec("envelopes").orElseThrow();
        DataSpec deep = context.inputSpec("deep").orElse(null);
        if (deep == null) {
            if (context.inputSpec("trials").isEmpty()) {
                context.problem("deep", null, "connect the deep muscles' excitations (labels) or a trials dataset "
                        + "to train on");
            }
            return ElbowStepInputs.outputs(context, model, "elbow torque (NMM)");
        }
        if (measured != null && deep.channelsKnown()) {
            for (String m : model.muscleNames()) {
                if (!measured.contains(m) && !deep.hasChannel(m)) {
                    context.problem("deep", m, "no channel '" + m + "' (unmeasured muscle " + m + " needs its "
                            + "excitation as a label); channels are " + deep.channelLabels());
                }
            }
        }
        if (!Double.isNaN(env.samplingRate()) && !Double.isNaN(deep.samplingRate())
                && env.samplingRate() != deep.samplingRate()) {
            context.problem("deep", null, "deep is sampled at " + deep.samplingRate() + " Hz, the envelopes at "
                    + env.samplingRate() + " Hz");
        }
        return ElbowStepInputs.outputs(context, model, "elbow torque (NMM)");
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        JointModel model = JointModels.elbow();
        ElbowStepInputs.Recording rec = s.recording(context, model);
        int[] deep = rec.missing();
        Dataset trials = context.optionalInput("trials", Dataset.class).orElse(null);
        NmmOptions d = NmmOptions.defaults();
        NmmOptions options = new NmmOptions(s.hidden, s.windowLength, Math.max(1, s.windowLength / 4), s.epochs,
                d.batchSize(), d.learningRate(), d.dataWeight(), s.physicsWeight, d.scaleRegularisation(),
                d.torqueScale(), rec.rate(), context.seed());
        List<NmmSequence> train;
        List<NmmSequence> validation;
        NmmSequence whole;
        if (trials != null) {
            List<NmmSequence> all = fromTrials(s, trials, model, rec);
            if (all.size() < 2) {
                throw new DataException("the trials input holds " + all.size() + " trial(s): training on a dataset "
                        + "needs at least two (the last ones validate)");
            }
            int nVal = (int) Math.min(all.size() - 1, Math.max(1, Math.round(all.size() * s.validationFraction)));
            train = all.subList(0, all.size() - nVal);
            validation = all.subList(all.size() - nVal, all.size());
            context.logger().log(System.Logger.Level.INFO, "NMM: " + train.size() + " training and " + nVal
                    + " validation trial(s)");
            whole = rec.sequence(null);
        } else {
            Signal deepSignal = context.optionalInput("deep", Signal.class).orElseThrow(() -> new DataException(
                    "deep: connect the deep muscles' excitations (labels) or a trials dataset to train on"));
            double[][] labels = labels("deep", deepSignal, model, deep, rec.samples());
            whole = rec.sequence(labels);
            int n = rec.samples();
            int split = (int) Math.round(n * (1 - s.validationFraction));
            if (split < s.windowLength || n - split < s.windowLength) {
                throw new DataException(String.format(Locale.ROOT, "envelopes: %d samples give %d training and %d "
                        + "validation samples, each must be at least one window of %d samples", n, split, n - split,
                        s.windowLength));
            }
            train = List.of(rec.sequence(labels, 0, split));
            validation = List.of(rec.sequence(labels, split, n));
        }
        try (NmmModel nmm = NmmTrainer.train(model, deep, 1, train, validation, options, context.progress())) {
            var h = nmm.history();
            context.logger().log(System.Logger.Level.INFO, String.format(Locale.ROOT, "NMM trained %d epochs: "
                    + "validation data loss %.4g, physics loss %.4g", h.size(), h.get(h.size() - 1).validationData(),
                    h.get(h.size() - 1).validationPhysics()));
            if (!s.saveAs.isBlank()) {
                Path folder = Models.saveFolder(context, s.saveAs.strip());
                nmm.save(folder, rec.measuredNames());
                context.logger().log(System.Logger.Level.INFO, "NMM saved to " + folder + " (SHA-256 "
                        + ModelRegistry.sha256(folder.resolve(ModelRegistry.ONNX_FILE)) + ")");
            }
            rec.output(context, nmm, nmm.subject(0), whole);
        }
    }

    /** The deep muscles' excitations, in the order of {@code deep}, from the channels of {@code signal}. */
    private static double[][] labels(String where, Signal signal, JointModel model, int[] deep, int samples) {
        double[][] labels = new double[deep.length][];
        for (int k = 0; k < deep.length; k++) {
            String name = model.muscleNames().get(deep[k]);
            int c = signal.labels().indexOf(name);
            if (c < 0) {
                throw new DataException(where + ": no channel '" + name + "' (unmeasured muscle " + name + " needs "
                        + "its excitation as a label); channels are " + signal.labels());
            }
            if (signal.sampleCount() != samples) {
                throw new DataException(where + ": " + signal.sampleCount() + " samples, envelopes " + samples);
            }
            labels[k] = signal.channel(c);
        }
        return labels;
    }

    /**
     * One training sequence per trial: its envelopes (the channels of the envelopes input, in that order),
     * kinematics, torque and deep labels by role, its load from {@code loadColumn}. A trial lacking a role, a
     * channel or a load, sampled at another rate or shorter than a window, is named (1-based) with its label.
     */
    static List<NmmSequence> fromTrials(Settings s, Dataset trials, JointModel model,
            ElbowStepInputs.Recording main) {
        List<NmmSequence> out = new ArrayList<>();
        Signal mainEnv = main.envelopes();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.trial(i);
            String where = "trials: trial " + (i + 1) + " (" + t.label(i + 1) + ")";
            try {
                Signal env = role(t, s.envelopesRole.strip());
                Signal.Builder b = Signal.builder(env.samplingRate()).startTime(env.startTime())
                        .quantity(env.quantity());
                for (String l : mainEnv.labels()) {
                    int k = env.indexOf(l);
                    if (k < 0) {
                        throw new DataException("role '" + s.envelopesRole.strip() + "': no channel '" + l
                                + "' (it has " + env.labels() + "); every trial needs the channels of the envelopes "
                                + "input");
                    }
                    b.channel(l, env.units().get(k), env.channel(k));
                }
                env = b.build();
                if (env.samplingRate() != main.rate()) {
                    throw new DataException("role '" + s.envelopesRole.strip() + "' is sampled at "
                            + env.samplingRate() + " Hz, the envelopes input at " + main.rate() + " Hz");
                }
                double load = s.load;
                String column = s.loadColumn.strip();
                if (!column.isEmpty()) {
                    String v = t.metadata().get(column);
                    try {
                        load = Double.parseDouble(v == null ? "" : v.strip());
                    } catch (NumberFormatException e) {
                        throw new DataException("metadata column '" + column + "' (loadColumn) is '"
                                + (v == null ? "" : v) + "', not a load in kg");
                    }
                    if (!(load >= 0 && load <= 100)) {
                        throw new DataException("metadata column '" + column + "' (loadColumn): load " + load
                                + " kg is outside [0, 100]");
                    }
                }
                ElbowStepInputs.Recording r;
                try {
                    r = s.recording(env, role(t, s.kinematicsRole.strip()), role(t, s.torqueRole.strip()), model,
                            load);
                } catch (IllegalArgumentException e) {
                    throw new DataException(e.getMessage(), e);
                }
                String deepRole = s.deepRole.strip();
                double[][] labels = labels("role '" + deepRole + "'", role(t, deepRole), model, r.missing(),
                        r.samples());
                if (r.samples() < s.windowLength) {
                    throw new DataException(r.samples() + " samples, shorter than one window of " + s.windowLength);
                }
                out.add(r.sequence(labels));
            } catch (DataException e) {
                throw new DataException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Signal role(Trial t, String role) {
        return t.signal(role).orElseThrow(() -> new DataException("no signal of role '" + role + "' (it has: "
                + String.join(", ", t.signals().keySet()) + ")"));
    }
}
