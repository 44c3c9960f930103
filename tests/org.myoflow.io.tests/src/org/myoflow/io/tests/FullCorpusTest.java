package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

/**
 * Every file of the full real-recording corpus (system property {@code myoflow.realCorpus}, default
 * {@code /work/shared/data/real}) whose format is read; skipped where the corpus is not installed. The files the
 * project ships are covered by {@link RecordingReadersTest} everywhere.
 */
@EnabledIf("installed")
class FullCorpusTest {

    private static Path corpus() {
        return Path.of(System.getProperty("myoflow.realCorpus", "/work/shared/data/real"));
    }

    static boolean installed() {
        return Files.isDirectory(corpus());
    }

    @Test
    void everyRecordingOfAReadFormatReads() throws IOException {
        Path root = corpus();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".c3d") || n.endsWith(".sto") || n.endsWith(".mot") || n.endsWith(".trc")
                        || n.endsWith(".csv") || n.endsWith(".anc")
                        || n.endsWith(".txt") && !n.equals("readme.txt") && !n.startsWith("license");
            }).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            Recording r = Recordings.read(f);
            assertFalse(r.signals().isEmpty(), f.toString());
            for (RecordingSignal s : r.signals()) {
                assertFalse(s.sampleCount() == 0, f + " " + s.name());
            }
        }
    }

    @Test
    void walking5AndTheFullViconCsv() {
        Path root = corpus();
        Recording w = Recordings.read(root.resolve("opensim-core/c3d/walking5.c3d"));
        RecordingSignal a = w.signal("analog").orElseThrow();
        assertEquals(2000.0, a.samplingRate());
        assertEquals(8824, a.sampleCount());
        RecordingReadersTest.channel(a, 1, "Fx1", "N", new double[] { 1.24560809, 2.44673014, 1.33458006 },
                -0.641336486);
        RecordingReadersTest.channel(a, 2, "Fy1", "N", new double[] { -2.23049998, -0.936810017, -1.82901001 },
                -0.0670363388);
        assertEquals("Nmm", a.units().get(3));
        RecordingSignal m = w.signal("markers").orElseThrow();
        assertEquals(250.0, m.samplingRate());
        assertEquals(1103, m.sampleCount());
        assertEquals("LTH3_X", m.labels().get(0));

        Recording csv = Recordings.read(root.resolve("pyomeca/analogs.csv"));
        RecordingSignal d = csv.signal("devices").orElseThrow();
        assertEquals(11600, d.sampleCount());
        RecordingReadersTest.channel(d, 1, "Voltage.1", "V", new double[] { -0.0220516, -0.0199153, -0.0199153 },
                -0.0147986814);
        RecordingReadersTest.channel(d, 7, "EMG1", "V", new double[] { -2.61e-05, -2.54e-05, -2.46e-05 },
                -1.93825315e-05);
        RecordingReadersTest.channel(d, 8, "EMG2", "V", new double[] { -4.02e-05, -6.81e-05, -8.64e-05 },
                -1.28078652e-05);

        Recording bio = Recordings.read(root.resolve("biosppy/emg_1.txt"));
        RecordingSignal b = bio.signal("data").orElseThrow();
        assertEquals(1000.0, b.samplingRate());
        assertEquals(63880, b.sampleCount());
        RecordingReadersTest.channel(b, 1, "EMG", "", new double[] { 2034, 2011, 2004 }, 2040.0364);

        Recording emg = Recordings.read(root.resolve("opensim-core/exampleEMGTracking/emg.sto"));
        RecordingSignal e = emg.signal("data").orElseThrow();
        assertEquals(2341, e.sampleCount());
        assertEquals(0.83, e.startTime(), 1e-12);
        RecordingReadersTest.channel(e, 1, "soleus", "", new double[] { 0.0127895627 }, 0.230712949);
    }
}
