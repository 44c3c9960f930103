package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.spi.Param;

/** Parameters of {@link StaticOptimisationStep}. */
public class StaticOptimisationSettings extends JointSettings {

    @Param(description = "Label of the joint-torque channel (N·m, positive = flexion); empty takes the only channel",
            channelOf = "torque")
    public String torqueChannel = "";

    @Param(description = "Lower bound of every activation", min = 0, max = 0.99)
    public double minActivation = 0;
}
