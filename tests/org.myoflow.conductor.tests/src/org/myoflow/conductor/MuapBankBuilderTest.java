package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.ElectrodeArray.Montage;
import org.myoflow.core.data.MuapBank;

class MuapBankBuilderTest {

    private static final PlanarLayeredConductor CONDUCTOR = PlanarLayeredConductor.defaults();

    private static double estimateCv(double[][] dd, double spacingMm, double fs) {
        double sum = 0;
        for (int i = 0; i + 1 < dd.length; i++) {
            sum += Signals.delay(dd[i], dd[i + 1], 20);
        }
        double delayS = sum / (dd.length - 1) / fs;
        return spacingMm / 1000 / delayS;
    }

    @Test
    void conductionVelocityFromTheDelayAlongTheFibresMatchesTheSetValue() {
        // single fibre, electrodes 15..45 mm from the IZ along the fibre, double differentials at 2048 Hz
        ElectrodeArray a = ElectrodeArray.builder().rows(7).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(30)
                .build();
        PlanarLayeredConductor.Kernels k = CONDUCTOR.kernels(0.75, new PlanarLayeredConductor.KernelGrid(0.5, 5,
                120, 6, 0.5, 64));
        StringBuilder log = new StringBuilder();
        for (double cv : new double[] { 3, 4, 5.5 }) {
            double[][] mono = k.fibrePotentials(new FibreSource(0, 70, 50, cv), 0, 3, a.positions(), 2048, 100, 0);
            double est = estimateCv(a.derive(Montage.DOUBLE_DIFFERENTIAL).apply(mono), 5, 2048);
            log.append(String.format("set %.2f est %.3f m/s; ", cv, est));
            assertEquals(cv, est, 0.05 * cv, log.toString());
        }
        System.out.println("[conductor] CV from DD cross-correlation, single fibre: " + log);
    }

