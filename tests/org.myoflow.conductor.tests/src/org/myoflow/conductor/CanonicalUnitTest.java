package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.internal.PlanarMuapBankSettings;

class CanonicalUnitTest {

    private static final CanonicalUnit.Spec SPEC = CanonicalUnit.Spec.defaults();

    /** Small ranges so the shared kernel tables stay quick to compute in a test. */
    private static final MuapConditions.Ranges SMALL = new MuapConditions.Ranges(
            new MuapConditions.Range(Math.log(25), Math.log(800)), new MuapConditions.Range(0.5, 8),
            new MuapConditions.Range(-8, 8), new MuapConditions.Range(-5, 5), new MuapConditions.Range(2.5, 6.5),
            new MuapConditions.Range(0.85, 1.15));

    private static MuapBankBuilder builder() {
        return MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), ElectrodeArray.builder().rows(8).cols(8)
                .spacingMm(4).radiusMm(0.75).build()).samplingRateHz(2048).muapDurationS(0.04).gridSpacingMm(0.5)
                .depthStepMm(0.5).build();
    }

    private static final ConditionedMuaps MUAPS = new ConditionedMuaps(builder(), SPEC, SMALL);

    @Test
    void specDefaultsAreThePlanarBankStepDefaults() {
        PlanarMuapBankSettings s = new PlanarMuapBankSettings();
        assertEquals(new CanonicalUnit.Spec(s.fibreDensity, s.rightSemiLength, s.leftSemiLength, s.semiLengthSpread,
                s.izSpread), SPEC);
    }

    @Test
    void fibreCountTerritoryAndDeterminism() {
        MuapConditions c = new MuapConditions(Math.log(300), 20, 3, 1, 4, 1.1);
        MotorUnitAnatomy.Unit u = CanonicalUnit.build(c, SPEC);
        assertEquals(300, u.fibres().size());
        double r = Math.sqrt(300 / (Math.PI * 20));
        assertEquals(r, u.territoryRadiusMm(), 1e-12);
        double s = 1.1;
        for (MotorUnitAnatomy.Fibre f : u.fibres()) {
            // undo the 1/sqrt(s) depth scaling (no clip at depth 20 mm)
            double dx = f.xMm() - 3;
            double dy = (f.depthMm() - 20) * Math.sqrt(s);
            assertTrue(Math.hypot(dx, dy) <= r + 1e-12, "fibre outside the territory");
            assertTrue(Math.abs(f.izMm() - 1) <= s * 10 / 4 + 1e-12);
            assertTrue(Math.abs(f.rightSemiLengthMm() / s - 50) <= 5 + 1e-12);
            assertTrue(Math.abs(f.leftSemiLengthMm() / s - 50) <= 5 + 1e-12);
        }
        assertEquals(u, CanonicalUnit.build(c, SPEC));
        // a shallow unit is clipped at the muscle surface
        for (MotorUnitAnatomy.Fibre f : CanonicalUnit.build(c.withFibres(800).withPositionMm(0), SPEC).fibres()) {
            assertTrue(f.depthMm() >= 0);
        }
        MotorUnitAnatomy.Unit shallow = CanonicalUnit.build(new MuapConditions(Math.log(800), 1, 0, 0, 4, 1), SPEC);
        assertTrue(shallow.fibres().stream().anyMatch(f -> f.depthMm() == 0));
    }

    @Test
    void muapEqualsTheBankBuilderOnTheSameUnit() {
        MuapConditions c = new MuapConditions(Math.log(200), 4, 2.5, -1.5, 3.7, 0.93);
        double[][] viaConditions = MUAPS.monopolar(c);
        MuapBankBuilder b = builder();
        MotorUnitAnatomy.Unit u = CanonicalUnit.build(c, SPEC);
        PlanarLayeredConductor.Kernels own = b.conductor().kernels(0.75, b.gridFor(List.of(u)));
        double[][] direct = b.unitPotentials(u, own, b.array().positions());
        double peak = 0;
        double err = 0;
        for (int e = 0; e < direct.length; e++) {
            for (int k = 0; k < direct[e].length; k++) {
                peak = Math.max(peak, Math.abs(direct[e][k]));
                err = Math.max(err, Math.abs(direct[e][k] - viaConditions[e][k]));
            }
        }
        System.out.printf("[conductor] canonical unit via shared kernels vs own kernels: max diff %.3g of peak "
                + "%.4g mV%n", err / peak, peak);
        assertTrue(peak > 0);
        assertTrue(err <= 1e-3 * peak, "relative difference " + err / peak);
    }

    @Test
    void shiftingByOneElectrodeDistanceShiftsByOneColumn() {
        MuapConditions c = new MuapConditions(Math.log(150), 3, -2, 1, 4.2, 1.05);
        double[][] a = MUAPS.monopolar(c);
        double[][] b = MUAPS.monopolar(c.withPositionMm(2));
        double peak = 0;
        double err = 0;
        for (int r = 0; r < 8; r++) {
            for (int col = 0; col + 1 < 8; col++) {
                double[] x = a[r * 8 + col];
                double[] y = b[r * 8 + col + 1];
                for (int k = 0; k < x.length; k++) {
                    peak = Math.max(peak, Math.abs(x[k]));
                    err = Math.max(err, Math.abs(x[k] - y[k]));
                }
            }
        }
        assertTrue(peak > 0);
        assertTrue(err <= 1e-6 * peak, "relative difference " + err / peak);
    }

    @Test
    void amplitudeRoughlyProportionalToFibreCount() {
        // deep enough that the territory's growth changes the mean fibre-electrode distance little
        MuapConditions c = new MuapConditions(Math.log(100), 7.5, 0, 0, 4, 1);
        double p1 = peakToPeak(MUAPS.monopolar(c));
        double p4 = peakToPeak(MUAPS.monopolar(c.withFibres(400)));
        double p8 = peakToPeak(MUAPS.monopolar(c.withFibres(800)));
        System.out.printf("[conductor] canonical unit at 7.5 mm: ptp 100/400/800 fibres %.4g/%.4g/%.4g mV, "
                + "ratios %.3f %.3f (ideal 4, 8)%n", p1, p4, p8, p4 / p1, p8 / p1);
        assertEquals(4, p4 / p1, 0.25 * 4);
        assertEquals(8, p8 / p1, 0.25 * 8);
    }

    @Test
    void outOfRangeConditionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MUAPS.monopolar(new MuapConditions(Math.log(100), 3, 9, 0, 4, 1)));
        assertTrue(e.getMessage().contains("positionMm"), e.getMessage());
    }

    private static double peakToPeak(double[][] m) {
        double best = 0;
        for (double[] ch : m) {
            double mx = Double.NEGATIVE_INFINITY;
            double mn = Double.POSITIVE_INFINITY;
            for (double v : ch) {
                mx = Math.max(mx, v);
                mn = Math.min(mn, v);
            }
            best = Math.max(best, mx - mn);
        }
        return best;
    }
}
