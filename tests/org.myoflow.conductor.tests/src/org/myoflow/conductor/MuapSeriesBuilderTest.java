package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.ElectrodeArray.Montage;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.spi.Progress;

class MuapSeriesBuilderTest {

    private static final double FS = 2048;

    /** One unit of one fibre 3-7 mm deep: IZ at 0, L1 70 mm, L2 50 mm, CV 4 m/s. */
    private static MotorUnitAnatomy singleFibre() {
        for (long seed = 1;; seed++) {
            MotorUnitAnatomy a = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(1).minFibres(1)
                    .maxFibres(1).fibresPerMm2(20).muscleWidthMm(20).muscleDepthMm(10).cvMeanMPerS(4).cvSpreadMPerS(0)
                    .rightSemiLengthMm(70).leftSemiLengthMm(50).semiLengthSpreadMm(0).izSpreadMm(0)
                    .build(), new SplittableRandom(seed));
            double d = a.units().get(0).fibres().get(0).depthMm();
            if (d > 3 && d < 7) {
                return a;
            }
        }
    }

    private static double[][] channels(MuapBank b) {
        double[][] x = new double[b.channelCount()][];
        for (int c = 0; c < x.length; c++) {
            x[c] = b.muap(0, c);
        }
        return x;
    }

    private static double estimateCv(double[][] dd, double spacingMm) {
        double sum = 0;
        for (int i = 0; i + 1 < dd.length; i++) {
            sum += Signals.delay(dd[i], dd[i + 1], 20);
        }
        return spacingMm / 1000 / (sum / (dd.length - 1) / FS);
    }

    @Test
    void stretchingScalesLengthsBySDepthByOneOverRootSAndCvByOneOverS() {
        MotorUnitAnatomy a = MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(3).minFibres(5)
                .maxFibres(40).fibresPerMm2(20).muscleWidthMm(30).muscleDepthMm(12).cvMeanMPerS(4.25)
                .cvSpreadMPerS(2.5).rightSemiLengthMm(50).leftSemiLengthMm(45).semiLengthSpreadMm(5).izSpreadMm(10)
                .build(), new SplittableRandom(3));
        MotorUnitAnatomy same = a.stretched(1);
        assertEquals(a.units(), same.units());
        MotorUnitAnatomy b = a.stretched(1.21);
        for (int u = 0; u < 3; u++) {
            MotorUnitAnatomy.Unit x = a.units().get(u);
            MotorUnitAnatomy.Unit y = b.units().get(u);
            assertEquals(x.cvMPerS() / 1.21, y.cvMPerS(), 1e-12);
            assertEquals(x.fibres().size(), y.fibres().size());
            for (int i = 0; i < x.fibres().size(); i++) {
                MotorUnitAnatomy.Fibre f = x.fibres().get(i);
                MotorUnitAnatomy.Fibre g = y.fibres().get(i);
                assertEquals(f.xMm(), g.xMm());
                assertEquals(f.depthMm() / 1.1, g.depthMm(), 1e-12);
                assertEquals(f.rightSemiLengthMm() * 1.21, g.rightSemiLengthMm(), 1e-12);
                assertEquals(f.leftSemiLengthMm() * 1.21, g.leftSemiLengthMm(), 1e-12);
                assertEquals(f.izMm() * 1.21, g.izMm(), 1e-12);
            }
        }
    }

    @Test
    void aStretchedFibrePropagatesAtCvOverSAndIsShallowerSoLarger() {
        MotorUnitAnatomy anatomy = singleFibre();
        double x0 = anatomy.units().get(0).centreXMm();
        // electrodes 15..45 mm from the IZ along the fibre, over it
        ElectrodeArray a = ElectrodeArray.builder().rows(7).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(30)
                .centreAcrossMm(x0).build();
        MuapSeriesBuilder sb = new MuapSeriesBuilder(MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), a)
                .samplingRateHz(FS).muapDurationS(0.06).gridSpacingMm(0.5).depthStepMm(0.5).build());
        MuapBankSeries dd = sb.series(anatomy, new double[] { 0, 0.2 }, new double[] { 1, 1.1 },
                Montage.DOUBLE_DIFFERENTIAL, null);
        double cv1 = estimateCv(channels(dd.bank(0)), 5);
        double cv11 = estimateCv(channels(dd.bank(1)), 5);
        // amplitude of the propagating potential (double differentials; the monopolar signal of a fibre this
        // deep is dominated by its end effect, which moves with the fibre end)
        double p1 = 0;
        double p11 = 0;
        for (int c = 0; c < dd.first().channelCount(); c++) {
            p1 += Signals.peakToPeak(dd.bank(0).muap(0, c));
            p11 += Signals.peakToPeak(dd.bank(1).muap(0, c));
        }
        System.out.printf("[conductor] stretched fibre (depth %.2f -> %.2f mm): CV at s=1 %.3f, at s=1.1 %.3f m/s "
                + "(set %.3f); mean DD peak-to-peak %.3e -> %.3e mV%n", anatomy.units().get(0).fibres().get(0)
                        .depthMm(), anatomy.stretched(1.1).units().get(0).fibres().get(0).depthMm(), cv1, cv11,
                4 / 1.1, p1 / 5, p11 / 5);
        assertEquals(4, cv1, 0.05 * 4);
        assertEquals(4 / 1.1, cv11, 0.05 * 4 / 1.1);
        assertTrue(p11 > p1 * 1.05, p1 + " -> " + p11);
    }

    @Test
    void equalLengthsShareOneBankAndLengthsOutsideTheRangeAreRefused() {
        MotorUnitAnatomy anatomy = singleFibre();
        ElectrodeArray pair = ElectrodeArray.builder().rows(2).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(20)
                .build();
        MuapSeriesBuilder sb = new MuapSeriesBuilder(MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), pair)
                .samplingRateHz(FS).muapDurationS(0.03).gridSpacingMm(0.5).depthStepMm(0.5).build());
        MuapBankSeries s = sb.series(anatomy, new double[] { 0, 0.2, 0.4 }, new double[] { 1, 0.8, 1 },
                Montage.MONOPOLAR, null);
        assertSame(s.bank(0), s.bank(2));
        DataException e = assertThrows(DataException.class, () -> sb.series(anatomy, new double[] { 0, 0.2 },
                new double[] { 1, 1.31 }, Montage.MONOPOLAR, null));
        assertTrue(e.getMessage().contains("update 1") && e.getMessage().contains("1.31"), e.getMessage());
        assertThrows(DataException.class, () -> MuapSeriesBuilder.checkLength(0.69, "x"));
        assertThrows(DataException.class, () -> MuapSeriesBuilder.checkLength(Double.NaN, "x"));
        MuapSeriesBuilder.checkLength(0.7, "x");
        MuapSeriesBuilder.checkLength(1.3, "x");
    }

    @Test
    void theKernelGridCoversTheShortestAndTheLongestMuscle() {
        MotorUnitAnatomy anatomy = singleFibre();
        MuapBankBuilder b = MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), ElectrodeArray.builder().rows(2)
                .cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(20).build()).samplingRateHz(FS).muapDurationS(0.03)
                .gridSpacingMm(0.5).depthStepMm(0.5).build();
        MuapSeriesBuilder sb = new MuapSeriesBuilder(b);
        PlanarLayeredConductor.KernelGrid g = sb.gridFor(anatomy, 0.7, 1.3);
        assertEquals(b.gridFor(anatomy.stretched(1.3)).halfLengthMm(), g.halfLengthMm());
        assertEquals(b.gridFor(anatomy.stretched(0.7)).maxDepthMm(), g.maxDepthMm());
        assertEquals(b.gridFor(anatomy), sb.gridFor(anatomy, 1, 1));
    }

    @Test
    void cancellationStopsTheSeries() {
        MotorUnitAnatomy anatomy = singleFibre();
        ElectrodeArray pair = ElectrodeArray.builder().rows(2).cols(1).spacingMm(5).radiusMm(0.75).centreAlongMm(20)
                .build();
        MuapSeriesBuilder sb = new MuapSeriesBuilder(MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), pair)
                .samplingRateHz(FS).muapDurationS(0.03).gridSpacingMm(0.5).depthStepMm(0.5).build());
        int[] updates = new int[1];
        Progress cancelAfterFirstBank = new Progress() {
            @Override
            public void update(double fraction, String message) {
                updates[0]++;
            }

            @Override
            public boolean isCancelled() {
                return updates[0] > 1;
            }
        };
        assertThrows(CancellationException.class, () -> sb.series(anatomy, new double[] { 0, 0.2, 0.4 },
                new double[] { 1, 1.1, 1.2 }, Montage.MONOPOLAR, cancelAfterFirstBank));
    }
}
