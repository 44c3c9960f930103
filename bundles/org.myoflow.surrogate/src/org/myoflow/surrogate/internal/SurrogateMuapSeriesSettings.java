package org.myoflow.surrogate.internal;

import java.util.List;
import java.util.Locale;

import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/** Parameters of the dynamic surrogate step: the bank's plus the update rate and the built-in length profile. */
public class SurrogateMuapSeriesSettings extends SurrogateMuapSettings {

    /** Built-in normalised muscle length s(t) used when no length signal is connected. */
    public enum LengthProfile {
        /** s = 1 throughout. */
        CONSTANT,
        /** s = 1 + lengthAmplitude·sin(2π·lengthFrequency·t). */
        SINUSOID
    }

    @Param(description = "Rate at which the MUAPs are recomputed for the current muscle length (NeuroMotion: 5 Hz)",
            unit = "Hz", min = 0.5, max = 50)
    public double updateRate = 5;

    @Param(description = "Normalised muscle length s(t) when no length signal is connected")
    public LengthProfile lengthProfile = LengthProfile.CONSTANT;

    @Param(description = "Amplitude of the sinusoidal length profile", min = 0, max = 0.3)
    public double lengthAmplitude = 0.1;

    @Param(description = "Frequency of the sinusoidal length profile", unit = "Hz", min = 0, max = 25)
    public double lengthFrequency = 0.5;

    @Param(description = "Duration covered by the update times when no length signal is connected", unit = "s",
            min = 0, max = 3600)
    public double duration = 10;

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        if (lengthProfile == LengthProfile.SINUSOID && (1 - lengthAmplitude < MuapSeriesBuilder.MIN_LENGTH
                || 1 + lengthAmplitude > MuapSeriesBuilder.MAX_LENGTH)) {
            p.add(new ParameterSchema.Problem("lengthAmplitude", String.format(Locale.ROOT,
                    "lengthAmplitude %s takes the normalised length outside [%s, %s]", lengthAmplitude,
                    MuapSeriesBuilder.MIN_LENGTH, MuapSeriesBuilder.MAX_LENGTH)));
        }
        return p;
    }

    double profileLength(double tS) {
        return lengthProfile == LengthProfile.CONSTANT ? 1
                : 1 + lengthAmplitude * Math.sin(2 * Math.PI * lengthFrequency * tS);
    }
}
