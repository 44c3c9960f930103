package org.myoflow.deepemg.nmm;

import java.util.Arrays;

/**
 * One subject's muscle-parameter scale factors, in model order: {@code strength[m]} multiplies the maximum isometric
 * force F0 and {@code length[m]} the optimal fibre length of muscle m (1 = the nominal model). The NMM learns their
 * logarithms (see {@link NmmTrainer}); these are the factors themselves.
 *
 * @param strength F0 factors, one per model muscle (&gt; 0)
 * @param length   optimal-fibre-length factors, one per model muscle (&gt; 0)
 * @since 0.1
 */
public record SubjectScales(double[] strength, double[] length) {

    public SubjectScales {
        if (strength == null || length == null || strength.length != length.length || strength.length == 0) {
            throw new IllegalArgumentException("subject scales need as many strength as length factors (one per "
                    + "muscle), got " + (strength == null ? "null" : strength.length) + " and "
                    + (length == null ? "null" : length.length));
        }
        for (int m = 0; m < strength.length; m++) {
            if (!(strength[m] > 0) || !(length[m] > 0) || Double.isInfinite(strength[m])
                    || Double.isInfinite(length[m])) {
                throw new IllegalArgumentException("subject scales of muscle " + m + " must be finite and > 0, got "
                        + "strength " + strength[m] + ", length " + length[m]);
            }
        }
        strength = strength.clone();
        length = length.clone();
    }

    /** The nominal model: every factor 1. */
    public static SubjectScales nominal(int muscles) {
        double[] one = new double[muscles];
        Arrays.fill(one, 1);
        return new SubjectScales(one, one);
    }

    @Override
    public double[] strength() {
        return strength.clone();
    }

    @Override
    public double[] length() {
        return length.clone();
    }

    /** Number of muscles. */
    public int muscles() {
        return strength.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectScales s && Arrays.equals(strength, s.strength) && Arrays.equals(length, s.length);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(strength) + Arrays.hashCode(length);
    }

    @Override
    public String toString() {
        return "SubjectScales[strength=" + Arrays.toString(strength) + ", length=" + Arrays.toString(length) + "]";
    }
}
