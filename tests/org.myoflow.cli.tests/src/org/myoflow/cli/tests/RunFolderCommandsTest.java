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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;

/** {@code run} publishes complete run folders (checked by {@code verify}) and never replaces a user's folder. */
public class RunFolderCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new SimpleStepRegistry().add(new CliTest.Ramp()), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, "test",
                new AtomicBoolean()).execute(args);
    }

    private Path experiment() throws Exception {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="src" stepId="org.myoflow.test.ramp" stepVersion="1.0.0"/>
                  </pipelines>
                </myoflow:Experiment>
                """);
        return f;
    }

    @Test
    void verifyAcceptsAPublishedFolderAndRefusesAnAlteredOne() throws Exception {
        Path e = experiment();
        Path a = dir.resolve("runs/a");
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", a.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Ran 'p' (1 nodes) in "), out.toString());
        assertEquals(ExitCodes.OK, run("verify", a.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("complete"));
        try (Stream<Path> s = Files.list(a.getParent())) {
            assertEquals(1, s.count(), "no temporary folder next to the run folder");
        }
        Path npy = a.resolve("src.signal.npy");
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(ExitCodes.BAD_DATA, run("verify", a.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("src.signal.npy does not match its SHA-256"),
                err.toString());
        // a re-run into the damaged run folder replaces it with a complete one
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", a.toString()));
        assertEquals(ExitCodes.OK, run("verify", a.toString()));
        assertEquals(ExitCodes.BAD_DATA, run("verify", dir.toString()));
    }

    @Test
    void anExistingFolderThatIsNotARunFolderIsRefused() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        assertEquals(ExitCodes.INVALID, run("run", experiment().toString(), "--out", mine.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a run folder"), err.toString());
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
        assertFalse(Files.exists(mine.resolve("run.json")));
    }
}
