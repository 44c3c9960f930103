package org.myoflow.io.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.MatFiles;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.internal.readers.Decode;
import org.osgi.service.component.annotations.Component;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * {@code ./myoflow bench io}: writing and reading a 64-channel, 2048 Hz recording (10 minutes; {@code --quick} 1
 * minute) as C3D (float analog storage), BDF+ (24-bit, {@link EdfWriter}), MAT level 5 as {@link MatFiles} writes it
 * (compressed, "mat") and the same variables uncompressed ("mat6": MATLAB's {@code save -v6}, SciPy's
 * {@code savemat} default), each read back through {@link Recordings#read} into the complete in-memory recording
 * (every sample decoded and scaled; checked against the written values). Rates are MB/s of the file's size (10^6
 * bytes), reported next to a plain {@link Files#copy} of the same file measured in the same run (the file is then in
 * the page cache for both), a read of the whole file into a heap byte array (no decoding), and the ratio read/copy.
 * Each read (with the readers' parallel decoding, then on one thread) and copy is timed {@link #REPS} times, the
 * fastest counts (the first read also warms up the reader's code and the heap).
 */
@Component(service = BenchmarkSuite.class)
public final class IoBenchmark implements BenchmarkSuite {

    static final int CHANNELS = 64;
    static final double RATE = 2048;
    /** Timed repetitions of each read and copy; the fastest counts. */
    static final int REPS = 5;

    @Override
    public String name() {
        return "io";
    }

    @Override
    public String description() {
        return "write and read a 64-channel 2048 Hz recording as C3D, BDF and .mat, MB/s beside a plain file copy";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        int seconds = quick ? 60 : 600;
        int n = (int) (seconds * RATE);
        double[][] data = generate(n);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("io_channels", CHANNELS);
        figures.put("io_rate_hz", RATE);
        figures.put("io_seconds", seconds);
        out.printf(Locale.ROOT, "%d channels x %d samples (%d s at %.0f Hz)%n", CHANNELS, n, seconds, RATE);
        out.printf(Locale.ROOT, "%-6s %8s %10s %10s %10s %10s %10s %9s%n", "format", "MB", "write MB/s",
                "read MB/s", "read 1 thr", "copy MB/s", "heap MB/s", "read/copy");
        Path dir = Files.createTempDirectory("myoflow-bench-io");
        int threads = Decode.threads;
        try {
            List<String> formats = List.of("c3d", "bdf", "mat", "mat6");
            for (int k = 0; k < formats.size(); k++) {
                progress.checkCancelled();
                String fmt = formats.get(k);
                Path file = dir.resolve("bench." + (fmt.startsWith("mat") ? "mat" : fmt));
                long t0 = System.nanoTime();
                write(fmt, data, file);
                double writeS = (System.nanoTime() - t0) / 1e9;
                double mb = Files.size(file) / 1e6;
                double copyS = Double.MAX_VALUE;
                double heapS = Double.MAX_VALUE;
                double readS = Double.MAX_VALUE;
                double read1S = Double.MAX_VALUE;
                for (int rep = 0; rep < REPS; rep++) {
                    progress.checkCancelled();
                    Path copy = dir.resolve("copy." + fmt);
                    long c0 = System.nanoTime();
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    copyS = Math.min(copyS, (System.nanoTime() - c0) / 1e9);
                    Files.delete(copy);
                    heapS = Math.min(heapS, readIntoHeap(file));
                    Decode.threads = threads;
                    long r0 = System.nanoTime();
                    Recording rec = Recordings.read(file);
                    readS = Math.min(readS, (System.nanoTime() - r0) / 1e9);
                    check(fmt, rec, data);
                    rec = null;
                    Decode.threads = 1;
                    long s0 = System.nanoTime();
                    rec = Recordings.read(file);
                    read1S = Math.min(read1S, (System.nanoTime() - s0) / 1e9);
                    check(fmt, rec, data);
                    Decode.threads = threads;
                }
                double w = mb / writeS;
                double r = mb / readS;
                double r1 = mb / read1S;
                double c = mb / copyS;
                double h = mb / heapS;
                out.printf(Locale.ROOT, "%-6s %8.1f %10.1f %10.1f %10.1f %10.1f %10.1f %9.2f%n", fmt, mb, w, r, r1,
                        c, h, r / c);
                figures.put("io_size_mb_" + fmt, round(mb));
                figures.put("io_write_mbps_" + fmt, round(w));
                figures.put("io_read_mbps_" + fmt, round(r));
                figures.put("io_read_1thread_mbps_" + fmt, round(r1));
                figures.put("io_copy_mbps_" + fmt, round(c));
                figures.put("io_heap_read_mbps_" + fmt, round(h));
                figures.put("io_read_vs_copy_" + fmt, Math.round(r / c * 1000) / 1000.0);
                Files.delete(file);
                progress.update((k + 1.0) / formats.size(), fmt + " done");
            }
            out.printf(Locale.ROOT, "read: the complete recording in memory (every sample decoded and scaled), best "
                    + "of %d; read 1 thr: decoding on one thread;%ncopy: Files.copy of the same file; heap: "
                    + "FileChannel.read of the file into a byte array (no decoding); %d processors%n", REPS,
                    Runtime.getRuntime().availableProcessors());
            figures.put("io_processors", Runtime.getRuntime().availableProcessors());
        } finally {
            Decode.threads = threads;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return figures;
    }

    /** Seconds to read the whole file into a heap byte array with one FileChannel (a reference, no decoding). */
    private static double readIntoHeap(Path file) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                return Double.MAX_VALUE;
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Deterministic EMG-like samples in volts: per channel two sines and uniform noise of a fixed LCG. */
    public static double[][] generate(int n) {
        double[][] d = new double[CHANNELS][n];
        long state = 0x9E3779B97F4A7C15L;
        for (int c = 0; c < CHANNELS; c++) {
            double f1 = 20 + 3 * c;
            double f2 = 90 + 1.7 * c;
            for (int i = 0; i < n; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                double noise = ((state >>> 11) * 0x1.0p-53) - 0.5;
                double t = i / RATE;
                d[c][i] = 1e-4 * Math.sin(2 * Math.PI * f1 * t) + 5e-5 * Math.sin(2 * Math.PI * f2 * t)
                        + 2e-5 * noise;
            }
        }
        return d;
    }

    private static List<String> labels() {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            l.add("EMG" + (c + 1));
        }
        return l;
    }

    static void write(String fmt, double[][] data, Path file) throws IOException {
        switch (fmt) {
            case "c3d" -> writeC3d(data, file);
            case "bdf" -> {
                List<String> units = new ArrayList<>();
                List<ChannelKind> kinds = new ArrayList<>();
                for (int c = 0; c < CHANNELS; c++) {
                    units.add("V");
                    kinds.add(ChannelKind.EMG);
                }
                RecordingSignal s = new RecordingSignal("emg", RATE, 0, labels(), units, kinds, data);
                EdfWriter.write(new Recording(file, "bench", "", Map.of(), List.of(s), List.of(), List.of()), file,
                        true);
            }
            case "mat" -> MatFiles.write(platformSignal(data), file);
            case "mat6" -> {
                // the same variables as MatFiles writes, without compression (MATLAB's save -v6, SciPy's savemat)
                Signal sig = platformSignal(data);
                Matrix m = Mat5.newMatrix(sig.sampleCount(), CHANNELS);
                Cell labels = Mat5.newCell(1, CHANNELS);
                Cell units = Mat5.newCell(1, CHANNELS);
                for (int c = 0; c < CHANNELS; c++) {
                    double[] d = sig.channel(c);
                    for (int i = 0; i < d.length; i++) {
                        m.setDouble(i, c, d[i]);
                    }
                    labels.set(0, c, Mat5.newString(sig.labels().get(c)));
                    units.set(0, c, Mat5.newString(sig.units().get(c)));
                }
                try (Sink sink = Sinks.newStreamingFile(file.toFile())) {
                    Mat5.newWriter(sink).setDeflateLevel(Deflater.NO_COMPRESSION).writeMat(Mat5.newMatFile()
                            .addArray("data", m).addArray("fs", Mat5.newScalar(RATE)).addArray("t0",
                                    Mat5.newScalar(0)).addArray("labels", labels).addArray("units", units)
                            .addArray("quantity", Mat5.newString("emg")));
                }
            }
            default -> throw new IllegalArgumentException(fmt);
        }
    }

    private static Signal platformSignal(double[][] data) {
        Signal.Builder b = Signal.builder(RATE).quantity("emg");
        List<String> labels = labels();
        for (int c = 0; c < CHANNELS; c++) {
            b.channel(labels.get(c), "V", data[c]);
        }
        return b.build();
    }

    /** The read-back must have every channel and sample (values within the format's precision). */
    private static void check(String fmt, Recording rec, double[][] data) {
        RecordingSignal s = rec.signals().stream().filter(x -> x.channelCount() == CHANNELS).findFirst()
                .orElseThrow(() -> new IllegalStateException(fmt + ": read back without 64 channels"));
        if (s.sampleCount() != data[0].length) {
            throw new IllegalStateException(fmt + ": read back " + s.sampleCount() + " samples, wrote "
                    + data[0].length);
        }
        double tol = fmt.equals("bdf") ? 1e-9 : 1e-10;
        for (int c = 0; c < CHANNELS; c += 21) {
            for (int i = 0; i < data[c].length; i += 997) {
                if (Math.abs(s.data()[c][i] - data[c][i]) > tol) {
                    throw new IllegalStateException(fmt + ": channel " + c + " sample " + i + " read back as "
                            + s.data()[c][i] + ", wrote " + data[c][i]);
                }
            }
        }
    }

    /**
     * A minimal C3D file: Intel processor, float storage (POINT:SCALE -1), no points, 64 analog channels at
     * 2048 Hz in frames of 32 samples (64 frames per second), ANALOG:SCALE 1, OFFSET 0, GEN_SCALE 1.
     */
    public static void writeC3d(double[][] data, Path file) throws IOException {
        int channels = data.length;
        int n = data[0].length;
        int perFrame = 32;
        int frames = (n + perFrame - 1) / perFrame;
        if (frames > 0xffff) {
            throw new IllegalArgumentException("too many frames for a C3D header: " + frames);
        }
        float frameRate = (float) (RATE / perFrame);
        ByteBuffer params = ByteBuffer.allocate(512 * 8).order(ByteOrder.LITTLE_ENDIAN);
        params.put((byte) 1).put((byte) 0x50).put((byte) 0).put((byte) 84);
        group(params, 1, "POINT");
        group(params, 2, "ANALOG");
        int dataStartPos = param(params, 1, "DATA_START", 2, new int[0], b -> b.putShort((short) 0))
                + 2 + "DATA_START".length() + 2 + 2;
        param(params, 1, "USED", 2, new int[0], b -> b.putShort((short) 0));
        param(params, 1, "SCALE", 4, new int[0], b -> b.putFloat(-1f));
        param(params, 1, "RATE", 4, new int[0], b -> b.putFloat(frameRate));
        param(params, 1, "FRAMES", 2, new int[0], b -> b.putShort((short) frames));
        param(params, 2, "USED", 2, new int[0], b -> b.putShort((short) channels));
        param(params, 2, "RATE", 4, new int[0], b -> b.putFloat((float) RATE));
        param(params, 2, "GEN_SCALE", 4, new int[0], b -> b.putFloat(1f));
        param(params, 2, "SCALE", 4, new int[] { channels }, b -> {
            for (int c = 0; c < channels; c++) {
                b.putFloat(1f);
            }
        });
        param(params, 2, "OFFSET", 2, new int[] { channels }, b -> {
            for (int c = 0; c < channels; c++) {
                b.putShort((short) 0);
            }
        });
        List<String> labels = labels();
        param(params, 2, "LABELS", -1, new int[] { 8, channels }, b -> {
            for (int c = 0; c < channels; c++) {
                b.put(String.format(Locale.ROOT, "%-8s", labels.get(c)).getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        int last = param(params, 2, "UNITS", -1, new int[] { 1, channels }, b -> {
            for (int c = 0; c < channels; c++) {
                b.put((byte) 'V');
            }
        });
        // the last parameter ends the chain: its offset to the next is 0
        int lastNameLen = params.get(last);
        params.putShort(last + 2 + lastNameLen, (short) 0);
        int paramBlocks = (params.position() + 511) / 512;
        params.put(2, (byte) paramBlocks);
        int dataBlock = 2 + paramBlocks;
        params.putShort(dataStartPos, (short) dataBlock);

        ByteBuffer header = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, (byte) 2).put(1, (byte) 0x50);
        header.putShort(2, (short) 0);
        header.putShort(4, (short) (channels * perFrame));
        header.putShort(6, (short) 1);
        header.putShort(8, (short) frames);
        header.putShort(10, (short) 0);
        header.putFloat(12, -1f);
        header.putShort(16, (short) dataBlock);
        header.putShort(18, (short) perFrame);
        header.putFloat(20, frameRate);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            os.write(header.array());
            os.write(params.array(), 0, paramBlocks * 512);
            ByteBuffer frame = ByteBuffer.allocate(channels * perFrame * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < frames; f++) {
                frame.clear();
                for (int s = 0; s < perFrame; s++) {
                    int i = Math.min(f * perFrame + s, n - 1); // the last frame repeats the last sample
                    for (int c = 0; c < channels; c++) {
                        frame.putFloat((float) data[c][i]);
                    }
                }
                os.write(frame.array());
            }
        }
    }

    private static void group(ByteBuffer b, int id, String name) {
        b.put((byte) name.length()).put((byte) -id).put(name.getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 3); // next record: after this field (2 bytes) and the description length (1 byte)
        b.put((byte) 0);
    }

    /** Appends a parameter record (dimensions under 256); returns the record's position. */
    private static int param(ByteBuffer b, int group, String name, int type, int[] dims,
            java.util.function.Consumer<ByteBuffer> values) {
        int start = b.position();
        b.put((byte) name.length()).put((byte) group).put(name.getBytes(StandardCharsets.US_ASCII));
        int nextField = b.position();
        b.putShort((short) 0);
        b.put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.put((byte) d);
        }
        values.accept(b);
        b.put((byte) 0); // empty description
        b.putShort(nextField, (short) (b.position() - nextField));
        return start;
    }
}
