package org.myoflow.musculoskeletal.internal;

import org.myoflow.musculoskeletal.opensim.OpenSimModelTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.musculoskeletal.internal.OpenSimCommandTest.Run;

/** {@code ./myoflow opensim so}: files, columns, options and exit codes on OpenSim's walking example. */
public class OpenSimSoCommandTest {

    static final Path DATA = Path.of("data", "opensim");
    static final String MODEL = OpenSimModelTest.WALK.resolve("subject_walk_scaled.osim").toString();
    static final String PATHS = OpenSimModelTest.WALK.resolve("subject_walk_scaled_FunctionBasedPathSet.xml").toString();
    static final String COORDS = OpenSimModelTest.WALK.resolve("walk_coordinates_100Hz.sto").toString();
    static final String ID = OpenSimModelTest.WALK.resolve("walk_id_100Hz.sto").toString();

    @Test
    void writesActivationsForcesAndReserves(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("so.sto");
        Run r = OpenSimCommandTest.run("so", MODEL, COORDS, ID, "--paths", PATHS, "--allow-missing", "--out",
                out.toString(), "--stride", "5", "--start", "0.5", "--end", "1.5");
        assertEquals(CommandContribution.OK, r.rc(), r.err());
        assertTrue(r.err().contains("mtp_angle_r"), r.err());
        assertTrue(r.out().startsWith("21 rows, 80 muscles") && r.out().contains("knee_angle_r"), r.out());
        List<String[]> act = OpenSimCommandTest.table(out);
        assertEquals(81, act.get(0).length);
        assertEquals("soleus_r", act.get(0)[1 + List.of(act.get(0)).subList(1, 81).indexOf("soleus_r")]);
        assertEquals(22, act.size());
        assertEquals(0.5, Double.parseDouble(act.get(1)[0]), 1e-12);
        for (String[] row : act.subList(1, act.size())) {
            for (int i = 1; i < row.length; i++) {
                double a = Double.parseDouble(row[i]);
                assertTrue(a >= 0 && a <= 1, act.get(0)[i] + " " + a);
            }
        }
        List<String[]> force = OpenSimCommandTest.table(dir.resolve("so_force.sto"));
        assertTrue(List.of(force.get(0)).contains("reserve_knee_angle_r")
                && List.of(force.get(0)).contains("reserve_pelvis_ty"), String.join(",", force.get(0)));
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws IOException {
        String out = dir.resolve("so.sto").toString();
        Run missing = OpenSimCommandTest.run("so", MODEL, COORDS, ID, "--paths", PATHS, "--out", out);
        assertEquals(CommandContribution.BAD_DATA, missing.rc());
        assertTrue(missing.err().contains("mtp_angle_r"), missing.err());
        Path id = dir.resolve("id.sto");
        Files.writeString(id, Files.readString(Path.of(ID)).replace("knee_angle_r_moment", "knee_r_moment"));
        Run noColumn = OpenSimCommandTest.run("so", MODEL, COORDS, id.toString(), "--paths", PATHS,
                "--allow-missing", "--out", out);
        assertEquals(CommandContribution.BAD_DATA, noColumn.rc());
        assertTrue(noColumn.err().contains("knee_angle_r_moment") && noColumn.err().contains("id.sto"),
                noColumn.err());
        Run reserve = OpenSimCommandTest.run("so", MODEL, COORDS, ID, "--out", out, "--reserve", "0");
        assertEquals(CommandContribution.INVALID, reserve.rc());
        assertTrue(reserve.err().contains("reserveOptimalForce"), reserve.err());
        Run noOut = OpenSimCommandTest.run("so", MODEL, COORDS, ID);
        assertEquals(CommandContribution.INVALID, noOut.rc());
        Run noFile = OpenSimCommandTest.run("so", MODEL, COORDS, dir.resolve("nope.sto").toString(), "--out", out);
        assertEquals(CommandContribution.BAD_DATA, noFile.rc());
        assertTrue(noFile.err().contains("inverse-dynamics file"), noFile.err());
    }
}
