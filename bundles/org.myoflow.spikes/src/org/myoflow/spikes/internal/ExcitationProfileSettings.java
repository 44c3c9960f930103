package org.myoflow.spikes.internal;

import java.util.List;

import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.spikes.ExcitationProfile;

/** Parameters of the excitation-profile step ({@link ExcitationProfileStep}). */
public class ExcitationProfileSettings implements CheckedSettings {

    @Param(description = "Shape: CONSTANT at level; RAMP from baseline to level over the duration; TRAPEZOID "
            + "baseline, rise, plateau at level, fall, baseline; SINUSOID between baseline and level")
    public ExcitationProfile.Shape shape = ExcitationProfile.Shape.TRAPEZOID;

    @Param(description = "Length of the profile", unit = "s", min = 0.001, max = 86400)
    public double duration = 10;

    @Param(description = "Sampling rate of the profile", unit = "Hz", min = 1, max = 100000)
    public double samplingRate = 1000;

    @Param(description = "Peak excitation, as a fraction of maximal excitation", min = 0, max = 1)
    public double level = 0.5;

    @Param(description = "Excitation at rest (RAMP, TRAPEZOID, SINUSOID), not above level", min = 0, max = 1,
            appliesWhen = "shape=RAMP|TRAPEZOID|SINUSOID")
    public double baseline = 0;

    @Param(description = "TRAPEZOID rise time, also its fall time", unit = "s", min = 0, max = 86400,
            appliesWhen = "shape=TRAPEZOID")
    public double rise = 2;

    @Param(description = "TRAPEZOID hold time at level; 2·rise + plateau must not exceed the duration",
            unit = "s", min = 0, max = 86400,
            appliesWhen = "shape=TRAPEZOID")
    public double plateau = 4;

    @Param(description = "SINUSOID frequency; the profile starts at baseline", unit = "Hz", min = 0, max = 1000,
            appliesWhen = "shape=SINUSOID")
    public double frequency = 0.5;

    @Param(description = "Label of the output channel")
    public String label = "excitation";

    /** Checked during validation: the shape's times must fit the duration, level not below baseline. */
    @Override
    public List<ParameterSchema.Problem> check() {
        if (label == null || label.isBlank()) {
            return List.of(new ParameterSchema.Problem("label", "must not be empty"));
        }
        try {
            new ExcitationProfile(shape, duration, level, baseline, rise, plateau, frequency);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ParameterSchema.Problem("shape", e.getMessage()));
        }
    }
}
