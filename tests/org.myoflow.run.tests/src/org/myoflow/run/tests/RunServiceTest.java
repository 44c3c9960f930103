package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.report.RunFolder;
import org.myoflow.run.RunFolders;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunOutcome.Status;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.Validation;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The run service: outcomes and exit codes, atomic run folders, scratch clean-up, cache reproducibility. */
public class RunServiceTest {

    /** Settings of the ramp source. */
    public static class RampSettings {
        @Param(description = "samples", min = 1, max = 100000)
        public int samples = 100;

        @Param(description = "0 ok, 1 bad data, 2 step failure, 3 cancel during the step", min = 0, max = 3)
        public int fail = 0;
    }

    /** The flag the current test's request cancels with (the ramp sets it for fail=3). */
    static final AtomicReference<AtomicBoolean> CANCEL = new AtomicReference<>();
    /** The scratch folders the ramps were given. */
    static final List<Path> SCRATCH = new ArrayList<>();

    static final class Ramp implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.ramp", "1.0.0").name("Ramp")
                .output("signal", DataTypes.SIGNAL, "a ramp").settings(RampSettings.class).build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                RampSettings s = ctx.settings(RampSettings.class);
                Path scratch = ctx.scratchDirectory();
                synchronized (SCRATCH) {
                    SCRATCH.add(scratch);
                }
                try {
                    Files.writeString(scratch.resolve("work.tmp"), "intermediate");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                if (s.fail == 1) {
                    throw new DataException("input.csv:7: 'x' is not a number");
                }
                if (s.fail == 2) {
                    throw new IllegalStateException("solver diverged");
                }
                if (s.fail == 3) {
                    CANCEL.get().set(true);
                }
                double[] v = new double[s.samples];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i + ctx.random().nextDouble();
                }
                ctx.output("signal", Signal.builder(100).channel("ramp", "mV", v).build());
            };
        }
    }

    @TempDir
    Path dir;

    private final RunService service = new RunService(new SimpleStepRegistry().add(new Ramp()));

    @BeforeEach
    void reset() {
        synchronized (SCRATCH) {
            SCRATCH.clear();
        }
    }

    private Path experiment() throws IOException {
        return RampExperiment.write(dir, "a", "b");
    }

    private RunRequest request(Path out) throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        CANCEL.set(cancel);
        return new RunRequest().experimentFile(experiment()).outFolder(out).cancellation(cancel).platform("test");
    }

    private void assertNoHiddenLeftovers(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, "temporary folders left in " + parent);
        }
    }

    private void assertScratchRemoved() {
        synchronized (SCRATCH) {
            assertFalse(SCRATCH.isEmpty(), "the steps ran");
            for (Path p : SCRATCH) {
                assertFalse(Files.exists(p), "scratch folder removed: " + p);
                assertFalse(Files.exists(p.getParent()), "run scratch root removed: " + p.getParent());
            }
        }
    }

    private static Map<String, String> filesOf(Path runFolder) throws IOException {
        JsonObject run = JsonParser.parseString(Files.readString(runFolder.resolve("run.json"))).getAsJsonObject();
        Map<String, String> m = new TreeMap<>();
        run.getAsJsonObject("files").entrySet().forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        return m;
    }

    @Test
    void aCompletedRunPublishesACompleteFolderWithRunJsonLast() throws Exception {
        Path out = dir.resolve("runs/r1");
        RunOutcome o = service.run(request(out));
        assertEquals(Status.OK, o.status(), o.messages().toString());
        assertEquals(0, o.exitCode());
        assertEquals(out.toAbsolutePath().normalize(), o.runFolder());
        assertEquals(2, o.result().nodes().size());
        assertTrue(o.summary().startsWith("Ran 'p' (2 nodes) in "), o.summary());
        Map<String, String> files = filesOf(out);
        assertEquals(List.of("a.signal.json", "a.signal.npy", "a.signal.png", "b.signal.json", "b.signal.npy",
            "b.signal.png", "report.html"), List.copyOf(files.keySet()));
        for (Map.Entry<String, String> f : files.entrySet()) {
            assertEquals(Digests.sha256(out.resolve(f.getKey())), f.getValue(), f.getKey());
            // run.json is written last: no file of the folder is newer
            assertTrue(Files.getLastModifiedTime(out.resolve(f.getKey())).compareTo(
                    Files.getLastModifiedTime(out.resolve("run.json"))) <= 0, f.getKey());
        }
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"formatVersion\": " + RunFolder.FORMAT_VERSION));
        assertEquals(List.of(), RunFolders.verify(out));
        assertNoHiddenLeftovers(out.getParent());
        assertScratchRemoved();
    }

    @Test
    void verifyFindsTruncatedMissingAndExtraFiles() throws Exception {
        Path out = dir.resolve("v");
        assertEquals(Status.OK, service.run(request(out)).status());
        Path npy = out.resolve("a.signal.npy");
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        Files.delete(out.resolve("b.signal.png"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        List<String> problems = RunFolders.verify(out);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("a.signal.npy does not match its SHA-256"), problems.toString());
        assertTrue(problems.get(1).contains("b.signal.png listed in run.json is missing"), problems.toString());
        assertTrue(problems.get(2).contains("notes.txt is not listed"), problems.toString());
        Files.delete(out.resolve("run.json"));
        assertTrue(RunFolders.verify(out).get(0).contains("no run.json"));
    }

    @Test
    void failuresMapToTheirExitCodesAndLeaveNoFolder() throws Exception {
        Path parent = dir.resolve("runs");
        RunOutcome bad = service.run(request(parent.resolve("x")).set("a.fail", "1"));
        assertEquals(Status.BAD_DATA, bad.status());
        assertEquals(3, bad.exitCode());
        assertTrue(bad.messages().get(0).contains("input.csv:7"), bad.messages().toString());
        assertNull(bad.runFolder());
        assertScratchRemoved();
        reset();

        RunOutcome failed = service.run(request(parent.resolve("y")).set("b.fail", "2"));
        assertEquals(Status.STEP_FAILED, failed.status());
        assertEquals(4, failed.exitCode());
        assertTrue(failed.messages().get(0).contains("node 'b' (org.myoflow.test.ramp) failed: solver diverged"),
                failed.messages().toString());
        assertNotNull(failed.cause());
        assertScratchRemoved();
        reset();

        RunOutcome cancelled = service.run(request(parent.resolve("z")).threads(1).set("a.fail", "3"));
        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals(130, cancelled.exitCode());
        assertScratchRemoved();

        RunOutcome invalid = service.run(request(parent.resolve("w")).set("a.samples", "0"));
        assertEquals(Status.INVALID, invalid.status());
        assertEquals(2, invalid.exitCode());
        assertTrue(String.join("\n", invalid.messages())
                .contains("node 'a', parameter 'samples': value 0 is out of range [1, 100000]"),
                invalid.messages().toString());

        assertEquals(Status.INVALID, service.run(request(parent.resolve("v")).pipeline("nosuch")).status());
        assertEquals(Status.INVALID, service.run(request(parent.resolve("v")).threads(0)).status());
        RunOutcome missing = service.run(new RunRequest().experimentFile(dir.resolve("missing.myoflow"))
                .outFolder(parent.resolve("v")));
        assertEquals(Status.INVALID, missing.status());
        assertTrue(missing.messages().get(0).startsWith("cannot load experiment"), missing.messages().toString());

        // no target and no temporary folder from any of the failures
        if (Files.exists(parent)) {
            try (Stream<Path> s = Files.list(parent)) {
                assertEquals(List.of(), s.toList());
            }
        }
    }

    @Test
    void aFailedRunKeepsTheEarlierRunFolderAndASuccessfulOneReplacesIt() throws Exception {
        Path out = dir.resolve("runs/same");
        assertEquals(Status.OK, service.run(request(out)).status());
        Map<String, String> first = filesOf(out);
        String firstRunJson = Files.readString(out.resolve("run.json"));
        assertEquals(Status.STEP_FAILED, service.run(request(out).overwrite(true).set("a.fail", "2")).status());
        assertEquals(firstRunJson, Files.readString(out.resolve("run.json")), "the earlier run is untouched");
        RunOutcome second = service.run(request(out).overwrite(true).seed(6L));
        assertEquals(Status.OK, second.status(), second.messages().toString());
        assertEquals(List.of(), RunFolders.verify(out));
        assertFalse(first.get("a.signal.npy").equals(filesOf(out).get("a.signal.npy")), "the new seed's results");
        assertNoHiddenLeftovers(out.getParent());
    }

    @Test
    void aFolderThatIsNotARunFolderIsNeverReplaced() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        RunOutcome o = service.run(request(mine));
        assertEquals(Status.INVALID, o.status());
        assertTrue(o.messages().get(0).contains("is not a run folder"), o.messages().toString());
        RunOutcome forced = service.run(request(mine).overwrite(true));
        assertEquals(Status.INVALID, forced.status());
        assertTrue(forced.messages().get(0).contains("--overwrite replaces only earlier run folders"),
                forced.messages().toString());
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        RunOutcome refused = service.run(request(empty));
        assertEquals(Status.INVALID, refused.status());
        assertTrue(refused.messages().get(0).contains("already exists (empty): pass --overwrite"),
                refused.messages().toString());
        assertEquals(Status.OK, service.run(request(empty).overwrite(true)).status());
        assertEquals(List.of(), RunFolders.verify(empty));
    }

    @Test
    void staleFoldersOfKilledRunsAreTidiedByTheNextRun() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path parent = Files.createDirectories(dir.resolve("runs"));
        Path tmp = Files.createDirectories(parent.resolve(".r.tmp-" + dead + "-abc"));
        Files.writeString(tmp.resolve("a.signal.npy"), "half");
        // killed between its two renames: the earlier folder of 'kept' is under its .old- name
        Path old = Files.createDirectories(parent.resolve(".kept.old-" + dead + "-xyz"));
        Files.writeString(old.resolve("run.json"), "{}");
        Path live = Files.createDirectories(parent.resolve(".q.tmp-" + ProcessHandle.current().pid() + "-def"));
        // the lock file of a killed run: no process holds it
        Path lock = Files.writeString(parent.resolve(".gone.lock"), "pid=" + dead + "\n");
        RunOutcome o = service.run(request(parent.resolve("r")).set("a.fail", "1"));
        assertEquals(Status.BAD_DATA, o.status(), "the clean-up comes before the computation, whatever its outcome");
        assertFalse(Files.exists(tmp));
        assertFalse(Files.exists(lock));
        assertFalse(Files.exists(RunFolders.lockFile(parent.resolve("r"))), "the run's own lock file is gone");
        assertFalse(Files.exists(old));
        assertEquals("{}", Files.readString(parent.resolve("kept/run.json")), "restored under its name");
        assertTrue(Files.exists(live), "a live process's temporary folder is left alone");
    }

    @Test
    void aReRunWithTheSameCacheIsByteIdenticalToACleanRun() throws Exception {
        Path cache = dir.resolve("cache");
        Path clean = dir.resolve("clean");
        assertEquals(Status.OK, service.run(request(clean)).status());
        RunOutcome first = service.run(request(dir.resolve("c1")).cacheFolder(cache));
        assertEquals(0, first.cachedNodes());
        RunOutcome again = service.run(request(dir.resolve("c2")).cacheFolder(cache));
        assertEquals(Status.OK, again.status());
        assertEquals(2, again.cachedNodes());
        assertTrue(again.summary().contains("2 from cache"), again.summary());
        Map<String, String> want = filesOf(clean);
        want.remove("report.html"); // holds the run's times
        for (Path run : List.of(dir.resolve("c1"), dir.resolve("c2"))) {
            Map<String, String> got = filesOf(run);
            got.remove("report.html");
            assertEquals(want, got, run.toString());
            for (String f : want.keySet()) {
                assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(run.resolve(f)), f);
            }
        }
    }

    @Test
    void validateChecksEveryPipelineWithTheOverrides() throws Exception {
        Validation ok = service.validate(new RunRequest().experimentFile(experiment()));
        assertEquals(Status.OK, ok.status());
        assertEquals(1, ok.pipelines().size());
        assertEquals(2, ok.pipelines().get(0).nodes());
        Validation bad = service.validate(new RunRequest().experimentFile(experiment()).set("b.samples", "0"));
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.pipelines().get(0).problems().size());
        assertTrue(bad.pipelines().get(0).problems().get(0).toString().contains("node 'b', parameter 'samples'"));
        Validation none = service.validate(new RunRequest().experimentFile(experiment()).pipeline("nosuch"));
        assertEquals(Status.INVALID, none.status());
        assertTrue(none.messages().get(0).endsWith("no pipeline named 'nosuch'"), none.messages().toString());
    }
}
