package org.myoflow.deepemg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.SubjectScales;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.ml.Models;
import org.myoflow.musculoskeletal.JointModels;
import org.osgi.service.component.annotations.Component;

/**
 * Deep-muscle excitations of a recording from a trained NMM in the model registry (ONNX Runtime); the subject's
 * strength and optimal-length scales are fitted on the recording by the physics term (network frozen), or taken
 * from the training subject.
 */
@Component(service = StepProvider.class)
public final class NmmInferStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.nmm-infer";

    /** Parameters. */
    public static class Settings extends NmmStepSettings {
        @Param(description = "Name of the NMM in the model registry (user, lab-shared or installation folder)",
                model = true)
        public String model = "";

        @Param(description = "Fit this subject's muscle scales to the recording's torque (physics term, network "
                + "frozen); otherwise use the training subject's scales")
        public boolean calibrate = true;
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("NMM: infer")
            .category("Deep-muscle EMG")
            .description("Predicts the deep muscles' excitations with a trained neuromusculoskeletal model from the "
                    + "registry, and the model torque with the subject's scales.")
            .input("envelopes", DataTypes.SIGNAL, "Normalised envelopes of the measured muscles, as in training")
            .input("kinematics", DataTypes.SIGNAL, "Elbow angle (rad or deg), sampled like the envelopes")
            .input("torque", DataTypes.SIGNAL, "Elbow torque in N·m, flexion positive")
            .output("excitation", DataTypes.SIGNAL, "Excitation of every elbow-model muscle")
            .output("torque", DataTypes.SIGNAL, "Model torque with those excitations, N·m")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return NmmInferStep::run;
    }

    /**
     * Looks the NMM up in the registry and reads its card (the weights are not loaded): a missing model, a model of
     * another task, or envelopes of other muscles than the model was trained on are refused before the run; the
     * elbow inputs are checked as in {@link ElbowStepInputs#configure}.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        JointModel elbow = JointModels.elbow();
        List<String> measured = s.configure(context, elbow);
        if (s.model.isBlank()) {
            context.parameterProblem("model", "required: the name of a trained NMM");
            return Map.of();
        }
        var entry = context.model(s.model.strip()).map(Models::entry);
        if (entry.isEmpty()) {
            context.parameterProblem("model", "NMM '" + s.model.strip() + "' is not in the model registry "
                    + "(./myoflow models lists the installed ones)");
            return Map.of();
        }
        List<String> trained = new ArrayList<>();
        try {
            ModelCard card = entry.get().card();
            if (!NmmModel.TASK.equals(card.task())) {
                context.parameterProblem("model", "model '" + s.model.strip() + "' is a '" + card.task()
                        + "' model, not an NMM ('" + NmmModel.TASK + "')");
                return Map.of();
            }
            if (card.config() != null && card.config().has("measuredMuscles")) {
                card.config().getAsJsonArray("measuredMuscles").forEach(e -> trained.add(e.getAsString()));
            }
        } catch (RuntimeException e) { // ModelException, or a malformed card
            context.parameterProblem("model", "NMM '" + s.model.strip() + "': unreadable card: " + e.getMessage());
            return Map.of();
        }
        if (measured != null && !trained.isEmpty() && !trained.equals(measured)) {
            String first = trained.stream().filter(m -> !measured.contains(m)).findFirst().orElse(null);
            context.problem("envelopes", first, "NMM '" + s.model.strip() + "' was trained on envelopes of "
                    + trained + ", the recording has " + measured);
        }
        return ElbowStepInputs.outputs(context, elbow, "elbow torque (NMM)");
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        if (s.model.isBlank()) {
            throw new IllegalArgumentException("parameter 'model' is required: the name of a trained NMM");
        }
        ElbowStepInputs.Recording rec = s.recording(context, JointModels.elbow());
        // the model file the engine planned (its SHA-256 is in this node's cache key), checked unchanged
        try (NmmModel nmm = NmmModel.load(Models.folder(context, s.model))) {
            List<String> trained = nmm.measuredMuscles();
            if (!trained.isEmpty() && !trained.equals(rec.measuredNames())) {
                throw new DataException("NMM '" + s.model + "' was trained on envelopes of " + trained
                        + ", the recording has " + rec.measuredNames());
            }
            NmmSequence seq = rec.sequence(null);
            SubjectScales scales = s.calibrate ? nmm.calibrate(List.of(seq), nmm.options()) : nmm.subject(0);
            rec.output(context, nmm, scales, seq);
        } catch (ModelException e) {
            throw new DataException("NMM '" + s.model + "': " + e.getMessage(), e);
        }
    }
}
