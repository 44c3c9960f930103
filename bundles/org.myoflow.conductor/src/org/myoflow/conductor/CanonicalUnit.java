package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic motor unit for given {@link MuapConditions}, so that the unit's MUAP is a function of the six
 * conditions alone (the training target of a BioMime-style surrogate). With n = round(exp(logFibres)) fibres,
 * fibre density ρ and length scale s:
 *
 * <ul>
 * <li>territory radius R = √(n/(π·ρ)); fibre k = 0 … n−1 at ρ_k = √((k + ½)/(π·ρ)) = R·√((k + ½)/n) and
 * φ_k = k·γ with the golden angle γ = π·(3 − √5) (Vogel's sunflower spiral: uniform density, every fibre inside
 * R, and fibre k at the same place in every unit, so a smaller unit is a subset of a larger one);</li>
 * <li>x_k = position + ρ_k·cos φ_k (lateral positions do not change with length), depth_k =
 * max(0, depth + ρ_k·sin φ_k/√s) (the territory's depth extent scales as 1/√s, NeuroMotion's rule of
 * {@link MotorUnitAnatomy#stretched}; the centre depth is given as it is at this length);</li>
 * <li>innervation zone iz_k = iz + s·izSpread/2·(frac((k+1)·a) − ½), i.e. within ±s·izSpread/4 of the unit's as
 * in {@link MotorUnitAnatomy}; semi-lengths L1_k = s·(L1 + spread·(2·frac((k+1)·b) − 1)) and L2_k = s·(L2 +
 * spread·(2·frac((k+1)·c) − 1));</li>
 * <li>conduction velocity cvMPerS for every fibre.</li>
 * </ul>
 *
 * The jitters are additive-recurrence (Weyl) low-discrepancy sequences with a = √2 − 1, b = 1/ψ and c = 1/ψ²
 * (ψ the plastic number, the constants of Roberts' R2 sequence). The golden ratio itself is not used for them
 * because frac(k/φ) is 1 − φ_k/2π: the IZ jitter would follow the angle round the territory.
 *
 * @since 0.1
 */
public final class CanonicalUnit {

    /** The golden angle, rad. */
    public static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

    private static final double A_IZ = Math.sqrt(2) - 1;
    private static final double B_RIGHT = 0.7548776662466927; // 1/ψ
    private static final double C_LEFT = 0.5698402909980532; // 1/ψ²

    /**
     * Fixed anatomy of the canonical units: fibre density, mean semi-lengths at rest, their uniform spread (±)
     * and the width of the fibres' IZ band around the unit's IZ, at rest.
     */
    public record Spec(double fibresPerMm2, double rightSemiLengthMm, double leftSemiLengthMm,
            double semiLengthSpreadMm, double izSpreadMm) {

        public Spec {
            if (!(fibresPerMm2 > 0) || !(semiLengthSpreadMm >= 0) || !(rightSemiLengthMm - semiLengthSpreadMm > 0)
                    || !(leftSemiLengthMm - semiLengthSpreadMm > 0) || !(izSpreadMm >= 0)
                    || !Double.isFinite(fibresPerMm2 + rightSemiLengthMm + leftSemiLengthMm + izSpreadMm)) {
                throw new IllegalArgumentException("inconsistent canonical-unit spec " + this);
            }
        }

        /** The planar MUAP-bank step's defaults: 20 fibres/mm², L1 = L2 = 50 mm ± 5 mm, IZ band 10 mm. */
        public static Spec defaults() {
            return new Spec(20, 50, 50, 5, 10);
        }

        /** Territory radius of a unit with n fibres, mm. */
        public double territoryRadiusMm(int fibres) {
            return Math.sqrt(fibres / (Math.PI * fibresPerMm2));
        }
    }

    private CanonicalUnit() {
    }

    /** The canonical unit of these conditions (not range-checked). */
    public static MotorUnitAnatomy.Unit build(MuapConditions c, Spec spec) {
        int n = c.fibres();
        double s = c.lengthScale();
        if (!(s > 0)) {
            throw new IllegalArgumentException("length scale must be positive, got " + s);
        }
        if (!(c.cvMPerS() > 0)) {
            throw new IllegalArgumentException("conduction velocity must be positive, got " + c.cvMPerS());
        }
        double depthScale = 1 / Math.sqrt(s);
        double izHalfBand = s * spec.izSpreadMm() / 2;
        List<MotorUnitAnatomy.Fibre> fibres = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double rho = Math.sqrt((k + 0.5) / (Math.PI * spec.fibresPerMm2()));
            double phi = k * GOLDEN_ANGLE;
            double x = c.positionMm() + rho * Math.cos(phi);
            double depth = Math.max(0, c.depthMm() + rho * Math.sin(phi) * depthScale);
            double iz = c.izMm() + izHalfBand * (frac((k + 1) * A_IZ) - 0.5);
            double l1 = s * (spec.rightSemiLengthMm() + spec.semiLengthSpreadMm() * (2 * frac((k + 1) * B_RIGHT) - 1));
            double l2 = s * (spec.leftSemiLengthMm() + spec.semiLengthSpreadMm() * (2 * frac((k + 1) * C_LEFT) - 1));
            fibres.add(new MotorUnitAnatomy.Fibre(x, depth, iz, l1, l2));
        }
        return new MotorUnitAnatomy.Unit(c.positionMm(), c.depthMm(), spec.territoryRadiusMm(n), c.cvMPerS(),
                fibres);
    }

    private static double frac(double x) {
        return x - Math.floor(x);
    }
}
