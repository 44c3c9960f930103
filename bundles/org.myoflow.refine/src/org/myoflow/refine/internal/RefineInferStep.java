package org.myoflow.refine.internal;

import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.Models;
import org.myoflow.refine.CycleSegmentation;
import org.myoflow.refine.RefineModel;
import org.osgi.service.component.annotations.Component;

/** Refines simulated muscle activity with a trained Seq2Seq model from the registry (ONNX Runtime). */
@Component(service = StepProvider.class)
public final class RefineInferStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.refine.infer";

    /** Parameters. */
    public static class Settings extends RefineInputs {
        @Param(description = "Name of the refinement model in the model registry (user, lab-shared or installation "
                + "folder)", model = true)
        public String model = "";
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Seq2Seq refinement: apply")
            .category("Refinement")
            .description("Refines simulated muscle activity toward measured-EMG-like activity with a trained "
                    + "attention Seq2Seq model; with measured activity given, also outputs the overlay.")
            .input("simulated", DataTypes.SIGNAL, "Simulated muscle activity with the model's muscles")
            .optionalInput("kinematics", DataTypes.SIGNAL, "The kinematics channels the model was trained with")
            .optionalInput("measured", DataTypes.SIGNAL, "Measured envelopes (or raw EMG) for the overlay")
            .output("refined", DataTypes.SIGNAL, "Refined activity per muscle")
            .output("comparison", DataTypes.SIGNAL, "Simulated and refined (and, when given, measured) activity per "
                    + "muscle, overlaid in the report")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return RefineInferStep::run;
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        if (s.model.isBlank()) {
            throw new IllegalArgumentException("parameter 'model' is required: the name of a trained refinement "
                    + "model");
        }
        Signal simulated = context.input("simulated", Signal.class);
        Signal kinematics = context.optionalInput("kinematics", Signal.class).orElse(null);
        Signal measuredSignal = context.optionalInput("measured", Signal.class).orElse(null);
        // the model file the engine planned (its SHA-256 is in this node's cache key), checked unchanged
        try (RefineModel model = RefineModel.load(Models.folder(context, s.model))) {
            List<String> names = RefineInputs.names(s.muscles, model.muscles());
            if (!names.equals(model.muscles())) {
                throw new DataException("refinement model '" + s.model + "' refines " + model.muscles() + ", asked "
                        + "for " + names);
            }
            List<String> extraNames = kinematics == null ? List.of() : kinematics.labels();
            if (!extraNames.equals(model.extraNames())) {
                throw new DataException("refinement model '" + s.model + "' was trained with kinematics channels "
                        + model.extraNames() + ", given " + extraNames);
            }
            double[][] raw = RefineInputs.rows("simulated activity", simulated, names);
            double[][] extra = RefineInputs.extra(kinematics, simulated);
            List<CycleSegmentation.Cycle> cycleList = s.cycles ? s.cyclesOf(kinematics) : null;
            double[][] measured = measuredSignal == null ? null : s.measured(measuredSignal, simulated, names);
            RefineInputs.output(context, simulated, names, raw, s.refine(model, raw, extra, cycleList), measured);
        } catch (ModelException e) {
            throw new DataException("refinement model '" + s.model + "': " + e.getMessage(), e);
        }
    }
}
