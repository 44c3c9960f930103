package org.myoflow.activation.lfads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.spi.Progress;
import org.myoflow.run.slurm.SlurmClient;

/**
 * AutoLFADS with members trained through the file protocol of {@link PopulationFiles} (as separate processes train
 * them) against the in-process population, and the launchers that start those processes.
 */
public class ProcessRunnerTest {

    static final LfadsArchitecture TINY = LfadsTest.TINY;

    static AutoLfads.Options search(int population, int generations, long seed) {
        return new AutoLfads.Options(population, 1, generations, 1e9, 0.25, 0.2, AutoLfads.Options.defaultRanges(),
                seed);
    }

    /** A trainer put into another's saved state trains on exactly as the original does. */
    @Test
    void aSavedStateContinuesExactly(@TempDir Path dir) throws IOException {
        float[][] data = LfadsTest.windows(40, 31, null);
        float[][] val = LfadsTest.windows(8, 32, null);
        List<float[]> straight;
        double lossStraight;
        try (LfadsTrainer a = new LfadsTrainer(TINY, data, val, LfadsTest.options(5))) {
            a.trainEpochs(2, LfadsTest.HP, null);
            a.trainEpochs(2, LfadsTest.HP, null);
            straight = a.snapshot();
            lossStraight = a.validationLoss();
        }
        Path file = dir.resolve("state.bin");
        try (LfadsTrainer b = new LfadsTrainer(TINY, data, val, LfadsTest.options(5))) {
            b.trainEpochs(2, LfadsTest.HP, null);
            LfadsTrainer.State s = b.state();
            assertEquals(2, s.epochs());
            assertTrue(s.optimizerUpdates() > 0 && s.optimizerUpdates() == s.updates(), "Adam's step count "
                    + s.optimizerUpdates() + " vs updates " + s.updates());
            assertTrue(s.means().stream().allMatch(m -> m.length > 0), "every parameter has Adam moments");
            PopulationFiles.writeState(file, s);
        }
        try (LfadsTrainer c = new LfadsTrainer(TINY, data, val, LfadsTest.options(5))) {
            c.restoreState(PopulationFiles.readState(file));
            c.trainEpochs(2, LfadsTest.HP, null);
            List<float[]> resumed = c.snapshot();
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i), resumed.get(i), 0f, "parameter " + i);
            }
            assertEquals(lossStraight, c.validationLoss(), 0);
        }
        // without Adam's moments (weights only) the continuation differs: the state is not decoration
        try (LfadsTrainer d = new LfadsTrainer(TINY, data, val, LfadsTest.options(5))) {
            LfadsTrainer.State s = PopulationFiles.readState(file);
            List<float[]> none = new ArrayList<>();
            s.weights().forEach(w -> none.add(new float[0]));
            d.restoreState(new LfadsTrainer.State(s.weights(), none, none, 0, s.epochs(), s.updates()));
            d.trainEpochs(2, LfadsTest.HP, null);
            assertFalse(java.util.Arrays.equals(straight.get(0), d.snapshot().get(0)));
        }
    }

    /**
     * The file protocol (the member's work of {@code ./myoflow lfads member}, run here in this process) chooses the
     * same hyper-parameters and reaches the same losses as the in-process population, generation by generation,
     * and exports the same model.
     */
    @Test
    void theFileProtocolGivesTheInProcessSearch(@TempDir Path dir) throws IOException {
        float[][] data = LfadsTest.windows(48, 41, null);
        float[][] val = LfadsTest.windows(8, 42, null);
        AutoLfads.Options o = search(4, 3, 17);
        LfadsTrainer.Options options = LfadsTest.options(9);
        AutoLfads.Result local;
        byte[] localOnnx;
        try (AutoLfads.InProcessRunner r = new AutoLfads.InProcessRunner(TINY, data, val, options, 4)) {
            local = AutoLfads.search(o, r, null);
            localOnnx = r.exportOnnx(local.bestMember(), "myoflow", Map.of("k", "v"));
        }
        AutoLfads.Result files;
        byte[] filesOnnx;
        try (ProcessRunner r = new ProcessRunner(dir.resolve("population"), TINY, data, val, options, 4,
                MemberLauncher.inThisProcess())) {
            files = AutoLfads.search(o, r, null);
            filesOnnx = r.exportOnnx(files.bestMember(), "myoflow", Map.of("k", "v"));
            assertEquals(3, r.generations());
            assertEquals(3, r.state(0).epochs(), "member 0 trained one epoch in each of 3 generations");
        }
        assertEquals(local.history().size(), files.history().size());
        long copies = 0;
        for (int i = 0; i < local.history().size(); i++) {
            AutoLfads.Entry a = local.history().get(i);
            AutoLfads.Entry b = files.history().stream().filter(e -> e.generation() == a.generation()
                    && e.member() == a.member()).findFirst().orElseThrow();
            assertEquals(a.hyperparameters(), b.hyperparameters(), "generation " + a.generation() + " member "
                    + a.member());
            assertEquals(a.copiedFrom(), b.copiedFrom());
            assertEquals(a.validationLoss(), b.validationLoss(), 0, "generation " + a.generation() + " member "
                    + a.member());
            assertEquals(a.trainLoss(), b.trainLoss(), 0);
            copies += a.copiedFrom() != a.member() ? 1 : 0;
        }
        assertTrue(copies >= 2, "exploit copied weights in generations 2 and 3: " + copies);
        assertEquals(local.bestMember(), files.bestMember());
        assertEquals(local.best(), files.best());
        assertEquals(local.bestValidationLoss(), files.bestValidationLoss(), 0);
        assertArrayEquals(localOnnx, filesOnnx, "the exported model");
        // the protocol's files
        Path m = dir.resolve("population/gen-3/member-2");
        PopulationFiles.MemberSpec spec = PopulationFiles.readSpec(m.resolve(PopulationFiles.SPEC));
        assertEquals(3, spec.generation());
        assertEquals(AutoLfads.memberOptions(options, 2), spec.options());
        assertEquals("../../gen-2/member-2/checkpoint.bin", spec.stateFrom());
        assertTrue(Files.exists(m.resolve(PopulationFiles.CHECKPOINT)));
        assertEquals(2, PopulationFiles.readScore(m.resolve(PopulationFiles.SCORE)).member());
    }

    @Test
    void aMemberThatEndsWithoutAScoreFailsTheGenerationWithItsLog(@TempDir Path dir) {
        MemberLauncher broken = (specs, progress) -> {
            for (Path spec : specs) {
                if (spec.getParent().getFileName().toString().equals("member-1")) {
                    Files.writeString(spec.getParent().resolve(PopulationFiles.LOG),
                            "starting\njava.lang.OutOfMemoryError: Java heap space\n", StandardCharsets.UTF_8);
                } else {
                    PopulationFiles.runMember(spec, progress);
                }
            }
        };
        float[][] data = LfadsTest.windows(24, 51, null);
        float[][] val = LfadsTest.windows(4, 52, null);
        try (ProcessRunner r = new ProcessRunner(dir, TINY, data, val, LfadsTest.options(1), 3, broken)) {
            ProcessRunner.MemberFailedException e = assertThrows(ProcessRunner.MemberFailedException.class,
                    () -> AutoLfads.search(search(3, 2, 1), r, null));
            assertTrue(e.getMessage().contains("member 1 ended without a score"), e.getMessage());
            assertTrue(e.getMessage().contains("OutOfMemoryError: Java heap space"), e.getMessage());
            assertFalse(e.getMessage().contains("member 0"), e.getMessage());
        }
    }

    @Test
    void aFolderOfSomethingElseIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("thesis.tex"), "precious");
        float[][] data = LfadsTest.windows(24, 51, null);
        Exception e = assertThrows(java.io.UncheckedIOException.class, () -> new ProcessRunner(dir, TINY, data,
                new float[0][], LfadsTest.options(1), 2, MemberLauncher.inThisProcess()));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("thesis.tex")));
    }

    @Test
    void dataAndScoresRoundTrip(@TempDir Path dir) throws IOException {
        float[][] train = {{1, 2.5f, -3}, {Float.MIN_VALUE, 0, 7}};
        float[][] val = {{4, 5, 6}};
        PopulationFiles.writeData(dir.resolve("d.bin"), train, val);
        float[][][] back = PopulationFiles.readData(dir.resolve("d.bin"));
        assertArrayEquals(train, back[0]);
        assertArrayEquals(val, back[1]);
        PopulationFiles.writeScore(dir.resolve("s.json"), 2, new AutoLfads.Score(3, Double.NaN, Double.NaN, 1.5));
        AutoLfads.Score s = PopulationFiles.readScore(dir.resolve("s.json"));
        assertEquals(3, s.member());
        assertTrue(Double.isNaN(s.validationLoss()), "a diverged member's loss comes back as NaN");
        assertNull(PopulationFiles.readScore(dir.resolve("none.json")));
        Files.writeString(dir.resolve("bad.bin"), "not a checkpoint");
        IOException e = assertThrows(IOException.class, () -> PopulationFiles.readState(dir.resolve("bad.bin")));
        assertTrue(e.getMessage().contains("not an AutoLFADS member checkpoint"), e.getMessage());
    }

    /** A fake member: writes a score named after its folder, or fails for member-1. */
    static final String FAKE = "d=$(dirname \"$1\"); case \"$d\" in *member-1) echo \"boom in $d\"; exit 3;; esac; "
            + "m=${d##*member-}; sleep 0.2; printf '{\"member\":%s,\"trainLoss\":1,\"validationLoss\":%s,"
            + "\"seconds\":0.2}' \"$m\" \"$m\" > \"$d/score.json\"";

    static List<Path> specs(Path dir, int n) throws IOException {
        List<Path> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = Files.createDirectories(dir.resolve("gen-1/member-" + i));
            specs.add(Files.writeString(f.resolve(PopulationFiles.SPEC), "{}"));
        }
        return specs;
    }

    @Test
    void localProcessesRunEveryMemberAndKeepTheirOutput(@TempDir Path dir) throws IOException {
        List<Path> specs = specs(dir, 4);
        List<String> messages = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void update(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        long t0 = System.nanoTime();
        new LocalProcessLauncher(List.of("/bin/sh", "-c", FAKE, "sh"), 2).run(specs, p);
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(i, PopulationFiles.readScore(dir.resolve("gen-1/member-" + i + "/score.json"))
                    .validationLoss(), 0);
        }
        assertNull(PopulationFiles.readScore(dir.resolve("gen-1/member-1/score.json")));
        List<String> log = PopulationFiles.tail(dir.resolve("gen-1/member-1/member.log"), 5);
        assertTrue(log.get(0).startsWith("boom in "), log.toString());
        assertTrue(log.get(1).contains("exited with code 3"), log.toString());
        assertEquals(4, messages.size());
        assertTrue(messages.get(3).contains("4 of 4 done"), messages.toString());
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void cancellingStopsTheProcesses(@TempDir Path dir) throws IOException {
        List<Path> specs = specs(dir, 2);
        long t0 = System.nanoTime();
        Progress cancelSoon = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return System.nanoTime() - t0 > 500_000_000L;
            }
        };
        List<ProcessHandle> before = ProcessHandle.current().children().toList();
        assertThrows(CancellationException.class, () -> new LocalProcessLauncher(List.of("/bin/sh", "-c",
                "sleep 60", "sh"), 2).run(specs, cancelSoon));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20);
        assertTrue(ProcessHandle.current().children().filter(h -> !before.contains(h)).noneMatch(
                ProcessHandle::isAlive), "no member process is left");
    }

    /** A scheduler that runs the array job's script itself, task by task, as sbatch would. */
    static final class ScriptedSlurm implements SlurmLauncher.Scheduler {
        final List<String> cancelled = new ArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        boolean run = true;
        String script;

        @Override
        public String submit(Path file) throws IOException {
            script = Files.readString(file);
            if (run) {
                String array = script.lines().filter(l -> l.startsWith("#SBATCH --array=")).findFirst().orElseThrow()
                        .substring("#SBATCH --array=".length());
                for (int id : SlurmClient.parseArraySpec(array)) {
                    ProcessBuilder b = new ProcessBuilder("/bin/bash", file.toString());
                    b.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(id));
                    b.redirectErrorStream(true);
                    b.redirectOutput(file.getParent().resolve("member-" + id + "/member.log").toFile());
                    try {
                        b.start().waitFor();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            }
            return "4242";
        }

        @Override
        public List<SlurmClient.Task> active(String jobId) {
            polls.incrementAndGet();
            return run ? List.of() : List.of(new SlurmClient.Task("4242", 0, "RUNNING", "None"),
                    new SlurmClient.Task("4242", 1, "PENDING", "Resources"));
        }

        @Override
        public void cancel(String jobId) {
            cancelled.add(jobId);
        }
    }

    @Test
    void slurmRunsOneArrayTaskPerMemberAndCancelsItsJob(@TempDir Path dir) throws IOException {
        List<Path> specs = specs(dir, 3);
        ScriptedSlurm slurm = new ScriptedSlurm();
        List<String> resources = SlurmLauncher.resources(2, "1G", "5", "debug", null, null);
        assertEquals(List.of("--cpus-per-task=2", "--mem=1G", "--time=5", "--partition=debug"), resources);
        new SlurmLauncher(List.of("/bin/sh", "-c", FAKE, "sh"), resources, slurm, 10).run(specs, null);
        assertTrue(slurm.script.contains("#SBATCH --array=0-2\n"), slurm.script);
        assertTrue(slurm.script.contains("#SBATCH --mem=1G\n"), slurm.script);
        assertTrue(slurm.script.contains("/member-%a/member.log\n"), slurm.script);
        assertTrue(slurm.script.contains("unset MYOFLOW_REBUILD\n"), slurm.script);
        assertEquals("4242", Files.readString(dir.resolve("gen-1/job-id")).strip());
        assertEquals(2, PopulationFiles.readScore(dir.resolve("gen-1/member-2/score.json")).member());
        assertNull(PopulationFiles.readScore(dir.resolve("gen-1/member-1/score.json")));
        assertTrue(PopulationFiles.tail(dir.resolve("gen-1/member-1/member.log"), 3).get(0).startsWith("boom"));
        assertTrue(slurm.cancelled.isEmpty(), "a job that ended is not cancelled");

        ScriptedSlurm stuck = new ScriptedSlurm();
        stuck.run = false;
        List<String> seen = new ArrayList<>();
        Progress cancelOnThirdPoll = new Progress() {
            @Override
            public void update(double fraction, String message) {
                seen.add(message);
            }

            @Override
            public boolean isCancelled() {
                return stuck.polls.get() >= 3;
            }
        };
        List<Path> again = specs(dir.resolve("again"), 2);
        assertThrows(CancellationException.class, () -> new SlurmLauncher(List.of("true"), List.of(), stuck, 10)
                .run(again, cancelOnThirdPoll));
        assertEquals(List.of("4242"), stuck.cancelled);
        assertTrue(seen.get(0).contains("1 running, 1 waiting (Resources)"), seen.toString());
    }

    @Test
    void aBadResourceOrProfileLineIsNamed(@TempDir Path dir) throws IOException {
        Path profile = Files.writeString(dir.resolve("p.sbatch"), "#SBATCH --qos=short\n# comment\n\nnot-an-option\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlurmLauncher.resources(null, null, null, null, null, profile));
        assertTrue(e.getMessage().contains("p.sbatch:4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SlurmLauncher.resources(null, "lots", null, null,
                null, null));
        assertTrue(e.getMessage().startsWith("--mem 'lots'"), e.getMessage());
        assertEquals(List.of(), SlurmLauncher.resources(0, "", " ", null, "", null), "nothing given: the defaults");
        Path good = Files.writeString(dir.resolve("g.sbatch"), "#SBATCH --qos=short\n--mem=8G\n");
        assertEquals(List.of("--qos=short", "--mem=8G", "--mem=2G"), SlurmLauncher.resources(0, "2G", "", null,
                null, good));
    }
}
