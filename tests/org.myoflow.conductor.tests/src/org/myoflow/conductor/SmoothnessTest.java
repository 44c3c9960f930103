package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Smoothness of both volume conductors in the fibre's parameters (issue 16; docs/science.md#smoothness).
 *
 * <p>Criterion: for a parameter p with grid spacing Δ, at positions p = p_g + f·Δ across one grid cell (p_g on the
 * grid, f = 0, 0.25, 0.49, 0.5, 0.745, 0.99, which includes the points where a snapped quantity would jump), a
 * step of 0.01·Δ must change the MUAP (all channels and samples, L2 norm) by less than 0.02·‖M(p_g + Δ) − M(p_g)‖,
 * i.e. by at most twice the share (1 %) that the change between the neighbouring grid points suggests. A quantity
 * that snaps to the grid changes by the whole neighbouring-grid difference at one of these points and fails.
 * Grid spacings: the z grid (0.5 mm) for the innervation zone and the fibre ends (and, in the cylinder, for the
 * depth and the lateral arc, which have no grid there); the planar kernel tables' depth step and lateral spacing
 * (0.5 mm); for the conduction velocity Δv = Δz/T, the change that moves the wave by one z step over the MUAP
 * window T.
 */
class SmoothnessTest {

    private static final double FS = 2048;
    private static final int SAMPLES = 82;
    private static final double DZ = 0.5;
    private static final double[] FRACTIONS = { 0, 0.25, 0.49, 0.5, 0.745, 0.99 };
    private static final String[] NAMES = { "IZ", "right end (L1)", "left end (L2)", "depth", "lateral", "CV" };
    /** Base point: IZ, L1, L2, depth, lateral position (mm), CV (m/s); on the grid. */
    private static final double[] BASE = { 0, 50, 45, 3, 1, 4 };
    private static final double[] SPACING = { DZ, DZ, DZ, DZ, DZ, DZ / (SAMPLES / FS * 1000) };

    private static final double[][] ELECTRODES = ElectrodeArray.builder().rows(5).cols(3).spacingMm(5)
            .radiusMm(0.75).centreAlongMm(20).build().positions();

    interface Model {
        double[][] muap(double[] p);
    }

    private static final PlanarLayeredConductor.Kernels PLANAR = PlanarLayeredConductor.defaults().kernels(0.75,
            new PlanarLayeredConductor.KernelGrid(DZ, 20, 100, 6, DZ, 64));

    private static final Model PLANAR_MODEL = p -> PLANAR.fibrePotentials(new FibreSource(p[0], p[1], p[2], p[5]),
            p[4], p[3], ELECTRODES, FS, SAMPLES, 0);

    private static final CylindricalLayeredConductor CYL = CylindricalLayeredConductor.defaults(30);
    private static final double[][] Z_THETA = CYL.onSkin(ELECTRODES, 0);
    private static final CylindricalLayeredConductor.Detection DETECTION = CYL.detection(
            CylindricalLayeredConductor.zPointsFor(Z_THETA, new double[][] { { -50, 55 } }, DZ), DZ, 180, 0.75);

    private static final Model CYLINDRICAL_MODEL = p -> DETECTION.fibrePotentials(new FibreSource(p[0], p[1], p[2],
            p[5]), CYL.muscleRadiusMm() - p[3], p[4] / CYL.muscleRadiusMm(), Z_THETA, FS, SAMPLES, 0);

