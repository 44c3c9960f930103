package org.myoflow.deepemg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.myoflow.musculoskeletal.ActivationDynamics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.MuscleTendonUnit;
import org.myoflow.musculoskeletal.TendonModel;

/**
 * Synergy extrapolation (SynX; Ao, Shourijeh, Patten &amp; Fregly 2020, Front Comput Neurosci 14:588943; Ao et al.
 * 2024, J NeuroEng Rehabil 21:194): the excitations of muscles without EMG are built from the synergy activations H [k × samples] of the
 * measured muscles, {@code e_j(t) = clip(Σ_i w_ji·H_i(t), 0, 1)}, with weights chosen so that the joint torque of
 * the musculoskeletal model matches the given (inverse-dynamics) torque:
 *
 * <pre>
 *   minimise  J(w) = Σ_t (τ_model(t) − τ(t))² + λ·Σ_t τ(t)²·||w||²,    l ≤ w ≤ u
 * </pre>
 *
 * where τ_model takes the measured envelopes as the measured muscles' activations and the extrapolated excitations
 * as the missing ones'. The ridge term is scaled by {@code Σ τ²} so that λ is dimensionless and independent of the
 * record length and the torque's size. Bounds: {@code u_i = 1/max_t |H_i(t)|} (a larger weight would drive the
 * excitation past 1 from that synergy alone, so every unclipped truth lies inside), {@code l_i = 0} for a
 * non-negative H_i (NMF) and {@code −u_i} for a row with negative values (PCA scores).
 *
 * <p>Default model: <b>rigid tendon, no activation dynamics</b> (activation = excitation). Muscle force is then
 * affine in activation, {@code F = a·c + p} (as in {@code StaticOptimisation}), so while no excitation is clipped
 * the torque is linear in w and J is a bounded linear least-squares problem, solved exactly by an active-set
 * method. When that solution clips an excitation, or when activation dynamics or an elastic tendon is asked for,
 * it is the start of commons-math3's {@link BOBYQAOptimizer} (Powell 2009; {@link BrentOptimizer} for a single
 * unknown) on the full non-linear J within the same bounds; the better of the two is kept.
 *
 * @since 0.1
 */
public final class SynergyExtrapolation {

    /** Default λ: a light ridge that only matters when synergies are nearly collinear. */
    public static final double DEFAULT_REGULARISATION = 1e-9;

    private final JointModel model;
    private final int[] channelMuscles;
    private final int[] missing;
    private final Options options;

    /**
     * One trial.
     *
     * @param envelopes normalised measured envelopes [channel × samples], each value in [0, 1]
     * @param angles joint angle per sample, rad
     * @param angularVelocities joint angular velocity per sample, rad/s
     * @param torques given (inverse-dynamics) joint torque per sample, N·m, positive = flexion
     */
    public record Trial(double[][] envelopes, double[] angles, double[] angularVelocities, double[] torques) {

