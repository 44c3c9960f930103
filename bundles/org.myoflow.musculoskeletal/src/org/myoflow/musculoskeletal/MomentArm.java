package org.myoflow.musculoskeletal;

import java.util.Arrays;

/**
 * Moment arm as a polynomial of the joint angle, {@code r(q) = Σ c_k·q^k} (q in rad, r in m), with the matching
 * change of muscle-tendon length {@code l(q) = l(0) - ∫₀^q r dq} so that {@code r = -dl/dq} (principle of
 * virtual work: a muscle that shortens as q grows pulls towards positive q). Sign convention: positive q and
 * positive torque = flexion, so flexors have positive and extensors negative moment arms.
 *
 * @since 0.1
 */
public final class MomentArm {

    private final double[] coefficients;

    private MomentArm(double[] coefficients) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a moment-arm polynomial needs at least one coefficient");
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("moment-arm coefficients must be finite, got "
                        + Arrays.toString(coefficients));
            }
        }
        this.coefficients = coefficients.clone();
    }

    /** {@code r(q) = c0 + c1·q + c2·q² + ...} in m, q in rad. */
    public static MomentArm polynomial(double... coefficients) {
        return new MomentArm(coefficients);
    }

    /** A constant moment arm (m). */
    public static MomentArm constant(double r) {
        return new MomentArm(new double[] {r});
    }

    /**
     * The quadratic through {@code r(0) = atZero} with its extremum {@code atPeak} at {@code peakAngle} (rad):
     * {@code r(q) = atPeak - (atPeak - atZero)·((q - qp)/qp)²}, the shape of the published elbow-flexor curves.
     */
    public static MomentArm peaked(double atZero, double atPeak, double peakAngle) {
        if (!(peakAngle > 0)) {
            throw new IllegalArgumentException("peak angle must be > 0 rad, got " + peakAngle);
        }
        double k = (atPeak - atZero) / (peakAngle * peakAngle);
        return new MomentArm(new double[] {atZero, 2 * k * peakAngle, -k});
    }

    /** The coefficients c0, c1, ... (a copy). */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** r(q) in m. */
    public double at(double angle) {
        double r = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            r = r * angle + coefficients[k];
        }
        return r;
    }

    /** {@code ∫₀^q r dq} in m·rad (= m): the shortening of the muscle-tendon unit from q = 0 to q. */
    public double integral(double angle) {
        double s = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            s = s * angle + coefficients[k] / (k + 1);
        }
        return s * angle;
    }

    /** Muscle-tendon length (m) at q given its length at q = 0: {@code l(0) - ∫₀^q r dq}. */
    public double length(double lengthAtZero, double angle) {
        return lengthAtZero - integral(angle);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MomentArm m && Arrays.equals(coefficients, m.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "MomentArm" + Arrays.toString(coefficients);
    }
}
