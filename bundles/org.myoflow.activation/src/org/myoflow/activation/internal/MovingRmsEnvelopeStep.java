package org.myoflow.activation.internal;

import java.util.Map;

import org.myoflow.activation.MovingRmsEnvelope;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), then the centred
 * moving root-mean-square over a window: a baseline of activation estimation.
 */
@Component(service = StepProvider.class)
public final class MovingRmsEnvelopeStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.activation.rms";

    private static final StepDescriptor DESCRIPTOR = ActivationSteps.ports(StepDescriptor.builder(ID, "1.0.0")
            .name("Moving-RMS envelope")
            .category("Activation")
            .description("EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), "
                    + "then the centred moving root-mean-square over a window: a baseline of activation estimation.")
            .reference(ActivationSteps.WIMALASENA_2022))
            .settings(MovingRmsSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return MovingRmsEnvelopeStep::run;
    }

    /** See {@link ActivationSteps#configure}. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        return ActivationSteps.configure(context, context.settings(MovingRmsSettings.class));
    }

    private static void run(StepContext context) {
        MovingRmsSettings s = context.settings(MovingRmsSettings.class);
        Preprocessed p = ActivationSteps.preprocess(context, s);
        context.progress().update(0.5, "preprocessed");
        ActivationSteps.output(context, p, MovingRmsEnvelope.estimate(p, s.window));
    }
}