    private static double norm(double[][] a, double[][] b) {
        double s = 0;
        for (int e = 0; e < a.length; e++) {
            for (int k = 0; k < a[e].length; k++) {
                double d = a[e][k] - (b == null ? 0 : b[e][k]);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    private static double[] with(int i, double v) {
        double[] p = BASE.clone();
        p[i] = v;
        return p;
    }

    /** Worst ratio ‖M(p + 0.01Δ) − M(p)‖ / ‖M(p_g + Δ) − M(p_g)‖ over the cell, per parameter. */
    private static double[] worstRatios(Model m, String label) {
        double[] worst = new double[NAMES.length];
        StringBuilder log = new StringBuilder("[conductor] smoothness, " + label
                + ": 1 %-of-grid step / neighbouring-grid change (limit 0.02):");
        for (int i = 0; i < NAMES.length; i++) {
            double d = SPACING[i];
            double grid = norm(m.muap(with(i, BASE[i] + d)), m.muap(BASE));
            for (double f : FRACTIONS) {
                double p = BASE[i] + f * d;
                double step = norm(m.muap(with(i, p + 0.01 * d)), m.muap(with(i, p)));
                worst[i] = Math.max(worst[i], step / grid);
            }
            log.append(String.format(Locale.ROOT, " %s %.4f;", NAMES[i], worst[i]));
        }
        System.out.println(log);
        return worst;
    }

    private static void assertSmooth(Model m, String label) {
        double[] worst = worstRatios(m, label);
        for (int i = 0; i < NAMES.length; i++) {
            assertTrue(worst[i] < 0.02, label + ", " + NAMES[i] + ": a 1 % step changed the MUAP by " + worst[i]
                    + " of the neighbouring-grid change");
        }
    }

    @Test
    void planarMuapIsSmoothInEveryFibreParameter() {
        assertSmooth(PLANAR_MODEL, "planar");
    }

    @Test
    void cylindricalMuapIsSmoothInEveryFibreParameter() {
        assertSmooth(CYLINDRICAL_MODEL, "cylindrical");
    }

    private static double correlation(double[][] a, double[][] b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int e = 0; e < a.length; e++) {
            for (int k = 0; k < a[e].length; k++) {
                sa += a[e][k];
                sb += b[e][k];
                n++;
            }
        }
        double ma = sa / n;
        double mb = sb / n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int e = 0; e < a.length; e++) {
            for (int k = 0; k < a[e].length; k++) {
                ab += (a[e][k] - ma) * (b[e][k] - mb);
                aa += (a[e][k] - ma) * (a[e][k] - ma);
                bb += (b[e][k] - mb) * (b[e][k] - mb);
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void innervationZoneBetweenGridPointsCorrelates() {
        for (Model m : new Model[] { PLANAR_MODEL, CYLINDRICAL_MODEL }) {
            double r = correlation(m.muap(with(0, 0.25)), m.muap(with(0, 0.26)));
            System.out.printf(Locale.ROOT, "[conductor] %s: IZ 0.25 vs 0.26 mm, r = %.7f%n",
                    m == PLANAR_MODEL ? "planar" : "cylindrical", r);
            assertTrue(r >= 0.9999, "IZ 0.25 vs 0.26 mm: r = " + r);
        }
    }

    @Test
    void sameInputsGiveBitIdenticalMuaps() {
        double[] p = { 0.257, 50.13, 44.91, 3.21, 1.07, 4.03 };
        for (Model m : new Model[] { PLANAR_MODEL, CYLINDRICAL_MODEL }) {
            double[][] a = m.muap(p);
            double[][] b = m.muap(p);
            for (int e = 0; e < a.length; e++) {
                assertArrayEquals(a[e], b[e], 0);
            }
        }
    }

    /**
     * An off-grid fibre (IZ 0.25 mm, ends 50.3 / 44.8 mm) on the 0.5 mm grid against the same fibre on a 0.125 mm
     * grid (k_z range four times wider): the sub-grid IZ and ends cost no accuracy beyond the grid's own.
     */
    @Test
    void offGridFibreAgreesWithAFineGrid() {
        double[] p = { 0.25, 50.3, 44.8, 3, 1, 4 };
        double[][] coarse = CYLINDRICAL_MODEL.muap(p);
        CylindricalLayeredConductor.Detection fine = CYL.detection(
                CylindricalLayeredConductor.zPointsFor(Z_THETA, new double[][] { { -50, 55 } }, DZ / 4), DZ / 4, 180,
                0.75);
        double[][] ref = fine.fibrePotentials(new FibreSource(p[0], p[1], p[2], p[5]), CYL.muscleRadiusMm() - p[3],
                p[4] / CYL.muscleRadiusMm(), Z_THETA, FS, SAMPLES, 0);
        double r = correlation(coarse, ref);
        double nrmse = Signals.relativeRms(coarse, ref);
        System.out.printf(Locale.ROOT, "[conductor] cylindrical off-grid fibre, 0.5 vs 0.125 mm grid: r = %.6f, "
                + "relative RMS %.2f %%%n", r, 100 * nrmse);
        assertTrue(r >= 0.9995, "r = " + r);
        assertTrue(nrmse < 0.03, "relative RMS " + nrmse);
    }
}
