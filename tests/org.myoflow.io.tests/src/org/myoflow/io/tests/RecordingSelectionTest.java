package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSelection;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.spi.RecordingReader;

/** Channel selection, renaming, SI units, and a contributed reader winning over a built-in one. */
class RecordingSelectionTest {

    private static final Path PYOMECA = RecordingReadersTest.real("pyomeca/markers_analogs.c3d");

    @Test
    void byKindPatternListAndRename() {
        Recording r = Recordings.read(PYOMECA);
        Signal emg = new RecordingSelection("", "", "^(Delt|Biceps|Triceps)", "emg", "Biceps.EMG4=Biceps", false)
                .apply(r);
        assertEquals(List.of("Delt_ant.EMG1", "Delt_med.EMG2", "Delt_post.EMG3", "Biceps", "Triceps.EMG5"),
                emg.labels());
        assertEquals(2000.0, emg.samplingRate());
        assertEquals("emg", emg.quantity());
        assertEquals(9.72763337e-06, emg.get(3, 0), 1e-14);
        Signal two = new RecordingSelection("", "Triceps.EMG5, Voltage.1", "", "", "", false).apply(r);
        assertEquals(List.of("Triceps.EMG5", "Voltage.1"), two.labels());
        // default: the group with the most EMG channels (analog), never the markers
        Signal all = RecordingSelection.all().apply(r);
        assertEquals(38, all.channelCount());
    }

    @Test
    void siUnitsAndClearErrors() {
        Recording r = Recordings.read(RecordingReadersTest.real(
                "c3dio/sample_35/Mega_Electronics_Isokinetic_EMG_Angle_Torque.c3d"));
        Signal si = new RecordingSelection("", "", "", "", "", true).apply(r);
        assertEquals(List.of("V", "V", "rad", "N·m"), si.units());
        Signal kept = RecordingSelection.all().apply(r);
        for (int i = 0; i < kept.sampleCount(); i += 997) {
            assertEquals(kept.get(0, i) * 1e-6, si.get(0, i), 1e-18);
            assertEquals(Math.toRadians(kept.get(2, i)), si.get(2, i), 1e-12);
        }
        DataException e = assertThrows(DataException.class,
                () -> new RecordingSelection("", "Rectus", "", "", "", false).apply(r));
        assertTrue(e.getMessage().contains("no channel matches labels [Rectus]"), e.getMessage());
        e = assertThrows(DataException.class, () -> new RecordingSelection("", "", "", "", "Angel=Knee", false)
                .apply(r));
        assertTrue(e.getMessage().contains("rename 'Angel=Knee'"), e.getMessage());
        e = assertThrows(DataException.class, () -> new RecordingSelection("", "", "", "muscle", "", false).apply(r));
        assertTrue(e.getMessage().contains("unknown channel kind 'muscle'"), e.getMessage());
        Recording m = Recordings.read(PYOMECA);
        e = assertThrows(DataException.class, () -> new RecordingSelection("markers", "", "", "", "", false)
                .apply(m));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void contributedReaderWinsByPriority() throws Exception {
        RecordingReader mine = new RecordingReader() {
            @Override
            public String formatId() {
                return "test-c3d";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public List<String> extensions() {
                return List.of(".c3d");
            }

            @Override
            public boolean matches(Path file, byte[] head) {
                return head.length > 1 && head[1] == 0x50;
            }

            @Override
            public int priority() {
                return 10;
            }

            @Override
            public Recording read(Path file) {
                return new Recording(file, formatId(), "", Map.of(), List.of(new RecordingSignal("x", 1, 0,
                        List.of("a"), List.of(""), List.of(ChannelKind.OTHER), new double[][] { { 1 } })), List.of(),
                        List.of());
            }
        };
        Recordings.register(mine);
        try {
            assertSame(mine, Recordings.readerFor(PYOMECA));
        } finally {
            Recordings.unregister(mine);
        }
        assertEquals("c3d", Recordings.readerFor(PYOMECA).formatId());
    }
}
