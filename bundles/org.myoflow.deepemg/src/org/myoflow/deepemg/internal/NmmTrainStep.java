package org.myoflow.deepemg.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
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
 * and the physics term), the last part of the recording validating; saves it to the model registry and outputs
 * the excitations it predicts for the recording.
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

        @Param(description = "Fraction of the recording (at its end) used for validation", min = 0.05, max = 0.5)
        public double validationFraction = 0.2;

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
            .input("deep", DataTypes.SIGNAL, "Excitations of the deep (unmeasured) muscles, labelled with elbow-model "
                    + "muscle names (other channels are ignored)")
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
        DataSpec deep = context.inputSpec("deep").orElseThrow();
        DataSpec env = context.inputSpec("envelopes").orElseThrow();
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
        Signal deepSignal = context.input("deep", Signal.class);
        int[] deep = rec.missing();
        double[][] labels = new double[deep.length][];
        for (int d = 0; d < deep.length; d++) {
            String name = model.muscleNames().get(deep[d]);
            int c = deepSignal.labels().indexOf(name);
            if (c < 0) {
                throw new DataException("deep: no channel '" + name + "' (unmeasured muscle " + name + " needs its "
                        + "excitation as a label); channels are " + deepSignal.labels());
            }
            if (deepSignal.sampleCount() != rec.samples()) {
                throw new DataException("deep: " + deepSignal.sampleCount() + " samples, envelopes "
                        + rec.samples());
            }
            labels[d] = deepSignal.channel(c);
        }
        NmmSequence whole = rec.sequence(labels);
        int n = rec.samples();
        int split = (int) Math.round(n * (1 - s.validationFraction));
        NmmOptions d = NmmOptions.defaults();
        NmmOptions options = new NmmOptions(s.hidden, s.windowLength, Math.max(1, s.windowLength / 4), s.epochs,
                d.batchSize(), d.learningRate(), d.dataWeight(), s.physicsWeight, d.scaleRegularisation(),
                d.torqueScale(), rec.rate(), context.seed());
        if (split < s.windowLength || n - split < s.windowLength) {
            throw new DataException(String.format(Locale.ROOT, "envelopes: %d samples give %d training and %d "
                    + "validation samples, each must be at least one window of %d samples", n, split, n - split,
                    s.windowLength));
        }
        NmmSequence train = rec.sequence(labels, 0, split);
        NmmSequence validation = rec.sequence(labels, split, n);
        try (NmmModel nmm = NmmTrainer.train(model, deep, 1, List.of(train), List.of(validation), options,
                context.progress())) {
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
}
