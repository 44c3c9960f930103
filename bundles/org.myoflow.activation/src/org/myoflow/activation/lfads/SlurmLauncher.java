package org.myoflow.activation.lfads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.myoflow.core.spi.Progress;

/**
 * Trains a generation's members as one SLURM array job, one array task per member (the task id is the member's
 * index): a job script {@code DIR/gen-<g>/job.sh} with the resource options and a line running the command (by
 * default the headless product, {@code ./myoflow lfads member}) on
 * {@code DIR/gen-<g>/member-$SLURM_ARRAY_TASK_ID/spec.json}, each task's output in its member's
 * {@link PopulationFiles#LOG}. Waits by polling the job's tasks ({@code squeue}) and the members' score files; when
 * the progress says cancel (Ctrl-C of the run), or anything goes wrong while waiting, it cancels the job
 * ({@code scancel}). DIR must be on a file system the compute nodes share with this process.
 *
 * @since 0.3
 */
public final class SlurmLauncher implements MemberLauncher {

    /** What the launcher asks of SLURM (the real commands by default; tests may script it). */
    public interface Scheduler {
        /** Submits a batch script ({@code sbatch --parsable}); returns the job id. */
        String submit(Path script) throws IOException;

        /** The job's tasks SLURM still knows as pending or running, as {@code "<id> <state> <reason>"} lines. */
        List<String> active(String jobId) throws IOException;

        /** Cancels the job and all its tasks ({@code scancel}). */
        void cancel(String jobId) throws IOException;
    }

    private final List<String> command;
    private final List<String> options;
    private final Scheduler scheduler;
    private final long pollMillis;

    /**
     * @param command the program and its arguments before the spec's path
     * @param options sbatch options, one per element as they follow {@code #SBATCH } (e.g. {@code --mem=2G})
     */
    public SlurmLauncher(List<String> command, List<String> options) {
        this(command, options, commands(), 1000);
    }

