package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.run.slurm.SlurmClient;
import org.myoflow.run.slurm.SlurmException;
import org.myoflow.run.slurm.SlurmResources;

/**
 * The SLURM client against fake {@code sbatch}, {@code squeue} and {@code scancel} shell scripts in a temporary
 * folder (no cluster needed): the command lines it runs, the parsing of their answers, the errors.
 */
public class SlurmClientTest {

    @TempDir
    Path dir;

    /** Writes an executable fake command into dir/bin that logs its arguments to dir/NAME.args. */
    private Path fake(String name, String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve(name + ".args") + "'\n" + body
                + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private List<String> args(String name) throws Exception {
        return Files.readAllLines(dir.resolve(name + ".args"));
    }

    @Test
    void submitRunsSbatchWithTheArrayAndOptionsAndReturnsTheJobId() throws Exception {
        Path bin = fake("sbatch", "echo '4242;dev'");
        Path script = Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\n");
        SlurmClient c = new SlurmClient(bin.toString());
        SlurmResources r = new SlurmResources(2, "4G", "0:30:00", "debug", "lab", List.of("--qos=short"));
        String id = c.submit(script, List.of(7, 0, 1, 2, 5), r.options());
        assertEquals("4242", id);
        assertEquals(List.of("--parsable", "--array=0-2,5,7", "--qos=short", "--cpus-per-task=2", "--mem=4G",
            "--time=0:30:00", "--partition=debug", "--account=lab", script.toAbsolutePath().toString()),
            args("sbatch"));
        // no indices: no --array
        c.submit(script, List.of(), List.of());
        assertEquals(List.of("--parsable", script.toAbsolutePath().toString()), args("sbatch"));
    }

    @Test
    void aRefusedJobFailsWithExit2AndSbatchsMessage() throws Exception {
        Path bin = fake("sbatch", "echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1");
        Path script = Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\n");
        SlurmException e = assertThrows(SlurmException.class,
            () -> new SlurmClient(bin.toString()).submit(script, List.of(0), List.of("--partition=nope")));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("invalid partition specified: nope"), e.getMessage());
        Path bin2 = fake("sbatch", "echo 'Submitted batch job'");
        SlurmException e2 = assertThrows(SlurmException.class,
            () -> new SlurmClient(bin2.toString()).submit(script, List.of(0), List.of()));
        assertEquals(4, e2.exitCode());
    }

    @Test
    void missingCommandsFailWithExit2NamingThem() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        SlurmClient c = new SlurmClient(empty.toString());
        assertFalse(c.available());
        Path script = Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\n");
        SlurmException e = assertThrows(SlurmException.class, () -> c.submit(script, List.of(0), List.of()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("sbatch not found on PATH"), e.getMessage());
        SlurmException q = assertThrows(SlurmException.class, () -> c.tasks("12"));
        assertTrue(q.getMessage().startsWith("squeue not found on PATH"), q.getMessage());
        SlurmException s = assertThrows(SlurmException.class, () -> c.cancel("12"));
        assertTrue(s.getMessage().startsWith("scancel not found on PATH"), s.getMessage());
        assertEquals(2, s.exitCode());
        assertThrows(IllegalArgumentException.class, () -> c.tasks("12; rm -rf /"));
    }

