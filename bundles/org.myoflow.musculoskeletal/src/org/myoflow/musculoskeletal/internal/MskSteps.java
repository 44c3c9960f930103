package org.myoflow.musculoskeletal.internal;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
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
}