    /** As {@link #SlurmLauncher(List, List)}, with another scheduler and poll interval. */
    public SlurmLauncher(List<String> command, List<String> options, Scheduler scheduler, long pollMillis) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to start the members with");
        }
        for (String o : options) {
            if (!o.startsWith("-") || o.contains("\n") || o.contains("\r")) {
                throw new IllegalArgumentException("sbatch option '" + o + "': expected one option such as "
                        + "--qos=short");
            }
        }
        this.command = List.copyOf(command);
        this.options = List.copyOf(options);
        this.scheduler = scheduler;
        this.pollMillis = pollMillis;
    }

    /**
     * The sbatch options of the resources the sweep takes ({@code --cpus --mem --time --partition --account
     * --profile}): a profile file's options first (one per line, with or without {@code #SBATCH}; {@code #}
     * comments), then the explicit ones, which override them. Null or blank: not given.
     */
    public static List<String> resources(Integer cpus, String mem, String time, String partition, String account,
            Path profile) throws IOException {
        List<String> o = new ArrayList<>();
        if (profile != null) {
            List<String> lines = Files.readAllLines(profile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.startsWith("#SBATCH")) {
                    l = l.substring("#SBATCH".length()).strip();
                } else if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (!l.startsWith("-")) {
                    throw new IllegalArgumentException(profile + ":" + (i + 1) + ": '" + l
                            + "' is not an sbatch option (expected e.g. --qos=short or #SBATCH --qos=short)");
                }
                o.add(l);
            }
        }
        if (cpus != null && cpus > 0) {
            o.add("--cpus-per-task=" + cpus);
        }
        add(o, "--mem", mem, "[0-9]+[KMGT]?");
        add(o, "--time", time, "[0-9]+(-[0-9]+)?(:[0-9]+){0,2}");
        add(o, "--partition", partition, "[A-Za-z0-9_.,+-]+");
        add(o, "--account", account, "[A-Za-z0-9_.,+-]+");
        return o;
    }

    private static void add(List<String> o, String option, String value, String pattern) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!value.strip().matches(pattern)) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a value sbatch takes");
        }
        o.add(option + "=" + value.strip());
    }

    @Override
    public void run(List<Path> specs, Progress progress) throws IOException {
        if (specs.isEmpty()) {
            return;
        }
        Path gen = specs.get(0).toAbsolutePath().getParent().getParent();
        List<Integer> members = new ArrayList<>();
        for (Path s : specs) {
            Path folder = s.toAbsolutePath().getParent();
            if (!folder.getParent().equals(gen) || !folder.getFileName().toString().startsWith("member-")
                    || !s.getFileName().toString().equals(PopulationFiles.SPEC)) {
                throw new IllegalArgumentException("SLURM members must be " + gen + "/member-<i>/"
                        + PopulationFiles.SPEC + ", got " + s);
            }
            members.add(Integer.parseInt(folder.getFileName().toString().substring("member-".length())));
        }
        Path script = gen.resolve("job.sh");
        Files.writeString(script, script(gen, members), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // sbatch reads the script; the mode only helps a user who runs it by hand
        }
        String job = scheduler.submit(script);
        Files.writeString(gen.resolve("job-id"), job + "\n", StandardCharsets.UTF_8);
        boolean finished = false;
        // a coordinator stopped by a signal other than Ctrl-C (SIGTERM, a job's time limit) still cancels the job
        Thread hook = new Thread(() -> {
            try {
                scheduler.cancel(job);
            } catch (IOException | RuntimeException e) {
                // nothing more to do while the JVM ends
            }
        }, "myoflow-autolfads-scancel");
        boolean hooked = addHook(hook);
        try {
            while (true) {
                if (progress != null && progress.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                int scored = 0;
                for (Path s : specs) {
                    if (Files.exists(s.getParent().resolve(PopulationFiles.SCORE))) {
                        scored++;
                    }
                }
                List<String> active = scheduler.active(job);
                if (scored == specs.size() || active.isEmpty()) {
                    break;
                }
                if (progress != null) {
                    long running = active.stream().filter(l -> l.contains(" RUNNING")).count();
                    progress.update(scored / (double) specs.size(), String.format(Locale.ROOT,
                            "AutoLFADS SLURM job %s: %d of %d members done, %d running, %d waiting (%s)", job,
                            scored, specs.size(), running, active.size() - running, reason(active)));
                }
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            finished = true;
        } finally {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
            if (!finished) {
                try {
                    scheduler.cancel(job);
                } catch (IOException | RuntimeException e) {
                    // the cancellation (or the error) being reported matters more; say what is left behind
                    System.getLogger(SlurmLauncher.class.getName()).log(System.Logger.Level.WARNING,
                            "could not cancel SLURM job " + job + ": " + e.getMessage());
                }
            }
        }
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }

    private static String reason(List<String> active) {
        for (String l : active) {
            String[] f = l.split(" ", 3);
            if (f.length == 3 && !f[2].isBlank() && !"None".equals(f[2].strip())) {
                return f[2].strip();
            }
        }
        return "-";
    }

    /** The array job's script. */
    String script(Path gen, List<Integer> members) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        String name = "myoflow-autolfads-" + gen.getFileName();
        b.append("#SBATCH --job-name=").append(name).append('\n');
        b.append("#SBATCH --array=").append(String.join(",", members.stream().map(String::valueOf).toList()))
                .append('\n');
        b.append("#SBATCH --output=").append(gen).append("/member-%a/").append(PopulationFiles.LOG).append('\n');
        for (String o : options) {
            b.append("#SBATCH ").append(o).append('\n');
        }
        b.append("# written by Myoflow's AutoLFADS SLURM launcher: one task per member of this generation\n");
        b.append("unset MYOFLOW_REBUILD\n");
        b.append("exec");
        for (String c : command) {
            b.append(' ').append(quote(c));
        }
        b.append(' ').append(quote(gen + "/member-")).append("\"${SLURM_ARRAY_TASK_ID}\"")
                .append(quote("/" + PopulationFiles.SPEC)).append('\n');
        return b.toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** sbatch, squeue and scancel from the PATH. */
    public static Scheduler commands() {
        return new Scheduler() {
            @Override
            public String submit(Path script) throws IOException {
                String out = call(List.of("sbatch", "--parsable", script.toString()));
                String id = out.strip();
                int semi = id.indexOf(';');
                id = semi >= 0 ? id.substring(0, semi) : id;
                if (!id.matches("[0-9]+")) {
                    throw new IOException("sbatch answered '" + out.strip() + "', not a job id");
                }
                return id;
            }

            @Override
            public List<String> active(String jobId) throws IOException {
                List<String> out = new ArrayList<>();
                String text;
                try {
                    text = call(List.of("squeue", "-h", "-j", jobId, "-o", "%i %T %r"));
                } catch (IOException e) {
                    // a job that left the controller's memory is no longer "active"
                    if (e.getMessage() != null && e.getMessage().contains("Invalid job id")) {
                        return out;
                    }
                    throw e;
                }
                for (String l : text.split("\n")) {
                    if (!l.isBlank()) {
                        out.add(l.strip());
                    }
                }
                return out;
            }

            @Override
            public void cancel(String jobId) throws IOException {
                call(List.of("scancel", jobId));
            }
        };
    }

    private static String call(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not answer within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return out;
    }
}
