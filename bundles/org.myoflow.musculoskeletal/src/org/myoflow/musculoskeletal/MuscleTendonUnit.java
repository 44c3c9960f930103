package org.myoflow.musculoskeletal;

import java.util.Objects;

/**
 * One muscle-tendon unit crossing a joint: its Hill-type parameters, its moment arm as a function of the joint
 * angle and its length at angle 0.
 *
 * @param name muscle name, unique within a joint (e.g. "BIClong")
 * @param muscle the Thelen (2003) parameters
 * @param momentArm r(q) in m, positive for flexors
 * @param lengthAtZero muscle-tendon length at q = 0, in m (&gt; 0)
 * @since 0.1
 */
public record MuscleTendonUnit(String name, ThelenMuscle muscle, MomentArm momentArm, double lengthAtZero) {

    /** Validates the parameters. */
    public MuscleTendonUnit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(muscle, "muscle");
        Objects.requireNonNull(momentArm, "momentArm");
        if (name.isBlank()) {
            throw new IllegalArgumentException("muscle name must not be blank");
        }
        if (!(lengthAtZero > 0) || Double.isInfinite(lengthAtZero)) {
            throw new IllegalArgumentException("muscle '" + name + "': lengthAtZero must be > 0 m, got "
                    + lengthAtZero);
        }
    }

    /** Muscle-tendon length (m) at joint angle q (rad). */
    public double length(double angle) {
        return momentArm.length(lengthAtZero, angle);
    }

    /** Muscle-tendon lengthening velocity (m/s): {@code -r(q)·q̇}. */
    public double velocity(double angle, double angularVelocity) {
        return -momentArm.at(angle) * angularVelocity;
    }

    /** Tendon force (N) at activation a, joint angle q (rad) and angular velocity q̇ (rad/s). */
    public double force(double activation, double angle, double angularVelocity, TendonModel tendon) {
        double l = length(angle);
        double v = velocity(angle, angularVelocity);
        return switch (tendon) {
            case RIGID -> muscle.rigidTendonForce(activation, l, v);
            case ELASTIC -> muscle.elasticTendonForce(activation, l, v);
        };
    }

    /** Torque (N·m) about the joint: {@code r(q)·F}. */
    public double torque(double activation, double angle, double angularVelocity, TendonModel tendon) {
        return momentArm.at(angle) * force(activation, angle, angularVelocity, tendon);
    }
}