        /** Checks the shapes and values and copies the arrays. */
        public Trial {
            int channels = Matrices.checkRectangular(envelopes, "trial envelopes");
            int n = envelopes[0].length;
            if (angles.length != n || angularVelocities.length != n || torques.length != n) {
                throw new IllegalArgumentException("trial: " + n + " envelope samples but " + angles.length
                        + " angles, " + angularVelocities.length + " velocities, " + torques.length + " torques");
            }
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < n; t++) {
                    double e = envelopes[c][t];
                    if (!(e >= 0 && e <= 1)) {
                        throw new IllegalArgumentException("trial: envelope of channel " + c + " at sample " + t
                                + " is " + e + ", outside [0, 1]; normalise by the maximum over all trials first");
                    }
                }
            }
            for (int t = 0; t < n; t++) {
                if (!Double.isFinite(angles[t]) || !Double.isFinite(angularVelocities[t])
                        || !Double.isFinite(torques[t])) {
                    throw new IllegalArgumentException("trial: angle, velocity or torque at sample " + t
                            + " is not finite");
                }
            }
            envelopes = Matrices.copy(envelopes);
            angles = angles.clone();
            angularVelocities = angularVelocities.clone();
            torques = torques.clone();
        }

        @Override
        public double[][] envelopes() {
            return Matrices.copy(envelopes);
        }

        @Override
        public double[] angles() {
            return angles.clone();
        }

        @Override
        public double[] angularVelocities() {
            return angularVelocities.clone();
        }

        @Override
        public double[] torques() {
            return torques.clone();
        }

        /** Number of samples. */
        public int samples() {
            return angles.length;
        }
    }

    /**
     * Fit options.
     *
     * @param regularisation λ ≥ 0 (dimensionless, see the class comment)
     * @param tendon RIGID (default, fast and exact) or ELASTIC (non-linear, slow)
     * @param activationDynamics first-order activation dynamics applied per trial to all excitations, or null for
     *            none (default)
     * @param sampleRate sampling rate in Hz, needed with activation dynamics (NaN otherwise)
     */
    public record Options(double regularisation, TendonModel tendon, ActivationDynamics activationDynamics,
            double sampleRate) {

        /** Validates. */
        public Options {
            Objects.requireNonNull(tendon, "tendon");
            if (!(regularisation >= 0) || Double.isInfinite(regularisation)) {
                throw new IllegalArgumentException("SynX: regularisation must be finite and >= 0, got "
                        + regularisation);
            }
            if (activationDynamics != null && (!(sampleRate > 0) || Double.isInfinite(sampleRate))) {
                throw new IllegalArgumentException("SynX: activation dynamics need a sampling rate > 0 Hz, got "
                        + sampleRate);
            }
        }

        /** λ = {@value SynergyExtrapolation#DEFAULT_REGULARISATION}, rigid tendon, no activation dynamics. */
        public static Options defaults() {
            return new Options(DEFAULT_REGULARISATION, TendonModel.RIGID, null, Double.NaN);
        }

        /** With another λ. */
        public Options withRegularisation(double lambda) {
            return new Options(lambda, tendon, activationDynamics, sampleRate);
        }

        /** With another tendon model. */
        public Options withTendon(TendonModel model) {
            return new Options(regularisation, model, activationDynamics, sampleRate);
        }

        /** With activation dynamics at the given sampling rate (Hz). */
        public Options withActivationDynamics(ActivationDynamics dynamics, double fs) {
            return new Options(regularisation, tendon, Objects.requireNonNull(dynamics, "dynamics"), fs);
        }
    }

    /**
     * The fit.
     *
     * @param missingMuscles model indices of the extrapolated muscles
     * @param missingNames their names
     * @param weights [missing muscle][synergy] weights w_ji
     * @param excitations [muscle model index][sample]: measured envelopes and extrapolated (clipped)
     *            excitations, trials concatenated
     * @param modelTorque model torque per sample, N·m, trials concatenated
     * @param torqueRmse root-mean-square of {@code τ_model − τ}, N·m
     * @param objective J at the weights
     * @param linear true when the bounded linear least-squares solution was kept (exact for a rigid tendon
     *            without activation dynamics when no excitation clips); false when BOBYQA's refinement was kept
     */
    public record Result(int[] missingMuscles, List<String> missingNames, double[][] weights, double[][] excitations,
            double[] modelTorque, double torqueRmse, double objective, boolean linear) {

        /** Defensive copies. */
        public Result {
            missingMuscles = missingMuscles.clone();
            missingNames = List.copyOf(missingNames);
            weights = Matrices.copy(weights);
            excitations = Matrices.copy(excitations);
            modelTorque = modelTorque.clone();
        }

        @Override
        public int[] missingMuscles() {
            return missingMuscles.clone();
        }

        @Override
        public double[][] weights() {
            return Matrices.copy(weights);
        }

        @Override
        public double[][] excitations() {
            return Matrices.copy(excitations);
        }

        @Override
        public double[] modelTorque() {
            return modelTorque.clone();
        }

        /** Excitation of one muscle (model index) over all samples. */
        public double[] excitation(int muscle) {
            return excitations[muscle].clone();
        }
    }

    /**
     * @param model the joint and its muscles
     * @param channelMuscles for each measured channel, the model index of its muscle; every other muscle of the
     *            model is missing and extrapolated
     * @param options fit options
     */
    public SynergyExtrapolation(JointModel model, int[] channelMuscles, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        int muscles = model.muscles().size();
        boolean[] measured = new boolean[muscles];
        for (int c = 0; c < channelMuscles.length; c++) {
            int m = channelMuscles[c];
            if (m < 0 || m >= muscles) {
                throw new IllegalArgumentException("SynX: channel " + c + " maps to muscle index " + m + ", but the "
                        + model.name() + " model has " + muscles + " muscles");
            }
            if (measured[m]) {
                throw new IllegalArgumentException("SynX: muscle '" + model.muscles().get(m).name()
                        + "' is measured by two channels");
            }
            measured[m] = true;
        }
        if (channelMuscles.length == 0) {
            throw new IllegalArgumentException("SynX: no measured channel");
        }
        this.channelMuscles = channelMuscles.clone();
        this.missing = java.util.stream.IntStream.range(0, muscles).filter(m -> !measured[m]).toArray();
        if (missing.length == 0) {
            throw new IllegalArgumentException("SynX: every muscle of the " + model.name()
                    + " model is measured; nothing to extrapolate");
        }
    }

    /**
     * Builds the channel-to-muscle map from muscle names.
     *
     * @throws IllegalArgumentException for a name the model lacks
     */
    public static int[] channelMuscles(JointModel model, List<String> channelMuscleNames) {
        List<String> names = model.muscleNames();
        int[] map = new int[channelMuscleNames.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = names.indexOf(channelMuscleNames.get(c));
            if (map[c] < 0) {
                throw new IllegalArgumentException("SynX: the " + model.name() + " model has no muscle '"
                        + channelMuscleNames.get(c) + "' (it has " + names + ")");
            }
        }
        return map;
    }

    /** Model indices of the missing (extrapolated) muscles. */
    public int[] missingMuscles() {
        return missing.clone();
    }

    /**
     * Divides each channel by its maximum over all trials (docs/science.md#synergy-extrapolation, step 1: normalise by
     * the maximum over all trials). Envelopes [channel × samples] per trial, non-negative; a channel that is zero
     * throughout stays 0.
     */
    public static List<double[][]> normaliseByMaximum(List<double[][]> envelopes) {
        int channels = Matrices.checkRectangular(envelopes.get(0), "envelopes of trial 0");
        double[] max = new double[channels];
        for (int r = 0; r < envelopes.size(); r++) {
            double[][] e = envelopes.get(r);
            if (Matrices.checkRectangular(e, "envelopes of trial " + r) != channels) {
                throw new IllegalArgumentException("envelopes of trial " + r + " have " + e.length
                        + " channels, trial 0 has " + channels);
            }
            for (int c = 0; c < channels; c++) {
                for (double x : e[c]) {
                    if (!(x >= 0) || Double.isInfinite(x)) {
                        throw new IllegalArgumentException("envelopes of trial " + r + ", channel " + c
                                + ": value " + x + " is negative or not finite");
                    }
                    max[c] = Math.max(max[c], x);
                }
            }
        }
        List<double[][]> out = new ArrayList<>();
        for (double[][] e : envelopes) {
            double[][] n = new double[channels][];
            for (int c = 0; c < channels; c++) {
                n[c] = e[c].clone();
                if (max[c] > 0) {
                    for (int t = 0; t < n[c].length; t++) {
                        n[c][t] /= max[c];
                    }
                }
            }
            out.add(n);
        }
        return out;
    }

    /** The trials' envelopes side by side [channel × Σ samples], the matrix to decompose into synergies. */
    public static double[][] concatenateEnvelopes(List<Trial> trials) {
        int channels = trials.get(0).envelopes.length;
        int total = trials.stream().mapToInt(Trial::samples).sum();
        double[][] v = new double[channels][total];
        int offset = 0;
        for (Trial tr : trials) {
            if (tr.envelopes.length != channels) {
                throw new IllegalArgumentException("trials differ in their number of channels: " + channels + " and "
                        + tr.envelopes.length);
            }
            for (int c = 0; c < channels; c++) {
                System.arraycopy(tr.envelopes[c], 0, v[c], offset, tr.samples());
            }
            offset += tr.samples();
        }
        return v;
    }

    /** Decomposes the concatenated envelopes with {@code nmf} and fits the missing weights to its H. */
    public Result fit(List<Trial> trials, Nmf nmf) {
        return fit(trials, nmf.factorise(concatenateEnvelopes(trials)).activations());
    }

    /**
     * Fits the missing muscles' synergy weights.
     *
     * @param trials one or more trials with the measured channels in {@code channelMuscles} order
     * @param synergyActivations H [k × Σ samples], trials concatenated in order (NMF activations or PCA scores)
     */
    public Result fit(List<Trial> trials, double[][] synergyActivations) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("SynX: no trial");
        }
        int total = 0;
        for (int r = 0; r < trials.size(); r++) {
            if (trials.get(r).envelopes.length != channelMuscles.length) {
                throw new IllegalArgumentException("SynX: trial " + r + " has " + trials.get(r).envelopes.length
                        + " channels, the channel map " + channelMuscles.length);
            }
            total += trials.get(r).samples();
        }
        int k = Matrices.checkRectangular(synergyActivations, "SynX: synergy activations");
        if (synergyActivations[0].length != total) {
            throw new IllegalArgumentException("SynX: synergy activations have " + synergyActivations[0].length
                    + " samples, the trials " + total);
        }
        for (double[] row : synergyActivations) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("SynX: synergy activations contain " + x);
                }
            }
        }
        Problem p = new Problem(trials, Matrices.copy(synergyActivations), total, k);
        int n = missing.length * k;
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < k; i++) {
            double maxAbs = 0;
            double min = 0;
            for (double x : synergyActivations[i]) {
                maxAbs = Math.max(maxAbs, Math.abs(x));
                min = Math.min(min, x);
            }
            double u = maxAbs > 0 ? 1 / maxAbs : 1;
            for (int j = 0; j < missing.length; j++) {
                upper[j * k + i] = u;
                lower[j * k + i] = min < 0 ? -u : 0;
            }
        }
        double[] w = p.linearSolution(lower, upper);
        boolean linear = options.activationDynamics == null && options.tendon == TendonModel.RIGID
                && !p.clips(w);
        if (!linear) {
            double[] refined = refine(p, w, lower, upper);
            if (p.objective(refined) < p.objective(w)) {
                w = refined;
            } else {
                linear = true;
            }
        }
        return p.result(w, linear);
    }

    private static double[] refine(Problem p, double[] start, double[] lower, double[] upper) {
        int n = start.length;
        if (n == 1) {
            double span = upper[0] - lower[0];
            UnivariatePointValuePair best = new BrentOptimizer(1e-10, 1e-14 * span).optimize(new MaxEval(10_000),
                    new UnivariateObjectiveFunction(x -> p.objective(new double[] {x})), GoalType.MINIMIZE,
                    new SearchInterval(lower[0], upper[0], start[0]));
            return new double[] {best.getPoint()};
        }
        double minSpan = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minSpan = Math.min(minSpan, upper[i] - lower[i]);
        }
        BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * n + 1, 0.1 * minSpan, 1e-9 * minSpan);
        PointValuePair best = bobyqa.optimize(new MaxEval(50_000), new ObjectiveFunction(p::objective),
                GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lower, upper));
        return best.getPoint();
    }

    /** The data of one fit, with the torque split into what is known and what the missing muscles add. */
    private final class Problem {
        private final List<Trial> trials;
        private final double[][] h;
        private final int total;
        private final int k;
        private final double[] angle;
        private final double[] velocity;
        private final double[] torque;
        /** Measured muscles' activations [muscle][sample] (null rows for missing muscles). */
        private final double[][] activation;
        /** Rigid tendon: {@code r·(F(1) − F(0))} per missing muscle and sample. */
        private final double[][] gain;
        /** Rigid tendon: passive torque of all muscles plus the measured muscles' active torque. */
        private final double[] known;
        private final double torqueScale;

        Problem(List<Trial> trials, double[][] h, int total, int k) {
            this.trials = trials;
            this.h = h;
            this.total = total;
            this.k = k;
            angle = new double[total];
            velocity = new double[total];
            torque = new double[total];
            int muscles = model.muscles().size();
            activation = new double[muscles][];
            for (int m : channelMuscles) {
                activation[m] = new double[total];
            }
            int offset = 0;
            for (Trial tr : trials) {
                int n = tr.samples();
                System.arraycopy(tr.angles, 0, angle, offset, n);
                System.arraycopy(tr.angularVelocities, 0, velocity, offset, n);
                System.arraycopy(tr.torques, 0, torque, offset, n);
                for (int c = 0; c < channelMuscles.length; c++) {
                    double[] a = options.activationDynamics == null ? tr.envelopes[c]
                            : options.activationDynamics.simulate(tr.envelopes[c], options.sampleRate);
                    System.arraycopy(a, 0, activation[channelMuscles[c]], offset, n);
                }
                offset += n;
            }
            gain = new double[missing.length][total];
            known = new double[total];
            double sq = 0;
            for (int t = 0; t < total; t++) {
                sq += torque[t] * torque[t];
                for (int m = 0; m < muscles; m++) {
                    MuscleTendonUnit mtu = model.muscles().get(m);
                    double r = mtu.momentArm().at(angle[t]);
                    double passive = mtu.force(0, angle[t], velocity[t], TendonModel.RIGID);
                    double active = mtu.force(1, angle[t], velocity[t], TendonModel.RIGID) - passive;
                    known[t] += r * passive;
                    if (activation[m] != null) {
                        known[t] += r * active * activation[m][t];
                    }
                }
                for (int j = 0; j < missing.length; j++) {
                    MuscleTendonUnit mtu = model.muscles().get(missing[j]);
                    double r = mtu.momentArm().at(angle[t]);
                    gain[j][t] = r * (mtu.force(1, angle[t], velocity[t], TendonModel.RIGID)
                            - mtu.force(0, angle[t], velocity[t], TendonModel.RIGID));
                }
            }
            torqueScale = sq > 0 ? sq : total;
        }

        /** Exact minimiser of J for the rigid, unclipped, dynamics-free model (a bounded linear LSQ). */
        double[] linearSolution(double[] lower, double[] upper) {
            int n = missing.length * k;
            double[][] q = new double[n][n];
            double[] b = new double[n];
            double[] row = new double[n];
            for (int t = 0; t < total; t++) {
                for (int j = 0; j < missing.length; j++) {
                    for (int i = 0; i < k; i++) {
                        row[j * k + i] = gain[j][t] * h[i][t];
                    }
                }
                double y = torque[t] - known[t];
                for (int a = 0; a < n; a++) {
                    b[a] += row[a] * y;
                    for (int c = a; c < n; c++) {
                        q[a][c] += row[a] * row[c];
                    }
                }
            }
            for (int a = 0; a < n; a++) {
                q[a][a] += options.regularisation * torqueScale;
                for (int c = 0; c < a; c++) {
                    q[a][c] = q[c][a];
                }
            }
            return BoxLeastSquares.solve(q, b, lower, upper);
        }

        /** Unclipped excitation of missing muscle j at sample t. */
        double raw(double[] w, int j, int t) {
            double e = 0;
            for (int i = 0; i < k; i++) {
                e += w[j * k + i] * h[i][t];
            }
            return e;
        }

        boolean clips(double[] w) {
            for (int j = 0; j < missing.length; j++) {
                for (int t = 0; t < total; t++) {
                    double e = raw(w, j, t);
                    if (e < -1e-12 || e > 1 + 1e-12) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Clipped excitations of the missing muscles [missing][sample]. */
        double[][] excitations(double[] w) {
            double[][] e = new double[missing.length][total];
            for (int j = 0; j < missing.length; j++) {
                for (int t = 0; t < total; t++) {
                    e[j][t] = Math.clamp(raw(w, j, t), 0.0, 1.0);
                }
            }
            return e;
        }

        double[] modelTorque(double[][] excitation) {
            double[][] act = excitation;
            if (options.activationDynamics != null) {
                act = new double[missing.length][total];
                for (int j = 0; j < missing.length; j++) {
                    int offset = 0;
                    for (Trial tr : trials) {
                        int n = tr.samples();
                        double[] a = options.activationDynamics
                                .simulate(Arrays.copyOfRange(excitation[j], offset, offset + n), options.sampleRate);
                        System.arraycopy(a, 0, act[j], offset, n);
                        offset += n;
                    }
                }
            }
            double[] tau = new double[total];
            if (options.tendon == TendonModel.RIGID) {
                for (int t = 0; t < total; t++) {
                    double s = known[t];
                    for (int j = 0; j < missing.length; j++) {
                        s += gain[j][t] * act[j][t];
                    }
                    tau[t] = s;
                }
            } else {
                double[] a = new double[model.muscles().size()];
                for (int t = 0; t < total; t++) {
                    for (int m : channelMuscles) {
                        a[m] = activation[m][t];
                    }
                    for (int j = 0; j < missing.length; j++) {
                        a[missing[j]] = act[j][t];
                    }
                    tau[t] = model.torque(angle[t], velocity[t], a, options.tendon);
                }
            }
            return tau;
        }

        double objective(double[] w) {
            double[] tau = modelTorque(excitations(w));
            double err = 0;
            for (int t = 0; t < total; t++) {
                double d = tau[t] - torque[t];
                err += d * d;
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            return err + options.regularisation * torqueScale * norm;
        }

        Result result(double[] w, boolean linear) {
            double[][] ex = excitations(w);
            double[] tau = modelTorque(ex);
            double err = 0;
            for (int t = 0; t < total; t++) {
                double d = tau[t] - torque[t];
                err += d * d;
            }
            int muscles = model.muscles().size();
            double[][] all = new double[muscles][];
            for (int m : channelMuscles) {
                all[m] = new double[total];
            }
            int offset = 0;
            for (Trial tr : trials) {
                for (int c = 0; c < channelMuscles.length; c++) {
                    System.arraycopy(tr.envelopes[c], 0, all[channelMuscles[c]], offset, tr.samples());
                }
                offset += tr.samples();
            }
            double[][] weights = new double[missing.length][k];
            List<String> names = new ArrayList<>();
            for (int j = 0; j < missing.length; j++) {
                all[missing[j]] = ex[j];
                System.arraycopy(w, j * k, weights[j], 0, k);
                names.add(model.muscles().get(missing[j]).name());
            }
            return new Result(missing, names, weights, all, tau, Math.sqrt(err / total), objective(w), linear);
        }
    }
}
