/**
 * A small client for the SLURM workload manager's command-line tools ({@code sbatch}, {@code squeue},
 * {@code scancel}), run as processes: {@link org.myoflow.run.slurm.SlurmClient} submits array jobs, reads the states
 * of their tasks and cancels them; {@link org.myoflow.run.slurm.SlurmResources} holds the resources a job asks for
 * (cpus, memory, time, partition, account and extra {@code #SBATCH} lines from a profile file). Accounting
 * ({@code sacct}) is not needed: a task that squeue no longer lists has ended, and the caller reads its result from
 * the files it wrote (e.g. a run folder).
 *
 * @since 0.3
 */
package org.myoflow.run.slurm;
