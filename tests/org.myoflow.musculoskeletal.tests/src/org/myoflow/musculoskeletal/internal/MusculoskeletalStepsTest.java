package org.myoflow.musculoskeletal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.StaticOptimisation;
import org.myoflow.musculoskeletal.TendonModel;

/** The static-optimisation and joint-torque steps through the engine's step harness. */
public class MusculoskeletalStepsTest {

    private static final double FS = 100;

    private static Signal kinematicsDeg(int n) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = 60 + 30 * Math.sin(2 * Math.PI * 0.5 * i / FS);
        }
        return Signal.builder(FS).quantity("kinematics").channel("time_dummy", "s", new double[n])
                .channel("r_elbow_flex", "deg", q).build();
    }

    @Test
    void staticOptimisationThenJointTorqueReturnsTheTorque() throws Exception {
        int n = 200;
        Signal kin = kinematicsDeg(n);
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            tau[i] = 25 * Math.sin(2 * Math.PI * 1.0 * i / FS) + (i == 50 ? 500 : 0);
        }
        Signal torque = Signal.builder(FS).channel("elbow moment", "N·m", tau).build();
        Map<String, Data> out = StepHarness.of(new StaticOptimisationStep()).input("kinematics", kin)
                .input("torque", torque).param("angleChannel", "r_elbow_flex").param("minActivation", 0.01).run();
        Signal act = (Signal) out.get("activation");
        Signal res = (Signal) out.get("residual");
        JointModel elbow = JointModels.elbow();
        assertEquals(elbow.muscleNames(), act.labels());
        assertEquals(n, act.sampleCount());
        assertEquals(FS, act.samplingRate(), 0);
        double[] r = res.channel(0);
        assertTrue(r[50] > 300, "500 N·m is beyond the elbow's capacity: residual " + r[50]);
        Signal tq = (Signal) StepHarness.of(new JointTorqueStep()).input("activation", act).input("kinematics", kin)
                .param("angleChannel", "r_elbow_flex").run().get("torque");
        for (int i = 0; i < n; i++) {
            assertEquals(tau[i] - r[i], tq.get(0, i), 1e-6, "sample " + i);
            if (i != 50) {
                assertEquals(0, r[i], 1e-6, "sample " + i);
            }
        }
        // the step agrees with the API, with the central-difference velocity
        double q = Math.toRadians(kin.get(1, 10));
        double qd = (Math.toRadians(kin.get(1, 11)) - Math.toRadians(kin.get(1, 9))) * FS / 2;
        double[] want = new StaticOptimisation(elbow, 0.01).solve(q, qd, tau[10]).activations();
        for (int m = 0; m < 7; m++) {
            assertEquals(want[m], act.get(m, 10), 1e-12);
        }
    }

    @Test
    void jointTorqueGivesForcesPerMuscleAndElasticTendon() throws Exception {
        int n = 20;
        Signal kin = Signal.builder(FS).channel("q", "rad", new double[n]).build();
        JointModel elbow = JointModels.elbow();
        Signal.Builder ab = Signal.builder(FS);
        for (String m : elbow.muscleNames()) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, 0.5);
            ab.channel(m, "", a);
        }
        Map<String, Data> out = StepHarness.of(new JointTorqueStep()).input("activation", ab.build())
                .input("kinematics", kin).param("tendon", "ELASTIC").run();
        double[] a = new double[7];
        java.util.Arrays.fill(a, 0.5);
        assertArrayEquals(elbow.forces(0, 0, a, TendonModel.ELASTIC), column((Signal) out.get("force"), 3), 1e-9);
        assertEquals(elbow.torque(0, 0, a, TendonModel.ELASTIC), ((Signal) out.get("torque")).get(0, 3), 1e-9);
    }

    private static double[] column(Signal s, int t) {
        double[] x = new double[s.channelCount()];
        for (int c = 0; c < x.length; c++) {
            x[c] = s.get(c, t);
        }
        return x;
    }

    @Test
    void badInputsAreDataErrors() {
        Signal kin = Signal.builder(FS).channel("q", "m", new double[10]).build();
        Signal torque = Signal.builder(FS).channel("t", "N·m", new double[10]).build();
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new StaticOptimisationStep())
                .input("kinematics", kin).input("torque", torque).run());
        assertTrue(e.getMessage().contains("angleUnit"), e.getMessage());
        Signal shortTorque = Signal.builder(FS).channel("t", "N·m", new double[5]).build();
        e = assertThrows(DataException.class, () -> StepHarness.of(new StaticOptimisationStep())
                .input("kinematics", kin).input("torque", shortTorque).param("angleUnit", "RAD").run());
        assertTrue(e.getMessage().contains("same sampling rate"), e.getMessage());
        Signal act = Signal.builder(FS).channel("BIClong", "", new double[10]).build();
        e = assertThrows(DataException.class, () -> StepHarness.of(new JointTorqueStep()).input("activation", act)
                .input("kinematics", kin).param("angleUnit", "RAD").run());
        assertTrue(e.getMessage().contains("BICshort"), e.getMessage());
    }
}
