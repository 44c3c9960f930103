package org.myoflow.musculoskeletal.opensim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;

/**
 * The outputs of OpenSim's MuscleAnalysis for users who already ran OpenSim: for a prefix such as
 * {@code results/subject_MuscleAnalysis}, the muscle-tendon lengths {@code <prefix>_Length.sto} (m; columns =
 * muscle names) and the moment arms {@code <prefix>_MomentArm_<coordinate>.sto} (m, or dimensionless about a
 * translational coordinate; one file per coordinate, columns = muscle names). Every moment-arm file beside the
 * lengths file is read. The files' {@code inDegrees} flag is ignored: lengths and moment arms are in m whatever it
 * says ({@code -dL/dq} per radian, as OpenSim defines them).
 * <p>
 * Checks: the lengths file's times increase; every moment-arm file has the lengths file's number of rows and, row
 * by row, its times (within 1e-6 s; the message names the file and the row); and exactly its muscles (columns in
 * any order). A moment-arm file that a caller needs but that is absent is named by {@link #requireMomentArms}.
 * <p>
 * Lengthening speeds: OpenSim's {@code _FiberVelocity.sto} is not used, since it is the fibre's velocity under the
 * muscle's own (elastic) tendon state, not the muscle-tendon lengthening speed a rigid-tendon static optimisation
 * needs. {@link #lengtheningSpeed} differentiates the lengths over time by central differences
 * {@code (L[r+1] - L[r-1]) / (t[r+1] - t[r-1])}, one-sided at the first and last rows (0 for a single row); the
 * static optimisation prefers {@code -Σ_j r_ij·q̇_j} from the moment arms and a coordinates file when it has one
 * ({@link OpenSimStaticOptimisation#solve(OpenSimModel, MuscleAnalysis, CoordinateTable,
 * OpenSimStaticOptimisation.Moments, OpenSimStaticOptimisation.Options, List, List,
 * java.util.function.BooleanSupplier)}).
 *
 * @since 0.3
 */
public final class MuscleAnalysis {

    /** Suffix of the lengths file. */
    public static final String LENGTH_SUFFIX = "_Length.sto";
    /** Infix of the moment-arm files: {@code <prefix>_MomentArm_<coordinate>.sto}. */
    public static final String MOMENT_ARM_INFIX = "_MomentArm_";

    /** Tolerance on the agreement of the files' times (s). */
    static final double TIME_TOLERANCE = 1e-6;

    private final Path prefix;
    private final double[] time;
    private final List<String> muscles;
    /** [row][muscle]. */
    private final double[][] lengths;
    /** coordinate → [row][muscle] in the lengths file's muscle order. */
    private final Map<String, double[][]> momentArms;

    private MuscleAnalysis(Path prefix, double[] time, List<String> muscles, double[][] lengths,
            Map<String, double[][]> momentArms) {
        this.prefix = prefix;
        this.time = time;
        this.muscles = List.copyOf(muscles);
        this.lengths = lengths;
        this.momentArms = momentArms;
    }

    /** The prefix of a path that is either the prefix itself or its {@code _Length.sto} file. */
    public static Path prefixOf(Path prefixOrLengthFile) {
        String f = prefixOrLengthFile.getFileName() == null ? "" : prefixOrLengthFile.getFileName().toString();
        if (f.endsWith(LENGTH_SUFFIX) && f.length() > LENGTH_SUFFIX.length()) {
            return prefixOrLengthFile.resolveSibling(f.substring(0, f.length() - LENGTH_SUFFIX.length()));
        }
        return prefixOrLengthFile;
    }

    /** {@code <prefix>_Length.sto}. */
    public static Path lengthFile(Path prefix) {
        return sibling(prefix, LENGTH_SUFFIX);
    }

    /** {@code <prefix>_MomentArm_<coordinate>.sto}. */
    public static Path momentArmFile(Path prefix, String coordinate) {
        return sibling(prefix, MOMENT_ARM_INFIX + coordinate + ".sto");
    }

    private static Path sibling(Path prefix, String suffix) {
        return prefix.resolveSibling(prefix.getFileName().toString() + suffix);
    }

