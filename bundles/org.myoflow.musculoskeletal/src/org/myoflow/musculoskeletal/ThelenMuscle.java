package org.myoflow.musculoskeletal;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Hill-type muscle-tendon unit with the curves of Thelen (2003), J Biomech Eng 125:70-77 (eqs. 1-8).
 *
 * <p>Lengths in m, velocities in m/s (negative = shortening), forces in N, angles in rad. Normalised fibre length
 * is {@code l̃ = lM / optimalFibreLength}; normalised fibre velocity is {@code ṽ = vM / (maxContractionVelocity ·
 * optimalFibreLength)}, so {@code ṽ = -1} is the maximum shortening velocity. Pennation follows the constant
 * thickness model {@code lM · sin α = optimalFibreLength · sin(pennationAtOptimal)}, with α capped at
 * {@link #MAX_PENNATION} = acos(0.1).
 *
 * <p>{@code fmaxTendonStrain} defaults to 0.04, the value of Thelen (2003) (docs/science.md#hill); several OpenSim
 * models (e.g. arm26) and older OpenSim defaults use 0.033, which gives a stiffer tendon; pass it explicitly to
 * reproduce them.
 *
 * @param maxIsometricForce F0 in N (&gt; 0)
 * @param optimalFibreLength lM0 in m (&gt; 0)
 * @param tendonSlackLength lTs in m (&ge; 0)
 * @param pennationAtOptimal α0 in rad, in [0, acos(0.1))
 * @param maxContractionVelocity in optimal fibre lengths per s (default 10)
 * @param fmaxTendonStrain tendon strain at F0, ε0T (default 0.04)
 * @param fmaxMuscleStrain passive fibre strain at F0, ε0M (default 0.6)
 * @param kShapeActive width γ of the Gaussian active force-length curve (default 0.45)
 * @param kShapePassive exponential shape kPE of the passive curve (default 5.0)
 * @param af force-velocity shape factor Af (default 0.25)
 * @param flen asymptotic normalised force of a lengthening fibre, Flen (default 1.4)
 * @since 0.1
 */
public record ThelenMuscle(double maxIsometricForce, double optimalFibreLength, double tendonSlackLength,
        double pennationAtOptimal, double maxContractionVelocity, double fmaxTendonStrain, double fmaxMuscleStrain,
        double kShapeActive, double kShapePassive, double af, double flen) {

    /** Maximum pennation angle, acos(0.1) (Thelen 2003; OpenSim). */
    public static final double MAX_PENNATION = Math.acos(0.1);
    /** Default maximum contraction velocity in optimal fibre lengths per s. */
    public static final double DEFAULT_MAX_CONTRACTION_VELOCITY = 10;
    /** Default tendon strain at maximum isometric force. */
    public static final double DEFAULT_FMAX_TENDON_STRAIN = 0.04;
    /** Default passive fibre strain at maximum isometric force. */
    public static final double DEFAULT_FMAX_MUSCLE_STRAIN = 0.6;
    /** Default Gaussian width of the active force-length curve. */
    public static final double DEFAULT_KSHAPE_ACTIVE = 0.45;
    /** Default exponential shape of the passive force-length curve. */
    public static final double DEFAULT_KSHAPE_PASSIVE = 5.0;
    /** Default force-velocity shape factor. */
    public static final double DEFAULT_AF = 0.25;
    /** Default lengthening force asymptote. */
    public static final double DEFAULT_FLEN = 1.4;

    /** Tendon toe region: exponential shape, normalised force at its end (Thelen 2003, eq. 5). */
    private static final double K_TOE = 3.0;
    private static final double F_TOE = 0.33;

    /** Validates the parameters. */
    public ThelenMuscle {
        positive("maxIsometricForce", maxIsometricForce);
        positive("optimalFibreLength", optimalFibreLength);
        if (!(tendonSlackLength >= 0) || Double.isInfinite(tendonSlackLength)) {
            throw new IllegalArgumentException("tendonSlackLength must be >= 0 m, got " + tendonSlackLength);
        }
        if (!(pennationAtOptimal >= 0 && pennationAtOptimal < MAX_PENNATION)) {
            throw new IllegalArgumentException("pennationAtOptimal must be in [0, acos(0.1)) rad, got "
                    + pennationAtOptimal);
        }
        positive("maxContractionVelocity", maxContractionVelocity);
        positive("fmaxTendonStrain", fmaxTendonStrain);
        positive("fmaxMuscleStrain", fmaxMuscleStrain);
        positive("kShapeActive", kShapeActive);
        positive("kShapePassive", kShapePassive);
        positive("af", af);
        if (!(flen > 1) || Double.isInfinite(flen)) {
            throw new IllegalArgumentException("flen must be > 1, got " + flen);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    /** A muscle with the Thelen (2003) default constants. */
    public static ThelenMuscle of(double maxIsometricForce, double optimalFibreLength, double tendonSlackLength,
            double pennationAtOptimal) {
        return new ThelenMuscle(maxIsometricForce, optimalFibreLength, tendonSlackLength, pennationAtOptimal,
                DEFAULT_MAX_CONTRACTION_VELOCITY, DEFAULT_FMAX_TENDON_STRAIN, DEFAULT_FMAX_MUSCLE_STRAIN,
                DEFAULT_KSHAPE_ACTIVE, DEFAULT_KSHAPE_PASSIVE, DEFAULT_AF, DEFAULT_FLEN);
    }

    /** This muscle with another tendon strain at maximum isometric force. */
    public ThelenMuscle withFmaxTendonStrain(double strain) {
        return new ThelenMuscle(maxIsometricForce, optimalFibreLength, tendonSlackLength, pennationAtOptimal,
                maxContractionVelocity, strain, fmaxMuscleStrain, kShapeActive, kShapePassive, af, flen);
    }

    // ---- normalised curves ------------------------------------------------------------------------------------

    /** Active force-length, {@code exp(-(l̃-1)²/γ)} (Thelen 2003, eq. 3); 1 at l̃ = 1. */
    public double activeForceLength(double normFibreLength) {
        double d = normFibreLength - 1;
        return Math.exp(-d * d / kShapeActive);
    }

    /**
     * Passive force-length, {@code (exp(kPE(l̃-1)/ε0M) - 1)/(exp(kPE) - 1)} (Thelen 2003, eq. 2), taken as 0 for
     * l̃ &le; 1 (the formula turns negative there); 1 at l̃ = 1 + ε0M.
     */
    public double passiveForceLength(double normFibreLength) {
        if (normFibreLength <= 1) {
            return 0;
        }
        return Math.expm1(kShapePassive * (normFibreLength - 1) / fmaxMuscleStrain) / Math.expm1(kShapePassive);
    }

    /**
     * Force-velocity multiplier: Thelen's (2003, eq. 6) velocity relation at full activation and optimal length,
     * solved for force. Shortening (-1 &le; ṽ &le; 0): {@code (1+ṽ)/(1-ṽ/Af)}, 0 at ṽ = -1 and 0 below.
     * Lengthening (ṽ &gt; 0): {@code (1 + k·Flen·ṽ)/(1 + k·ṽ)} with {@code k = (2 + 2/Af)/(Flen - 1)}, which is
     * continuous at 0, has twice the shortening slope there as in Thelen's curve, equals
     * {@code (1 + k·Flen)/(1 + k)} (1.385 with the defaults) at ṽ = 1 and tends to Flen as ṽ → ∞. The
     * activation-dependent maximum velocity of Thelen's eq. 8 is left out so that force stays linear in
     * activation.
     */
    public double forceVelocity(double normFibreVelocity) {
        double v = normFibreVelocity;
        if (v <= -1) {
            return 0;
        }
        if (v <= 0) {
            return (1 + v) / (1 - v / af);
        }
        double k = lengtheningSlope();
        return (1 + k * flen * v) / (1 + k * v);
    }

    /**
     * Inverse of {@link #forceVelocity}: the normalised velocity at which the multiplier equals {@code fv}; fv is
     * clamped to [0, 0.999·Flen] (the lengthening branch has no finite inverse at Flen).
     */
    public double inverseForceVelocity(double fv) {
        double f = Math.max(0, Math.min(fv, 0.999 * flen));
        if (f <= 1) {
            return (f - 1) / (1 + f / af);
        }
        return (f - 1) / (lengtheningSlope() * (flen - f));
    }

    private double lengtheningSlope() {
        return (2 + 2 / af) / (flen - 1);
    }

    /**
     * Tendon force-strain (Thelen 2003, eqs. 4-5, as in OpenSim's Thelen2003Muscle): exponential toe
     * {@code Ftoe/(exp(ktoe)-1)·(exp(ktoe·ε/εtoe)-1)} up to {@code εtoe = 0.609·ε0T}, then linear with slope
     * {@code 1.712/ε0T}; ktoe = 3, Ftoe = 0.33. Gives 0.9994 (not exactly 1) at ε = ε0T; 0 for ε &le; 0.
     */
    public double tendonForceStrain(double strain) {
        if (strain <= 0) {
            return 0;
        }
        double toeStrain = 0.609 * fmaxTendonStrain;
        if (strain <= toeStrain) {
            return F_TOE / Math.expm1(K_TOE) * Math.expm1(K_TOE * strain / toeStrain);
        }
        return 1.712 / fmaxTendonStrain * (strain - toeStrain) + F_TOE;
    }

    // ---- fibre geometry and forces ----------------------------------------------------------------------------

    /** Fibre-thickness constant h = lM0·sin α0 of the constant-thickness pennation model, in m. */
    public double thickness() {
        return optimalFibreLength * Math.sin(pennationAtOptimal);
    }

    /** Shortest fibre length allowed by the pennation cap, in m. */
    public double minFibreLength() {
        return Math.max(thickness() / Math.sin(MAX_PENNATION), 1e-3 * optimalFibreLength);
    }

    /** cos of the pennation angle at fibre length {@code fibreLength} (m). */
    public double cosPennation(double fibreLength) {
        double s = thickness() / Math.max(fibreLength, minFibreLength());
        return Math.sqrt(1 - s * s);
    }

    /**
     * Fibre force in N along the fibre: {@code F0·(a·fL(l̃)·fV(ṽ) + fPE(l̃))}.
     *
     * @param activation a in [0, 1]
     * @param normFibreLength l̃
     * @param normFibreVelocity ṽ (negative = shortening)
     */
    public double fibreForce(double activation, double normFibreLength, double normFibreVelocity) {
        return maxIsometricForce * (activation * activeForceLength(normFibreLength)
                * forceVelocity(normFibreVelocity) + passiveForceLength(normFibreLength));
    }

    /** Fibre length (m) with a rigid tendon: {@code sqrt((lMT - lTs)² + h²)}, at least {@link #minFibreLength}. */
    public double rigidFibreLength(double mtuLength) {
        double x = Math.max(mtuLength - tendonSlackLength, 0);
        double h = thickness();
        return Math.max(Math.sqrt(x * x + h * h), minFibreLength());
    }

    /**
     * Muscle-tendon force (N, along the tendon) with a rigid tendon: the fibre length follows from the MTU length
     * and the fibre velocity is {@code vMT·cos α}.
     *
     * @param activation a in [0, 1]
     * @param mtuLength lMT in m
     * @param mtuVelocity dlMT/dt in m/s
     */
    public double rigidTendonForce(double activation, double mtuLength, double mtuVelocity) {
        double lm = rigidFibreLength(mtuLength);
        double cos = cosPennation(lm);
        double v = mtuVelocity * cos / (maxContractionVelocity * optimalFibreLength);
        return fibreForce(activation, lm / optimalFibreLength, v) * cos;
    }

    /** Tendon force (N) at tendon length {@code tendonLength} (m). */
    public double tendonForce(double tendonLength) {
        return maxIsometricForce * tendonForceStrain((tendonLength - tendonSlackLength) / tendonSlackLength);
    }

    /**
     * Equilibrium fibre length (m) with an elastic tendon: the root of {@code FT(lMT - lM·cos α) = FM·cos α},
     * found by Brent's method (commons-math3) between the shortest allowed fibre and the fibre with a slack
     * tendon. The fibre velocity is taken as {@code vMT·cos α} (the tendon's own velocity is neglected, as in a
     * quasi-static initial equilibrium). Returns the slack-tendon length when no fibre force arises there, and
     * the shortest fibre when even that cannot balance the tendon.
     */
    public double equilibriumFibreLength(double activation, double mtuLength, double mtuVelocity) {
        if (tendonSlackLength == 0) {
            return rigidFibreLength(mtuLength);
        }
        double h = thickness();
        UnivariateFunction residual = lm -> {
            double cos = cosPennation(lm);
            double tendon = mtuLength - Math.sqrt(Math.max(lm * lm - h * h, 0));
            double v = mtuVelocity * cos / (maxContractionVelocity * optimalFibreLength);
            return tendonForce(tendon) - fibreForce(activation, lm / optimalFibreLength, v) * cos;
        };
        double lo = minFibreLength();
        double hi = rigidFibreLength(mtuLength);
        if (hi <= lo || residual.value(hi) >= 0) {
            return hi;
        }
        if (residual.value(lo) <= 0) {
            return lo;
        }
        return new BrentSolver(1e-14, 1e-12 * optimalFibreLength).solve(200, residual, lo, hi);
    }

    /** Muscle-tendon force (N) with an elastic tendon, at the equilibrium fibre length. */
    public double elasticTendonForce(double activation, double mtuLength, double mtuVelocity) {
        double lm = equilibriumFibreLength(activation, mtuLength, mtuVelocity);
        return tendonForce(mtuLength - lm * cosPennation(lm));
    }

    /**
     * Fibre velocity (m/s) of the elastic-tendon ODE {@code dlM/dt}: the force-velocity multiplier that makes the
     * fibre balance the tendon, {@code fV = (FT/(F0·cos α) - fPE)/(a·fL)}, mapped back through
     * {@link #inverseForceVelocity}. Activation is floored at 0.01 so that the division stays finite.
     */
    public double fibreVelocity(double activation, double fibreLength, double mtuLength) {
        double lm = Math.max(fibreLength, minFibreLength());
        double cos = cosPennation(lm);
        double ft = tendonForce(mtuLength - lm * cos);
        double norm = lm / optimalFibreLength;
        double a = Math.max(activation, 0.01);
        double fv = (ft / (maxIsometricForce * cos) - passiveForceLength(norm)) / (a * activeForceLength(norm));
        return inverseForceVelocity(fv) * maxContractionVelocity * optimalFibreLength;
    }
}
