package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.ElectrodeArray.Montage;
import org.myoflow.core.data.MuapBankSeries;

/**
 * Dynamic MUAPs interpolated over the length range ({@link LengthInterpolation}, docs/science.md#dynamic-muaps):
 * node placement, exactness at the nodes, accuracy against exact recomputation (max per-unit NRMSE ≤ 1 %, NRMSE =
 * RMS difference over channels and samples / the exact unit's peak-to-peak), determinism.
 */
class LengthInterpolationTest {

    private static final double FS = 2048;

    /** Four units of 5-60 fibres (IZ spread, CV 3-5.5 m/s) under a 4 × 3 array, the steps' stretch rule. */
    private static MotorUnitAnatomy anatomy() {
        return MotorUnitAnatomy.generate(MotorUnitAnatomy.Spec.builder().units(4).minFibres(5).maxFibres(60)
                .fibresPerMm2(20).muscleWidthMm(20).muscleDepthMm(10).cvMeanMPerS(4.25).cvSpreadMPerS(2.5)
                .rightSemiLengthMm(40).leftSemiLengthMm(35).semiLengthSpreadMm(5).izSpreadMm(10).build(),
                new SplittableRandom(5));
    }

    private static MuapBankBuilder builder() {
        ElectrodeArray array = ElectrodeArray.builder().rows(4).cols(3).spacingMm(5).radiusMm(0.5).build();
        return MuapBankBuilder.builder(PlanarLayeredConductor.defaults(), array).samplingRateHz(FS)
                .muapDurationS(0.04).build();
    }

    /** Per-unit NRMSE of b against the reference a, the largest over units. */
    static double maxNrmse(double[][][] ref, double[][][] b) {
        double worst = 0;
        for (int u = 0; u < ref.length; u++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double se = 0;
            int n = 0;
            for (int c = 0; c < ref[u].length; c++) {
                for (int t = 0; t < ref[u][c].length; t++) {
                    min = Math.min(min, ref[u][c][t]);
                    max = Math.max(max, ref[u][c][t]);
                    double d = ref[u][c][t] - b[u][c][t];
                    se += d * d;
                    n++;
                }
            }
            worst = Math.max(worst, Math.sqrt(se / n) / (max - min));
        }
        return worst;
    }

