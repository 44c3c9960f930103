package org.myoflow.conductor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The six conditions of a BioMime-style MUAP surrogate (Ma et al. 2024, "Conditional generative models for
 * simulation of EMG during naturalistic movements") in this platform's physical units. BioMime conditions its
 * generator on fibre number, depth, angle (here: lateral position, the planar conductor having no angle),
 * innervation zone, conduction velocity and fibre length; here:
 *
 * <ul>
 * <li>{@code logFibres}: ln(number of fibres of the unit);</li>
 * <li>{@code depthMm}: depth of the territory centre below the muscle surface, mm, as it is at this length;</li>
 * <li>{@code positionMm}: lateral position of the territory centre across the fibres, mm from the muscle centre
 * (the anatomy's x);</li>
 * <li>{@code izMm}: the unit's innervation-zone position along the fibres, mm, as it is at this length;</li>
 * <li>{@code cvMPerS}: conduction velocity, m/s, as it is at this length;</li>
 * <li>{@code lengthScale}: normalised muscle length s (1 = rest), which scales the fibre semi-lengths and the
 * spreads of the canonical unit ({@link CanonicalUnit}).</li>
 * </ul>
 *
 * @since 0.1
 */
public record MuapConditions(double logFibres, double depthMm, double positionMm, double izMm, double cvMPerS,
        double lengthScale) {

    /** Names of the six conditions in array order. */
    public static final List<String> NAMES = List.of("logFibres", "depthMm", "positionMm", "izMm", "cvMPerS",
            "lengthScale");

    /** Number of conditions. */
    public static final int COUNT = 6;

    public MuapConditions {
        double[] v = { logFibres, depthMm, positionMm, izMm, cvMPerS, lengthScale };
        for (int i = 0; i < COUNT; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("condition " + NAMES.get(i) + " must be finite, got " + v[i]);
            }
        }
    }

    /** Conditions of a unit with {@code fibres} fibres. */
    public static MuapConditions of(int fibres, double depthMm, double positionMm, double izMm, double cvMPerS,
            double lengthScale) {
        if (fibres < 1) {
            throw new IllegalArgumentException("a unit needs at least one fibre, got " + fibres);
        }
        return new MuapConditions(Math.log(fibres), depthMm, positionMm, izMm, cvMPerS, lengthScale);
    }

    /**
     * The conditions of an anatomy's unit as it is at length s (e.g. a unit of
     * {@code MotorUnitAnatomy.stretched(s)}): its fibre count, territory centre and conduction velocity, and the
     * mean innervation-zone position of its fibres as the unit's IZ.
     */
    public static MuapConditions of(MotorUnitAnatomy.Unit unit, double lengthScale) {
        double iz = 0;
        for (MotorUnitAnatomy.Fibre f : unit.fibres()) {
            iz += f.izMm();
        }
        iz /= Math.max(1, unit.fibres().size());
        return of(unit.fibres().size(), unit.centreDepthMm(), unit.centreXMm(), iz, unit.cvMPerS(), lengthScale);
    }

    /** From an array in {@link #NAMES} order. */
    public static MuapConditions fromArray(double[] v) {
        if (v.length != COUNT) {
            throw new IllegalArgumentException("expected " + COUNT + " conditions, got " + v.length);
        }
        return new MuapConditions(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /** The conditions in {@link #NAMES} order. */
    public double[] toArray() {
        return new double[] { logFibres, depthMm, positionMm, izMm, cvMPerS, lengthScale };
    }

    /** round(exp(logFibres)), at least 1. */
    public int fibres() {
        return (int) Math.max(1, Math.round(Math.exp(logFibres)));
    }

    /** The same conditions with another lateral position. */
    public MuapConditions withPositionMm(double x) {
        return new MuapConditions(logFibres, depthMm, x, izMm, cvMPerS, lengthScale);
    }

    /** The same conditions with another fibre number. */
    public MuapConditions withFibres(int n) {
        return of(n, depthMm, positionMm, izMm, cvMPerS, lengthScale);
    }

    /** A closed interval of one condition. */
    public record Range(double min, double max) {

        public Range {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException("bad condition range [" + min + ", " + max + "]");
            }
        }

        public boolean contains(double x) {
            return x >= min && x <= max;
        }
    }

    /**
     * The ranges of the six conditions a surrogate is trained on. {@link #normalise} maps them to BioMime's
     * [0.5, 1] by 0.5 + 0.5·(x − min)/(max − min).
     */
    public record Ranges(Range logFibres, Range depthMm, Range positionMm, Range izMm, Range cvMPerS,
            Range lengthScale) {

        public Ranges {
            if (!(lengthScale.min() > 0)) {
                throw new IllegalArgumentException("the length scale must stay positive, got minimum "
                        + lengthScale.min());
            }
            if (!(cvMPerS.min() > 0)) {
                throw new IllegalArgumentException("conduction velocity must stay positive, got minimum "
                        + cvMPerS.min());
            }
            if (depthMm.min() < 0) {
                throw new IllegalArgumentException("depth below the muscle surface must be >= 0, got minimum "
                        + depthMm.min());
            }
        }

        /**
         * The demo ranges: 25..2500 fibres (the anatomy's defaults), depth 0.5..17 mm, position ±20 mm (the
         * 40 mm wide muscle), IZ ±5 mm (the 10 mm IZ band), CV 2.5..6.5 m/s, length 0.85..1.15.
         */
        public static Ranges demoDefaults() {
            return new Ranges(new Range(Math.log(25), Math.log(2500)), new Range(0.5, 17), new Range(-20, 20),
                    new Range(-5, 5), new Range(2.5, 6.5), new Range(0.85, 1.15));
        }

        /** The ranges in {@link MuapConditions#NAMES} order. */
        public List<Range> asList() {
            return List.of(logFibres, depthMm, positionMm, izMm, cvMPerS, lengthScale);
        }

        /** From ranges in {@link MuapConditions#NAMES} order. */
        public static Ranges of(List<Range> r) {
            if (r.size() != COUNT) {
                throw new IllegalArgumentException("expected " + COUNT + " ranges, got " + r.size());
            }
            return new Ranges(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
        }

        /** Whether every condition lies in its range. */
        public boolean contains(MuapConditions c) {
            return problem(c) == null;
        }

        /**
         * Refuses conditions outside the ranges.
         *
         * @param where what the conditions belong to, for the message (e.g. "training sample 12")
         * @throws IllegalArgumentException naming the first condition out of range and its range
         */
        public MuapConditions check(MuapConditions c, String where) {
            String p = problem(c);
            if (p != null) {
                throw new IllegalArgumentException((where == null ? "" : where + ": ") + p);
            }
            return c;
        }

        private String problem(MuapConditions c) {
            double[] v = c.toArray();
            List<Range> r = asList();
            for (int i = 0; i < COUNT; i++) {
                if (!r.get(i).contains(v[i])) {
                    return "condition " + NAMES.get(i) + " = " + fmt(v[i]) + " is outside its range ["
                            + fmt(r.get(i).min()) + ", " + fmt(r.get(i).max()) + "]";
                }
            }
            return null;
        }

        private static String fmt(double x) {
            return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }

        /** The conditions mapped to [0.5, 1], in {@link MuapConditions#NAMES} order (not range-checked). */
        public double[] normalise(MuapConditions c) {
            double[] v = c.toArray();
            List<Range> r = asList();
            for (int i = 0; i < COUNT; i++) {
                v[i] = 0.5 + 0.5 * (v[i] - r.get(i).min()) / (r.get(i).max() - r.get(i).min());
            }
            return v;
        }

        /** The inverse of {@link #normalise}; values in [0.5, 1] give conditions inside the ranges. */
        public MuapConditions denormalise(double[] normalised) {
            if (normalised.length != COUNT) {
                throw new IllegalArgumentException("expected " + COUNT + " conditions, got " + normalised.length);
            }
            double[] v = new double[COUNT];
            List<Range> r = asList();
            for (int i = 0; i < COUNT; i++) {
                double lo = r.get(i).min();
                double hi = r.get(i).max();
                v[i] = lo + (normalised[i] - 0.5) * 2 * (hi - lo);
                if (normalised[i] >= 0.5 && normalised[i] <= 1) {
                    v[i] = Math.max(lo, Math.min(hi, v[i])); // rounding must not leave the range
                }
            }
            return fromArray(v);
        }

        /** The largest fibre count in range. */
        public int maxFibres() {
            return (int) Math.max(1, Math.round(Math.exp(logFibres.max())));
        }
    }
}
