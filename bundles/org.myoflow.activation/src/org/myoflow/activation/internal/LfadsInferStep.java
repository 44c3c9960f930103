package org.myoflow.activation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.activation.lfads.LfadsModel;
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
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.activation.lfads-infer}: the activation of a recording estimated by a trained LFADS model
 * from the model registry (ONNX Runtime), with the preprocessing and scales stored in the model's card.
 */
@Component(service = StepProvider.class)
public final class LfadsInferStep implements StepProvider {

    public static final String ID = "org.myoflow.activation.lfads-infer";

    /** Parameters. */
    public static class Settings {
        @Param(description = "Name of the LFADS activation model in the model registry (user, lab-shared or "
                + "installation folder)", required = true, model = true)
        public String model = "";
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("LFADS activation (trained model)")
            .category("Activation")
            .description("Estimates the activation of a recording with a trained LFADS model from the registry: the "
                    + "recording is preprocessed with the model's stored settings, clip levels and scales, chopped "
                    + "into the model's windows, run through the ONNX graph (posterior means) and merged back "
                    + "with cross-faded overlaps. The channels must be the model's, in the same order.")
            .reference(ActivationSteps.WIMALASENA_2022)
            .input(ActivationSteps.EMG, DataTypes.SIGNAL, "EMG with the model's channels")
            .output(ActivationSteps.ACTIVATION, DataTypes.SIGNAL, "Activation estimate per channel at the bin rate, "
                    + "in the training recording's scaled units")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return LfadsInferStep::run;
    }

    /**
     * Looks the model up in the registry and reads its card (the weights are not loaded): a missing model, a model
     * of another task, or an EMG whose channels are not the model's are refused before the run.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        DataSpec emg = context.inputSpec(ActivationSteps.EMG).orElseThrow();
        var entry = context.model(s.model.strip()).map(Models::entry);
        if (entry.isEmpty()) {
            context.parameterProblem("model", "LFADS model '" + s.model.strip() + "' is not in the model registry "
                    + "(./myoflow models lists the installed ones)");
            return Map.of();
        }
        List<String> channels = new ArrayList<>();
        try {
            ModelCard card = entry.get().card();
            if (!LfadsModel.TASK.equals(card.task())) {
                context.parameterProblem("model", "model '" + s.model.strip() + "' is a '" + card.task()
                        + "' model, not an LFADS activation model ('" + LfadsModel.TASK + "')");
                return Map.of();
            }
            card.config().getAsJsonArray("channels").forEach(e -> channels.add(e.getAsString()));
        } catch (RuntimeException e) { // ModelException, or a card without channels
            context.parameterProblem("model", "LFADS model '" + s.model.strip() + "': unreadable card: "
                    + e.getMessage());
            return Map.of();
        }
        if (emg.channelsKnown() && !emg.channelLabels().equals(channels)) {
            String first = channels.stream().filter(c -> !emg.hasChannel(c)).findFirst().orElse(null);
            context.problem(ActivationSteps.EMG, first, "the recording's channels " + emg.channelLabels()
                    + " are not the channels " + channels + " LFADS model '" + s.model.strip() + "' was trained on");
        }
        return Map.of(ActivationSteps.ACTIVATION, ActivationSteps.activation(emg).withChannels(channels));
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        Signal emg = context.input(ActivationSteps.EMG, Signal.class);
        LfadsModel model;
        try {
            model = LfadsModel.of(Models.resolve(context, s.model, null));
        } catch (ModelException e) {
            throw new DataException("LFADS model '" + s.model + "': " + e.getMessage(), e);
        }
        context.output(ActivationSteps.ACTIVATION, model.estimate(emg));
        context.progress().update(1, "done");
    }
}
