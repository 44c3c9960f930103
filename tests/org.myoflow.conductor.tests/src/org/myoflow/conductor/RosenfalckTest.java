package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RosenfalckTest {

    @Test
    void potentialHasRestingLevelAndPeakAtThreeMm() {
        assertEquals(-90, Rosenfalck.potential(-1), 0);
        assertEquals(-90, Rosenfalck.potential(0), 0);
        assertEquals(96 * 27 * Math.exp(-3) - 90, Rosenfalck.potential(3), 1e-12);
        assertEquals(0, Rosenfalck.firstDerivative(3), 1e-12, "V peaks at s = 3 mm");
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double h = 1e-5;
        for (double s = 0.1; s < 20; s += 0.37) {
            double d1 = (Rosenfalck.potential(s + h) - Rosenfalck.potential(s - h)) / (2 * h);
            double d2 = (Rosenfalck.firstDerivative(s + h) - Rosenfalck.firstDerivative(s - h)) / (2 * h);
            assertEquals(d1, Rosenfalck.firstDerivative(s), 1e-6 * 100);
            assertEquals(d2, Rosenfalck.secondDerivative(s), 1e-6 * 100);
        }
    }

    @Test
    void sourceIntegratesToZero() {
        double sum = 0;
        double abs = 0;
        double ds = 1e-3;
        for (double s = ds / 2; s < 60; s += ds) {
            double v = Rosenfalck.secondDerivative(s);
            sum += v * ds;
            abs += Math.abs(v) * ds;
        }
        assertTrue(Math.abs(sum) < 1e-6 * abs, sum + " vs " + abs);
    }

    @Test
    void sampledFibreSourceCarriesNoNetCurrentDuringGenerationPropagationAndExtinction() {
        FibreSource f = new FibreSource(3, 40, 30, 4);
        for (double tMs : new double[] { 0.5, 2, 6, 9.5, 11, 14 }) {
            double[] i = f.sampledSource(-40, 0.1, 900, tMs / 1000);
            double sum = 0;
            double abs = 0;
            for (double v : i) {
                sum += v;
                abs += Math.abs(v);
            }
            assertTrue(abs > 0);
            assertTrue(Math.abs(sum) < 1e-12 * abs, "t " + tMs + " ms: net " + sum + " of " + abs);
        }
        assertEquals(-90, f.membranePotential(60, 0.005), 0, "outside the fibre");
        assertEquals(Rosenfalck.potential(4 * 5 - 10), f.membranePotential(13, 0.005), 1e-12);
    }
}
