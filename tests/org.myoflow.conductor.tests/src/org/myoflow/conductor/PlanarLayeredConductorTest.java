package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlanarLayeredConductorTest {

    private static final PlanarLayeredConductor.KernelGrid GRID = new PlanarLayeredConductor.KernelGrid(0.5, 30,
            120, 13, 0.5, 64);
    private static final PlanarLayeredConductor.Kernels DEFAULT = PlanarLayeredConductor.defaults().kernels(0.75,
            GRID);

    @Test
    void equalIsotropicLayersGiveTheHalfSpacePointSource() {
        // σ 0.2 S/m everywhere, source 4 mm + y0 under the skin: g = ∂/∂z [2/(4πσR)] = −z/(2πσR³)
        PlanarLayeredConductor hom = new PlanarLayeredConductor(0.2, 0.2, 0.2, 3, 0.2, 1);
        PlanarLayeredConductor.Kernels k = hom.kernels(0, new PlanarLayeredConductor.KernelGrid(0.5, 30, 60, 10,
                0.5, 64));
        double sigma = 0.2e-3;
        for (double[] q : new double[][] { { 0, 2, 2 }, { 3, 5, 6 }, { 0, 10, 1 }, { 5, -7, 8 }, { 10, 15, 3 } }) {
            double r2 = q[0] * q[0] + q[1] * q[1] + (q[2] + 4) * (q[2] + 4);
            double exact = -q[1] / (2 * Math.PI * sigma * Math.pow(r2, 1.5));
            assertEquals(exact, k.derivative(q[0], q[1], q[2]), 0.005 * Math.abs(exact), "at " + q[0] + ", " + q[1]);
        }
        assertEquals(Math.exp(-7 * 0.3) / (sigma * 0.3), hom.transfer(0.3, 0, 3), 1e-9 / sigma);
    }

    @Test
    void electrodeFilterIsTwoJ1OverX() {
        assertEquals(1, PlanarLayeredConductor.electrodeFilter(0, 0.75), 0);
        assertEquals(2 * 0.4400505857449335, PlanarLayeredConductor.electrodeFilter(2, 0.5), 1e-12);
        assertEquals(0, PlanarLayeredConductor.electrodeFilter(3.8317059702075125, 1), 1e-12);
    }

    @Test
    void deeperFibresGiveSmallerAndWiderPotentials() {
        double[][] el = { { 30, 0 } };
        double lastAmp = Double.POSITIVE_INFINITY;
        double lastWidth = 0;
        StringBuilder log = new StringBuilder();
        for (double depth : new double[] { 0.5, 2, 4, 8, 12 }) {
            double[] v = DEFAULT.fibrePotentials(new FibreSource(0, 60, 60, 4), 0, depth, el, 8192, 200, 0)[0];
            double amp = Signals.peakToPeak(v);
            double width = Signals.widthAtHalfHeight(v) / 8.192;
            log.append(String.format("depth %.1f mm: p-p %.3f µV, negative-phase width %.3f ms; ", depth, amp * 1e3, width));
            assertTrue(amp < lastAmp && width > lastWidth, log.toString());
            lastAmp = amp;
            lastWidth = width;
        }
        System.out.println("[conductor] single fibre at 30 mm from the IZ, 8192 Hz: " + log);
    }

    @Test
    void aFibreUnderTheCentreLineGivesMirrorSymmetricColumns() {
        ElectrodeArray a = ElectrodeArray.builder().rows(3).cols(4).spacingMm(5).radiusMm(0.75).centreAlongMm(20)
                .build();
        double[][] v = DEFAULT.fibrePotentials(new FibreSource(0, 55, 45, 4), 0, 3, a.positions(), 2048, 60, 0);
        double scale = 0;
        for (double[] ch : v) {
            scale = Math.max(scale, Signals.peakToPeak(ch));
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double[] x = v[r * 4 + c];
                double[] y = v[r * 4 + 3 - c];
                for (int k = 0; k < x.length; k++) {
                    assertEquals(x[k], y[k], 1e-9 * scale);
                }
            }
        }
        // and fibres at ±3 mm mirror each other
        double[][] p = DEFAULT.fibrePotentials(new FibreSource(0, 55, 45, 4), 3, 3, a.positions(), 2048, 60, 0);
        double[][] m = DEFAULT.fibrePotentials(new FibreSource(0, 55, 45, 4), -3, 3, a.positions(), 2048, 60, 0);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 60; k++) {
                    assertEquals(p[r * 4 + c][k], m[r * 4 + 3 - c][k], 1e-9 * scale);
                }
            }
        }
    }

    @Test
    void refiningTheSpatialFrequencyGridChangesTheMuapByLessThanTwoPercent() {
        ElectrodeArray a = ElectrodeArray.builder().rows(5).cols(3).spacingMm(5).radiusMm(0.75).centreAlongMm(15)
                .centreAcrossMm(2).build();
        FibreSource f = new FibreSource(1.3, 52.2, 47.7, 4);
        double depth = 1.3;
        PlanarLayeredConductor c = PlanarLayeredConductor.defaults();
        double[][] coarse = c.kernels(0.75, new PlanarLayeredConductor.KernelGrid(0.5, 20, 90, 3, 0.5, 64))
                .fibrePotentials(f, 0, depth, a.positions(), 2048, 80, 0);
        double[][] fine = c.kernels(0.75, new PlanarLayeredConductor.KernelGrid(0.25, 20, 90, 3, 0.25, 128))
                .fibrePotentials(f, 0, depth, a.positions(), 2048, 80, 0);
        double rel = Signals.relativeRms(coarse, fine);
        System.out.printf("[conductor] grid 0.5 mm / margin 64 mm vs 0.25 mm / 128 mm: relative RMS %.3f %%%n",
                100 * rel);
        assertTrue(rel < 0.02, "relative RMS " + rel);
    }

    @Test
    void offsetsOutsideTheTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.derivative(40, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.derivative(0, 200, 1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.derivative(0, 0, 20));
        assertThrows(IllegalArgumentException.class, () -> new PlanarLayeredConductor(0.5, 0.1, 0.05, -1, 1, 1));
    }
}
