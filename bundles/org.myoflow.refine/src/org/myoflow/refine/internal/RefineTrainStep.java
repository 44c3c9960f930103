package org.myoflow.refine.internal;

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
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.Models;
import org.myoflow.refine.CycleSegmentation;
import org.myoflow.refine.RefineModel;
import org.myoflow.refine.RefineOptions;
import org.myoflow.refine.RefineSequence;
import org.myoflow.refine.RefineTrainer;
import org.osgi.service.component.annotations.Component;

/**
 * Trains the attention Seq2Seq refinement on one recording (simulated activity → measured activity), the end of the
 * recording (or the last cycles) validating; saves it to the model registry and outputs the refined activity and an
 * overlay of measured, simulated and refined activity per muscle.
 */
@Component(service = StepProvider.class)
public final class RefineTrainStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.refine.train";

    /** Parameters. */
    public static class Settings extends RefineInputs implements CheckedSettings {
        @Param(description = "Name under which the trained model is saved in the user's model registry; empty: not "
                + "saved")
        public String saveAs = "";

        @Param(description = "With the trials input: the role of the simulated activity in each trial")
        public String simulatedRole = "simulated";

        @Param(description = "With the trials input: the role of the measured activity in each trial")
        public String measuredRole = "envelope";

        @Param(description = "With the trials input: the role of the kinematics in each trial (its channels as in "
                + "the kinematics input); empty: none")
        public String kinematicsRole = "";

        @Param(description = "Training epochs", min = 1, max = 10000)
        public int epochs = RefineOptions.defaults().epochs();

        @Param(description = "GRU hidden units (encoder per direction, decoder)", min = 2, max = 1024)
        public int hidden = RefineOptions.defaults().hidden();

        @Param(description = "Training window length in samples (with cycles: at most cyclePoints)", min = 8,
                max = 100000)
        public int windowLength = RefineOptions.defaults().windowLength();

        @Param(description = "Fraction of the recording (its end) or of the cycles (the last ones) used for "
                + "validation", min = 0.05, max = 0.5)
        public double validationFraction = 0.2;

        @Override
        public List<ParameterSchema.Problem> check() {
            List<ParameterSchema.Problem> p = new ArrayList<>(ModelRegistry.checkSaveAs("saveAs", saveAs));
            if (cycles && windowLength > cyclePoints) {
                p.add(new ParameterSchema.Problem("windowLength", "windowLength " + windowLength + " must not exceed "
                        + "cyclePoints " + cyclePoints + " when cycles are time-normalised"));
            }
            return p;
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Seq2Seq refinement: train")
            .category("Refinement")
            .description("Trains an attention Seq2Seq network (bidirectional GRU encoder, GRU decoder, scaled "
                    + "dot-product attention over input time with a relative-position bias) that maps simulated "
                    + "muscle activity (e.g. static optimisation) and optional kinematics to measured EMG envelopes.")
            .reference("Teramae T et al. (2025) Seq2Seq refinement of musculoskeletal-simulation muscle activity "
                    + "toward measured EMG (STDR-Net). Front Bioeng Biotechnol")
            .input("simulated", DataTypes.SIGNAL, "Simulated muscle activity, one channel per muscle (static "
                    + "optimisation output, an OpenSim .sto)")
            .input("measured", DataTypes.SIGNAL, "Measured EMG envelopes (or raw EMG with measuredIsRawEmg), one "
                    + "channel per muscle, labelled like the simulated activity")
            .optionalInput("kinematics", DataTypes.SIGNAL, "Joint angles etc. sampled like the simulated activity: "
                    + "extra inputs, and the cycles' reference")
            .optionalInput("trials", DataTypes.DATASET, "A dataset to train on instead of the simulated and "
                    + "measured inputs: every trial (its simulatedRole, measuredRole, kinematicsRole signals) is a "
                    + "batch sequence, the last trials validating; the simulated input is then only refined and the "
                    + "measured input only compared")
            .output("refined", DataTypes.SIGNAL, "Refined activity per muscle, on the simulated activity's time base")
            .output("comparison", DataTypes.SIGNAL, "Measured, simulated and refined activity per muscle, overlaid "
                    + "in the report")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return RefineTrainStep::run;
    }

    /**
     * Refuses a measured or simulated activity that lacks a refined muscle (the {@code muscles} parameter, else
     * the measured labels), naming the port and the muscle; declares the refined muscles.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        DataSpec measured = context.inputSpec("measured").orElseThrow();
        List<String> names = s.muscles.isBlank() ? measured.channelLabels()
                : RefineInputs.names(s.muscles, List.of());
        return s.configure(context, names);
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        Signal simulated = context.input("simulated", Signal.class);
        Signal measuredSignal = context.input("measured", Signal.class);
        Signal kinematics = context.optionalInput("kinematics", Signal.class).orElse(null);
        List<String> names = RefineInputs.names(s.muscles, measuredSignal.labels());
        double[][] raw = RefineInputs.rows("simulated activity", simulated, names);
        double[][] measured = s.measured(measuredSignal, simulated, names);
        double[][] extra = RefineInputs.extra(kinematics, simulated);
        List<String> extraNames = kinematics == null ? List.of() : kinematics.labels();
        List<CycleSegmentation.Cycle> cycleList = s.cycles ? s.cyclesOf(kinematics) : null;
        List<RefineSequence> train;
        List<RefineSequence> validation;
        int window = s.windowLength;
        org.myoflow.core.data.Dataset trials = context.optionalInput("trials", org.myoflow.core.data.Dataset.class)
                .orElse(null);
        if (trials != null) {
            List<List<RefineSequence>> perTrial = fromTrials(s, trials, names, kinematics);
            if (perTrial.size() < 2) {
                throw new DataException("the trials input holds " + perTrial.size() + " trial(s): training on a "
                        + "dataset needs at least two (the last ones validate)");
            }
            int nVal = (int) Math.max(1, Math.round(perTrial.size() * s.validationFraction));
            nVal = Math.min(nVal, perTrial.size() - 1);
            train = new ArrayList<>();
            validation = new ArrayList<>();
            for (int i = 0; i < perTrial.size(); i++) {
                (i < perTrial.size() - nVal ? train : validation).addAll(perTrial.get(i));
            }
            context.logger().log(System.Logger.Level.INFO, "refinement: " + (perTrial.size() - nVal) + " training and "
                    + nVal + " validation trial(s), " + train.size() + " + " + validation.size() + " sequences");
        } else if (cycleList == null) {
            int n = raw[0].length;
            int split = (int) Math.round(n * (1 - s.validationFraction));
            if (split < window || n - split < window) {
                throw new DataException(String.format(Locale.ROOT, "simulated activity: %d samples give %d training "
                        + "and %d validation samples, each must be at least one window of %d samples", n, split,
                        n - split, window));
            }
            train = List.of(slice(raw, extra, measured, 0, split));
            validation = List.of(slice(raw, extra, measured, split, n));
        } else {
            List<RefineSequence> all = s.sequences(raw, extra, measured, cycleList);
            int nVal = (int) Math.max(1, Math.round(all.size() * s.validationFraction));
            if (all.size() - nVal < 1) {
                throw new DataException("only " + all.size() + " movement cycle(s) found: training needs at least "
                        + "two (one validates)");
            }
            train = all.subList(0, all.size() - nVal);
            validation = all.subList(all.size() - nVal, all.size());
        }
        RefineOptions d = RefineOptions.defaults();
        RefineOptions options = new RefineOptions(s.hidden, d.attentionDim(), window, Math.max(1, window / 4),
                s.epochs, d.batchSize(), d.learningRate(), context.seed(), d.dropout(), d.weightDecay());
        try (RefineModel model = RefineTrainer.train(names, extraNames, train, validation, options,
                context.progress())) {
            var h = model.history();
            context.logger().log(System.Logger.Level.INFO, String.format(Locale.ROOT, "refinement trained %d epochs:"
                    + " validation loss %.4g (best epoch %d)", h.size(), h.get(h.size() - 1).validationLoss(),
                    model.bestEpoch()));
            if (!s.saveAs.isBlank()) {
                Path folder = Models.saveFolder(context, s.saveAs.strip());
                model.save(folder);
                context.logger().log(System.Logger.Level.INFO, "refinement model saved to " + folder + " (SHA-256 "
                        + ModelRegistry.sha256(folder.resolve(ModelRegistry.ONNX_FILE)) + ")");
            }
            RefineInputs.output(context, simulated, names, raw, s.refine(model, raw, extra, cycleList), measured);
        }
    }

    /**
     * The training sequences of each trial of a dataset: the whole trial, or one per movement cycle of its
     * kinematics. A trial lacking a role or a muscle is named (1-based) with its label.
     */
    private static List<List<RefineSequence>> fromTrials(Settings s, org.myoflow.core.data.Dataset trials,
            List<String> names, Signal kinematics) {
        String kinRole = s.kinematicsRole.strip();
        if (!kinRole.isEmpty() && kinematics == null) {
            throw new DataException("kinematicsRole '" + kinRole + "' needs the kinematics input too (the extra "
                    + "inputs of the activity to refine)");
        }
        if (kinRole.isEmpty() && kinematics != null) {
            throw new DataException("the kinematics input is connected: set kinematicsRole to the trials' "
                    + "kinematics role, so that training sees the same extra inputs");
        }
        List<List<RefineSequence>> out = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            org.myoflow.core.data.Trial t = trials.trial(i);
            String where = "trial " + (i + 1) + " (" + t.label(i + 1) + ")";
            try {
                Signal sim = role(t, s.simulatedRole.strip());
                Signal meas = role(t, s.measuredRole.strip());
                Signal kin = null;
                if (!kinRole.isEmpty()) {
                    Signal k = role(t, kinRole);
                    Signal.Builder b = Signal.builder(k.samplingRate()).startTime(k.startTime());
                    for (String l : kinematics.labels()) {
                        if (k.indexOf(l) < 0) {
                            throw new DataException("kinematics lacks channel '" + l + "' (it has " + k.labels() + ")");
                        }
                        b.channel(l, k.units().get(k.indexOf(l)), k.channel(l));
                    }
                    kin = b.build();
                }
                double[][] raw = RefineInputs.rows("simulated activity", sim, names);
                double[][] measured = s.measured(meas, sim, names);
                double[][] extra = RefineInputs.extra(kin, sim);
                List<CycleSegmentation.Cycle> cycles = s.cycles ? s.cyclesOf(kin) : null;
                if (cycles == null && raw[0].length < s.windowLength) {
                    throw new DataException(raw[0].length + " samples, shorter than one window of "
                            + s.windowLength);
                }
                out.add(s.sequences(raw, extra, measured, cycles));
            } catch (DataException e) {
                throw new DataException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Signal role(org.myoflow.core.data.Trial t, String role) {
        return t.signal(role).orElseThrow(() -> new DataException("no signal of role '" + role + "' (it has: "
                + String.join(", ", t.signals().keySet()) + ")"));
    }

    private static RefineSequence slice(double[][] raw, double[][] extra, double[][] measured, int from, int to) {
        return new RefineSequence(cut(raw, from, to), cut(extra, from, to), cut(measured, from, to));
    }

    private static double[][] cut(double[][] a, int from, int to) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = java.util.Arrays.copyOfRange(a[i], from, to);
        }
        return c;
    }
}
