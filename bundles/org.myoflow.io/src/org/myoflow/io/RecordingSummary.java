package org.myoflow.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.GsonBuilder;

/**
 * What a recording holds, as {@code myoflow inspect} prints it and the workbench's "Inspect" page shows it: format,
 * vendor, each signal with its rate, length, start and duration, one row per channel (label, unit, kind, missing
 * samples), the events and the reader's warnings. One place builds the description, so the command line and the
 * workbench always agree.
 *
 * <pre>{@code
 * RecordingSummary s = RecordingSummary.of(Recordings.inspect(file));
 * System.out.print(s.text());          // the table of `myoflow inspect FILE`
 * String json = s.json();              // `myoflow inspect FILE --json`
 * for (RecordingSummary.Channel c : s.channels()) { ... }
 * }</pre>
 *
 * @since 0.2
 */
public final class RecordingSummary {

    /**
     * One channel of one signal group, a row of the summary table.
     *
     * @param signal       name of the signal group
     * @param samplingRate its sampling rate in Hz
     * @param samples      its samples per channel
     * @param duration     its duration in s
     * @param label        the channel label
     * @param unit         the unit ("" when unknown)
     * @param kind         the channel kind's id (e.g. "emg", "force")
     * @param missing      missing (NaN) samples of the channel
     */
    public record Channel(String signal, double samplingRate, int samples, double duration, String label,
            String unit, String kind, int missing) {
    }

    private final Recording recording;

    private RecordingSummary(Recording recording) {
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    /** The summary of a recording (read in full or by {@link Recordings#inspect}). */
    public static RecordingSummary of(Recording recording) {
        return new RecordingSummary(recording);
    }

    /** @return the recording summarised */
    public Recording recording() {
        return recording;
    }

    /** @return the first line of {@link #text()}: source, format and vendor */
    public String headline() {
        Recording r = recording;
        return r.source() + ": " + r.formatId() + (r.vendor().isEmpty() ? "" : " (" + r.vendor() + ")");
    }

    /** @return one row per channel of every signal group, in file order */
    public List<Channel> channels() {
        List<Channel> rows = new ArrayList<>();
        for (RecordingSignal s : recording.signals()) {
            for (int c = 0; c < s.channelCount(); c++) {
                rows.add(new Channel(s.name(), s.samplingRate(), s.sampleCount(), s.duration(), s.labels().get(c),
                        s.units().get(c), s.kinds().get(c).id(), s.missingCount(c)));
            }
        }
        return rows;
    }

    /**
     * The text table of {@code myoflow inspect}: a headline, per signal a line with channels, rate, samples,
     * duration and start and a line per channel (label, unit or "-", kind, missing samples when any), then a line
     * per event and per warning. Lines end with the platform's line separator.
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        b.append(headline()).append(nl);
        for (RecordingSignal s : recording.signals()) {
            b.append(String.format("signal %s: %d channels, %s Hz, %d samples, %s s from %s s%n", s.name(),
                    s.channelCount(), s.samplingRate(), s.sampleCount(), s.duration(), s.startTime()));
            for (int c = 0; c < s.channelCount(); c++) {
                int missing = s.missingCount(c);
                b.append(String.format("  %-40s %-8s %-13s%s%n", s.labels().get(c), s.units().get(c).isEmpty() ? "-"
                        : s.units().get(c), s.kinds().get(c).id(), missing == 0 ? "" : " missing " + missing));
            }
        }
        for (RecordingEvent e : recording.events()) {
            b.append(String.format("event %s %s at %s s%n", e.context(), e.label(), e.timeS()));
        }
        for (String w : recording.warnings()) {
            b.append("warning: ").append(w).append(nl);
        }
        return b.toString();
    }

    /**
     * The description as nested maps and lists (file, format, vendor, signals with rate, samples, start, duration,
     * labels, units, kinds and, when any sample is missing, missing counts; events; warnings; metadata): what
     * {@link #json()} writes.
     */
    public Map<String, Object> toMap() {
        Recording r = recording;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", r.source().toString());
        d.put("format", r.formatId());
        d.put("vendor", r.vendor());
        List<Map<String, Object>> signals = new ArrayList<>();
        for (RecordingSignal s : r.signals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("samplingRate", s.samplingRate());
            m.put("samples", s.sampleCount());
            m.put("startTime", s.startTime());
            m.put("duration", s.duration());
            m.put("labels", s.labels());
            m.put("units", s.units());
            m.put("kinds", s.kinds().stream().map(ChannelKind::id).toList());
            List<Integer> missing = new ArrayList<>();
            for (int c = 0; c < s.channelCount(); c++) {
                missing.add(s.missingCount(c));
            }
            if (missing.stream().anyMatch(x -> x > 0)) {
                m.put("missing", missing);
            }
            signals.add(m);
        }
        d.put("signals", signals);
        List<Map<String, Object>> events = new ArrayList<>();
        for (RecordingEvent e : r.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", e.label());
            m.put("context", e.context());
            m.put("time", e.timeS());
            m.put("description", e.description());
            events.add(m);
        }
        d.put("events", events);
        d.put("warnings", r.warnings());
        d.put("metadata", r.metadata());
        return d;
    }

    /** @return {@link #toMap()} as pretty-printed JSON (NaN and infinities written as such) */
    public String json() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues()
                .create().toJson(toMap());
    }

    @Override
    public String toString() {
        return headline();
    }
}
