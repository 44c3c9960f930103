package org.myoflow.deepemg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.myoflow.musculoskeletal.ActivationDynamics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.TendonModel;

/**
 * Synergy extrapolation on a synthetic elbow flexion-extension whose truth is built from the same synergies: all
 * seven muscles' excitations are W_true·H, the torque is the elbow model's (rigid tendon) with them as activations,
 * and the two deep muscles (BRA, TRImed) are hidden.
 */
public class SynergyExtrapolationTest {

    static final double DEG = Math.PI / 180;
    static final double FS = 100;
    static final int N = 400;
    static final int BRA = 2;
    static final int TRIMED = 6;
    /** BIClong, BICshort, BRD, TRIlong, TRIlat. */
    static final int[] MEASURED = {0, 1, 3, 4, 5};

    /** Rows in elbow-model order; columns: flexion, extension, co-contraction synergy. */
    static final double[][] W_TRUE = {
        {0.6, 0.0, 0.3},
        {0.7, 0.0, 0.0},
        {0.8, 0.1, 0.3},
        {0.0, 0.0, 0.6},
        {0.0, 0.7, 0.0},
        {0.1, 0.6, 0.3},
        {0.05, 0.6, 0.25},
    };

    /** Flexion burst at 1 s, extension burst at 3 s, co-contraction around the peak angle at 2 s. */
    static double[][] synergies() {
        double[][] h = new double[3][N];
        double[][] shape = {{1.0, 0.35}, {3.0, 0.35}, {2.0, 0.5}};
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < N; t++) {
                h[i][t] = Math.exp(-0.5 * Math.pow((t / FS - shape[i][0]) / shape[i][1], 2));
            }
        }
        return h;
    }

    /** 20° → 120° → 20° over 4 s (raised cosine) and its analytic angular velocity. */
    static double[][] kinematics() {
        double[] q = new double[N];
        double[] qd = new double[N];
        double period = N / FS;
        for (int t = 0; t < N; t++) {
            double phase = 2 * Math.PI * t / FS / period;
            q[t] = (20 + 50 * (1 - Math.cos(phase))) * DEG;
            qd[t] = 50 * DEG * Math.sin(phase) * 2 * Math.PI / period;
        }
        return new double[][] {q, qd};
    }

    static double correlation(double[] a, double[] b) {
        return new PearsonsCorrelation().correlation(a, b);
    }

    /** The synthetic case: excitations [muscle][t], trial of the measured channels. */
    record Case(double[][] excitations, SynergyExtrapolation.Trial trial, double torqueRange) {
    }

    static Case synthetic(ActivationDynamics dynamics) {
        JointModel elbow = JointModels.elbow();
        double[][] e = Matrices.multiply(W_TRUE, synergies());
        double[][] a = e;
        if (dynamics != null) {
            a = new double[e.length][];
            for (int m = 0; m < e.length; m++) {
                a[m] = dynamics.simulate(e[m], FS);
            }
        }
        double[][] kin = kinematics();
        double[] tau = new double[N];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < N; t++) {
            double[] at = new double[7];
            for (int m = 0; m < 7; m++) {
                at[m] = a[m][t];
            }
            tau[t] = elbow.torque(kin[0][t], kin[1][t], at, TendonModel.RIGID);
            lo = Math.min(lo, tau[t]);
            hi = Math.max(hi, tau[t]);
        }
        double[][] env = new double[MEASURED.length][];
        for (int c = 0; c < MEASURED.length; c++) {
            env[c] = e[MEASURED[c]];
        }
        return new Case(e, new SynergyExtrapolation.Trial(env, kin[0], kin[1], tau), hi - lo);
    }

    @Test
    void recoversHiddenDeepMusclesFromNmfOfTheOthers() {
        Case c = synthetic(null);
        SynergyExtrapolation synx = new SynergyExtrapolation(JointModels.elbow(), MEASURED,
                SynergyExtrapolation.Options.defaults());
        assertArrayEquals(new int[] {BRA, TRIMED}, synx.missingMuscles());
        SynergyExtrapolation.Result r = synx.fit(List.of(c.trial()), new Nmf(3));
        // measured (JDK 25): NMF VAF of the 5 measured envelopes 0.99999999; 1 − r = 3.1e-9 (BRA) and 2.9e-9
        // (TRImed), largest BRA excitation error 1.2e-4; torque RMSE 2.0e-4 N·m of a 54.2 N·m range; the exact
        // bounded linear least-squares solution (no clipping); about 1 s, nearly all of it NMF
        double corrBra = correlation(c.excitations()[BRA], r.excitation(BRA));
        double corrTri = correlation(c.excitations()[TRIMED], r.excitation(TRIMED));
        System.out.printf("SynX/NMF: r(BRA) %.6f, r(TRImed) %.6f, torque RMSE %.3g N·m of range %.2f N·m, linear %s%n",
                corrBra, corrTri, r.torqueRmse(), c.torqueRange(), r.linear());
        assertTrue(corrBra > 0.95, "BRA correlation " + corrBra);
        assertTrue(corrTri > 0.95, "TRImed correlation " + corrTri);
        assertTrue(r.torqueRmse() < 0.02 * c.torqueRange(), "torque RMSE " + r.torqueRmse());
        assertEquals(List.of("BRA", "TRImed"), r.missingNames());
        // measured channels pass through unchanged
        assertArrayEquals(c.excitations()[0], r.excitation(0), 0);
    }

    @Test
    void pcaScoresServeAsSynergiesToo() {
        Case c = synthetic(null);
        Pca.Result pca = Pca.of(SynergyExtrapolation.concatenateEnvelopes(List.of(c.trial())), 3, false);
        SynergyExtrapolation.Result r = new SynergyExtrapolation(JointModels.elbow(), MEASURED,
                SynergyExtrapolation.Options.defaults()).fit(List.of(c.trial()), pca.scores());
        // measured: PCA VAF 1 (rank 3); 1 − r = 7e-14 (BRA), 2e-12 (TRImed); RMSE 7.5e-7 N·m. Mixed-sign scores
        // get weight bounds [−u, u]
        assertEquals(1, pca.vaf(), 1e-12);
        assertTrue(correlation(c.excitations()[BRA], r.excitation(BRA)) > 0.999);
        assertTrue(correlation(c.excitations()[TRIMED], r.excitation(TRIMED)) > 0.999);
        assertTrue(r.torqueRmse() < 1e-3 * c.torqueRange(), "torque RMSE " + r.torqueRmse());
    }

    @Test
    void trueSynergiesGiveTheTrueWeights() {
        Case c = synthetic(null);
        SynergyExtrapolation.Result r = new SynergyExtrapolation(JointModels.elbow(), MEASURED,
                SynergyExtrapolation.Options.defaults().withRegularisation(0)).fit(List.of(c.trial()), synergies());
        assertTrue(r.linear());
        assertArrayEquals(W_TRUE[BRA], r.weights()[0], 1e-6);
        assertArrayEquals(W_TRUE[TRIMED], r.weights()[1], 1e-6);
        assertEquals(0, r.torqueRmse(), 1e-6);
    }

    @Test
    void activationDynamicsUseTheNonLinearFit() {
        ActivationDynamics dyn = ActivationDynamics.thelen2003();
        Case c = synthetic(dyn);
        SynergyExtrapolation.Result r = new SynergyExtrapolation(JointModels.elbow(), MEASURED,
                SynergyExtrapolation.Options.defaults().withActivationDynamics(dyn, FS))
                .fit(List.of(c.trial()), synergies());
        // measured: weights within 3e-6 of W_true, RMSE 9.3e-7 N·m, BOBYQA's refinement kept (linear false)
        System.out.printf("SynX with activation dynamics: weights BRA %s TRImed %s, RMSE %.3g N·m, linear %s%n",
                java.util.Arrays.toString(r.weights()[0]), java.util.Arrays.toString(r.weights()[1]),
                r.torqueRmse(), r.linear());
        assertTrue(correlation(c.excitations()[BRA], r.excitation(BRA)) > 0.99);
        assertTrue(correlation(c.excitations()[TRIMED], r.excitation(TRIMED)) > 0.99);
        assertTrue(r.torqueRmse() < 0.01 * c.torqueRange(), "torque RMSE " + r.torqueRmse());
        assertTrue(!r.linear());
    }

    @Test
    void clippedExcitationIsRefinedByBobyqa() {
        // BRA's true excitation W·H reaches 1.11 and is clipped at 1, so the torque is no longer linear in w
        double[][] w = new double[7][];
        for (int m = 0; m < 7; m++) {
            w[m] = W_TRUE[m].clone();
        }
        w[BRA] = new double[] {1.0, 0.2, 0.8};
        double[][] e = Matrices.multiply(w, synergies());
        for (double[] row : e) {
            for (int t = 0; t < N; t++) {
                row[t] = Math.min(1, row[t]);
            }
        }
        double[][] kin = kinematics();
        JointModel elbow = JointModels.elbow();
        double[] tau = new double[N];
        for (int t = 0; t < N; t++) {
            double[] at = new double[7];
            for (int m = 0; m < 7; m++) {
                at[m] = e[m][t];
            }
            tau[t] = elbow.torque(kin[0][t], kin[1][t], at, TendonModel.RIGID);
        }
        double[][] env = new double[MEASURED.length][];
        for (int c = 0; c < MEASURED.length; c++) {
            env[c] = e[MEASURED[c]];
        }
        SynergyExtrapolation.Result r = new SynergyExtrapolation(elbow, MEASURED,
                SynergyExtrapolation.Options.defaults())
                .fit(List.of(new SynergyExtrapolation.Trial(env, kin[0], kin[1], tau)), synergies());
        // measured: BOBYQA kept, BRA weights (1.0000000, 0.1999993, 0.7999999), RMSE 7.8e-7 N·m, 0.1 s
        assertTrue(!r.linear());
        assertArrayEquals(w[BRA], r.weights()[0], 1e-4);
        assertArrayEquals(e[BRA], r.excitation(BRA), 1e-4);
        assertTrue(r.torqueRmse() < 1e-3, "torque RMSE " + r.torqueRmse());
    }

    @Test
    void refusesBadMaps() {
        JointModel elbow = JointModels.elbow();
        SynergyExtrapolation.Options o = SynergyExtrapolation.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> new SynergyExtrapolation(elbow, new int[] {0, 0}, o));
        assertThrows(IllegalArgumentException.class, () -> new SynergyExtrapolation(elbow, new int[] {7}, o));
        assertThrows(IllegalArgumentException.class,
                () -> new SynergyExtrapolation(elbow, new int[] {0, 1, 2, 3, 4, 5, 6}, o));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SynergyExtrapolation.channelMuscles(elbow, List.of("BIClong", "DELT1"))).getMessage()
                .contains("DELT1"));
        assertArrayEquals(MEASURED, SynergyExtrapolation.channelMuscles(elbow,
                List.of("BIClong", "BICshort", "BRD", "TRIlong", "TRIlat")));
        assertThrows(IllegalArgumentException.class, () -> new SynergyExtrapolation.Trial(
                new double[][] {{0.5, 1.2}}, new double[2], new double[2], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> o.withActivationDynamics(
                ActivationDynamics.thelen2003(), 0));
    }
}
