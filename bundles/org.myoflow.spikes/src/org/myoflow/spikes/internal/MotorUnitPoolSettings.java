package org.myoflow.spikes.internal;

import java.util.List;

import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.spikes.FuglevandPool;
import org.myoflow.core.spi.Param;

/** Parameters of the motor-unit pool step ({@link MotorUnitPoolStep}). */
public class MotorUnitPoolSettings implements CheckedSettings {

    /** The recruitment and rate-coding model. */
    public enum Model {
        /** Fuglevand, Winter &amp; Patla 1993, with the rate parameters of this step. */
        FUGLEVAND_1993,
        /** The NeuroMotion variant with its published constants (rr 50, rm 0.75, 10/40 Hz, cv 1/6). */
        NEUROMOTION
    }

    @Param(description = "Recruitment and rate-coding model: FUGLEVAND_1993 uses the rate parameters below; "
            + "NEUROMOTION uses thresholds 1.5-75 % of maximal excitation, rates 10-5·rt/rt_max to "
            + "40-10·rt/rt_max Hz and ISI cv 1/6, ignoring recruitmentRange, the rate parameters and isiCv")
    public Model model = Model.FUGLEVAND_1993;

    @Param(description = "Number of motor units in the pool", min = 1, max = 2000)
    public int units = 120;

    @Param(description = "Range of recruitment thresholds RR: the last unit's threshold in Fuglevand's "
            + "excitation units (FUGLEVAND_1993 only)", min = 1.5, max = 1000,
            appliesWhen = "model=FUGLEVAND_1993")
    public double recruitmentRange = 30;

    @Param(description = "Peak firing rate of the first unit PFR1 (FUGLEVAND_1993 only)", unit = "Hz", min = 1,
            max = 200,
            appliesWhen = "model=FUGLEVAND_1993")
    public double peakRateFirst = 35;

    @Param(description = "Difference of peak firing rate between the first and the last unit PFRD "
            + "(FUGLEVAND_1993 only)", unit = "Hz", min = 0, max = 200,
            appliesWhen = "model=FUGLEVAND_1993")
    public double peakRateDifference = 10;

    @Param(description = "Firing rate at recruitment MFR, the same for all units (FUGLEVAND_1993 only)",
            unit = "Hz", min = 0.1, max = 200,
            appliesWhen = "model=FUGLEVAND_1993")
    public double minRate = 8;

    @Param(description = "Slope g_e of firing rate against excitation above threshold (FUGLEVAND_1993 only)",
            unit = "Hz per excitation unit", min = 0.01, max = 100,
            appliesWhen = "model=FUGLEVAND_1993")
    public double gain = 1;

    @Param(description = "Coefficient of variation of the inter-spike intervals (FUGLEVAND_1993 only; "
            + "NEUROMOTION uses 1/6)", min = 0, max = 0.5,
            appliesWhen = "model=FUGLEVAND_1993")
    public double isiCv = 0.2;

    @Param(description = "Range of peak twitch forces RP, largest over smallest", min = 1.1, max = 10000)
    public double twitchForceRange = 100;

    @Param(description = "Range of twitch contraction times RT, longest over shortest", min = 1, max = 100)
    public double twitchTimeRange = 3;

    @Param(description = "Longest twitch contraction time T_L", unit = "s", min = 0.001, max = 1)
    public double longestContraction = 0.090;

    @Param(description = "Sampling rate of the force output", unit = "Hz", min = 1, max = 100000)
    public double forceSamplingRate = 1000;

    @Param(description = "Label of the excitation channel to use; may stay empty for a one-channel excitation",
            channelOf = "excitation")
    public String channel = "";

    /** Checked during validation: the Fuglevand rate parameters must give every unit a peak rate above MFR. */
    @Override
    public List<ParameterSchema.Problem> check() {
        if (model != Model.FUGLEVAND_1993) {
            return List.of();
        }
        try {
            new FuglevandPool(units, recruitmentRange, peakRateFirst, peakRateDifference, minRate, gain, isiCv);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ParameterSchema.Problem("peakRateDifference", e.getMessage()));
        }
    }
}
