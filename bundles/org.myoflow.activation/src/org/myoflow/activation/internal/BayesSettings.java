package org.myoflow.activation.internal;

import org.myoflow.activation.SangerBayesFilter;
import org.myoflow.core.spi.Param;

/** Parameters of {@link BayesFilterStep}. */
public class BayesSettings extends PreprocessingSettings {

    @Param(description = "Number of discrete amplitude levels between 0 and the top of the amplitude axis", min = 2,
            max = 10000)
    public int levels = SangerBayesFilter.DEFAULT_LEVELS;

    @Param(description = "Diffusion of the amplitude per bin: the share of probability that moves to the "
            + "neighbouring levels (Sanger 2007)", min = 0, max = 1)
    public double alpha = SangerBayesFilter.DEFAULT_ALPHA;

    @Param(description = "Probability per bin of a jump to any level (Sanger 2007)", min = 0, max = 1)
    public double beta = SangerBayesFilter.DEFAULT_BETA;

    @Param(description = "Measurement model of a rectified sample given the amplitude x: LAPLACE exp(-e/x)/x or "
            + "GAUSSIAN exp(-e^2/2x^2)/x")
    public SangerBayesFilter.Likelihood likelihood = SangerBayesFilter.Likelihood.LAPLACE;

    @Param(description = "Top of the amplitude axis in scaled units; 0 takes each channel's largest preprocessed "
            + "value", min = 0, max = 1e6)
    public double maxAmplitude = 0;

    @Param(description = "Output the level of largest posterior probability (MAP, as Sanger 2007); false outputs the "
            + "posterior mean")
    public boolean mapOutput = true;
}
