package org.myoflow.musculoskeletal.opensim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.myoflow.core.data.DataException;
import org.myoflow.musculoskeletal.ThelenMuscle;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Coordinate;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.MotionType;
import org.myoflow.musculoskeletal.opensim.OpenSimModel.Muscle;

/**
 * Static optimisation over all coordinates of an OpenSim model, in the formulation of OpenSim's
 * {@code StaticOptimization} analysis: for each row of a coordinates table, the muscle activations {@code a_i}
 * and reserve controls {@code x_j} minimising {@code Σ a_i² + Σ x_j²} subject to, for every constrained
 * coordinate j,
 *
 * <pre>
 *   Σ_i r_ij(q)·(a_i·c_i + p_i) + R·x_j = τ_j
 * </pre>
 *
 * with {@code aMin ≤ a_i ≤ aMax}, the inverse-dynamics generalised force {@code τ_j}, moment arms
 * {@code r_ij = -dL_i/dq_j} ({@link OpenSimModel#momentArms}), a reserve actuator of optimal force R per coordinate
 * (its generalised force is {@code R·x_j}; a small R makes the reserve expensive), the active force at full
 * activation {@code c_i} and the passive force {@code p_i} along the tendon.
 * <p>
 * The tendon is rigid: the fibre length follows from the muscle-tendon length, {@code (L - lTs)/cos α} with the
 * constant-thickness pennation model, and the fibre velocity from the muscle-tendon velocity
 * {@code -Σ_j r_ij·q̇_j}. With {@link Options#forceLengthVelocity()} (the default, as OpenSim's
 * {@code use_model_force_length_velocity}) {@code c_i = F0·fL(l̃)·fV(ṽ)·cos α} (OpenSim's
 * {@code calcInextensibleTendonActiveFiberForce} at activation 1), else {@code c_i = F0}. The passive force
 * {@code p_i = F0·fPE(l̃)·cos α} is added only with {@link Options#passiveForce()}: OpenSim's analysis overrides
 * each muscle's force by {@code a_i·c_i}, leaving passive force out, and so does the default. The curves are Thelen's (2003)
 * ({@link ThelenMuscle}) for every muscle type, so for Millard or DeGroote-Fregly muscles the forces differ
 * somewhat from OpenSim's, which uses each muscle's own curves. With the default activation exponent 2
 * and the reserves eliminated each row is a convex quadratic programme over the activation box, solved exactly by a
 * primal active-set method (OpenSim solves the same problem with IPOPT). With {@link Options#activationExponent()}
 * p &gt; 2 the muscle cost is {@code Σ a_i^p} (the reserves keep {@code Σ x_j²}, whereas OpenSim raises their
 * controls to p as well); the problem stays convex and is solved by Newton steps, each such a quadratic programme,
 * from the p = 2 solution, to a relative optimality tolerance of 1e-9.
 * <p>
 * Constrained coordinates are the model's independent, unlocked coordinates that at least one muscle spans at
 * some row; a coordinate no muscle spans is balanced by its reserve alone ({@code x_j = τ_j/R}). Every independent,
 * unlocked model coordinate needs a column {@code <coordinate>_moment} (rotational) or {@code <coordinate>_force}
 * (translational) in the inverse-dynamics file, as OpenSim's InverseDynamicsTool writes it, unless the
 * coordinates table has no column for it either (read with {@code allowMissing}: it stays at its default value
 * and is not balanced); the
 * inverse-dynamics values are linearly interpolated to the coordinates' times.
 *
 * @since 0.3
 */
public final class OpenSimStaticOptimisation {

    private OpenSimStaticOptimisation() {
    }

