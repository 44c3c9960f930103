package org.myoflow.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;

class DynamicEmgSynthesisTest {

    private static final double FS = Pools.FS;

    private static MuapBankSeries series(MuapBank... banks) {
        double[] t = new double[banks.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        return new MuapBankSeries(List.of(banks), t);
    }

    @Test
    void equalBanksGiveExactlyTheStaticResult() {
        MuapBank bank = Pools.bank(6, 3, 41, -0.010, 2);
        SpikeTrains st = Pools.trains(6, 3, 18, 0.2, 9); // spikes before, between and after the update times
        double[][] stat = EmgSynthesizer.synthesize(st, bank, null);
        MuapBankSeries s = new MuapBankSeries(List.of(bank, bank, bank), new double[] { 0.5, 1.3, 2.2 });
        double[][] dyn = EmgSynthesizer.synthesize(st, s, null);
        assertTrue(Arrays.deepEquals(stat, dyn));
    }

    @Test
    void spikeAtAQuarterBlendsThreeQuartersAAndAQuarterB() {
        MuapBank a = Pools.bank(1, 2, 41, -20 / FS, 11);
        MuapBank b = Pools.bank(1, 2, 41, -20 / FS, 12);
        // 0.25 s = sample 512, on the grid: the blended MUAP appears unshifted from sample 492
        SpikeTrains st = new SpikeTrains(new double[][] { { 0.25 } }, 1.0, null);
        double[][] emg = EmgSynthesizer.synthesize(st, series(a, b), null);
        for (int c = 0; c < 2; c++) {
            double[] ma = a.muap(0, c);
            double[] mb = b.muap(0, c);
            for (int i = 0; i < emg[c].length; i++) {
                int k = i - 492;
                double expected = k >= 0 && k < 41 ? 0.75 * ma[k] + 0.25 * mb[k] : 0;
                assertEquals(expected, emg[c][i], 1e-12, "channel " + c + " sample " + i);
            }
        }
        // off the grid the blended MUAP is placed as the static one would place it
        double toff = 0.25 + 0.3 / FS;
        SpikeTrains off = new SpikeTrains(new double[][] { { toff } }, 1.0, null);
        double[][][] blend = new double[1][2][41];
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 41; k++) {
                blend[0][c][k] = (1 - toff) * a.get(0, c, k) + toff * b.get(0, c, k);
            }
        }
        MuapBank mid = new MuapBank(blend, FS, -20 / FS, Pools.labels(2), null, null, 0, 0, "mV", "monopolar");
        double[][] expected = EmgSynthesizer.synthesize(off, mid, null);
        double[][] actual = EmgSynthesizer.synthesize(off, series(a, b), null);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < expected[c].length; i++) {
                assertEquals(expected[c][i], actual[c][i], 1e-12, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void spikesOutsideTheUpdateTimesUseTheFirstOrLastBank() {
        MuapBank a = Pools.bank(2, 2, 41, -0.010, 1);
        MuapBank b = Pools.bank(2, 2, 41, -0.010, 2);
        MuapBankSeries s = new MuapBankSeries(List.of(a, b), new double[] { 0.4, 0.6 });
        SpikeTrains early = new SpikeTrains(new double[][] { { 0.1, 0.3 }, { 0.2 } }, 1, null);
        SpikeTrains late = new SpikeTrains(new double[][] { { 0.7 }, { 0.6, 0.9 } }, 1, null);
        assertTrue(Arrays.deepEquals(EmgSynthesizer.synthesize(early, a, null),
                EmgSynthesizer.synthesize(early, s, null)));
        assertTrue(Arrays.deepEquals(EmgSynthesizer.synthesize(late, b, null),
                EmgSynthesizer.synthesize(late, s, null)));
    }

    @Test
    void overlappingMuapsAdd() {
        // all-ones MUAPs of 100 samples in A, all-threes in B, two units; spikes every 40 samples overlap
        double[][][] ones = new double[2][1][100];
        double[][][] threes = new double[2][1][100];
        for (int u = 0; u < 2; u++) {
            Arrays.fill(ones[u][0], 1.0);
            Arrays.fill(threes[u][0], 3.0);
        }
        MuapBank a = new MuapBank(ones, FS, 0, Pools.labels(1), null, null, 0, 0, "mV", "monopolar");
        MuapBank b = new MuapBank(threes, FS, 0, Pools.labels(1), null, null, 0, 0, "mV", "monopolar");
        // A at t = 0, B at t = 1000 samples: the MUAP at sample s is 1 + 2·s/1000
        MuapBankSeries s = new MuapBankSeries(List.of(a, b), new double[] { 0, 1000 / FS });
        double[] t = { 200 / FS, 240 / FS, 280 / FS };
        double[] e = EmgSynthesizer.synthesize(new SpikeTrains(new double[][] { t, { 250 / FS } }, 600 / FS, null), s,
                null)[0];
        double m200 = 1.4;
        double m240 = 1.48;
        double m280 = 1.56;
        double m250 = 1.5;
        assertEquals(m200, e[239], 1e-12);
        assertEquals(m200 + m240, e[249], 1e-12);
        assertEquals(m200 + m240 + m250, e[250], 1e-12);
        assertEquals(m200 + m240 + m250 + m280, e[299], 1e-12);
        assertEquals(m240 + m250 + m280, e[300], 1e-12);
        assertEquals(m280, e[379], 1e-12);
        assertEquals(0.0, e[380], 0);
        assertEquals(0.0, e[199], 0);
    }

    @Test
    void matchesANaiveSumOfPerSpikeBlendedMuaps() {
        int units = 5;
        int channels = 3;
        MuapBank[] banks = new MuapBank[4];
        double[] times = { 0.1, 0.4, 0.5, 1.2 };
        for (int i = 0; i < banks.length; i++) {
            banks[i] = Pools.bank(units, channels, 41, -0.010, 20 + i);
        }
        MuapBankSeries s = new MuapBankSeries(List.of(banks), times);
        SpikeTrains st = Pools.trains(units, 1.5, 25, 0.2, 3);
        double[][] emg = EmgSynthesizer.synthesize(st, s, null);
        double[][] ref = new double[channels][emg[0].length];
        for (int u = 0; u < units; u++) {
            for (double ts : st.times(u)) {
                MuapBankSeries.Blend bl = s.blend(ts);
                double[][][] m = new double[1][channels][41];
                for (int c = 0; c < channels; c++) {
                    for (int k = 0; k < 41; k++) {
                        double x = banks[bl.index()].get(u, c, k);
                        double y = bl.weight() == 0 ? x : banks[bl.index() + 1].get(u, c, k);
                        m[0][c][k] = (1 - bl.weight()) * x + bl.weight() * y;
                    }
                }
                MuapBank one = new MuapBank(m, FS, -0.010, Pools.labels(channels), null, null, 0, 0, "mV", "");
                double[][] part = Pools.naive(new SpikeTrains(new double[][] { { ts } }, st.duration(), null), one,
                        ref[0].length);
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < ref[c].length; i++) {
                        ref[c][i] += part[c][i];
                    }
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < ref[c].length; i++) {
                assertEquals(ref[c][i], emg[c][i], 1e-12, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void sameSeedSameNoise() {
        MuapBankSeries s = series(Pools.bank(3, 2, 41, -0.010, 1), Pools.bank(3, 2, 41, -0.010, 2));
        SpikeTrains st = Pools.trains(3, 1.5, 15, 0.2, 5);
        double[][] a = EmgSynthesizer.synthesize(st, s, null);
        double[][] b = EmgSynthesizer.synthesize(st, s, null);
        double[][] c = EmgSynthesizer.synthesize(st, s, null);
        assertTrue(Arrays.deepEquals(a, b));
        EmgSynthesizer.addNoise(a, 20, new SplittableRandom(1));
        EmgSynthesizer.addNoise(b, 20, new SplittableRandom(1));
        EmgSynthesizer.addNoise(c, 20, new SplittableRandom(2));
        assertTrue(Arrays.deepEquals(a, b));
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void unitAndChannelMismatchesNameBothCounts() {
        MuapBankSeries s = series(Pools.bank(3, 2, 41, -0.010, 1), Pools.bank(3, 2, 41, -0.010, 2));
        SpikeTrains st = Pools.trains(2, 1, 10, 0.1, 1);
        DataException e = assertThrows(DataException.class, () -> EmgSynthesizer.synthesize(st, s, null));
        assertTrue(e.getMessage().contains("2 units") && e.getMessage().contains("3 units"), e.getMessage());
        DataException ch = assertThrows(DataException.class,
                () -> EmgSynthesizer.addInto(new double[5][100], Pools.trains(3, 1, 10, 0.1, 1), s, null));
        assertTrue(ch.getMessage().contains("2 channels") && ch.getMessage().contains("5"), ch.getMessage());
    }
}
