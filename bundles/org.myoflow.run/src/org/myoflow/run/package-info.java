/**
 * The run service: one implementation of "run a pipeline and publish its run folder" for every front end
 * ({@link org.myoflow.run.RunService}, {@link org.myoflow.run.RunRequest}, {@link org.myoflow.run.RunOutcome}), and
 * the atomic publication and verification of run folders ({@link org.myoflow.run.RunFolders}).
 */
package org.myoflow.run;
