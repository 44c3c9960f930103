package org.myoflow.musculoskeletal.opensim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;

/**
 * An OpenSim model ({@code .osim}, 3.x and 4.x formats) as far as muscle-tendon geometry needs it: the kinematic
 * tree (bodies, joints and their coordinates, coordinate coupler constraints), the wrap objects and the muscles
 * with their parameters and paths (path points, conditional and moving points, wrap cylinders and spheres; or
 * OpenSim 4.5's function-based paths). From coordinate values it gives muscle-tendon lengths and moment arms
 * ({@code -dL/dq}, as OpenSim defines them). Read with {@link #read(Path)}; what the model holds but Myoflow does not model is listed
 * by {@link #notModelled()}.
 * <p>
 * Units are OpenSim's internal ones: coordinates in rad (rotational) or m (translational), lengths in m. Values
 * are given as arrays in {@link #coordinates()} order; the values of coupled (dependent) coordinates are replaced
 * by their coupler functions.
 *
 * @since 0.3
 */
public final class OpenSimModel {

    /** How a coordinate moves its joint. */
    public enum MotionType {
        ROTATIONAL, TRANSLATIONAL, COUPLED
    }

    /**
     * A generalised coordinate.
     *
     * @param name         the coordinate's name, e.g. "knee_angle_r"
     * @param joint        the joint that owns it
     * @param motionType   rotational (rad), translational (m) or coupled (not converted from degrees)
     * @param defaultValue its default value
     * @param min          lower end of its range
     * @param max          upper end of its range
     * @param locked       whether the model locks it at its default value
     * @param dependentOn  for a coordinate set by a coupler constraint: the independent coordinates; else empty
     */
    public record Coordinate(String name, String joint, MotionType motionType, double defaultValue, double min,
            double max, boolean locked, List<String> dependentOn) {

        /** The column label of its value in an OpenSim 4 states table. */
        public String statePath() {
            return "/jointset/" + joint + "/" + name + "/value";
        }

        public boolean dependent() {
            return !dependentOn.isEmpty();
        }
    }

    /**
     * A muscle and its parameters (NaN where the muscle type has no such parameter).
     *
     * @param name                     the muscle's name
     * @param type                     its OpenSim class, e.g. "Millard2012EquilibriumMuscle"
     * @param maxIsometricForce        N
     * @param optimalFiberLength       m
     * @param tendonSlackLength        m
     * @param pennationAngleAtOptimal  rad
     * @param maxContractionVelocity   optimal fibre lengths per second
     * @param activationTimeConstant   s
     * @param deactivationTimeConstant s
     * @param path                     what its path is: "geometry: N points, M wraps" or "function-based: ..."
     * @param problem                  why its length cannot be computed, or null when it can
     */
    public record Muscle(String name, String type, double maxIsometricForce, double optimalFiberLength,
            double tendonSlackLength, double pennationAngleAtOptimal, double maxContractionVelocity,
            double activationTimeConstant, double deactivationTimeConstant, String path, String problem) {

        /**
         * This muscle's Thelen (2003) curves with its own maximal force, optimal fibre length, tendon slack length,
         * pennation and maximal contraction velocity (Thelen's defaults where the model gives none, zero pennation
         * when absent) and Thelen's default curve shapes: what static optimisation and synergy extrapolation use.
         *
         * @since 0.3
         */
        public org.myoflow.musculoskeletal.ThelenMuscle thelen() {
            double vmax = Double.isNaN(maxContractionVelocity)
                    ? org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_MAX_CONTRACTION_VELOCITY : maxContractionVelocity;
            double penn = Double.isNaN(pennationAngleAtOptimal) ? 0 : pennationAngleAtOptimal;
            return new org.myoflow.musculoskeletal.ThelenMuscle(maxIsometricForce, optimalFiberLength,
                    tendonSlackLength, penn, vmax, org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_FMAX_TENDON_STRAIN,
                    org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_FMAX_MUSCLE_STRAIN,
                    org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_KSHAPE_ACTIVE,
                    org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_KSHAPE_PASSIVE,
                    org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_AF,
                    org.myoflow.musculoskeletal.ThelenMuscle.DEFAULT_FLEN);
        }
    }

    final String name;
    final Path file;
    final List<Coordinate> coordinates;
    final Map<String, Integer> coordinateIndex;
    final Kinematics kinematics;
    final List<Muscle> muscles;
    final List<MusclePath> paths;
    final Map<String, Integer> muscleIndex;
    final List<String> notModelled;
    final boolean openSimCompatible;

    OpenSimModel(String name, Path file, List<Coordinate> coordinates, Kinematics kinematics, List<Muscle> muscles,
            List<MusclePath> paths, List<String> notModelled) {
        this(name, file, coordinates, kinematics, muscles, paths, notModelled, true);
    }

    private OpenSimModel(String name, Path file, List<Coordinate> coordinates, Kinematics kinematics,
            List<Muscle> muscles, List<MusclePath> paths, List<String> notModelled, boolean openSimCompatible) {
        this.openSimCompatible = openSimCompatible;
        this.name = name;
        this.file = file;
        this.coordinates = List.copyOf(coordinates);
        this.kinematics = kinematics;
        this.muscles = List.copyOf(muscles);
        this.paths = List.copyOf(paths);
        this.notModelled = List.copyOf(notModelled);
        Map<String, Integer> ci = new HashMap<>();
        for (int i = 0; i < coordinates.size(); i++) {
            ci.put(coordinates.get(i).name(), i);
        }
        this.coordinateIndex = Collections.unmodifiableMap(ci);
        Map<String, Integer> mi = new LinkedHashMap<>();
        for (int i = 0; i < muscles.size(); i++) {
            mi.put(muscles.get(i).name(), i);
        }
        this.muscleIndex = Collections.unmodifiableMap(mi);
    }

