package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.spi.Param;
import org.myoflow.musculoskeletal.TendonModel;

/** Parameters of {@link JointTorqueStep}. */
public class JointTorqueSettings extends JointSettings {

    @Param(description = "RIGID: fibre length from the muscle-tendon length; ELASTIC: Thelen tendon in force "
            + "equilibrium with the fibre")
    public TendonModel tendon = TendonModel.RIGID;
}
