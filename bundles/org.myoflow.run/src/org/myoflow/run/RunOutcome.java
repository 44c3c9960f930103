package org.myoflow.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunResult;

/**
 * How a run or a validation ended: the status (with its exit code), the lines to show the user, and on success the
 * engine's result and the published run folder.
 *
 * @param status    how it ended
 * @param messages  lines for the user: on failure what went wrong and where (node, port, parameter, file); empty
 *                  on success (see {@link #summary()})
 * @param result    the engine's result (null unless the pipeline ran to the end)
 * @param runFolder the published run folder (null unless {@link Status#OK} and a run folder was written)
 * @param pipeline  the name of the pipeline that was run or checked (null when none was found)
 * @param seconds   wall time from loading to the published folder
 * @param cause     the exception behind a {@link Status#STEP_FAILED} (for a log or a stack trace), else null
 * @since 0.2
 */
public record RunOutcome(Status status, List<String> messages, RunResult result, Path runFolder, String pipeline,
        double seconds, Throwable cause) {

    /** How a run ended; each status has the exit code the command line returns. */
    public enum Status {
        /** The run completed and its folder is published. */
        OK(0),
        /** The experiment cannot be loaded, the pipeline is invalid, or the request is (usage error). */
        INVALID(2),
        /** A step rejected its input data (a file, a signal) as malformed or out of its domain. */
        BAD_DATA(3),
        /** A step failed, or the results could not be written. */
        STEP_FAILED(4),
        /** The run was cancelled (Ctrl-C, the job's cancel button). */
        CANCELLED(130);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The documented exit code: 0 ok, 2 invalid, 3 bad input data, 4 step failed, 130 cancelled. */
        public int exitCode() {
            return exitCode;
        }
    }

    public RunOutcome {
        messages = List.copyOf(messages);
    }

    static RunOutcome failed(Status status, String pipeline, Throwable cause, String... lines) {
        return new RunOutcome(status, List.of(lines), null, null, pipeline, 0, cause);
    }

    /** The exit code of {@link #status()}. */
    public int exitCode() {
        return status.exitCode();
    }

    /** Whether the run completed. */
    public boolean ok() {
        return status == Status.OK;
    }

    /** Nodes whose outputs came from the result cache. */
    public long cachedNodes() {
        return result == null ? 0 : result.nodes().stream().filter(NodeResult::fromCache).count();
    }

    /**
     * One line for the user: on success {@code Ran 'p' (n nodes, k from cache) in s; results in DIR}, otherwise
     * the messages joined.
     */
    public String summary() {
        if (status != Status.OK || result == null) {
            return String.join(System.lineSeparator(), messages);
        }
        long cached = cachedNodes();
        return String.format(Locale.ROOT, "Ran '%s' (%d nodes%s) in %.2f s; results in %s", pipeline,
                result.nodes().size(), cached == 0 ? "" : ", " + cached + " from cache", seconds,
                runFolder == null ? "(not written)" : runFolder.toAbsolutePath().normalize());
    }
}
