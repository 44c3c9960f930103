package org.myoflow.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TwitchModelTest {

    private final TwitchModel twitches = TwitchModel.defaults(120);

    @Test
    void peaksAndContractionTimesFollowFuglevand() {
        assertEquals(Math.pow(100, 1.0 / 120), twitches.peak(1), 1e-12);
        assertEquals(100, twitches.peak(120), 1e-9);
        // T_n = T_L / RT, T_1 = T_L·RT^(-1/n)
        assertEquals(0.030, twitches.contractionTime(120), 1e-12);
        assertEquals(0.090 * Math.pow(3, -1.0 / 120), twitches.contractionTime(1), 1e-12);
    }

    @Test
    void twitchPeaksAtPAtTimeT() {
        for (int i = 1; i <= 120; i++) {
            double t = twitches.contractionTime(i);
            double p = twitches.peak(i);
            assertEquals(p, twitches.twitch(i, t), 1e-12 * p);
            assertTrue(twitches.twitch(i, 0.99 * t) < p);
            assertTrue(twitches.twitch(i, 1.01 * t) < p);
        }
        assertEquals(0, twitches.twitch(5, 0));
        assertEquals(0, twitches.twitch(5, -0.01));
    }

    @Test
    void gainIsOneUpToTheKneeAndContinuousThere() {
        assertEquals(1, TwitchModel.gain(0));
        assertEquals(1, TwitchModel.gain(0.2));
        assertEquals(1, TwitchModel.gain(0.4));
        assertEquals(1, TwitchModel.gain(0.4 + 1e-9), 1e-7);
        assertEquals(1, TwitchModel.gain(0.4 + 1e-6), 1e-5);
    }

    @Test
    void gainAtROneMatchesTheHandComputedValue() {
        // (S/r)/((1 - exp(-2·0.4³))/0.4) with S = 1 - exp(-2): 0.864665 / 0.300371
        assertEquals(2.878698, TwitchModel.gain(1), 1e-6);
        // the gain of a unit: r = T/ISI; the first spike (infinite ISI) has gain 1
        double t = twitches.contractionTime(1);
        assertEquals(TwitchModel.gain(1), twitches.gain(1, t), 1e-12);
        assertEquals(1, twitches.gain(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void forceIsTheExactSumOfGainScaledTwitches() {
        TwitchModel m = TwitchModel.defaults(3);
        double[][] spikes = { { 0.0105, 0.05, 0.0901, 0.31 }, {}, { 0.0004, 0.02, 0.03 } };
        double fs = 2000;
        double[] force = m.force(spikes, fs, 0, 1000, null);
        for (int k = 0; k < force.length; k++) {
            double t = k / fs;
            double expected = 0;
            for (int u = 0; u < 3; u++) {
                double previous = Double.NEGATIVE_INFINITY;
                for (double s : spikes[u]) {
                    expected += m.gain(u + 1, s - previous) * m.twitch(u + 1, t - s);
                    previous = s;
                }
            }
            assertEquals(expected, force[k], 1e-9 * (1 + Math.abs(expected)), "sample " + k);
        }
    }

    @Test
    void steadyForceIncreasesWithExcitation() {
        FuglevandPool pool = FuglevandPool.defaults();
        double previous = -1;
        for (double u : new double[] { 0.05, 0.2, 0.4, 0.6, 0.8, 1.0 }) {
            double[] exc = new double[200];
            java.util.Arrays.fill(exc, u);
            double[][] spikes = SpikeTrainGenerator.generate(pool, exc, 100, 0, new SplittableRandom(7), null);
            double[] force = twitches.force(spikes, 1000, 0, 2000, null);
            double mean = 0;
            for (int k = 1000; k < 2000; k++) {
                mean += force[k] / 1000;
            }
            assertTrue(mean > previous * 1.05, "force " + mean + " at u " + u + " after " + previous);
            previous = mean;
        }
    }
}
