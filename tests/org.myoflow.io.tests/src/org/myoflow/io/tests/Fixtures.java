package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.myoflow.core.data.Signal;

/** Shared test data and assertions. */
final class Fixtures {

    private Fixtures() {
    }

    /** Two channels at 1 kHz starting at 0.25 s, values that need full precision to survive a text round trip. */
    static Signal twoChannels(String unit) {
        int n = 50;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.sin(0.37 * i) / 3;
            b[i] = -1e-5 * i + Math.PI;
        }
        return Signal.builder(1000).startTime(0.25).channel("biceps", unit, a).channel("triceps", unit, b).build();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static void assertSameSamples(Signal expected, Signal actual, double tol) {
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.sampleCount(), actual.sampleCount());
        assertEquals(expected.samplingRate(), actual.samplingRate(), 1e-9 * expected.samplingRate());
        assertEquals(expected.startTime(), actual.startTime(), 1e-12);
        for (int c = 0; c < expected.channelCount(); c++) {
            for (int i = 0; i < expected.sampleCount(); i++) {
                assertEquals(expected.get(c, i), actual.get(c, i), tol, "channel " + c + " sample " + i);
            }
        }
    }
}
