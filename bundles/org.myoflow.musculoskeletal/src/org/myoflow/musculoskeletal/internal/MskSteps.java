package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.musculoskeletal.JointKinematics;

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

    /** The joint angle in rad, per the step's settings. */
    static double[] angleRad(Signal kinematics, JointSettings s) {
        return JointKinematics.angleRad(kinematics, s.angleChannel, s.angleUnit);
    }

    /**
     * Configure-time check of a channel choice: an empty label needs a one-channel signal, a given label must be
     * among the known channels. A problem names the port and the channel.
     */
    static void requireChannel(ConfigureContext c, String port, DataSpec spec, String label, String parameter) {
        if (!spec.channelsKnown()) {
            return;
        }
        if (label == null || label.isEmpty()) {
            if (spec.channelCount() != 1) {
                c.problem(port, null, port + " has " + spec.channelCount() + " channels " + spec.channelLabels()
                        + ": set parameter '" + parameter + "' to the one to use");
            }
        } else if (!spec.hasChannel(label)) {
            c.problem(port, label, "parameter '" + parameter + "' names a channel the " + port
                    + " does not have; its channels are " + spec.channelLabels());
        }
    }

    /** Two inputs sampled alike (when both rates are known). */
    static void sameRate(ConfigureContext c, String a, DataSpec as, String b, DataSpec bs) {
        if (!Double.isNaN(as.samplingRate()) && !Double.isNaN(bs.samplingRate())
                && as.samplingRate() != bs.samplingRate()) {
            c.problem(b, null, a + " is sampled at " + as.samplingRate() + " Hz, " + b + " at " + bs.samplingRate()
                    + " Hz; they must have the same sampling rate and length; resample first");
        }
    }

    /** A signal on the time base of {@code base} with the given quantity, one unit and labels. */
    static DataSpec onTimeBase(DataSpec base, String quantity, String unit, java.util.List<String> labels) {
        return DataSpec.signal(quantity, unit, labels, base.samplingRate(), base.duration());
    }
}
