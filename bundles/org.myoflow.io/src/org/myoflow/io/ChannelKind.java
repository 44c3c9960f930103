package org.myoflow.io;

import java.util.Locale;

/**
 * What a recorded channel measures, where the file says or a reader can tell. {@link #OTHER} means the file does
 * not say: a reader never guesses a kind from a muscle name alone.
 *
 * @since 0.2
 */
public enum ChannelKind {
    /** Surface or intramuscular electromyogram. */
    EMG,
    /** A force (force-plate Fx/Fy/Fz, ground reaction force). */
    FORCE,
    /** A moment or torque (force-plate Mx/My/Mz, joint moment). */
    MOMENT,
    /** A joint angle or rotational coordinate. */
    ANGLE,
    /** A 3-D marker coordinate. */
    MARKER,
    /** An accelerometer axis. */
    ACCELEROMETER,
    /** A gyroscope axis. */
    GYROSCOPE,
    /** Not stated by the file. */
    OTHER;

    /** The lower-case name used in settings and JSON ({@code emg}, {@code force}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for an id as {@link #id()} writes it (case-insensitive), or null. */
    public static ChannelKind of(String id) {
        for (ChannelKind k : values()) {
            if (k.name().equalsIgnoreCase(id.strip())) {
                return k;
            }
        }
        return null;
    }
}
