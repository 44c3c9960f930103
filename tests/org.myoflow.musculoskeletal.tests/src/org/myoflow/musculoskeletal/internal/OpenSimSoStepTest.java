package org.myoflow.musculoskeletal.internal;

import org.myoflow.musculoskeletal.opensim.OpenSimModelTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.Configuration;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;

/** The step org.myoflow.musculoskeletal.opensim-static-optimisation: contract and output on the walking example. */
class OpenSimSoStepTest {

    static final Path DATA = Path.of("data", "opensim");
    static final Path MODEL = OpenSimModelTest.WALK.resolve("subject_walk_scaled.osim");
    static final Path PATHS = OpenSimModelTest.WALK.resolve("subject_walk_scaled_FunctionBasedPathSet.xml");
    static final Path COORDS = OpenSimModelTest.WALK.resolve("walk_coordinates_100Hz.sto");
    static final Path ID = OpenSimModelTest.WALK.resolve("walk_id_100Hz.sto");

    StepHarness harness() {
        return StepHarness.of(new OpenSimStaticOptimisationStep()).param("model", MODEL.toString()).param("paths", PATHS.toString())
                .param("coordinates", COORDS.toString()).param("moments", ID.toString());
    }

    @Test
    void declaresOneActivationChannelPerMuscleAndNamesMissingFiles() {
        Configuration c = harness().configure();
        assertEquals(List.of(), c.problems());
        assertEquals(80, c.spec("test", "activation").orElseThrow().channelCount());
        assertTrue(c.spec("test", "reserve").orElseThrow().channelLabels().contains("knee_angle_r"));
        c = harness().param("moments", DATA.resolve("nothing.sto").toString()).configure();
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).subject().contains("moments")
                && c.problems().get(0).message().contains("nothing.sto"), c.problems().toString());
    }

    @Test
    void outputsEqualTheApi() throws Exception {
        Map<String, Data> out = harness().param("allowMissing", true).param("stride", 5).run();
        Signal a = (Signal) out.get("activation");
        assertEquals(27, a.sampleCount());
        assertEquals(20, a.samplingRate(), 1e-9);
        assertEquals(0.45, a.startTime(), 1e-12);
        OpenSimModel m = OpenSimModel.read(MODEL, PATHS);
        var r = OpenSimStaticOptimisation.solve(m, CoordinateTable.read(COORDS, m, true),
                OpenSimStaticOptimisation.Moments.read(ID, m),
                OpenSimStaticOptimisation.Options.defaults().withStride(5));
        double[] soleus = r.activation("soleus_r");
        for (int t = 0; t < soleus.length; t++) {
            assertEquals(soleus[t], a.channel("soleus_r")[t], 0);
        }
        Signal res = (Signal) out.get("reserve");
        assertEquals(r.reserve("pelvis_ty")[3], res.channel("pelvis_ty")[3], 0);
        assertEquals(0, res.channel("mtp_angle_r")[3], 0);
        // without allowMissing the missing mtp coordinates are a data error naming them
        DataException e = assertThrows(DataException.class, () -> harness().param("stride", 5).run());
        assertTrue(e.getMessage().contains("mtp_angle_r"), e.getMessage());
    }

    /** One leg of gait2392 (examples/data/gait2392): no function-based paths, a muscle pattern and coordinate subset. */
    @Test
    void oneLegOfGait2392WithoutPathSet() throws Exception {
        Path g = Path.of("..", "..", "examples", "data", "gait2392");
        StepHarness h = StepHarness.of(new OpenSimStaticOptimisationStep())
                .param("model", g.resolve("gait2392.osim").toString())
                .param("coordinates", g.resolve("walk36/ik.sto").toString())
                .param("moments", g.resolve("walk36/id.sto").toString()).param("allowMissing", true)
                .param("muscles", "*_r").param("balancedCoordinates", "hip_flexion_r,knee_angle_r,ankle_angle_r")
                .param("stride", 25);
        Configuration c = h.configure();
        assertEquals(List.of(), c.problems());
        assertEquals(46, c.spec("test", "activation").orElseThrow().channelCount());
        assertEquals(List.of("hip_flexion_r", "knee_angle_r", "ankle_angle_r"),
                c.spec("test", "reserve").orElseThrow().channelLabels());
        Map<String, Data> out = h.run();
        Signal a = (Signal) out.get("activation");
        assertEquals(60, a.sampleCount());
        assertEquals(46, a.channelCount());
        Signal res = (Signal) out.get("reserve");
        assertEquals(3, res.channelCount());
        double rms = 0;
        for (double v : res.channel("knee_angle_r")) {
            rms += v * v / res.sampleCount();
        }
        assertTrue(Math.sqrt(rms) < 0.5, "the right-leg muscles carry the walking knee moment: reserve rms "
                + Math.sqrt(rms));
        Configuration bad = h.param("muscles", "*_x").configure();
        assertTrue(bad.problems().toString().contains("*_x"), bad.problems().toString());
    }
}
