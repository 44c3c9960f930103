package org.myoflow.musculoskeletal.opensim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;

/**
 * The numbers of an OpenSim storage file ({@code .sto}/{@code .mot}) as the coordinate and moment tables need them:
 * the header up to {@code endheader} (only {@code inDegrees} is used), one label line whose first label is
 * {@code time}, then rows of numbers separated by white space. Messages name the file and line and quote at most a
 * short, escaped excerpt of what they could not read.
 * <p>
 * Why not {@code org.myoflow.io.OpenSimStorage} (the io bundle's tolerant reader; this bundle could import it
 * without a cycle, io does not import musculoskeletal): it returns a {@code Signal} on a uniform time axis,
 * resampling the non-uniform times of OpenSim's variable-step outputs by linear interpolation, and keeps no raw
 * row times or line numbers. The kinematics tables here must keep the rows exactly as written: static
 * optimisation solves at the coordinates file's own times, the MuscleAnalysis files are checked row by row for
 * the same times (messages name the row), and a time that does not increase is an error naming the line. Sharing
 * the io parser would need a raw-table entry point in {@code OpenSimStorage} (its header and cell parsing
 * without {@code TimeAxis}); until then the two readers accept the same OpenSim files written by OpenSim's tools
 * (tab- or white-space-separated, header to {@code endheader}), and this one refuses the spreadsheet variants
 * (comma-separated cells) that the io reader tolerates.
 */
record StorageTable(String name, List<String> labels, List<double[]> rows, boolean inDegrees) {

    /**
     * @param increasingTime when true, a time that does not increase from one row to the next is an error
     * @throws DataException for a file that cannot be read, has no {@code endheader}, no label line or no data row,
     *                       a row with another number of values than labels, or a value that is not a number
     */
    static StorageTable read(Path file, boolean increasingTime) {
        String fn = file.getFileName().toString();
        List<String> labels = null;
        boolean deg = false;
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.trim();
                if (header) {
                    if (s.equalsIgnoreCase("endheader")) {
                        header = false;
                        continue;
                    }
                    int eq = s.indexOf('=');
                    if (eq > 0 && s.substring(0, eq).trim().equalsIgnoreCase("inDegrees")) {
                        deg = s.substring(eq + 1).trim().toLowerCase(Locale.ROOT).startsWith("y");
                    }
                    continue;
                }
                if (s.isEmpty()) {
                    continue;
                }
                if (labels == null) {
                    labels = List.of(s.split(s.contains("\t") ? "\t" : "\\s+")).stream().map(String::trim).toList();
                    if (!labels.get(0).equalsIgnoreCase("time")) {
                        throw new DataException(fn + ":" + lineNo + ": the first column label must be 'time', is "
                                + Excerpt.quoted(labels.get(0)));
                    }
                    continue;
                }
                String[] cells = s.split("\\s+");
                if (cells.length != labels.size()) {
                    throw new DataException(fn + ":" + lineNo + ": expected " + labels.size() + " values, found "
                            + cells.length);
                }
                double[] r = new double[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    try {
                        r[i] = Double.parseDouble(cells[i]);
                    } catch (NumberFormatException e) {
                        throw new DataException(fn + ":" + lineNo + ": column " + Excerpt.quoted(labels.get(i)) + ": "
                                + Excerpt.quoted(cells[i]) + " is not a number");
                    }
                }
                if (increasingTime && !rows.isEmpty() && !(r[0] > rows.get(rows.size() - 1)[0])) {
                    throw new DataException(fn + ":" + lineNo + ": time " + Excerpt.quoted(cells[0])
                            + " does not increase");
                }
                rows.add(r);
            }
            if (header) {
                throw new DataException(fn + ": no 'endheader' line: not an OpenSim storage file");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + Excerpt.message(e.getMessage()), e);
        }
        if (labels == null || rows.isEmpty()) {
            throw new DataException(fn + ": no data rows");
        }
        return new StorageTable(fn, labels, rows, deg);
    }
}
