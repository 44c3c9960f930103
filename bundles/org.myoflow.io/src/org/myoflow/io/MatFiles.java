package org.myoflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.myoflow.core.data.Signal;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Writes a signal as a MATLAB level-5 MAT-file (readable by MATLAB, SciPy's {@code loadmat} and
 * {@code myoflow inspect}): {@code data} (samples x channels, double), {@code fs} (Hz), {@code t0} (s),
 * {@code labels} and {@code units} (cell arrays of strings), {@code quantity} (string).
 *
 * @since 0.2
 */
public final class MatFiles {

    private MatFiles() {
    }

    public static void write(Signal s, Path file) {
        int n = s.sampleCount();
        int nc = s.channelCount();
        Matrix data = Mat5.newMatrix(n, nc);
        for (int c = 0; c < nc; c++) {
            double[] d = s.channel(c);
            for (int i = 0; i < n; i++) {
                data.setDouble(i, c, d[i]);
            }
        }
        Cell labels = Mat5.newCell(1, nc);
        Cell units = Mat5.newCell(1, nc);
        for (int c = 0; c < nc; c++) {
            labels.set(0, c, Mat5.newString(s.labels().get(c)));
            units.set(0, c, Mat5.newString(s.units().get(c)));
        }
        Mat5File mat = Mat5.newMatFile();
        mat.addArray("data", data);
        mat.addArray("fs", Mat5.newScalar(s.samplingRate()));
        mat.addArray("t0", Mat5.newScalar(s.startTime()));
        mat.addArray("labels", labels);
        mat.addArray("units", units);
        mat.addArray("quantity", Mat5.newString(s.quantity() == null ? "" : s.quantity()));
        try {
            Mat5.writeToFile(mat, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