    /**
     * Reads a model.
     *
     * @throws DataException when the file is not a readable model, or uses a joint type, function or path element
     *                       that cannot be modelled (the message names the element and the muscles it affects)
     */
    public static OpenSimModel read(Path osim) {
        return OsimReader.read(osim, null);
    }

    /**
     * Reads a model and replaces the paths of the muscles named in an OpenSim 4.5 {@code FunctionBasedPath} set
     * (e.g. {@code subject_walk_scaled_FunctionBasedPathSet.xml}) by its polynomial length functions.
     */
    public static OpenSimModel read(Path osim, Path functionBasedPaths) {
        return OsimReader.read(osim, functionBasedPaths);
    }

    /**
     * This model measuring wrapped paths on their final geometry. By default lengths are measured as OpenSim 4.4
     * measures them: for a path with several wrap objects OpenSim uses the tangent points' ground positions from
     * the first pass of its wrap iteration (they are cached and not refreshed), which can make its length differ
     * from the final path's by millimetres (e.g. 5.6 mm for med_gas_r of the Rajagopal-derived test model, whose
     * path wraps over the femoral condyles and the shank). The geometry (tangent points, moment arms) is the same.
     *
     * @param consistent true to measure the final geometry, false for OpenSim's lengths
     */
    public OpenSimModel withConsistentWrapping(boolean consistent) {
        return new OpenSimModel(name, file, coordinates, kinematics, muscles, paths, notModelled, !consistent);
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public List<Coordinate> coordinates() {
        return coordinates;
    }

    public List<Muscle> muscles() {
        return muscles;
    }

    /** Model elements that are ignored or cannot be modelled (one line each, naming the element). */
    public List<String> notModelled() {
        return notModelled;
    }

    /** Index of the coordinate in {@link #coordinates()}, or -1. */
    public int coordinateIndex(String coordinate) {
        return coordinateIndex.getOrDefault(coordinate, -1);
    }

    /** Index of the muscle in {@link #muscles()}, or -1. */
    public int muscleIndex(String muscle) {
        return muscleIndex.getOrDefault(muscle, -1);
    }

    /** The default coordinate values (internal units), coupled coordinates set by their couplers. */
    public double[] defaultCoordinates() {
        double[] q = new double[coordinates.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = coordinates.get(i).defaultValue();
        }
        return kinematics.complete(q);
    }

    /**
     * A copy of {@code q} with the dependent coordinates set by their coupler constraints and locked coordinates
     * at their defaults.
     */
    public double[] complete(double[] q) {
        checkLength(q);
        return kinematics.complete(q);
    }

    /**
     * The muscle-tendon length (m) of one muscle at the coordinates {@code q} (internal units, {@link #coordinates()}
     * order; dependent coordinates are recomputed).
     *
     * @throws DataException when the muscle's path cannot be modelled (names the muscle and the element)
     */
    public double length(int muscle, double[] q) {
        checkLength(q);
        double[] full = kinematics.complete(q);
        return paths.get(muscle).length(kinematics.pose(full), full, openSimCompatible);
    }

    /** Lengths of the given muscles at q. */
    public double[] lengths(int[] muscles, double[] q) {
        checkLength(q);
        double[] full = kinematics.complete(q);
        double[][] pose = kinematics.pose(full);
        double[] out = new double[muscles.length];
        for (int i = 0; i < muscles.length; i++) {
            out[i] = paths.get(muscles[i]).length(pose, full, openSimCompatible);
        }
        return out;
    }

    /**
     * Moment arms {@code -dL/dq_j} (m, or dimensionless for translational coordinates) of the given muscles about
     * the given independent coordinates, at q: {@code [muscle][coordinate]}. The derivative is taken with the path's
     * wrap tangent points held fixed on their wrap objects (by the envelope theorem this is the derivative of the
     * wrapped length), by central differences (step 1e-5) of the joint kinematics; coupled coordinates follow their
     * couplers. Values below 1e-9 in magnitude (rounding noise) are returned as 0.
     */
    public double[][] momentArms(int[] muscles, int[] coordinates, double[] q) {
        checkLength(q);
        double[] full = kinematics.complete(q);
        double[][] pose = kinematics.pose(full);
        double[][] out = new double[muscles.length][coordinates.length];
        List<MusclePath.Frozen> frozen = new ArrayList<>();
        for (int m : muscles) {
            frozen.add(paths.get(m).freeze(pose, full));
        }
        for (int j = 0; j < coordinates.length; j++) {
            int c = coordinates[j];
            double h = 1e-5;
            double[] qp = q.clone();
            double[] qm = q.clone();
            qp[c] += h;
            qm[c] -= h;
            double[] fp = kinematics.complete(qp);
            double[] fm = kinematics.complete(qm);
            double[][] pp = kinematics.pose(fp);
            double[][] pm = kinematics.pose(fm);
            for (int i = 0; i < muscles.length; i++) {
                double ma = -(frozen.get(i).length(pp, fp) - frozen.get(i).length(pm, fm)) / (2 * h);
                // differences of lengths that do not depend on the coordinate are rounding noise (~1e-11 m)
                out[i][j] = Math.abs(ma) < 1e-9 ? 0.0 : ma;
            }
        }
        return out;
    }

    private void checkLength(double[] q) {
        if (q.length != coordinates.size()) {
            throw new IllegalArgumentException("model " + name + " has " + coordinates.size()
                    + " coordinates, got " + q.length + " values");
        }
    }
}
