package org.myoflow.deepemg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * NMSM-style EMG scale factors with synergy extrapolation: on model-consistent data (two coordinates, four measured
 * muscles with known scale factors, one missing muscle a known synergy combination) the fit recovers both.
 */
class EmgScaleCalibrationTest {

    static final int N = 400;
    static final double[] TRUE_SCALE = {0.6, 1.3, 0.9, 1.7};
    static final double[] TRUE_WEIGHTS = {0.8, 0.3};

    static EmgScaleCalibration.Trial trial(double phase, double[] scale) {
        double[][] h = new double[2][N];
        double[][] env = new double[4][N];
        for (int k = 0; k < N; k++) {
            double t = 2 * Math.PI * k / 100.0 + phase;
            h[0][k] = 0.5 + 0.4 * Math.sin(t);
            h[1][k] = 0.5 + 0.4 * Math.cos(1.7 * t);
            // envelopes: synergy mixtures plus an own component, in [0, 0.55]
            env[0][k] = 0.5 * h[0][k] + 0.05 * (1 + Math.sin(3 * t));
            env[1][k] = 0.4 * h[1][k] + 0.05 * (1 + Math.cos(2.3 * t));
            env[2][k] = 0.3 * (h[0][k] + h[1][k]) / 2 + 0.1 * (1 + Math.sin(0.7 * t)) / 2;
            env[3][k] = 0.25 * h[0][k] * h[1][k] + 0.04;
        }
        List<EmgScaleCalibration.Muscle> measured = new ArrayList<>();
        double[][] armSign = {{0.04, 0.0}, {-0.03, 0.02}, {0.02, -0.05}, {0.0, 0.03}};
        for (int i = 0; i < 4; i++) {
            double[][] arm = new double[2][N];
            double[] c = new double[N];
            double[] p = new double[N];
            for (int k = 0; k < N; k++) {
                double t = 2 * Math.PI * k / 100.0 + phase;
                arm[0][k] = armSign[i][0] * (1 + 0.2 * Math.sin(t));
                arm[1][k] = armSign[i][1] * (1 + 0.1 * Math.cos(t));
                c[k] = 1000 * (1 + 0.1 * i) * (1 - 0.2 * Math.sin(t) * Math.sin(t));
                p[k] = 20 * (1 + Math.cos(t));
            }
            measured.add(new EmgScaleCalibration.Muscle(arm, c, p));
        }
        double[][] armX = new double[2][N];
        double[] cX = new double[N];
        double[] pX = new double[N];
        for (int k = 0; k < N; k++) {
            armX[0][k] = 0.035;
            armX[1][k] = -0.01;
            cX[k] = 1500;
        }
        List<EmgScaleCalibration.Muscle> missing = List.of(new EmgScaleCalibration.Muscle(armX, cX, pX));
        EmgScaleCalibration.Trial noTorque = new EmgScaleCalibration.Trial(env, h, measured, missing,
                new double[2][N]);
        double[][] tau = new EmgScaleCalibration.Result(scale, new double[][] {TRUE_WEIGHTS}, 0).torques(noTorque);
        return new EmgScaleCalibration.Trial(env, h, measured, missing, tau);
    }

    @Test
    void recoversScaleFactorsAndWeights() {
        var r = EmgScaleCalibration.fit(List.of(trial(0, TRUE_SCALE), trial(1.1, TRUE_SCALE)), 0.05, 0);
        for (int i = 0; i < TRUE_SCALE.length; i++) {
            assertEquals(TRUE_SCALE[i], r.scaleFactors()[i], 1e-5, "scale factor " + i);
        }
        assertEquals(TRUE_WEIGHTS[0], r.weights()[0][0], 1e-5);
        assertEquals(TRUE_WEIGHTS[1], r.weights()[0][1], 1e-5);
        assertTrue(r.cost() < 1e-8, "cost " + r.cost());
    }

    @Test
    void withoutCalibrationTheMissingMuscleAbsorbsTheScaleError() {
        // scale factors held at 1 or above (minScale 1) cannot reach the true 0.6 and 0.9: the missing muscle's
        // weights cannot make up for it, a moment error remains that the free scale factors remove
        EmgScaleCalibration.Trial t = trial(0, TRUE_SCALE);
        var calibrated = EmgScaleCalibration.fit(List.of(t), 0.05, 0);
        var pinned = EmgScaleCalibration.fit(List.of(t), 1, 0);
        assertTrue(pinned.cost() > 100 * Math.max(calibrated.cost(), 1e-12), "pinned " + pinned.cost()
                + " vs calibrated " + calibrated.cost());
    }

