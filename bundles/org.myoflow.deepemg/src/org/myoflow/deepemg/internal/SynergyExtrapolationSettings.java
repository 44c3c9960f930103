package org.myoflow.deepemg.internal;

import org.myoflow.core.spi.Param;

/** Parameters of {@link SynergyExtrapolationStep}. */
public class SynergyExtrapolationSettings extends ElbowStepInputs {

    /** How the measured envelopes are decomposed. */
    public enum Decomposition {
        /** Non-negative matrix factorisation (Lee-Seung multiplicative updates). */
        NMF,
        /** Uncentred principal components (scores as synergy activations, weights of either sign). */
        PCA
    }


    @Param(description = "Number of synergies k", min = 1, max = 32)
    public int synergies = 3;

    @Param(description = "NMF (non-negative synergies) or PCA (uncentred principal components)")
    public Decomposition decomposition = Decomposition.NMF;

    @Param(description = "NMF random starts (the best is kept); seeded from the experiment seed", min = 1, max = 100)
    public int replicates = 5;

    @Param(description = "Ridge weight λ on the synergy weights, relative to Σ τ² (dimensionless)", min = 0)
    public double regularisation = 1e-9;

    @Param(description = "Divide each envelope channel by its maximum first; otherwise the envelopes are taken as "
            + "normalised (e.g. to MVC) and values outside [0, 1] are clipped")
    public boolean normalise = true;
}
