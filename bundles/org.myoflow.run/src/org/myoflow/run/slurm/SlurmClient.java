package org.myoflow.run.slurm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs SLURM's {@code sbatch}, {@code squeue} and {@code scancel} as processes ({@link ProcessBuilder}), found on a
 * search path (by default this process's {@code PATH}). A command that is not there fails with exit code 2 and the
 * message {@code "sbatch not found on PATH"}; every command has a time limit ({@link #COMMAND_TIMEOUT}).
 * <p>
 * Accounting ({@code sacct}) is not used, as many small clusters disable it: {@link #tasks} lists the tasks squeue
 * still knows (pending, running, completing); a task it does not list has ended, and the caller reads its outcome
 * from the files the task wrote.
 * <p>
 * Typical use:
 *
 * <pre>
 * SlurmClient slurm = new SlurmClient();
 * String job = slurm.submit(script, List.of(0, 1, 2, 5), resources.options());   // sbatch --array=0-2,5
 * List&lt;SlurmClient.Task&gt; active = slurm.tasks(job);                          // squeue
 * slurm.await(job, Duration.ofSeconds(5), () -&gt; false);                        // until squeue forgets it
 * List&lt;SlurmClient.Task&gt; cancelled = slurm.cancel(job);                       // scancel
 * </pre>
 *
 * Instances are immutable and thread-safe.
 *
 * @since 0.3
 */
public final class SlurmClient {

    /** The longest a SLURM command may take before it is killed and reported as failed. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern JOB_ID = Pattern.compile("[0-9]+");

    /**
     * One task that squeue lists.
     *
     * @param jobId  the array job's id (for a job that is no array: its id)
     * @param index  the array task index (-1: not an array task, or a pending range squeue did not expand)
     * @param state  squeue's state in upper case: {@code PENDING}, {@code RUNNING}, {@code COMPLETING},
     *               {@code CONFIGURING}, {@code SUSPENDED}, ...
     * @param reason squeue's reason ({@code None}, {@code Resources}, {@code Priority}, ...), may be empty
     */
    public record Task(String jobId, int index, String state, String reason) {

        /** Whether the task waits to start ({@code PENDING}, {@code CONFIGURING}, {@code REQUEUED}...). */
        public boolean queued() {
            return state.equals("PENDING") || state.equals("CONFIGURING") || state.startsWith("REQUEUE")
                    || state.equals("SUSPENDED");
        }

        /** Whether the task is running ({@code RUNNING}, {@code COMPLETING}, ...: anything but queued). */
        public boolean running() {
            return !queued();
        }
    }

    private final String searchPath;

    /** A client that finds the commands on this process's {@code PATH}. */
    public SlurmClient() {
        this(System.getenv("PATH"));
    }

    /**
     * A client that finds the commands on a search path.
     *
     * @param searchPath folders separated by {@link File#pathSeparator} (null or empty: none)
     */
    public SlurmClient(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Whether {@code sbatch}, {@code squeue} and {@code scancel} are all on the search path. */
    public boolean available() {
        return find("sbatch") != null && find("squeue") != null && find("scancel") != null;
    }

    /**
     * Submits a batch script ({@code sbatch --parsable [--array=SPEC] OPTIONS SCRIPT}), run in the script's folder.
     *
     * @param script  the job script (its {@code #SBATCH} lines apply; options given here override them)
     * @param indices the array task indices (each 0 or more); null or empty: a job that is no array
     * @param options further sbatch options, e.g. {@link SlurmResources#options()}, {@code --job-name=NAME},
     *                {@code --output=PATTERN}
     * @return the job id sbatch printed
     * @throws SlurmException sbatch is missing (exit code 2), refused the job (2: its message is included), timed out
     *                        or printed no job id (4)
     */
    public String submit(Path script, Collection<Integer> indices, List<String> options) throws SlurmException {
        List<String> cmd = new ArrayList<>();
        cmd.add(command("sbatch"));
        cmd.add("--parsable");
        if (indices != null && !indices.isEmpty()) {
            cmd.add("--array=" + arraySpec(indices));
        }
        cmd.addAll(options);
        cmd.add(script.toAbsolutePath().toString());
        Result r = exec(cmd, script.toAbsolutePath().getParent());
        if (r.exit != 0) {
            throw new SlurmException(2, "sbatch refused the job (exit " + r.exit + "): " + firstLines(r.err, r.out));
        }
        String line = r.out.strip();
        int nl = line.lastIndexOf('\n');
        line = nl >= 0 ? line.substring(nl + 1) : line;
        int semi = line.indexOf(';');
        String id = (semi >= 0 ? line.substring(0, semi) : line).strip();
        if (!JOB_ID.matcher(id).matches()) {
            throw new SlurmException(4, "sbatch printed no job id: '" + firstLines(r.out, r.err) + "'");
        }
        return id;
    }

    /**
     * The tasks of a job that squeue still lists ({@code squeue -h -r -j ID -o %F|%K|%T|%r}), in squeue's order.
     * A job squeue no longer knows gives an empty list.
     *
     * @throws SlurmException squeue is missing (exit code 2), failed otherwise or timed out (4)
     */
    public List<Task> tasks(String jobId) throws SlurmException {
        checkJobId(jobId);
        Result r = exec(List.of(command("squeue"), "-h", "-r", "-j", jobId, "-o", "%F|%K|%T|%r"), null);
        if (r.exit != 0) {
            if ((r.err + r.out).toLowerCase(Locale.ROOT).contains("invalid job id")) {
                return List.of();
            }
            throw new SlurmException(4, "squeue -j " + jobId + " failed (exit " + r.exit + "): "
                    + firstLines(r.err, r.out));
        }
        List<Task> out = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 3) {
                throw new SlurmException(4, "squeue printed an unexpected line: '" + line + "'");
            }
            int index;
            try {
                index = Integer.parseInt(f[1].strip());
            } catch (NumberFormatException e) {
                index = -1;
            }
            out.add(new Task(f[0].strip(), index, f[2].strip().toUpperCase(Locale.ROOT),
                    f.length > 3 ? f[3].strip() : ""));
        }
        return out;
    }

    /**
     * Waits until squeue lists no task of a job (it has ended: completed, failed, cancelled or timed out; read the
     * outcome from the files its tasks wrote), asking squeue every {@code poll}.
     *
     * @param stop asked before each poll; true stops the waiting (the job is left as it is)
     * @return true when the job has ended, false when {@code stop} ended the waiting first
     * @throws SlurmException       squeue is missing (exit code 2), failed or timed out (4)
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public boolean await(String jobId, Duration poll, java.util.function.BooleanSupplier stop)
            throws SlurmException, InterruptedException {
        while (true) {
            if (stop.getAsBoolean()) {
                return false;
            }
            if (tasks(jobId).isEmpty()) {
                return true;
            }
            Thread.sleep(Math.max(1, poll.toMillis()));
        }
    }

    /**
     * Cancels a job, every task of an array job ({@code scancel ID}).
     *
     * @return the tasks squeue listed just before (what was pending or running and is now cancelled)
     * @throws SlurmException scancel or squeue is missing (exit code 2), failed or timed out (4)
     */
    public List<Task> cancel(String jobId) throws SlurmException {
        checkJobId(jobId);
        String scancel = command("scancel");
        List<Task> before = tasks(jobId);
        if (before.isEmpty()) {
            return before;
        }
        Result r = exec(List.of(scancel, jobId), null);
        if (r.exit != 0 && !(r.err + r.out).toLowerCase(Locale.ROOT).contains("invalid job id")) {
            throw new SlurmException(4, "scancel " + jobId + " failed (exit " + r.exit + "): "
                    + firstLines(r.err, r.out));
        }
        return before;
    }

    /**
     * The array specification of a set of indices, ranges compressed and sorted: {@code [0,1,2,5,7,8]} gives
     * {@code 0-2,5,7-8}.
     *
     * @throws IllegalArgumentException an index below 0
     */
    public static String arraySpec(Collection<Integer> indices) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : new TreeSet<>(indices)) {
            if (i < 0) {
                throw new IllegalArgumentException("array index " + i + " is below 0");
            }
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (start != null) {
                appendRange(b, start, prev);
            }
            start = i;
            prev = i;
        }
        if (start != null) {
            appendRange(b, start, prev);
        }
        return b.toString();
    }

    /**
     * The indices of an array specification such as {@code 0-2,5,7-8} (a {@code %N} limit is ignored, a step
     * {@code 0-10:2} is honoured), sorted.
     *
     * @throws IllegalArgumentException text that is no array specification
     */
    public static List<Integer> parseArraySpec(String spec) {
        String s = spec.strip();
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        TreeSet<Integer> out = new TreeSet<>();
        try {
            for (String part : s.split(",")) {
                String p = part.strip();
                int step = 1;
                int colon = p.indexOf(':');
                if (colon >= 0) {
                    step = Integer.parseInt(p.substring(colon + 1));
                    p = p.substring(0, colon);
                }
                int dash = p.indexOf('-');
                int a = Integer.parseInt(dash >= 0 ? p.substring(0, dash) : p);
                int z = dash >= 0 ? Integer.parseInt(p.substring(dash + 1)) : a;
                if (a < 0 || z < a || step < 1 || z - a > 10_000_000) {
                    throw new IllegalArgumentException("array specification '" + spec + "': bad range '" + part + "'");
                }
                for (int i = a; i <= z; i += step) {
                    out.add(i);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("array specification '" + spec + "': expected e.g. 0-7,9");
        }
        return List.copyOf(out);
    }

    private static void appendRange(StringBuilder b, int a, int z) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(a);
        if (z > a) {
            b.append('-').append(z);
        }
    }

    private static void checkJobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("not a SLURM job id: '" + jobId + "'");
        }
    }

    private String find(String name) {
        for (String dir : searchPath.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath().toString();
            }
        }
        return null;
    }

    private String command(String name) throws SlurmException {
        String p = find(name);
        if (p == null) {
            throw new SlurmException(2, name + " not found on PATH (is this a SLURM login node? SLURM's client "
                    + "commands sbatch, squeue and scancel are needed)");
        }
        return p;
    }

    private record Result(int exit, String out, String err) {
    }

    private Result exec(List<String> cmd, Path dir) throws SlurmException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("PATH", searchPath);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String name = Path.of(cmd.get(0)).getFileName().toString();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SlurmException(2, name + " cannot be started: " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(4, name + " did not answer within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlurmException(130, name + " interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLines(String a, String b) {
        String s = (a.isBlank() ? b : a).strip();
        String[] lines = s.split("\n");
        String t = String.join(" / ", java.util.Arrays.asList(lines).subList(0, Math.min(3, lines.length)));
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }
}
