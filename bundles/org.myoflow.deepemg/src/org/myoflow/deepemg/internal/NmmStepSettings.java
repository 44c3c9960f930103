package org.myoflow.deepemg.internal;

import org.myoflow.core.spi.Param;

/** Parameters of the NMM train and infer steps: the elbow inputs and the load. */
public class NmmStepSettings extends ElbowStepInputs {

    @Param(description = "Load held in the hand during the recording", unit = "kg", min = 0, max = 100)
    public double load = 0;

    @Override
    double loadKg() {
        return load;
    }
}
