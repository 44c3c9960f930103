package org.myoflow.musculoskeletal;

/**
 * How a muscle-tendon unit's tendon is treated when its force is computed.
 *
 * @since 0.1
 */
public enum TendonModel {
    /** Inextensible tendon at its slack length: fibre length follows from the MTU length (closed form). */
    RIGID,
    /** Thelen (2003) tendon force-strain curve; the fibre length solves the force equilibrium. */
    ELASTIC
}
