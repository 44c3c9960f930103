package org.myoflow.musculoskeletal;

/**
 * Unit of the joint-angle channel.
 *
 * @since 0.1
 */
public enum AngleUnit {
    /** Take it from the channel's unit, which must be "rad" or "deg". */
    FROM_SIGNAL,
    /** Radians. */
    RAD,
    /** Degrees. */
    DEG
}
