package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.io.DiskResultCache;
import org.myoflow.run.RunFolders;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunOutcome.Status;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;
import org.myoflow.run.Validation;

/**
 * Issue 19: an existing output folder is refused before any computation unless the request overwrites it; a lock
 * refuses a second run into the same folder (of this or another process) naming the holder; the lock and stale
 * temporary entries of dead processes (run folders and the result cache) are cleaned up.
 */
public class RunFolderLockTest {

    @TempDir
    Path dir;

    private final RunService service = new RunService(new SimpleStepRegistry().add(new RunServiceTest.Ramp()));

    private Path experiment() throws IOException {
        return RampExperiment.write(dir, "a");
    }

    private RunRequest request(Path out) throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        RunServiceTest.CANCEL.set(cancel);
        synchronized (RunServiceTest.SCRATCH) {
            RunServiceTest.SCRATCH.clear();
        }
        return new RunRequest().experimentFile(experiment()).outFolder(out).cancellation(cancel).platform("test");
    }

    private static boolean stepsRan() {
        synchronized (RunServiceTest.SCRATCH) {
            return !RunServiceTest.SCRATCH.isEmpty();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anExistingRunFolderIsRefusedBeforeAnyComputationUnlessOverwritten() throws Exception {
        Path out = dir.resolve("runs/r");
        assertEquals(Status.OK, service.run(request(out)).status());
        String first = Files.readString(out.resolve("run.json"));

        RunOutcome again = service.run(request(out).seed(9L));
        assertEquals(Status.INVALID, again.status());
        assertEquals(2, again.exitCode());
        assertEquals("the output folder " + out.toAbsolutePath().normalize() + " already holds a run: pass "
                + "--overwrite to replace it, or choose another folder", again.messages().get(0));
        assertFalse(stepsRan(), "refused before any step ran");
        assertEquals(first, Files.readString(out.resolve("run.json")), "untouched");

        RunOutcome replaced = service.run(request(out).seed(9L).overwrite(true));
        assertEquals(Status.OK, replaced.status(), replaced.messages().toString());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"seed\": 9"));
        assertEquals(List.of(), RunFolders.verify(out));
        assertEquals(List.of("r"), names(out.getParent()), "no temporary folder, no lock file left");
    }

    @Test
    void everyBadOutIsRefusedBeforeAnyComputationNamingWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        for (boolean overwrite : new boolean[] { false, true }) {
            RunOutcome o = service.run(request(file).overwrite(overwrite));
            assertEquals(Status.INVALID, o.status());
            assertTrue(o.messages().get(0).contains(file + " exists and is a file, not a folder"), o.messages()
                    .toString());
            assertEquals(overwrite, o.messages().get(0).contains("--overwrite replaces only earlier run folders"));
            assertFalse(stepsRan());
        }
        assertEquals("mine", Files.readString(file));

        RunOutcome underFile = service.run(request(file.resolve("sub/out")));
        assertEquals(Status.INVALID, underFile.status());
        assertEquals("the output folder cannot be created: " + file + " is a file, not a folder",
                underFile.messages().get(0));
        assertFalse(stepsRan());

        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (!Files.isWritable(readOnly)) { // root may write anyway
                RunOutcome ro = service.run(request(readOnly.resolve("x/out")));
                assertEquals(Status.INVALID, ro.status());
                assertEquals("the output folder cannot be created: no permission to write into " + readOnly,
                        ro.messages().get(0));
                assertFalse(stepsRan());
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        // the same checks in validation, for adapters that check before they start a job
        Validation v = service.validate(request(file).overwrite(true));
        assertEquals(Status.INVALID, v.status());
        assertTrue(v.messages().get(0).contains("exists and is a file"), v.messages().toString());
        assertNull(RunService.checkOutFolder(request(dir.resolve("fresh/out"))));
        assertFalse(Files.exists(dir.resolve("fresh")), "checking creates nothing");

        // a failed run removes the parents its lock created
        RunOutcome failed = service.run(request(dir.resolve("new/deep/out")).set("a.fail", "2"));
        assertEquals(Status.STEP_FAILED, failed.status());
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void theCleanUpOfStaleLocksNeverMakesALiveRunLookLocked() throws Exception {
        // a parallel sweep: one run's clean-up probes the stale lock file that another run of the same process is
        // about to take; the run must wait for the probe, not report "another run in this process"
        Path parent = Files.createDirectories(dir.resolve("tasks"));
        Path target = parent.resolve("t0003");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 300; i++) {
                Files.writeString(RunFolders.lockFile(target), "pid=999999999\n"); // left by a dead process
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<?> probe = pool.submit(() -> {
                    go.await();
                    return RunFolders.cleanStale(parent);
                });
                java.util.concurrent.Future<?> run = pool.submit(() -> {
                    go.await();
                    try (RunFolders.Lock l = RunFolders.lock(target)) {
                        return l;
                    }
                });
                go.countDown();
                probe.get(10, TimeUnit.SECONDS);
                run.get(10, TimeUnit.SECONDS); // throws ExecutionException(FolderLockedException) on the old race
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondRunIntoALockedFolderIsRefusedNamingTheHolder() throws Exception {
        Path out = dir.resolve("runs/locked");
        try (RunFolders.Lock lock = RunFolders.lock(out)) {
            assertEquals(RunFolders.lockFile(out), lock.file());
            assertTrue(Files.readString(lock.file()).startsWith("pid=" + ProcessHandle.current().pid() + "\n"));
            RunOutcome o = service.run(request(out));
            assertEquals(Status.INVALID, o.status());
            assertEquals("the output folder " + out.toAbsolutePath().normalize() + " is being written by another "
                    + "run in this process (pid " + ProcessHandle.current().pid() + "); wait for it to finish or "
                    + "choose another folder", o.messages().get(0));
            assertFalse(stepsRan());
            assertFalse(Files.exists(out));
        }
        assertFalse(Files.exists(RunFolders.lockFile(out)), "released and deleted");
        assertEquals(Status.OK, service.run(request(out)).status());
    }

    @Test
    void aLockHeldByAnotherProcessNamesItsPidAndIsReleasedWhenItIsKilled() throws Exception {
        Path out = dir.resolve("runs/other");
        Files.createDirectories(out.getParent());
        Path lockFile = RunFolders.lockFile(out);
        Path src = dir.resolve("Holder.java");
        Files.writeString(src, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        if (ch.tryLock() == null) { System.out.println("busy"); return; }
                        ch.write(java.nio.ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid()
                                + "\\nstarted=2026-12-06T10:00:00Z\\n").getBytes()));
                        System.out.println("locked");
                        Thread.sleep(60_000);
                    }
                }
                """);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                src.toString(), lockFile.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            RunFolders.FolderLockedException e = assertThrows(RunFolders.FolderLockedException.class,
                    () -> RunFolders.lock(out));
            assertEquals(holder.pid(), e.pid());
            RunOutcome o = service.run(request(out));
            assertEquals(Status.INVALID, o.status());
            assertEquals("the output folder " + out.toAbsolutePath().normalize() + " is being written by another "
                    + "run (process " + holder.pid() + ", started 2026-12-06T10:00:00Z); wait for it to finish or "
                    + "choose another folder", o.messages().get(0));
            assertFalse(stepsRan());
            // the lock file of a live holder survives the clean-up
            RunFolders.cleanStale(out.getParent());
            assertTrue(Files.exists(lockFile));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(20, TimeUnit.SECONDS);
        }
        // kill -9 releases the file lock: the next run takes it
        RunOutcome o = service.run(request(out));
        assertEquals(Status.OK, o.status(), o.messages().toString());
        assertEquals(List.of("other"), names(out.getParent()));
    }

    @Test
    void theResultCacheRemovesTheTemporaryEntriesOfDeadWriters() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path dead = Files.createDirectories(cache.resolve(".tmp-" + p.pid() + "-0123456789ab-42"));
        Files.write(dead.resolve("signal.npy"), new byte[4096]);
        Path live = Files.createDirectories(cache.resolve(".tmp-" + ProcessHandle.current().pid()
                + "-0123456789ab-43"));
        Path legacyOld = Files.createDirectories(cache.resolve(".tmp-abcdef0123459876543"));
        Files.setLastModifiedTime(legacyOld, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
        Path legacyNew = Files.createDirectories(cache.resolve(".tmp-abcdef0123451234567"));
        Path entry = Files.createDirectories(cache.resolve("0123456789abcdef"));

        new DiskResultCache(cache);
        assertFalse(Files.exists(dead), "a dead writer's entry is removed when the cache is opened");
        assertFalse(Files.exists(legacyOld), "an unnamed temporary entry older than an hour is removed");
        assertTrue(Files.exists(live), "a live writer's entry is kept");
        assertTrue(Files.exists(legacyNew), "a recent unnamed one is kept (its writer may be alive)");
        assertTrue(Files.exists(entry), "entries are never touched");

        // a run with the cache stores entries under names carrying its pid, and leaves no temporary entry
        assertEquals(Status.OK, service.run(request(dir.resolve("c")).cacheFolder(cache)).status());
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(java.util.Set.of(live.getFileName().toString(), legacyNew.getFileName().toString()),
                    s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".tmp-"))
                            .collect(java.util.stream.Collectors.toSet()));
        }
    }
}
