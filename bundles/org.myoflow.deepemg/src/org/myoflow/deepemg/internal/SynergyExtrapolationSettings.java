package org.myoflow.deepemg.internal;

import org.myoflow.core.spi.Param;
import org.myoflow.musculoskeletal.AngleUnit;

/** Parameters of {@link SynergyExtrapolationStep}. */
public class SynergyExtrapolationSettings {

    /** How the measured envelopes are decomposed. */
    public enum Decomposition {
        /** Non-negative matrix factorisation (Lee-Seung multiplicative updates). */
        NMF,
        /** Uncentred principal components (scores as synergy activations, weights of either sign). */
        PCA
    }


    @Param(description = "Elbow-model muscle of each envelope channel, in channel order, comma-separated (e.g. "
            + "BIClong,BICshort,BRD,TRIlong,TRIlat); empty takes the channel labels. The other muscles are "
            + "extrapolated")
    public String measuredMuscles = "";

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

    @Param(description = "Label of the elbow-angle channel in the kinematics (0 = full extension, positive = "
            + "flexion); empty takes the only channel")
    public String angleChannel = "";

    @Param(description = "Unit of the joint angle: FROM_SIGNAL reads the channel's unit (rad or deg)")
    public AngleUnit angleUnit = AngleUnit.FROM_SIGNAL;

    @Param(description = "Label of the joint-torque channel (N·m, positive = flexion); empty takes the only channel")
    public String torqueChannel = "";
}
