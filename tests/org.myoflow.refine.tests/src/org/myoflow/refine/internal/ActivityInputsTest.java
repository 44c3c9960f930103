package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

class ActivityInputsTest {

    private static final List<String> MUSCLES = List.of("BIC", "BRA", "TRI");

    private static Signal signal(List<String> labels, int n, double rate) {
        Signal.Builder b = Signal.builder(rate).quantity("activation");
        for (int c = 0; c < labels.size(); c++) {
            double[] x = new double[n];
            for (int t = 0; t < n; t++) {
                x[t] = c + t / 1000.0;
            }
            b.channel(labels.get(c), "", x);
        }
        return b.build();
    }

    @Test
    void channelsComeInMuscleOrder() {
        Signal s = signal(List.of("TRI", "BIC", "BRA"), 50, 100);
        double[][] a = ActivityInputs.activity("target", s, MUSCLES);
        assertArrayEquals(s.channel("BIC"), a[0]);
        assertArrayEquals(s.channel("BRA"), a[1]);
        assertArrayEquals(s.channel("TRI"), a[2]);
    }

    @Test
    void missingExtraAndNonFiniteAreRefusedByName() {
        DataException e = assertThrows(DataException.class,
                () -> ActivityInputs.activity("target", signal(List.of("BIC", "TRI"), 10, 100), MUSCLES));
        assertTrue(e.getMessage().startsWith("target lacks muscles [BRA]"), e.getMessage());
        e = assertThrows(DataException.class, () -> ActivityInputs.activity("simulated activity",
                signal(List.of("BIC", "BRA", "TRI", "ANC"), 10, 100), MUSCLES));
        assertTrue(e.getMessage().contains("simulated activity has channels [ANC]"), e.getMessage());
        double[][] x = {{1, 2, 3}, {1, Double.NaN, 3}, {1, 2, 3}};
        e = assertThrows(DataException.class, () -> ActivityInputs.activity("target", x, MUSCLES, MUSCLES));
        assertTrue(e.getMessage().contains("channel BRA sample 1 is NaN"), e.getMessage());
        double[][] y = {{1, 2, 3}, {1, 2}, {1, 2, 3}};
        e = assertThrows(DataException.class, () -> ActivityInputs.activity("target", y, MUSCLES, MUSCLES));
        assertTrue(e.getMessage().contains("BRA has 2") && e.getMessage().contains("BIC has 3"), e.getMessage());
    }

    @Test
    void unequalLengthsAndRatesAreRefusedNamingBoth() {
        double[][] a = new double[3][100];
        double[][] b = new double[3][98];
        DataException e = assertThrows(DataException.class,
                () -> ActivityInputs.requireAligned("simulated activity", a, 100, "measured envelopes", b, 100));
        assertTrue(e.getMessage().contains("simulated activity has 100") && e.getMessage().contains("envelopes 98"),
                e.getMessage());
        e = assertThrows(DataException.class,
                () -> ActivityInputs.requireAligned("simulated activity", a, 100, "measured envelopes", a, 50));
        assertTrue(e.getMessage().contains("100.0 Hz") && e.getMessage().contains("50.0 Hz"), e.getMessage());
        ActivityInputs.requireAligned("a", a, 100, "b", new double[3][100], 100);
    }

    @Test
    void envelopesOfRawEmgFollowTheAmplitude() {
        double fs = 2000;
        int n = (int) (4 * fs);
        SplittableRandom r = new SplittableRandom(5);
        Signal.Builder b = Signal.builder(fs).quantity("emg");
        double[][] amplitude = new double[MUSCLES.size()][n];
        for (int c = 0; c < MUSCLES.size(); c++) {
            double[] x = new double[n];
            for (int t = 0; t < n; t++) {
                amplitude[c][t] = 1 + 0.8 * Math.sin(2 * Math.PI * (0.5 + 0.3 * c) * t / fs);
                x[t] = amplitude[c][t] * r.nextGaussian();
            }
            b.channel(MUSCLES.get(c), "mV", x);
        }
        Signal emg = b.build();
        double[][] env = ActivityInputs.envelopes(emg, MUSCLES, Preprocessing.defaults(), null, 6, 100, 0, 400);
        assertEquals(3, env.length);
        for (int c = 0; c < 3; c++) {
            assertEquals(400, env[c].length);
            double[] truth = new double[400];
            for (int j = 0; j < 400; j++) {
                truth[j] = amplitude[c][j * 20];
            }
            double rc = new PearsonsCorrelation().correlation(env[c], truth);
            assertTrue(rc > 0.9, "channel " + c + " r = " + rc);
        }
        DataException e = assertThrows(DataException.class,
                () -> ActivityInputs.envelopes(emg, MUSCLES, Preprocessing.defaults(), null, 300, 100, 0, 400));
        assertTrue(e.getMessage().contains("half the bin rate"), e.getMessage());
        e = assertThrows(DataException.class, () -> ActivityInputs.envelopes(emg, List.of("BIC", "BRA", "TRI", "X"),
                Preprocessing.defaults(), null, 6, 100, 0, 400));
        assertTrue(e.getMessage().startsWith("raw EMG lacks muscles [X]"), e.getMessage());
    }
}
