package org.myoflow.musculoskeletal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A one-degree-of-freedom joint and the muscle-tendon units crossing it. The joint angle q is in rad (0 at the
 * reference posture, e.g. full elbow extension; positive = flexion) and torques are in N·m, positive = flexion.
 *
 * @param name joint name (e.g. "elbow")
 * @param minAngle lower end of the modelled range, rad
 * @param maxAngle upper end of the modelled range, rad
 * @param muscles the muscles, with unique names, at least one
 * @since 0.1
 */
public record JointModel(String name, double minAngle, double maxAngle, List<MuscleTendonUnit> muscles) {

    /** Validates the model and copies the list. */
    public JointModel {
        Objects.requireNonNull(name, "name");
        if (!(minAngle < maxAngle) || !Double.isFinite(minAngle) || !Double.isFinite(maxAngle)) {
            throw new IllegalArgumentException("joint '" + name + "': need finite minAngle < maxAngle, got ["
                    + minAngle + ", " + maxAngle + "]");
        }
        muscles = List.copyOf(muscles);
        if (muscles.isEmpty()) {
            throw new IllegalArgumentException("joint '" + name + "' has no muscles");
        }
        Set<String> seen = new HashSet<>();
        for (MuscleTendonUnit m : muscles) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("joint '" + name + "': muscle '" + m.name() + "' twice");
            }
        }
    }

    /** The muscle names in model order. */
    public List<String> muscleNames() {
        List<String> names = new ArrayList<>(muscles.size());
        for (MuscleTendonUnit m : muscles) {
            names.add(m.name());
        }
        return names;
    }

    /** Moment arms (m) at q, in model order. */
    public double[] momentArms(double angle) {
        double[] r = new double[muscles.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = muscles.get(i).momentArm().at(angle);
        }
        return r;
    }

    /** Tendon forces (N) per muscle for the given activations (model order). */
    public double[] forces(double angle, double angularVelocity, double[] activations, TendonModel tendon) {
        if (activations.length != muscles.size()) {
            throw new IllegalArgumentException("joint '" + name + "' has " + muscles.size() + " muscles, got "
                    + activations.length + " activations");
        }
        double[] f = new double[activations.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = muscles.get(i).force(activations[i], angle, angularVelocity, tendon);
        }
        return f;
    }

    /** Joint torque (N·m): {@code Σ r_i(q)·F_i}. */
    public double torque(double angle, double angularVelocity, double[] activations, TendonModel tendon) {
        double[] f = forces(angle, angularVelocity, activations, tendon);
        double tau = 0;
        for (int i = 0; i < f.length; i++) {
            tau += muscles.get(i).momentArm().at(angle) * f[i];
        }
        return tau;
    }
}
