package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;

/** {@code sweep}, {@code sweep status}, {@code sweep collect}: exit codes, resumption, refusals, failed tasks. */
public class SweepCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry().add(new CliTest.Ramp()), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false, "test",
                new AtomicBoolean()).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
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
    void aSweepRunsResumesCollectsAndRefusesAnotherSweep() throws Exception {
        String e = experiment().toString();
        String sw = dir.resolve("sw").toString();
        assertEquals(ExitCodes.OK, run("sweep", e, "--grid", "src.samples=10,20", "--seeds", "1-2", "--out", sw));
        assertTrue(out().contains("4 tasks: 0 complete before, 4 ran, 0 failed"), out());
        assertTrue(Files.isRegularFile(dir.resolve("sw/sweep.json")));
        assertTrue(Files.isDirectory(dir.resolve("sw/cache")), "the shared cache");
        assertEquals(ExitCodes.OK, run("verify", dir.resolve("sw/tasks/t0004").toString()));
        assertEquals(ExitCodes.OK, run("sweep", e, "--grid", "src.samples=10,20", "--seeds", "1-2", "--out", sw));
        assertTrue(out().contains("4 tasks: 4 complete before, 0 ran, 0 failed"), out());
        assertEquals(ExitCodes.OK, run("sweep", "status", sw));
        assertTrue(out().startsWith("4 tasks: 4 done, 0 failed, 0 pending"), out());
        assertEquals(ExitCodes.OK, run("sweep", "collect", sw));
        List<String> csv = Files.readAllLines(dir.resolve("sw/results.csv"));
        assertEquals(5, csv.size());
        assertEquals("task,src.samples,seed,status,seconds,src.signal.mean,src.signal.rms,src.signal.sd",
            csv.get(0));
        assertTrue(csv.get(4).startsWith("t0004,20,2,done,"), csv.get(4));
        // another grid into the same folder: refused, unless --overwrite
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples=10,30", "--out", sw));
        assertTrue(err().contains("holds another sweep"), err());
        assertEquals(ExitCodes.OK, run("sweep", e, "--grid", "src.samples=10,30", "--out", sw, "--overwrite"));
        assertTrue(out().contains("2 tasks: 0 complete before, 2 ran"), out());
        assertFalse(Files.exists(dir.resolve("sw/tasks/t0003")), "the old sweep's tasks are gone");
        assertFalse(Files.exists(dir.resolve("sw/results.csv")), "the old sweep's results are gone");
    }

    @Test
    void invalidSweepsExit2BeforeAnyTask() throws Exception {
        String e = experiment().toString();
        String sw = dir.resolve("sw").toString();
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples=10,0", "--out", sw));
        assertTrue(err().contains("--grid src.samples=0: "), err());
        assertFalse(Files.exists(dir.resolve("sw")), "nothing written");
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--zip", "--grid", "src.samples=10,20", "--grid",
            "src.fail=0,0,0", "--out", sw));
        assertTrue(err().contains("equal lengths"), err());
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples", "--out", sw));
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--seeds", "3-1", "--out", sw));
        assertEquals(ExitCodes.INVALID, run("sweep", "status", dir.resolve("none").toString()));
        assertTrue(err().contains("no such sweep folder"), err());
    }

    @Test
    void aFailedTaskIsReportedWithItsLog() throws Exception {
        String e = experiment().toString();
        String sw = dir.resolve("sw").toString();
        assertEquals(ExitCodes.STEP_FAILED, run("sweep", e, "--grid", "src.fail=0,2", "--out", sw));
        assertTrue(out().contains("2 tasks: 0 complete before, 1 ran, 1 failed"), out());
        assertEquals(ExitCodes.OK, run("sweep", "status", sw));
        assertTrue(out().startsWith("2 tasks: 1 done, 1 failed, 0 pending"), out());
        assertTrue(out().contains("t0002 failed {src.fail=2}:"), out());
        assertTrue(out().contains("solver diverged"), out());
        assertTrue(Files.readString(dir.resolve("sw/tasks/t0002.log")).startsWith("status: STEP_FAILED\nexit: 4\n"));
    }

    @Test
    void aTaskRunsAloneAsAnArrayTaskWouldAndCollectPlots() throws Exception {
        String e = experiment().toString();
        String sw = dir.resolve("sw").toString();
        // the sweep's tasks, run one by one the way each SLURM array task runs them
        assertEquals(ExitCodes.OK, run("sweep", e, "--grid", "src.samples=10,20,40", "--seeds", "1-2", "--out", sw));
        Path other = dir.resolve("sw2");
        assertEquals(ExitCodes.OK, run("sweep", e, "--grid", "src.samples=10,20,40", "--seeds", "1-2", "--out",
            other.toString(), "--parallel", "1"));
        org.myoflow.run.RunFolders.deleteTree(other.resolve("tasks/t0003"));
        assertEquals(ExitCodes.OK, run("sweep", "status", other.toString()));
        assertTrue(out().startsWith("6 tasks: 5 done, 0 failed, 1 pending"), out());
        assertEquals(ExitCodes.OK, run("sweep", "task", other.toString(), "2", "--cache",
            other.resolve("cache").toString(), "--threads", "1"));
        assertTrue(err().contains("sweep task t0003: ok"), err());
        assertEquals(ExitCodes.OK, run("verify", other.resolve("tasks/t0003").toString()));
        // the task's files equal those of the sweep that ran in one process
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("sw/tasks/t0003/src.signal.npy")),
            Files.readAllBytes(other.resolve("tasks/t0003/src.signal.npy"))));
        assertEquals(ExitCodes.INVALID, run("sweep", "task", other.toString(), "6"));
        assertTrue(err().contains("has no task '6' (indices 0-5)"), err());
        assertEquals(ExitCodes.OK, run("sweep", "task", other.toString(), "t0001"));

        // a local sweep has no SLURM job to cancel; SLURM options need --executor slurm
        assertEquals(ExitCodes.INVALID, run("sweep", "cancel", sw));
        assertTrue(err().contains("has no SLURM job"), err());
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples=10", "--cpus", "2", "--out",
            dir.resolve("sw3").toString()));
        assertTrue(err().contains("need --executor slurm"), err());
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples=10", "--executor", "pbs", "--out",
            dir.resolve("sw3").toString()));
        assertEquals(ExitCodes.INVALID, run("sweep", e, "--grid", "src.samples=10", "--executor", "slurm",
            "--mem", "4 GB", "--out", dir.resolve("sw3").toString()));
        assertTrue(err().contains("--mem '4 GB'"), err());

        // collect --plot
        assertEquals(ExitCodes.OK, run("sweep", "collect", sw, "--plot", "src.signal.rms:src.samples"));
        Path svg = dir.resolve("sw/plot-src.signal.rms-vs-src.samples.svg");
        assertTrue(Files.readString(svg).startsWith("<svg"), "the plot");
        assertEquals(6, Files.readString(svg).split("<circle ", -1).length - 1);
        assertEquals(ExitCodes.INVALID, run("sweep", "collect", sw, "--plot", "nope:src.samples"));
        assertTrue(err().contains("no column 'nope'"), err());
    }
}
