package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static optimisation with an activation exponent p &gt; 2 (cost {@code Σ a^p + Σ x²}): p = 2 through the option is
 * the exact quadratic path, p = 3 and 4 satisfy the KKT conditions and the closed-form solutions of one coordinate,
 * and a larger p spreads the walking example's activation.
 */
public class ActivationExponentTest {

    static final OpenSimStaticOptimisation.Options DEFAULTS = OpenSimStaticOptimisation.Options.defaults();

    /** A random problem: arms [muscle][coordinate], active forces c, targets. */
    record Problem(double[][] arms, double[] c, double[] target, double rOpt) {
        static Problem random(Random rnd, int nm, int nc, double rOpt) {
            double[][] arms = new double[nm][nc];
            double[] c = new double[nm];
            for (int i = 0; i < nm; i++) {
                c[i] = 200 + 2000 * rnd.nextDouble();
                for (int j = 0; j < nc; j++) {
                    arms[i][j] = rnd.nextDouble() < 0.4 ? 0 : 0.08 * (rnd.nextDouble() - 0.5);
                }
            }
            double[] target = new double[nc];
            for (int j = 0; j < nc; j++) {
                target[j] = 150 * (rnd.nextDouble() - 0.5);
            }
            return new Problem(arms, c, target, rOpt);
        }

        double[] solve(OpenSimStaticOptimisation.Options o) {
            boolean[] spanned = new boolean[target.length];
            java.util.Arrays.fill(spanned, true);
            return OpenSimStaticOptimisation.qp(arms, c, target, spanned, rOpt, o.withReserveOptimalForce(rOpt));
        }

        /** The cost Σ a^p + Σ x² of activations a with the reserves balancing the targets. */
        double cost(double[] a, double p) {
            double f = 0;
            for (double v : a) {
                f += Math.pow(v, p);
            }
            for (int j = 0; j < target.length; j++) {
                double s = target[j];
                for (int i = 0; i < c.length; i++) {
                    s -= arms[i][j] * c[i] * a[i];
                }
                f += (s / rOpt) * (s / rOpt);
            }
            return f;
        }
    }

    @Test
    void exponentTwoIsTheQuadraticPathExactly(@TempDir Path dir) throws IOException {
        var legacy = new OpenSimStaticOptimisation.Options(0, 1, 1, true, false, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 1);
        assertEquals(2, legacy.activationExponent(), 0);
        assertEquals(DEFAULTS, legacy);
        assertEquals(DEFAULTS, DEFAULTS.withActivationExponent(2));
        assertEquals(3, DEFAULTS.withActivationExponent(3).withStride(2).withPassiveForce(true)
                .withActivationBounds(0.01, 1).withTimeRange(0, 1).withReserveOptimalForce(5)
                .withForceLengthVelocity(false).activationExponent(), 0);
        Random rnd = new Random(3);
        for (int trial = 0; trial < 10; trial++) {
            Problem pr = Problem.random(rnd, 12, 3, trial % 2 == 0 ? 1 : 20);
            assertArrayEquals(pr.solve(DEFAULTS), pr.solve(DEFAULTS.withActivationExponent(2)));
        }
        OpenSimModel m = OpenSimStaticOptimisationTest.oneJoint(dir);
        double[] time = {0, 0.1, 0.2};
        CoordinateTable c = CoordinateTable.read(OpenSimStaticOptimisationTest.table(dir, "q", "q", time,
                new double[] {-0.5, -0.4, -0.3}), m, false);
        var id = OpenSimStaticOptimisation.Moments.read(OpenSimStaticOptimisationTest.table(dir, "id", "q_moment",
                time, new double[] {20, 60, 150}), m);
        var a = OpenSimStaticOptimisation.solve(m, c, id, DEFAULTS);
        var b = OpenSimStaticOptimisation.solve(m, c, id, DEFAULTS.withActivationExponent(2));
        for (int t = 0; t < time.length; t++) {
            assertArrayEquals(a.activations()[t], b.activations()[t]);
            assertArrayEquals(a.reserves()[t], b.reserves()[t]);
        }
        for (double bad : new double[] {1.99, Double.NaN, Double.POSITIVE_INFINITY, 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DEFAULTS.withActivationExponent(bad));
            assertTrue(e.getMessage().contains("activationExponent"), e.getMessage());
        }
    }

