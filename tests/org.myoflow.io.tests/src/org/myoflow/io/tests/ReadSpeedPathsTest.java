package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.internal.IoBenchmark;
import org.myoflow.io.internal.readers.Decode;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * The fast read paths of {@code bench io} give the same numbers as the plain ones: C3D, EDF and BDF decoded in
 * parallel blocks equal the one-thread decode bit for bit and the written values; large MAT matrices decoded by
 * hand (every stored numeric type, both orientations, compressed or not, between small variables that mfl-core
 * reads) equal mfl-core's own values exactly. Discontinuous BDF+D is refused with the byte offset.
 */
class ReadSpeedPathsTest {

    @TempDir
    Path dir;

    private final int threads = Decode.threads;

    @AfterEach
    void restoreThreads() {
        Decode.threads = threads;
    }

    /** Reads with parallel blocks, then with one thread: identical arrays. */
    private static RecordingSignal readBothWays(Path f, String group) {
        Decode.threads = 0;
        RecordingSignal par = Recordings.read(f).signal(group).orElseThrow();
        Decode.threads = 1;
        RecordingSignal one = Recordings.read(f).signal(group).orElseThrow();
        assertEquals(one.labels(), par.labels());
        assertEquals(one.units(), par.units());
        for (int c = 0; c < one.channelCount(); c++) {
            assertArrayEquals(one.data()[c], par.data()[c], "channel " + c + " of " + f.getFileName());
        }
        return par;
    }

    @Test
    void c3dParallelBlocksEqualOneThreadAndTheWrittenFloats() throws IOException {
        int n = 32 * 1500; // 64 channels x 48000 samples: above the parallel threshold
        double[][] d = IoBenchmark.generate(n);
        Path f = dir.resolve("b.c3d");
        IoBenchmark.writeC3d(d, f);
        RecordingSignal a = readBothWays(f, "analog");
        assertEquals(n, a.sampleCount());
        assertEquals("EMG64", a.labels().get(63));
        for (int c = 0; c < 64; c += 7) {
            for (int i = 0; i < n; i += 101) {
                assertEquals((float) d[c][i], a.data()[c][i], 0.0, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void edfAndBdfParallelBlocksEqualOneThreadWithinOneQuantisationStep() throws IOException {
        int n = 2048 * 10;
        double[][] d = IoBenchmark.generate(n);
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<ChannelKind> kinds = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            labels.add("EMG" + (c + 1));
            units.add("V");
            kinds.add(ChannelKind.EMG);
        }
        RecordingSignal s = new RecordingSignal("emg", 2048, 0, labels, units, kinds, d);
        for (boolean bdf : new boolean[] { true, false }) {
            Path f = dir.resolve(bdf ? "b.bdf" : "b.edf");
            EdfWriter.write(new Recording(f, "t", "", Map.of(), List.of(s), List.of(), List.of()), f, bdf);
            RecordingSignal r = readBothWays(f, "signals");
            assertEquals(n, r.sampleCount());
            double range = 4e-4; // the generated values stay within +-2e-4 V
            double step = range / (bdf ? (1 << 24) : (1 << 16));
            for (int c = 0; c < 64; c += 9) {
                for (int i = 0; i < n; i += 37) {
                    assertEquals(d[c][i], r.data()[c][i], step, (bdf ? "BDF" : "EDF") + " channel " + c);
                }
            }
        }
    }

    private static Matrix filled(int rows, int cols, MatlabType type, int seed) {
        Matrix m = Mat5.newMatrix(new int[] { rows, cols }, type);
        long state = seed;
        for (int i = 0; i < rows * cols; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            double v = switch (type) {
                case Double -> ((state >>> 11) * 0x1.0p-53 - 0.5) * 1e-3;
                case Single -> (float) (((state >>> 11) * 0x1.0p-53 - 0.5) * 3);
                case Int8 -> (byte) (state >>> 40);
                case UInt8 -> (state >>> 40) & 0xff;
                case Int16 -> (short) (state >>> 40);
                case UInt16 -> (state >>> 40) & 0xffff;
                case Int32 -> (int) (state >>> 32);
                case UInt32 -> (state >>> 32) & 0xffffffffL;
                default -> throw new IllegalArgumentException(type.toString());
            };
            m.setDouble(i, v);
        }
        return m;
    }

    @Test
    void largeMatMatricesReadByHandEqualMflCoresValues() throws IOException {
        MatlabType[] types = { MatlabType.Double, MatlabType.Single, MatlabType.Int8, MatlabType.UInt8,
            MatlabType.Int16, MatlabType.UInt16, MatlabType.Int32, MatlabType.UInt32 };
        int n = 25_000; // x 3 channels = 75000 elements: over MatNumeric's threshold
        for (boolean compressed : new boolean[] { false, true }) {
            for (int t = 0; t < types.length; t++) {
                boolean timeDown = t % 2 == 0;
                int rows = timeDown ? n : 3;
                int cols = timeDown ? 3 : n;
                Matrix big = filled(rows, cols, types[t], t + 1);
                Matrix second = filled(n, 2, MatlabType.Double, 99); // a second large one, after small ones
                Cell labels = Mat5.newCell(1, 3);
                for (int c = 0; c < 3; c++) {
                    labels.set(0, c, Mat5.newString("ch" + c));
                }
                MatFile mat = Mat5.newMatFile().addArray("emg", big).addArray("fs", Mat5.newScalar(1000))
                        .addArray("labels", labels).addArray("force", second).addArray("note", Mat5.newString("x"));
                Path f = dir.resolve("m" + t + (compressed ? "z" : "") + ".mat");
                try (Sink sink = Sinks.newStreamingFile(f.toFile())) {
                    Mat5.newWriter(sink).setDeflateLevel(compressed ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION)
                            .writeMat(mat);
                }
                String what = types[t] + (compressed ? " compressed" : "") + (timeDown ? " n x 3" : " 3 x n");
                byte[] tag = Files.readAllBytes(f);
                assertEquals(compressed ? 15 : 14, tag[128], what + ": element type");
                Recording r = Recordings.read(f);
                assertEquals(List.of("emg", "force"), r.signals().stream().map(RecordingSignal::name).toList(), what);
                RecordingSignal e = r.signal("emg").orElseThrow();
                assertEquals(1000.0, e.samplingRate(), what);
                assertEquals(List.of("ch0", "ch1", "ch2"), e.labels(), what);
                assertEquals(n, e.sampleCount(), what);
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < n; i++) {
                        double want = timeDown ? big.getDouble(i, c) : big.getDouble(c, i);
                        if (want != e.data()[c][i]) {
                            assertEquals(want, e.data()[c][i], 0.0, what + " channel " + c + " sample " + i);
                        }
                    }
                }
                RecordingSignal g = r.signal("force").orElseThrow();
                for (int i = 0; i < n; i += 13) {
                    assertEquals(second.getDouble(i, 1), g.data()[1][i], 0.0, what + ": force");
                }
                assertEquals("x", r.metadata().get("note"), what);
                assertEquals("1000.0", r.metadata().get("fs"), what);
            }
        }
    }

    @Test
    void truncatedCompressedMatrixIsRefusedWithTheElementOffset() throws IOException {
        Matrix big = filled(30_000, 3, MatlabType.Double, 5);
        Path f = dir.resolve("z.mat");
        try (Sink sink = Sinks.newStreamingFile(f.toFile())) {
            Mat5.newWriter(sink).setDeflateLevel(Deflater.BEST_SPEED).writeMat(Mat5.newMatFile().addArray("emg",
                    big));
        }
        byte[] b = Files.readAllBytes(f);
        // keep the element's tag and size but damage the zlib stream in its middle
        for (int i = b.length / 2; i < b.length / 2 + 64; i++) {
            b[i] = (byte) 0xff;
        }
        Path g = dir.resolve("z-bad.mat");
        Files.write(g, b);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(g));
        assertTrue(e.getMessage().contains("byte 128"), e.getMessage());
    }

