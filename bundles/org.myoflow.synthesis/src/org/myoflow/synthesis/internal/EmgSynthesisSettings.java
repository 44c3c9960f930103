package org.myoflow.synthesis.internal;

import org.myoflow.core.spi.Param;

/** Parameters of the EMG synthesis step ({@link EmgSynthesisStep}). */
public class EmgSynthesisSettings {

    @Param(description = "Signal-to-noise ratio of the added white Gaussian noise, relative to the mean power of "
            + "the whole recording (all channels); the same noise level is added to every channel", unit = "dB",
            min = -20, max = 200,
            appliesWhen = "noise=true")
    public double snrDb = 30;

    @Param(description = "Whether to add white Gaussian noise at snrDb; false gives the noise-free EMG")
    public boolean noise = true;
}
