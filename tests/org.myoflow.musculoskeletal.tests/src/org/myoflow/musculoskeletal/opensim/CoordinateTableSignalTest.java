package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/**
 * {@link CoordinateTable#of}: the coordinates of a signal (a dataset trial's kinematics) equal those of the file it
 * came from read with {@link CoordinateTable#read}; degrees are converted per channel; a missing coordinate is named.
 */
class CoordinateTableSignalTest {

    static final Path GAIT = Path.of("..", "..", "examples", "data", "gait2392");

    /** The ik.sto of walk36 as a signal: its columns in degrees (the file says inDegrees=yes), 50 Hz from t = 0. */
    static Signal signal(String unit, String drop) {
        StorageTable t = StorageTable.read(GAIT.resolve("walk36/ik.sto"), false);
        double rate = 1 / (t.rows().get(1)[0] - t.rows().get(0)[0]);
        Signal.Builder b = Signal.builder(rate).startTime(t.rows().get(0)[0]).quantity("angle");
        for (int c = 1; c < t.labels().size(); c++) {
            if (t.labels().get(c).equals(drop)) {
                continue;
            }
            double[] v = new double[t.rows().size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = t.rows().get(r)[c];
            }
            b.channel(t.labels().get(c), unit, v);
        }
        return b.build();
    }

    @Test
    void signalGivesTheFilesCoordinates() {
        OpenSimModel model = OpenSimModel.read(GAIT.resolve("gait2392.osim"));
        CoordinateTable file = CoordinateTable.read(GAIT.resolve("walk36/ik.sto"), model, true);
        CoordinateTable sig = CoordinateTable.of(signal("deg", ""), model, true, "kinematics");
        assertEquals(file.rows(), sig.rows());
        assertEquals(file.missing(), sig.missing());
        assertTrue(sig.inDegrees());
        for (int r : new int[] {0, 1, 700, file.rows() - 1}) {
            assertEquals(file.time(r), sig.time(r), 1e-9);
            assertArrayEquals(file.values(r), sig.values(r), 1e-12);
            assertArrayEquals(file.speeds(r), sig.speeds(r), 1e-6);
        }
        int knee = model.coordinateIndex("knee_angle_r");
        assertEquals(-9.03192846 * Math.PI / 180, sig.values(0)[knee], 1e-12);
        // channels in rad are taken as they are
        CoordinateTable rad = CoordinateTable.of(signal("rad", ""), model, true, "kinematics");
        assertEquals(-9.03192846, rad.values(0)[knee], 1e-12);
        // without allowMissing the coordinates the signal lacks are named
        DataException e = assertThrows(DataException.class,
                () -> CoordinateTable.of(signal("deg", "knee_angle_r"), model, false, "trial 1, role 'kinematics'"));
        assertTrue(e.getMessage().startsWith("trial 1, role 'kinematics': no channel for model coordinates ")
                && e.getMessage().contains("knee_angle_r"), e.getMessage());
        CoordinateTable lacking = CoordinateTable.of(signal("deg", "knee_angle_r"), model, true, "kinematics");
        assertTrue(lacking.missing().contains("knee_angle_r"));
        assertEquals(List.of(), file.missing().stream().filter(c -> c.equals("knee_angle_r")).toList());
    }
}
