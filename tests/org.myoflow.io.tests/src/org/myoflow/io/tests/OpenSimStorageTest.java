package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.io.OpenSimStorage;

class OpenSimStorageTest {

    /** An inverse-kinematics result as OpenSim 4 writes it (fixed-width numbers, notes in the header). */
    private static final String IK_MOT = """
            Coordinates
            version=1
            nRows=3
            nColumns=4
            inDegrees=yes

            Units are S.I. units (second, meters, Newtons, ...)
            If the header above contains a line with 'inDegrees', this indicates whether rotational values are in \
            degrees (yes) or radians (no).

            endheader
            time\tpelvis_tilt\tpelvis_tx\tknee_angle_r\t
                  0.50000000\t     -3.12500000\t      0.01234567\t    -12.00000000
                  0.51000000\t     -3.25000000\t      0.02234567\t    -12.50000000
                  0.52000000\t     -3.37500000\t      0.03234567\t    -13.00000000
            """;

    @TempDir
    Path dir;

    @Test
    void readsAFileAsOpenSimWritesIt() throws Exception {
        Path f = Fixtures.write(dir, "subject01_ik.mot", IK_MOT);
        OpenSimStorage.Contents c = OpenSimStorage.readContents(f);
        assertEquals("Coordinates", c.name());
        assertEquals("yes", c.header().get("inDegrees"));
        assertEquals(List.of("version", "nRows", "nColumns", "inDegrees"), List.copyOf(c.header().keySet()));
        assertEquals(2, c.notes().size());
        Signal s = c.signal();
        assertEquals(List.of("pelvis_tilt", "pelvis_tx", "knee_angle_r"), s.labels());
        assertEquals(List.of("deg", "m", "deg"), s.units());
        assertEquals(100, s.samplingRate(), 1e-9);
        assertEquals(0.5, s.startTime(), 0);
        assertEquals(3, s.sampleCount());
        assertEquals(-3.25, s.get(0, 1), 1e-12);
        assertEquals(0.03234567, s.get(1, 2), 1e-12);
        assertEquals(-13.0, s.get(2, 2), 1e-12);
    }

    @Test
    void activationStoHasNoUnitsAndCoordinatesInRadiansSayRad() throws Exception {
        Path sto = Fixtures.write(dir, "so_activation.sto", """
                Static Optimization
                version=1
                nRows=2
                nColumns=3
                inDegrees=no
                endheader
                time\tsoleus_r\ttib_ant_r
                0.0\t0.01\t0.02
                0.01\t0.03\t0.04
                """);
        assertEquals(List.of("", ""), OpenSimStorage.read(sto).units());
        Path mot = Fixtures.write(dir, "q.mot", "q\nversion=1\ninDegrees=no\nendheader\ntime hip_flexion_r "
                + "ground_force_vy\n0 0.1 700\n0.01 0.2 710\n");
        assertEquals(List.of("rad", ""), OpenSimStorage.read(mot).units());
    }

    @Test
    void stoRoundTrip() {
        Signal s = Fixtures.twoChannels("");
        Path f = dir.resolve("exc.sto");
        OpenSimStorage.write(s, f);
        Signal r = OpenSimStorage.read(f);
        Fixtures.assertSameSamples(s, r, 0);
        assertEquals(List.of("", ""), r.units());
    }

    @Test
    void motRoundTripKeepsDegrees() throws Exception {
        Signal s = Fixtures.twoChannels("deg");
        Path f = dir.resolve("kin.mot");
        OpenSimStorage.write(s, f);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("kin\nversion=1\nnRows=50\nnColumns=3\ninDegrees=yes\nendheader\n"
                + "time\tbiceps\ttriceps\n0.25\t"), text.substring(0, 120));
        Signal r = OpenSimStorage.read(f);
        Fixtures.assertSameSamples(s, r, 0);
        assertEquals(List.of("deg", "deg"), r.units());
    }

    @Test
    void motRoundTripInRadians() throws Exception {
        Signal s = Fixtures.twoChannels("rad");
        Path f = dir.resolve("kin_rad.mot");
        OpenSimStorage.write(s, f);
        assertTrue(Files.readString(f).contains("inDegrees=no\n"));
        assertEquals(List.of("rad", "rad"), OpenSimStorage.read(f).units());
    }

    @Test
    void degreesAndRadiansCannotShareAFile() {
        Signal s = Signal.builder(100).channel("a", "deg", new double[] { 1 }).channel("b", "rad", new double[] { 1 })
                .build();
        DataException e = assertThrows(DataException.class, () -> OpenSimStorage.write(s, dir.resolve("m.mot")));
        assertTrue(e.getMessage().contains("m.mot"), e.getMessage());
    }

    @Test
    void variableStepOutputIsResampled() throws Exception {
        Path f = Fixtures.write(dir, "forward_states.sto", """
                states
                version=1
                nRows=5
                nColumns=2
                inDegrees=no
                endheader
                time\tactivation
                0.0\t0
                0.01\t1
                0.025\t4
                0.03\t2
                0.04\t3
                """);
        Signal s = OpenSimStorage.read(f);
        assertEquals(100, s.samplingRate(), 1e-9);
        assertEquals(5, s.sampleCount());
        double[] expected = { 0, 1, 3, 2, 3 }; // 0.02 s lies 2/3 of the way from (0.01, 1) to (0.025, 4)
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.get(0, i), 1e-9, "sample " + i);
        }
    }

    @Test
    void readTableKeepsTheRowsAsWritten() throws Exception {
        Path f = dir.resolve("ik.mot");
        Files.writeString(f, IK_MOT, StandardCharsets.UTF_8);
        OpenSimStorage.Table t = OpenSimStorage.readTable(f);
        assertEquals("Coordinates", t.name());
        assertEquals(List.of("time", "pelvis_tilt", "pelvis_tx", "knee_angle_r"), t.labels());
        assertEquals(List.of("s", "deg", "m", "deg"), t.units());
        assertTrue(t.inDegrees());
        assertEquals(3, t.rows().length);
        assertEquals(0.51, t.rows()[1][0], 0);
        assertEquals(-12.5, t.rows()[1][3], 0);
        assertEquals(13, t.lines()[1], "the line of the second row (the header text line continues with a backslash)");
        // non-uniform times (a variable-step integrator's output) stay as written; readContents resamples them
        Path g = dir.resolve("states.sto");
        Files.writeString(g, "states\nversion=1\ninDegrees=no\nendheader\ntime\ta\n0\t1\n0.01\t2\n0.03\t4\n"
                + "0.04\t5\n", StandardCharsets.UTF_8);
        OpenSimStorage.Table u = OpenSimStorage.readTable(g);
        assertEquals(0.03, u.rows()[2][0], 0);
        assertEquals(4, u.column(1)[2], 0);
        Signal resampled = OpenSimStorage.read(g);
        assertEquals(5, resampled.sampleCount());
        assertEquals(3, resampled.channel(0)[2], 1e-12);
        // no data rows: named
        Path h = dir.resolve("empty.sto");
        Files.writeString(h, "e\nendheader\ntime\ta\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> OpenSimStorage.readTable(h));
        assertTrue(e.getMessage().contains("empty.sto: no data rows"), e.getMessage());
    }
}
