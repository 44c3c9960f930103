package org.myoflow.activation.internal;

import java.util.Map;

import org.myoflow.activation.LowPassEnvelope;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), then low-passed
 * forward and backward by a Butterworth filter (zero phase): the linear-envelope baseline of activation
 * estimation.
 */
@Component(service = StepProvider.class)
public final class LowPassEnvelopeStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.activation.lowpass";

    private static final StepDescriptor DESCRIPTOR = ActivationSteps.ports(StepDescriptor.builder(ID, "1.0.0")
            .name("Low-pass envelope")
            .category("Activation")
            .description("EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), "
                    + "then low-passed forward and backward by a Butterworth filter (zero phase): the linear-"
                    + "envelope baseline of activation estimation.")
            .reference(ActivationSteps.WINTER)
            .reference(ActivationSteps.WIMALASENA_2022))
            .settings(LowPassSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return LowPassEnvelopeStep::run;
    }

    /** See {@link ActivationSteps#configure}. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        return ActivationSteps.configure(context, context.settings(LowPassSettings.class));
    }

    private static void run(StepContext context) {
        LowPassSettings s = context.settings(LowPassSettings.class);
        Preprocessed p = ActivationSteps.preprocess(context, s);
        context.progress().update(0.5, "preprocessed");
        ActivationSteps.output(context, p, LowPassEnvelope.estimate(p, s.order, s.cutoff));
    }
}
