package org.myoflow.activation.internal;

import java.util.Map;

import org.myoflow.dsp.Preprocessed;
import org.myoflow.activation.SangerBayesFilter;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), then Sanger's Bayesian
 * amplitude filter over discrete levels (diffusion alpha, jump beta, Laplace or Gaussian likelihood), forward
 * only; MAP or posterior-mean output.
 */
@Component(service = StepProvider.class)
public final class BayesFilterStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.activation.bayes";

    private static final StepDescriptor DESCRIPTOR = ActivationSteps.ports(StepDescriptor.builder(ID, "1.0.0")
            .name("Bayesian filter (Sanger 2007)")
            .category("Activation")
            .description("EMG band-passed, rectified, binned, clipped and scaled (shared activation preprocessing), "
                    + "then Sanger's Bayesian amplitude filter over discrete levels (diffusion alpha, jump beta, "
                    + "Laplace or Gaussian likelihood), forward only; MAP or posterior-mean output.")
            .reference(ActivationSteps.SANGER_2007)
            .reference(ActivationSteps.WIMALASENA_2022))
            .settings(BayesSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return BayesFilterStep::run;
    }

    /** See {@link ActivationSteps#configure}. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        return ActivationSteps.configure(context, context.settings(BayesSettings.class));
    }

    private static void run(StepContext context) {
        BayesSettings s = context.settings(BayesSettings.class);
        Preprocessed p = ActivationSteps.preprocess(context, s);
        context.progress().update(0.5, "preprocessed");
        SangerBayesFilter f = new SangerBayesFilter(s.levels, s.alpha, s.beta, s.likelihood, s.maxAmplitude);
        double[][] y = new double[p.channels()][];
        for (int c = 0; c < y.length; c++) {
            context.progress().checkCancelled();
            y[c] = s.mapOutput ? f.map(p.data()[c]) : f.posteriorMean(p.data()[c]);
        }
        ActivationSteps.output(context, p, y);
    }
}
