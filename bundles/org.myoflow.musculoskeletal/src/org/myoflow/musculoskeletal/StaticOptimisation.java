package org.myoflow.musculoskeletal;

import java.util.Objects;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Static optimisation (Crowninshield &amp; Brand 1981; Anderson &amp; Pandy 2001): for each sample, the activations
 * minimising {@code Σ a_i²} subject to {@code Σ r_i(q)·F_i(a_i, q, q̇) = τ} and {@code aMin ≤ a_i ≤ 1}.
 *
 * <p>With a rigid tendon the force is affine in activation, {@code F_i = a_i·c_i + p_i} with the active part
 * {@code c_i = F0·fL·fV·cos α} and the passive part {@code p_i = F0·fPE·cos α}, so each sample is a convex
 * quadratic programme, solved by ojAlgo's convex solver (through {@link ExpressionsBasedModel}). A torque beyond
 * what the muscles can produce is not an error: the activations saturate at the bound that comes closest and the
 * remaining torque is reported as the residual {@code τ - Σ r_i·F_i}.
 *
 * @since 0.1
 */
public final class StaticOptimisation {

    /** Relative margin inside which a target at the edge of the feasible range is treated as saturated. */
    private static final double EDGE = 1e-9;

    private final JointModel model;
    private final double minActivation;

    /**
     * @param model the joint
     * @param minActivation lower activation bound in [0, 1)
     */
    public StaticOptimisation(JointModel model, double minActivation) {
        this.model = Objects.requireNonNull(model, "model");
        if (!(minActivation >= 0 && minActivation < 1)) {
            throw new IllegalArgumentException("minActivation must be in [0, 1), got " + minActivation);
        }
        this.minActivation = minActivation;
    }

    /** The joint. */
    public JointModel model() {
        return model;
    }

    /**
     * The solution of one sample.
     *
     * @param activations per muscle, model order
     * @param forces tendon forces in N per muscle
     * @param residualTorque {@code τ - Σ r_i·F_i} in N·m; 0 (to solver precision) when the torque is feasible
     */
    public record Solution(double[] activations, double[] forces, double residualTorque) {

        /** Defensive copies. */
        public Solution {
            activations = activations.clone();
            forces = forces.clone();
        }

        @Override
        public double[] activations() {
            return activations.clone();
        }

        @Override
        public double[] forces() {
            return forces.clone();
        }
    }

    /**
     * Solutions over time.
     *
     * @param activations [sample][muscle]
     * @param residualTorque per sample, N·m
     */
    public record Result(double[][] activations, double[] residualTorque) {

        /** Defensive copies. */
        public Result {
            activations = deepCopy(activations);
            residualTorque = residualTorque.clone();
        }

        @Override
        public double[][] activations() {
            return deepCopy(activations);
        }

        @Override
        public double[] residualTorque() {
            return residualTorque.clone();
        }

        /** Activation of one muscle over time. */
        public double[] activation(int muscle) {
            double[] x = new double[activations.length];
            for (int t = 0; t < x.length; t++) {
                x[t] = activations[t][muscle];
            }
            return x;
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    /** Solves every sample; the three arrays have equal lengths (angles rad, velocities rad/s, torques N·m). */
    public Result solve(double[] angles, double[] angularVelocities, double[] torques) {
        if (angles.length != angularVelocities.length || angles.length != torques.length) {
            throw new IllegalArgumentException("angles, velocities and torques differ in length: " + angles.length
                    + ", " + angularVelocities.length + ", " + torques.length);
        }
        double[][] a = new double[angles.length][];
        double[] res = new double[angles.length];
        for (int t = 0; t < angles.length; t++) {
            Solution s = solve(angles[t], angularVelocities[t], torques[t]);
            a[t] = s.activations;
            res[t] = s.residualTorque;
        }
        return new Result(a, res);
    }

    /** Solves one sample (angle rad, velocity rad/s, torque N·m). */
    public Solution solve(double angle, double angularVelocity, double torque) {
        int n = model.muscles().size();
        double[] r = model.momentArms(angle);
        double[] c = new double[n];
        double passive = 0;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < n; i++) {
            MuscleTendonUnit m = model.muscles().get(i);
            double p = m.force(0, angle, angularVelocity, TendonModel.RIGID);
            c[i] = r[i] * (m.force(1, angle, angularVelocity, TendonModel.RIGID) - p);
            passive += r[i] * p;
            lo += Math.min(c[i] * minActivation, c[i]);
            hi += Math.max(c[i] * minActivation, c[i]);
        }
        double target = torque - passive;
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        double[] a;
        if (target >= hi - EDGE * scale) {
            a = saturated(c, true);
        } else if (target <= lo + EDGE * scale) {
            a = saturated(c, false);
        } else {
            a = quadraticProgramme(c, target);
        }
        double[] f = new double[n];
        double produced = 0;
        for (int i = 0; i < n; i++) {
            MuscleTendonUnit m = model.muscles().get(i);
            f[i] = m.force(a[i], angle, angularVelocity, TendonModel.RIGID);
            produced += r[i] * f[i];
        }
        return new Solution(a, f, torque - produced);
    }

    /** Every muscle at the bound that pushes the torque furthest up (or down). */
    private double[] saturated(double[] c, boolean up) {
        double[] a = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            a[i] = (c[i] > 0) == up ? 1 : minActivation;
        }
        return a;
    }

    private double[] quadraticProgramme(double[] c, double target) {
        ExpressionsBasedModel qp = new ExpressionsBasedModel();
        Variable[] x = new Variable[c.length];
        for (int i = 0; i < c.length; i++) {
            x[i] = qp.addVariable("a" + i).lower(minActivation).upper(1);
        }
        Expression objective = qp.addExpression("sumOfSquares").weight(1);
        Expression balance = qp.addExpression("torque").level(target);
        for (int i = 0; i < c.length; i++) {
            objective.set(x[i], x[i], 1.0);
            balance.set(x[i], c[i]);
        }
        Optimisation.Result result = qp.minimise();
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("ojAlgo found no feasible activations for target " + target
                    + " N·m inside the feasible range: " + result.getState());
        }
        double[] a = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            a[i] = Math.max(minActivation, Math.min(1, result.doubleValue(i)));
        }
        return a;
    }
}
