package org.myoflow.deepemg.internal;

import java.util.Arrays;
import java.util.List;

import org.myoflow.deepemg.nmm.NmmSequence;

/**
 * The NMM's view of one recording, the same in the benchmark and in the steps: network inputs are the measured
 * envelopes (channel order), the joint angle (rad), angular velocity (rad/s), the joint torque (N·m) and the load
 * (kg); the measured muscles' excitations are the envelopes clipped to [0, 1], placed at their model indices.
 */
final class NmmFeatures {

    /** Names of the non-envelope input features, after the envelope channels. */
    static final List<String> KINEMATIC_FEATURES = List.of("angle", "angular_velocity", "torque", "load");

    private NmmFeatures() {
    }

    /**
     * @param subjectSlot     the subject's index in the model (0 for a single-subject model or a new subject)
     * @param envelopes       [channel][sample] of the measured muscles
     * @param channelMuscles  model index of each channel's muscle
     * @param muscles         number of muscles of the joint model
     * @param deepExcitations [deep][sample] labels, or null
     */
    static NmmSequence sequence(int subjectSlot, double[][] envelopes, int[] channelMuscles, int muscles,
            double[] angles, double[] velocities, double[] torques, double loadKg, double[][] deepExcitations) {
        int n = angles.length;
        double[][] inputs = new double[envelopes.length + KINEMATIC_FEATURES.size()][];
        for (int c = 0; c < envelopes.length; c++) {
            inputs[c] = envelopes[c].clone();
        }
        double[] load = new double[n];
        Arrays.fill(load, loadKg);
        inputs[envelopes.length] = angles.clone();
        inputs[envelopes.length + 1] = velocities.clone();
        inputs[envelopes.length + 2] = torques.clone();
        inputs[envelopes.length + 3] = load;
        double[][] measured = new double[muscles][n];
        for (int c = 0; c < envelopes.length; c++) {
            for (int i = 0; i < n && i < envelopes[c].length; i++) {
                double v = envelopes[c][i];
                measured[channelMuscles[c]][i] = v > 1 ? 1 : v < 0 ? 0 : v;
            }
        }
        return new NmmSequence(subjectSlot, inputs, deepExcitations, angles.clone(), velocities.clone(), measured,
                torques.clone());
    }
}
