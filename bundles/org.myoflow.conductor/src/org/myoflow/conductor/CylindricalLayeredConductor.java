package org.myoflow.conductor;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Multi-layer cylindrical volume conductor (Farina, Mesin, Martina &amp; Merletti 2004, IEEE TBME 51:415): an
 * anisotropic muscle cylinder (σ_z along the fibres = the cylinder axis, σ_ρ = σ_θ across) of radius R_m, wrapped
 * in isotropic fat (σ_f, R_m … R_f) and skin (σ_s, R_f … R_s), air outside, optionally around an isotropic bone
 * (σ_b, 0 … R_b). Lengths in mm, conductivities given in S/m and used in S/mm, currents in mA, potentials in mV;
 * the conventions are those of {@link PlanarLayeredConductor}.
 *
 * <h2>Transfer function</h2>
 * Transforms: Φ_n(ρ, k_z) = ∫dz ∫dθ φ·e^(−i k_z z − i n θ), inverse φ = (1/2π)Σ_n (1/2π)∫dk_z Φ_n·e^(i k_z z + i n θ);
 * k_θ = n is the integer angular frequency. In each isotropic layer Φ_n solves the modified Bessel equation of
 * argument k·ρ (k = |k_z|), so Φ_n = A·I_n(kρ) + B·K_n(kρ). In the anisotropic muscle the equation
 * σ_ρ(Φ'' + Φ'/ρ − n²Φ/ρ²) − σ_z k_z²Φ = −I·δ(ρ − ρ0)/ρ has the argument k_m·ρ with k_m = √(σ_z/σ_ρ)·k, which is
 * the paper's eq. (19) (radial coordinates scaled by √(σ_z/σ_ρ)). A unit point source I at (ρ0, θ = 0, z = 0)
 * gives the primary field (I/σ_ρ)·I_n(k_m ρ_&lt;)·K_n(k_m ρ_&gt;) (the Wronskian I_n K_n' − I_n' K_n = −1/x gives the
 * jump −I/(σ_ρ ρ0) of Φ'), to which the muscle adds D·I_n(k_m ρ). With fat E·I_n + F·K_n and skin G·I_n + H·K_n,
 * continuity of Φ and of the radial current σ·∂Φ/∂ρ at R_m and R_f and σ_s·∂Φ/∂ρ = 0 at R_s give the 5×5 system
 * of the paper (without bone) in D, E, F, G, H:
 * <pre>
 *   (1) D̃ − ρI_f·Ẽ − F̃                                   = −P̃                    at R_m, potential
 *   (2) σ_ρ·dI_m·D̃ − σ_f·(ρI_f·dI(kR_m)·Ẽ + dK(kR_m)·F̃)   = −σ_ρ·dK_m·P̃          at R_m, current
 *   (3) Ẽ + ρK_f·F̃ − ρI_s·G̃ − H̃                          = 0                      at R_f, potential
 *   (4) σ_f·(dI(kR_f)·Ẽ + ρK_f·dK(kR_f)·F̃) − σ_s·(ρI_s·dI(kR_f)·G̃ + dK(kR_f)·H̃) = 0   at R_f, current
 *   (5) dI(kR_s)·G̃ + ρK_s·dK(kR_s)·H̃                      = 0                      at R_s, no current
 *   Φ_n(R_s, k_z) = G̃ + ρK_s·H̃                                                                       (C2)
 * </pre>
 * written with scaled unknowns so that every coefficient is O(1) for any order and argument: each I-type
 * coefficient is scaled by the function's value at the layer's outer radius and each K-type one at its inner
 * radius (D̃ = D·I_n(k_m R_m), Ẽ = E·I_n(kR_f), F̃ = F·K_n(kR_m), G̃ = G·I_n(kR_s), H̃ = H·K_n(kR_f)), so only
 * ratios ≤ 1 appear: ρI_f = I_n(kR_m)/I_n(kR_f), ρK_f = K_n(kR_f)/K_n(kR_m), ρI_s = I_n(kR_f)/I_n(kR_s),
 * ρK_s = K_n(kR_s)/K_n(kR_f), and the logarithmic derivatives dI(x) = x·I_n'/I_n = n + x·I_(n+1)/I_n,
 * dK(x) = x·K_n'/K_n = n − x·K_(n+1)/K_n (dI_m, dK_m at x = k_m R_m). P̃ = (I/σ_ρ)·I_n(k_m ρ0)·K_n(k_m R_m) is the
 * primary field at R_m. The source depth enters only through P̃, so
 * <pre>
 *   H(k_z, n; ρ0) = [I_n(k_m ρ0)/I_n(k_m R_m)] · (1/σ_ρ)·I_n(k_m R_m)·K_n(k_m R_m) · T(k_z, n)      (C3)
 * </pre>
 * with T the solution of (1)–(5) for P̃ = 1, and I_n K_n = 1/(x·(K_(n+1)/K_n + I_(n+1)/I_n)) by the Wronskian.
 * Everything right of the bracket is independent of the fibre and is tabulated once ({@link Detection}); the
 * bracket is computed exactly per fibre from Bessel ratios (no interpolation in depth). At k_z = 0 the Bessel
 * functions are replaced by their limits ρ^n, ρ^(−n) (dI = n, dK = −n, I_n K_n = 1/(2n)); k_z = 0, n = 0 carries no
 * current (every fibre source has zero net current) and is set to 0. Bessel functions from {@link ModifiedBessel}.
 *
 * <h2>Detection (Farina et al. 2004; source as Farina &amp; Merletti 2001)</h2>
 * A circular electrode of radius r on the skin is the spatial filter 2·J1(r·k_s)/(r·k_s) with
 * k_s = √(k_z² + (n/R_s)²), the local wavenumber in the skin plane (paper's eq. 33). For a fibre parallel to the
 * axis at (ρ0, θ0) and an electrode at (z_e, θ_e) the impulse response along the fibre is
 * <pre>
 *   h_e(z) = (1/2π)∫dk_z e^(i k_z (z_e − z)) · (1/2π)Σ_n H(k_z, n; ρ0)·E(k_z, n)·cos(n(θ_e − θ0))     (C4)
 * </pre>
 * (H and E are even in k_z and n). The potential is the line integral φ_e(t) = ∫ h_e(z)·i(z, t) dz over the source
 * (S1) of {@link FibreSource} (generation at the innervation zone, propagation both ways, extinction at the fibre
 * ends), evaluated in the integrated-by-parts form (P1)-(P2) of {@code FibreProjection} on nodes anchored at the
 * fibre's innervation zone: g_e = ∂h_e/∂z at z_e − z_i ∓ j·Δz comes from one FFT of i·k_z·(C4) with the phase
 * e^(i k_z (z_e − z_i)), so the IZ and the electrodes enter continuously, and the fibre ends enter as node weights
 * (see {@link Detection.Projection}). This is the space–time form of the paper's product in the (k_z, k_t) domain;
 * it needs no temporal FFT and so has no temporal aliasing. The angular series is truncated at |n| ≤ N_θ/2 (the θ
 * sampling of N_θ points, Nyquist term half-weighted); the fibre and all electrode offsets must lie within half the
 * z period.
 *
 * <p>The n = 0 mode is singular at k_z = 0: an insulated cylinder conducts like a cable, and
 * <pre>
 *   H(k_z, 0; ρ0) = 2π/(G·k_z²) + O(1),   G = π·(σ_z R_m² + σ_f (R_f² − R_m²) + σ_s (R_s² − R_f²))       (C5)
 * </pre>
 * (a point current raises the potential far along the limb by −I·|z|/(2G); the sources have zero net current, but
 * their axial moment does not vanish while the potential is extinguished at the fibre ends). Sampled on a
 * periodic k_z grid this term converges only as 1/period, so it is subtracted from the n = 0 spectrum and its exact
 * space-domain kernel −|z_e − z|/(2G) is added back, as its derivative −sign(z_e − z)/(2G) averaged over each
 * node's cell (continuous in z_e − z), to g_e; what remains is regular at k_z = 0.
 *
 * <h2>Bone</h2>
 * With a bone cylinder (A·I_n(kρ), 0 … R_b) the muscle field gains D2·K_n(k_m ρ), and the primary field reaches
 * both muscle boundaries: Q_in = (I/σ_ρ)·K_n(k_m ρ0)·I_n(k_m R_b) at R_b and Q_out = P̃ at R_m. Continuity of Φ and
 * of the radial current at R_b adds two rows, giving the paper's 7×7 system in (A, D2, D, E, F, G, H), scaled as
 * above (Ã = A·I_n(kR_b), D̃2 = D2·K_n(k_m R_b), ρIm = I_n(k_m R_b)/I_n(k_m R_m), ρKm = K_n(k_m R_m)/K_n(k_m R_b)).
 * It is solved once for each source term (two right-hand sides), so
 * <pre>
 *   H(k_z, n; ρ0) = [I_n(k_m ρ0)/I_n(k_m R_m)]·(1/σ_ρ)·I_nK_n(k_m R_m)·T_out
 *                 + [K_n(k_m ρ0)/K_n(k_m R_b)]·(1/σ_ρ)·I_nK_n(k_m R_b)·T_in                               (C6)
 * </pre>
 * again two fibre-independent tables and two exact depth factors; G in (C5) then includes σ_b·πR_b².
 *
 * <p>Array rotation is supported through the electrode positions (a circular electrode's filter is isotropic);
 * not implemented: fibres inclined to the cylinder axis (eq. 36 of the paper), sources along θ (sphincters).
 *
 * @since 0.1
 */
public final class CylindricalLayeredConductor {

    private final double sigmaAlong; // S/mm
    private final double sigmaRadial;
    private final double fatSigma;
    private final double skinSigma;
    private final double muscleRadiusMm;
    private final double fatRadiusMm;
    private final double skinRadiusMm;
    private final double boneSigma; // S/mm, unused without bone
    private final double boneRadiusMm; // 0: no bone
    private final double anisotropy; // √(σ_z/σ_ρ)
    private final double cableConductance; // G = Σ σ_z·area over the layers, S·mm

    /**
     * @param muscleAlongSPerM  σ_z of muscle along the fibres (cylinder axis), S/m
     * @param muscleRadialSPerM σ_ρ = σ_θ of muscle across the fibres, S/m
     * @param fatSPerM          fat conductivity, S/m
     * @param fatMm             fat thickness, mm (≥ 0)
     * @param skinSPerM         skin conductivity, S/m
     * @param skinMm            skin thickness, mm (≥ 0)
     * @param skinRadiusMm      outer radius of the limb (skin surface) R_s, mm
     */
    public CylindricalLayeredConductor(double muscleAlongSPerM, double muscleRadialSPerM, double fatSPerM,
            double fatMm, double skinSPerM, double skinMm, double skinRadiusMm) {
        this(muscleAlongSPerM, muscleRadialSPerM, fatSPerM, fatMm, skinSPerM, skinMm, skinRadiusMm, 1, 0);
    }

    /**
     * With an isotropic bone cylinder of radius R_b and conductivity σ_b inside the muscle (the paper's 7×7
     * system, see (C6)); R_b = 0 for none.
     *
     * @param boneSPerM    bone conductivity, S/m (ignored when R_b = 0; Farina et al. 2004 use 0.02 S/m)
     * @param boneRadiusMm bone radius R_b, mm, 0 ≤ R_b &lt; R_m
     */
    public CylindricalLayeredConductor(double muscleAlongSPerM, double muscleRadialSPerM, double fatSPerM,
            double fatMm, double skinSPerM, double skinMm, double skinRadiusMm, double boneSPerM,
            double boneRadiusMm) {
        positive("muscle conductivity along the fibres", muscleAlongSPerM);
        positive("muscle conductivity across the fibres", muscleRadialSPerM);
        positive("fat conductivity", fatSPerM);
        positive("skin conductivity", skinSPerM);
        if (!(fatMm >= 0) || !(skinMm >= 0) || Double.isInfinite(fatMm) || Double.isInfinite(skinMm)) {
            throw new IllegalArgumentException("layer thicknesses must be finite and >= 0, got fat " + fatMm
                    + " mm, skin " + skinMm + " mm");
        }
        if (!(skinRadiusMm > fatMm + skinMm) || Double.isInfinite(skinRadiusMm)) {
            throw new IllegalArgumentException("limb radius " + skinRadiusMm + " mm leaves no muscle under " + fatMm
                    + " mm fat and " + skinMm + " mm skin");
        }
        this.sigmaAlong = muscleAlongSPerM * 1e-3;
        this.sigmaRadial = muscleRadialSPerM * 1e-3;
        this.fatSigma = fatSPerM * 1e-3;
        this.skinSigma = skinSPerM * 1e-3;
        this.skinRadiusMm = skinRadiusMm;
        this.fatRadiusMm = skinRadiusMm - skinMm;
        this.muscleRadiusMm = skinRadiusMm - skinMm - fatMm;
        if (!(boneRadiusMm >= 0) || boneRadiusMm >= muscleRadiusMm) {
            throw new IllegalArgumentException("bone radius " + boneRadiusMm + " mm must be in [0, "
                    + muscleRadiusMm + ") mm");
        }
        if (boneRadiusMm > 0) {
            positive("bone conductivity", boneSPerM);
        }
        this.boneRadiusMm = boneRadiusMm;
        this.boneSigma = boneSPerM * 1e-3;
        this.anisotropy = Math.sqrt(muscleAlongSPerM / muscleRadialSPerM);
        this.cableConductance = Math.PI * (sigmaAlong * (muscleRadiusMm * muscleRadiusMm - boneRadiusMm
                * boneRadiusMm) + (boneRadiusMm > 0 ? boneSigma * boneRadiusMm * boneRadiusMm : 0) + fatSigma
                * (fatRadiusMm * fatRadiusMm - muscleRadiusMm * muscleRadiusMm) + skinSigma
                * (skinRadiusMm * skinRadiusMm - fatRadiusMm * fatRadiusMm));
    }

    /**
     * Defaults of Farina et al. 2004 (docs/science.md#cylindrical): muscle σ_z 0.4, σ_ρ 0.09 S/m; fat 0.041 S/m, 1 mm;
     * skin 1 S/m, 1 mm; limb radius as given.
     */
    public static CylindricalLayeredConductor defaults(double skinRadiusMm) {
        ConductorLayers d = ConductorLayers.cylindricalDefaults();
        return new CylindricalLayeredConductor(d.muscleAlongSPerM(), d.muscleAcrossSPerM(), d.fatSPerM(), d.fatMm(),
                d.skinSPerM(), d.skinMm(), skinRadiusMm);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    public double muscleRadiusMm() {
        return muscleRadiusMm;
    }

    /** Bone radius R_b, mm (0 without bone). */
    public double boneRadiusMm() {
        return boneRadiusMm;
    }

    public double skinRadiusMm() {
        return skinRadiusMm;
    }

    /**
     * Axial conductance of the whole cross-section G = π·(σ_z R_m² + σ_f (R_f² − R_m²) + σ_s (R_s² − R_f²)) in
     * S·mm (plus σ_b·πR_b² and minus the bone's share of muscle with bone): H(k_z, 0; ρ0) = 2π/(G·k_z²) + O(1) as
     * k_z → 0 (C5).
     */
    public double cableConductanceSmm() {
        return cableConductance;
    }

    /**
     * H(k_z, n; ρ0) of (C3) or (C6): the skin potential in the (k_z, k_θ) domain for a unit point current (1 mA) at
     * radius R_b ≤ ρ0 ≤ R_m in the muscle, in mV·mm·rad. Even in k_z and n.
     */
    public double transfer(double kzRadPerMm, int n, double rho0Mm) {
        checkInMuscle(rho0Mm);
        int order = Math.abs(n);
        double k = Math.abs(kzRadPerMm);
        Radial r = new Radial(k, order + 1);
        double[] base = new double[order + 1];
        double[] baseIn = boneRadiusMm > 0 ? new double[order + 1] : null;
        r.surfaceFactors(base, baseIn);
        double[] depth = new double[order + 1];
        double[] depthIn = boneRadiusMm > 0 ? new double[order + 1] : null;
        r.depthFactors(rho0Mm, depth, depthIn);
        return base[order] * depth[order] + (baseIn == null ? 0 : baseIn[order] * depthIn[order]);
    }

    private void checkInMuscle(double rho0Mm) {
        if (!(rho0Mm >= boneRadiusMm) || rho0Mm > muscleRadiusMm) {
            throw new IllegalArgumentException("source radius " + rho0Mm + " mm outside the muscle ("
                    + boneRadiusMm + ".." + muscleRadiusMm + " mm)");
        }
    }

    /** Spatial filter of a circular electrode (paper's eq. 33); same as the planar one. */
    public static double electrodeFilter(double kRadPerMm, double radiusMm) {
        return PlanarLayeredConductor.electrodeFilter(kRadPerMm, radiusMm);
    }

    /**
     * Electrode positions (along the fibres, across in mm of arc on the skin) → (z, θ) on the cylinder, with the
     * across coordinate 0 at angle θc.
     */
    public double[][] onSkin(double[][] alongAcrossMm, double thetaCentreRad) {
        double[][] out = new double[alongAcrossMm.length][];
        for (int e = 0; e < out.length; e++) {
            out[e] = new double[] { alongAcrossMm[e][0], thetaCentreRad + alongAcrossMm[e][1] / skinRadiusMm };
        }
        return out;
    }

    /**
     * Tabulates everything that does not depend on the fibre: (1/σ_ρ)·I_nK_n·T·E of (C3)-(C4) on the grid
     * k_z = 2πm/(N_z·Δz), m = 0 … N_z/2, n = 0 … N_θ/2, plus the Bessel ratios at k_m·R_m needed for the depth
     * factor.
     *
     * @param nz                number of z points (even; period N_z·Δz must hold the fibre and the electrodes)
     * @param dzMm              z step, mm
     * @param nTheta            number of θ points (even), i.e. harmonics |n| ≤ N_θ/2
     * @param electrodeRadiusMm radius of the circular electrodes, mm (0 = point electrodes)
     */
    public Detection detection(int nz, double dzMm, int nTheta, double electrodeRadiusMm) {
        if (nz < 4 || nz % 2 != 0 || !(dzMm > 0) || Double.isInfinite(dzMm) || nTheta < 2 || nTheta % 2 != 0
                || !(electrodeRadiusMm >= 0) || Double.isInfinite(electrodeRadiusMm)) {
            throw new IllegalArgumentException("bad detection grid: nz " + nz + ", dz " + dzMm + " mm, nTheta "
                    + nTheta + ", electrode radius " + electrodeRadiusMm + " mm");
        }
        return new Detection(nz, dzMm, nTheta, electrodeRadiusMm);
    }

    /**
     * The Bessel quantities of one |k_z| for orders 0 … orders − 1: ratios at the four radial arguments and the
     * solution of (1)–(5).
     */
    private final class Radial {
        final double k;
        final int orders;
        final double xm; // k_m·R_m
        final double[] rIm;
        final double[] invRIm; // 1/rIm (k > 0)
        final double i0eM;
        final double xb; // k_m·R_b (bone only)
        final double[] rKb;
        final double k0eB;

        Radial(double k, int orders) {
            this.k = k;
            this.orders = orders;
            this.xm = anisotropy * k * muscleRadiusMm;
            this.rIm = new double[orders];
            this.invRIm = new double[orders];
            this.xb = anisotropy * k * boneRadiusMm;
            this.rKb = boneRadiusMm > 0 ? new double[orders] : null;
            if (k > 0) {
                ModifiedBessel.ratiosI(xm, rIm);
                for (int n = 0; n < orders; n++) {
                    invRIm[n] = 1 / rIm[n];
                }
                this.i0eM = ModifiedBessel.i0e(xm);
                if (rKb != null) {
                    ModifiedBessel.ratiosK(xb, rKb);
                    this.k0eB = ModifiedBessel.k0e(xb);
                } else {
                    this.k0eB = 1;
                }
            } else {
                this.i0eM = 1;
                this.k0eB = 1;
            }
        }

        /**
         * out[n] = (1/σ_ρ)·I_n(k_m R_m)·K_n(k_m R_m)·T(k, n) of (C3); with bone, T_out into out and the response to
         * the inner source term, (1/σ_ρ)·I_n(k_m R_b)·K_n(k_m R_b)·T_in(k, n) of (C6), into in.
         */
        void surfaceFactors(double[] out, double[] in) {
            if (in != null) {
                surfaceFactorsWithBone(out, in);
                return;
            }
            double[] a = new double[25];
            double[] b = new double[5];
            if (k == 0) {
                double qf = muscleRadiusMm / fatRadiusMm;
                double qs = fatRadiusMm / skinRadiusMm;
                out[0] = 0;
                double pf = 1;
                double ps = 1;
                for (int n = 1; n < orders; n++) {
                    pf *= qf;
                    ps *= qs;
                    out[n] = solve(a, b, n, -n, pf, n, -n, pf, n, -n, ps, n, -n, ps) / (2.0 * n) / sigmaRadial;
                }
                return;
            }
            OuterLayers o = new OuterLayers();
            for (int n = 0; n < orders; n++) {
                double t = solve(a, b, n + xm * rIm[n], n - xm * o.rKm[n], o.rhoIf, o.dIf1(n), o.dKf1(n), o.rhoKf,
                        o.dIf2(n), o.dKf2(n), o.rhoIs, o.dIs(n), o.dKs(n), o.rhoKs);
                double ik = 1 / (xm * (o.rKm[n] + rIm[n]));
                out[n] = ik * t / sigmaRadial;
                o.advance(n);
            }
        }

        /**
         * The Bessel-function ratios at the muscle-fat, fat-skin and skin interfaces (k > 0) that the 5×5 and 7×7
         * systems share, and the ratios of scaled functions between interfaces (rho), advanced order by order with
         * the ratio recurrences. At k = 0 only the rho start at 1 (the callers use the power-law limits).
         */
        private final class OuterLayers {
            final double xf1 = k * muscleRadiusMm;
            final double xf2 = k * fatRadiusMm;
            final double xs = k * skinRadiusMm;
            final double[] rKm = new double[orders];
            final double[] rIf1 = new double[orders];
            final double[] rKf1 = new double[orders];
            final double[] rIf2 = new double[orders];
            final double[] rKf2 = new double[orders];
            final double[] rIs = new double[orders];
            final double[] rKs = new double[orders];
            double rhoIf = 1;
            double rhoKf = 1;
            double rhoIs = 1;
            double rhoKs = 1;

            OuterLayers() {
                if (k == 0) {
                    return;
                }
                ModifiedBessel.ratiosK(xm, rKm);
                ModifiedBessel.ratiosI(xf1, rIf1);
                ModifiedBessel.ratiosK(xf1, rKf1);
                ModifiedBessel.ratiosI(xf2, rIf2);
                ModifiedBessel.ratiosK(xf2, rKf2);
                ModifiedBessel.ratiosI(xs, rIs);
                ModifiedBessel.ratiosK(xs, rKs);
                // order-0 ratios of the scaled functions; higher orders follow in advance()
                rhoIf = ModifiedBessel.i0e(xf1) / ModifiedBessel.i0e(xf2) * Math.exp(xf1 - xf2);
                rhoKf = ModifiedBessel.k0e(xf2) / ModifiedBessel.k0e(xf1) * Math.exp(xf1 - xf2);
                rhoIs = ModifiedBessel.i0e(xf2) / ModifiedBessel.i0e(xs) * Math.exp(xf2 - xs);
                rhoKs = ModifiedBessel.k0e(xs) / ModifiedBessel.k0e(xf2) * Math.exp(xf2 - xs);
            }

            double dIf1(int n) {
                return n + xf1 * rIf1[n];
            }

            double dKf1(int n) {
                return n - xf1 * rKf1[n];
            }

            double dIf2(int n) {
                return n + xf2 * rIf2[n];
            }

            double dKf2(int n) {
                return n - xf2 * rKf2[n];
            }

            double dIs(int n) {
                return n + xs * rIs[n];
            }

            double dKs(int n) {
                return n - xs * rKs[n];
            }

            /** From order n to n + 1. */
            void advance(int n) {
                rhoIf *= rIf1[n] / rIf2[n];
                rhoKf *= rKf2[n] / rKf1[n];
                rhoIs *= rIf2[n] / rIs[n];
                rhoKs *= rKs[n] / rKf2[n];
            }

            /** From order n − 1 to n in the k = 0 limit (powers of the radius ratios). */
            void advanceStatic() {
                rhoIf *= muscleRadiusMm / fatRadiusMm;
                rhoKf = rhoIf;
                rhoIs *= fatRadiusMm / skinRadiusMm;
                rhoKs = rhoIs;
            }
        }

        /**
         * out[n] = I_n(k_m ρ0)/I_n(k_m R_m), the depth factor of (C3); with bone also in[n] = K_n(k_m ρ0)/K_n(k_m R_b)
         * of (C6).
         */
        void depthFactors(double rho0Mm, double[] out, double[] in) {
            if (k == 0) {
                double q = rho0Mm / muscleRadiusMm;
                double qb = in == null ? 0 : boneRadiusMm / rho0Mm;
                double p = 1;
                double pb = 1;
                for (int n = 0; n < orders; n++) {
                    out[n] = p;
                    p *= q;
                    if (in != null) {
                        in[n] = pb;
                        pb *= qb;
                    }
                }
                return;
            }
            double xa = anisotropy * k * rho0Mm;
            double[] rIa = new double[orders];
            ModifiedBessel.ratiosI(xa, rIa);
            double f = ModifiedBessel.i0e(xa) / i0eM * Math.exp(xa - xm);
            for (int n = 0; n < orders; n++) {
                out[n] = f;
                f *= rIa[n] / rIm[n];
            }
            if (in != null) {
                double[] rKa = new double[orders];
                ModifiedBessel.ratiosK(xa, rKa);
                double g = ModifiedBessel.k0e(xa) / k0eB * Math.exp(xb - xa);
                for (int n = 0; n < orders; n++) {
                    in[n] = g;
                    g *= rKa[n] / rKb[n];
                }
            }
        }

        /** The 7×7 system (C6) with bone, for both source terms. */
        private void surfaceFactorsWithBone(double[] out, double[] in) {
            double xbb = k * boneRadiusMm;
            OuterLayers o = new OuterLayers();
            double[] rIbm = new double[orders];
            double[] rIbb = new double[orders];
            double rhoIm = 1;
            double rhoKm = 1;
            if (k > 0) {
                ModifiedBessel.ratiosI(xb, rIbm);
                ModifiedBessel.ratiosI(xbb, rIbb);
                rhoIm = ModifiedBessel.i0e(xb) / i0eM * Math.exp(xb - xm);
                rhoKm = ModifiedBessel.k0e(xm) / k0eB * Math.exp(xb - xm);
            }
            double[] a = new double[49];
            double[] b1 = new double[7];
            double[] b2 = new double[7];
            for (int n = 0; n < orders; n++) {
                if (k == 0) {
                    if (n == 0) {
                        out[0] = 0;
                        in[0] = 0;
                    } else {
                        rhoIm *= boneRadiusMm / muscleRadiusMm;
                        rhoKm = rhoIm;
                        o.advanceStatic();
                        solve7(a, b1, b2, n, n, -n, rhoIm, rhoKm, n, -n, o.rhoIf, n, -n, o.rhoKf, n, -n, o.rhoIs, n,
                                -n, o.rhoKs);
                        out[n] = b1[5] + o.rhoKs * b1[6];
                        in[n] = b2[5] + o.rhoKs * b2[6];
                        out[n] /= 2.0 * n * sigmaRadial;
                        in[n] /= 2.0 * n * sigmaRadial;
                    }
                    continue;
                }
                solve7(a, b1, b2, n + xbb * rIbb[n], n + xb * rIbm[n], n - xb * rKb[n], rhoIm, rhoKm,
                        n + xm * rIm[n], n - xm * o.rKm[n], o.rhoIf, o.dIf1(n), o.dKf1(n), o.rhoKf, o.dIf2(n),
                        o.dKf2(n), o.rhoIs, o.dIs(n), o.dKs(n), o.rhoKs);
                out[n] = (b1[5] + o.rhoKs * b1[6]) / (xm * (o.rKm[n] + rIm[n])) / sigmaRadial;
                in[n] = (b2[5] + o.rhoKs * b2[6]) / (xb * (rKb[n] + rIbm[n])) / sigmaRadial;
                rhoIm *= rIbm[n] / rIm[n];
                rhoKm *= o.rKm[n] / rKb[n];
                o.advance(n);
            }
        }

        /**
         * (C6): unknowns Ã (bone), D̃2 (muscle K), D̃ (muscle I), Ẽ, F̃, G̃, H̃; right-hand side b1 for the outer
         * source term (Q_out = 1) and b2 for the inner one (Q_in = 1). dIbb = dI(k R_b) of the bone.
         */
        private void solve7(double[] a, double[] b1, double[] b2, double dIbb, double dIb, double dKb, double rhoIm,
                double rhoKm, double dIm, double dKm, double rhoIf, double dIf1, double dKf1, double rhoKf,
                double dIf2, double dKf2, double rhoIs, double dIs, double dKs, double rhoKs) {
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(b1, 0);
            java.util.Arrays.fill(b2, 0);
            // row 0: potential at R_b: Ã − ρIm·D̃ − D̃2 = Q_in
            a[0] = 1;
            a[1] = -1;
            a[2] = -rhoIm;
            b2[0] = 1;
            // row 1: current at R_b: σ_b·dI(kR_b)·Ã − σ_ρ·(dK_b·D̃2 + ρIm·dI_b·D̃) = σ_ρ·dI_b·Q_in
            double s = 1 / (sigmaRadial * Math.max(1, Math.abs(dIb)));
            a[7] = boneSigma * dIbb * s;
            a[8] = -sigmaRadial * dKb * s;
            a[9] = -sigmaRadial * rhoIm * dIb * s;
            b2[1] = sigmaRadial * dIb * s;
            // row 2: potential at R_m: D̃ + ρKm·D̃2 − ρI_f·Ẽ − F̃ = −Q_out
            a[15] = rhoKm;
            a[16] = 1;
            a[17] = -rhoIf;
            a[18] = -1;
            b1[2] = -1;
            // row 3: current at R_m
            s = 1 / (sigmaRadial * Math.max(1, Math.abs(dIm)));
            a[22] = sigmaRadial * rhoKm * dKm * s;
            a[23] = sigmaRadial * dIm * s;
            a[24] = -fatSigma * rhoIf * dIf1 * s;
            a[25] = -fatSigma * dKf1 * s;
            b1[3] = -sigmaRadial * dKm * s;
            // row 4: potential at R_f
            a[31] = 1;
            a[32] = rhoKf;
            a[33] = -rhoIs;
            a[34] = -1;
            // row 5: current at R_f
            s = 1 / (skinSigma * Math.max(1, Math.abs(dIf2)));
            a[38] = fatSigma * dIf2 * s;
            a[39] = fatSigma * rhoKf * dKf2 * s;
            a[40] = -skinSigma * rhoIs * dIf2 * s;
            a[41] = -skinSigma * dKf2 * s;
            // row 6: no current through the skin surface
            s = 1 / Math.max(1, Math.abs(dIs));
            a[47] = dIs * s;
            a[48] = rhoKs * dKs * s;
            solveLayers(a, 7, b1, b2);
        }

        /**
         * Assembles and solves (1)–(5) for P̃ = 1 and returns (C2). Arguments: the logarithmic derivatives dI, dK at
         * k_m R_m, k R_m, k R_f, k R_s and the ratios ρI_f, ρK_f, ρI_s, ρK_s.
         */
        private double solve(double[] a, double[] b, double dIm, double dKm, double rhoIf, double dIf1, double dKf1,
                double rhoKf, double dIf2, double dKf2, double rhoIs, double dIs, double dKs, double rhoKs) {
            java.util.Arrays.fill(a, 0);
            // unknowns D, E, F, G, H (scaled)
            a[0] = 1;
            a[1] = -rhoIf;
            a[2] = -1;
            b[0] = -1;
            a[5] = sigmaRadial * dIm;
            a[6] = -fatSigma * rhoIf * dIf1;
            a[7] = -fatSigma * dKf1;
            b[1] = -sigmaRadial * dKm;
            a[11] = 1;
            a[12] = rhoKf;
            a[13] = -rhoIs;
            a[14] = -1;
            b[2] = 0;
            a[16] = fatSigma * dIf2;
            a[17] = fatSigma * rhoKf * dKf2;
            a[18] = -skinSigma * rhoIs * dIf2;
            a[19] = -skinSigma * dKf2;
            b[3] = 0;
            a[23] = dIs;
            a[24] = rhoKs * dKs;
            b[4] = 0;
            // rows 2, 4 are currents (≈ σ·n); bring them to the scale of the potential rows
            double s1 = 1 / (sigmaRadial * Math.max(1, Math.abs(dIm)));
            double s3 = 1 / (skinSigma * Math.max(1, Math.abs(dIf2)));
            double s4 = 1 / Math.max(1, Math.abs(dIs));
            for (int j = 0; j < 5; j++) {
                a[5 + j] *= s1;
                a[15 + j] *= s3;
                a[20 + j] *= s4;
            }
            b[1] *= s1;
            solveLayers(a, 5, b);
            return b[3] + rhoKs * b[4];
        }
    }

    /**
     * Solves the row-major n×n layer system for each right-hand side in place, by LU decomposition with partial
     * pivoting (Commons Math). The threshold 0 treats only an exactly zero pivot as singular: the system is
     * scaled so that its coefficients are Bessel-function ratios of order one, so small pivots are genuine.
     */
    static void solveLayers(double[] a, int n, double[]... rhs) {
        double[][] m = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a, r * n, m[r], 0, n);
        }
        DecompositionSolver solver;
        try {
            solver = new LUDecomposition(new Array2DRowRealMatrix(m, false), 0.0).getSolver();
            for (double[] b : rhs) {
                double[] x = solver.solve(new ArrayRealVector(b, false)).toArray();
                System.arraycopy(x, 0, b, 0, n);
            }
        } catch (SingularMatrixException e) {
            throw new ArithmeticException("singular layer system");
        }
    }

    /**
     * The number of z points (a power of two, as the FFT needs) for which every fibre and every electrode lie within
     * half the period of one another, as {@link Detection#fibrePotentials} requires.
     *
     * @param zTheta         electrode positions (z mm, θ rad), e.g. from {@link #onSkin}
     * @param fibreExtentsMm per fibre {z of the left end, z of the right end} in mm
     * @param dzMm           z step of the detection table
     */
    public static int zPointsFor(double[][] zTheta, double[][] fibreExtentsMm, double dzMm) {
        double reach = 0;
        for (double[] f : fibreExtentsMm) {
            double lo = f[0] - dzMm;
            double hi = f[1] + dzMm;
            for (double[] e : zTheta) {
                reach = Math.max(reach, Math.max(Math.abs(e[0] - lo), Math.abs(e[0] - hi)));
            }
        }
        double needed = Math.ceil(2 * reach / dzMm) + 4;
        if (!(needed <= 1 << 28)) { // also NaN: the doubling below would overflow an int and never end
            throw new IllegalArgumentException("the fibres reach " + reach + " mm from the electrodes: more than "
                    + (1 << 28) + " points of " + dzMm + " mm along the fibres");
        }
        int need = (int) needed;
        int nz = 16;
        while (nz < need) {
            nz *= 2;
        }
        return nz;
    }

    /**
     * The fibre-independent part of (C3)-(C4) on a (k_z, n) grid, for one electrode radius: built once, then
     * {@link #fibrePotentials} per fibre. Immutable and safe to share between threads.
     */
    public final class Detection {

        private final int nz;
        private final double dzMm;
        private final int nTheta;
        private final int kCount; // m = 0 … nz/2
        private final int orders; // n = 0 … nTheta/2
        private final double[][] base; // [m][n]: (1/σ_ρ)·I_nK_n·T·E·w_n/(2π), w_n the angular-series weight
        private final double[][] baseT; // [n][m]: base transposed
        private final double[][] invRImT; // [n][m]: I_n(k_m R_m)/I_(n+1)(k_m R_m)
        private final double[] i0eM; // [m]: e^(−x)·I_0(x) at x = k_m R_m
        private final double[] xM; // [m]: k_m R_m
        private final double[] cableSpectrum; // [m]: 1/(G k_z²), the singular part (C5) of the n = 0 spectrum
        private final double[][] baseIn; // the same for the inner source term of (C6); null without bone
        private final Radial[] radial;

        Detection(int nz, double dzMm, int nTheta, double electrodeRadiusMm) {
            this.nz = nz;
            this.dzMm = dzMm;
            this.nTheta = nTheta;
            this.kCount = nz / 2 + 1;
            this.orders = nTheta / 2 + 1;
            this.base = new double[kCount][orders];
            this.baseIn = boneRadiusMm > 0 ? new double[kCount][orders] : null;
            this.radial = new Radial[kCount];
            java.util.stream.IntStream.range(0, kCount).parallel().forEach(m -> {
                double k = 2 * Math.PI * m / (nz * dzMm);
                Radial r = new Radial(k, orders);
                radial[m] = r;
                double[] row = base[m];
                double[] rowIn = baseIn == null ? null : baseIn[m];
                r.surfaceFactors(row, rowIn);
                for (int n = 0; n < orders; n++) {
                    double w = n == 0 || n == orders - 1 ? 1 : 2; // Σ over ±n; Nyquist once
                    double ks = Math.hypot(k, n / skinRadiusMm);
                    double f = w / (2 * Math.PI) * electrodeFilter(ks, electrodeRadiusMm);
                    row[n] *= f;
                    if (rowIn != null) {
                        rowIn[n] *= f;
                    }
                }
            });
            // transposed copies for the per-fibre loops over k_z (contiguous in m)
            this.baseT = new double[orders][kCount];
            this.invRImT = new double[orders][kCount];
            this.i0eM = new double[kCount];
            this.xM = new double[kCount];
            this.cableSpectrum = new double[kCount];
            for (int m = 1; m < kCount; m++) {
                for (int n = 0; n < orders; n++) {
                    baseT[n][m] = base[m][n];
                    invRImT[n][m] = radial[m].invRIm[n];
                }
                i0eM[m] = radial[m].i0eM;
                xM[m] = radial[m].xm;
                double k = 2 * Math.PI * m / (nz * dzMm);
                cableSpectrum[m] = 1 / (cableConductance * k * k);
            }
        }

        public int nz() {
            return nz;
        }

        public double dzMm() {
            return dzMm;
        }

        public int nTheta() {
            return nTheta;
        }

        public CylindricalLayeredConductor conductor() {
            return CylindricalLayeredConductor.this;
        }

        /**
         * Potentials of one fibre parallel to the cylinder axis: {@link #projection} for this fibre alone.
         *
         * @param fibre            source (innervation zone, semi-lengths, CV) with z along the axis
         * @param rho0Mm           radial position of the fibre, mm (≤ R_m)
         * @param theta0Rad        angular position of the fibre, rad
         * @param electrodesZTheta [e] = {z mm, θ rad} on the skin (see {@link CylindricalLayeredConductor#onSkin})
         * @param fsHz             sampling rate
         * @param samples          number of samples
         * @param onsetS           time of sample 0 relative to the discharge at the innervation zone
         * @return [electrode][sample] in mV
         */
        public double[][] fibrePotentials(FibreSource fibre, double rho0Mm, double theta0Rad,
                double[][] electrodesZTheta, double fsHz, int samples, double onsetS) {
            Projection p = projection(electrodesZTheta,
                    Math.max(fibre.rightSemiLengthMm(), fibre.leftSemiLengthMm()));
            double[][] d = p.newAccumulator();
            p.accumulate(d, fibre, rho0Mm, theta0Rad);
            return p.render(d, fibre.cvMPerS(), fsHz, samples, onsetS);
        }

        /**
         * A projection of fibres onto a fixed set of electrodes (see {@link Projection}).
         *
         * @param electrodesZTheta [e] = {z mm, θ rad} on the skin
         * @param maxSemiLengthMm  the longest semi-fibre that will be accumulated, mm
         * @since 0.3
         */
        public Projection projection(double[][] electrodesZTheta, double maxSemiLengthMm) {
            return new Projection(electrodesZTheta, maxSemiLengthMm);
        }

        /**
         * The space-domain form (P1)-(P2) of {@code FibreProjection} for this conductor: per fibre the node values
         * D_e(u_j) = −g_e(z_e − z_i − u_j)·w1_j + g_e(z_e − z_i + u_j)·w2_j at u_j = j·Δz from the innervation
         * zone, g_e = ∂h_e/∂z of (C4); per group of fibres with one conduction velocity (a motor unit) one
         * evaluation of (P1). The grid of u is anchored at the fibre's own innervation zone, and g_e is evaluated
         * there exactly by the phase e^(i k_z (z_e − z_i)) before one FFT, so the IZ and the electrode positions
         * enter continuously (no snapping to the z grid); the fibre ends enter through the node weights
         * w_j = clamp(L/Δz − j + ½, 0, 1) (the share of the node's cell inside the fibre), the depth exactly
         * through the Bessel ratios of (C3), the angle exactly through cos(n(θ_e − θ0)). Electrodes on one θ whose
         * z differ by whole steps share one FFT (index shift); two such groups share one complex FFT. Holds
         * scratch buffers: one per thread.
         *
         * @since 0.3
         */
        public final class Projection {

            private final double[][] electrodes;
            private final double maxSemiLengthMm;
            private final int nodes;
            private final double[] groupTheta; // per group: θ
            private final double[] groupZ; // per group: z of its reference electrode
            private final int[][] groupMembers; // electrode indices
            private final int[][] groupShifts; // (z_e − z_ref)/Δz, whole steps
            private final double[] thetas; // distinct θ of the groups
            private final int[] groupThetaIndex;
            private final double[] depth = new double[orders];
            private final double[] depthIn = baseIn == null ? null : new double[orders];
            private final double[][] buf = new double[2][nz];
            private final double[][] cos; // [n][distinct θ]
            private final double[][] angular; // [distinct θ][m]
            private final double[] w1;
            private final double[] w2;
            private final double[][] specT = new double[orders][kCount]; // [n][m]
            private final double[] invX = new double[kCount];
            private final double[] chain = new double[kCount];
            private final double[] fac = new double[kCount];
            private final double[][] ratiosT = new double[orders][kCount]; // [n][m]

            Projection(double[][] electrodesZTheta, double maxSemiLengthMm) {
                if (!(maxSemiLengthMm >= 0) || Double.isInfinite(maxSemiLengthMm)) {
                    throw new IllegalArgumentException("maximum semi-length must be finite and >= 0, got "
                            + maxSemiLengthMm + " mm");
                }
                this.electrodes = new double[electrodesZTheta.length][];
                for (int e = 0; e < electrodes.length; e++) {
                    electrodes[e] = electrodesZTheta[e].clone();
                }
                this.maxSemiLengthMm = maxSemiLengthMm;
                this.nodes = (int) Math.ceil(maxSemiLengthMm / dzMm) + 2;
                java.util.List<double[]> groups = new java.util.ArrayList<>(); // {θ, z_ref}
                java.util.List<java.util.List<int[]>> members = new java.util.ArrayList<>(); // {e, shift}
                for (int e = 0; e < electrodes.length; e++) {
                    double z = electrodes[e][0];
                    double th = electrodes[e][1];
                    int found = -1;
                    long shift = 0;
                    for (int g = 0; g < groups.size() && found < 0; g++) {
                        double[] gr = groups.get(g);
                        double steps = (z - gr[1]) / dzMm;
                        long r = Math.round(steps);
                        if (gr[0] == th && Math.abs(steps - r) < 1e-9 && Math.abs(r) < nz) {
                            found = g;
                            shift = r;
                        }
                    }
                    if (found < 0) {
                        groups.add(new double[] { th, z });
                        members.add(new java.util.ArrayList<>());
                        found = groups.size() - 1;
                    }
                    members.get(found).add(new int[] { e, (int) shift });
                }
                int n = groups.size();
                groupTheta = new double[n];
                groupZ = new double[n];
                groupMembers = new int[n][];
                groupShifts = new int[n][];
                for (int g = 0; g < n; g++) {
                    groupTheta[g] = groups.get(g)[0];
                    groupZ[g] = groups.get(g)[1];
                    groupMembers[g] = members.get(g).stream().mapToInt(x -> x[0]).toArray();
                    groupShifts[g] = members.get(g).stream().mapToInt(x -> x[1]).toArray();
                }
                double[] distinct = java.util.Arrays.stream(groupTheta).distinct().toArray();
                thetas = distinct;
                groupThetaIndex = new int[n];
                for (int g = 0; g < n; g++) {
                    for (int t = 0; t < distinct.length; t++) {
                        if (distinct[t] == groupTheta[g]) {
                            groupThetaIndex[g] = t;
                        }
                    }
                }
                cos = new double[orders][distinct.length];
                angular = new double[distinct.length][kCount];
                w1 = new double[nodes];
                w2 = new double[nodes];
            }

            /** The detection table this projection uses. */
            public Detection detection() {
                return Detection.this;
            }

            /** Number of u nodes of the accumulator. */
            public int nodes() {
                return nodes;
            }

            /** A zeroed accumulator D[e][j] for (P2). */
            public double[][] newAccumulator() {
                return new double[electrodes.length][nodes];
            }

            /**
             * Adds (P2) of one fibre parallel to the axis at (ρ0, θ0) to D.
             *
             * @param d         accumulator from {@link #newAccumulator}
             * @param fibre     the source (its CV is not used here: see {@link #render})
             * @param rho0Mm    radial position, mm (R_b ≤ ρ0 ≤ R_m)
             * @param theta0Rad angular position, rad
             */
            public void accumulate(double[][] d, FibreSource fibre, double rho0Mm, double theta0Rad) {
                checkInMuscle(rho0Mm);
                double du = dzMm;
                if (fibre.rightSemiLengthMm() > maxSemiLengthMm || fibre.leftSemiLengthMm() > maxSemiLengthMm) {
                    throw new IllegalArgumentException("fibre semi-length exceeds the projection's maximum "
                            + maxSemiLengthMm + " mm");
                }
                double period = nz * du;
                double iz = fibre.izMm();
                double lo = iz - fibre.leftSemiLengthMm() - du;
                double hi = iz + fibre.rightSemiLengthMm() + du;
                if (hi - lo > period - du) {
                    throw new IllegalArgumentException("fibre of " + (hi - lo) + " mm does not fit the z period of "
                            + period + " mm");
                }
                for (double[] e : electrodes) {
                    if (Math.max(Math.abs(e[0] - lo), Math.abs(e[0] - hi)) > period / 2) {
                        throw new IllegalArgumentException("electrode at z = " + e[0] + " mm is more than half the "
                                + "z period (" + period / 2 + " mm) from the ends of the fibre");
                    }
                }
                // depth factor of (C3) on the grid times the fibre-independent table, summed over n with
                // cos(n(θ_t − θ0)) for every distinct θ_t of the electrodes at once (k_z = 0 drops out of g)
                int nt = thetas.length;
                for (int t = 0; t < nt; t++) {
                    cosines(thetas[t] - theta0Rad, t);
                }
                int mCut = kCount;
                if (depthIn != null || rho0Mm == 0) {
                    for (int m = 1; m < kCount; m++) {
                        radial[m].depthFactors(rho0Mm, depth, depthIn);
                        double[] row = base[m];
                        double[] rowIn = depthIn == null ? null : baseIn[m];
                        for (int n = 0; n < orders; n++) {
                            double v = row[n] * depth[n];
                            if (rowIn != null) {
                                v += rowIn[n] * depthIn[n];
                            }
                            specT[n][m] = v;
                        }
                    }
                } else {
                    mCut = depthSpectrum(rho0Mm);
                }
                for (int m = 1; m < mCut; m++) {
                    specT[0][m] -= cableSpectrum[m]; // (C5): the singular part, added back in z below
                }
                for (int t = 0; t < nt; t++) {
                    double[] a = angular[t];
                    java.util.Arrays.fill(a, 0);
                    for (int n = 0; n < orders; n++) {
                        double c = cos[n][t];
                        double[] v = specT[n];
                        for (int m = 1; m < mCut; m++) {
                            a[m] += v[m] * c;
                        }
                    }
                    for (int m = mCut; m < kCount; m++) {
                        a[m] = -cableSpectrum[m]; // beyond mCut only the subtracted cable term is left
                    }
                }
                double l1 = fibre.rightSemiLengthMm() / du;
                double l2 = fibre.leftSemiLengthMm() / du;
                int j1 = Math.min(nodes - 1, (int) Math.ceil(l1 + 0.5));
                int j2 = Math.min(nodes - 1, (int) Math.ceil(l2 + 0.5));
                for (int j = 0; j <= j1; j++) {
                    w1[j] = Math.max(0, Math.min(1, l1 - j + 0.5));
                }
                for (int j = 0; j <= j2; j++) {
                    w2[j] = Math.max(0, Math.min(1, l2 - j + 0.5));
                }
                double cable = 1 / (2 * cableConductance);
                double scale = 1 / (nz * du);
                for (int g = 0; g < groupTheta.length; g += 2) {
                    // two groups per complex FFT: the spectra are Hermitian, so one comes back real, one imaginary
                    java.util.Arrays.fill(buf[0], 0);
                    java.util.Arrays.fill(buf[1], 0);
                    for (int h = 0; h < 2 && g + h < groupTheta.length; h++) {
                        addDerivativeSpectrum(angular[groupThetaIndex[g + h]], groupZ[g + h] - iz, period, h == 1);
                    }
                    // g(s_ref − j·Δz) = (1/(N Δz))·Σ_q S_q·e^(−2πi qj/N): a forward DFT
                    FastFourierTransformer.transformInPlace(buf, DftNormalization.STANDARD, TransformType.FORWARD);
                    for (int h = 0; h < 2 && g + h < groupTheta.length; h++) {
                        double[] gz = buf[h];
                        for (int j = 0; j < nz; j++) {
                            gz[j] *= scale;
                        }
                        int[] mem = groupMembers[g + h];
                        int[] sh = groupShifts[g + h];
                        for (int i = 0; i < mem.length; i++) {
                            double[] de = d[mem[i]];
                            double s0 = electrodes[mem[i]][0] - iz;
                            int q = Math.floorMod(-sh[i], nz);
                            for (int j = 0; j <= j1; j++) {
                                de[j] -= w1[j] * (gz[q] - cable * cellSign(s0 - j * du, du));
                                if (++q == nz) {
                                    q = 0;
                                }
                            }
                            q = Math.floorMod(-sh[i], nz);
                            for (int j = 0; j <= j2; j++) {
                                de[j] += w2[j] * (gz[q] - cable * cellSign(s0 + j * du, du));
                                if (--q < 0) {
                                    q = nz - 1;
                                }
                            }
                        }
                    }
                }
            }

            /**
             * specT[n][m] = table × depth factor I_n(k_m ρ0)/I_n(k_m R_m) of (C3) (no bone, ρ0 &gt; 0) for every
             * k_z &gt; 0: the ratios I_(n+1)/I_n by the backward recurrence of {@link ModifiedBessel#ratiosI},
             * started above the top order at the leading uniform asymptotic estimate r ≈ x/(ν + √(ν² + x²)) instead
             * of at a continued fraction, all k_z at once (independent recurrences, contiguous in m). The
             * recurrence multiplies the start's error by r_n² ≤ r_top² per order, so ⌈ln(1e-17)/ln(r_top²)⌉ extra
             * orders (r_top at the largest argument) bring it below the rounding error. The depth factor falls with
             * k_z and n (about e^(−k_m·(R_m − ρ0))); from the first k_z where it is below 1e-17 at n = 0 on, the
             * fibre's own spectrum is below the rounding error of the low k_z and is left out.
             *
             * @return that first k_z index left out (kCount when none)
             */
            private int depthSpectrum(double rho0Mm) {
                int top = orders - 1;
                int mCut = kCount;
                for (int m = 1; m < kCount; m++) {
                    double x = anisotropy * radial[m].k * rho0Mm;
                    fac[m] = ModifiedBessel.i0e(x) / i0eM[m] * Math.exp(x - xM[m]);
                    if (fac[m] < 1e-17) {
                        mCut = m;
                        break;
                    }
                }
                double xMax = anisotropy * radial[mCut - 1].k * rho0Mm;
                double rTop = xMax / (top + Math.sqrt((double) top * top + xMax * xMax));
                int start = top + 2 + (int) Math.ceil(Math.log(1e-17) / (2 * Math.log(Math.max(rTop, 1e-300))));
                double nu = start + 0.5;
                for (int m = 1; m < mCut; m++) {
                    double x = anisotropy * radial[m].k * rho0Mm;
                    invX[m] = 1 / x;
                    chain[m] = x / (nu + Math.sqrt(nu * nu + x * x));
                }
                for (int n = start; n > 0; n--) {
                    double c = 2.0 * n;
                    for (int m = 1; m < mCut; m++) {
                        chain[m] = 1 / (c * invX[m] + chain[m]);
                    }
                    if (n <= orders) {
                        System.arraycopy(chain, 1, ratiosT[n - 1], 1, mCut - 1);
                    }
                }
                for (int n = 0; n < orders; n++) {
                    double[] out = specT[n];
                    double[] bt = baseT[n];
                    double[] r = ratiosT[n];
                    double[] inv = invRImT[n];
                    for (int m = 1; m < mCut; m++) {
                        out[m] = bt[m] * fac[m];
                        fac[m] *= r[m] * inv[m];
                    }
                }
                return mCut;
            }

            /**
             * cos[n][t] = cos(n·x) for n = 0 … orders − 1 by the recurrence cos((n+1)x) = 2cos(x)·cos(nx) −
             * cos((n−1)x), restarted from Math.cos at every 16th order.
             */
            private void cosines(double x, int t) {
                double c1 = Math.cos(x);
                double prev = 1;
                double cur = 1;
                for (int n = 0; n < orders; n++) {
                    if ((n & 15) == 0) {
                        cur = n == 0 ? 1 : Math.cos(n * x);
                        prev = Math.cos((n - 1) * x);
                    }
                    cos[n][t] = cur;
                    double next = 2 * c1 * cur - prev;
                    prev = cur;
                    cur = next;
                }
            }

            /**
             * Adds S_q = i·k_q·A(|k_q|)·e^(i k_q s0) (q = 0 … N − 1, k_q &lt; 0 above N/2, Nyquist and k = 0 zero),
             * the spectrum of g(s0 − j·Δz), to buf, multiplied by i when {@code imaginary}.
             */
            private void addDerivativeSpectrum(double[] a, double s0, double period, boolean imaginary) {
                double phase = 2 * Math.PI * s0 / period;
                double wr = Math.cos(phase);
                double wi = Math.sin(phase);
                double pr = 1;
                double pi = 0;
                for (int m = 0; m < nz / 2; m++) {
                    if ((m & 31) == 0) { // the phase by complex rotation, exact at every 32nd step
                        pr = Math.cos(m * phase);
                        pi = Math.sin(m * phase);
                    }
                    if (m > 0) {
                        double ka = 2 * Math.PI * m / period * a[m];
                        double re = -ka * pi; // i·k·A·(pr + i·pi)
                        double im = ka * pr;
                        if (imaginary) { // i·(re + i·im)
                            double t = re;
                            re = -im;
                            im = t;
                            buf[0][m] += re;
                            buf[1][m] += im;
                            // conjugate of the Hermitian partner, times i
                            buf[0][nz - m] -= re;
                            buf[1][nz - m] += im;
                        } else {
                            buf[0][m] += re;
                            buf[1][m] += im;
                            buf[0][nz - m] += re;
                            buf[1][nz - m] -= im;
                        }
                    }
                    double t = pr * wr - pi * wi;
                    pi = pr * wi + pi * wr;
                    pr = t;
                }
            }

            /**
             * Evaluates (P1) for D of fibres with one conduction velocity: potentials [e][k] in mV at
             * t_k = onset + k/fs.
             */
            public double[][] render(double[][] d, double cvMPerS, double fsHz, int samples, double onsetS) {
                return FibreProjection.render(d, nodes, dzMm, cvMPerS, fsHz, samples, onsetS);
            }
        }

        /**
         * The mean of sign(s') over the cell [s − Δ/2, s + Δ/2]: the node value of the cable kernel's derivative
         * −sign(s)/(2G) of (C5), continuous in s (the kink of −|s|/(2G) does not snap to the grid).
         */
        private static double cellSign(double s, double du) {
            double h = 0.5 * du;
            return s >= h ? 1 : s <= -h ? -1 : s / h;
        }
    }
}