    /**
     * KKT conditions of {@code min Σ a^p + Σ x²} with {@code x = (b - A·a)/R}: {@code ∂/∂a_i = p·a_i^{p-1} - 2Σ_j
     * A_ji·x_j/R} is 0 for an interior muscle, ≥ 0 at the lower bound, ≤ 0 at the upper one; and the result is no
     * worse than the p = 2 solution or random feasible points.
     */
    @Test
    void higherExponentsSatisfyTheKktConditions() {
        Random rnd = new Random(17);
        int interior = 0;
        int bounded = 0;
        for (int trial = 0; trial < 30; trial++) {
            double p = new double[] {2.5, 3, 4, 6}[trial % 4];
            double lo = trial % 3 == 0 ? 0.01 : 0;
            Problem pr = Problem.random(rnd, 12, 3, trial % 2 == 0 ? 1 : 20);
            var o = DEFAULTS.withActivationBounds(lo, 1).withActivationExponent(p);
            double[] x = pr.solve(o);
            double[] a = java.util.Arrays.copyOf(x, 12);
            double scale = 0;
            double[] grad = new double[12];
            for (int i = 0; i < 12; i++) {
                double s = 0;
                for (int j = 0; j < 3; j++) {
                    s += pr.arms[i][j] * pr.c[i] * x[12 + j] / pr.rOpt;
                }
                grad[i] = p * Math.pow(a[i], p - 1) - 2 * s;
                scale = Math.max(scale, Math.max(p * Math.pow(a[i], p - 1), Math.abs(2 * s)));
            }
            for (int i = 0; i < 12; i++) {
                String where = String.format(Locale.ROOT, "trial %d p %s muscle %d a %.6g grad %.3g", trial, p, i,
                        a[i], grad[i]);
                assertTrue(a[i] >= lo && a[i] <= 1, where);
                if (a[i] == lo) {
                    assertTrue(grad[i] >= -1e-8 * scale, where);
                    bounded++;
                } else if (a[i] == 1) {
                    assertTrue(grad[i] <= 1e-8 * scale, where);
                    bounded++;
                } else {
                    assertEquals(0, grad[i], 1e-8 * scale, where);
                    interior++;
                }
            }
            // the reserves balance every coordinate exactly
            for (int j = 0; j < 3; j++) {
                double s = pr.target[j] - pr.rOpt * x[12 + j];
                for (int i = 0; i < 12; i++) {
                    s -= pr.arms[i][j] * pr.c[i] * a[i];
                }
                assertEquals(0, s, 1e-9 * (1 + Math.abs(pr.target[j])));
            }
            double f = pr.cost(a, p);
            double[] a2 = java.util.Arrays.copyOf(pr.solve(o.withActivationExponent(2)), 12);
            assertTrue(f <= pr.cost(a2, p) * (1 + 1e-12), "not better than p = 2: " + f);
            for (int k = 0; k < 20; k++) {
                double[] b = a.clone();
                for (int i = 0; i < 12; i++) {
                    b[i] = Math.min(1, Math.max(lo, b[i] + 1e-3 * rnd.nextGaussian()));
                }
                assertTrue(f <= pr.cost(b, p) * (1 + 1e-12), "a perturbed point is better");
            }
        }
        assertTrue(interior > 100 && bounded > 10, interior + " interior, " + bounded + " at a bound");
    }

