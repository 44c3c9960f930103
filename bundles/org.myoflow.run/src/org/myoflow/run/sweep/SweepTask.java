package org.myoflow.run.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.myoflow.run.RunFolders;
import org.myoflow.run.RunRequest;

/**
 * One task of a sweep: the parameter overrides and the seed of one run, with a stable id ({@code t0001}, ...) that
 * names its run folder {@code DIR/tasks/<id>} and its log {@code DIR/tasks/<id>.log}.
 *
 * @param index the task's position in the sweep (0-based; an array job's task index)
 * @param id    the stable id, {@code t} and the 1-based index with at least four digits
 * @param sets  the overrides {@code node.param -> value}, in grid order
 * @param seed  the experiment seed (null: the file's)
 * @since 0.3
 */
public record SweepTask(int index, String id, Map<String, String> sets, Long seed) {

    public SweepTask {
        Objects.requireNonNull(id, "id");
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    /** The id of the task at a 0-based index. */
    public static String idOf(int index) {
        return String.format(java.util.Locale.ROOT, "t%04d", index + 1);
    }

    /** The task's run folder in a sweep folder. */
    public Path folder(Path sweepDir) {
        return sweepDir.resolve(Sweep.TASKS).resolve(id);
    }

    /** The task's log (status line and the run's messages) in a sweep folder. */
    public Path log(Path sweepDir) {
        return sweepDir.resolve(Sweep.TASKS).resolve(id + ".log");
    }

    /** Whether the task's run folder is there and complete ({@link RunFolders#verify}). */
    public boolean complete(Path sweepDir) {
        Path f = folder(sweepDir);
        return java.nio.file.Files.isDirectory(f) && RunFolders.verify(f).isEmpty();
    }

    /** Adds the task's overrides and seed to a request (its out folder is the caller's choice). */
    public RunRequest applyTo(RunRequest request) {
        request.setAll(sets);
        if (seed != null) {
            request.seed(seed);
        }
        return request;
    }
}
