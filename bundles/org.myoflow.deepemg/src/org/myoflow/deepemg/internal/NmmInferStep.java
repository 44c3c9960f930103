package org.myoflow.deepemg.internal;

import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.SubjectScales;
import org.myoflow.ml.ModelException;
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
