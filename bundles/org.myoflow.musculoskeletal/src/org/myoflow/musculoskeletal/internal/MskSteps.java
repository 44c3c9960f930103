package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/** Helpers shared by the musculoskeletal steps. */
final class MskSteps {

    static final String HOLZBAUR_2005 = "Holzbaur KRS, Murray WM, Delp SL (2005) A model of the upper extremity "
            + "for simulating musculoskeletal surgery and analyzing neuromuscular control. Ann Biomed Eng "
            + "33(6):829-840";
    static final String THELEN_2003 = "Thelen DG (2003) Adjustment of muscle mechanics model parameters to "
            + "simulate dynamic contractions in older adults. J Biomech Eng 125(1):70-77";
    static final String MURRAY_1995 = "Murray WM, Delp SL, Buchanan TS (1995) Variation of muscle moment arms "
            + "with elbow and forearm position. J Biomech 28(5):513-525";
    static final String CROWNINSHIELD_1981 = "Crowninshield RD, Brand RA (1981) A physiologically based "
            + "criterion of muscle force prediction in locomotion. J Biomech 14(11):793-801";

    private MskSteps() {
    }

    /** Index of the channel with that label, or the only channel when the label is empty. */
    static int channel(Signal s, String label, String what) {
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

    /** The joint angle in rad. */
    static double[] angleRad(Signal kinematics, JointSettings s) {
        int c = channel(kinematics, s.angleChannel, "kinematics");
        String unit = kinematics.units().get(c);
        boolean deg = switch (s.angleUnit) {
            case DEG -> true;
            case RAD -> false;
            case FROM_SIGNAL -> {
                if (unit.equalsIgnoreCase("deg") || unit.equals("°") || unit.equalsIgnoreCase("degrees")) {
                    yield true;
                }
                if (unit.equalsIgnoreCase("rad") || unit.equalsIgnoreCase("radians")) {
                    yield false;
                }
                throw new DataException("angle channel '" + kinematics.labels().get(c) + "' has unit '" + unit
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

    /** dq/dt by central differences (one-sided at the ends), rad/s. */
    static double[] velocity(double[] q, double fs) {
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

    /** Refuses two signals that are not sampled alike. */
    static void sameSampling(Signal a, String aName, Signal b, String bName) {
        if (a.samplingRate() != b.samplingRate() || a.sampleCount() != b.sampleCount()) {
            throw new DataException(aName + " (" + a.sampleCount() + " samples at " + a.samplingRate() + " Hz) and "
                    + bName + " (" + b.sampleCount() + " samples at " + b.samplingRate()
                    + " Hz) must have the same sampling rate and length; resample first");
        }
    }
}
