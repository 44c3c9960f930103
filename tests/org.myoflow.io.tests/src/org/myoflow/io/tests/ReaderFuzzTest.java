package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.NumericTable;
import org.myoflow.core.data.Signal;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.MatFiles;
import org.myoflow.io.Npy;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * The short, fixed-budget fuzz run of the normal test suite (the long, coverage-guided one is
 * releng/scripts/fuzz.sh with Jazzer, see docs/formats.md): per binary format, valid seed files (the corpus C3D
 * files, small files written by the writers) are mutated with a fixed random seed (bit flips, random bytes,
 * extreme values written over 2-, 4- and 8-byte fields of the header region in both byte orders, truncation,
 * inserted and deleted runs) and read. Every input must be read or refused with a {@link DataException} that names
 * the file; any other throwable, or a read that takes over the time limit, fails. The inputs that Jazzer found
 * crashing before they were fixed are replayed from data/fuzz/FORMAT/.
 */
class ReaderFuzzTest {

    /** Mutated inputs per format. */
    static final int EXECUTIONS = 1500;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "c3d", "edf", "bdf", "otb", "mat", "hdf5", "npy" })
    void mutatedInputsAreReadOrRefusedCleanly(String format) throws Exception {
        List<byte[]> seeds = seeds(format);
        assertTrue(!seeds.isEmpty(), "no seeds for " + format);
        Path file = dir.resolve("fuzz" + extension(format));
        Random rnd = new Random(20261206L ^ format.hashCode());
        int[] refused = { 0 };
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                byte[] in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                refused[0] += readOrRefuse(format, file, in, "mutation " + i) ? 0 : 1;
            }
        }, format + ": " + EXECUTIONS + " reads took over 2 minutes (a hang?)");
        System.out.printf("fuzz %s: %d mutated inputs, %d refused cleanly, no crash%n", format, EXECUTIONS,
                refused[0]);
    }

    @Test
    void savedFindingsAreRefusedCleanly() throws Exception {
        Path root = Path.of("data", "fuzz");
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(root)) {
            inputs = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        for (Path p : inputs) {
            String format = p.getParent().getFileName().toString();
            Path file = dir.resolve("finding" + extension(format));
            assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> readOrRefuse(format, file, Files.readAllBytes(p), p.toString()), p + " hangs");
        }
    }

    /** True when read, false when refused with a DataException naming the file; fails on anything else. */
    static boolean readOrRefuse(String format, Path file, byte[] in, String what) throws IOException {
        Files.write(file, in);
        try {
            if (format.equals("npy")) {
                Npy.read(file);
                Npy.readFloat32(file);
            } else {
                Recordings.read(file);
            }
            return true;
        } catch (DataException e) {
            if (e.getMessage() == null || !e.getMessage().contains(file.toString())) {
                fail(format + " " + what + ": refusal without the file name: " + e.getMessage(), e);
            }
            return false;
        } catch (Throwable t) {
            Path saved = Path.of("target", "fuzz-findings", format);
            Files.createDirectories(saved);
            Path f = saved.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_") + extension(format));
            Files.write(f, in);
            fail(format + " " + what + ": " + t + " (input saved as " + f.toAbsolutePath() + ")", t);
            return false;
        }
    }

    static String extension(String format) {
        return switch (format) {
            case "otb" -> ".otb+";
            case "hdf5" -> ".h5";
            default -> "." + format;
        };
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int region = Math.min(b.length, rnd.nextInt(4) == 0 ? b.length : 1024); // mostly the header region
            int at = rnd.nextInt(region);
            switch (rnd.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> { // an extreme value over a 2-, 4- or 8-byte field, either byte order
                    int w = 1 << (1 + rnd.nextInt(3));
                    long[] extremes = { 0, -1, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL,
                        0x80000000L, 0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, b.length, b.length + 1 };
                    long v = extremes[rnd.nextInt(extremes.length)];
                    boolean little = rnd.nextBoolean();
                    for (int j = 0; j < w && at + j < b.length; j++) {
                        int shift = 8 * (little ? j : w - 1 - j);
                        b[at + j] = (byte) (v >>> shift);
                    }
                }
                case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncation
                case 4 -> { // delete a run
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                default -> { // insert a run of random bytes
                    int len = 1 + rnd.nextInt(16);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int j = 0; j < len; j++) {
                        c[at + j] = (byte) rnd.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    /** Valid small files of the format. */
    List<byte[]> seeds(String format) throws IOException {
        List<byte[]> out = new ArrayList<>();
        Path seedDir = Files.createDirectories(dir.resolve("seeds"));
        switch (format) {
            case "c3d" -> {
                try (Stream<Path> s = Files.walk(Path.of("data", "real"))) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".c3d")).sorted().toList()) {
                        if (Files.size(p) < 300_000) {
                            out.add(Files.readAllBytes(p));
                        }
                    }
                }
            }
            case "edf", "bdf" -> {
                Path f = seedDir.resolve("seed." + format);
                EdfWriter.write(recording(), f, format.equals("bdf"));
                out.add(Files.readAllBytes(f));
            }
            case "mat" -> {
                Path f = seedDir.resolve("seed.mat");
                double[][] d = samples();
                MatFiles.write(Signal.builder(512).quantity("emg").channel("EMG1", "V", d[0])
                        .channel("EMG2", "V", d[1]).build(), f);
                out.add(Files.readAllBytes(f));
            }
            case "npy" -> {
                Path f = seedDir.resolve("seed.npy");
                double[] v = new double[40];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i * 0.5;
                }
                Npy.write(new NumericTable(20, 2, v), f);
                out.add(Files.readAllBytes(f));
            }
            case "hdf5" -> {
                Path f = seedDir.resolve("seed.h5");
                double[][] emg = new double[200][3];
                for (int i = 0; i < 200; i++) {
                    for (int c = 0; c < 3; c++) {
                        emg[i][c] = i * (c + 1);
                    }
                }
                try (WritableHdfFile w = HdfFile.write(f)) {
                    WritableGroup g = w.putGroup("trial");
                    g.putDataset("emg", emg);
                    g.putAttribute("SamplingFrequency", 2000.0);
                    w.putDataset("force", new double[] { 1, 2, 3, 4 });
                }
                out.add(Files.readAllBytes(f));
            }
            case "otb" -> out.add(OtbTest.tar(OtbTest.quattrocento(64)));
            default -> throw new IllegalArgumentException(format);
        }
        return out;
    }

    private static double[][] samples() {
        double[][] d = new double[3][256];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 256; i++) {
                d[c][i] = Math.sin(i * 0.1 * (c + 1)) * 1e-4;
            }
        }
        return d;
    }

    private static Recording recording() {
        double[][] d = samples();
        RecordingSignal s = new RecordingSignal("emg", 512, 0, List.of("EMG1", "EMG2", "Force"),
                List.of("V", "V", "N"), List.of(ChannelKind.EMG, ChannelKind.EMG, ChannelKind.FORCE), d);
        RecordingSignal slow = new RecordingSignal("slow", 64, 0, List.of("Angle"), List.of("deg"),
                List.of(ChannelKind.ANGLE), new double[][] { Arrays.copyOf(d[0], 32) });
        return new Recording(Path.of("seed"), "seed", "", Map.of(), List.of(s, slow),
                List.of(new RecordingEvent("start", "", 0.1, "")), List.of());
    }
}
