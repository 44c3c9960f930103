package org.example.myoflow.rms;

import org.myoflow.core.spi.Param;

/**
 * Parameters of the moving-RMS step. This one class is the whole parameter contract: Myoflow derives
 * validation, {@code --set}, the GUI form and persistence from the {@link Param} fields.
 */
public class MovingRmsSettings {

    // @Param bounds are inclusive; 1 ms is the shortest window that makes sense at EMG sampling rates
    @Param(description = "Length of the centred averaging window; at least one sample", unit = "s", min = 0.001,
            max = 10)
    public double window = 0.1;
}
