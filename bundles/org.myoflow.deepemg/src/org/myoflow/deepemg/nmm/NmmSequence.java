package org.myoflow.deepemg.nmm;

/**
 * One recording of one subject for the NMM: every array is [row][sample] (or [sample]) at one sampling rate
 * ({@link NmmOptions#rate()}), all of the same length.
 *
 * @param subject             subject slot, in [0, subjects) of the training (ignored by
 *                            {@link NmmModel#calibrate})
 * @param inputs              the network's input features [feature][t], built by the caller (surface envelopes,
 *                            angle, velocity, torque, load...); standardised by the model with the training data's
 *                            per-feature mean and standard deviation
 * @param deepExcitations     labels [deep][t] in [0, 1] in the order of the trainer's deep muscles, or null for an
 *                            unlabelled sequence (physics term only)
 * @param angles              joint angle (rad) [t]
 * @param angularVelocities   joint angular velocity (rad/s) [t]
 * @param measuredExcitations excitations [modelMuscle][t] in joint-model order; the rows of the deep muscles are
 *                            ignored (the others are the surface muscles' normalised envelopes)
 * @param torques             joint torque (N·m) [t], e.g. from inverse dynamics
 * @since 0.1
 */
public record NmmSequence(int subject, double[][] inputs, double[][] deepExcitations, double[] angles,
        double[] angularVelocities, double[][] measuredExcitations, double[] torques) {

    /** Number of samples (the length of {@link #angles()}; 0 when it is null). */
    public int samples() {
        return angles == null ? 0 : angles.length;
    }

    /**
     * Checks the sequence against a model: shapes, finiteness, subject range and length.
     *
     * @param index       the sequence's position in its list, for messages
     * @param features    expected input rows (or -1: any, at least 1)
     * @param deep        the deep muscles' model indices
     * @param muscles     number of joint-model muscles
     * @param subjects    number of subject slots (or -1: the subject index is not checked)
     * @param minSamples  fewest samples allowed
     * @throws IllegalArgumentException naming what is wrong and where ("sequence 3, input row 2, sample 17 is NaN")
     */
    void check(int index, int features, int[] deep, int muscles, int subjects, int minSamples) {
        String where = "sequence " + index;
        if (angles == null || angularVelocities == null || torques == null || inputs == null
                || measuredExcitations == null) {
            throw new IllegalArgumentException(where + ": inputs, angles, angularVelocities, measuredExcitations and "
                    + "torques must not be null");
        }
        int n = angles.length;
        if (subjects >= 0 && (subject < 0 || subject >= subjects)) {
            throw new IllegalArgumentException(where + ": subject " + subject + " is out of range [0, " + subjects
                    + ")");
        }
        if (n < minSamples) {
            throw new IllegalArgumentException(where + " has " + n + " samples, fewer than the " + minSamples
                    + " needed (window length)");
        }
        checkInputs(index, features);
        finite(where, "angles", angles, n);
        finite(where, "angularVelocities", angularVelocities, n);
        finite(where, "torques", torques, n);
        if (measuredExcitations.length != muscles) {
            throw new IllegalArgumentException(where + " has " + measuredExcitations.length + " measuredExcitations "
                    + "rows, the joint model has " + muscles + " muscles");
        }
        boolean[] isDeep = new boolean[muscles];
        for (int d : deep) {
            isDeep[d] = true;
        }
        for (int m = 0; m < muscles; m++) {
            if (!isDeep[m]) {
                finite(where, "measuredExcitations row " + m, measuredExcitations[m], n);
            } else if (measuredExcitations[m] != null && measuredExcitations[m].length != n) {
                throw new IllegalArgumentException(where + ", measuredExcitations row " + m + " has "
                        + measuredExcitations[m].length + " samples, the sequence " + n);
            }
        }
        if (deepExcitations != null) {
            if (deepExcitations.length != deep.length) {
                throw new IllegalArgumentException(where + " has " + deepExcitations.length + " deepExcitations rows, "
                        + "there are " + deep.length + " deep muscles");
            }
            for (int d = 0; d < deep.length; d++) {
                finite(where, "deepExcitations row " + d, deepExcitations[d], n);
            }
        }
    }

    /**
     * Checks the network inputs alone (what {@link NmmModel#predict} needs): {@code features} rows (or any number
     * when -1, at least 1), all finite, all as long as {@link #angles()} (or as the first row when angles are null).
     */
    void checkInputs(int index, int features) {
        String where = "sequence " + index;
        if (inputs == null || inputs.length == 0 || inputs[0] == null) {
            throw new IllegalArgumentException(where + " has no input rows");
        }
        if (features >= 0 && inputs.length != features) {
            throw new IllegalArgumentException(where + " has " + inputs.length + " input rows (features), the model "
                    + "takes " + features);
        }
        int n = angles != null ? angles.length : inputs[0].length;
        for (int f = 0; f < inputs.length; f++) {
            finite(where, "input row " + f, inputs[f], n);
        }
    }

    private static void finite(String where, String what, double[] v, int n) {
        if (v == null) {
            throw new IllegalArgumentException(where + ", " + what + " is null");
        }
        if (v.length != n) {
            throw new IllegalArgumentException(where + ", " + what + " has " + v.length + " samples, the sequence "
                    + n + " (angles)");
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(v[t])) {
                throw new IllegalArgumentException(where + ", " + what + ", sample " + t + " is "
                        + (Double.isNaN(v[t]) ? "NaN" : "infinite"));
            }
        }
    }
}
