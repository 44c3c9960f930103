package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rectification, moving RMS, binning and percentiles. */
public class EnvelopesTest {

    @Test
    void rectifiesFullWave() {
        assertArrayEquals(new double[] { 1, 0, 2.5, 3 }, Envelopes.rectify(new double[] { -1, 0, 2.5, -3 }));
    }

    @Test
    void movingRmsOfAConstantIsItsMagnitudeEverywhere() {
        double[] x = new double[50];
        java.util.Arrays.fill(x, -3);
        for (int w : new int[] { 1, 2, 7, 10, 49, 50, 200 }) {
            for (double v : Envelopes.movingRms(x, w)) {
                assertEquals(3, v, 1e-12, "window " + w);
            }
        }
    }

    @Test
    void movingRmsOfASineIsAmplitudeOverRootTwoInTheInterior() {
        double fs = 1000;
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * Math.sin(2 * Math.PI * 10 * i / fs);
        }
        double[] y = Envelopes.movingRms(x, 100); // exactly one period
        for (int i = 50; i < x.length - 50; i++) {
            assertEquals(2 / Math.sqrt(2), y[i], 1e-9, "sample " + i);
        }
    }

    @Test
    void movingRmsAgreesWithADirectSumAndShrinksAtTheEdges() {
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i * 0.7) * (1 + i % 3);
        }
        for (int w : new int[] { 1, 4, 5, 13 }) {
            double[] y = Envelopes.movingRms(x, w);
            for (int i = 0; i < x.length; i++) {
                int lo = Math.max(0, i - w / 2);
                int hi = Math.min(x.length, i - w / 2 + w);
                double s = 0;
                for (int k = lo; k < hi; k++) {
                    s += x[k] * x[k];
                }
                assertEquals(Math.sqrt(s / (hi - lo)), y[i], 1e-12, "w " + w + " i " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Envelopes.movingRms(x, 0));
    }

    @Test
    void binMeanAveragesAndDropsAPartialBin() {
        assertArrayEquals(new double[] { 1.5, 3.5, 5.5 }, Envelopes.binMean(new double[] { 1, 2, 3, 4, 5, 6, 7 }, 2));
        assertArrayEquals(new double[] { 1, 2 }, Envelopes.binMean(new double[] { 1, 2 }, 1));
        assertEquals(0, Envelopes.binMean(new double[] { 1, 2 }, 3).length);
    }

    @Test
    void percentileIsNumpysLinearType7() {
        double[] x = { 3, 1, 4, 1, 5, 9, 2, 6 };
        // numpy.percentile([3,1,4,1,5,9,2,6], [0, 25, 50, 95, 99.9, 100]) = 1, 1.75, 3.5, 7.95, 8.979, 9
        assertEquals(1, Envelopes.percentile(x, 0), 1e-12);
        assertEquals(1.75, Envelopes.percentile(x, 25), 1e-12);
        assertEquals(3.5, Envelopes.percentile(x, 50), 1e-12);
        assertEquals(7.95, Envelopes.percentile(x, 95), 1e-12);
        assertEquals(8.979, Envelopes.percentile(x, 99.9), 1e-12);
        assertEquals(9, Envelopes.percentile(x, 100), 1e-12);
        assertEquals(7, Envelopes.percentile(new double[] { 7 }, 40), 0);
        assertArrayEquals(new double[] { 3, 1, 4, 1, 5, 9, 2, 6 }, x, "input untouched");
        assertThrows(IllegalArgumentException.class, () -> Envelopes.percentile(x, 101));
        assertThrows(IllegalArgumentException.class, () -> Envelopes.percentile(new double[0], 50));
    }
}
