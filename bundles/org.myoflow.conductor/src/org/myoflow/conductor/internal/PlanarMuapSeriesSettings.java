package org.myoflow.conductor.internal;

import java.util.List;
import java.util.Locale;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/**
 * Parameters of the dynamic planar MUAP step ({@link PlanarMuapSeriesStep}): every parameter of the planar
 * MUAP-bank step plus the update rate and the built-in length profile.
 */
public class PlanarMuapSeriesSettings extends PlanarMuapBankSettings {

    /** Built-in normalised muscle length s(t) used when no length signal is connected. */
    public enum LengthProfile {
        /** s = 1 (rest length) throughout. */
        CONSTANT,
        /** s = 1 + lengthAmplitude·sin(2π·lengthFrequency·t). */
        SINUSOID
    }

    @Param(description = "Rate at which the MUAPs are recomputed for the current muscle length (NeuroMotion: "
            + "5 Hz); update times are k / updateRate", unit = "Hz", min = 0.5, max = 50)
    public double updateRate = 5;

    @Param(description = "Normalised muscle length s(t) when no length signal is connected: CONSTANT (s = 1) or "
            + "SINUSOID (1 + lengthAmplitude·sin(2π·lengthFrequency·t))")
    public LengthProfile lengthProfile = LengthProfile.CONSTANT;

    @Param(description = "Amplitude of the sinusoidal length profile (s stays within [0.7, 1.3])", min = 0,
            max = 0.3)
    public double lengthAmplitude = 0.1;

    @Param(description = "Frequency of the sinusoidal length profile", unit = "Hz", min = 0, max = 25)
    public double lengthFrequency = 0.5;

    @Param(description = "Duration covered by the update times when no length signal is connected (with one, "
            + "its duration is used)", unit = "s", min = 0, max = 3600)
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
        if (!(updateRate > 0)) {
            p.add(new ParameterSchema.Problem("updateRate", "updateRate must be positive, got " + updateRate));
        }
        if (!(duration >= 0)) {
            p.add(new ParameterSchema.Problem("duration", "duration must be >= 0, got " + duration));
        }
        return p;
    }

    /** The built-in length profile at time t (s). */
    double profileLength(double tS) {
        return lengthProfile == LengthProfile.CONSTANT ? 1
                : 1 + lengthAmplitude * Math.sin(2 * Math.PI * lengthFrequency * tS);
    }

    MotorUnitAnatomy.Spec anatomySpec() {
        return new MotorUnitAnatomy.Spec(units, minFibres, maxFibres, fibreDensity, muscleWidth, muscleDepth, cvMean,
                cvSpread, rightSemiLength, leftSemiLength, semiLengthSpread, izSpread);
    }

    PlanarLayeredConductor conductor() {
        return new PlanarLayeredConductor(muscleConductivityAlong, muscleConductivityAcross, fatConductivity,
                fatThickness, skinConductivity, skinThickness);
    }

    ElectrodeArray array() {
        return new ElectrodeArray(rows, cols, interElectrodeDistance, electrodeRadius, arrayCentreAlong,
                arrayCentreAcross, rotation);
    }

    /** The bank builder with the same construction as the static planar MUAP-bank step (onset 0). */
    MuapBankBuilder bankBuilder() {
        return new MuapBankBuilder(conductor(), array(), samplingRate, muapDuration, 0, gridSpacing, depthStep);
    }
}