    @Test
    void tasksParsesSqueuesExpandedArrayLines() throws Exception {
        Path bin = fake("squeue", "echo '77|3|RUNNING|None'; echo '77|4|PENDING|Resources'; echo '77|5|PENDING|'");
        List<SlurmClient.Task> ts = new SlurmClient(bin.toString()).tasks("77");
        assertEquals(List.of("-h", "-r", "-j", "77", "-o", "%F|%K|%T|%r"), args("squeue"));
        assertEquals(3, ts.size());
        assertEquals(new SlurmClient.Task("77", 3, "RUNNING", "None"), ts.get(0));
        assertTrue(ts.get(0).running());
        assertTrue(ts.get(1).queued());
        assertEquals("Resources", ts.get(1).reason());
        assertEquals(5, ts.get(2).index());
        // a job squeue has forgotten: no tasks
        Path gone = fake("squeue", "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1");
        assertEquals(List.of(), new SlurmClient(gone.toString()).tasks("77"));
        Path broken = fake("squeue", "echo 'slurm_load_jobs error: Unable to contact slurm controller' >&2; exit 1");
        SlurmException e = assertThrows(SlurmException.class, () -> new SlurmClient(broken.toString()).tasks("77"));
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("Unable to contact slurm controller"), e.getMessage());
    }

    @Test
    void cancelCallsScancelAndReportsTheTasksItStopped() throws Exception {
        fake("squeue", "echo '90|0|RUNNING|None'; echo '90|1|PENDING|Priority'");
        Path bin = fake("scancel", "exit 0");
        List<SlurmClient.Task> cancelled = new SlurmClient(bin.toString()).cancel("90");
        assertEquals(List.of("90"), args("scancel"));
        assertEquals(2, cancelled.size());
        // nothing queued: scancel is not called
        Files.delete(dir.resolve("scancel.args"));
        fake("squeue", "exit 0");
        assertEquals(List.of(), new SlurmClient(bin.toString()).cancel("90"));
        assertFalse(Files.exists(dir.resolve("scancel.args")));
    }

    @Test
    void awaitPollsUntilSqueueForgetsTheJobOrIsStopped() throws Exception {
        // the job is listed for the first two polls, then gone
        Path n = dir.resolve("polls");
        Path bin = fake("squeue", "c=$(cat '" + n + "' 2>/dev/null || echo 0); c=$((c + 1)); echo $c > '" + n
            + "'; [ $c -le 2 ] && echo '5|0|RUNNING|None'; exit 0");
        SlurmClient c = new SlurmClient(bin + ":" + System.getenv("PATH"));
        assertTrue(c.await("5", java.time.Duration.ofMillis(10), () -> false));
        assertEquals("3", Files.readString(n).strip());
        Files.delete(n);
        assertFalse(c.await("5", java.time.Duration.ofMillis(10), () -> true));
        assertFalse(Files.exists(n), "stopped before asking squeue");
    }

    @Test
    void arraySpecsCompressAndExpand() {
        assertEquals("0-2,5,7-8", SlurmClient.arraySpec(List.of(8, 7, 5, 2, 1, 0, 1)));
        assertEquals("3", SlurmClient.arraySpec(List.of(3)));
        assertEquals("", SlurmClient.arraySpec(List.of()));
        assertEquals(List.of(0, 1, 2, 5, 7, 8), SlurmClient.parseArraySpec("0-2,5,7-8%4"));
        assertEquals(List.of(0, 2, 4), SlurmClient.parseArraySpec("0-4:2"));
        assertThrows(IllegalArgumentException.class, () -> SlurmClient.parseArraySpec("a-b"));
        assertThrows(IllegalArgumentException.class, () -> SlurmClient.arraySpec(List.of(-1)));
    }

    @Test
    void resourcesAreCheckedAndProfilesRead() throws Exception {
        Path p = Files.writeString(dir.resolve("profile"),
            "# lab profile\n#SBATCH --qos=short\n\n--constraint=avx2\n#SBATCH --cpus-per-task=8\n");
        List<String> profile = SlurmResources.readProfile(p);
        assertEquals(List.of("--qos=short", "--constraint=avx2", "--cpus-per-task=8"), profile);
        SlurmResources r = new SlurmResources(2, null, "30", null, null, List.of()).withProfile(profile);
        assertEquals(List.of("#SBATCH --qos=short", "#SBATCH --constraint=avx2", "#SBATCH --cpus-per-task=8",
            "#SBATCH --cpus-per-task=2", "#SBATCH --time=30"), r.directives());
        Files.writeString(p, "--qos=short\npartition=debug\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SlurmResources.readProfile(p));
        assertTrue(e.getMessage().contains("profile:2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SlurmResources(0, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, "4 GB", null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, null, "1h", null, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> new SlurmResources(null, null, null, "a b", null, null));
        assertEquals(List.of(), SlurmResources.defaults().options());
    }
}
