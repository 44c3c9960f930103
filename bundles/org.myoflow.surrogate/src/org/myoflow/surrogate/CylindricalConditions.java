package org.myoflow.surrogate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.myoflow.conductor.MuapConditions;

/**
 * The seven conditions of the cylindrical (limb) MUAP surrogate: BioMime's six (Ma et al., arXiv 2211.01856: fibre
 * number, depth, angle, innervation zone, conduction velocity, fibre length) in this platform's units, plus the fat
 * thickness, a subject-specific parameter no published surrogate takes:
 *
 * <ul>
 * <li>{@code logFibres}: ln(number of fibres of the unit);</li>
 * <li>{@code depthMm}: depth of the territory centre below the muscle surface (radially), mm, at this length;</li>
 * <li>{@code angleDeg}: angular position of the territory centre around the limb axis, degrees from the array
 * centre (positive towards the array's positive across axis);</li>
 * <li>{@code izMm}: the unit's innervation-zone position along the limb axis, mm, at this length;</li>
 * <li>{@code cvMPerS}: conduction velocity, m/s, at this length;</li>
 * <li>{@code lengthScale}: normalised muscle length s (1 = rest);</li>
 * <li>{@code fatMm}: thickness of the subcutaneous fat layer, mm (the muscle radius is fixed, so the skin radius
 * grows with it).</li>
 * </ul>
 *
 * @since 0.3
 */
public record CylindricalConditions(double logFibres, double depthMm, double angleDeg, double izMm, double cvMPerS,
        double lengthScale, double fatMm) {

    /** Names of the conditions in array order. */
    public static final List<String> NAMES = List.of("logFibres", "depthMm", "angleDeg", "izMm", "cvMPerS",
            "lengthScale", "fatMm");

    /** Number of conditions. */
    public static final int COUNT = 7;

    public CylindricalConditions {
        double[] v = { logFibres, depthMm, angleDeg, izMm, cvMPerS, lengthScale, fatMm };
        for (int i = 0; i < COUNT; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("condition " + NAMES.get(i) + " must be finite, got " + v[i]);
            }
        }
    }

    /** From an array in {@link #NAMES} order. */
    public static CylindricalConditions fromArray(double[] v) {
        if (v.length != COUNT) {
            throw new IllegalArgumentException("expected " + COUNT + " conditions, got " + v.length);
        }
        return new CylindricalConditions(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** The conditions in {@link #NAMES} order. */
    public double[] toArray() {
        return new double[] { logFibres, depthMm, angleDeg, izMm, cvMPerS, lengthScale, fatMm };
    }

    /** round(exp(logFibres)), at least 1. */
    public int fibres() {
        return (int) Math.max(1, Math.round(Math.exp(logFibres)));
    }

    /**
     * The planar-style conditions of the same unit with its centre at lateral position 0 (the canonical unit's
     * fibre offsets are laid out around it, see {@link org.myoflow.conductor.CanonicalUnit}).
     */
    public MuapConditions canonical() {
        return new MuapConditions(logFibres, depthMm, 0, izMm, cvMPerS, lengthScale);
    }

    /**
     * The ranges of the seven conditions a cylindrical surrogate is trained on; {@link #normalise} maps each to
     * BioMime's [0.5, 1] by 0.5 + 0.5·(x − min)/(max − min).
     */
    public record Ranges(List<MuapConditions.Range> list) {

        public Ranges {
            if (list == null || list.size() != COUNT) {
                throw new IllegalArgumentException("expected " + COUNT + " condition ranges, got "
                        + (list == null ? 0 : list.size()));
            }
            list = List.copyOf(list);
            if (!(list.get(5).min() > 0)) {
                throw new IllegalArgumentException("the length scale must stay positive, got minimum "
                        + list.get(5).min());
            }
            if (!(list.get(4).min() > 0)) {
                throw new IllegalArgumentException("conduction velocity must stay positive, got minimum "
                        + list.get(4).min());
            }
            if (list.get(1).min() < 0 || list.get(6).min() < 0) {
                throw new IllegalArgumentException("depth and fat thickness must be >= 0");
            }
            if (list.get(2).min() < -180 || list.get(2).max() > 180) {
                throw new IllegalArgumentException("the angle range must lie within [-180, 180] deg");
            }
        }

        /**
         * The demo ranges: 25..2500 fibres, depth 0.5..16 mm (muscle radius 20 mm), angle ±60° (the 40 mm arc of
         * the numerical step's default sector), IZ ±5 mm, CV 2.5..6.5 m/s, length 0.85..1.15, fat 0.5..3 mm.
         */
        public static Ranges demo() {
            return new Ranges(List.of(new MuapConditions.Range(Math.log(25), Math.log(2500)),
                    new MuapConditions.Range(0.5, 16), new MuapConditions.Range(-60, 60),
                    new MuapConditions.Range(-5, 5), new MuapConditions.Range(2.5, 6.5),
                    new MuapConditions.Range(0.85, 1.15), new MuapConditions.Range(0.5, 3)));
        }

        /** The range of condition i ({@link #NAMES} order). */
        public MuapConditions.Range get(int i) {
            return list.get(i);
        }

        /** The range of the named condition. */
        public MuapConditions.Range get(String name) {
            int i = NAMES.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("unknown condition " + name + "; known: " + NAMES);
            }
            return list.get(i);
        }

        /** Whether every condition lies in its range. */
        public boolean contains(CylindricalConditions c) {
            return problem(c) == null;
        }

        /**
         * Refuses conditions outside the ranges.
         *
         * @param where what the conditions belong to, for the message (e.g. "unit MU3")
         * @throws IllegalArgumentException naming the first condition out of range and its range
         */
        public CylindricalConditions check(CylindricalConditions c, String where) {
            String p = problem(c);
            if (p != null) {
                throw new IllegalArgumentException((where == null ? "" : where + ": ") + p);
            }
            return c;
        }

        private String problem(CylindricalConditions c) {
            double[] v = c.toArray();
            for (int i = 0; i < COUNT; i++) {
                if (!list.get(i).contains(v[i])) {
                    return "condition " + NAMES.get(i) + " = " + fmt(v[i]) + " is outside its range ["
                            + fmt(list.get(i).min()) + ", " + fmt(list.get(i).max()) + "]";
                }
            }
            return null;
        }

        /** x to 6 significant digits, no exponent. */
        public static String fmt(double x) {
            return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }

        /** The conditions mapped to [0.5, 1], in {@link #NAMES} order (not range-checked). */
        public double[] normalise(CylindricalConditions c) {
            double[] v = c.toArray();
            for (int i = 0; i < COUNT; i++) {
                v[i] = 0.5 + 0.5 * (v[i] - list.get(i).min()) / (list.get(i).max() - list.get(i).min());
            }
            return v;
        }

        /** The inverse of {@link #normalise}; values in [0.5, 1] give conditions inside the ranges. */
        public CylindricalConditions denormalise(double[] normalised) {
            if (normalised.length != COUNT) {
                throw new IllegalArgumentException("expected " + COUNT + " conditions, got " + normalised.length);
            }
            double[] v = new double[COUNT];
            for (int i = 0; i < COUNT; i++) {
                double lo = list.get(i).min();
                double hi = list.get(i).max();
                v[i] = lo + (normalised[i] - 0.5) * 2 * (hi - lo);
                if (normalised[i] >= 0.5 && normalised[i] <= 1) {
                    v[i] = Math.max(lo, Math.min(hi, v[i])); // rounding must not leave the range
                }
            }
            return fromArray(v);
        }
    }
}
