package org.myoflow.musculoskeletal;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/**
 * Reading a joint angle and torque out of signals, and the angular velocity, for the steps that need them.
 *
 * @since 0.1
 */
public final class JointKinematics {

    private JointKinematics() {
    }

    /**
     * Index of the channel with that label, or of the only channel when the label is empty.
     *
     * @param what the signal's role in messages, e.g. "kinematics"
     * @throws DataException when there is no such channel, or no label and several channels
     */
    public static int channel(Signal s, String label, String what) {
        if (label == null || label.isEmpty()) {
            if (s.channelCount() != 1) {
                throw new DataException(what + " has " + s.channelCount() + " channels " + s.labels()
                        + ": name the one to use");
            }
            return 0;
        }
        int i = s.indexOf(label);
        if (i < 0) {
            throw new DataException("no channel '" + label + "' in the " + what + "; channels are " + s.labels());
        }
        return i;
    }

    /**
     * The joint angle in rad from a kinematics channel.
     *
     * @throws DataException when the unit is FROM_SIGNAL and the channel's unit is neither rad nor deg
     */
    public static double[] angleRad(Signal kinematics, String channel, AngleUnit unit) {
        int c = channel(kinematics, channel, "kinematics");
        String u = kinematics.units().get(c);
        boolean deg = switch (unit) {
            case DEG -> true;
            case RAD -> false;
            case FROM_SIGNAL -> {
                if (u.equalsIgnoreCase("deg") || u.equals("°") || u.equalsIgnoreCase("degrees")) {
                    yield true;
                }
                if (u.equalsIgnoreCase("rad") || u.equalsIgnoreCase("radians")) {
                    yield false;
                }
                throw new DataException("angle channel '" + kinematics.labels().get(c) + "' has unit '" + u
                        + "', not rad or deg: set angleUnit");
            }
        };
        double[] q = kinematics.channel(c);
        if (deg) {
            for (int i = 0; i < q.length; i++) {
                q[i] = Math.toRadians(q[i]);
            }
        }
        return q;
    }

    /** dq/dt by central differences (one-sided at the ends) at sampling rate fs, in rad/s. */
    public static double[] velocity(double[] q, double fs) {
        double[] v = new double[q.length];
        if (q.length < 2) {
            return v;
        }
        for (int i = 0; i < q.length; i++) {
            int lo = Math.max(i - 1, 0);
            int hi = Math.min(i + 1, q.length - 1);
            v[i] = (q[hi] - q[lo]) * fs / (hi - lo);
        }
        return v;
    }

    /**
     * Refuses two signals that are not sampled alike (same rate and length), naming both.
     *
     * @throws DataException when they differ
     */
    public static void sameSampling(Signal a, String aName, Signal b, String bName) {
        if (a.samplingRate() != b.samplingRate() || a.sampleCount() != b.sampleCount()) {
            throw new DataException(aName + " (" + a.sampleCount() + " samples at " + a.samplingRate() + " Hz) and "
                    + bName + " (" + b.sampleCount() + " samples at " + b.samplingRate()
                    + " Hz) must have the same sampling rate and length; resample first");
        }
    }
}