    @Test
    void boundsKeepActivationsAtMostOne() {
        var r = EmgScaleCalibration.fit(List.of(trial(0, new double[] {3, 3, 3, 3})), 0.05, 0);
        for (double[] a : r.measuredActivations(trial(0, TRUE_SCALE))) {
            for (double v : a) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
        // the largest envelope times its scale factor is at most 1
        EmgScaleCalibration.Trial t = trial(0, TRUE_SCALE);
        for (int i = 0; i < 4; i++) {
            double max = 0;
            for (double v : t.envelopes()[i]) {
                max = Math.max(max, v);
            }
            assertTrue(r.scaleFactors()[i] * max <= 1 + 1e-12, "muscle " + i);
        }
    }

    @Test
    void refusesInconsistentTrials() {
        assertThrows(IllegalArgumentException.class, () -> EmgScaleCalibration.fit(List.of(), 0.05, 0));
        EmgScaleCalibration.Trial a = trial(0, TRUE_SCALE);
        EmgScaleCalibration.Trial b = new EmgScaleCalibration.Trial(a.envelopes(), new double[][] {a.synergies()[0]},
                a.measured(), a.missing(), a.torques());
        assertThrows(IllegalArgumentException.class, () -> EmgScaleCalibration.fit(List.of(a, b), 0.05, 0));
        assertThrows(IllegalArgumentException.class, () -> EmgScaleCalibration.fit(List.of(a), 0, 0));
    }

    @Test
    void fixedScaleFactorsFitOnlyTheWeights() {
        List<EmgScaleCalibration.Trial> ts = List.of(trial(0, TRUE_SCALE), trial(1.1, TRUE_SCALE));
        var r = EmgScaleCalibration.fitWeights(ts, TRUE_SCALE.clone(), 0);
        for (int i = 0; i < TRUE_SCALE.length; i++) {
            assertEquals(TRUE_SCALE[i], r.scaleFactors()[i], 0, "held scale factor " + i);
        }
        assertEquals(TRUE_WEIGHTS[0], r.weights()[0][0], 1e-5);
        assertEquals(TRUE_WEIGHTS[1], r.weights()[0][1], 1e-5);
        // held at 1 the moments cannot be reproduced; the free fit can only be better
        var ones = EmgScaleCalibration.fitWeights(ts, new double[] {1, 1, 1, 1}, 0);
        assertEquals(1, ones.scaleFactors()[2], 0);
        assertTrue(ones.cost() > 100 * Math.max(EmgScaleCalibration.fit(ts, 0.05, 0).cost(), 1e-12));
        assertThrows(IllegalArgumentException.class, () -> EmgScaleCalibration.fitWeights(ts, new double[] {1, 1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> EmgScaleCalibration.fitWeights(ts, new double[] {1, 0, 1, 1}, 0));
    }

    @Test
    void maxScaleCapsTheScaleFactors() {
        var r = EmgScaleCalibration.fit(List.of(trial(0, TRUE_SCALE)), 0.05, 1.0, 0);
        for (int i = 0; i < TRUE_SCALE.length; i++) {
            assertTrue(r.scaleFactors()[i] <= 1 + 1e-12, "muscle " + i + ": " + r.scaleFactors()[i]);
        }
        // the cap binds for the two muscles whose true factors (1.3, 1.7) lie above it
        assertEquals(1, r.scaleFactors()[1], 1e-12);
        assertEquals(1, r.scaleFactors()[3], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EmgScaleCalibration.fit(List.of(trial(0, TRUE_SCALE)),
                0.5, 0.4, 0));
    }

    @Test
    void perGroupScaleFactorsWithSharedWeights() {
        double[] other = {1.1, 0.5, 1.4, 0.8};
        List<EmgScaleCalibration.Trial> ts = List.of(trial(0, TRUE_SCALE), trial(1.1, other), trial(2.3, TRUE_SCALE));
        List<EmgScaleCalibration.Result> r = EmgScaleCalibration.fitPerGroup(ts, new int[] {0, 1, 0}, 0.05,
                Double.POSITIVE_INFINITY, 0);
        assertEquals(2, r.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(TRUE_SCALE[i], r.get(0).scaleFactors()[i], 1e-5, "group 0, muscle " + i);
            assertEquals(other[i], r.get(1).scaleFactors()[i], 1e-5, "group 1, muscle " + i);
        }
        assertEquals(TRUE_WEIGHTS[0], r.get(1).weights()[0][0], 1e-5);
        // one group is the plain fit, bit for bit
        var one = EmgScaleCalibration.fitPerGroup(ts, new int[3], 0.05, 10, 1e-6).get(0);
        var plain = EmgScaleCalibration.fit(ts, 0.05, 10, 1e-6);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain.scaleFactors(), one.scaleFactors(), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain.weights()[0], one.weights()[0], 0);
        assertThrows(IllegalArgumentException.class,
                () -> EmgScaleCalibration.fitPerGroup(ts, new int[] {0, 2, 0}, 0.05, 10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> EmgScaleCalibration.fitPerGroup(ts, new int[] {0, 1}, 0.05, 10, 0));
    }
}
