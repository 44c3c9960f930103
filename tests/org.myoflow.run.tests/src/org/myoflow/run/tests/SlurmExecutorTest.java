package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.run.RunOutcome.Status;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.slurm.SlurmClient;
import org.myoflow.run.slurm.SlurmException;
import org.myoflow.run.slurm.SlurmResources;
import org.myoflow.run.sweep.LocalExecutor;
import org.myoflow.run.sweep.SlurmExecutor;
import org.myoflow.run.sweep.Sweep;
import org.myoflow.run.sweep.SweepResults;
import org.myoflow.run.sweep.SweepTask;

/**
 * The SLURM executor against fake {@code sbatch}/{@code squeue}/{@code scancel} scripts: the job script, the array
 * of just the incomplete tasks, jobs.json, the states from squeue and the folders, cancel; the test itself plays
 * the cluster by running the submitted indices through {@link LocalExecutor#runOne}, as {@code sweep task} does.
 */
public class SlurmExecutorTest {

    @TempDir
    Path dir;

    private final RunService service = new RunService(new SimpleStepRegistry().add(new RunServiceTest.Ramp()));

    private Path bin;

    private void fake(String name, String body) throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve(name + ".args") + "'\n" + body
                + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** squeue prints the lines of dir/queue.txt of the job it is asked about (absent: nothing queued). */
    private void cluster() throws Exception {
        fake("sbatch", "n=$(cat '" + dir.resolve("next") + "' 2>/dev/null || echo 500); echo $((n + 1)) > '"
                + dir.resolve("next") + "'; echo \"$n;dev\"");
        fake("squeue", "grep \"^$4|\" '" + dir.resolve("queue.txt") + "' 2>/dev/null; exit 0");
        fake("scancel", "grep -v \"^$1|\" '" + dir.resolve("queue.txt") + "' > '" + dir.resolve("q2")
                + "'; mv '" + dir.resolve("q2") + "' '" + dir.resolve("queue.txt") + "'");
    }

    private RunRequest base(SweepTask t) {
        return new RunRequest().experimentFile(dir.resolve("e.myoflow")).platform("test").threads(1);
    }

    private List<String> sbatchArgs() throws Exception {
        return Files.readAllLines(dir.resolve("sbatch.args"));
    }

    @Test
    void submitsOneArrayOfTheIncompleteTasksAndResubmitsOnlyTheMissingOnes() throws Exception {
        cluster();
        Map<String, List<String>> g = new LinkedHashMap<>();
        Sweep.parseGrid("a.samples=10,20", g);
        Sweep.parseGrid("b.fail=0,2", g);
        Sweep s = Sweep.expand(RampExperiment.write(dir, "a", "b"), null, g, List.of(1L, 2L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        SlurmExecutor ex = new SlurmExecutor(new SlurmClient(bin + ":" + System.getenv("PATH")));
        SlurmResources res = new SlurmResources(2, "1G", "10", null, null, List.of("--qos=short"));
        List<String> cmd = List.of("/opt/my flow/myoflow", "sweep", "task", out.toString());

        SlurmExecutor.Submission first = ex.submit(s, out, cmd, res, "myoflow-sw");
        assertEquals("500", first.jobId());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), first.indices());
        List<String> args = sbatchArgs();
        assertEquals(List.of("--parsable", "--array=0-7", "--qos=short", "--cpus-per-task=2", "--mem=1G",
            "--time=10", out.resolve("slurm/job-1.sh").toString()), args);
        String script = Files.readString(out.resolve("slurm/job-1.sh"));
        assertTrue(script.startsWith("#!/bin/bash\n#SBATCH --job-name=myoflow-sw\n#SBATCH --output="
            + out.resolve("slurm") + "/%A_%a.out\n#SBATCH --qos=short\n#SBATCH --cpus-per-task=2\n"), script);
        assertTrue(script.contains("\nexec '/opt/my flow/myoflow' sweep task " + out + " \"$SLURM_ARRAY_TASK_ID\"\n"),
            script);
        assertEquals(List.of(first.jobId()), SlurmExecutor.submissions(out).stream()
            .map(SlurmExecutor.Submission::jobId).toList());

        // while squeue lists tasks: queued/running, and a second submission is refused
        Files.writeString(dir.resolve("queue.txt"), "500|0|RUNNING|None\n500|1|PENDING|Resources\n");
        List<SweepResults.TaskState> st = ex.states(s, out);
        assertEquals(SweepResults.State.RUNNING, st.get(0).state());
        assertEquals(SweepResults.State.QUEUED, st.get(1).state());
        SlurmException busy = assertThrows(SlurmException.class, () -> ex.submit(s, out, cmd, res, "x"));
        assertEquals(2, busy.exitCode());
        assertTrue(busy.getMessage().contains("job 500 of this sweep still has 2 task(s)"), busy.getMessage());
        Files.delete(dir.resolve("queue.txt"));

        // the "cluster" runs tasks 0..5 (b.fail=2 fails tasks 2, 3, 6, 7); 6 and 7 never start
        LocalExecutor local = new LocalExecutor(service, 1);
        for (int i = 0; i < 6; i++) {
            local.runOne(s, s.tasks().get(i), out, base(s.tasks().get(i)), new AtomicBoolean());
            Files.writeString(out.resolve("slurm/500_" + i + ".out"), "myoflow-task 500_" + i + " start\n");
        }
        st = ex.states(s, out);
        assertEquals(SweepResults.State.DONE, st.get(0).state());
        assertEquals(SweepResults.State.FAILED, st.get(2).state());
        assertTrue(st.get(2).log().get(0).equals("status: STEP_FAILED"), st.get(2).log().toString());
        assertTrue(st.get(2).log().contains("myoflow-task 500_2 start"), st.get(2).log().toString());
        // a task that never started: failed, and its log says so
        assertEquals(SweepResults.State.FAILED, st.get(6).state());
        assertTrue(st.get(6).log().get(st.get(6).log().size() - 1).contains("never started"), st.get(6).log()
            .toString());

        // resubmission: only the tasks without a complete run folder
        SlurmExecutor.Submission second = ex.submit(s, out, cmd, res, "myoflow-sw");
        assertEquals("501", second.jobId());
        assertEquals(List.of(2, 3, 6, 7), second.indices());
        assertTrue(sbatchArgs().contains("--array=2-3,6-7"), sbatchArgs().toString());
        assertTrue(Files.isRegularFile(out.resolve("slurm/job-2.sh")));
        assertEquals(2, SlurmExecutor.submissions(out).size());

        // cancel: scancel on the job with tasks, recorded; its tasks are pending afterwards, not failed
        Files.writeString(dir.resolve("queue.txt"), "501|6|RUNNING|None\n501|7|PENDING|Priority\n");
        Map<String, List<SlurmClient.Task>> cancelled = ex.cancel(out);
        assertEquals(List.of("501"), List.copyOf(cancelled.keySet()));
        assertEquals(2, cancelled.get("501").size());
        assertEquals(List.of("501"), Files.readAllLines(dir.resolve("scancel.args")));
        assertTrue(SlurmExecutor.submissions(out).get(1).cancelled());
        st = ex.states(s, out);
        assertEquals(SweepResults.State.PENDING, st.get(6).state());
        assertEquals(Map.of(), ex.cancel(out), "nothing left to cancel");

        // all complete: nothing to submit
        Sweep ok = Sweep.expand(dir.resolve("e.myoflow"), null, Map.of("a.samples", List.of("10", "20")), List.of(),
            false);
        Path out2 = dir.resolve("ok");
        ok.write(out2);
        for (SweepTask t : ok.tasks()) {
            assertEquals(Status.OK, local.runOne(ok, t, out2, base(t), new AtomicBoolean()));
        }
        assertNull(ex.submit(ok, out2, cmd, res, "ok"));
    }

