package org.myoflow.musculoskeletal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Static optimisation against the analytic optimum of the two-muscle case. */
public class StaticOptimisationTest {

    private static final double R1 = 0.04;
    private static final double R2 = 0.02;
    private static final double F1 = 1000;
    private static final double F2 = 500;

    /** Two muscles with constant moment arms, fibres at optimal length at q = 0 (rigid tendon, no pennation). */
    private static JointModel twoMuscles() {
        ThelenMuscle m1 = ThelenMuscle.of(F1, 0.1, 0.2, 0);
        ThelenMuscle m2 = ThelenMuscle.of(F2, 0.08, 0.15, 0);
        return new JointModel("test", -1, 1, List.of(
                new MuscleTendonUnit("m1", m1, MomentArm.constant(R1), 0.3),
                new MuscleTendonUnit("m2", m2, MomentArm.constant(R2), 0.23)));
    }

    @Test
    void interiorOptimumIsAnalytic() {
        StaticOptimisation so = new StaticOptimisation(twoMuscles(), 0);
        double sum = R1 * F1 * R1 * F1 + R2 * F2 * R2 * F2;
        for (double tau : new double[] {1, 10, 20, 40}) {
            StaticOptimisation.Solution s = so.solve(0, 0, tau);
            // minimise a1² + a2² s.t. Σ r_i F_i a_i = τ: a_i = τ·r_i·F_i / Σ_j (r_j F_j)² (Lagrange)
            assertEquals(tau * R1 * F1 / sum, s.activations()[0], 1e-6);
            assertEquals(tau * R2 * F2 / sum, s.activations()[1], 1e-6);
            assertEquals(0, s.residualTorque(), 1e-6);
            assertArrayEquals(new double[] {s.activations()[0] * F1, s.activations()[1] * F2}, s.forces(), 1e-6);
        }
    }

    @Test
    void boundActiveOptimum() {
        StaticOptimisation so = new StaticOptimisation(twoMuscles(), 0);
        // τ = 45 N·m: the interior optimum would give a1 = 45·40/1700 = 1.06 > 1, so a1 = 1 and m2 makes the rest
        StaticOptimisation.Solution s = so.solve(0, 0, 45);
        assertEquals(1, s.activations()[0], 1e-6);
        assertEquals((45 - R1 * F1) / (R2 * F2), s.activations()[1], 1e-6);
        assertEquals(0, s.residualTorque(), 1e-6);
        // a lower bound binds the other way: at τ = 3 the interior optimum would give a2 = 3·10/1700 = 0.018
        StaticOptimisation withMin = new StaticOptimisation(twoMuscles(), 0.05);
        StaticOptimisation.Solution low = withMin.solve(0, 0, 3.0);
        assertEquals(0.05, low.activations()[1], 1e-6);
        assertEquals((3.0 - 0.05 * R2 * F2) / (R1 * F1), low.activations()[0], 1e-6);
        assertEquals(0, low.residualTorque(), 1e-6);
    }

    @Test
    void infeasibleTorqueSaturatesAndReportsResidual() {
        StaticOptimisation so = new StaticOptimisation(twoMuscles(), 0);
        double max = R1 * F1 + R2 * F2;
        StaticOptimisation.Result r = so.solve(new double[] {0, 0, 0}, new double[3], new double[] {60, -5, 20});
        assertArrayEquals(new double[] {1, 1}, r.activations()[0], 0);
        assertEquals(60 - max, r.residualTorque()[0], 1e-9);
        assertArrayEquals(new double[] {0, 0}, r.activations()[1], 0);
        assertEquals(-5, r.residualTorque()[1], 1e-9);
        assertEquals(0, r.residualTorque()[2], 1e-6);
        assertEquals(r.activations()[2][0], r.activation(0)[2], 0);
    }

    @Test
    void elbowTorqueIsReproduced() {
        JointModel e = JointModels.elbow();
        StaticOptimisation so = new StaticOptimisation(e, 0.01);
        double q = Math.toRadians(70);
        for (double tau : new double[] {-20, 5, 30, 60}) {
            StaticOptimisation.Solution s = so.solve(q, 0.3, tau);
            assertEquals(tau, e.torque(q, 0.3, s.activations(), TendonModel.RIGID), 1e-6);
            for (int i = 0; i < 7; i++) {
                double ai = s.activations()[i];
                assertTrue(ai >= 0.01 - 1e-12 && ai <= 1 + 1e-12);
            }
            // only the agonists work: antagonists stay at the lower bound
            int from = tau > 0 ? 4 : 0;
            for (int i = from; i < from + (tau > 0 ? 3 : 4); i++) {
                assertEquals(0.01, s.activations()[i], 1e-6, e.muscleNames().get(i));
            }
        }
    }
}
