package org.myoflow.conductor.internal;

import java.util.List;

import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/**
 * Parameters of the dynamic cylindrical MUAP step ({@link CylindricalMuapSeriesStep}): every parameter of the
 * cylindrical MUAP-bank step plus the movement parameters of the planar series step (same names, ranges and
 * defaults; the parameter schema reads the fields of a settings class and its superclasses, so they are declared
 * here again and checked by the same code, {@link PlanarMuapSeriesSettings#checkMovement}).
 */
public class CylindricalMuapSeriesSettings extends CylindricalMuapBankSettings {

    @Param(description = "Rate at which the MUAPs are recomputed for the current muscle length (NeuroMotion: "
            + "5 Hz); update times are k / updateRate", unit = "Hz", min = 0.5, max = 50)
    public double updateRate = 5;

    @Param(description = "Normalised muscle length s(t) when no length signal is connected: CONSTANT (s = 1) or "
            + "SINUSOID (1 + lengthAmplitude·sin(2π·lengthFrequency·t))")
    public MuapSeriesBuilder.LengthProfile lengthProfile = MuapSeriesBuilder.LengthProfile.CONSTANT;

    @Param(description = "Amplitude of the sinusoidal length profile (s stays within [0.7, 1.3])", min = 0,
            max = 0.3,
            appliesWhen = "lengthProfile=SINUSOID")
    public double lengthAmplitude = 0.1;

    @Param(description = "Frequency of the sinusoidal length profile", unit = "Hz", min = 0, max = 25,
            appliesWhen = "lengthProfile=SINUSOID")
    public double lengthFrequency = 0.5;

    @Param(description = "Duration covered by the update times when no length signal is connected (with one, "
            + "its duration is used)", unit = "s", min = 0, max = 3600)
    public double duration = 10;

    @Param(description = "Largest spacing of the normalised lengths at which the MUAPs are computed exactly; the "
            + "MUAPs of the update times are interpolated between them (time axis scaled by (s_node/s)², linear "
            + "in s; docs/science.md#dynamic-muaps). 0 computes every distinct length exactly", min = 0, max = 0.6)
    public double lengthNodeStep = org.myoflow.conductor.LengthInterpolation.DEFAULT_NODE_STEP;

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        PlanarMuapSeriesSettings.checkMovement(p, lengthProfile, lengthAmplitude, updateRate, duration);
        return p;
    }

    /** The built-in length profile at time t (s). */
    double profileLength(double tS) {
        return lengthProfile.at(tS, lengthAmplitude, lengthFrequency);
    }
}
