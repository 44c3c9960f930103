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
        return OneNodeExperiment.write(dir, "src", "org.myoflow.test.ramp");
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
        // a re-run into the damaged run folder is refused without --overwrite, and replaces it with it
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", a.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("myoflow: the output folder "
                + a.toAbsolutePath().normalize() + " already holds a run: pass --overwrite to replace it"), err.toString());
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", a.toString(), "--overwrite"));
        assertEquals(ExitCodes.OK, run("verify", a.toString()));
        assertEquals(ExitCodes.BAD_DATA, run("verify", dir.toString()));
        out.reset();
        assertEquals(ExitCodes.BAD_DATA, run("verify", a.toString(), dir.toString(), a.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 of 3 run folders rejected"), out.toString());
    }

    @Test
    void anOutThatIsAFileIsRefusedUpFrontEvenWithOverwrite() throws Exception {
        Path file = Files.writeString(dir.resolve("results.txt"), "mine");
        assertEquals(ExitCodes.INVALID, run("run", experiment().toString(), "--out", file.toString(), "--overwrite"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("myoflow: the output folder " + file
                + " exists and is a file, not a folder (--overwrite replaces only earlier run folders)"),
                err.toString());
        assertEquals("mine", Files.readString(file));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Ran"), "nothing ran");
    }

    @Test
    void helpOfEveryCommandExitsZero() {
        for (String[] args : new String[][] { { "--help" }, { "-h" }, { "run", "--help" }, { "run", "-h" },
            { "validate", "--help" }, { "verify", "--help" }, { "steps", "--help" }, { "demo", "--help" },
            { "bench", "--help" }, { "models", "--help" }, { "models", "import", "--help" }, { "train", "--help" },
            { "inspect", "--help" }, { "convert", "--help" } }) {
            out.reset();
            assertEquals(ExitCodes.OK, run(args), String.join(" ", args) + ": " + err);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: myoflow"), String.join(" ", args));
        }
        out.reset();
        assertEquals(ExitCodes.OK, run("run", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--overwrite"), out.toString());
    }

    @Test
    void threadsAreBoundedByTheMachine() throws Exception {
        Path e = experiment();
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", dir.resolve("t").toString(), "--threads",
                "1000000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("myoflow: warning: --threads 1000000 is more than "
                + "the " + cpus + " processors of this machine; using " + cpus), err.toString());
        String runJson = Files.readString(dir.resolve("t/run.json"));
        assertTrue(runJson.contains("\"threads\": " + cpus), runJson);
        err.reset();
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", dir.resolve("u").toString(), "--threads",
                "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--threads must be at least 1 (got 0)"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("u")));
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
