package org.myoflow.conductor;

import java.util.stream.IntStream;

import org.apache.commons.math3.special.BesselJ;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Planar layered volume conductor (Farina &amp; Rainoldi 1999; Farina &amp; Merletti 2001, IEEE TBME 48:637):
 * skin (σ_s, thickness d_s) on fat (σ_f, d_f) on an anisotropic muscle half-space (σ_z along the fibres, σ_y
 * across), air above the skin. Coordinates: z along the fibres, x across them in the skin plane, a source at
 * depth y0 below the muscle surface. Lengths in mm, conductivities given in S/m and used in S/mm, currents in
 * mA, potentials in mV.
 *
 * <p>Transfer function of the skin potential for a unit point current source, derived here by solving
 * φ'' = k²φ in each isotropic layer and σ_y·φ'' = (σ_y·k_x² + σ_z·k_z²)·φ − I·δ in the muscle, with continuity
 * of φ and of the normal current at both interfaces and no current through the skin surface:
 * <pre>
 *   k = √(k_x² + k_z²),  k_m = √(k_x² + (σ_z/σ_y)·k_z²)
 *   a = cosh(k d_s)·cosh(k d_f) + (σ_s/σ_f)·sinh(k d_s)·sinh(k d_f)
 *   b = k·[σ_f·cosh(k d_s)·sinh(k d_f) + σ_s·sinh(k d_s)·cosh(k d_f)]
 *   H(k_x, k_z; y0) = e^(−k_m·y0) / (b + σ_y·k_m·a)                                          (C1)
 * </pre>
 * For equal isotropic layers (C1) reduces to e^(−k(y0 + d_s + d_f))/(σk), the 2-D transform of the
 * half-space potential 2·I/(4πσR), which the tests check. The detection is a circular electrode of radius r,
 * whose spatial filter is 2·J1(k·r)/(k·r) (Farina &amp; Merletti 2001; J1 from Commons Math {@link BesselJ}).
 *
 * <p>{@link #kernels} turns (C1) into the z-derivative of the spatial impulse response on a grid of depths,
 * by one inverse 2-D FFT per depth: g(x, z; y0) = F⁻¹{ i·k_z·H·E }. Only e^(−k_m·y0) depends on the depth, so
 * the rest of the spectrum is computed once. These tables do not depend on any fibre and are shared by all.
 *
 * @since 0.1
 */
public final class PlanarLayeredConductor {

    private final double sigmaAlong; // S/mm
    private final double sigmaAcross;
    private final double fatSigma;
    private final double fatMm;
    private final double skinSigma;
    private final double skinMm;

    /**
     * @param muscleAlongSPerM  σ_z of muscle along the fibres, S/m
     * @param muscleAcrossSPerM σ_y (= σ_x) of muscle across the fibres, S/m
     * @param fatSPerM          fat conductivity, S/m
     * @param fatMm             fat thickness, mm (0 for none)
     * @param skinSPerM         skin conductivity, S/m
     * @param skinMm            skin thickness, mm (0 for none)
     */
    public PlanarLayeredConductor(double muscleAlongSPerM, double muscleAcrossSPerM, double fatSPerM, double fatMm,
            double skinSPerM, double skinMm) {
        positive("muscle conductivity along the fibres", muscleAlongSPerM);
        positive("muscle conductivity across the fibres", muscleAcrossSPerM);
        positive("fat conductivity", fatSPerM);
        positive("skin conductivity", skinSPerM);
        if (!(fatMm >= 0) || !(skinMm >= 0) || Double.isInfinite(fatMm) || Double.isInfinite(skinMm)) {
            throw new IllegalArgumentException("layer thicknesses must be finite and >= 0, got fat " + fatMm
                    + " mm, skin " + skinMm + " mm");
        }
        this.sigmaAlong = muscleAlongSPerM * 1e-3;
        this.sigmaAcross = muscleAcrossSPerM * 1e-3;
        this.fatSigma = fatSPerM * 1e-3;
        this.fatMm = fatMm;
        this.skinSigma = skinSPerM * 1e-3;
        this.skinMm = skinMm;
    }

    /** Defaults (docs/science.md#planar): muscle σ_z 0.5, σ_y 0.1 S/m; fat 0.05 S/m, 3 mm; skin 1 S/m, 1 mm. */
    public static PlanarLayeredConductor defaults() {
        return ConductorLayers.planarDefaults().planar();
    }

    /** The same conductivities and skin with another fat thickness, mm (finite, &ge; 0). */
    public PlanarLayeredConductor withFatMm(double newFatMm) {
        if (!(newFatMm >= 0) || Double.isInfinite(newFatMm)) {
            throw new IllegalArgumentException("fat thickness must be finite and >= 0, got " + newFatMm + " mm");
        }
        return new PlanarLayeredConductor(this, newFatMm);
    }

    private PlanarLayeredConductor(PlanarLayeredConductor c, double fatMm) {
        this.sigmaAlong = c.sigmaAlong;
        this.sigmaAcross = c.sigmaAcross;
        this.fatSigma = c.fatSigma;
        this.fatMm = fatMm;
        this.skinSigma = c.skinSigma;
        this.skinMm = c.skinMm;
    }

    /** Fat thickness, mm. */
    public double fatMm() {
        return fatMm;
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    /** Depth of the muscle surface below the skin, mm. */
    public double subcutaneousMm() {
        return fatMm + skinMm;
    }

    /** (C1) without the depth factor: 1/(b + σ_y·k_m·a), written with tanh to stay finite at large k. */
    private double surfaceFactor(double kx, double kz) {
        double k = Math.hypot(kx, kz);
        double km = Math.sqrt(kx * kx + sigmaAlong / sigmaAcross * kz * kz);
        if (k == 0) {
            return 0; // the k = 0 term carries no current: every fibre source has zero net current
        }
        double ts = Math.tanh(k * skinMm);
        double tf = Math.tanh(k * fatMm);
        double aScaled = 1 + skinSigma / fatSigma * ts * tf;
        double bScaled = k * (fatSigma * tf + skinSigma * ts);
        // 1/(cosh·cosh) = 4·e^(−k(ds+df))/((1+e^(−2k ds))(1+e^(−2k df)))
        double inv = 4 * Math.exp(-k * (skinMm + fatMm)) / ((1 + Math.exp(-2 * k * skinMm))
                * (1 + Math.exp(-2 * k * fatMm)));
        return inv / (bScaled + sigmaAcross * km * aScaled);
    }

    /** H(k_x, k_z; y0) of (C1) in mV per (mA·mm⁻²)·mm², k in rad/mm, y0 in mm below the muscle surface. */
    public double transfer(double kxRadPerMm, double kzRadPerMm, double depthMm) {
        double km = Math.sqrt(kxRadPerMm * kxRadPerMm + sigmaAlong / sigmaAcross * kzRadPerMm * kzRadPerMm);
        return Math.exp(-km * depthMm) * surfaceFactor(kxRadPerMm, kzRadPerMm);
    }

    /** Spatial filter of a circular electrode of radius r: 2·J1(k·r)/(k·r), 1 at k·r = 0. */
    public static double electrodeFilter(double kRadPerMm, double radiusMm) {
        double x = kRadPerMm * radiusMm;
        if (Math.abs(x) < 1e-6) {
            return 1 - x * x / 8;
        }
        return 2 * BesselJ.value(1, x) / x;
    }

    /**
     * Pre-computes g = ∂h/∂z, the z-derivative of the impulse response seen by an electrode of the given radius,
     * on a square grid of spacing {@code grid.spacingMm()} for depths 0, Δy, 2Δy, … up to at least
     * {@code grid.maxDepthMm()}.
     */
    public Kernels kernels(double electrodeRadiusMm, KernelGrid grid) {
        if (!(electrodeRadiusMm >= 0)) {
            throw new IllegalArgumentException("electrode radius must be >= 0, got " + electrodeRadiusMm);
        }
        double d = grid.spacingMm();
        if (grid.estimatedBytes() == Long.MAX_VALUE || grid.fftPointsAcross() > MAX_FFT_POINTS
                || grid.fftPointsAlong() > MAX_FFT_POINTS) {
            throw new IllegalArgumentException("the kernel grid (" + grid.halfWidthMm() + " mm across, "
                    + grid.halfLengthMm() + " mm along the fibres at " + d + " mm) is too large to compute");
        }
        int nx = nextPow2((int) Math.ceil((2 * grid.halfWidthMm() + grid.marginMm()) / d));
        int nz = nextPow2((int) Math.ceil((2 * grid.halfLengthMm() + grid.marginMm()) / d));
        int nxHalf = (int) Math.ceil(grid.halfWidthMm() / d) + 1;
        int nzHalf = (int) Math.ceil(grid.halfLengthMm() / d) + 1;
        int levels = (int) Math.ceil(grid.maxDepthMm() / grid.depthStepMm()) + 2;
        // spectrum of g without the depth factor, and k_m: [x-frequency p][z-frequency q]
        double[][] base = new double[nx][nz];
        double[][] km = new double[nx][nz];
        for (int p = 0; p < nx; p++) {
            double kx = wavenumber(p, nx, d);
            for (int q = 0; q < nz; q++) {
                double kz = q == nz / 2 ? 0 : wavenumber(q, nz, d); // Nyquist: drop the odd i·k_z term
                km[p][q] = Math.sqrt(kx * kx + sigmaAlong / sigmaAcross * kz * kz);
                base[p][q] = kz * surfaceFactor(kx, kz) * electrodeFilter(Math.hypot(kx, kz), electrodeRadiusMm);
            }
        }
        float[][][] table = new float[levels][][];
        double scale = 1 / (d * d); // inverse DFT with 1/N normalisation → continuous inverse transform
        IntStream.range(0, levels).parallel().forEach(level -> {
            double y0 = level * grid.depthStepMm();
            // i·k_z·H·E is purely imaginary; inverse along x first (only the kept |x| rows go on)
            double[][] re = new double[nxHalf][nz];
            double[][] im = new double[nxHalf][nz];
            double[][] col = new double[2][nx];
            for (int q = 0; q < nz; q++) {
                for (int p = 0; p < nx; p++) {
                    col[0][p] = 0;
                    col[1][p] = base[p][q] * Math.exp(-km[p][q] * y0);
                }
                FastFourierTransformer.transformInPlace(col, DftNormalization.STANDARD, TransformType.INVERSE);
                for (int ix = 0; ix < nxHalf; ix++) {
                    re[ix][q] = col[0][ix];
                    im[ix][q] = col[1][ix];
                }
            }
            float[][] rows = new float[nxHalf][2 * nzHalf + 1];
            for (int ix = 0; ix < nxHalf; ix++) {
                double[][] row = { re[ix], im[ix] };
                FastFourierTransformer.transformInPlace(row, DftNormalization.STANDARD, TransformType.INVERSE);
                for (int iz = -nzHalf; iz <= nzHalf; iz++) {
                    rows[ix][iz + nzHalf] = (float) (row[0][Math.floorMod(iz, nz)] * scale);
                }
            }
            table[level] = rows;
        });
        return new Kernels(d, grid.depthStepMm(), nxHalf, nzHalf, table);
    }

    private static double wavenumber(int index, int n, double spacing) {
        int m = index <= n / 2 ? index : index - n;
        return 2 * Math.PI * m / (n * spacing);
    }

    /** The largest FFT size along one axis {@link #kernels} accepts (2^28 points). */
    static final long MAX_FFT_POINTS = 1L << 28;

    private static int nextPow2(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /**
     * Extent of the kernel tables: grid spacing (also the quadrature step along the fibres), the largest lateral
     * and longitudinal source–electrode offsets needed, the deepest source, the depth step, and an extra spatial
     * extent that keeps the periodic images of the FFT away.
     */
    public record KernelGrid(double spacingMm, double halfWidthMm, double halfLengthMm, double maxDepthMm,
            double depthStepMm, double marginMm) {

        /** FFT points across the fibres (a power of two; {@link Long#MAX_VALUE} when beyond 2^62). @since 0.3 */
        public long fftPointsAcross() {
            return pow2((2 * halfWidthMm + marginMm) / spacingMm);
        }

        /** FFT points along the fibres (a power of two; {@link Long#MAX_VALUE} when beyond 2^62). @since 0.3 */
        public long fftPointsAlong() {
            return pow2((2 * halfLengthMm + marginMm) / spacingMm);
        }

        /**
         * The memory {@link PlanarLayeredConductor#kernels} needs for this grid, in bytes: two spectra of
         * {@code across × along} doubles while it computes plus the kept tables of
         * {@code depth levels × half width × half length} floats. Exact 64-bit products; {@link Long#MAX_VALUE}
         * when they overflow. Lets callers refuse a grid before allocating it.
         *
         * @since 0.3
         */
        public long estimatedBytes() {
            try {
                long nx = fftPointsAcross();
                long nz = fftPointsAlong();
                long levels = count(maxDepthMm / depthStepMm) + 2;
                long half = Math.multiplyExact(count(halfWidthMm / spacingMm) + 1, count(halfLengthMm / spacingMm) + 1);
                long spectra = Math.multiplyExact(Math.multiplyExact(nx, nz), 16L);
                long tables = Math.multiplyExact(Math.multiplyExact(levels, half), 4L);
                return Math.addExact(spectra, tables);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }

        private static long count(double v) {
            double c = Math.ceil(v);
            if (!(c < (double) (1L << 62))) {
                throw new ArithmeticException("count " + v + " beyond 2^62");
            }
            return (long) c;
        }

        private static long pow2(double v) {
            long n;
            try {
                n = count(v);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
            long p = 1;
            while (p < n) {
                p <<= 1;
            }
            return p;
        }

        public KernelGrid {
            if (!(spacingMm > 0) || !(halfWidthMm >= 0) || !(halfLengthMm >= 0) || !(maxDepthMm >= 0)
                    || !(depthStepMm > 0) || !(marginMm >= 0)) {
                throw new IllegalArgumentException("bad kernel grid " + spacingMm + ", " + halfWidthMm + ", "
                        + halfLengthMm + ", " + maxDepthMm + ", " + depthStepMm + ", " + marginMm);
            }
        }
    }

    /**
     * Tables of g(|x|, z; y0) = ∂h/∂z in mV/(mA·mm) for a unit point current: even in x, odd in z, linear
     * interpolation in x, z and depth. Immutable and shared between threads.
     */
    public static final class Kernels {

        private final double spacingMm;
        private final double depthStepMm;
        private final int nxHalf;
        private final int nzHalf;
        private final float[][][] table;

        Kernels(double spacingMm, double depthStepMm, int nxHalf, int nzHalf, float[][][] table) {
            this.spacingMm = spacingMm;
            this.depthStepMm = depthStepMm;
            this.nxHalf = nxHalf;
            this.nzHalf = nzHalf;
            this.table = table;
        }

        public double spacingMm() {
            return spacingMm;
        }

        /** Largest |Δx| that can be interpolated, mm. */
        public double maxLateralMm() {
            return (nxHalf - 1) * spacingMm;
        }

        /** Largest |Δz| that can be interpolated, mm. */
        public double maxLongitudinalMm() {
            return (nzHalf - 1) * spacingMm;
        }

        public double maxDepthMm() {
            return (table.length - 1) * depthStepMm;
        }

        int nzHalf() {
            return nzHalf;
        }

        /**
         * Potentials of one fibre at a set of electrodes over time (method of {@code FibreProjection}, eq. P1-P2).
         *
         * @param fibre                 the source
         * @param x0Mm                  lateral position of the fibre, mm
         * @param depthMm               depth below the muscle surface, mm
         * @param electrodesAlongAcross [e] = {z along the fibres, x across}, mm
         * @param fsHz                  sampling rate
         * @param samples               number of samples
         * @param onsetS                time of sample 0 relative to the discharge at the innervation zone
         * @return [electrode][sample] in mV
         */
        public double[][] fibrePotentials(FibreSource fibre, double x0Mm, double depthMm,
                double[][] electrodesAlongAcross, double fsHz, int samples, double onsetS) {
            FibreProjection p = new FibreProjection(this, electrodesAlongAcross,
                    Math.max(fibre.rightSemiLengthMm(), fibre.leftSemiLengthMm()));
            double[][] d = p.newAccumulator();
            p.accumulate(d, fibre, x0Mm, depthMm);
            return p.render(d, fibre.cvMPerS(), fsHz, samples, onsetS);
        }

        /** g at lateral offset dx, longitudinal offset dz (electrode minus source) and source depth y0. */
        public double derivative(double dxMm, double dzMm, double depthMm) {
            double[] row = new double[2 * nzHalf + 1];
            blendRow(Math.abs(dxMm), depthMm, row);
            double q = dzMm / spacingMm + nzHalf;
            int q0 = (int) Math.floor(q);
            if (q0 < 0 || q0 + 1 >= row.length) {
                throw new IllegalArgumentException("longitudinal offset " + dzMm + " mm exceeds the kernel grid (±"
                        + maxLongitudinalMm() + " mm)");
            }
            double f = q - q0;
            return (1 - f) * row[q0] + f * row[q0 + 1];
        }

        /** The row g(|dx|, ·; y0) over the whole z range, bilinear in |dx| and depth, into {@code out}. */
        void blendRow(double absDxMm, double depthMm, double[] out) {
            double px = absDxMm / spacingMm;
            int ix = (int) Math.floor(px);
            if (ix + 1 >= nxHalf) {
                throw new IllegalArgumentException("lateral offset " + absDxMm + " mm exceeds the kernel grid ("
                        + maxLateralMm() + " mm)");
            }
            double py = depthMm / depthStepMm;
            int iy = (int) Math.floor(py);
            if (depthMm < 0 || iy + 1 >= table.length) {
                throw new IllegalArgumentException("source depth " + depthMm + " mm outside the kernel grid (0.."
                        + maxDepthMm() + " mm)");
            }
            double fx = px - ix;
            double fy = py - iy;
            float[] a = table[iy][ix];
            float[] b = table[iy][ix + 1];
            float[] c = table[iy + 1][ix];
            float[] e = table[iy + 1][ix + 1];
            double wa = (1 - fy) * (1 - fx);
            double wb = (1 - fy) * fx;
            double wc = fy * (1 - fx);
            double we = fy * fx;
            for (int i = 0; i < out.length; i++) {
                out[i] = wa * a[i] + wb * b[i] + wc * c[i] + we * e[i];
            }
        }
    }
}
