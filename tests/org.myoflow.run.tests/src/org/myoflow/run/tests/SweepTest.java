package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Digests;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunOutcome.Status;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.sweep.LocalExecutor;
import org.myoflow.run.sweep.Sweep;
import org.myoflow.run.sweep.SweepResults;
import org.myoflow.run.sweep.SweepTask;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Sweeps: expansion, up-front validation, the local executor, resumption, determinism, status and collect. */
public class SweepTest {

    @TempDir
    Path dir;

    private final RunService service = new RunService(new SimpleStepRegistry().add(new RunServiceTest.Ramp()));

    private Path experiment() throws Exception {
        return RampExperiment.write(dir, "a", "b");
    }

    private static Map<String, List<String>> grid(String... entries) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (String e : entries) {
            Sweep.parseGrid(e, g);
        }
        return g;
    }

    private RunRequest base(SweepTask t) {
        return new RunRequest().experimentFile(dir.resolve("e.myoflow")).platform("test").threads(1);
    }

    @Test
    void theGridExpandsToTheProductTimesTheSeedsWithStableIds() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=10,20", "b.samples=30,40,50"),
            Sweep.parseSeeds("1-2"), false);
        assertEquals(12, s.tasks().size());
        assertEquals("t0001", s.tasks().get(0).id());
        assertEquals("t0012", s.tasks().get(11).id());
        assertEquals(Map.of("a.samples", "10", "b.samples", "30"), s.tasks().get(0).sets());
        assertEquals(1L, s.tasks().get(0).seed());
        assertEquals(2L, s.tasks().get(1).seed());
        assertEquals(Map.of("a.samples", "10", "b.samples", "40"), s.tasks().get(2).sets());
        assertEquals(Map.of("a.samples", "20", "b.samples", "50"), s.tasks().get(11).sets());
        assertEquals(List.of(1L, 5L, 10L, 11L, 12L), Sweep.parseSeeds("1,5,10-12"));
        assertThrows(IllegalArgumentException.class, () -> Sweep.parseSeeds("1-x"));
        assertThrows(IllegalArgumentException.class, () -> grid("a.samples=1,,2"));
        assertThrows(IllegalArgumentException.class, () -> grid("a.samples=1", "a.samples=2"));
        // no seeds: one task per point with the file's seed
        Sweep noSeeds = Sweep.expand(experiment(), null, grid("a.samples=10,20"), List.of(), false);
        assertEquals(2, noSeeds.tasks().size());
        assertEquals(null, noSeeds.tasks().get(1).seed());
    }

    @Test
    void zippedListsPairUpAndMustHaveEqualLengths() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=10,20", "b.samples=30,40"), List.of(7L), true);
        assertEquals(2, s.tasks().size());
        assertEquals(Map.of("a.samples", "20", "b.samples", "40"), s.tasks().get(1).sets());
        // a one-value list applies to every zipped task
        Sweep one = Sweep.expand(experiment(), null, grid("a.samples=10,20", "a.fail=0", "b.samples=30,40"),
            List.of(), true);
        assertEquals(Map.of("a.samples", "20", "a.fail", "0", "b.samples", "40"), one.tasks().get(1).sets());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.expand(experiment(),
            null, grid("a.samples=10,20", "b.samples=30,40,50"), List.of(), true));
        assertTrue(e.getMessage().contains("--grid b.samples has 3 values but --grid a.samples has 2"),
            e.getMessage());
    }

    @Test
    void sweepJsonRoundTrips() throws Exception {
        Sweep s = Sweep.expand(experiment(), "p", grid("a.samples=10,20"), List.of(3L, 4L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        Sweep back = Sweep.read(out);
        assertTrue(back.sameAs(s));
        assertEquals(s.sha256(), Digests.sha256(experiment()));
        assertFalse(back.sameAs(Sweep.expand(experiment(), "p", grid("a.samples=10,21"), List.of(3L, 4L), false)));
    }

    @Test
    void aBadGridValueIsNamedBeforeAnyTaskRuns() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=10,0", "b.samples=5"), List.of(1L, 2L), false);
        List<String> problems = LocalExecutor.validate(service, s, this::base);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("--grid a.samples=0: "), problems.get(0));
        assertTrue(LocalExecutor.validate(service, Sweep.expand(experiment(), null, grid("a.samples=10,20"),
            List.of(1L), false), this::base).isEmpty());
    }

    @Test
    void aSweepRunsResumesAndCollects() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=10,20", "b.fail=0,2"), List.of(1L, 2L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        LocalExecutor ex = new LocalExecutor(service, 2);
        LocalExecutor.Report r = ex.run(s, out, this::base, new AtomicBoolean(), line -> {
        });
        assertEquals(0, r.skipped());
        List<SweepResults.TaskState> states = SweepResults.states(s, out);
        assertEquals(4, r.count(Status.OK), () -> r + " " + states);
        assertEquals(4, r.count(Status.STEP_FAILED));
        assertEquals(4, states.stream().filter(t -> t.state() == SweepResults.State.DONE).count());
        SweepResults.TaskState failed = states.get(2); // a.samples=10, b.fail=2, seed 1
        assertEquals(Map.of("a.samples", "10", "b.fail", "2"), failed.task().sets());
        assertEquals(SweepResults.State.FAILED, failed.state());
        assertTrue(String.join("\n", failed.log()).contains("solver diverged"), failed.log().toString());
        assertFalse(Files.exists(failed.task().folder(out)), "no folder for a failed task");

        // resume: only the missing and the failed tasks run again
        SweepTask done = s.tasks().get(0);
        SweepTask removed = s.tasks().get(1);
        org.myoflow.run.RunFolders.deleteTree(removed.folder(out));
        FileTime before = Files.getLastModifiedTime(done.folder(out).resolve("run.json"));
        LocalExecutor.Report again = ex.run(s, out, this::base, new AtomicBoolean(), line -> {
        });
        assertEquals(3, again.skipped());
        assertEquals(1, again.count(Status.OK));
        assertEquals(4, again.count(Status.STEP_FAILED));
        assertEquals(before, Files.getLastModifiedTime(done.folder(out).resolve("run.json")));
        assertTrue(removed.complete(out));
        assertTrue(Files.readAllLines(removed.log(out)).contains("nodes: 2, from cache: 0"));

        // collect: one row per task, mean and RMS of each output
        assertEquals(8, SweepResults.write(s, out));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(9, csv.size());
        assertEquals("task,a.samples,b.fail,seed,status,seconds,a.signal.mean,a.signal.rms,a.signal.sd,"
            + "b.signal.mean,b.signal.rms,b.signal.sd", csv.get(0));
        assertTrue(csv.get(1).startsWith("t0001,10,0,1,done,"), csv.get(1));
        assertTrue(csv.get(3).startsWith("t0003,10,2,1,failed,"), csv.get(3));
        String[] cells = csv.get(1).split(",");
        double mean = Double.parseDouble(cells[6]);
        double rms = Double.parseDouble(cells[7]);
        // a ramp i + U(0,1) over 10 samples: mean 4.5 + ~0.5, RMS above the mean
        assertEquals(5.0, mean, 0.5);
        assertTrue(rms > mean && rms < 7, "rms " + rms);
        // SD about the mean: RMS² = mean² + SD²; the ramp 0..9 has SD 2.87, the U(0,1) noise adds 1/12 variance
        double sd = Double.parseDouble(cells[8]);
        assertEquals(rms * rms, mean * mean + sd * sd, 1e-9 * rms * rms);
        assertEquals(Math.sqrt(8.25 + 1.0 / 12), sd, 0.3);
        assertEquals("", csv.get(3).split(",", -1)[6], "no statistics for a failed task");
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertEquals(8, json.getAsJsonArray("rows").size());
        assertEquals(mean, json.getAsJsonArray("rows").get(0).getAsJsonObject().get("a.signal.mean").getAsDouble(),
            0.0);
    }

    @Test
    void aTaskGivesTheSameFilesAsAPlainRunWithItsSetsAndSeed() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=17,33"), List.of(11L, 12L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        new LocalExecutor(service, 1).run(s, out, this::base, new AtomicBoolean(), line -> {
        });
        SweepTask t = s.tasks().get(3);
        RunOutcome plain = service.run(new RunRequest().experimentFile(dir.resolve("e.myoflow")).platform("test")
                .set("a.samples", "33").seed(12L).outFolder(dir.resolve("plain")));
        assertEquals(Status.OK, plain.status(), plain.messages().toString());
        Map<String, String> a = outputs(t.folder(out));
        Map<String, String> b = outputs(dir.resolve("plain"));
        assertEquals(List.of("a.signal.json", "a.signal.npy", "b.signal.json", "b.signal.npy"),
            List.copyOf(a.keySet()));
        assertEquals(b, a);
        // and another seed gives other numbers
        assertFalse(a.get("a.signal.npy").equals(outputs(s.tasks().get(2).folder(out)).get("a.signal.npy")));
    }

    /** SHA-256 of the result files (.npy and their .json descriptions) of a run folder. */
    private static Map<String, String> outputs(Path folder) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".npy") || n.endsWith(".signal.json")) {
                    m.put(n, Digests.sha256(f));
                }
            }
        }
        return m;
    }

    @Test
    void tasksShareTheCacheSoUpstreamNodesAreComputedOnce() throws Exception {
        // node a is the same in every task of one seed: computed by the first task, taken from the cache after
        Sweep s = Sweep.expand(experiment(), null, grid("b.samples=10,20,30"), List.of(4L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        Path cache = dir.resolve("cache");
        new LocalExecutor(service, 1).run(s, out, t -> base(t).cacheFolder(cache), new AtomicBoolean(), line -> {
        });
        assertTrue(Files.readAllLines(s.tasks().get(0).log(out)).contains("nodes: 2, from cache: 0"));
        assertTrue(Files.readAllLines(s.tasks().get(1).log(out)).contains("nodes: 2, from cache: 1"));
        assertTrue(Files.readAllLines(s.tasks().get(2).log(out)).contains("nodes: 2, from cache: 1"));
        assertEquals(Digests.sha256(s.tasks().get(0).folder(out).resolve("a.signal.npy")),
            Digests.sha256(s.tasks().get(2).folder(out).resolve("a.signal.npy")));
    }

    @Test
    void aCancelledSweepStartsNoTaskAndLeavesNoFolder() throws Exception {
        Sweep s = Sweep.expand(experiment(), null, grid("a.samples=10,20"), List.of(1L), false);
        Path out = dir.resolve("sw");
        s.write(out);
        AtomicBoolean cancel = new AtomicBoolean(true);
        LocalExecutor.Report r = new LocalExecutor(service, 1).run(s, out, this::base, cancel, line -> {
        });
        assertEquals(2, r.count(Status.CANCELLED));
        try (var files = Files.list(out.resolve(Sweep.TASKS))) {
            assertEquals(List.of(), files.toList());
        }
        assertTrue(SweepResults.states(s, out).stream().allMatch(t -> t.state() == SweepResults.State.PENDING));
    }
}
