package org.myoflow.io;

import java.util.Objects;

/**
 * A time-stamped event or annotation of a recording (C3D EVENT group, a foot strike, a trigger).
 *
 * @param label       what happened, e.g. "Foot Strike"
 * @param context     where it applies, e.g. "Left", "" when not stated
 * @param timeS       time from the start of the recording, s
 * @param description free text, "" when absent
 * @since 0.2
 */
public record RecordingEvent(String label, String context, double timeS, String description) {
    public RecordingEvent {
        label = Objects.requireNonNullElse(label, "");
        context = Objects.requireNonNullElse(context, "");
        description = Objects.requireNonNullElse(description, "");
    }
}