    @Test
    void damagedHeadersOfLargeMatricesAreReadOrRefusedCleanly() throws IOException {
        Matrix big = filled(30_000, 3, MatlabType.Double, 6);
        for (boolean compressed : new boolean[] { false, true }) {
            Path f = dir.resolve("h" + compressed + ".mat");
            try (Sink sink = Sinks.newStreamingFile(f.toFile())) {
                Mat5.newWriter(sink).setDeflateLevel(compressed ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION)
                        .writeMat(Mat5.newMatFile().addArray("emg", big).addArray("fs", Mat5.newScalar(100)));
            }
            byte[] good = Files.readAllBytes(f);
            java.util.Random rnd = new java.util.Random(11);
            int span = compressed ? 200 : 80; // uncompressed: the tag, flags, dims, name and data tag
            for (int k = 0; k < 60; k++) {
                byte[] b = good.clone();
                for (int j = 0; j < 1 + rnd.nextInt(3); j++) {
                    b[128 + rnd.nextInt(span)] = (byte) rnd.nextInt(256);
                }
                if (k % 10 == 9) {
                    b = java.util.Arrays.copyOf(b, 128 + rnd.nextInt(b.length - 128));
                }
                Path g = dir.resolve("damaged.mat");
                Files.write(g, b);
                try {
                    Recordings.read(g);
                } catch (DataException e) {
                    assertTrue(e.getMessage().contains("damaged.mat"), e.getMessage());
                }
            }
            // dimensions that claim more than the element holds: not decoded by hand, refused by the library
            byte[] b = good.clone();
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(128 + 8 + 16 + 8, 3_000_000);
            if (!compressed) {
                Path g = dir.resolve("dims.mat");
                Files.write(g, b);
                assertThrows(DataException.class, () -> Recordings.read(g));
            }
        }
    }

    @Test
    void discontinuousBdfIsRefusedWithTheByteOffset() throws IOException {
        double[][] d = IoBenchmark.generate(2048);
        double[][] two = { d[0], d[1] };
        RecordingSignal s = new RecordingSignal("emg", 2048, 0, List.of("A", "B"), List.of("V", "V"),
                List.of(ChannelKind.EMG, ChannelKind.EMG), two);
        Path f = dir.resolve("c.bdf");
        EdfWriter.write(new Recording(f, "t", "", Map.of(), List.of(s), List.of(), List.of()), f, true);
        byte[] b = Files.readAllBytes(f);
        assertEquals("BDF+C", new String(b, 192, 5, StandardCharsets.US_ASCII));
        b[196] = 'D';
        Path g = dir.resolve("d.bdf");
        Files.write(g, b);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(g));
        assertTrue(e.getMessage().contains("byte 192 (reserved)"), e.getMessage());
        assertTrue(e.getMessage().contains("discontinuous BDF+D"), e.getMessage());
    }
}
