package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;

/**
 * {@code myoflow inspect} of binary recordings whose header states more than the file holds: exit 3 and one line
 * naming the file and the byte offset, no exception trace (C3D, EDF, BDF and .mat written by {@code convert};
 * OTB+, HDF5 and NPY have the same checks, tested in org.myoflow.io.tests).
 */
class MalformedHeadersCliTest {

    private static final Path C3D = Path.of("..", "org.myoflow.io.tests", "data", "real", "c3dio", "sample_30",
            "emgwl.c3d");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .execute(args);
    }

    private void assertRefused(Path f, String offset) {
        assertEquals(ExitCodes.BAD_DATA, run("inspect", f.toString()), err.toString(StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.startsWith("myoflow: " + f + ": byte " + offset), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
    }

    private Path converted(String ext) {
        Path f = dir.resolve("emg." + ext);
        assertEquals(ExitCodes.OK, run("convert", C3D.toString(), f.toString(), "--channels", "MG-1,MG-2"),
                err.toString(StandardCharsets.UTF_8));
        return f;
    }

    @Test
    void c3dFrameCount() throws Exception {
        byte[] b = Files.readAllBytes(C3D);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0xfff0);
        Path f = dir.resolve("frames.c3d");
        Files.write(f, b);
        assertRefused(f, "");
    }

    @Test
    void edfAndBdfRecordCount() throws Exception {
        for (String ext : new String[] { "edf", "bdf" }) {
            byte[] b = Files.readAllBytes(converted(ext));
            System.arraycopy("99999999".getBytes(StandardCharsets.US_ASCII), 0, b, 236, 8);
            Path f = dir.resolve("records." + ext);
            Files.write(f, b);
            assertRefused(f, Integer.toString(b.length));
            byte[] c = Files.readAllBytes(converted(ext));
            System.arraycopy("12345   ".getBytes(StandardCharsets.US_ASCII), 0, c, 184, 8);
            Path g = dir.resolve("header." + ext);
            Files.write(g, c);
            assertRefused(g, "184 (number of bytes in header)");
        }
    }

    @Test
    void matElementSize() throws Exception {
        byte[] b = Files.readAllBytes(converted("mat"));
        Path cut = dir.resolve("cut.mat");
        Files.write(cut, Arrays.copyOf(b, 200));
        assertRefused(cut, "128: truncated");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(132, 0x7ffffff0);
        Path f = dir.resolve("size.mat");
        Files.write(f, b);
        assertRefused(f, "128: truncated");
    }
}
