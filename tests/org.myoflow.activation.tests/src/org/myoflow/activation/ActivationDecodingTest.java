package org.myoflow.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.LfadsArchitecture;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;

/**
 * Decoding a measured quantity from activation estimates: on EMG whose amplitude follows known slow envelopes and a
 * target that is a lagged mix of them, the envelope estimators decode it well and a target unrelated to the EMG is
 * not decoded; the LFADS part runs (tiny model) and its diagnostics are filled.
 */
public class ActivationDecodingTest {

    static final Progress QUIET = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    static ActivationDecoding.Options tiny() {
        return new ActivationDecoding.Options(10, 100, 300, 4, 1e-3, new double[] {2, 4}, new double[][] {{1e-2,
            1e-10}}, 20, 10, 10, new LfadsArchitecture(1, 20, 8, 8, 8, 16, 4, 1, 2),
                new AutoLfads.Options(2, 1, 1, 60, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 3), 5, 1);
    }

    @Test
    void envelopesDecodeALaggedMixOfThemAndNotNoise() {
        double fs = 1000;
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(9);
        double[][] env = new double[2][n];
        double[][] emg = new double[2][n];
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            env[0][i] = 0.6 + 0.5 * Math.sin(2 * Math.PI * 0.4 * t);
            env[1][i] = 0.6 + 0.5 * Math.sin(2 * Math.PI * 0.23 * t + 1);
            for (int c = 0; c < 2; c++) {
                emg[c][i] = env[c][i] * r.nextGaussian();
            }
        }
        double[] torque = new double[n];
        double[] noise = new double[n];
        double level = 0;
        for (int i = 0; i < n; i++) {
            int j = Math.max(0, i - 50); // the torque follows the envelopes 50 ms later
            torque[i] = 3 * env[0][j] - env[1][j];
            level = 0.999 * level + r.nextGaussian(); // a slow random walk unrelated to the EMG
            noise[i] = level;
        }
        Signal s = Signal.builder(fs).channel("a", "V", emg[0]).channel("b", "V", emg[1]).build();
        var res = ActivationDecoding.evaluate(s, new double[][] {torque, noise}, List.of("torque", "noise"), tiny(),
                QUIET);
        assertEquals(List.of("lowpass", "bayes", "lfads"), List.copyOf(res.methods().keySet()));
        var lp = res.methods().get("lowpass");
        assertTrue(lp.r2()[0] > 0.9, "low-pass decodes the envelope mix: " + lp.r2()[0]);
        assertTrue(res.methods().get("bayes").r2()[0] > 0.5, "Bayes: " + res.methods().get("bayes").r2()[0]);
        for (var e : res.methods().entrySet()) {
            assertTrue(e.getValue().r2()[1] < 0.3, e.getKey() + " decodes an unrelated random walk: "
                    + e.getValue().r2()[1]);
            assertTrue(e.getValue().r2()[0] <= 1 && Double.isFinite(e.getValue().r2()[0]), e.getKey());
            assertEquals(4, e.getValue().foldR2()[0].length);
        }
        assertEquals(2000, res.bins());
        assertEquals(10, res.binMs(), 1e-12);
        assertEquals(10, res.maxLag());
        var d = res.lfads();
        assertTrue(d.trainingWindows() > 100 && d.validationWindows() > 10, d.toString());
        assertTrue(Double.isFinite(d.validationLoss()) && Double.isFinite(d.correlationLowPass()), d.toString());
        assertTrue(res.longHistory().get("lowpass")[0] > 0.9, "long history " + res.longHistory().get("lowpass")[0]);
        // a pure function of its inputs (LFADS seeded)
        var again = ActivationDecoding.evaluate(s, new double[][] {torque, noise}, List.of("torque", "noise"), tiny(),
                QUIET);
        for (String m : res.methods().keySet()) {
            assertArrayEquals(res.methods().get(m).r2(), again.methods().get(m).r2(), 0, m);
        }
    }

    @Test
    void aTargetOfAnotherLengthIsNamed() {
        Signal s = Signal.builder(1000).channel("a", "V", new double[5000]).build();
        var e = assertThrows(DataException.class, () -> ActivationDecoding.evaluate(s, new double[][] {new double[
            4999]}, List.of("torque"), tiny(), QUIET));
        assertTrue(e.getMessage().contains("torque") && e.getMessage().contains("4999"), e.getMessage());
    }
}
