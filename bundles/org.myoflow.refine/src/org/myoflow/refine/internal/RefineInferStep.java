package org.myoflow.refine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.ml.ModelCard;
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

    /**
     * Looks the model up in the registry and reads its card (no weights are loaded): a missing model, a model of
     * another task, muscles the simulated or measured activity lacks, or kinematics channels other than the
     * model's are refused before the run.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        if (s.model.isBlank()) {
            context.parameterProblem("model", "required: the name of a trained refinement model");
            return Map.of();
        }
        var entry = context.model(s.model.strip()).map(Models::entry);
        if (entry.isEmpty()) {
            context.parameterProblem("model", "refinement model '" + s.model.strip() + "' is not in the model "
                    + "registry (./myoflow models lists the installed ones)");
            return Map.of();
        }
        List<String> muscles = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        try {
            ModelCard card = entry.get().card();
            if (!RefineModel.TASK.equals(card.task())) {
                context.parameterProblem("model", "model '" + s.model.strip() + "' is a '" + card.task()
                        + "' model, not a Seq2Seq refinement ('" + RefineModel.TASK + "')");
                return Map.of();
            }
            card.config().getAsJsonArray("muscles").forEach(e -> muscles.add(e.getAsString()));
            card.config().getAsJsonArray("extraNames").forEach(e -> extra.add(e.getAsString()));
        } catch (RuntimeException e) { // ModelException, or a card without muscles
            context.parameterProblem("model", "refinement model '" + s.model.strip() + "': unreadable card: "
                    + e.getMessage());
            return Map.of();
        }
        List<String> names = RefineInputs.names(s.muscles, muscles);
        if (!names.equals(muscles)) {
            context.parameterProblem("muscles", "refinement model '" + s.model.strip() + "' refines " + muscles
                    + ", asked for " + names);
            return Map.of();
        }
        Optional<DataSpec> kin = context.inputSpec("kinematics");
        List<String> given = kin.map(DataSpec::channelLabels).orElse(List.of());
        if (given != null && !given.equals(extra)) {
            String first = extra.stream().filter(x -> !given.contains(x)).findFirst().orElse(null);
            context.problem("kinematics", first, "refinement model '" + s.model.strip() + "' was trained with "
                    + "kinematics channels " + extra + ", given " + (kin.isEmpty() ? "none" : given));
        }
        return s.configure(context, names);
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
