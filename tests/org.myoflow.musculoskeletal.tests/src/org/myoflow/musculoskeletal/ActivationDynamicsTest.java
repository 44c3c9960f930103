package org.myoflow.musculoskeletal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Step responses of the first-order (Thelen 2003) and CEINMS activation dynamics. */
public class ActivationDynamicsTest {

    private static final double FS = 10_000;

    /** Time (s) at which the signal first crosses {@code level}, linearly interpolated. */
    private static double crossing(double[] a, double level, int from, boolean rising) {
        for (int n = from + 1; n < a.length; n++) {
            if (rising ? a[n] >= level : a[n] <= level) {
                return (n - 1 + (level - a[n - 1]) / (a[n] - a[n - 1])) / FS;
            }
        }
        throw new AssertionError("never reached " + level);
    }

    @Test
    void activationStepReachesOneMinusOneOverETimeDerivedFromTheModel() {
        ActivationDynamics d = ActivationDynamics.thelen2003();
        int step = 100;
        double[] u = new double[(int) (0.3 * FS)];
        java.util.Arrays.fill(u, step, u.length, 1.0);
        double[] a = d.simulate(u, FS);
        double a0 = 0.01;
        assertEquals(a0, a[step], 1e-15);
        double level = a0 + (1 - Math.exp(-1)) * (1 - a0);
        // da/dt = (u-a)/(τact(0.5+1.5a)) integrates to t = τact[(0.5+1.5u)·ln((u-a0)/(u-a1)) - 1.5(a1-a0)],
        // with ln(...) = 1 at the 1-1/e level: t = τact·(2 - 1.5·(1-1/e)·0.99) = 1.0613·τact
        double expected = 0.015 * ((0.5 + 1.5) * 1 - 1.5 * (level - a0));
        assertEquals(1.0613, expected / 0.015, 1e-4);
        double t = crossing(a, level, step, true) - step / FS;
        assertEquals(expected, t, 1e-3 * 0.015);
        assertEquals(1, a[a.length - 1], 1e-4);
    }

    @Test
    void deactivationStepFollowsTheDerivedTime() {
        ActivationDynamics d = ActivationDynamics.thelen2003();
        int step = 100;
        double[] u = new double[(int) (0.6 * FS)];
        java.util.Arrays.fill(u, 0, step, 1.0);
        double[] a = d.simulate(u, FS);
        assertEquals(1, a[step], 0);
        double um = 0.01;
        double a0 = 1;
        double level = um + Math.exp(-1) * (a0 - um);
        // da/dt = (u-a)(0.5+1.5a)/τdeact: partial fractions with A = 1/(0.5+1.5u), B = 1/(u+1/3) give
        // t = τdeact[A·ln((a0-u)/(a1-u)) + (B/1.5)·ln((0.5+1.5a1)/(0.5+1.5a0))]
        double bigA = 1 / (0.5 + 1.5 * um);
        double bigB = 1 / (um + 1.0 / 3);
        double expected = 0.05 * (bigA * 1 + bigB / 1.5 * Math.log((0.5 + 1.5 * level) / (0.5 + 1.5 * a0)));
        double t = crossing(a, level, step, false) - step / FS;
        assertEquals(expected, t, 1e-3 * 0.05);
        assertEquals(um, a[a.length - 1], 1e-3);
    }

    @Test
    void millardDefaultsAreFaster() {
        ActivationDynamics m = ActivationDynamics.millard2012();
        assertEquals(0.010, m.activationTime(), 0);
        assertEquals(0.040, m.deactivationTime(), 0);
        double[] u = new double[2000];
        java.util.Arrays.fill(u, 1.0);
        u[0] = 0;
        double[] fast = m.simulate(u, FS);
        double[] slow = ActivationDynamics.thelen2003().simulate(u, FS);
        assertTrue(fast[100] > slow[100]);
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ActivationDynamics(0, 0.05, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new ActivationDynamics(0.01, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> ActivationDynamics.thelen2003().simulate(new double[3], 0));
    }

    @Test
    void ceinmsFilterHasUnitDcGainAndDelay() {
        CeinmsActivation c = new CeinmsActivation(-0.6, -0.7, 0.01, 0);
        assertEquals(1, c.alpha() - c.beta1() - c.beta2(), 1e-15);
        double[] e = new double[3000];
        java.util.Arrays.fill(e, 500, e.length, 0.6);
        double[] u = c.neuralActivation(e, 1000);
        assertEquals(0, u[509], 0); // 10 ms electromechanical delay at 1 kHz
        assertTrue(u[510] > 0);
        assertEquals(0.6, u[u.length - 1], 1e-12);
        // the first recursion step: u = α·e
        assertEquals(c.alpha() * 0.6, u[510], 1e-15);
    }

    @Test
    void ceinmsShapeApproachesIdentityAsAGoesToZero() {
        CeinmsActivation near = new CeinmsActivation(-0.5, -0.5, 0, -1e-6);
        CeinmsActivation curved = new CeinmsActivation(-0.5, -0.5, 0, -2);
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(u, near.shape(u), 1e-6);
            // (e^{Au} - 1)/(e^A - 1) with A < 0 lies above the identity
            assertEquals(Math.expm1(-2 * u) / Math.expm1(-2), curved.shape(u), 1e-15);
            assertTrue(curved.shape(u) >= u - 1e-15);
        }
        assertEquals(0, curved.shape(0), 0);
        assertEquals(1, curved.shape(1), 1e-15);
        double[] a = curved.simulate(new double[] {0.3, 0.3, 0.3}, 1000);
        assertEquals(curved.shape(0.3), a[2], 1e-15);
    }

    @Test
    void ceinmsParametersAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CeinmsActivation(-1, 0.5, 0, -1));
        assertTrue(e.getMessage().contains("|C1| < 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CeinmsActivation(0.5, 1.2, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new CeinmsActivation(0.5, 0.5, -0.01, -1));
        e = assertThrows(IllegalArgumentException.class, () -> new CeinmsActivation(0.5, 0.5, 0, -3));
        assertTrue(e.getMessage().contains("(-3, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CeinmsActivation(0.5, 0.5, 0, 0.5));
    }
}
