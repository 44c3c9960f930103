package org.myoflow.deepemg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.TendonModel;

/** The synergy-extrapolation step through the engine's step harness, on the synthetic elbow case. */
public class SynergyExtrapolationStepTest {

    private static final double FS = 100;
    private static final int N = 400;
    private static final String[] MEASURED = {"BIClong", "BICshort", "BRD", "TRIlong", "TRIlat"};

    @Test
    void extrapolatesTheDeepMuscles() throws Exception {
        JointModel elbow = JointModels.elbow();
        double[][] w = {{0.6, 0.0, 0.3}, {0.7, 0.0, 0.0}, {0.8, 0.1, 0.3}, {0.0, 0.0, 0.6}, {0.0, 0.7, 0.0},
            {0.1, 0.6, 0.3}, {0.05, 0.6, 0.25}};
        double[][] shape = {{1.0, 0.35}, {3.0, 0.35}, {2.0, 0.5}};
        double[][] e = new double[7][N];
        double[] qDeg = new double[N];
        double[] tau = new double[N];
        for (int t = 0; t < N; t++) {
            qDeg[t] = 20 + 50 * (1 - Math.cos(2 * Math.PI * t / N));
            for (int m = 0; m < 7; m++) {
                for (int i = 0; i < 3; i++) {
                    e[m][t] += w[m][i] * Math.exp(-0.5 * Math.pow((t / FS - shape[i][0]) / shape[i][1], 2));
                }
            }
        }
        for (int t = 0; t < N; t++) {
            // the step differentiates the angle centrally: build the torque with the same velocity
            int lo = Math.max(t - 1, 0);
            int hi = Math.min(t + 1, N - 1);
            double qd = Math.toRadians(qDeg[hi] - qDeg[lo]) * FS / (hi - lo);
            double[] a = new double[7];
            for (int m = 0; m < 7; m++) {
                a[m] = e[m][t];
            }
            tau[t] = elbow.torque(Math.toRadians(qDeg[t]), qd, a, TendonModel.RIGID);
        }
        Signal.Builder env = Signal.builder(FS).quantity("envelope");
        for (String m : MEASURED) {
            // the true excitations themselves (normalise = false): the torque was built from them
            env.channel(m, "", e[elbow.muscleNames().indexOf(m)]);
        }
        Signal kin = Signal.builder(FS).channel("elbow_flexion", "deg", qDeg).build();
        Signal torque = Signal.builder(FS).channel("elbow moment", "N·m", tau).build();
        Map<String, Data> out = StepHarness.of(new SynergyExtrapolationStep()).input("envelopes", env.build())
                .input("kinematics", kin).input("torque", torque).param("normalise", false).param("synergies", 3)
                .run();
        Signal ex = (Signal) out.get("excitation");
        assertEquals(elbow.muscleNames(), ex.labels());
        assertEquals(N, ex.sampleCount());
        assertArrayEquals(e[0], ex.channel("BIClong"), 0);
        double r = correlation(e[2], ex.channel("BRA"));
        double rTri = correlation(e[6], ex.channel("TRImed"));
        assertTrue(r > 0.95 && rTri > 0.95, "BRA r " + r + ", TRImed r " + rTri);
        Signal model = (Signal) out.get("torque");
        double rmse = 0;
        for (int t = 0; t < N; t++) {
            rmse += Math.pow(model.get(0, t) - tau[t], 2) / N;
        }
        assertTrue(Math.sqrt(rmse) < 0.5, "torque RMSE " + Math.sqrt(rmse));
    }

    @Test
    void refusesUnknownMusclesAndWrongCounts() {
        Signal env = Signal.builder(FS).channel("BIClong", "", new double[10]).channel("X", "", new double[10])
                .build();
        Signal kin = Signal.builder(FS).channel("q", "rad", new double[10]).build();
        Signal torque = Signal.builder(FS).channel("tau", "N·m", new double[10]).build();
        DataException ex = assertThrows(DataException.class, () -> StepHarness.of(new SynergyExtrapolationStep())
                .input("envelopes", env).input("kinematics", kin).input("torque", torque).run());
        assertTrue(ex.getMessage().contains("'X'"), ex.getMessage());
        ex = assertThrows(DataException.class, () -> StepHarness.of(new SynergyExtrapolationStep())
                .input("envelopes", env).input("kinematics", kin).input("torque", torque)
                .param("measuredMuscles", "BIClong").run());
        assertTrue(ex.getMessage().contains("2 channels"), ex.getMessage());
    }

    private static double correlation(double[] a, double[] b) {
        return new PearsonsCorrelation().correlation(a, b);
    }
}
