package org.myoflow.conductor;

/**
 * Rosenfalck's (1969) intracellular action potential of a muscle fibre as a function of the distance s (mm)
 * behind the depolarisation front: V(s) = A·s³·e^(−s) + V_rest for s ≥ 0, V_rest ahead of the front, with
 * A = 96 mV/mm³ and a resting potential of −90 mV. (It is also written A·z³·e^(−z) − B with B = 90 mV; the
 * resting level is −90 mV either way and drops out of the source, which is a derivative.) The membrane current
 * source is proportional to the second spatial derivative, which is given analytically. See
 * docs/science.md#rosenfalck.
 *
 * @since 0.1
 */
public final class Rosenfalck {

    /** Amplitude A in mV/mm³. */
    public static final double A_MV_PER_MM3 = 96;
    /** Resting membrane potential in mV. */
    public static final double RESTING_MV = -90;

    private Rosenfalck() {
    }

    /** V(s) in mV at s mm behind the front. */
    public static double potential(double sMm) {
        return sMm <= 0 ? RESTING_MV : A_MV_PER_MM3 * sMm * sMm * sMm * Math.exp(-sMm) + RESTING_MV;
    }

    /** dV/ds = A·(3s² − s³)·e^(−s) in mV/mm; zero ahead of the front. */
    public static double firstDerivative(double sMm) {
        return sMm <= 0 ? 0 : A_MV_PER_MM3 * sMm * sMm * (3 - sMm) * Math.exp(-sMm);
    }

    /** d²V/ds² = A·(6s − 6s² + s³)·e^(−s) in mV/mm²: the shape of the membrane current source. */
    public static double secondDerivative(double sMm) {
        return sMm <= 0 ? 0 : A_MV_PER_MM3 * sMm * (6 - 6 * sMm + sMm * sMm) * Math.exp(-sMm);
    }
}
