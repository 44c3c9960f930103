package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Tests of the cylindrical layered volume conductor (Farina et al. 2004) against an independent high-precision
 * solution, the planar model at large radius, and physical properties of the detected MUAP.
 */
class CylindricalLayeredConductorTest {

    private static final double FS = 2048;
    private static final int SAMPLES = 256;
    private static final double LIMB_RADIUS_MM = 30;

    /**
     * H(k_z, n; ρ0) for the default layers at R_s = 20 mm, from a direct (unscaled) solve of the 5×5 system with
     * mpmath at 200 digits: {k_z, n, ρ0, H}.
     */
    private static final double[][] REFERENCE = { { 0.3, 0, 10, 1.6119262510949449 },
            { 0.3, 3, 15, 22.515518911864741 }, { 1.2, 10, 17.5, 0.66139159229081171 },
            { 0.05, 40, 12, 4.0416187823391098e-8 }, { 2.5, 1, 5, 3.2315817704380901e-31 } };

    @Test
    void transferMatchesHighPrecisionSolution() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(20);
        for (double[] r : REFERENCE) {
            double h = c.transfer(r[0], (int) r[1], r[2]);
            assertEquals(r[3], h, 1e-11 * r[3], "H(" + r[0] + ", " + (int) r[1] + "; " + r[2] + ")");
            assertEquals(h, c.transfer(-r[0], -(int) r[1], r[2]), 1e-15 * h, "even in k_z and n");
        }
    }

    /** As {@link #REFERENCE} with a bone of radius 7 mm and 0.02 S/m (7×7 system): {k_z, n, ρ0, H}. */
    private static final double[][] REFERENCE_BONE = { { 0.3, 0, 10, 1.6369870504173949 },
            { 0.3, 3, 15, 22.515733459157626 }, { 1.2, 10, 17.5, 0.66139159229081171 },
            { 0.05, 40, 12, 4.0416187823391098e-8 }, { 0.1, 1, 7.5, 275.23258264147223 },
            { 0.02, 0, 9, 31342.428139153087 } };

    private static CylindricalLayeredConductor withBone(double skinRadius, double boneRadius) {
        return new CylindricalLayeredConductor(0.4, 0.09, 0.041, 1, 1, 1, skinRadius, 0.02, boneRadius);
    }

    @Test
    void transferWithBoneMatchesHighPrecisionSolution() {
        CylindricalLayeredConductor c = withBone(20, 7);
        for (double[] r : REFERENCE_BONE) {
            double h = c.transfer(r[0], (int) r[1], r[2]);
            assertEquals(r[3], h, 1e-11 * Math.abs(r[3]), "H(" + r[0] + ", " + (int) r[1] + "; " + r[2] + ")");
        }
        assertThrows(IllegalArgumentException.class, () -> c.transfer(0.1, 1, 6.9), "source inside the bone");
    }

    @Test
    void thinBoneApproachesNoBoneAndKeepsTheLimits() {
        CylindricalLayeredConductor none = CylindricalLayeredConductor.defaults(20);
        CylindricalLayeredConductor thin = withBone(20, 0.01);
        for (double[] r : REFERENCE) {
            double h = none.transfer(r[0], (int) r[1], r[2]);
            assertEquals(h, thin.transfer(r[0], (int) r[1], r[2]), 1e-4 * h, "thin bone");
        }
        CylindricalLayeredConductor bone = withBone(20, 7);
        for (int n : new int[] { 1, 3, 12 }) {
            double h0 = bone.transfer(0, n, 14);
            assertEquals(h0, bone.transfer(1e-6, n, 14), 1e-6 * h0, "k_z -> 0 with bone at n = " + n);
        }
        double k = 1e-4;
        double cable = 2 * Math.PI / (bone.cableConductanceSmm() * k * k);
        assertEquals(1, bone.transfer(k, 0, 12) / cable, 1e-4, "(C5) with bone");
    }

    @Test
    void zeroLongitudinalFrequencyIsTheLimit() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(20);
        for (int n : new int[] { 1, 2, 7, 30 }) {
            double h0 = c.transfer(0, n, 14);
            double hSmall = c.transfer(1e-6, n, 14);
            assertEquals(h0, hSmall, 1e-6 * h0, "k_z -> 0 at n = " + n);
        }
        assertEquals(0, c.transfer(0, 0, 14), "no net current at k = 0");
    }

    /** Worst relative difference between R_s·H_cyl(k_z, n) and H_planar(k_x = n/R_s, k_z) at k_x up to 1 rad/mm. */
    private static double worstDifferenceFromPlanar(double rs) {
        CylindricalLayeredConductor cyl = new CylindricalLayeredConductor(0.4, 0.09, 0.041, 1, 1, 1, rs);
        PlanarLayeredConductor planar = new PlanarLayeredConductor(0.4, 0.09, 0.041, 1, 1, 1);
        double worst = 0;
        for (double depth : new double[] { 1, 5, 10 }) {
            for (double kz : new double[] { 0.05, 0.3, 1, 2.5 }) {
                for (double kx : new double[] { 0, 0.05, 0.3, 1 }) {
                    int n = (int) Math.round(kx * rs);
                    // θ-transform over arc length x = R_s·θ: Φ_n = H_planar(k_x = n/R_s)/R_s
                    double hc = cyl.transfer(kz, n, cyl.muscleRadiusMm() - depth) * rs;
                    double hp = planar.transfer(n / rs, kz, depth);
                    worst = Math.max(worst, Math.abs(hc - hp) / hp);
                }
            }
        }
        return worst;
    }

    @Test
    void largeRadiusApproachesPlanarModel() {
        // the curvature error is first order in 1/R: about k_x·depth²/R, 10 % at k_x = 1 rad/mm, 10 mm, R = 1 m
        double at1m = worstDifferenceFromPlanar(1000);
        double at10m = worstDifferenceFromPlanar(10000);
        System.out.printf("cylinder vs planar: worst relative difference %.2e at R = 1 m, %.2e at R = 10 m%n",
                at1m, at10m);
        assertTrue(at1m < 0.1, "R = 1 m: " + at1m);
        assertTrue(at10m < 0.01, "R = 10 m: " + at10m);
        assertTrue(at10m < at1m / 7, "converges as 1/R");
    }

    private static FibreSource fibre(double cv) {
        return new FibreSource(0, 60, 60, cv);
    }

    /** Electrodes in one column along the fibre (θ = θc) at the given z. */
    private static double[][] column(double thetaRad, double... z) {
        double[][] e = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            e[i] = new double[] { z[i], thetaRad };
        }
        return e;
    }

    private static double peakToPeak(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    @Test
    void amplitudeFallsMonotonicallyWithDepth() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        double[][] el = column(0, 30);
        double previous = Double.POSITIVE_INFINITY;
        StringBuilder s = new StringBuilder("peak-to-peak (mV) vs depth below the muscle surface:");
        for (double depth = 0.5; depth <= 20; depth += 1.5) {
            double pp = peakToPeak(d.fibrePotentials(fibre(4.1), c.muscleRadiusMm() - depth, 0, el, FS, SAMPLES,
                    0)[0]);
            s.append(String.format(" %.1f mm %.3e;", depth, pp));
            assertTrue(pp < previous, "amplitude must fall with depth, at " + depth + " mm");
            assertTrue(pp > 0);
            previous = pp;
        }
        System.out.println(s);
    }

    @Test
    void boneMuapIsFiniteAndCloseToNoBoneForSuperficialFibres() {
        CylindricalLayeredConductor none = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        CylindricalLayeredConductor bone = withBone(LIMB_RADIUS_MM, 10);
        double[][] el = column(0, 30);
        double rho = none.muscleRadiusMm() - 2;
        double[] a = none.detection(256, 1, 180, 0.75).fibrePotentials(fibre(4.1), rho, 0, el, FS, SAMPLES, 0)[0];
        double[] b = bone.detection(256, 1, 180, 0.75).fibrePotentials(fibre(4.1), rho, 0, el, FS, SAMPLES, 0)[0];
        double rel = Math.abs(peakToPeak(a) - peakToPeak(b)) / peakToPeak(a);
        System.out.printf("bone (R_b 10 mm, 0.02 S/m) changes a 2 mm deep fibre's peak-to-peak by %.2e%n", rel);
        assertTrue(rel < 0.1, "superficial fibre barely sees the bone: " + rel);
        double[] deep = bone.detection(256, 1, 180, 0.75).fibrePotentials(fibre(4.1), 11, 0, el, FS, SAMPLES, 0)[0];
        assertTrue(peakToPeak(deep) > 0 && peakToPeak(deep) < peakToPeak(b), "deep fibre next to the bone");
    }

    @Test
    void potentialsAreSymmetricInAngle() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        double theta0 = 0.7;
        double[][] el = new double[6][];
        double[] dTheta = { 4 / LIMB_RADIUS_MM, 8 / LIMB_RADIUS_MM, 12 / LIMB_RADIUS_MM };
        for (int i = 0; i < 3; i++) {
            el[2 * i] = new double[] { 22, theta0 + dTheta[i] };
            el[2 * i + 1] = new double[] { 22, theta0 - dTheta[i] };
        }
        double[][] p = d.fibrePotentials(fibre(4.1), c.muscleRadiusMm() - 4, theta0, el, FS, SAMPLES, 0);
        double scale = peakToPeak(p[0]);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < SAMPLES; k++) {
                assertEquals(p[2 * i][k], p[2 * i + 1][k], 1e-12 * scale, "±θ symmetry");
            }
        }
        assertTrue(peakToPeak(p[0]) > peakToPeak(p[2]) && peakToPeak(p[2]) > peakToPeak(p[4]),
                "amplitude falls away from the fibre");
    }

    /** Delay of y behind x in samples: cross-correlation peak with parabolic interpolation. */
    private static double delaySamples(double[] x, double[] y) {
        int n = x.length;
        int maxLag = n / 2;
        double[] r = new double[2 * maxLag + 1];
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                int j = k + lag;
                if (j >= 0 && j < n) {
                    s += x[k] * y[j];
                }
            }
            r[lag + maxLag] = s;
        }
        int best = 1;
        for (int i = 1; i < r.length - 1; i++) {
            if (r[i] > r[best]) {
                best = i;
            }
        }
        double a = r[best - 1];
        double b = r[best];
        double c = r[best + 1];
        return best - maxLag + 0.5 * (a - c) / (a - 2 * b + c);
    }

    @Test
    void conductionVelocityFromDelayAlongTheFibre() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        for (double cv : new double[] { 3, 4.1, 5.5 }) {
            // double-differential signals (rows 4 mm apart) at z = 14 and z = 38 mm, away from IZ and ends
            double[][] p = d.fibrePotentials(fibre(cv), c.muscleRadiusMm() - 3, 0,
                    column(0, 10, 14, 18, 34, 38, 42), FS, SAMPLES, 0);
            double[] dd1 = new double[SAMPLES];
            double[] dd2 = new double[SAMPLES];
            for (int k = 0; k < SAMPLES; k++) {
                dd1[k] = p[0][k] - 2 * p[1][k] + p[2][k];
                dd2[k] = p[3][k] - 2 * p[4][k] + p[5][k];
            }
            double delayS = delaySamples(dd1, dd2) / FS;
            double estimate = 24e-3 / delayS;
            System.out.printf("CV set %.2f m/s, estimated %.3f m/s%n", cv, estimate);
            assertEquals(cv, estimate, 0.05 * cv, "CV from the delay between double differentials");
        }
    }

    /** max |a − b| over all electrodes and samples, relative to the largest |a|. */
    private static double relativeDifference(double[][] a, double[][] b) {
        double num = 0;
        double den = 0;
        for (int e = 0; e < a.length; e++) {
            for (int k = 0; k < a[e].length; k++) {
                num = Math.max(num, Math.abs(a[e][k] - b[e][k]));
                den = Math.max(den, Math.abs(a[e][k]));
            }
        }
        return num / den;
    }

    private static double[][] array8x8(CylindricalLayeredConductor c) {
        ElectrodeArray a = ElectrodeArray.builder().rows(8).cols(8).spacingMm(4).radiusMm(0.75).centreAlongMm(30)
                .build();
        return c.onSkin(a.positions(), 0);
    }

    @Test
    void refiningTheFrequencyGridChangesTheMuapLittle() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        double[][] el = array8x8(c);
        FibreSource f = fibre(4.1);
        double rho = c.muscleRadiusMm() - 2;
        double theta0 = 3 / LIMB_RADIUS_MM;
        double[][] base = c.detection(256, 1, 180, 0.75).fibrePotentials(f, rho, theta0, el, FS, SAMPLES, 0);
        // finer k_z (period doubled) and twice the angular harmonics
        double[][] fine = c.detection(512, 1, 360, 0.75).fibrePotentials(f, rho, theta0, el, FS, SAMPLES, 0);
        double dk = relativeDifference(fine, base);
        // finer z sampling of the source as well (k_z range doubled)
        double[][] finer = c.detection(1024, 0.5, 360, 0.75).fibrePotentials(f, rho, theta0, el, FS, SAMPLES, 0);
        double dz = relativeDifference(finer, fine);
        System.out.printf("grid refinement: (k_z step/2, N_theta x2) %.2e; (dz/2) %.2e of the peak%n", dk, dz);
        assertTrue(dk < 0.005, "k grid refinement changed the MUAP by " + dk);
        assertTrue(dz < 0.05, "z step refinement changed the MUAP by " + dz);
    }

    /**
     * A unit through one projection (node values of all fibres summed, (P1) once) equals the sum of its fibres
     * computed one by one: the per-unit path is not an approximation.
     */
    @Test
    void unitThroughOneProjectionEqualsTheSumOfItsFibres() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        double[][] el = array8x8(c);
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        Random rnd = new Random(11);
        int n = 25;
        CylindricalLayeredConductor.Detection.Projection p = d.projection(el, 56);
        double[][] acc = p.newAccumulator();
        double[][] sum = new double[el.length][SAMPLES];
        for (int i = 0; i < n; i++) {
            FibreSource f = new FibreSource(rnd.nextGaussian() * 2, 45 + 10 * rnd.nextDouble(),
                    45 + 10 * rnd.nextDouble(), 4.2);
            double rho = c.muscleRadiusMm() - 2 - 4 * rnd.nextDouble();
            double th = (rnd.nextDouble() - 0.5) * 0.2;
            p.accumulate(acc, f, rho, th);
            double[][] one = d.fibrePotentials(f, rho, th, el, FS, SAMPLES, 0);
            for (int e = 0; e < el.length; e++) {
                for (int k = 0; k < SAMPLES; k++) {
                    sum[e][k] += one[e][k];
                }
            }
        }
        double[][] unit = p.render(acc, 4.2, FS, SAMPLES, 0);
        double nrmse = Signals.relativeRms(unit, sum);
        System.out.printf("unit via one projection vs sum of %d fibres: relative RMS %.1e%n", n, nrmse);
        assertTrue(nrmse < 1e-12, "relative RMS " + nrmse);
    }

    @Test
    void rejectsFibresThatDoNotFitTheGrid() {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        CylindricalLayeredConductor.Detection d = c.detection(128, 1, 180, 0.75);
        assertThrows(IllegalArgumentException.class,
                () -> d.fibrePotentials(new FibreSource(0, 80, 80, 4), 20, 0, column(0, 0), FS, 16, 0));
        assertThrows(IllegalArgumentException.class,
                () -> d.fibrePotentials(fibre(4), 20, 0, column(0, 90), FS, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> c.transfer(1, 1, c.muscleRadiusMm() + 0.1));
    }

    @Test
    void timingFor8x8Array() {
        long t0 = System.nanoTime();
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(LIMB_RADIUS_MM);
        double[][] el = array8x8(c);
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        long t1 = System.nanoTime();
        double[][] p = d.fibrePotentials(fibre(4.1), c.muscleRadiusMm() - 5, 0, el, FS, SAMPLES, 0);
        long t2 = System.nanoTime();
        Random rnd = new Random(7);
        int fibres = 60;
        double sink = p[0][10];
        double[] ms = new double[fibres];
        for (int i = 0; i < fibres; i++) {
            double rho = c.muscleRadiusMm() * Math.sqrt(rnd.nextDouble());
            double th = (rnd.nextDouble() - 0.5) * 0.8;
            FibreSource f = new FibreSource(rnd.nextGaussian() * 3, 55 + rnd.nextDouble() * 5,
                    55 + rnd.nextDouble() * 5, 3.5 + rnd.nextDouble());
            long a = System.nanoTime();
            sink += d.fibrePotentials(f, rho, th, el, FS, SAMPLES, 0)[5][40];
            ms[i] = (System.nanoTime() - a) / 1e6;
        }
        double[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(ms).average().orElseThrow();
        System.out.printf("8x8 array, 256 t x 256 z, 180 theta: pre-computation %.1f ms, first fibre %.1f ms "
                + "(total %.1f ms); further fibres mean %.2f ms, median %.2f ms, min %.2f ms (single thread, %s)%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6, mean, sorted[fibres / 2], sorted[0],
                Double.isFinite(sink) ? "ok" : "NaN");
        assertTrue(Double.isFinite(sink));
    }
}
