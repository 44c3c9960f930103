package org.myoflow.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myoflow.spikes.ExcitationProfile.Shape;

class ExcitationProfileTest {

    @Test
    void trapezoidCorners() {
        ExcitationProfile p = new ExcitationProfile(Shape.TRAPEZOID, 10, 0.6, 0.1, 2, 4, 0);
        assertEquals(0.1, p.valueAt(0), 1e-12);
        assertEquals(0.35, p.valueAt(1), 1e-12);
        assertEquals(0.6, p.valueAt(2), 1e-12);
        assertEquals(0.6, p.valueAt(6), 1e-12);
        assertEquals(0.35, p.valueAt(7), 1e-12);
        assertEquals(0.1, p.valueAt(8), 1e-12);
        assertEquals(0.1, p.valueAt(10), 1e-12);
    }

    @Test
    void trapezoidWithoutRiseIsAStep() {
        ExcitationProfile p = new ExcitationProfile(Shape.TRAPEZOID, 3, 0.5, 0, 0, 1, 0);
        assertEquals(0.5, p.valueAt(0), 1e-12);
        assertEquals(0.5, p.valueAt(1), 1e-12);
        assertEquals(0, p.valueAt(1.001), 1e-12);
    }

    @Test
    void rampAndConstant() {
        ExcitationProfile r = new ExcitationProfile(Shape.RAMP, 4, 0.8, 0.2, 0, 0, 0);
        assertEquals(0.2, r.valueAt(0), 1e-12);
        assertEquals(0.5, r.valueAt(2), 1e-12);
        assertEquals(0.8, r.valueAt(4), 1e-12);
        ExcitationProfile c = new ExcitationProfile(Shape.CONSTANT, 1, 0.3, 0.9, 0, 0, 0);
        for (double u : c.sample(100)) {
            assertEquals(0.3, u);
        }
    }

    @Test
    void sinusoidSpansBaselineToLevel() {
        ExcitationProfile p = new ExcitationProfile(Shape.SINUSOID, 10, 0.7, 0.2, 0, 0, 0.5);
        double[] u = p.sample(1000);
        double min = 1;
        double max = 0;
        for (double v : u) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0.2, min, 1e-9);
        assertEquals(0.7, max, 1e-9);
        assertEquals(0.2, u[0], 1e-12);
        assertEquals(0.7, u[1000], 1e-12);
    }

    @Test
    void badCombinationsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExcitationProfile(Shape.TRAPEZOID, 10, 0.5, 0, 4, 3, 0));
        assertTrue(e.getMessage().contains("2·rise + plateau"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ExcitationProfile(Shape.RAMP, 10, 0.2, 0.5, 0, 0, 0));
        assertTrue(e.getMessage().contains("baseline"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExcitationProfile(Shape.CONSTANT, 1, 1.2, 0, 0, 0, 0));
    }
}
