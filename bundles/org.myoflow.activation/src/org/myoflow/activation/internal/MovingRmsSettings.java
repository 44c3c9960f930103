package org.myoflow.activation.internal;

import org.myoflow.activation.MovingRmsEnvelope;
import org.myoflow.core.spi.Param;

/** Parameters of {@link MovingRmsEnvelopeStep}. */
public class MovingRmsSettings extends PreprocessingSettings {

    @Param(description = "Length of the centred RMS window over the binned EMG (rounded to whole bins)", unit = "ms",
            min = 0.001, max = 100000)
    public double window = MovingRmsEnvelope.DEFAULT_WINDOW_MS;
}
