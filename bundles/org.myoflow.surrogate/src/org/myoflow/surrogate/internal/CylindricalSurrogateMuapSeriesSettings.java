package org.myoflow.surrogate.internal;

import java.util.List;

import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/** Parameters of the dynamic cylindrical surrogate step: the bank's plus the update rate and the length profile. */
public class CylindricalSurrogateMuapSeriesSettings extends CylindricalSurrogateMuapSettings {

    @Param(description = "Rate at which the MUAPs are recomputed for the current muscle length (NeuroMotion: 5 Hz)",
            unit = "Hz", min = 0.5, max = 50)
    public double updateRate = 5;

    @Param(description = "Normalised muscle length s(t) when no length signal is connected")
    public MuapSeriesBuilder.LengthProfile lengthProfile = MuapSeriesBuilder.LengthProfile.CONSTANT;

    @Param(description = "Amplitude of the sinusoidal length profile", min = 0, max = 0.3,
            appliesWhen = "lengthProfile=SINUSOID")
    public double lengthAmplitude = 0.1;

    @Param(description = "Frequency of the sinusoidal length profile", unit = "Hz", min = 0, max = 25,
            appliesWhen = "lengthProfile=SINUSOID")
    public double lengthFrequency = 0.5;

    @Param(description = "Duration covered by the update times when no length signal is connected", unit = "s",
            min = 0, max = 3600)
    public double duration = 10;

    @Override
    public List<ParameterSchema.Problem> check() {
        return SurrogateSteps.withProfileProblem(super.check(), lengthProfile, lengthAmplitude);
    }

    double profileLength(double tS) {
        return lengthProfile.at(tS, lengthAmplitude, lengthFrequency);
    }

    /** min and max of the built-in profile over its update times. */
    @Override
    double[] lengthRange() {
        double[][] s = MuapSeriesBuilder.schedule(updateRate, duration, this::profileLength, null);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : s[1]) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] { lo, hi };
    }
}