    @Test
    void unitConductionVelocityIsRecoveredFromItsMuap() {
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(1).minFibres(200)
                .maxFibres(200).fibresPerMm2(20).muscleWidthMm(20).muscleDepthMm(10).cvMeanMPerS(4).cvSpreadMPerS(0)
                .rightSemiLengthMm(70).leftSemiLengthMm(50).semiLengthSpreadMm(3).izSpreadMm(6)
                .build(), new SplittableRandom(2));
        ElectrodeArray a = ElectrodeArray.builder().rows(7).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(35)
                .centreAcrossMm(anatomy.units().get(0).centreXMm()).build();
        MuapBankBuilder b = MuapBankBuilder.builder(CONDUCTOR, a).samplingRateHz(2048).muapDurationS(0.05)
                .gridSpacingMm(0.5).depthStepMm(0.5).build();
        MuapBank bank = b.build(anatomy, Montage.DOUBLE_DIFFERENTIAL, null);
        double[][] dd = new double[bank.channelCount()][];
        for (int c = 0; c < dd.length; c++) {
            dd[c] = bank.muap(0, c);
        }
        double est = estimateCv(dd, 5, 2048);
        System.out.printf("[conductor] CV of a 200-fibre unit: set 4.000, estimated %.3f m/s%n", est);
        assertEquals(4, est, 0.2);
    }

    @Test
    void doubleDifferentialOfAPropagatingPotentialHasNoDcComponent() {
        ElectrodeArray a = ElectrodeArray.builder().rows(3).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(25)
                .build();
        PlanarLayeredConductor.Kernels k = CONDUCTOR.kernels(0.75, new PlanarLayeredConductor.KernelGrid(0.5, 5,
                100, 6, 0.5, 64));
        double[][] mono = k.fibrePotentials(new FibreSource(0, 60, 60, 4), 0, 4, a.positions(), 2048, 123, 0);
        double[] dd = a.derive(Montage.DOUBLE_DIFFERENTIAL).apply(mono)[0];
        double ratio = Math.abs(Signals.mean(dd)) / Signals.peakToPeak(dd);
        System.out.printf("[conductor] DD |mean|/p-p = %.4f %%%n", 100 * ratio);
        assertTrue(ratio < 0.01, "DD |mean| / p-p = " + ratio);
    }

    @Test
    void bankHasTheMontageShapeGeometryAndUnits() {
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(3).minFibres(10)
                .maxFibres(40).fibresPerMm2(20).muscleWidthMm(30).muscleDepthMm(10).cvMeanMPerS(4).cvSpreadMPerS(1)
                .rightSemiLengthMm(40).leftSemiLengthMm(40).semiLengthSpreadMm(2).izSpreadMm(6)
                .build(), new SplittableRandom(5));
        ElectrodeArray a = ElectrodeArray.builder().rows(5).cols(4).spacingMm(4).radiusMm(0.5).centreAlongMm(10)
                .build();
        MuapBank bank = MuapBankBuilder.builder(CONDUCTOR, a).samplingRateHz(2048).muapDurationS(0.03)
                .gridSpacingMm(0.5).depthStepMm(0.5).build().build(anatomy,
                Montage.SINGLE_DIFFERENTIAL, null);
        assertEquals(3, bank.unitCount());
        assertEquals(16, bank.channelCount());
        assertEquals(4, bank.rows());
        assertEquals(4, bank.cols());
        assertEquals(61, bank.sampleCount());
        assertEquals("mV", bank.amplitudeUnit());
        assertEquals("single-differential", bank.montage());
        assertEquals("r1c1-r2c1", bank.channelLabels().get(0));
        assertEquals(10 - 6, bank.electrodePosition(0)[0], 1e-12);
        assertTrue(Signals.peakToPeak(bank.muap(2, 5)) > 0);
    }

    @Test
    void aRotatedArrayMatchesTheSameElectrodesLaidOutUnrotated() {
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(2).minFibres(20)
                .maxFibres(60).fibresPerMm2(20).muscleWidthMm(30).muscleDepthMm(10).cvMeanMPerS(4).cvSpreadMPerS(1)
                .rightSemiLengthMm(40).leftSemiLengthMm(40).semiLengthSpreadMm(2).izSpreadMm(6)
                .build(), new SplittableRandom(9));
        ElectrodeArray rotated = ElectrodeArray.builder().rows(3).cols(1).spacingMm(5).radiusMm(0.5).centreAlongMm(12)
                .centreAcrossMm(1).rotationDeg(90).build();
        ElectrodeArray straight = ElectrodeArray.builder().rows(1).cols(3).spacingMm(5).radiusMm(0.5).centreAlongMm(12)
                .centreAcrossMm(1).build();
        double[][][] a = MuapBankBuilder.builder(CONDUCTOR, rotated).samplingRateHz(2048).muapDurationS(0.03)
                .gridSpacingMm(0.5).depthStepMm(0.5).build().monopolar(anatomy, null);
        double[][][] b = MuapBankBuilder.builder(CONDUCTOR, straight).samplingRateHz(2048).muapDurationS(0.03)
                .gridSpacingMm(0.5).depthStepMm(0.5).build().monopolar(anatomy, null);
        for (int u = 0; u < 2; u++) {
            assertTrue(Signals.relativeRms(a[u], b[u]) < 1e-6);
        }
        // 45°: electrodes off the kernel grid in both directions still give finite, non-zero potentials
        double[][][] c = MuapBankBuilder.builder(CONDUCTOR, ElectrodeArray.builder().rows(3).cols(3).spacingMm(5)
                .radiusMm(0.5).centreAlongMm(12).centreAcrossMm(1).rotationDeg(45).build()).samplingRateHz(2048)
                .muapDurationS(0.03).gridSpacingMm(0.5).depthStepMm(0.5).build().monopolar(anatomy, null);
        assertTrue(Signals.peakToPeak(c[1][4]) > 0);
    }

    @Test
    void timingPerFibreAndPerUnitFor8x8() {
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(1).minFibres(200)
                .maxFibres(200).fibresPerMm2(20).muscleWidthMm(40).muscleDepthMm(15).cvMeanMPerS(4.25).cvSpreadMPerS(0)
                .rightSemiLengthMm(50).leftSemiLengthMm(50).semiLengthSpreadMm(5).izSpreadMm(10)
                .build(), new SplittableRandom(1));
        ElectrodeArray a = ElectrodeArray.builder().rows(8).cols(8).spacingMm(4).radiusMm(0.75).build();
        MuapBankBuilder b = MuapBankBuilder.builder(CONDUCTOR, a).samplingRateHz(2048).muapDurationS(0.04)
                .gridSpacingMm(0.5).depthStepMm(0.5).build();
        long t0 = System.nanoTime();
        PlanarLayeredConductor.Kernels k = CONDUCTOR.kernels(0.75, b.gridFor(anatomy));
        long t1 = System.nanoTime();
        double[][] e = a.positions();
        b.unitPotentials(anatomy.units().get(0), k, e); // warm-up
        long t2 = System.nanoTime();
        int reps = 3;
        for (int i = 0; i < reps; i++) {
            b.unitPotentials(anatomy.units().get(0), k, e);
        }
        long t3 = System.nanoTime();
        MotorUnitAnatomy one = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(1).minFibres(1)
                .maxFibres(1).fibresPerMm2(20).muscleWidthMm(40).muscleDepthMm(15).cvMeanMPerS(4.25).cvSpreadMPerS(0)
                .rightSemiLengthMm(50).leftSemiLengthMm(50).semiLengthSpreadMm(5).izSpreadMm(10)
                .build(), new SplittableRandom(1));
        List<Long> singles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long s = System.nanoTime();
            b.unitPotentials(one.units().get(0), k, e);
            singles.add(System.nanoTime() - s);
        }
        double unitMs = (t3 - t2) / 1e6 / reps;
        System.out.printf("[conductor] 8x8 array: kernels %.0f ms (once), 200-fibre unit %.1f ms, single fibre "
                + "(incl. per-unit render) %.2f ms%n", (t1 - t0) / 1e6, unitMs,
                singles.stream().sorted().toList().get(10) / 1e6);
        assertTrue(unitMs < 2000, "200-fibre unit took " + unitMs + " ms");
    }
}
