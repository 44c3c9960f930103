package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code myoflow convert}: C3D EMG to EDF+/BDF+, a BIDS dataset that {@code inspect} lists, CSV; bad input. */
class ConvertCommandTest {

    private static final Path DATA = Path.of("..", "org.myoflow.io.tests", "data", "real");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .execute(args);
    }

    private JsonObject inspect(Path p) {
        assertEquals(ExitCodes.OK, run("inspect", p.toString(), "--json"), err.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void c3dEmgToEdfAndBdfWithSidecar() throws Exception {
        Path c3d = DATA.resolve("c3dio/sample_30/emgwl.c3d");
        Path edf = dir.resolve("emg.edf");
        assertEquals(ExitCodes.OK, run("convert", c3d.toString(), edf.toString()),
                err.toString(StandardCharsets.UTF_8));
        JsonObject side = JsonParser.parseString(Files.readString(dir.resolve("emg.json"))).getAsJsonObject();
        assertEquals("EDF+", side.get("format").getAsString());
        JsonArray q = side.getAsJsonArray("quantisation");
        JsonObject o = inspect(edf);
        assertEquals("edf+", o.get("format").getAsString());
        JsonObject s = o.getAsJsonArray("signals").get(0).getAsJsonObject();
        assertEquals(1600.0, s.get("samplingRate").getAsDouble());
        assertEquals(16032, s.get("samples").getAsInt());
        assertEquals(q.size(), s.getAsJsonArray("labels").size());
        assertEquals("MG-1", s.getAsJsonArray("labels").get(0).getAsString());

        Path bdf = dir.resolve("emg.bdf");
        assertEquals(ExitCodes.OK, run("convert", c3d.toString(), bdf.toString(), "--channels", "MG-1,MG-2"));
        JsonObject b = inspect(bdf);
        assertEquals("bdf+", b.get("format").getAsString());
        assertEquals(2, b.getAsJsonArray("signals").get(0).getAsJsonObject().getAsJsonArray("labels").size());
    }

    @Test
    void toBidsThenInspectListsTheRecordings() throws Exception {
        Path c3d = DATA.resolve("c3dio/sample_30/emgwl.c3d");
        Path ds = dir.resolve("dataset");
        assertEquals(ExitCodes.OK, run("convert", c3d.toString(), ds.toString(), "--subject", "07", "--task",
                "walk", "--run", "2", "--kind", "emg"), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.OK, run("convert", c3d.toString(), ds.toString(), "--subject", "08", "--task",
                "walk", "--session", "b", "--kind", "emg", "--bdf"));
        JsonObject o = inspect(ds);
        assertEquals("bids", o.get("format").getAsString());
        JsonArray recs = o.getAsJsonArray("recordings");
        assertEquals(2, recs.size());
        JsonObject r0 = recs.get(0).getAsJsonObject();
        assertEquals("sub-07/emg/sub-07_task-walk_run-2_emg.edf", r0.get("file").getAsString());
        assertEquals("07", r0.get("subject").getAsString());
        assertEquals("2", r0.get("run").getAsString());
        assertEquals("b", recs.get(1).getAsJsonObject().get("session").getAsString());
        assertEquals(ExitCodes.OK, run("inspect", ds.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 EMG recording(s)"));
        // a data file of the dataset reads with its channel table
        JsonObject f = inspect(ds.resolve("sub-07/emg/sub-07_task-walk_run-2_emg.edf"));
        assertEquals("bids-emg", f.get("format").getAsString());
        assertEquals("emg", f.getAsJsonArray("signals").get(0).getAsJsonObject().getAsJsonArray("kinds").get(0)
                .getAsString());
        // and converts on to CSV
        Path csv = dir.resolve("walk.csv");
        assertEquals(ExitCodes.OK, run("convert", ds.resolve("sub-07/emg/sub-07_task-walk_run-2_emg.edf")
                .toString(), csv.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readAllLines(csv).get(0).contains("MG-1"));
    }

    @Test
    void c3dToMatAndBack() {
        Path c3d = DATA.resolve("c3dio/sample_30/emgwl.c3d");
        Path mat = dir.resolve("emg.mat");
        assertEquals(ExitCodes.OK, run("convert", c3d.toString(), mat.toString(), "--channels", "MG-1,MG-2"),
                err.toString(StandardCharsets.UTF_8));
        JsonObject o = inspect(mat);
        assertEquals("mat", o.get("format").getAsString());
        JsonObject s = o.getAsJsonArray("signals").get(0).getAsJsonObject();
        assertEquals("data", s.get("name").getAsString());
        assertEquals(1600.0, s.get("samplingRate").getAsDouble());
        assertEquals(16032, s.get("samples").getAsInt());
        assertEquals("MG-2", s.getAsJsonArray("labels").get(1).getAsString());
    }

    @Test
    void badInputAndUnknownFormat() throws Exception {
        Path bad = dir.resolve("bad.edf");
        Files.writeString(bad, "0       garbage");
        assertEquals(ExitCodes.BAD_DATA, run("convert", bad.toString(), dir.resolve("x.bdf").toString()));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.startsWith("myoflow: " + bad + ": byte "), e);
        assertEquals(1, e.lines().count());
        assertEquals(ExitCodes.INVALID, run("convert", bad.toString(), dir.resolve("x.xyz").toString()));
        assertEquals(ExitCodes.BAD_DATA, run("inspect", bad.toString()));
    }
}
