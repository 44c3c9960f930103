package org.myoflow.activation.internal;

import org.myoflow.activation.LowPassEnvelope;
import org.myoflow.core.spi.Param;

/** Parameters of {@link LowPassEnvelopeStep}. */
public class LowPassSettings extends PreprocessingSettings {

    @Param(description = "Order of the Butterworth low-pass applied forward and backward to the rectified, binned "
            + "EMG", min = 1, max = 10)
    public int order = LowPassEnvelope.DEFAULT_ORDER;

    @Param(description = "-3 dB frequency of one pass of the low-pass (-6 dB after both); below half the bin rate",
            unit = "Hz", min = 0.001, max = 10000)
    public double cutoff = LowPassEnvelope.DEFAULT_CUTOFF_HZ;
}
