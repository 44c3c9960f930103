package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A simple seeded motor-unit anatomy in a rectangular muscle cross-section (x across the fibres, from −W/2 to
 * W/2; depth below the muscle surface, from 0 to D). Unit i of n (smallest first) has
 * n_i = N_min·(N_max/N_min)^(i/(n−1)) fibres (exponential spread), a circular territory of radius
 * √(n_i/(π·ρ)) for fibre density ρ, centred uniformly where the territory fits, and fibres uniform in the
 * territory (re-drawn when outside the muscle). Conduction velocity rises with size:
 * CV_i = mean + spread·(ln(n_i/N_min)/ln(N_max/N_min) − ½), e.g. 3–5.5 m/s. Each unit's innervation zone lies
 * uniformly within ±izSpread/4 of the muscle's IZ line and each fibre's within a further ±izSpread/4; each
 * semi-fibre length is its mean ± a uniform spread.
 *
 * @since 0.1
 */
public final class MotorUnitAnatomy {

    /**
     * Geometry and spreads of the anatomy. Build it with {@link #builder()} (named, unit-carrying setters); the
     * canonical constructor stays for records' sake.
     */
    public record Spec(int units, int minFibres, int maxFibres, double fibresPerMm2, double muscleWidthMm,
            double muscleDepthMm, double cvMeanMPerS, double cvSpreadMPerS, double rightSemiLengthMm,
            double leftSemiLengthMm, double semiLengthSpreadMm, double izSpreadMm) {

        public Spec {
            if (units < 1 || minFibres < 1 || maxFibres < minFibres || !(fibresPerMm2 > 0) || !(muscleWidthMm > 0)
                    || !(muscleDepthMm > 0) || !(cvMeanMPerS - cvSpreadMPerS / 2 > 0) || !(cvSpreadMPerS >= 0)
                    || !(semiLengthSpreadMm >= 0) || !(rightSemiLengthMm - semiLengthSpreadMm > 0)
                    || !(leftSemiLengthMm - semiLengthSpreadMm > 0) || !(izSpreadMm >= 0)) {
                throw new IllegalArgumentException("inconsistent motor-unit anatomy " + this);
            }
        }

        /** A builder with named, unit-carrying setters; every value must be set except the spreads (0 by default). */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from these values. */
        public Builder toBuilder() {
            return new Builder().units(units).minFibres(minFibres).maxFibres(maxFibres).fibresPerMm2(fibresPerMm2)
                    .muscleWidthMm(muscleWidthMm).muscleDepthMm(muscleDepthMm).cvMeanMPerS(cvMeanMPerS)
                    .cvSpreadMPerS(cvSpreadMPerS).rightSemiLengthMm(rightSemiLengthMm)
                    .leftSemiLengthMm(leftSemiLengthMm).semiLengthSpreadMm(semiLengthSpreadMm).izSpreadMm(izSpreadMm);
        }

        /**
         * Named settings of a {@link Spec}. Values left unset are NaN (or 0 for counts), which the record refuses
         * naming the spec; the spreads (conduction velocity, semi-length, innervation zone) default to 0.
         */
        public static final class Builder {
            private int units;
            private int minFibres;
            private int maxFibres;
            private double fibresPerMm2 = Double.NaN;
            private double muscleWidthMm = Double.NaN;
            private double muscleDepthMm = Double.NaN;
            private double cvMeanMPerS = Double.NaN;
            private double cvSpreadMPerS;
            private double rightSemiLengthMm = Double.NaN;
            private double leftSemiLengthMm = Double.NaN;
            private double semiLengthSpreadMm;
            private double izSpreadMm;

            private Builder() {
            }

            /** Number of motor units (&ge; 1). */
            public Builder units(int n) {
                this.units = n;
                return this;
            }

            /** Fibres of the smallest unit. */
            public Builder minFibres(int n) {
                this.minFibres = n;
                return this;
            }

            /** Fibres of the largest unit. */
            public Builder maxFibres(int n) {
                this.maxFibres = n;
                return this;
            }

            /** Fibre density in the territories, fibres per mm². */
            public Builder fibresPerMm2(double v) {
                this.fibresPerMm2 = v;
                return this;
            }

            /** Width of the muscle cross-section (across the fibres), mm. */
            public Builder muscleWidthMm(double v) {
                this.muscleWidthMm = v;
                return this;
            }

            /** Depth of the muscle cross-section below its surface, mm. */
            public Builder muscleDepthMm(double v) {
                this.muscleDepthMm = v;
                return this;
            }

            /** Mean conduction velocity over the unit sizes, m/s. */
            public Builder cvMeanMPerS(double v) {
                this.cvMeanMPerS = v;
                return this;
            }

            /** Conduction-velocity difference between the largest and the smallest unit, m/s. */
            public Builder cvSpreadMPerS(double v) {
                this.cvSpreadMPerS = v;
                return this;
            }

            /** Mean length of the fibres' right half (from the innervation zone to the tendon), mm. */
            public Builder rightSemiLengthMm(double v) {
                this.rightSemiLengthMm = v;
                return this;
            }

            /** Mean length of the fibres' left half, mm. */
            public Builder leftSemiLengthMm(double v) {
                this.leftSemiLengthMm = v;
                return this;
            }

            /** Both semi-lengths, mm. */
            public Builder semiLengthMm(double v) {
                return rightSemiLengthMm(v).leftSemiLengthMm(v);
            }

            /** Half-width of the uniform spread of each semi-length, mm. */
            public Builder semiLengthSpreadMm(double v) {
                this.semiLengthSpreadMm = v;
                return this;
            }

            /** Width of the innervation-zone spread along the fibres, mm. */
            public Builder izSpreadMm(double v) {
                this.izSpreadMm = v;
                return this;
            }

            /** The spec; refuses inconsistent or missing values. */
            public Spec build() {
                return new Spec(units, minFibres, maxFibres, fibresPerMm2, muscleWidthMm, muscleDepthMm, cvMeanMPerS,
                        cvSpreadMPerS, rightSemiLengthMm, leftSemiLengthMm, semiLengthSpreadMm, izSpreadMm);
            }
        }

        /** Fibre count of unit i (0-based). */
        public int fibreCount(int i) {
            if (units == 1) {
                return minFibres;
            }
            return (int) Math.round(minFibres * Math.pow((double) maxFibres / minFibres, (double) i / (units - 1)));
        }

        /** Territory radius of a unit with n fibres, mm. */
        public double territoryRadiusMm(int fibres) {
            return Math.sqrt(fibres / (Math.PI * fibresPerMm2));
        }
    }