    /**
     * One coordinate, two muscles of equal arm r and active forces F1, F2: interior activations satisfy
     * {@code p·a_i^{p-1} = λ·r·F_i} with {@code λ = 2x/R}, so {@code a1/a2 = (F1/F2)^{1/(p-1)}}; λ follows from the
     * moment balance {@code r(F1·a1 + F2·a2) + R·x = τ} (solved here by bisection).
     */
    @Test
    void twoMusclesOfOneArmMatchTheClosedForm() {
        double r = 0.05;
        double[] f = {1000, 500};
        for (double p : new double[] {3, 4, 2.5}) {
            for (double rOpt : new double[] {1, 0.1}) {
                for (double tau : new double[] {5, 20, 60}) {
                    Problem pr = new Problem(new double[][] {{r}, {r}}, f, new double[] {tau}, rOpt);
                    double[] x = pr.solve(DEFAULTS.withForceLengthVelocity(false).withActivationExponent(p));
                    double lo = 0;
                    double hi = 1e6;
                    for (int k = 0; k < 300; k++) {
                        double lam = 0.5 * (lo + hi);
                        double moment = rOpt * rOpt * lam / 2;
                        for (double fi : f) {
                            moment += r * fi * Math.pow(lam * r * fi / p, 1 / (p - 1));
                        }
                        if (moment > tau) {
                            hi = lam;
                        } else {
                            lo = lam;
                        }
                    }
                    double lam = 0.5 * (lo + hi);
                    String where = "p " + p + " R " + rOpt + " tau " + tau;
                    double a1 = Math.pow(lam * r * f[0] / p, 1 / (p - 1));
                    double a2 = Math.pow(lam * r * f[1] / p, 1 / (p - 1));
                    assertTrue(a1 < 1, where + ": the closed form needs interior activations, a1 = " + a1);
                    assertEquals(a1, x[0], 1e-9, where);
                    assertEquals(a2, x[1], 1e-9, where);
                    assertEquals(Math.pow(2, 1 / (p - 1)), x[0] / x[1], 1e-8, where);
                    assertEquals(rOpt * rOpt * lam / 2, rOpt * x[2], 1e-8 * tau, where);
                    // equal marginal cost per unit moment: p·a^{p-1}/(r·F) the same for both muscles
                    assertEquals(p * Math.pow(x[0], p - 1) / (r * f[0]), p * Math.pow(x[1], p - 1) / (r * f[1]),
                            1e-9 * p * Math.pow(x[0], p - 1) / (r * f[0]), where);
                    assertEquals(tau, r * (f[0] * x[0] + f[1] * x[1]) + rOpt * x[2], 1e-9 * tau, where);
                }
            }
        }
    }

