package org.myoflow.musculoskeletal.internal;

import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;

/** The joint models a step can name. */
public enum BuiltInJoint {
    /** {@link JointModels#elbow()}: seven elbow flexors and extensors. */
    ELBOW;

    /** The model. */
    public JointModel model() {
        return switch (this) {
            case ELBOW -> JointModels.elbow();
        };
    }
}
