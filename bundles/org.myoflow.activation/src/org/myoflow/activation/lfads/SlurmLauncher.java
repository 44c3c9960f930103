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

import org.myoflow.core.spi.Progress;
import org.myoflow.run.slurm.SlurmClient;
import org.myoflow.run.slurm.SlurmException;
import org.myoflow.run.slurm.SlurmResources;

/**
 * Trains a generation's members as one SLURM array job, one array task per member (the task id is the member's
 * index): a job script {@code DIR/gen-<g>/job.sh} with the resource options and a line running the command (by
 * default the headless product, {@code ./myoflow lfads member}) on
 * {@code DIR/gen-<g>/member-$SLURM_ARRAY_TASK_ID/spec.json}, each task's output in its member's
 * {@link PopulationFiles#LOG}. Waits by polling the job's tasks ({@code squeue}) and the members' score files; when
 * the progress says cancel (Ctrl-C of the run), or anything goes wrong while waiting, it cancels the job
 * ({@code scancel}). DIR must be on a file system the compute nodes share with this process. The SLURM commands
 * are run by {@link SlurmClient}.
 *
 * @since 0.3
 */
public final class SlurmLauncher implements MemberLauncher {

    /** What the launcher asks of SLURM (the real commands by default; tests may script it). */
    public interface Scheduler {
        /** Submits a batch script ({@code sbatch --parsable}); returns the job id. */
        String submit(Path script) throws IOException;

        /** The job's tasks SLURM still lists (pending, running, completing); empty once all have ended. */
        List<SlurmClient.Task> active(String jobId) throws IOException;

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
     * --profile}, as {@link SlurmResources}): a profile file's options first (one per line, with or without
     * {@code #SBATCH}; {@code #} comments), then the explicit ones, which override them. Null, blank or (cpus) 0:
     * not given.
     *
     * @throws IllegalArgumentException a value sbatch would refuse, or a profile line that is no option (the
     *                                  message names the option, or the file and line)
     */
    public static List<String> resources(Integer cpus, String mem, String time, String partition, String account,
            Path profile) throws IOException {
        SlurmResources r = new SlurmResources(cpus == null || cpus == 0 ? null : cpus, given(mem), given(time),
                given(partition), given(account), List.of());
        return (profile == null ? r : r.withProfile(SlurmResources.readProfile(profile))).options();
    }

    private static String given(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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
                List<SlurmClient.Task> active = scheduler.active(job);
                if (scored == specs.size() || active.isEmpty()) {
                    break;
                }
                if (progress != null) {
                    long running = active.stream().filter(SlurmClient.Task::running).count();
                    progress.update(scored / (double) specs.size(), String.format(Locale.ROOT,
                            "SLURM job %s: %d of %d members done, %d running, %d waiting (%s)", job,
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

    private static String reason(List<SlurmClient.Task> active) {
        for (SlurmClient.Task t : active) {
            if (t.queued() && !t.reason().isBlank() && !"None".equals(t.reason())) {
                return t.reason();
            }
        }
        return "-";
    }

    /** The array job's script. */
    String script(Path gen, List<Integer> members) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        String name = "myoflow-autolfads-" + gen.getFileName();
        b.append("#SBATCH --job-name=").append(name).append('\n');
        b.append("#SBATCH --array=").append(SlurmClient.arraySpec(members))
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

    /** sbatch, squeue and scancel from the PATH ({@link SlurmClient}). */
    public static Scheduler commands() {
        SlurmClient client = new SlurmClient();
        return new Scheduler() {
            @Override
            public String submit(Path script) throws IOException {
                try {
                    return client.submit(script, null, List.of());
                } catch (SlurmException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public List<SlurmClient.Task> active(String jobId) throws IOException {
                try {
                    return client.tasks(jobId);
                } catch (SlurmException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public void cancel(String jobId) throws IOException {
                try {
                    client.cancel(jobId);
                } catch (SlurmException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }
}
