package org.myoflow.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A recording as read from a file: one or more {@link RecordingSignal}s (each with its own rate), events, and the
 * source's metadata. Read with {@link Recordings#read(Path)}.
 *
 * @param source   the file read
 * @param formatId the reader's format id, e.g. "c3d"
 * @param vendor   the system or program that wrote the file where the file says, else ""
 * @param metadata header values worth showing (C3D parameters such as processor type, OpenSim header lines),
 *                 in file order
 * @param signals  the channel groups, in file order
 * @param events   events and annotations, by time
 * @param warnings what the reader tolerated: header counts that disagree with the data, labels made unique,
 *                 missing marker samples
 * @since 0.2
 */
public record Recording(Path source, String formatId, String vendor, Map<String, String> metadata,
        List<RecordingSignal> signals, List<RecordingEvent> events, List<String> warnings) {

    public Recording {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(formatId, "formatId");
        vendor = Objects.requireNonNullElse(vendor, "");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        signals = List.copyOf(signals);
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }

    /** The signal group with this name. */
    public Optional<RecordingSignal> signal(String name) {
        return signals.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Total channel count over all groups. */
    public int channelCount() {
        return signals.stream().mapToInt(RecordingSignal::channelCount).sum();
    }
}