    @Test
    void plotsAFigureAgainstAParameter() throws Exception {
        Map<String, List<String>> g = new LinkedHashMap<>();
        Sweep.parseGrid("a.samples=10,20,40", g);
        Sweep s = Sweep.expand(RampExperiment.write(dir, "a"), null, g, List.of(1L, 2L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        new LocalExecutor(service, 1).run(s, out, this::base, new AtomicBoolean(), l -> {
        });
        Path svg = SweepResults.plot(s, out, "a.signal.mean", "a.samples");
        assertEquals(out.resolve("plot-a.signal.mean-vs-a.samples.svg"), svg);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg "), text);
        assertEquals(6, text.split("<circle ", -1).length - 1, "one dot per task");
        // the mean line has one point per parameter value
        String points = text.substring(text.indexOf("points=\"") + 8);
        points = points.substring(0, points.indexOf('"'));
        assertEquals(3, points.split(" ").length, points);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SweepResults.plot(s, out, "nope", "a.samples"));
        assertTrue(e.getMessage().contains("a.signal.rms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepResults.plot(s, out, "a.signal.mean", "b.x"));
        assertTrue(Files.isRegularFile(SweepResults.plot(s, out, "seconds", "seed")));
    }

    @Test
    void aOneValueOutputIsAScalarColumnOfTheTable() throws Exception {
        Map<String, List<String>> g = new LinkedHashMap<>();
        Sweep.parseGrid("a.samples=1", g);
        Sweep s = Sweep.expand(RampExperiment.write(dir, "a"), null, g, List.of(1L, 2L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        new LocalExecutor(service, 1).run(s, out, this::base, new AtomicBoolean(), l -> {
        });
        List<Map<String, Object>> rows = SweepResults.collect(s, out);
        assertEquals(List.of("task", "a.samples", "seed", "status", "seconds", "a.signal"),
            List.copyOf(rows.get(0).keySet()));
        // the ramp's one value is 0 + U(0,1), and the two seeds differ
        double v1 = (Double) rows.get(0).get("a.signal");
        double v2 = (Double) rows.get(1).get("a.signal");
        assertTrue(v1 >= 0 && v1 < 1 && v2 >= 0 && v2 < 1 && v1 != v2, v1 + " " + v2);
        assertEquals(v1, SweepResults.statistics(s.tasks().get(0).folder(out)).get("a.signal")[0], 0.0);
        assertEquals(1.0, SweepResults.statistics(s.tasks().get(0).folder(out)).get("a.signal")[3], 0.0);
    }
}
