package org.myoflow.conductor;

/**
 * The current source of one muscle fibre along its axis z (mm): the action potential is generated at the
 * innervation zone z_i at t = 0, travels both ways at the conduction velocity v and extinguishes at the
 * fibre-tendon junctions z_i + L1 and z_i − L2 (Farina &amp; Merletti 2001, J Electromyogr Kinesiol 11:175).
 *
 * <p>With the core-conductor model the intracellular current is I(z,t) = −c·∂V_m/∂z inside the fibre and 0
 * outside, c = σ_i·π·a², and the transmembrane (volume-conductor) line source is its negative divergence
 * <pre>  i(z,t) = d/dz [ c · ψ(z,t) · p(z) ],  ψ = ∂V_m/∂z,  p = 1 on [z_i − L2, z_i + L1]          (S1)</pre>
 * Farina &amp; Merletti's form: the derivative of the windowed first derivative, so generation (at z_i) and
 * extinction (at the ends) appear as the edges of p and the total current is zero at every instant. On the
 * right semi-fibre V_m(z,t) = V(z_i + v·t − z), on the left V_m = V(z − z_i + v·t), V from {@link Rosenfalck}.
 *
 * @since 0.1
 */
public final class FibreSource {

    /** Intracellular conductivity σ_i used for the current scale, S/m. */
    public static final double INTRACELLULAR_CONDUCTIVITY_S_PER_M = 1.01;
    /** Fibre radius used for the current scale, mm (50 µm diameter). */
    public static final double FIBRE_RADIUS_MM = 0.025;
    /** c = σ_i·π·a² in S·mm (σ_i converted to S/mm): turns mV/mm² into mA/mm. */
    public static final double CURRENT_SCALE_S_MM = INTRACELLULAR_CONDUCTIVITY_S_PER_M * 1e-3 * Math.PI
            * FIBRE_RADIUS_MM * FIBRE_RADIUS_MM;

    private final double izMm;
    private final double rightSemiLengthMm;
    private final double leftSemiLengthMm;
    private final double cvMmPerMs;

    /**
     * @param izMm              innervation-zone position along the fibre axis, mm
     * @param rightSemiLengthMm L1, from the innervation zone towards +z, mm
     * @param leftSemiLengthMm  L2, towards −z, mm
     * @param cvMPerS           conduction velocity, m/s (= mm/ms)
     */
    public FibreSource(double izMm, double rightSemiLengthMm, double leftSemiLengthMm, double cvMPerS) {
        if (!Double.isFinite(izMm) || !(rightSemiLengthMm >= 0) || !(leftSemiLengthMm >= 0)
                || Double.isInfinite(rightSemiLengthMm) || Double.isInfinite(leftSemiLengthMm) || !(cvMPerS > 0)
                || Double.isInfinite(cvMPerS)) {
            throw new IllegalArgumentException("fibre needs a finite IZ, semi-lengths >= 0 and CV > 0; got iz "
                    + izMm + " mm, L1 " + rightSemiLengthMm + " mm, L2 " + leftSemiLengthMm + " mm, CV " + cvMPerS
                    + " m/s");
        }
        this.izMm = izMm;
        this.rightSemiLengthMm = rightSemiLengthMm;
        this.leftSemiLengthMm = leftSemiLengthMm;
        this.cvMmPerMs = cvMPerS;
    }

    public double izMm() {
        return izMm;
    }

    public double rightSemiLengthMm() {
        return rightSemiLengthMm;
    }

    public double leftSemiLengthMm() {
        return leftSemiLengthMm;
    }

    /** Conduction velocity in m/s (equal to mm/ms). */
    public double cvMPerS() {
        return cvMmPerMs;
    }

    /** Membrane potential V_m(z, t) in mV (resting outside the fibre and before the discharge). */
    public double membranePotential(double zMm, double tS) {
        double vt = cvMmPerMs * tS * 1000;
        double u = zMm - izMm;
        if (u >= 0 && u <= rightSemiLengthMm) {
            return Rosenfalck.potential(vt - u);
        }
        if (u < 0 && -u <= leftSemiLengthMm) {
            return Rosenfalck.potential(vt + u);
        }
        return Rosenfalck.RESTING_MV;
    }

    /**
     * The line current source (S1) sampled on a grid z_0 + j·dz, j = 0..n−1, in mA/mm: the centred difference
     * of c·ψ·p, so the samples sum to exactly zero when the fibre lies inside the grid. (The conductors do not
     * sample the source: they evaluate its integrated form (P1)-(P2), see docs/science.md#smoothness.)
     */
    public double[] sampledSource(double z0Mm, double dzMm, int n, double tS) {
        double[] flux = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            double zHalf = z0Mm + (j - 0.5) * dzMm;
            flux[j] = CURRENT_SCALE_S_MM * windowedGradient(zHalf, tS);
        }
        double[] i = new double[n];
        for (int j = 0; j < n; j++) {
            i[j] = (flux[j + 1] - flux[j]) / dzMm;
        }
        return i;
    }

    /** ψ·p: ∂V_m/∂z inside the fibre, 0 outside, mV/mm. */
    double windowedGradient(double zMm, double tS) {
        double vt = cvMmPerMs * tS * 1000;
        double u = zMm - izMm;
        if (u >= 0 && u <= rightSemiLengthMm) {
            return -Rosenfalck.firstDerivative(vt - u);
        }
        if (u < 0 && -u <= leftSemiLengthMm) {
            return Rosenfalck.firstDerivative(vt + u);
        }
        return 0;
    }
}
