package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code myoflow inspect}: the real recordings of the io tests, and a broken file (exit 3, one line). */
class InspectCommandTest {

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

    @Test
    void jsonOfAC3dWithEmg() {
        Path f = DATA.resolve("c3dio/sample_30/emgwl.c3d");
        assertEquals(ExitCodes.OK, run("inspect", f.toString(), "--json"));
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("c3d", o.get("format").getAsString());
        JsonArray signals = o.getAsJsonArray("signals");
        assertEquals(1, signals.size());
        JsonObject a = signals.get(0).getAsJsonObject();
        assertEquals("analog", a.get("name").getAsString());
        assertEquals(1600.0, a.get("samplingRate").getAsDouble());
        assertEquals(16032, a.get("samples").getAsInt());
        assertEquals("MG-1", a.getAsJsonArray("labels").get(0).getAsString());
        assertEquals("Volt", a.getAsJsonArray("units").get(0).getAsString());
        assertEquals("emg", a.getAsJsonArray("kinds").get(0).getAsString());
    }

    @Test
    void textOfATrignoExport() {
        Path f = DATA.resolve("emgio/truncated_trigno_sample.csv");
        assertEquals(ExitCodes.OK, run("inspect", f.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("delsys-csv"), text);
        assertTrue(text.contains("signal emg: 2 channels, 1259.259 Hz, 2519 samples"), text);
        assertTrue(text.contains("signal aux: 12 channels, 148.1481 Hz, 297 samples"), text);
        assertTrue(text.contains("warning: "), text);
    }

    @Test
    void brokenFileExitsWithThreeAndOneLine() throws Exception {
        byte[] b = Files.readAllBytes(DATA.resolve("c3dio/sample_02/pc_int.c3d"));
        Path f = dir.resolve("cut.c3d");
        Files.write(f, java.util.Arrays.copyOf(b, 20000));
        assertEquals(ExitCodes.BAD_DATA, run("inspect", f.toString()));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.startsWith("myoflow: " + f + ": byte "), e);
        assertFalse(e.contains("\n"), e);
        assertFalse(e.contains("Exception"), e);
    }
}
