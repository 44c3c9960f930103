package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.RecordingSummary;

/** The description shared by {@code myoflow inspect} and the workbench's Inspect page. */
class RecordingSummaryTest {

    static Recording recording() {
        RecordingSignal emg = new RecordingSignal("emg", 1000, 0, List.of("EMG1", "EMG2"), List.of("mV", "mV"),
                List.of(ChannelKind.EMG, ChannelKind.EMG), new double[][] { { 1, 2, 3, 4 }, { 0, 0, 0, 0 } });
        RecordingSignal markers = new RecordingSignal("markers", 100, 0.5, List.of("M_X"), List.of(""),
                List.of(ChannelKind.MARKER), new double[][] { { Double.NaN, 1, Double.NaN } });
        return new Recording(Path.of("trial.c3d"), "c3d", "Vicon", Map.of("k", "v"), List.of(emg, markers),
                List.of(new RecordingEvent("Foot Strike", "Left", 0.25, "")), List.of("labels made unique"));
    }

    @Test
    void channelsAreOneRowPerChannelWithMissingCounts() {
        List<RecordingSummary.Channel> rows = RecordingSummary.of(recording()).channels();
        assertEquals(3, rows.size());
        assertEquals(new RecordingSummary.Channel("emg", 1000, 4, 0.004, "EMG1", "mV", "emg", 0), rows.get(0));
        RecordingSummary.Channel m = rows.get(2);
        assertEquals("markers", m.signal());
        assertEquals(100, m.samplingRate(), 0);
        assertEquals(0.03, m.duration(), 1e-12);
        assertEquals("marker", m.kind());
        assertEquals(2, m.missing());
    }

    @Test
    void textAndJsonDescribeSignalsEventsAndWarnings() {
        RecordingSummary s = RecordingSummary.of(recording());
        String nl = System.lineSeparator();
        List<String> lines = List.of(s.text().split(java.util.regex.Pattern.quote(nl)));
        assertEquals("trial.c3d: c3d (Vicon)", lines.get(0));
        assertEquals("signal emg: 2 channels, 1000.0 Hz, 4 samples, 0.004 s from 0.0 s", lines.get(1));
        assertTrue(lines.get(2).startsWith("  EMG1 "), lines.get(2));
        assertEquals("  M_X" + " ".repeat(38) + "-        marker        missing 2", lines.get(5));
        assertEquals("event Left Foot Strike at 0.25 s", lines.get(6));
        assertEquals("warning: labels made unique", lines.get(7));
        assertTrue(s.text().endsWith(nl));
        String json = s.json();
        assertTrue(json.contains("\"format\": \"c3d\""), json);
        assertTrue(json.contains("\"vendor\": \"Vicon\""), json);
        assertEquals(1, json.split("\"missing\"", -1).length - 1, "a missing list only for the markers: " + json);
        assertTrue(json.contains("\"startTime\": 0.5"), json);
        assertTrue(json.contains("\"label\": \"Foot Strike\""), json);
        assertTrue(json.contains("\"k\": \"v\""), json);
        assertFalse(json.contains("NaN"), json);
    }
}
