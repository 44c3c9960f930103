/**
 * Readers and writers of signals and results: CSV, OpenSim {@code .sto}/{@code .mot}, NumPy {@code .npy} with a
 * JSON sidecar. {@link org.myoflow.io.SignalFiles} picks the format from the extension so that there is one way
 * to read a signal on the whole platform. Every parse error is a {@link org.myoflow.core.data.DataException}
 * naming the file and the line (text formats) or the byte offset ({@code .npy}).
 */
package org.myoflow.io;