    /**
     * Options.
     *
     * @param minActivation       lower activation bound, in [0, 1)
     * @param maxActivation       upper activation bound, in (minActivation, 1]
     * @param reserveOptimalForce R of every coordinate's reserve actuator (N·m or N), &gt; 0
     * @param forceLengthVelocity scale the muscles' force by their force-length-velocity curves (OpenSim's
     *                            use_model_force_length_velocity)
     * @param passiveForce        add the muscles' passive fibre force (with forceLengthVelocity only); OpenSim's
     *                            analysis overrides each muscle's force by a·c and so leaves it out (default false)
     * @param startTime           first time used (s); rows before it are skipped
     * @param endTime             last time used (s)
     * @param stride              use every stride-th row of the coordinates table (1 = all)
     * @param activationExponent  p of the muscle cost {@code Σ a_i^p}, real, &ge; 2 (OpenSim's
     *                            activation_exponent; default 2, solved exactly as a quadratic programme; p &gt; 2
     *                            by Newton steps, each a box-constrained QP, from the p = 2 solution). The
     *                            reserve cost stays {@code Σ x_j²}
     */
    public record Options(double minActivation, double maxActivation, double reserveOptimalForce,
            boolean forceLengthVelocity, boolean passiveForce, double startTime, double endTime, int stride,
            double activationExponent) {

        /** Options with activation exponent 2 (the constructor before the exponent was added). */
        public Options(double minActivation, double maxActivation, double reserveOptimalForce,
                boolean forceLengthVelocity, boolean passiveForce, double startTime, double endTime, int stride) {
            this(minActivation, maxActivation, reserveOptimalForce, forceLengthVelocity, passiveForce, startTime,
                    endTime, stride, 2);
        }

        public Options {
            if (!(minActivation >= 0 && minActivation < 1)) {
                throw new IllegalArgumentException("minActivation must be in [0, 1), got " + minActivation);
            }
            if (!(maxActivation > minActivation && maxActivation <= 1)) {
                throw new IllegalArgumentException("maxActivation must be in (minActivation, 1], got "
                        + maxActivation);
            }
            if (!(reserveOptimalForce > 0) || Double.isInfinite(reserveOptimalForce)) {
                throw new IllegalArgumentException("reserveOptimalForce must be finite and > 0, got "
                        + reserveOptimalForce);
            }
            if (!(startTime <= endTime)) {
                throw new IllegalArgumentException("startTime " + startTime + " is after endTime " + endTime);
            }
            if (stride < 1) {
                throw new IllegalArgumentException("stride must be >= 1, got " + stride);
            }
            if (!(activationExponent >= 2) || Double.isInfinite(activationExponent)) {
                throw new IllegalArgumentException("activationExponent must be finite and >= 2, got "
                        + activationExponent);
            }
        }

        /**
         * OpenSim's formulation: activations in [0, 1], reserves of optimal force 1, force-length-velocity on,
         * no passive force, all rows.
         */
        public static Options defaults() {
            return new Options(0, 1, 1, true, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
        }

        public Options withPassiveForce(boolean passive) {
            return new Options(minActivation, maxActivation, reserveOptimalForce, forceLengthVelocity, passive,
                    startTime, endTime, stride, activationExponent);
        }

        public Options withReserveOptimalForce(double r) {
            return new Options(minActivation, maxActivation, r, forceLengthVelocity, passiveForce, startTime, endTime,
                    stride, activationExponent);
        }

        public Options withForceLengthVelocity(boolean flv) {
            return new Options(minActivation, maxActivation, reserveOptimalForce, flv, passiveForce, startTime,
                    endTime, stride, activationExponent);
        }

        public Options withActivationBounds(double min, double max) {
            return new Options(min, max, reserveOptimalForce, forceLengthVelocity, passiveForce, startTime, endTime,
                    stride, activationExponent);
        }

        public Options withTimeRange(double start, double end) {
            return new Options(minActivation, maxActivation, reserveOptimalForce, forceLengthVelocity, passiveForce,
                    start, end, stride, activationExponent);
        }

        public Options withStride(int s) {
            return new Options(minActivation, maxActivation, reserveOptimalForce, forceLengthVelocity, passiveForce,
                    startTime, endTime, s, activationExponent);
        }

        /** The activation exponent p (&ge; 2) of the muscle cost {@code Σ a_i^p}. */
        public Options withActivationExponent(double p) {
            return new Options(minActivation, maxActivation, reserveOptimalForce, forceLengthVelocity, passiveForce,
                    startTime, endTime, stride, p);
        }
    }

    /**
     * Inverse-dynamics generalised forces over time, one column per independent, unlocked model coordinate.
     *
     * @param source  the file name (for messages)
     * @param time    s, increasing
     * @param forces  [row][coordinate] in the model's coordinate order; NaN for dependent or locked coordinates
     *                and for missing columns
     * @param missing the expected columns the file does not have ({@code <coordinate>_moment} or
     *                {@code <coordinate>_force}); {@link OpenSimStaticOptimisation#solve} refuses them unless the
     *                coordinate is also missing from the coordinates table
     */
    public record Moments(String source, double[] time, double[][] forces, List<String> missing) {

        /**
         * Reads an inverse-dynamics storage file ({@code <coordinate>_moment} / {@code <coordinate>_force}
         * columns) for the model.
         *
         * @throws DataException for a malformed file
         */
        public static Moments read(Path file, OpenSimModel model) {
            StorageTable table = StorageTable.read(file, true);
            String fn = table.name();
            List<String> labels = table.labels();
            List<double[]> rows = table.rows();
            List<Coordinate> cs = model.coordinates();
            int[] col = new int[cs.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < cs.size(); i++) {
                Coordinate c = cs.get(i);
                col[i] = -1;
                if (c.dependent() || c.locked()) {
                    continue;
                }
                String suffix = c.motionType() == MotionType.TRANSLATIONAL ? "_force" : "_moment";
                col[i] = labels.indexOf(c.name() + suffix);
                if (col[i] < 0) {
                    col[i] = labels.indexOf(c.name() + (suffix.equals("_force") ? "_moment" : "_force"));
                }
                if (col[i] < 0) {
                    missing.add(c.name() + suffix);
                }
            }
            double[] time = new double[rows.size()];
            double[][] f = new double[rows.size()][cs.size()];
            for (int r = 0; r < time.length; r++) {
                time[r] = rows.get(r)[0];
                for (int i = 0; i < cs.size(); i++) {
                    f[r][i] = col[i] < 0 ? Double.NaN : rows.get(r)[col[i]];
                }
            }
            return new Moments(fn, time, f, List.copyOf(missing));
        }

        /** The generalised forces at time t (linear interpolation), or null when t is outside the file's range. */
        double[] at(double t) {
            double tol = 1e-9 * Math.max(1, Math.abs(t));
            if (t < time[0] - tol || t > time[time.length - 1] + tol) {
                return null;
            }
            int k = Arrays.binarySearch(time, t);
            if (k >= 0) {
                return forces[k].clone();
            }
            int hi = -k - 1;
            if (hi <= 0) {
                return forces[0].clone();
            }
            if (hi >= time.length) {
                return forces[time.length - 1].clone();
            }
            double w = (t - time[hi - 1]) / (time[hi] - time[hi - 1]);
            double[] out = new double[forces[hi].length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (1 - w) * forces[hi - 1][i] + w * forces[hi][i];
            }
            return out;
        }
    }

    /**
     * The solution over time.
     *
     * @param time         s, per solved row
     * @param muscles      muscle names (columns of activations and forces)
     * @param coordinates  the independent, unlocked coordinates (columns of reserves and residuals)
     * @param constrained  per coordinate: whether a muscle spans it (false: balanced by its reserve alone)
     * @param activations  [row][muscle]
     * @param forces       tendon forces [row][muscle] in N
     * @param reserves     reserve generalised forces {@code R·x_j} [row][coordinate] (N·m or N)
     * @param residuals    {@code τ_j - Σ r_ij F_i - R·x_j} [row][coordinate]: 0 to solver precision
     */
    public record Result(double[] time, List<String> muscles, List<String> coordinates, boolean[] constrained,
            double[][] activations, double[][] forces, double[][] reserves, double[][] residuals) {

        /** Activation of one muscle over time. */
        public double[] activation(String muscle) {
            int i = muscles.indexOf(muscle);
            if (i < 0) {
                throw new IllegalArgumentException("no muscle " + muscle);
            }
            double[] x = new double[time.length];
            for (int t = 0; t < x.length; t++) {
                x[t] = activations[t][i];
            }
            return x;
        }

        /** Reserve generalised force of one coordinate over time. */
        public double[] reserve(String coordinate) {
            int j = coordinates.indexOf(coordinate);
            if (j < 0) {
                throw new IllegalArgumentException("no coordinate " + coordinate);
            }
            double[] x = new double[time.length];
            for (int t = 0; t < x.length; t++) {
                x[t] = reserves[t][j];
            }
            return x;
        }

        /** Root mean square of the reserve of one coordinate. */
        public double reserveRms(String coordinate) {
            double s = 0;
            for (double v : reserve(coordinate)) {
                s += v * v;
            }
            return Math.sqrt(s / time.length);
        }

        /**
         * Writes {@code file} (activations, columns = muscles) and its sibling {@code <stem>_force<ext>} (muscle
         * forces in N and reserve generalised forces, columns {@code reserve_<coordinate>}), OpenSim storage
         * files like those of OpenSim's StaticOptimization.
         */
        public List<Path> write(Path file) throws IOException {
            String f = file.getFileName().toString();
            int dot = f.lastIndexOf('.');
            Path forceFile = file.resolveSibling((dot > 0 ? f.substring(0, dot) : f) + "_force"
                    + (dot > 0 ? f.substring(dot) : ".sto"));
            writeSto(file, "StaticOptimization_activation", muscles, activations);
            List<String> labels = new ArrayList<>(muscles);
            double[][] data = new double[time.length][];
            for (String c : coordinates) {
                labels.add("reserve_" + c);
            }
            for (int t = 0; t < time.length; t++) {
                double[] row = Arrays.copyOf(forces[t], muscles.size() + coordinates.size());
                System.arraycopy(reserves[t], 0, row, muscles.size(), coordinates.size());
                data[t] = row;
            }
            writeSto(forceFile, "StaticOptimization_force", labels, data);
            return List.of(file, forceFile);
        }

        private void writeSto(Path file, String name, List<String> labels, double[][] data) throws IOException {
            StringBuilder sb = new StringBuilder();
            sb.append(name).append("\nversion=1\nnRows=").append(data.length).append("\nnColumns=")
                    .append(labels.size() + 1).append("\ninDegrees=no\nendheader\ntime");
            for (String l : labels) {
                sb.append('\t').append(l);
            }
            sb.append('\n');
            for (int r = 0; r < data.length; r++) {
                sb.append(time[r]);
                for (double v : data[r]) {
                    sb.append('\t').append(v);
                }
                sb.append('\n');
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        }
    }

    /** Solves every selected row; see {@link #solve(OpenSimModel, CoordinateTable, Moments, Options, BooleanSupplier)}. */
    public static Result solve(OpenSimModel model, CoordinateTable coordinates, Moments moments, Options options) {
        return solve(model, coordinates, moments, options, () -> false);
    }

    /**
     * Solves every selected row of the coordinates table.
     *
     * @param cancelled checked between rows; when true, the rows solved so far are returned
     * @throws DataException when a muscle's path cannot be modelled (naming it), when no row is selected, or when
     *                       a selected row's time is outside the inverse-dynamics file's range
     */
    public static Result solve(OpenSimModel model, CoordinateTable coordinates, Moments moments, Options options,
            BooleanSupplier cancelled) {
        return solve(model, coordinates, moments, options, null, null, cancelled);
    }

    /**
     * Solves every selected row of the coordinates table with a subset of the muscles and coordinates, e.g. one
     * leg of a gait model: only the selected muscles are optimised (the others produce no force) and only the
     * selected coordinates' moments are balanced (the others are ignored, and their inverse-dynamics columns are
     * not needed).
     *
     * @param muscleNames     the muscles to use, in this order (null: all)
     * @param coordinateNames the independent, unlocked coordinates to balance (null: all, as
     *                        {@link #solve(OpenSimModel, CoordinateTable, Moments, Options, BooleanSupplier)})
     * @throws IllegalArgumentException for an unknown muscle or coordinate name, or a dependent or locked coordinate
     * @throws DataException            as the other overload; a selected coordinate without inverse-dynamics column
     *                                  or without a column in the coordinates table is named
     * @since 0.3
     */
    public static Result solve(OpenSimModel model, CoordinateTable coordinates, Moments moments, Options options,
            List<String> muscleNames, List<String> coordinateNames, BooleanSupplier cancelled) {
        int[] mi = selectMuscles(model, muscleNames);
        List<Muscle> ms = new ArrayList<>();
        for (int i : mi) {
            ms.add(model.muscles().get(i));
        }
        for (Muscle m : ms) {
            if (m.problem() != null) {
                throw new DataException(model.name() + ": " + m.problem());
            }
        }
        java.util.Set<String> selectedCoordinates = selectCoordinates(model, coordinateNames, coordinates.missing());
        List<String> names = new ArrayList<>();
        int[] ci = balanced(model, moments, selectedCoordinates, coordinates.missing(), false, names);
        // with a coordinate subset, the fibre velocities still take every moving coordinate's speed
        int[] extra = new int[0];
        if (selectedCoordinates != null) {
            extra = others(model, ci, coordinates.missing());
        }
        final int[] ex = extra;
        double[] times = new double[coordinates.rows()];
        for (int r = 0; r < times.length; r++) {
            times[r] = coordinates.time(r);
        }
        RowSource src = (r, arms, len, vel) -> {
            double[] q = coordinates.values(r);
            double[] qd = coordinates.speeds(r);
            double[][] a = model.momentArms(mi, ci, q);
            double[] l = model.lengths(mi, q);
            double[][] extraArms = ex.length == 0 ? null : model.momentArms(mi, ex, q);
            for (int i = 0; i < mi.length; i++) {
                double v = 0;
                for (int j = 0; j < ci.length; j++) {
                    v -= a[i][j] * qd[ci[j]];
                }
                for (int j = 0; j < ex.length; j++) {
                    v -= extraArms[i][j] * qd[ex[j]];
                }
                arms[i] = a[i];
                len[i] = l[i];
                vel[i] = v;
            }
        };
        return core(ms, ci, names, times, src, moments, options, cancelled);
    }

    /**
     * Static optimisation from OpenSim MuscleAnalysis outputs instead of the model's muscle paths: the muscle-tendon
     * lengths and moment arms are read from {@code <prefix>_Length.sto} and {@code <prefix>_MomentArm_<coordinate>.sto}
     * ({@link MuscleAnalysis}); the model gives the muscles' parameters (maximal isometric force, optimal fibre
     * length, tendon slack length, pennation, maximal contraction velocity) and its coordinates (which are
     * independent, unlocked, rotational or translational), so its paths need not be modellable. The rows are the
     * lengths file's.
     * <p>
     * Lengthening speeds: with a coordinates table, {@code -Σ_j r_ij·q̇_j} over the independent, unlocked model
     * coordinates that have a moment-arm file, with the coordinates table's speeds (its {@code /speed} columns or
     * central differences) at the row of the same time (within 1e-6 s; a row without one is an error) — the same
     * as the model route, which it then reproduces to rounding when the files hold the model's lengths and moment
     * arms; without one, central differences of the lengths over time ({@link MuscleAnalysis#lengtheningSpeed}).
     * <p>
     * Balanced coordinates are chosen as in the model route; each needs a moment-arm file (a missing one is an
     * error naming the file). Without a coordinates table, an independent, unlocked coordinate that has no
     * inverse-dynamics column is not balanced (as a coordinate missing from the coordinates table in the model
     * route); when no coordinate is left, that is an error.
     *
     * @param analysis    the MuscleAnalysis outputs
     * @param coordinates the coordinates table for the lengthening speeds, or null (differentiated lengths)
     * @param muscleNames the muscles to use, in this order (null: the model's muscles, in model order, that the
     *                    lengths file has; a muscle of the lengths file that the model lacks is an error)
     * @throws DataException for a muscle the lengths file lacks, a balanced coordinate without moment-arm file, a
     *                       row without coordinates at its time, or as the other overloads
     * @since 0.3
     */
    public static Result solve(OpenSimModel model, MuscleAnalysis analysis, CoordinateTable coordinates,
            Moments moments, Options options, List<String> muscleNames, List<String> coordinateNames,
            BooleanSupplier cancelled) {
        String lengthFile = MuscleAnalysis.lengthFile(analysis.prefix()).getFileName().toString();
        for (String m : analysis.muscles()) {
            if (model.muscleIndex(m) < 0) {
                throw new DataException(lengthFile + ": muscle " + m + " is not in model " + model.name()
                        + " (the model gives the muscles' parameters)");
            }
        }
        int[] mi;
        if (muscleNames == null) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < model.muscles().size(); i++) {
                if (analysis.muscles().contains(model.muscles().get(i).name())) {
                    in.add(i);
                }
            }
            mi = in.stream().mapToInt(Integer::intValue).toArray();
        } else {
            mi = selectMuscles(model, muscleNames);
        }
        List<Muscle> ms = new ArrayList<>();
        int[] col = new int[mi.length];
        for (int i = 0; i < mi.length; i++) {
            Muscle m = model.muscles().get(mi[i]);
            ms.add(m);
            col[i] = analysis.muscles().indexOf(m.name());
            if (col[i] < 0) {
                throw new DataException(lengthFile + ": no column for muscle " + m.name());
            }
        }
        List<String> missing = coordinates == null ? List.of() : coordinates.missing();
        java.util.Set<String> selectedCoordinates = selectCoordinates(model, coordinateNames, missing);
        List<String> names = new ArrayList<>();
        int[] ci = balanced(model, moments, selectedCoordinates, missing, coordinates == null, names);
        if (ci.length == 0) {
            throw new DataException(moments.source() + ": no inverse-dynamics column for any model coordinate");
        }
        for (String q : names) {
            analysis.requireMomentArms(q);
        }
        // the speeds take every moving coordinate with a moment-arm file: the balanced ones, then the others
        List<Integer> rest = new ArrayList<>();
        for (int i : others(model, ci, missing)) {
            if (analysis.hasMomentArms(model.coordinates().get(i).name())) {
                rest.add(i);
            }
        }
        int[] ex = rest.stream().mapToInt(Integer::intValue).toArray();
        double[] times = new double[analysis.rows()];
        int[] coordinateRow = new int[times.length];
        for (int r = 0; r < times.length; r++) {
            times[r] = analysis.time(r);
            coordinateRow[r] = coordinates == null ? -1 : rowAt(coordinates, times[r]);
        }
        RowSource src = (r, arms, len, vel) -> {
            if (coordinates != null && coordinateRow[r] < 0) {
                throw new DataException(String.format(Locale.ROOT, "%s: row %d: time %s s has no row of the same "
                        + "time in the coordinates file (within %.0e s)", lengthFile, r + 1, times[r],
                        MuscleAnalysis.TIME_TOLERANCE));
            }
            double[] qd = coordinates == null ? null : coordinates.speeds(coordinateRow[r]);
            for (int i = 0; i < mi.length; i++) {
                double[] a = new double[ci.length];
                double v = 0;
                for (int j = 0; j < ci.length; j++) {
                    a[j] = analysis.momentArm(model.coordinates().get(ci[j]).name(), r, col[i]);
                    if (qd != null) {
                        v -= a[j] * qd[ci[j]];
                    }
                }
                if (qd != null) {
                    for (int j = 0; j < ex.length; j++) {
                        v -= analysis.momentArm(model.coordinates().get(ex[j]).name(), r, col[i]) * qd[ex[j]];
                    }
                } else {
                    v = analysis.lengtheningSpeed(r, col[i]);
                }
                arms[i] = a;
                len[i] = analysis.length(r, col[i]);
                vel[i] = v;
            }
        };
        return core(ms, ci, names, times, src, moments, options, cancelled);
    }