    /**
     * Reads {@code <prefix>_Length.sto} and every {@code <prefix>_MomentArm_<coordinate>.sto} beside it.
     *
     * @param prefixOrLengthFile the prefix (e.g. {@code results/subject_MuscleAnalysis}) or its lengths file
     * @throws DataException when the lengths file is missing or malformed, or a moment-arm file is malformed,
     *                       has other muscles, another number of rows or another time at a row (named)
     */
    public static MuscleAnalysis read(Path prefixOrLengthFile) {
        Path prefix = prefixOf(prefixOrLengthFile);
        if (prefix.getFileName() == null) {
            throw new DataException("MuscleAnalysis prefix " + Excerpt.quoted(prefixOrLengthFile.toString())
                    + " names no file");
        }
        Path lf = lengthFile(prefix);
        if (!Files.isRegularFile(lf)) {
            throw new DataException("MuscleAnalysis prefix " + Excerpt.quoted(prefix.toString()) + ": no file "
                    + lf + " (OpenSim's MuscleAnalysis writes <prefix>_Length.sto and "
                    + "<prefix>_MomentArm_<coordinate>.sto)");
        }
        StorageTable lt = StorageTable.read(lf, true);
        List<String> muscles = lt.labels().subList(1, lt.labels().size());
        checkUnique(lt);
        int rows = lt.rows().size();
        double[] time = new double[rows];
        double[][] lengths = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double[] row = lt.rows().get(r);
            time[r] = row[0];
            lengths[r] = java.util.Arrays.copyOfRange(row, 1, row.length);
        }
        Map<String, double[][]> arms = new LinkedHashMap<>();
        String start = prefix.getFileName().toString() + MOMENT_ARM_INFIX;
        Path dir = prefix.toAbsolutePath().getParent();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(start) && n.endsWith(".sto") && n.length() > start.length() + 4;
            }).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the MuscleAnalysis files: " + Excerpt.message(e.getMessage()),
                    e);
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            String coordinate = n.substring(start.length(), n.length() - 4);
            StorageTable t = StorageTable.read(f, false);
            checkUnique(t);
            List<String> ml = t.labels().subList(1, t.labels().size());
            int[] col = new int[muscles.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = ml.indexOf(muscles.get(i));
                if (col[i] < 0) {
                    throw new DataException(t.name() + ": no column for muscle " + Excerpt.quoted(muscles.get(i))
                            + " of " + lt.name() + ": the MuscleAnalysis files disagree on the muscles");
                }
            }
            for (String m : ml) {
                if (!muscles.contains(m)) {
                    throw new DataException(t.name() + ": muscle " + Excerpt.quoted(m) + " is not in " + lt.name()
                            + ": the MuscleAnalysis files disagree on the muscles");
                }
            }
            if (t.rows().size() != rows) {
                throw new DataException(t.name() + ": " + t.rows().size() + " rows, but " + lt.name() + " has "
                        + rows + ": the MuscleAnalysis files must cover the same times");
            }
            double[][] a = new double[rows][muscles.size()];
            for (int r = 0; r < rows; r++) {
                double[] row = t.rows().get(r);
                if (!(Math.abs(row[0] - time[r]) <= TIME_TOLERANCE)) {
                    throw new DataException(String.format(Locale.ROOT,
                            "%s: row %d: time %s s, but %s has %s s at that row: the MuscleAnalysis files must "
                                    + "cover the same times", t.name(), r + 1, row[0], lt.name(), time[r]));
                }
                for (int i = 0; i < col.length; i++) {
                    a[r][i] = row[col[i] + 1];
                }
            }
            arms.put(coordinate, a);
        }
        return new MuscleAnalysis(prefix, time, muscles, lengths, arms);
    }

    private static void checkUnique(StorageTable t) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : t.labels()) {
            if (!seen.add(l)) {
                throw new DataException(t.name() + ": duplicate column " + Excerpt.quoted(l));
            }
        }
    }

    public Path prefix() {
        return prefix;
    }

    public int rows() {
        return time.length;
    }

    public double time(int row) {
        return time[row];
    }

    /** The muscles (columns of the lengths file, in its order). */
    public List<String> muscles() {
        return muscles;
    }

    /** The coordinates that have a moment-arm file, in file-name order. */
    public List<String> coordinates() {
        return List.copyOf(momentArms.keySet());
    }

    public boolean hasMomentArms(String coordinate) {
        return momentArms.containsKey(coordinate);
    }

    /**
     * Checks that the coordinate has a moment-arm file.
     *
     * @throws DataException naming the missing file
     */
    public void requireMomentArms(String coordinate) {
        if (!hasMomentArms(coordinate)) {
            throw new DataException("no moment-arm file " + momentArmFile(prefix, coordinate) + " for coordinate "
                    + coordinate + " (MuscleAnalysis files found for: "
                    + (momentArms.isEmpty() ? "none" : String.join(", ", momentArms.keySet())) + ")");
        }
    }

    /** Muscle-tendon length (m) at a row; muscle = index in {@link #muscles()}. */
    public double length(int row, int muscle) {
        return lengths[row][muscle];
    }

    /**
     * Moment arm about a coordinate at a row; muscle = index in {@link #muscles()}.
     *
     * @throws DataException when the coordinate has no moment-arm file (naming it)
     */
    public double momentArm(String coordinate, int row, int muscle) {
        requireMomentArms(coordinate);
        return momentArms.get(coordinate)[row][muscle];
    }

    /**
     * Lengthening speed (m/s) at a row by central differences of the lengths over time, one-sided at the ends.
     */
    public double lengtheningSpeed(int row, int muscle) {
        if (time.length < 2) {
            return 0;
        }
        int a = Math.max(0, row - 1);
        int b = Math.min(time.length - 1, row + 1);
        return (lengths[b][muscle] - lengths[a][muscle]) / (time[b] - time[a]);
    }
}
