package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.spi.Param;
import org.myoflow.musculoskeletal.AngleUnit;

/** Parameters shared by the musculoskeletal steps: the joint and where its angle is. */
public class JointSettings {

    @Param(description = "Joint model: ELBOW is the built-in seven-muscle elbow (Holzbaur et al. 2005 parameters)")
    public BuiltInJoint model = BuiltInJoint.ELBOW;

    @Param(description = "Label of the joint-angle channel in the kinematics (0 = full extension, positive = "
            + "flexion); empty takes the only channel", channelOf = "kinematics")
    public String angleChannel = "";

    @Param(description = "Unit of the joint angle: FROM_SIGNAL reads the channel's unit (rad or deg)")
    public AngleUnit angleUnit = AngleUnit.FROM_SIGNAL;
}
