package org.myoflow.run.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.run.slurm.SlurmClient;
import org.myoflow.run.slurm.SlurmException;
import org.myoflow.run.slurm.SlurmResources;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Runs a sweep's tasks as ONE SLURM array job: array task <i>i</i> runs the sweep's task with index <i>i</i> into
 * its run folder {@code DIR/tasks/<id>} (the same folders and logs as {@link LocalExecutor}), so that
 * {@link SweepResults} reads both alike. Only the tasks without a complete run folder are submitted (the array
 * lists just their indices), so submitting again resumes a sweep.
 * <p>
 * Files in {@code DIR/slurm/}: {@code job-N.sh} (the N-th submission's job script: the resources as
 * {@code #SBATCH} lines, then the command that runs one task with the array index appended),
 * {@code <jobid>_<index>.out} (each array task's standard output and error) and {@code jobs.json} (every
 * submission: job id, array indices, submission time, script; and whether {@code cancel} stopped it).
 * <p>
 * A task's state ({@link #states}) combines squeue and the folders: queued or running while squeue lists it; done
 * with a complete run folder; failed when its last submission ended without one (its log's last lines, and those of
 * the SLURM output, tell why), unless that job was cancelled (then pending).
 *
 * @since 0.3
 */
public final class SlurmExecutor {

    /** The folder of the job scripts, the SLURM output files and jobs.json in a sweep folder. */
    public static final String SLURM = "slurm";
    /** The record of the submissions. */
    public static final String JOBS_JSON = "jobs.json";

    /**
     * One submission of a sweep.
     *
     * @param jobId     the array job's id
     * @param indices   the task indices it runs (sorted)
     * @param submitted when sbatch accepted it
     * @param script    the job script
     * @param cancelled whether {@link #cancel} stopped it
     */
    public record Submission(String jobId, List<Integer> indices, Instant submitted, Path script,
            boolean cancelled) {

        public Submission {
            indices = List.copyOf(indices);
        }
    }

    private final SlurmClient client;

    /** @param client the SLURM client (e.g. {@code new SlurmClient()}) */
    public SlurmExecutor(SlurmClient client) {
        this.client = client;
    }

    /** The tasks of the sweep without a complete run folder, in order. */
    public static List<SweepTask> incomplete(Sweep sweep, Path dir) {
        return sweep.tasks().stream().filter(t -> !t.complete(dir)).toList();
    }

    /**
     * Submits the tasks without a complete run folder as one array job (nothing when all are complete).
     *
     * @param taskCommand the command that runs one task, to which the array index is appended, e.g.
     *                    {@code [/opt/myoflow/myoflow, sweep, task, /scratch/s1, --cache, /scratch/cache]}; every
     *                    path in it must be valid on the compute nodes
     * @param resources   the resources of each task
     * @param jobName     the job's name ({@code --job-name})
     * @return the submission, or null when no task needed to run
     * @throws SlurmException sbatch missing or refused the job (exit code 2), an earlier job of this sweep still has
     *                        tasks queued or running (2: submitting again would run them twice), or squeue failed
     * @throws IOException    the script or jobs.json cannot be written
     */
    public Submission submit(Sweep sweep, Path dir, List<String> taskCommand, SlurmResources resources,
            String jobName) throws IOException, SlurmException {
        for (Submission s : submissions(dir)) {
            List<SlurmClient.Task> active = client.tasks(s.jobId());
            if (!active.isEmpty()) {
                throw new SlurmException(2, "job " + s.jobId() + " of this sweep still has " + active.size()
                        + " task(s) queued or running; wait for it (myoflow sweep status " + dir
                        + ") or cancel it (myoflow sweep cancel " + dir + ")");
            }
        }
        List<Integer> indices = incomplete(sweep, dir).stream().map(SweepTask::index).toList();
        if (indices.isEmpty()) {
            return null;
        }
        Path slurm = Files.createDirectories(dir.resolve(SLURM)).toAbsolutePath();
        List<Submission> earlier = submissions(dir);
        Path script = slurm.resolve("job-" + (earlier.size() + 1) + ".sh");
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("#SBATCH --job-name=").append(jobName.replaceAll("[^A-Za-z0-9_.+-]", "_")).append('\n');
        b.append("#SBATCH --output=").append(slurm).append("/%A_%a.out\n");
        resources.directives().forEach(d -> b.append(d).append('\n'));
        b.append("# one task of the sweep ").append(dir.toAbsolutePath()).append(": the array index is its index\n");
        b.append("echo \"myoflow-task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname) start $(date "
                + "+%s.%N)\"\n");
        b.append("exec");
        taskCommand.forEach(a -> b.append(' ').append(quote(a)));
        b.append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        Files.writeString(script, b.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String id = client.submit(script, indices, resources.options());
        Submission s = new Submission(id, indices, Instant.now(), script, false);
        List<Submission> all = new ArrayList<>(earlier);
        all.add(s);
        writeSubmissions(dir, all);
        return s;
    }

    /**
     * Cancels the recorded jobs of a sweep that still have tasks queued or running ({@code scancel}) and records
     * that in jobs.json.
     *
     * @return the tasks squeue listed before, by job id (jobs with none are left out)
     */
    public Map<String, List<SlurmClient.Task>> cancel(Path dir) throws IOException, SlurmException {
        Map<String, List<SlurmClient.Task>> out = new java.util.LinkedHashMap<>();
        List<Submission> all = new ArrayList<>(submissions(dir));
        for (int i = 0; i < all.size(); i++) {
            Submission s = all.get(i);
            List<SlurmClient.Task> stopped = client.cancel(s.jobId());
            if (!stopped.isEmpty()) {
                out.put(s.jobId(), stopped);
                all.set(i, new Submission(s.jobId(), s.indices(), s.submitted(), s.script(), true));
            }
        }
        if (!out.isEmpty()) {
            writeSubmissions(dir, all);
        }
        return out;
    }

    /** The tasks squeue lists for the sweep's recorded jobs. */
    public List<SlurmClient.Task> active(Path dir) throws IOException, SlurmException {
        List<SlurmClient.Task> out = new ArrayList<>();
        for (Submission s : submissions(dir)) {
            out.addAll(client.tasks(s.jobId()));
        }
        return out;
    }

    /**
     * The state of every task: {@link SweepResults#states} corrected by squeue and the submissions (see the class
     * comment). The log of a failed task is its task log followed by the last 20 lines of its SLURM output.
     */
    public List<SweepResults.TaskState> states(Sweep sweep, Path dir) throws IOException, SlurmException {
        List<Submission> subs = submissions(dir);
        Map<Integer, Submission> last = new HashMap<>();
        subs.forEach(s -> s.indices().forEach(i -> last.put(i, s)));
        Map<Integer, SlurmClient.Task> active = new HashMap<>();
        for (Submission s : subs) {
            for (SlurmClient.Task t : client.tasks(s.jobId())) {
                if (t.index() >= 0) {
                    active.put(t.index(), t);
                } else {
                    s.indices().forEach(i -> active.putIfAbsent(i, t));
                }
            }
        }
        List<SweepResults.TaskState> out = new ArrayList<>();
        for (SweepResults.TaskState ts : SweepResults.states(sweep, dir)) {
            int i = ts.task().index();
            SlurmClient.Task a = active.get(i);
            Submission s = last.get(i);
            if (ts.state() == SweepResults.State.DONE) {
                out.add(ts);
            } else if (a != null) {
                out.add(new SweepResults.TaskState(ts.task(),
                        a.queued() ? SweepResults.State.QUEUED : SweepResults.State.RUNNING, ts.seconds(), ts.log()));
            } else if (s != null && !s.cancelled()) {
                List<String> log = new ArrayList<>(ts.log());
                Path out1 = outputOf(dir, s, i);
                if (Files.isRegularFile(out1)) {
                    List<String> lines = Files.readAllLines(out1, StandardCharsets.UTF_8);
                    log.add("--- " + dir.relativize(out1) + ":");
                    log.addAll(lines.subList(Math.max(0, lines.size() - 20), lines.size()));
                } else {
                    log.add("(no SLURM output " + dir.relativize(out1) + ": the task never started)");
                }
                out.add(new SweepResults.TaskState(ts.task(), SweepResults.State.FAILED, ts.seconds(), log));
            } else {
                out.add(ts);
            }
        }
        return out;
    }

    /** The SLURM output file of array task {@code index} of a submission. */
    public static Path outputOf(Path dir, Submission s, int index) {
        return dir.resolve(SLURM).resolve(s.jobId() + "_" + index + ".out");
    }

    /** The submissions recorded in DIR/slurm/jobs.json, oldest first (empty: none, a local sweep). */
    public static List<Submission> submissions(Path dir) throws IOException {
        Path f = dir.resolve(SLURM).resolve(JOBS_JSON);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Submission> out = new ArrayList<>();
            for (JsonElement el : o.getAsJsonArray("jobs")) {
                JsonObject j = el.getAsJsonObject();
                out.add(new Submission(j.get("job").getAsString(),
                        SlurmClient.parseArraySpec(j.get("array").getAsString()),
                        Instant.parse(j.get("submitted").getAsString()),
                        dir.resolve(SLURM).resolve(j.get("script").getAsString()),
                        j.has("cancelled") && j.get("cancelled").getAsBoolean()));
            }
            return out;
        } catch (RuntimeException e) {
            throw new IOException(f + ": not a record of SLURM submissions: " + e.getMessage(), e);
        }
    }

    private static void writeSubmissions(Path dir, List<Submission> all) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", "myoflow-sweep-slurm");
        JsonArray jobs = new JsonArray();
        for (Submission s : all) {
            JsonObject j = new JsonObject();
            j.addProperty("job", s.jobId());
            j.addProperty("array", SlurmClient.arraySpec(s.indices()));
            j.addProperty("tasks", s.indices().size());
            j.addProperty("submitted", s.submitted().toString());
            j.addProperty("script", s.script().getFileName().toString());
            if (s.cancelled()) {
                j.addProperty("cancelled", true);
            }
            jobs.add(j);
        }
        o.add("jobs", jobs);
        Path target = dir.resolve(SLURM).resolve(JOBS_JSON);
        Path tmp = Files.createTempFile(target.getParent(), ".jobs", ".tmp");
        try {
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A word for a POSIX shell in single quotes. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
