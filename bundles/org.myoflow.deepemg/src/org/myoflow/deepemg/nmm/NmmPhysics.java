package org.myoflow.deepemg.nmm;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.ml.DjlArrays;
import org.myoflow.musculoskeletal.ActivationDynamics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.MuscleTendonUnit;
import org.myoflow.musculoskeletal.TendonModel;
import org.myoflow.musculoskeletal.ThelenMuscle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The NMM's physics: the rigid-tendon Hill-type model of a {@link JointModel} (Thelen 2003 curves, as in
 * {@link ThelenMuscle#rigidTendonForce}) with per-subject log-scales of the maximum isometric force and the optimal
 * fibre length, written twice: in DJL (float32, differentiable in activations and scales) for training, and in Java
 * (double precision, through the musculoskeletal API itself) for {@link NmmModel#torque} and calibration.
 *
 * <p>What does not depend on the learned quantities is computed in Java per sample and muscle: the MTU length minus
 * the tendon slack length {@code x = max(l_mt(θ) − l_ts, 0)}, the MTU velocity {@code v_mt = −r(θ)·θ̇} and the moment
 * arm {@code r(θ)}. In DJL, with {@code l_opt' = l_opt·exp(sL)} and {@code F0' = F0·exp(sF)}:
 * {@code h = l_opt'·sin α0}, {@code l_m = max(sqrt(x² + h²), l_min')}, {@code cos α = sqrt(1 − (h/l_m)²)},
 * {@code l̃ = l_m/l_opt'}, {@code ṽ = v_mt·cos α/(l_opt'·v_max)},
 * {@code F = F0'·(a·fL(l̃)·fV(ṽ) + fPE(l̃))·cos α} and {@code τ = Σ r·F}. The piecewise force-velocity curve is
 * written as the product of its shortening branch at {@code min(ṽ, 0)} (clipped at −1) and its lengthening branch at
 * {@code max(ṽ, 0)}: each branch is 1 at 0, so the product equals the curve and stays differentiable.
 *
 * <p>Activation dynamics in DJL (for the predicted deep excitations, which need gradients): Thelen's (2003, eq. 1)
 * first-order equation {@code da/dt = (u − a)/τ(u, a)} integrated by an exponential midpoint step per sample, the
 * excitation held over the sample interval as in {@link ActivationDynamics#simulate}: with
 * {@code k(u, a) = 1/τ(u, a)}, {@code a½ = u + (a − u)·exp(−k(u, a)·Δt/2)} and
 * {@code a' = u + (a − u)·exp(−k(u, a½)·Δt)}. It is unconditionally stable (a convex combination of a and u) and
 * agrees with the 4th-order Runge-Kutta of {@link ActivationDynamics#simulate} within 2.7e-5 at 100 Hz on the test's
 * smooth excitations (4e-4 on faster ones; one explicit exponential step per sample would give 6e-3). The measured muscles' activations need no gradient: they come from
 * {@link ActivationDynamics#simulate} over the whole recording.
 */
final class NmmPhysics {

    /** The activation dynamics of the NMM (Thelen 2003: 15 ms, 50 ms, minimum activation 0.01). */
    static final ActivationDynamics DYNAMICS = ActivationDynamics.thelen2003();

    /** Added to x² + h² under the square root so that its gradient stays finite where both are 0 (m²). */
    private static final float SQRT_FLOOR = 1e-12f;

    private final JointModel model;
    private final int muscles;
    private final float[] f0;
    private final float[] optimal;
    private final float[] sinPennation;
    private final float[] minFibre;
    private final float[] maxVelocity;
    private final float[] invKShapeActive;
    private final float[] passiveSlope;
    private final float[] invPassiveNorm;
    private final float[] invAf;
    private final float[] lengthening;
    private final float[] lengtheningFlen;

    NmmPhysics(JointModel model) {
        this.model = model;
        this.muscles = model.muscles().size();
        f0 = new float[muscles];
        optimal = new float[muscles];
        sinPennation = new float[muscles];
        minFibre = new float[muscles];
        maxVelocity = new float[muscles];
        invKShapeActive = new float[muscles];
        passiveSlope = new float[muscles];
        invPassiveNorm = new float[muscles];
        invAf = new float[muscles];
        lengthening = new float[muscles];
        lengtheningFlen = new float[muscles];
        for (int m = 0; m < muscles; m++) {
            ThelenMuscle t = model.muscles().get(m).muscle();
            f0[m] = (float) t.maxIsometricForce();
            optimal[m] = (float) t.optimalFibreLength();
            double sin = Math.sin(t.pennationAtOptimal());
            sinPennation[m] = (float) sin;
            // ThelenMuscle.minFibreLength() / optimalFibreLength, independent of the length scale
            minFibre[m] = (float) Math.max(sin / Math.sin(ThelenMuscle.MAX_PENNATION), 1e-3);
            maxVelocity[m] = (float) t.maxContractionVelocity();
            invKShapeActive[m] = (float) (1 / t.kShapeActive());
            passiveSlope[m] = (float) (t.kShapePassive() / t.fmaxMuscleStrain());
            invPassiveNorm[m] = (float) (1 / Math.expm1(t.kShapePassive()));
            invAf[m] = (float) (1 / t.af());
            double k = (2 + 2 / t.af()) / (t.flen() - 1);
            lengthening[m] = (float) k;
            lengtheningFlen[m] = (float) (k * t.flen());
        }
    }

    JointModel model() {
        return model;
    }

    int muscles() {
        return muscles;
    }

    /**
     * Kinematic inputs of the physics term for one recording, each [t·M + m]: {@code max(l_mt − l_ts, 0)} (m),
     * {@code v_mt} (m/s), {@code r} (m).
     */
    record Kinematics(float[] slack, float[] velocity, float[] arm) {
    }

    Kinematics kinematics(double[] angles, double[] angularVelocities) {
        int n = angles.length;
        float[] x = new float[n * muscles];
        float[] v = new float[n * muscles];
        float[] r = new float[n * muscles];
        for (int m = 0; m < muscles; m++) {
            MuscleTendonUnit u = model.muscles().get(m);
            double lts = u.muscle().tendonSlackLength();
            for (int t = 0; t < n; t++) {
                x[t * muscles + m] = (float) Math.max(u.length(angles[t]) - lts, 0);
                v[t * muscles + m] = (float) u.velocity(angles[t], angularVelocities[t]);
                r[t * muscles + m] = (float) u.momentArm().at(angles[t]);
            }
        }
        return new Kinematics(x, v, r);
    }

    /**
     * Model torque in DJL.
     *
     * @param activations [B, T, M] in model order
     * @param logStrength [B, M] log F0 scales
     * @param logLength   [B, M] log optimal-length scales
     * @param slack       [B, T, M] {@code max(l_mt − l_ts, 0)}
     * @param velocity    [B, T, M] {@code v_mt}
     * @param arm         [B, T, M] moment arms
     * @return [B, T] joint torque (N·m), on the manager of {@code slack}
     */
    NDArray torque(NDArray activations, NDArray logStrength, NDArray logLength, NDArray slack, NDArray velocity,
            NDArray arm) {
        NDManager nm = slack.getManager();
        // scalars as PyTorch-owned tensors, never NDArray.mul(Number) & co. (see NmmTrainer.scalar)
        NDArray one = DjlArrays.scalar(nm, 1f);
        NDArray zero = DjlArrays.scalar(nm, 0f);
        NDArray lopt = logLength.expandDims(1).exp().mul(constant(nm, optimal)); // [B,1,M]
        NDArray h = lopt.mul(constant(nm, sinPennation));
        NDArray lm = slack.square().add(h.square()).add(DjlArrays.scalar(nm, SQRT_FLOOR)).sqrt()
                .maximum(lopt.mul(constant(nm, minFibre)));
        NDArray cos = one.sub(h.div(lm).square()).sqrt();
        NDArray norm = lm.div(lopt);
        NDArray stretch = norm.sub(one);
        NDArray fl = stretch.square().mul(constant(nm, invKShapeActive)).neg().exp();
        NDArray fpe = stretch.maximum(zero).mul(constant(nm, passiveSlope)).exp().sub(one)
                .mul(constant(nm, invPassiveNorm));
        NDArray v = velocity.mul(cos).div(lopt.mul(constant(nm, maxVelocity)));
        NDArray vs = v.clip(-1f, 0f);
        NDArray vl = v.maximum(zero);
        NDArray fvShort = vs.add(one).div(one.sub(vs.mul(constant(nm, invAf))));
        NDArray fvLong = vl.mul(constant(nm, lengtheningFlen)).add(one).div(vl.mul(constant(nm, lengthening))
                .add(one));
        NDArray fmax = logStrength.expandDims(1).exp().mul(constant(nm, f0)); // [B,1,M]
        NDArray force = activations.mul(fl).mul(fvShort).mul(fvLong).add(fpe).mul(cos).mul(fmax);
        return arm.mul(force).sum(new int[] {2});
    }

    private NDArray constant(NDManager nm, float[] values) {
        return DjlArrays.owned(nm, values, new Shape(values.length));
    }

    /**
     * Activations [B, T, D] from excitations [B, T, D] by the exponential midpoint step of the class comment,
     * starting at the first (clamped) excitation like {@link ActivationDynamics#simulate(double[], double)}.
     */
    static NDArray activations(NDArray excitations, double rate) {
        NDManager nm = excitations.getManager();
        // scalars as PyTorch-owned tensors, never NDArray.mul(Number) & co. (see NmmTrainer.scalar)
        NDArray amin = DjlArrays.scalar(nm, (float) DYNAMICS.minActivation());
        NDArray one = DjlArrays.scalar(nm, 1f);
        double dt = 1 / rate;
        NDArray halfStep = DjlArrays.scalar(nm, (float) (-dt / 2));
        NDArray step = DjlArrays.scalar(nm, (float) -dt);
        Constants c = new Constants(DjlArrays.scalar(nm, 1.5f), DjlArrays.scalar(nm, 0.5f), DjlArrays.scalar(nm,
                (float) (1 / DYNAMICS.activationTime())), DjlArrays.scalar(nm, (float) (1 / DYNAMICS
                        .deactivationTime())));
        NDArray u = excitations.maximum(amin).minimum(one).transpose(1, 0, 2); // [T,B,D]
        long steps = u.getShape().get(0);
        List<NDArray> out = new ArrayList<>((int) steps);
        NDArray a = u.get(0);
        out.add(a);
        for (long t = 1; t < steps; t++) {
            NDArray ut = u.get(t - 1);
            NDArray mid = ut.add(a.sub(ut).mul(inverseTime(ut, a, c).mul(halfStep).exp()));
            a = ut.add(a.sub(ut).mul(inverseTime(ut, mid, c).mul(step).exp()));
            out.add(a);
        }
        return NDArrays.stack(new NDList(out), 1);
    }

    /** The constants of {@link #inverseTime}: 1.5, 0.5, 1/τact, 1/τdeact. */
    private record Constants(NDArray slope, NDArray offset, NDArray activation, NDArray deactivation) {
    }

    /** 1/τ(u, a) of Thelen (2003, eq. 1): 1/(τact·(0.5 + 1.5a)) when u &gt; a, else (0.5 + 1.5a)/τdeact. */
    private static NDArray inverseTime(NDArray u, NDArray a, Constants c) {
        NDArray f = a.mul(c.slope()).add(c.offset());
        NDArray rising = u.gt(a).toType(DataType.FLOAT32, false);
        NDArray falling = f.mul(c.deactivation());
        return falling.add(rising.mul(c.activation().div(f).sub(falling)));
    }

    // ---- Java, double precision -------------------------------------------------------------------------------

    /** The joint model with one subject's scales applied to F0 and the optimal fibre length. */
    static JointModel scaled(JointModel nominal, SubjectScales s) {
        if (s.muscles() != nominal.muscles().size()) {
            throw new IllegalArgumentException("the scales are for " + s.muscles() + " muscles, the joint model has "
                    + nominal.muscles().size());
        }
        double[] fs = s.strength();
        double[] ls = s.length();
        List<MuscleTendonUnit> units = new ArrayList<>();
        for (int m = 0; m < fs.length; m++) {
            MuscleTendonUnit u = nominal.muscles().get(m);
            ThelenMuscle t = u.muscle();
            ThelenMuscle scaled = new ThelenMuscle(t.maxIsometricForce() * fs[m], t.optimalFibreLength() * ls[m],
                    t.tendonSlackLength(), t.pennationAtOptimal(), t.maxContractionVelocity(), t.fmaxTendonStrain(),
                    t.fmaxMuscleStrain(), t.kShapeActive(), t.kShapePassive(), t.af(), t.flen());
            units.add(new MuscleTendonUnit(u.name(), scaled, u.momentArm(), u.lengthAtZero()));
        }
        return new JointModel(nominal.name(), nominal.minAngle(), nominal.maxAngle(), units);
    }

    /** Activations [m][t] of excitations [m][t] through {@link #DYNAMICS} at {@code rate} Hz. */
    static double[][] simulate(double[][] excitations, double rate) {
        double[][] a = new double[excitations.length][];
        for (int m = 0; m < a.length; m++) {
            a[m] = DYNAMICS.simulate(excitations[m], rate);
        }
        return a;
    }

    /** Torque [t] (N·m) of the joint model (rigid tendon) for activations [m][t]. */
    static double[] torque(JointModel model, double[][] activations, double[] angles, double[] angularVelocities) {
        int n = angles.length;
        double[] tau = new double[n];
        double[] a = new double[activations.length];
        for (int t = 0; t < n; t++) {
            for (int m = 0; m < a.length; m++) {
                a[m] = activations[m][t];
            }
            tau[t] = model.torque(angles[t], angularVelocities[t], a, TendonModel.RIGID);
        }
        return tau;
    }
}