    /** The row of the coordinates table at time t (within the MuscleAnalysis tolerance), or -1. */
    private static int rowAt(CoordinateTable c, double t) {
        int lo = 0;
        int hi = c.rows() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double d = c.time(mid) - t;
            if (Math.abs(d) <= MuscleAnalysis.TIME_TOLERANCE) {
                return mid;
            }
            if (d < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** Per row of the table: each muscle's moment arms about the balanced coordinates, length and speed. */
    private interface RowSource {
        void row(int row, double[][] arms, double[] lengths, double[] speeds);
    }

    private static int[] selectMuscles(OpenSimModel model, List<String> muscleNames) {
        List<Muscle> all = model.muscles();
        int[] mi;
        if (muscleNames == null) {
            mi = new int[all.size()];
            for (int i = 0; i < mi.length; i++) {
                mi[i] = i;
            }
        } else {
            mi = new int[muscleNames.size()];
            for (int i = 0; i < mi.length; i++) {
                mi[i] = model.muscleIndex(muscleNames.get(i));
                if (mi[i] < 0) {
                    throw new IllegalArgumentException("model " + model.name() + " has no muscle '"
                            + muscleNames.get(i) + "'");
                }
            }
            if (mi.length == 0) {
                throw new IllegalArgumentException("no muscle selected");
            }
        }
        return mi;
    }

    private static java.util.Set<String> selectCoordinates(OpenSimModel model, List<String> coordinateNames,
            List<String> missing) {
        if (coordinateNames == null) {
            return null;
        }
        java.util.Set<String> selectedCoordinates = new java.util.LinkedHashSet<>(coordinateNames);
        for (String q : coordinateNames) {
            int i = model.coordinateIndex(q);
            if (i < 0) {
                throw new IllegalArgumentException("model " + model.name() + " has no coordinate '" + q + "'");
            }
            Coordinate c = model.coordinates().get(i);
            if (c.dependent() || c.locked()) {
                throw new IllegalArgumentException("coordinate " + q + " is " + (c.locked() ? "locked" : "set by a "
                        + "coupler constraint") + ": it has no moment of its own to balance");
            }
            if (missing.contains(q)) {
                throw new DataException("the coordinates file has no column for coordinate " + q);
            }
        }
        return selectedCoordinates;
    }

    /**
     * The balanced coordinates (model indices; their names added to names): independent, unlocked, selected, with
     * an inverse-dynamics column. A selected coordinate, or one the coordinates table has, without a column is an
     * error; with skipWithoutMoment, unselected ones without a column are skipped.
     */
    private static int[] balanced(OpenSimModel model, Moments moments, java.util.Set<String> selectedCoordinates,
            List<String> missing, boolean skipWithoutMoment, List<String> names) {
        List<Integer> indep = new ArrayList<>();
        List<String> noColumn = new ArrayList<>();
        for (int i = 0; i < model.coordinates().size(); i++) {
            Coordinate c = model.coordinates().get(i);
            if (selectedCoordinates != null && !selectedCoordinates.contains(c.name())) {
                continue;
            }
            boolean noMoment = moments.missing().stream().anyMatch(
                    x -> x.equals(c.name() + "_moment") || x.equals(c.name() + "_force"));
            if (noMoment && (selectedCoordinates != null
                    || (!skipWithoutMoment && !missing.contains(c.name())))) {
                noColumn.add(c.name() + (c.motionType() == MotionType.TRANSLATIONAL ? "_force" : "_moment"));
            }
            if (!c.dependent() && !c.locked() && !noMoment) {
                indep.add(i);
                names.add(c.name());
            }
        }
        if (!noColumn.isEmpty()) {
            throw new DataException(moments.source() + ": no inverse-dynamics column for model coordinate"
                    + (noColumn.size() > 1 ? "s: " : ": ") + String.join(", ", noColumn));
        }
        return indep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Independent, unlocked model coordinates that are not balanced and not missing from the coordinates. */
    private static int[] others(OpenSimModel model, int[] ci, List<String> missing) {
        List<Integer> e = new ArrayList<>();
        for (int i = 0; i < model.coordinates().size(); i++) {
            Coordinate c = model.coordinates().get(i);
            final int k = i;
            if (!c.dependent() && !c.locked() && Arrays.stream(ci).noneMatch(x -> x == k)
                    && !missing.contains(c.name())) {
                e.add(i);
            }
        }
        return e.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Result core(List<Muscle> ms, int[] ci, List<String> names, double[] allTimes, RowSource src,
            Moments moments, Options options, BooleanSupplier cancelled) {
        ThelenMuscle[] curves = new ThelenMuscle[ms.size()];
        for (int i = 0; i < curves.length; i++) {
            curves[i] = ms.get(i).thelen();
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < allTimes.length; r++) {
            double t = allTimes[r];
            if (t >= options.startTime() && t <= options.endTime()) {
                rows.add(r);
            }
        }
        List<Integer> selected = new ArrayList<>();
        for (int k = 0; k < rows.size(); k += options.stride()) {
            selected.add(rows.get(k));
        }
        if (selected.isEmpty()) {
            throw new DataException("no coordinates row in the time range [" + options.startTime() + ", "
                    + options.endTime() + "]");
        }
        int n = selected.size();
        double[][][] arms = new double[n][][];
        double[][] tau = new double[n][];
        double[][] cAct = new double[n][ms.size()];
        double[][] pPas = new double[n][ms.size()];
        double[] time = new double[n];
        boolean[] spanned = new boolean[ci.length];
        double[] len = new double[ms.size()];
        double[] vel = new double[ms.size()];
        int prepared = n;
        for (int k = 0; k < n; k++) {
            if (cancelled.getAsBoolean()) {
                prepared = k;
                break;
            }
            int r = selected.get(k);
            time[k] = allTimes[r];
            tau[k] = moments.at(time[k]);
            if (tau[k] == null) {
                throw new DataException(String.format(Locale.ROOT,
                        "coordinates time %.6f s is outside the inverse-dynamics file's times [%.6f, %.6f] s",
                        time[k], moments.time()[0], moments.time()[moments.time().length - 1]));
            }
            arms[k] = new double[ms.size()][];
            src.row(r, arms[k], len, vel);
            for (int i = 0; i < ms.size(); i++) {
                double v = vel[i];
                for (int j = 0; j < ci.length; j++) {
                    spanned[j] |= arms[k][i][j] != 0;
                }
                if (options.forceLengthVelocity()) {
                    double p = curves[i].rigidTendonForce(0, len[i], v);
                    pPas[k][i] = options.passiveForce() ? p : 0;
                    cAct[k][i] = curves[i].rigidTendonForce(1, len[i], v) - p;
                } else {
                    cAct[k][i] = ms.get(i).maxIsometricForce();
                }
            }
        }
        double rOpt = options.reserveOptimalForce();
        double[][] act = new double[n][];
        double[][] force = new double[n][ms.size()];
        double[][] reserve = new double[n][ci.length];
        double[][] residual = new double[n][ci.length];
        int solved = 0;
        for (int k = 0; k < prepared; k++) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            double[] target = new double[ci.length];
            for (int j = 0; j < ci.length; j++) {
                target[j] = tau[k][ci[j]];
                for (int i = 0; i < ms.size(); i++) {
                    target[j] -= arms[k][i][j] * pPas[k][i];
                }
            }
            double[] x;
            try {
                x = qp(arms[k], cAct[k], target, spanned, rOpt, options);
            } catch (NotConverged e) {
                throw new IllegalStateException(String.format(Locale.ROOT, "static optimisation at time %.6f s "
                        + "(coordinates row %d): %s", time[k], selected.get(k) + 1, e.getMessage()), e);
            }
            act[k] = Arrays.copyOf(x, ms.size());
            for (int i = 0; i < ms.size(); i++) {
                force[k][i] = act[k][i] * cAct[k][i] + pPas[k][i];
            }
            for (int j = 0; j < ci.length; j++) {
                reserve[k][j] = spanned[j] ? rOpt * x[ms.size() + j] : tau[k][ci[j]];
                double res = tau[k][ci[j]] - reserve[k][j];
                for (int i = 0; i < ms.size(); i++) {
                    res -= arms[k][i][j] * force[k][i];
                }
                residual[k][j] = res;
            }
            solved++;
        }
        List<String> usedMuscles = ms.stream().map(Muscle::name).toList();
        return new Result(Arrays.copyOf(time, solved), usedMuscles, List.copyOf(names), spanned,
                Arrays.copyOf(act, solved), Arrays.copyOf(force, solved), Arrays.copyOf(reserve, solved),
                Arrays.copyOf(residual, solved));
    }

    /**
     * One row: with the reserves eliminated ({@code x_j = (b_j - Σ_i A_ji a_i)/R}) the problem is
     * {@code min Σ a_i² + |b - A·a|²/R²} over the activation box, i.e. {@code ½aᵀHa - gᵀa} with
     * {@code H = I + AᵀA/R²}, {@code g = Aᵀb/R²}, {@code A_ji = r_ij·c_i} (spanned coordinates only). Returns the
     * activations followed by the reserve controls x (0 for the coordinates no muscle spans).
     */
    static double[] qp(double[][] arms, double[] c, double[] target, boolean[] spanned, double rOpt, Options o) {
        int nm = c.length;
        int nc = target.length;
        double r2 = rOpt * rOpt;
        double[][] h = new double[nm][nm];
        double[] g = new double[nm];
        double[] col = new double[nm];
        for (int j = 0; j < nc; j++) {
            if (!spanned[j]) {
                continue;
            }
            for (int i = 0; i < nm; i++) {
                col[i] = arms[i][j] * c[i];
                g[i] += col[i] * target[j] / r2;
            }
            for (int i = 0; i < nm; i++) {
                if (col[i] == 0) {
                    continue;
                }
                for (int k = 0; k <= i; k++) {
                    h[i][k] += col[i] * col[k] / r2;
                }
            }
        }
        for (int i = 0; i < nm; i++) {
            h[i][i] += 1;
            for (int k = 0; k < i; k++) {
                h[k][i] = h[i][k];
            }
        }
        double[] a = BoxQp.solve(h, g, o.minActivation(), o.maxActivation());
        if (o.activationExponent() != 2) {
            a = newton(h, g, a, o.activationExponent(), o.minActivation(), o.maxActivation());
        }
        double[] x = Arrays.copyOf(a, nm + nc);
        for (int j = 0; j < nc; j++) {
            if (!spanned[j]) {
                continue;
            }
            double s = target[j];
            for (int i = 0; i < nm; i++) {
                s -= arms[i][j] * c[i] * a[i];
            }
            x[nm + j] = s / rOpt;
        }
        return x;
    }

    /** A row whose activation-exponent iteration did not converge. */
    static final class NotConverged extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotConverged(String message) {
            super(message);
        }
    }

    static final int NEWTON_ITERATIONS = 100;

    /**
     * Activation exponent p &gt; 2: minimises {@code F(a) = ½(Σ a_i^p + aᵀQa) - gᵀa} (half the cost
     * {@code Σ a_i^p + |b - A·a|²/R²} up to a constant, with {@code Q = H - I = AᵀA/R²}) over the box, from the
     * p = 2 solution a0. Each Newton step d minimises the second-order model of F,
     * {@code ½dᵀH_k d + ∇Fᵀd} over {@code lo ≤ a + d ≤ hi} ({@link BoxQp}), with
     * {@code H_k = diag(max(½p(p-1)a_i^{p-2}, 1e-8)) + Q}, followed by a backtracking (Armijo) line search on F. F is convex, so the iteration stops at
     * its minimum, when the natural residual {@code max |a - clamp(a - ∇F)|} is at most 1e-9 of the larger gradient
     * term ({@code ½p·a_i^{p-1}} or {@code |(Qa - g)_i|}), or, where that is below the rounding of {@code Qa - g},
     * after two more steps within the rounding.
     *
     * @throws NotConverged after {@link #NEWTON_ITERATIONS} steps or when the line search finds no decrease
     */
    static double[] newton(double[][] h, double[] g, double[] a0, double p, double lo, double hi) {
        return newton(h, g, a0, p, lo, hi, NEWTON_ITERATIONS);
    }

    /** {@link #newton(double[][], double[], double[], double, double, double)} with at most maxSteps steps. */
    static double[] newton(double[][] h, double[] g, double[] a0, double p, double lo, double hi, int maxSteps) {
        int n = g.length;
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = h[i].clone();
            q[i][i] -= 1;
        }
        double[] a = a0.clone();
        double[] grad = new double[n];
        double[][] hk = new double[n][n];
        double[] gk = new double[n];
        double[] dLo = new double[n];
        double[] dHi = new double[n];
        double[] d = new double[n];
        double[] trial = new double[n];
        double residual = Double.NaN;
        int withinRounding = 0;
        for (int iter = 0; iter <= maxSteps; iter++) {
            double scale = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double qa = 0;
                for (int k = 0; k < n; k++) {
                    qa += q[i][k] * a[k];
                }
                double pw = 0.5 * p * Math.pow(Math.max(a[i], 0), p - 1);
                grad[i] = pw + qa - g[i];
                scale = Math.max(scale, Math.max(pw, Math.abs(qa - g[i])));
                total = Math.max(total, Math.max(Math.abs(qa), Math.abs(g[i])));
            }
            residual = 0;
            for (int i = 0; i < n; i++) {
                double projected = Math.min(hi, Math.max(lo, a[i] - grad[i]));
                residual = Math.max(residual, Math.abs(a[i] - projected));
            }
            // relative to the gradient's two terms; where that is below the rounding of Qa - g, two more Newton
            // steps once within the rounding (Newton converges quadratically there)
            if (residual <= 1e-9 * scale) {
                return a;
            }
            if (residual <= 1e-14 * total && ++withinRounding > 2) {
                return a;
            }
            if (iter == maxSteps) {
                break;
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(q[i], 0, hk[i], 0, n);
                hk[i][i] += Math.max(0.5 * p * (p - 1) * Math.pow(Math.max(a[i], 0), p - 2), 1e-8);
            }
            for (int i = 0; i < n; i++) {
                gk[i] = -grad[i];
                dLo[i] = lo - a[i];
                dHi[i] = hi - a[i];
            }
            double[] step;
            try {
                step = BoxQp.solve(hk, gk, dLo, dHi, 1e-3 * Math.max(1e-9 * scale, 1e-14 * total));
            } catch (IllegalStateException e) {
                throw new NotConverged("activation exponent " + p + ": Newton step " + iter + ": " + e.getMessage());
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                d[i] = step[i];
                slope += grad[i] * d[i];
            }
            if (!(slope < 0)) {
                break;
            }
            double f = cost(q, g, a, p);
            double t = 1;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = Math.min(hi, Math.max(lo, a[i] + t * d[i]));
                }
                double ft = cost(q, g, trial, p);
                // a full step whose predicted decrease is below the cost's rounding is taken (Newton's region)
                if (ft <= f + 1e-4 * t * slope || (t == 1 && -slope <= 1e-13 * Math.max(1, Math.abs(f)))) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                break;
            }
            System.arraycopy(trial, 0, a, 0, n);
        }
        throw new NotConverged(String.format(Locale.ROOT, "activation exponent %s: the Newton iteration did not "
                + "reach the optimality tolerance (residual %.3g after at most %d steps)", p, residual, maxSteps));
    }

    /** F(a) = ½(Σ a_i^p + aᵀQa) - gᵀa. */
    private static double cost(double[][] q, double[] g, double[] a, double p) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
            double qa = 0;
            for (int k = 0; k < a.length; k++) {
                qa += q[i][k] * a[k];
            }
            f += 0.5 * (Math.pow(Math.max(a[i], 0), p) + a[i] * qa) - g[i] * a[i];
        }
        return f;
    }
}
