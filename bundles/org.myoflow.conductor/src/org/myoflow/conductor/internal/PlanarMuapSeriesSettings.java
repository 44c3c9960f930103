package org.myoflow.conductor.internal;

import java.util.List;

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
            + "in s; max NRMSE 0.3 % for 0.1 over 0.9-1.1, docs/science.md#dynamic-muaps). 0 computes every update "
            + "exactly", min = 0, max = 0.6)
    public double lengthNodeStep = org.myoflow.conductor.LengthInterpolation.DEFAULT_NODE_STEP;

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        checkMovement(p, lengthProfile, lengthAmplitude, updateRate, duration);
        return p;
    }

    /** The problems of the movement parameters of a MUAP-series step (planar or cylindrical), added to p. */
    static void checkMovement(List<ParameterSchema.Problem> p, MuapSeriesBuilder.LengthProfile lengthProfile,
            double lengthAmplitude, double updateRate, double duration) {
        String profile = lengthProfile.problem(lengthAmplitude);
        if (profile != null) {
            p.add(new ParameterSchema.Problem("lengthAmplitude", profile));
        }
        if (!(updateRate > 0)) {
            p.add(new ParameterSchema.Problem("updateRate", "updateRate must be positive, got " + updateRate));
        }
        if (!(duration >= 0)) {
            p.add(new ParameterSchema.Problem("duration", "duration must be >= 0, got " + duration));
        }
    }

    /** The built-in length profile at time t (s). */
    double profileLength(double tS) {
        return lengthProfile.at(tS, lengthAmplitude, lengthFrequency);
    }

    PlanarLayeredConductor conductor() {
        return new PlanarLayeredConductor(muscleConductivityAlong, muscleConductivityAcross, fatConductivity,
                fatThickness, skinConductivity, skinThickness);
    }

    ElectrodeArray array() {
        return ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistance)
                .radiusMm(electrodeRadius).centreAlongMm(arrayCentreAlong).centreAcrossMm(arrayCentreAcross)
                .rotationDeg(rotation).build();
    }

    /** The bank builder with the same construction as the static planar MUAP-bank step (onset 0). */
    MuapBankBuilder bankBuilder() {
        return MuapBankBuilder.builder(conductor(), array()).samplingRateHz(samplingRate).muapDurationS(muapDuration)
                .onsetS(0).gridSpacingMm(gridSpacing).depthStepMm(depthStep).build();
    }
}
