package org.myoflow.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.SpikeTrains;

class EmgSynthesizerTest {

    private static final double FS = Pools.FS;

    private static double[] regular(double firstS, double rateHz, double durationS) {
        int n = (int) Math.ceil((durationS - firstS) * rateHz);
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            t[j] = firstS + j / rateHz;
        }
        return t;
    }

    private static void assertClose(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c].length, actual[c].length);
            for (int i = 0; i < expected[c].length; i++) {
                assertEquals(expected[c][i], actual[c][i], tol, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void oneUnitAt30HzIsTheSumOfShiftedMuaps() {
        // 20 ms MUAP, 33 ms interval: no overlap; continuous spike times off the sample grid
        MuapBank bank = Pools.bank(1, 3, 41, -0.010, 7);
        SpikeTrains st = new SpikeTrains(new double[][] { regular(0.0012345, 30, 1.0) }, 1.0, null);
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        assertEquals(2048, emg[0].length);
        assertClose(Pools.naive(st, bank, 2048), emg, 1e-12);
        assertTrue(Arrays.stream(emg[0]).map(Math::abs).max().orElseThrow() > 0.1);
    }

    @Test
    void overlappingMuapsOfOneUnitAdd() {
        // 100 ms MUAP at 30 Hz: up to 4 MUAPs of the same unit overlap; NeuroMotion would keep only the last
        MuapBank bank = Pools.bank(1, 2, 205, -0.050, 3);
        SpikeTrains st = new SpikeTrains(new double[][] { regular(0.0107, 30, 2.0) }, 2.0, null);
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        assertClose(Pools.naive(st, bank, 4096), emg, 1e-12);

        // all-ones MUAP of 100 samples, spikes every 40 samples on the grid: the EMG counts the overlapping MUAPs
        double[][][] ones = new double[1][1][100];
        Arrays.fill(ones[0][0], 1.0);
        MuapBank flat = new MuapBank(ones, FS, 0, Pools.labels(1), null, null, 0, 0, "mV", "monopolar");
        double[] t = new double[10];
        for (int j = 0; j < t.length; j++) {
            t[j] = 40 * j / FS;
        }
        double[] e = EmgSynthesizer.synthesize(new SpikeTrains(new double[][] { t }, 600 / FS, null), flat,
                null)[0];
        assertEquals(600, e.length);
        assertEquals(1.0, e[39], 0);
        assertEquals(2.0, e[40], 0);
        assertEquals(3.0, e[80], 0);
        assertEquals(3.0, e[99], 0);
        assertEquals(2.0, e[100], 0);
        assertEquals(3.0, e[360], 0);
        assertEquals(1.0, e[459], 0); // the last MUAP (spike 360) alone
        assertEquals(0.0, e[460], 0);
    }

    @Test
    void integerSampleSpikeTimesReproduceTheMuapExactly() {
        MuapBank bank = Pools.bank(1, 2, 41, -20 / FS, 11);
        SpikeTrains st = new SpikeTrains(new double[][] { { 300 / FS } }, 1024 / FS, null);
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        for (int c = 0; c < 2; c++) {
            double[] m = bank.muap(0, c);
            assertArrayEquals(m, Arrays.copyOfRange(emg[c], 280, 321), 0.0);
            for (int i = 0; i < emg[c].length; i++) {
                if (i < 280 || i > 320) {
                    assertEquals(0.0, emg[c][i], 0.0, "sample " + i);
                }
            }
        }
    }

    @Test
    void halfSampleShiftInterpolatesLinearlyAndKeepsTheArea() {
        double[][][] m = { { { 0, 2, 4, 2, 0 } } };
        MuapBank bank = new MuapBank(m, FS, 0, Pools.labels(1), null, null, 0, 0, "mV", "monopolar");
        double[] e = EmgSynthesizer.synthesize(new SpikeTrains(new double[][] { { 10.5 / FS } }, 32 / FS, null),
                bank, null)[0];
        assertArrayEquals(new double[] { 0, 1, 3, 3, 1, 0 }, Arrays.copyOfRange(e, 10, 16), 1e-12);
        assertEquals(8.0, Arrays.stream(e).sum(), 1e-12);
    }

    @Test
    void muapsAtTheEdgesOfTheWindowAreClipped() {
        MuapBank bank = Pools.bank(2, 2, 41, -0.010, 5);
        SpikeTrains st = new SpikeTrains(new double[][] { { -0.004, 0.0003, 0.49 }, { 0.2, 0.4999, 0.52 } }, 0.5,
                null);
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        assertEquals(1024, emg[0].length);
        assertClose(Pools.naive(st, bank, 1024), emg, 1e-12);
    }

    @Test
    void manyUnitsMatchTheNaiveSum() {
        MuapBank bank = Pools.bank(12, 4, 41, -0.010, 2);
        SpikeTrains st = Pools.trains(12, 1.5, 18, 0.2, 9);
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        assertClose(Pools.naive(st, bank, 3072), emg, 1e-12);
    }

    @Test
    void twoPoolsAddIntoTheSameChannels() {
        MuapBank b1 = Pools.bank(5, 3, 41, -0.010, 1);
        MuapBank b2 = Pools.bank(8, 3, 61, -0.015, 2);
        SpikeTrains s1 = Pools.trains(5, 1, 20, 0.2, 3);
        SpikeTrains s2 = Pools.trains(8, 1, 12, 0.2, 4);
        double[][] a = EmgSynthesizer.synthesize(s1, b1, null);
        double[][] b = EmgSynthesizer.synthesize(s2, b2, null);
        double[][] both = EmgSynthesizer.synthesize(s1, b1, null);
        EmgSynthesizer.addInto(both, s2, b2, null);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < a[c].length; i++) {
                assertEquals(a[c][i] + b[c][i], both[c][i], 1e-12);
            }
        }
    }

    @Test
    void unitCountMismatchNamesBothCounts() {
        MuapBank bank = Pools.bank(3, 2, 41, -0.010, 1);
        SpikeTrains st = Pools.trains(2, 1, 10, 0.1, 1);
        DataException e = assertThrows(DataException.class, () -> EmgSynthesizer.synthesize(st, bank, null));
        assertTrue(e.getMessage().contains("2 units") && e.getMessage().contains("3 units"), e.getMessage());
    }

    @Test
    void listenerSeesEveryUnitAndCanCancel() {
        MuapBank bank = Pools.bank(4, 2, 41, -0.010, 1);
        SpikeTrains st = Pools.trains(4, 1, 10, 0.1, 1);
        int[] seen = new int[1];
        EmgSynthesizer.synthesize(st, bank, (done, total) -> {
            assertEquals(4, total);
            seen[0] = done;
        });
        assertEquals(4, seen[0]);
        assertThrows(CancellationException.class, () -> EmgSynthesizer.synthesize(st, bank, (done, total) -> {
            throw new CancellationException("cancelled");
        }));
    }

    @Test
    void sampleCountCoversTheHalfOpenWindow() {
        assertEquals(20480, EmgSynthesizer.sampleCount(10, 2048));
        assertEquals(500, EmgSynthesizer.sampleCount(0.5, 1000));
        assertEquals(300, EmgSynthesizer.sampleCount(0.3, 1000)); // 0.3 * 1000 = 300.00000000000006
        assertEquals(2, EmgSynthesizer.sampleCount(0.0015, 1000));
        assertEquals(0, EmgSynthesizer.sampleCount(0, 1000));
    }

    @ParameterizedTest
    @ValueSource(doubles = { -10, 0, 10, 30 })
    void measuredSnrIsTheSetValue(double snrDb) {
        MuapBank bank = Pools.bank(20, 4, 41, -0.010, 4);
        SpikeTrains st = Pools.trains(20, 30, 15, 0.2, 5);
        double[][] clean = EmgSynthesizer.synthesize(st, bank, null);
        double[][] noisy = EmgSynthesizer.synthesize(st, bank, null);
        double sigma = EmgSynthesizer.addNoise(noisy, snrDb, new SplittableRandom(42));
        assertTrue(sigma > 0);
        double[][] noise = new double[clean.length][];
        for (int c = 0; c < clean.length; c++) {
            noise[c] = new double[clean[c].length];
            for (int i = 0; i < clean[c].length; i++) {
                noise[c][i] = noisy[c][i] - clean[c][i];
            }
        }
        double measured = 10 * Math.log10(EmgSynthesizer.meanPower(clean) / EmgSynthesizer.meanPower(noise));
        System.out.printf("SNR set %.1f dB, measured %.3f dB%n", snrDb, measured);
        assertEquals(snrDb, measured, 0.5);
        assertEquals(snrDb, measured, 0.05, "245760 noise samples: the estimate is within about 0.01 dB");
    }

    @Test
    void infiniteSnrAddsNothingAndSameSeedGivesSameNoise() {
        MuapBank bank = Pools.bank(3, 2, 41, -0.010, 4);
        SpikeTrains st = Pools.trains(3, 1, 15, 0.2, 5);
        double[][] clean = EmgSynthesizer.synthesize(st, bank, null);
        double[][] x = EmgSynthesizer.synthesize(st, bank, null);
        assertEquals(0.0, EmgSynthesizer.addNoise(x, Double.POSITIVE_INFINITY, new SplittableRandom(1)));
        assertTrue(Arrays.deepEquals(clean, x));
        double[][] a = EmgSynthesizer.synthesize(st, bank, null);
        double[][] b = EmgSynthesizer.synthesize(st, bank, null);
        double[][] c = EmgSynthesizer.synthesize(st, bank, null);
        EmgSynthesizer.addNoise(a, 20, new SplittableRandom(1));
        EmgSynthesizer.addNoise(b, 20, new SplittableRandom(1));
        EmgSynthesizer.addNoise(c, 20, new SplittableRandom(2));
        assertTrue(Arrays.deepEquals(a, b));
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void silentRecordingGetsNoNoise() {
        double[][] x = new double[2][100];
        assertEquals(0.0, EmgSynthesizer.addNoise(x, 10, new SplittableRandom(1)));
        assertTrue(Arrays.stream(x).allMatch(ch -> Arrays.stream(ch).allMatch(v -> v == 0)));
    }

    /** 10 s × 64 channels × 300 units at 2048 Hz with 20 ms MUAPs: prints the real-time factor. */
    @Test
    void synthesisIsFasterThanRealTime() {
        MuapBank bank = Pools.bank(300, 64, 41, -0.010, 1);
        SpikeTrains st = Pools.trains(300, 10, 15, 0.2, 2);
        EmgSynthesizer.synthesize(st, bank, null); // warm-up
        long t0 = System.nanoTime();
        double[][] emg = EmgSynthesizer.synthesize(st, bank, null);
        double s = (System.nanoTime() - t0) * 1e-9;
        System.out.printf("synthesis of 10 s x 64 ch x 300 units (%d spikes, 41-sample MUAPs): %.3f s, "
                + "real-time factor %.0f%n", st.totalSpikeCount(), s, 10 / s);
        assertEquals(20480, emg[0].length);
        assertTrue(s < 10, "slower than real time: " + s + " s");
    }
}