    @Test
    void nodesAreOnTheGridOneJStepAroundTheRangeClampedToTheLengthLimits() {
        assertArrayEquals(new double[] { 0.9, 1.0, 1.1 }, LengthInterpolation.nodes(0.9, 1.1, 0.1), 1e-15);
        assertEquals(1.0, LengthInterpolation.nodes(0.9, 1.1, 0.1)[1]); // rest length exactly a node
        assertArrayEquals(new double[] { 0.9, 1.0, 1.1 }, LengthInterpolation.nodes(0.93, 1.04, 0.1), 1e-15);
        assertArrayEquals(new double[] { 1.0 }, LengthInterpolation.nodes(1, 1, 0.1), 0);
        assertArrayEquals(new double[] { 1.0, 1.1 }, LengthInterpolation.nodes(1.05, 1.05, 0.1), 1e-15);
        assertArrayEquals(new double[] { 0.7, 0.75, 1.0, 1.25, 1.3 }, LengthInterpolation.nodes(0.7, 1.3, 0.25),
                1e-15);
        double[] n = LengthInterpolation.nodes(0.7, 1.3, 0.1);
        assertEquals(7, n.length); // 0.7 and 1.3 appear once although 1 ± 3·0.1 round to them
        assertEquals(0.7, n[0], 1e-15);
        assertEquals(1.3, n[6], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LengthInterpolation.nodes(0.6, 1.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> LengthInterpolation.nodes(0.9, 1.1, 0));
        assertThrows(IllegalArgumentException.class, () -> LengthInterpolation.nodes(1.1, 0.9, 0.1));
    }

    @Test
    void atANodeTheMuapsAreThatNodesExactMuapsAndOutsideTheRangeItRefuses() {
        MuapBankBuilder b = builder();
        MotorUnitAnatomy a = anatomy();
        PlanarLayeredConductor.Kernels k = new MuapSeriesBuilder(b).kernels(a, 0.9, 1.1);
        double[] nodes = LengthInterpolation.nodes(0.9, 1.1, 0.1);
        LengthInterpolation li = LengthInterpolation.compute(nodes, s -> b.monopolar(a.stretched(s), k, null), FS,
                0);
        for (double s : nodes) {
            double[][][] exact = b.monopolar(a.stretched(s), k, null);
            double[][][] at = li.at(s);
            for (int u = 0; u < exact.length; u++) {
                for (int c = 0; c < exact[u].length; c++) {
                    assertArrayEquals(exact[u][c], at[u][c], 0, "s " + s + " unit " + u + " channel " + c);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> li.at(1.11));
        assertThrows(IllegalArgumentException.class, () -> li.at(0.85));
    }

    @Test
    void betweenNodesTheInterpolatedMuapsAreWithinOnePercentNrmseOfExactRecomputation() {
        MuapBankBuilder b = builder();
        MotorUnitAnatomy a = anatomy();
        PlanarLayeredConductor.Kernels k = new MuapSeriesBuilder(b).kernels(a, 0.9, 1.1);
        double[] nodes = LengthInterpolation.nodes(0.9, 1.1, 0.1);
        LengthInterpolation li = LengthInterpolation.compute(nodes, s -> b.monopolar(a.stretched(s), k, null), FS,
                0);
        double worst = 0;
        double worstPlain = 0;
        for (double s : new double[] { 0.91, 0.95, 0.98, 1.03, 1.05, 1.09 }) {
            double[][][] exact = b.monopolar(a.stretched(s), k, null);
            worst = Math.max(worst, maxNrmse(exact, li.at(s)));
            // the same nodes without the time scaling: linear in s between the two neighbours
            int j = s < 1 ? 0 : 1;
            double w = (s - nodes[j]) / (nodes[j + 1] - nodes[j]);
            double[][][] lo = b.monopolar(a.stretched(nodes[j]), k, null);
            double[][][] hi = b.monopolar(a.stretched(nodes[j + 1]), k, null);
            double[][][] plain = new double[lo.length][lo[0].length][lo[0][0].length];
            for (int u = 0; u < lo.length; u++) {
                for (int c = 0; c < lo[u].length; c++) {
                    for (int t = 0; t < lo[u][c].length; t++) {
                        plain[u][c][t] = (1 - w) * lo[u][c][t] + w * hi[u][c][t];
                    }
                }
            }
            worstPlain = Math.max(worstPlain, maxNrmse(exact, plain));
        }
        assertTrue(worst <= 0.01, "max NRMSE " + worst);
        // the time scaling is what makes 0.1 apart enough: without it the error is several times larger
        assertTrue(worstPlain > 3 * worst, "plain " + worstPlain + " vs scaled " + worst);
    }

    @Test
    void theSeriesBuilderInterpolatesDeterministicallyAndIsExactAtRestLength() {
        MuapBankBuilder b = builder();
        MotorUnitAnatomy a = anatomy();
        MuapSeriesBuilder sb = new MuapSeriesBuilder(b);
        int n = 11;
        double[] times = new double[n];
        double[] lengths = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i / 5.0;
            lengths[i] = MuapSeriesBuilder.LengthProfile.SINUSOID.at(times[i], 0.1, 0.5);
        }
        MuapBankSeries x = sb.series(a, times, lengths, Montage.MONOPOLAR, 0.1, null);
        MuapBankSeries y = sb.series(a, times, lengths, Montage.MONOPOLAR, 0.1, null);
        assertEquals(x.digest(), y.digest());
        assertArrayEquals(x.toTable().values(), y.toTable().values());
        // s(0) = 1 is a node: the exact bank with the nodes' kernel tables
        PlanarLayeredConductor.Kernels k = sb.kernels(a, 0.9, 1.1);
        double[][][] rest = b.monopolar(a, k, null);
        for (int u = 0; u < rest.length; u++) {
            for (int c = 0; c < rest[u].length; c++) {
                assertArrayEquals(rest[u][c], x.bank(0).muap(u, c), 0);
            }
        }
        // the other updates against the exact series (every update recomputed)
        MuapBankSeries exact = sb.series(a, times, lengths, Montage.MONOPOLAR, 0, null);
        for (int i = 1; i < n; i++) {
            double[][][] e = new double[rest.length][rest[0].length][];
            double[][][] p = new double[rest.length][rest[0].length][];
            for (int u = 0; u < rest.length; u++) {
                for (int c = 0; c < rest[u].length; c++) {
                    e[u][c] = exact.bank(i).muap(u, c);
                    p[u][c] = x.bank(i).muap(u, c);
                }
            }
            assertTrue(maxNrmse(e, p) <= 0.01, "update " + i + ": " + maxNrmse(e, p));
        }
        // equal lengths share one bank; few distinct lengths are computed exactly
        assertSame(x.bank(0), x.bank(10));
        MuapBankSeries two = sb.series(a, new double[] { 0, 1 }, new double[] { 1.02, 1.07 }, Montage.MONOPOLAR,
                0.1, null);
        MuapBankSeries twoExact = sb.series(a, new double[] { 0, 1 }, new double[] { 1.02, 1.07 },
                Montage.MONOPOLAR, 0, null);
        assertEquals(twoExact.digest(), two.digest());
        assertNotSame(two.bank(0), two.bank(1));
        assertThrows(IllegalArgumentException.class,
                () -> sb.series(a, times, lengths, Montage.MONOPOLAR, -0.1, null));
    }
}