    /** No Newton step allowed from the p = 2 solution: an error saying so (solve adds the row's time). */
    @Test
    void nonConvergenceIsAnError() {
        Problem pr = Problem.random(new Random(5), 12, 3, 20);
        double r2 = 400;
        double[] a = java.util.Arrays.copyOf(pr.solve(DEFAULTS.withActivationExponent(4)), 12);
        double[] a2 = java.util.Arrays.copyOf(pr.solve(DEFAULTS), 12);
        double[][] h = new double[12][12];
        double[] g = new double[12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) {
                double ai = pr.arms[i][j] * pr.c[i];
                g[i] += ai * pr.target[j] / r2;
                for (int k = 0; k < 12; k++) {
                    h[i][k] += ai * pr.arms[k][j] * pr.c[k] / r2;
                }
            }
            h[i][i] += 1;
        }
        assertArrayEquals(a, OpenSimStaticOptimisation.newton(h, g, a2, 4, 0, 1));
        double change = 0;
        for (int i = 0; i < 12; i++) {
            change = Math.max(change, Math.abs(a[i] - a2[i]));
        }
        assertTrue(change > 1e-3, "p = 4 differs from p = 2 by " + change);
        var e = assertThrows(OpenSimStaticOptimisation.NotConverged.class,
                () -> OpenSimStaticOptimisation.newton(h, g, a2, 4, 0, 1, 0));
        assertTrue(e.getMessage().contains("activation exponent 4.0") && e.getMessage().contains("0 steps"),
                e.getMessage());
    }

    /** The one-joint model through solve: two identical muscles, p = 3; saturation leaves the rest to the reserve. */
    @Test
    void oneJointModelWithExponentThree(@TempDir Path dir) throws IOException {
        OpenSimModel m = OpenSimStaticOptimisationTest.oneJoint(dir);
        double[] time = {0, 0.1, 0.2, 0.3};
        double[] tau = {20, 60, 99, 150};
        CoordinateTable c = CoordinateTable.read(OpenSimStaticOptimisationTest.table(dir, "q", "q", time,
                new double[] {-0.5, -0.5, -0.5, -0.5}), m, false);
        var id = OpenSimStaticOptimisation.Moments.read(OpenSimStaticOptimisationTest.table(dir, "id", "q_moment",
                time, tau), m);
        double rf = 0.05 * 1000;
        var r = OpenSimStaticOptimisation.solve(m, c, id, DEFAULTS.withForceLengthVelocity(false)
                .withActivationExponent(3));
        for (int t = 0; t < time.length; t++) {
            // 3a² = λ·rF, λ = 2x (R = 1), 2·rF·a + x = τ: a root of 2rF·a + 1.5a²/rF = τ
            double a = (-2 * rf + Math.sqrt(4 * rf * rf + 6 * tau[t] / rf)) / (3 / rf);
            double res = tau[t] - 2 * rf * a;
            if (a > 1) {
                a = 1;
                res = tau[t] - 2 * rf;
            }
            assertEquals(a, r.activations()[t][0], 1e-9, "a1 at " + tau[t]);
            assertEquals(a, r.activations()[t][1], 1e-9, "a2 at " + tau[t]);
            assertEquals(res, r.reserves()[t][0], 1e-7, "reserve at " + tau[t]);
            assertEquals(0, r.residuals()[t][0], 1e-9);
        }
    }

    @Test
    void largerExponentSpreadsTheWalkingExamplesActivation() throws IOException {
        Path data = OpenSimStaticOptimisationTest.DATA;
        OpenSimModel m = OpenSimModel.read(OpenSimModelTest.WALK.resolve("subject_walk_scaled.osim"),
                OpenSimModelTest.WALK.resolve("subject_walk_scaled_FunctionBasedPathSet.xml"));
        CoordinateTable c = CoordinateTable.read(OpenSimModelTest.WALK.resolve("walk_coordinates_100Hz.sto"), m, true);
        var id = OpenSimStaticOptimisation.Moments.read(OpenSimModelTest.WALK.resolve("walk_id_100Hz.sto"), m);
        var o = DEFAULTS.withStride(3);
        var r2 = OpenSimStaticOptimisation.solve(m, c, id, o);
        long t0 = System.nanoTime();
        var r3 = OpenSimStaticOptimisation.solve(m, c, id, o.withActivationExponent(3));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double max2 = 0;
        double max3 = 0;
        double resid = 0;
        double sumA2 = 0;
        double sumA3 = 0;
        int active2 = 0;
        int active3 = 0;
        for (int t = 0; t < r2.time().length; t++) {
            for (int i = 0; i < r2.muscles().size(); i++) {
                max2 = Math.max(max2, r2.activations()[t][i]);
                max3 = Math.max(max3, r3.activations()[t][i]);
                sumA2 += r2.activations()[t][i];
                sumA3 += r3.activations()[t][i];
                active2 += r2.activations()[t][i] > 0.01 ? 1 : 0;
                active3 += r3.activations()[t][i] > 0.01 ? 1 : 0;
            }
            for (double v : r3.residuals()[t]) {
                resid = Math.max(resid, Math.abs(v));
            }
        }
        String report = String.format(Locale.ROOT, "%d rows, p=3 in %.2f s; max activation p=2 %.4f p=3 %.4f; "
                + "mean activation p=2 %.4f p=3 %.4f; activations > 0.01: p=2 %d p=3 %d; max residual %.2g%n",
                r2.time().length, seconds, max2, max3, sumA2 / (r2.time().length * 80.0),
                sumA3 / (r2.time().length * 80.0), active2, active3, resid);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "so-activation-exponent-report.txt"), report);
        assertTrue(max3 < max2, report);
        assertTrue(active3 >= active2, report);
        assertTrue(resid < 1e-6, report);
    }
}
