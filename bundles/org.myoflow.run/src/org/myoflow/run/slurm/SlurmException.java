package org.myoflow.run.slurm;

/**
 * A SLURM command is missing, failed or answered something unexpected. {@link #exitCode()} is the Myoflow exit code
 * the failure maps to: 2 (a command is not on the PATH, or sbatch refused the job: usage or resources), 130 (the
 * calling thread was interrupted), 4 (a
 * command failed or timed out).
 *
 * @since 0.3
 */
public class SlurmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode the Myoflow exit code (2 or 4)
     * @param message  what failed, naming the command
     */
    public SlurmException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The Myoflow exit code: 2 (missing command, job refused) or 4 (command failed). */
    public int exitCode() {
        return exitCode;
    }
}
