package org.myoflow.activation.internal;

import java.util.List;

import org.myoflow.dsp.Preprocessing;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/** The preprocessing parameters every activation step shares ({@link Preprocessing}). */
public class PreprocessingSettings implements CheckedSettings {

    @Param(description = "Band-pass the EMG before rectifying it; turn off for EMG that is already filtered or "
            + "sampled too slowly for the band")
    public boolean bandPass = true;

    @Param(description = "Lower -3 dB edge of the zero-phase Butterworth band-pass", unit = "Hz", min = 0.01,
            max = 100000,
            appliesWhen = "bandPass=true")
    public double bandPassLow = 20;

    @Param(description = "Upper -3 dB edge of the band-pass; must be below half the EMG's sampling rate", unit = "Hz",
            min = 0.01, max = 100000,
            appliesWhen = "bandPass=true")
    public double bandPassHigh = 450;

    @Param(description = "Order of the Butterworth band-pass prototype (applied forward and backward)", min = 1,
            max = 10,
            appliesWhen = "bandPass=true")
    public int bandPassOrder = 4;

    @Param(description = "Width of the bins the rectified EMG is averaged into (rounded to whole samples); the "
            + "activation is sampled at one value per bin", unit = "ms", min = 0.001, max = 10000)
    public double binWidth = 2;

    @Param(description = "Percentile of each binned channel at which it is clipped (100: no clipping)", min = 1,
            max = 100)
    public double clipPercentile = 99.9;

    @Param(description = "Percentile of each clipped channel that is scaled to 1", min = 1, max = 100)
    public double scalePercentile = 95;

    /** These settings as the API record. */
    public Preprocessing preprocessing() {
        return new Preprocessing(bandPassLow, bandPassHigh, bandPassOrder, binWidth, clipPercentile, scalePercentile,
                bandPass);
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        if (bandPass && !(bandPassLow < bandPassHigh)) {
            return List.of(new ParameterSchema.Problem("bandPassLow", "bandPassLow " + bandPassLow
                    + " Hz must be below bandPassHigh " + bandPassHigh + " Hz"));
        }
        return List.of();
    }
}