    /** One fibre: lateral position, depth below the muscle surface, IZ position and semi-lengths (mm). */
    public record Fibre(double xMm, double depthMm, double izMm, double rightSemiLengthMm, double leftSemiLengthMm) {
    }

    /** One motor unit. */
    public record Unit(double centreXMm, double centreDepthMm, double territoryRadiusMm, double cvMPerS,
            List<Fibre> fibres) {
    }

    private final Spec spec;
    private final List<Unit> units;

    private MotorUnitAnatomy(Spec spec, List<Unit> units) {
        this.spec = spec;
        this.units = List.copyOf(units);
    }

    /** Draws an anatomy; the same spec and generator state give the same anatomy. */
    public static MotorUnitAnatomy generate(Spec spec, RandomGenerator rng) {
        double w = spec.muscleWidthMm();
        double dpt = spec.muscleDepthMm();
        double logRange = Math.log((double) spec.maxFibres() / spec.minFibres());
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < spec.units(); i++) {
            int n = spec.fibreCount(i);
            double r = spec.territoryRadiusMm(n);
            double cx = r < w / 2 ? -w / 2 + r + rng.nextDouble() * (w - 2 * r) : 0;
            double cy = r < dpt / 2 ? r + rng.nextDouble() * (dpt - 2 * r) : dpt / 2;
            double size = logRange > 0 ? Math.log((double) n / spec.minFibres()) / logRange : 0.5;
            double cv = spec.cvMeanMPerS() + spec.cvSpreadMPerS() * (size - 0.5);
            double iz = (rng.nextDouble() - 0.5) * spec.izSpreadMm() / 2;
            List<Fibre> fibres = new ArrayList<>(n);
            for (int f = 0; f < n; f++) {
                double x;
                double y;
                int tries = 0;
                do {
                    double rho = r * Math.sqrt(rng.nextDouble());
                    double phi = 2 * Math.PI * rng.nextDouble();
                    x = cx + rho * Math.cos(phi);
                    y = cy + rho * Math.sin(phi);
                } while ((Math.abs(x) > w / 2 || y < 0 || y > dpt) && ++tries < 100);
                x = Math.max(-w / 2, Math.min(w / 2, x));
                y = Math.max(0, Math.min(dpt, y));
                double fiz = iz + (rng.nextDouble() - 0.5) * spec.izSpreadMm() / 2;
                double l1 = spec.rightSemiLengthMm() + (2 * rng.nextDouble() - 1) * spec.semiLengthSpreadMm();
                double l2 = spec.leftSemiLengthMm() + (2 * rng.nextDouble() - 1) * spec.semiLengthSpreadMm();
                fibres.add(new Fibre(x, y, fiz, l1, l2));
            }
            units.add(new Unit(cx, cy, r, cv, fibres));
        }
        return new MotorUnitAnatomy(spec, units);
    }

    /**
     * The same units and fibres in a muscle whose length is s times its rest length (NeuroMotion's rule, see
     * docs/science.md#muap-banks): every fibre's semi-lengths and innervation-zone position along the fibres scale by
     * s, its depth below the muscle surface (and the territory centre's) by 1/√s, and the units' conduction velocity by
     * 1/s. The lateral positions, the territory radii and the spec are unchanged; s = 1 returns equal values.
     */
    public MotorUnitAnatomy stretched(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("length scale must be positive and finite, got " + s);
        }
        double depthScale = 1 / Math.sqrt(s);
        List<Unit> out = new ArrayList<>(units.size());
        for (Unit u : units) {
            List<Fibre> fibres = new ArrayList<>(u.fibres().size());
            for (Fibre f : u.fibres()) {
                fibres.add(new Fibre(f.xMm(), f.depthMm() * depthScale, f.izMm() * s, f.rightSemiLengthMm() * s,
                        f.leftSemiLengthMm() * s));
            }
            out.add(new Unit(u.centreXMm(), u.centreDepthMm() * depthScale, u.territoryRadiusMm(), u.cvMPerS() / s,
                    fibres));
        }
        return new MotorUnitAnatomy(spec, out);
    }

    public Spec spec() {
        return spec;
    }

    public List<Unit> units() {
        return units;
    }

    public int totalFibres() {
        return units.stream().mapToInt(u -> u.fibres().size()).sum();
    }
}
