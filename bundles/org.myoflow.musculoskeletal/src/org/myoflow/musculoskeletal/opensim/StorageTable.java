package org.myoflow.musculoskeletal.opensim;

import java.nio.file.Path;
import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.io.OpenSimStorage;

/**
 * The numbers of an OpenSim storage file ({@code .sto}/{@code .mot}) as the coordinate and moment tables need them,
 * read by the io bundle's storage reader ({@link OpenSimStorage#readTable(Path)}: the same header, label and cell
 * rules as every other reader of these files) with the rows exactly as written, not resampled: static optimisation
 * solves at the coordinates file's own times and the MuscleAnalysis files are checked row by row for the same times.
 * Messages name the file and line.
 */
record StorageTable(String name, List<String> labels, List<double[]> rows, boolean inDegrees) {

    /**
     * @param increasingTime when true, a time that does not increase from one row to the next is an error naming
     *                       the line
     * @throws DataException for a file that cannot be read, has no {@code endheader}, no label line or no data row,
     *                       a row with another number of values than labels, or a value that is not a number
     */
    static StorageTable read(Path file, boolean increasingTime) {
        String fn = file.getFileName().toString();
        OpenSimStorage.Table t = OpenSimStorage.readTable(file);
        double[][] rows = t.rows();
        if (increasingTime) {
            for (int r = 1; r < rows.length; r++) {
                if (!(rows[r][0] > rows[r - 1][0])) {
                    throw new DataException(fn + ":" + t.lines()[r] + ": time " + rows[r][0] + " does not increase");
                }
            }
        }
        return new StorageTable(fn, t.labels(), List.of(rows), t.inDegrees());
    }
}
