/**
 * Parameter sweeps over the run service: {@link org.myoflow.run.sweep.Sweep} expands a grid (or zipped lists) of
 * parameter values and a list of seeds into {@link org.myoflow.run.sweep.SweepTask}s, each one a normal run folder
 * {@code DIR/tasks/<id>}; {@link org.myoflow.run.sweep.LocalExecutor} runs them on a bounded pool;
 * {@link org.myoflow.run.sweep.SweepResults} reports their status and collects one table. The task folders and
 * {@code sweep.json} are all an executor needs, so another executor (e.g. a cluster's array job) can run the same
 * tasks.
 *
 * @since 0.3
 */
package org.myoflow.run.sweep;
