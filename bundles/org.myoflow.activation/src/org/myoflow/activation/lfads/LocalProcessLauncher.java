package org.myoflow.activation.lfads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.myoflow.core.spi.Progress;

/**
 * Trains each member in a process of its own on this machine, at most {@code parallel} at a time: the command
 * (by default the headless product, {@code ./myoflow lfads member}) followed by the member's spec, its output in
 * the member's {@link PopulationFiles#LOG}. Cancelling stops the processes (and their children).
 *
 * @since 0.3
 */
public final class LocalProcessLauncher implements MemberLauncher {

    private final List<String> command;
    private final int parallel;

    /**
     * @param command  the program and its arguments before the spec's path
     * @param parallel members at a time (at least 1)
     */
    public LocalProcessLauncher(List<String> command, int parallel) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to start the members with");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.command = List.copyOf(command);
        this.parallel = parallel;
    }

    /**
     * The command that runs a member with the headless product this process belongs to:
     * {@code <myoflow.home>/myoflow lfads member}.
     *
     * @throws IllegalStateException when this process was not started by {@code ./myoflow} (no {@code myoflow.home})
     */
    public static List<String> productCommand() {
        String home = System.getProperty("myoflow.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("training AutoLFADS members in processes needs the headless product: "
                    + "start Myoflow with ./myoflow (the system property myoflow.home names its folder), or use the "
                    + "in-process runner");
        }
        Path script = Path.of(home).resolve("myoflow").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script + " (myoflow.home = " + home + ")");
        }
        return List.of(script.toString(), "lfads", "member");
    }

    @Override
    public void run(List<Path> specs, Progress progress) throws IOException {
        Deque<Path> waiting = new ArrayDeque<>(specs);
        Map<Process, Path> running = new LinkedHashMap<>();
        int done = 0;
        boolean finished = false;
        try {
            while (!waiting.isEmpty() || !running.isEmpty()) {
                if (progress != null && progress.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                while (!waiting.isEmpty() && running.size() < parallel) {
                    Path spec = waiting.removeFirst();
                    running.put(start(spec), spec);
                }
                List<Process> ended = new ArrayList<>();
                for (Process p : running.keySet()) {
                    if (!p.isAlive()) {
                        ended.add(p);
                    }
                }
                for (Process p : ended) {
                    Path spec = running.remove(p);
                    int rc = p.exitValue();
                    if (rc != 0) {
                        Files.writeString(spec.getParent().resolve(PopulationFiles.LOG),
                                "[myoflow: the member's process exited with code " + rc + "]\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                    done++;
                    if (progress != null) {
                        progress.update(done / (double) specs.size(), String.format(Locale.ROOT,
                                "members: %d of %d done, %d running", done, specs.size(), running.size()));
                    }
                }
                if (ended.isEmpty()) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
            }
            finished = true;
        } finally {
            if (!finished) {
                stop(running.keySet());
            }
        }
    }

    private Process start(Path spec) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(spec.toAbsolutePath().toString());
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.redirectErrorStream(true);
        b.redirectOutput(spec.getParent().resolve(PopulationFiles.LOG).toFile());
        b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // a member must run the product as it is, never rebuild it
        b.environment().remove("MYOFLOW_REBUILD");
        return b.start();
    }

    /** Stops the processes and their descendants: SIGTERM, then SIGKILL after 5 s. */
    private static void stop(Iterable<Process> processes) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
