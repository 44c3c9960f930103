package org.myoflow.musculoskeletal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thelen (2003) curves at their reference points, rigid and elastic tendon. */
public class ThelenMuscleTest {

    private static final ThelenMuscle M = ThelenMuscle.of(800, 0.12, 0.25, Math.toRadians(10));

    @Test
    void isometricForceAtOptimalLengthIsMaxForce() {
        assertEquals(1, M.activeForceLength(1), 0);
        assertEquals(0, M.passiveForceLength(1), 0);
        assertEquals(1, M.forceVelocity(0), 0);
        assertEquals(800, M.fibreForce(1, 1, 0), 1e-9);
        // rigid tendon at the MTU length that puts the fibre at optimal length: F0·cos α0 along the tendon
        double mtu = 0.25 + 0.12 * Math.cos(Math.toRadians(10));
        assertEquals(1, M.rigidFibreLength(mtu) / 0.12, 1e-12);
        assertEquals(800 * Math.cos(Math.toRadians(10)), M.rigidTendonForce(1, mtu, 0), 1e-9);
    }

    @Test
    void zeroActivationWithoutPassiveStretchGivesZeroForce() {
        for (double l = 0.5; l <= 1.0; l += 0.05) {
            assertEquals(0, M.fibreForce(0, l, 0), 0);
            assertEquals(0, M.fibreForce(0, l, -0.5), 0);
            assertEquals(0, M.passiveForceLength(l), 0);
        }
        assertEquals(0, M.rigidTendonForce(0, 0.25 + 0.1, 0), 0);
        assertTrue(M.fibreForce(0, 1.2, 0) > 0);
    }

    @Test
    void passiveForceIsOneAtReferenceStrain() {
        assertEquals(1, M.passiveForceLength(1 + M.fmaxMuscleStrain()), 1e-12);
    }

    @Test
    void activeForceLengthIsGaussian() {
        double g = M.kShapeActive();
        assertEquals(Math.exp(-0.25 / g), M.activeForceLength(1.5), 1e-15);
        assertEquals(M.activeForceLength(0.7), M.activeForceLength(1.3), 1e-15);
    }

    @Test
    void forceVelocityAtItsEnds() {
        assertEquals(0, M.forceVelocity(-1), 0);
        assertEquals(0, M.forceVelocity(-1.5), 0);
        // Hill hyperbola (1 + v)/(1 - v/Af) at half the max shortening speed
        assertEquals(0.5 / 3, M.forceVelocity(-0.5), 1e-15);
        // lengthening: (1 + k·Flen)/(1 + k), k = (2 + 2/Af)/(Flen - 1) = 25, at max lengthening speed
        assertEquals((1 + 25 * 1.4) / 26, M.forceVelocity(1), 1e-12);
        assertEquals(1.4, M.forceVelocity(1e12), 1e-9);
        // slope at 0 is 1 + 1/Af when shortening and twice that when lengthening (Thelen 2003)
        double h = 1e-7;
        assertEquals(5, (1 - M.forceVelocity(-h)) / h, 1e-5);
        assertEquals(10, (M.forceVelocity(h) - 1) / h, 1e-4);
        for (double v = -0.99; v < 3; v += 0.07) {
            assertEquals(v, M.inverseForceVelocity(M.forceVelocity(v)), 1e-9);
        }
    }

    @Test
    void tendonForceAtReferenceStrain() {
        // Thelen's toe + linear curve gives 0.33 + 1.712·0.391 = 0.99939 at ε0T
        assertEquals(1, M.tendonForceStrain(M.fmaxTendonStrain()), 1e-3);
        assertEquals(0.999392, M.tendonForceStrain(M.fmaxTendonStrain()), 1e-6);
        assertEquals(0, M.tendonForceStrain(0), 0);
        assertEquals(0, M.tendonForceStrain(-0.01), 0);
        double toe = 0.609 * M.fmaxTendonStrain();
        assertEquals(0.33, M.tendonForceStrain(toe), 1e-12);
        assertEquals(0.33, M.tendonForceStrain(toe + 1e-12), 1e-9); // continuous at the toe
        ThelenMuscle stiff = M.withFmaxTendonStrain(0.033);
        assertEquals(0.999392, stiff.tendonForceStrain(0.033), 1e-6);
    }

    @Test
    void elasticTendonIsInEquilibrium() {
        for (double a : new double[] {0, 0.05, 0.3, 1}) {
            for (double mtu : new double[] {0.33, 0.37, 0.40, 0.43}) {
                for (double v : new double[] {-0.3, 0, 0.2}) {
                    double lm = M.equilibriumFibreLength(a, mtu, v);
                    double cos = M.cosPennation(lm);
                    double tendon = mtu - lm * cos;
                    double ft = M.tendonForce(tendon);
                    double vn = v * cos / (M.maxContractionVelocity() * M.optimalFibreLength());
                    double fm = M.fibreForce(a, lm / M.optimalFibreLength(), vn) * cos;
                    if (tendon > M.tendonSlackLength() + 1e-12) {
                        assertEquals(fm, ft, 1e-6, "a=" + a + " mtu=" + mtu + " v=" + v);
                    } else {
                        assertEquals(0, fm, 1e-6); // slack tendon: no fibre force either
                    }
                    assertEquals(ft, M.elasticTendonForce(a, mtu, v), 1e-9);
                }
            }
        }
        // an elastic tendon stretches, so the fibre is shorter than with a rigid tendon
        assertTrue(M.equilibriumFibreLength(1, 0.37, 0) < M.rigidFibreLength(0.37));
    }

    @Test
    void fibreVelocityBalancesTheTendon() {
        double mtu = 0.37;
        double lm = M.equilibriumFibreLength(0.5, mtu, 0);
        assertEquals(0, M.fibreVelocity(0.5, lm, mtu), 1e-9);
        // a fibre longer than its equilibrium lets the tendon pull less than the fibre can hold: it shortens
        assertTrue(M.fibreVelocity(0.5, lm * 1.02, mtu) < 0);
        assertTrue(M.fibreVelocity(0.5, lm * 0.98, mtu) > 0);
    }

    @Test
    void parametersAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThelenMuscle.of(-1, 0.1, 0.2, 0));
        assertTrue(e.getMessage().contains("maxIsometricForce"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThelenMuscle.of(100, 0.1, 0.2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> ThelenMuscle.of(100, 0, 0.2, 0));
    }
}
