package org.myoflow.activation.lfads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.myoflow.core.spi.Progress;

/**
 * Starts the training of a generation's members, each from its spec ({@link PopulationFiles}), and waits until
 * every one has ended: {@link LocalProcessLauncher} (processes on this machine), {@link SlurmLauncher} (one SLURM
 * array job per generation) or {@link #inThisProcess()} (the same file protocol without processes).
 *
 * <p>A launcher does not judge the members: a member that wrote its score is done, one that did not has failed, and
 * {@link ProcessRunner} reports it with the last lines of its log ({@link PopulationFiles#LOG} beside the spec).
 *
 * @since 0.3
 */
@FunctionalInterface
public interface MemberLauncher {

    /**
     * Trains the members and returns when each has ended (written its score, or failed).
     *
     * @param specs    the members' specs, each in its own folder {@code DIR/gen-<g>/member-<i>}
     * @param progress cancellation (the launcher stops the members and throws
     *                 {@link java.util.concurrent.CancellationException}) and progress messages; may be null
     * @throws IOException when the members cannot be started at all
     */
    void run(List<Path> specs, Progress progress) throws IOException;

    /**
     * The members trained one after the other in this process by {@link PopulationFiles#runMember}, through the
     * same files as the other launchers (for tests, and where starting processes is not wanted). A member that
     * throws is a failed member: its message goes to its log.
     */
    static MemberLauncher inThisProcess() {
        return (specs, progress) -> {
            for (Path spec : specs) {
                if (progress != null) {
                    progress.checkCancelled();
                }
                try {
                    PopulationFiles.runMember(spec, progress);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof java.util.concurrent.CancellationException c) {
                        throw c;
                    }
                    java.nio.file.Files.writeString(spec.getParent().resolve(PopulationFiles.LOG),
                            "member failed: " + e + "\n", java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        };
    }
}
