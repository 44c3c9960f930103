package org.myoflow.musculoskeletal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moment arms, joint torque, the JSON joint format and the built-in elbow. */
public class JointModelTest {

    private static final double DEG = Math.PI / 180;

    @Test
    void momentArmIsMinusLengthDerivative() {
        MomentArm r = MomentArm.polynomial(0.02, 0.03, -0.009, 0.001);
        double h = 1e-6;
        for (double q = 0; q <= 2.5; q += 0.1) {
            double dl = (r.length(0.4, q + h) - r.length(0.4, q - h)) / (2 * h);
            assertEquals(r.at(q), -dl, 1e-9);
        }
        assertEquals(0.4, r.length(0.4, 0), 0);
        MomentArm p = MomentArm.peaked(0.02, 0.045, 95 * DEG);
        assertEquals(0.02, p.at(0), 1e-15);
        assertEquals(0.045, p.at(95 * DEG), 1e-15);
        assertTrue(p.at(94 * DEG) < 0.045 && p.at(96 * DEG) < 0.045);
        for (MuscleTendonUnit m : JointModels.elbow().muscles()) {
            for (double q = 0; q <= 140 * DEG; q += 5 * DEG) {
                double dl = (m.length(q + h) - m.length(q - h)) / (2 * h);
                assertEquals(m.momentArm().at(q), -dl, 1e-9, m.name());
                assertEquals(-m.momentArm().at(q) * 2.0, m.velocity(q, 2.0), 1e-15);
            }
        }
    }

    @Test
    void torqueIsSumOfMomentArmTimesForce() {
        JointModel e = JointModels.elbow();
        double[] a = {0.3, 0.2, 0.5, 0.1, 0.05, 0.1, 0.0};
        double q = 60 * DEG;
        for (TendonModel t : TendonModel.values()) {
            double[] f = e.forces(q, 0.5, a, t);
            double[] r = e.momentArms(q);
            double sum = 0;
            for (int i = 0; i < f.length; i++) {
                sum += r[i] * f[i];
                assertEquals(e.muscles().get(i).force(a[i], q, 0.5, t), f[i], 0);
            }
            assertEquals(sum, e.torque(q, 0.5, a, t), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> e.torque(q, 0, new double[3], TendonModel.RIGID));
    }

    @Test
    void elbowMomentArmsHaveTheirSignsAndSizes() {
        JointModel e = JointModels.elbow();
        assertEquals(List.of("BIClong", "BICshort", "BRA", "BRD", "TRIlong", "TRIlat", "TRImed"), e.muscleNames());
        for (double q = 0; q <= 140 * DEG + 1e-9; q += DEG) {
            double[] r = e.momentArms(q);
            for (int i = 0; i < 4; i++) {
                assertTrue(r[i] > 0, e.muscleNames().get(i) + " at " + q / DEG);
            }
            for (int i = 4; i < 7; i++) {
                assertTrue(r[i] < -0.01 && r[i] > -0.03, e.muscleNames().get(i) + " at " + q / DEG);
            }
        }
        double[] r90 = e.momentArms(90 * DEG);
        assertTrue(r90[0] > 0.03 && r90[0] < 0.05, "biceps long head at 90°: " + r90[0]);
        assertTrue(r90[1] > 0.03 && r90[1] < 0.05, "biceps short head at 90°: " + r90[1]);
    }

    @Test
    void elbowMaxIsometricFlexionTorqueAt90DegIsPlausible() {
        JointModel e = JointModels.elbow();
        double[] flexors = {1, 1, 1, 1, 0, 0, 0};
        double rigid = e.torque(90 * DEG, 0, flexors, TendonModel.RIGID);
        double elastic = e.torque(90 * DEG, 0, flexors, TendonModel.ELASTIC);
        // measured maximum isometric elbow flexion torque of adults: about 40-120 N·m at 90°; the model: 85.4
        assertTrue(rigid > 40 && rigid < 120, "rigid: " + rigid);
        assertTrue(elastic > 40 && elastic < 120, "elastic: " + elastic);
        assertEquals(85.4, rigid, 0.1);
        double extension = e.torque(90 * DEG, 0, new double[] {0, 0, 0, 0, 1, 1, 1}, TendonModel.RIGID);
        assertTrue(extension < -25 && extension > -90, "extension: " + extension);
        // relaxed: passive torque only, small
        assertEquals(0, e.torque(90 * DEG, 0, new double[7], TendonModel.RIGID), 1);
    }

    @Test
    void jsonRoundTrip(@TempDir Path dir) throws IOException {
        JointModel e = JointModels.elbow();
        Path f = dir.resolve("elbow.json");
        JointModels.write(e, f);
        JointModel back = JointModels.read(f);
        assertEquals(e.name(), back.name());
        assertEquals(e.muscleNames(), back.muscleNames());
        for (int i = 0; i < e.muscles().size(); i++) {
            assertEquals(e.muscles().get(i), back.muscles().get(i));
        }
        assertEquals(e, back);
    }

    @Test
    void jsonWithDefaultsAndErrors() {
        String json = """
                {"name": "knee", "minAngle": 0, "maxAngle": 2.0,
                 "muscles": [{"name": "VL", "maxIsometricForce": 1870, "optimalFibreLength": 0.084,
                              "tendonSlackLength": 0.157, "pennationAtOptimal": 0.087,
                              "momentArm": [-0.04], "lengthAtZero": 0.24}]}""";
        JointModel k = JointModels.fromJson(json);
        ThelenMuscle m = k.muscles().get(0).muscle();
        assertEquals(ThelenMuscle.of(1870, 0.084, 0.157, 0.087), m);
        assertArrayEquals(new double[] {-0.04}, k.muscles().get(0).momentArm().coefficients(), 0);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> JointModels.fromJson(json.replace("\"tendonSlackLength\": 0.157,", "")));
        assertTrue(x.getMessage().contains("muscle 'VL'") && x.getMessage().contains("tendonSlackLength"),
                x.getMessage());
        x = assertThrows(IllegalArgumentException.class,
                () -> JointModels.fromJson(json.replace("1870", "-5")));
        assertTrue(x.getMessage().contains("maxIsometricForce"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JointModels.fromJson("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> JointModels.fromJson("{\"format\": \"other/2\"}"));
    }

    @Test
    void readNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"name\": \"x\", \"minAngle\": 0, \"maxAngle\": 1}");
        IOException e = assertThrows(IOException.class, () -> JointModels.read(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("muscles"), e.getMessage());
    }
}
