package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.spi.Progress;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.internal.IoBenchmark;

/** The C3D file that {@code bench io} writes reads back through the C3D reader; the suite's figures are complete. */
class IoBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void benchmarkC3dReadsBack() throws Exception {
        double[][] all = IoBenchmark.generate(100);
        double[][] d = new double[64][];
        for (int c = 0; c < 64; c++) {
            d[c] = Arrays.copyOf(all[c], 64); // two frames of 32 samples
        }
        Path f = dir.resolve("b.c3d");
        IoBenchmark.writeC3d(d, f);
        Recording r = Recordings.read(f);
        assertEquals("c3d", r.formatId());
        RecordingSignal a = r.signal("analog").orElseThrow();
        assertEquals(2048.0, a.samplingRate());
        assertEquals(64, a.channelCount());
        assertEquals(64, a.sampleCount());
        assertEquals("EMG1", a.labels().get(0));
        assertEquals("V", a.units().get(63));
        for (int c = 0; c < 64; c += 9) {
            for (int i = 0; i < 64; i++) {
                assertEquals(d[c][i], a.data()[c][i], 1e-12 + 1e-7 * Math.abs(d[c][i]), "channel " + c);
            }
        }
    }

    @Test
    void generatedSignalIsDeterministic() {
        double[][] a = IoBenchmark.generate(500);
        double[][] b = IoBenchmark.generate(500);
        assertEquals(64, a.length);
        for (int c = 0; c < 64; c++) {
            assertEquals(Arrays.hashCode(a[c]), Arrays.hashCode(b[c]));
        }
        assertEquals(1e-4 * Math.sin(2 * Math.PI * 20 * 1 / 2048.0), a[0][1], 2e-5);
    }

    @Test
    void quickRunReportsEveryFormat() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Object> fig = new IoBenchmark().run(true, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Progress() {
                    @Override
                    public void update(double fraction, String message) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                });
        System.out.print(bytes.toString(StandardCharsets.UTF_8));
        for (String fmt : new String[] { "c3d", "bdf", "mat", "mat6" }) {
            for (String key : new String[] { "io_write_mbps_", "io_read_mbps_", "io_read_1thread_mbps_",
                "io_copy_mbps_", "io_heap_read_mbps_", "io_read_vs_copy_" }) {
                double v = ((Number) fig.get(key + fmt)).doubleValue();
                assertEquals(true, v > 0, key + fmt + " = " + v);
            }
        }
        assertEquals(60, fig.get("io_seconds"));
    }
}
