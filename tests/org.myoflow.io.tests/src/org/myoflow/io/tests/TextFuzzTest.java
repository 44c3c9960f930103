package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.io.ResultFiles;
import org.myoflow.io.SignalFiles;

/**
 * The short, fixed-budget fuzz run of the text signal readers in the normal test suite (the long, coverage-guided
 * one is releng/scripts/fuzz.sh with Jazzer, targets csv, sto and sidecar): the CSV and OpenSim files of the
 * repository (examples, tests/smoke, the test data) and small result files ({@code .npy} + {@code .json} sidecar)
 * are mutated with a fixed random seed (byte and token edits: separators, line breaks, quotes, brackets, extreme
 * numbers, control characters, long runs) and read through {@link SignalFiles}/{@link ResultFiles}. Every input must
 * be read or refused with a {@link DataException} that names the file and quotes no control character; anything
 * else, or a read over the time limit, fails. The inputs Jazzer found crashing before they were fixed are replayed
 * from data/fuzz-text/TARGET/. Also: a parse error quotes only a short excerpt of a long bad line.
 */
class TextFuzzTest {

    /** Mutated inputs per target. */
    static final int EXECUTIONS = 1000;

    /** Tokens the mutator inserts (what text parsers branch on). */
    static final String[] TOKENS = { ",", ";", "\t", "\n", "\r\n", "\"", "'", "[", "]", "{", "}", ":", "=", "#",
        "time", "endheader", "nRows=", "nColumns=", "inDegrees=", "version=1", "NaN", "-Infinity", "1e308", "1e-320",
        "-0", "2147483648", "9223372036854775808", "0x1p3", "1.5f", "\u0000", "\u001b[2J", "\u202e", "\uFEFF", "µV",
        "\"samplingRateHz\":", "\"labels\":", "\"type\":", "\"shape\":", "\"sha256\":", "null", "true", "[]", "{}" };

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "csv", "sto", "sidecar" })
    void mutatedInputsAreReadOrRefusedCleanly(String target) throws Exception {
        List<byte[]> seeds = seeds(target);
        assertTrue(!seeds.isEmpty(), "no seeds for " + target);
        Random rnd = new Random(20261206L ^ target.hashCode());
        int[] refused = { 0 };
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                byte[] in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                refused[0] += readOrRefuse(target, in, "mutation " + i) ? 0 : 1;
            }
        }, target + ": " + EXECUTIONS + " reads took over 2 minutes (a hang?)");
        System.out.printf("fuzz %s: %d mutated inputs, %d refused cleanly, no crash%n", target, EXECUTIONS,
                refused[0]);
    }

    @Test
    void savedFindingsAreRefusedCleanly() throws Exception {
        Path root = Path.of("data", "fuzz-text");
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(root)) {
            inputs = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        assertFalse(inputs.isEmpty(), "no saved findings under " + root);
        for (Path p : inputs) {
            String target = p.getParent().getFileName().toString();
            assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> readOrRefuse(target, Files.readAllBytes(p), p.toString()), p + " hangs");
        }
    }

    @Test
    void aLongBadLineIsQuotedAsAShortEscapedExcerpt() throws Exception {
        String secret = "root:$6$SECRETSALT$" + "0123456789abcdefghijklmnopqrstuvwxyz".repeat(5) + ":19000:0:99999:7:::";
        Path csv = dir.resolve("shadow.csv");
        Files.writeString(csv, "time,biceps\n0,1\n0.01," + secret + "\t\u001b[31m\n");
        String m = refusal(() -> SignalFiles.read(csv));
        assertTrue(m.startsWith(csv + ":3: '" + secret.substring(0, Excerpt.MAX) + "…' is not a number (column "
                + "biceps)"), m);
        assertFalse(m.contains(secret.substring(Excerpt.MAX, Excerpt.MAX + 8)), m);

        Path sto = dir.resolve("shadow.sto");
        Files.writeString(sto, "name\nendheader\n" + secret + "\tmore\n");
        m = refusal(() -> SignalFiles.read(sto));
        assertTrue(m.contains("found '" + secret.substring(0, Excerpt.MAX) + "…'"), m);
        assertFalse(m.contains("SECRETSALT$0123456789abcdefghijklmnop"), m);

        Path sidecar = dir.resolve("r.json");
        ResultFiles.write(Signal.builder(10).channel("a", "", new double[] { 1, 2 }).build(), dir.resolve("r"));
        Files.writeString(sidecar, "{\"samplingRateHz\": \"" + secret + "\"}");
        m = refusal(() -> ResultFiles.readSignal(sidecar));
        assertTrue(m.endsWith("'samplingRateHz' must be a number, found " + secret.substring(0, Excerpt.MAX) + "…"),
                m);
        Files.writeString(sidecar, "{\"samplingRateHz\": 10, " + secret + "\n" + secret + "}");
        m = refusal(() -> ResultFiles.readSignal(sidecar));
        assertTrue(m.contains("not valid JSON") && !m.contains("\n"), m);
    }

    private static String refusal(Runnable r) {
        try {
            r.run();
        } catch (DataException e) {
            assertControlFree(e.getMessage());
            return e.getMessage();
        }
        return fail("not refused");
    }

    private static void assertControlFree(String m) {
        for (int i = 0; i < m.length(); i++) {
            if (Character.isISOControl(m.charAt(i))) {
                fail("control character U+" + Integer.toHexString(m.charAt(i)) + " in the message: " + m);
            }
        }
    }

    /** True when read, false when refused cleanly; fails on anything else. */
    boolean readOrRefuse(String target, byte[] in, String what) throws IOException {
        Path file = dir.resolve(switch (target) {
            case "csv" -> "fuzz.csv";
            case "sto" -> "fuzz.sto";
            default -> "fuzz.npy";
        });
        List<Runnable> reads = new ArrayList<>();
        if (target.equals("sidecar")) {
            byte[] npy = defaultNpy();
            byte[] json = in;
            int at = indexOf(in, SEPARATOR.getBytes(StandardCharsets.US_ASCII));
            if (at >= 0) {
                npy = Arrays.copyOf(in, at);
                json = Arrays.copyOfRange(in, at + SEPARATOR.length(), in.length);
            }
            Files.write(ResultFiles.npyPath(file), npy);
            Files.write(ResultFiles.jsonPath(file), json);
            reads.add(() -> ResultFiles.readSignal(file));
            reads.add(() -> ResultFiles.read(file));
        } else {
            Files.write(file, in);
            reads.add(() -> SignalFiles.read(file));
            if (target.equals("csv")) {
                reads.add(() -> SignalFiles.read(file, 2048));
            }
        }
        boolean read = true;
        for (Runnable r : reads) {
            try {
                r.run();
            } catch (DataException e) {
                read = false;
                if (e.getMessage() == null || !e.getMessage().contains(dir.toString())) {
                    fail(target + " " + what + ": refusal without the file name: " + e.getMessage(), e);
                }
                assertControlFree(e.getMessage());
            } catch (Throwable t) {
                Path saved = Path.of("target", "fuzz-findings", target);
                Files.createDirectories(saved);
                Path f = saved.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_"));
                Files.write(f, in);
                fail(target + " " + what + ": " + t + " (input saved as " + f.toAbsolutePath() + ")", t);
            }
        }
        try {
            SignalFiles.peek(file, 2048);
        } catch (Throwable t) {
            fail(target + " " + what + ": peek threw " + t, t);
        }
        return read;
    }

    /** Separates the .npy bytes from the sidecar text in a sidecar input (as in releng/fuzz TextFuzz). */
    static final String SEPARATOR = "\n--myoflow-sidecar--\n";

    private byte[] defaultNpy;

    private byte[] defaultNpy() throws IOException {
        if (defaultNpy == null) {
            Path base = Files.createDirectories(dir.resolve("default")).resolve("s");
            ResultFiles.write(signal(), base);
            defaultNpy = Files.readAllBytes(ResultFiles.npyPath(base));
        }
        return defaultNpy;
    }

    static int indexOf(byte[] data, byte[] sep) {
        outer: for (int i = 0; i + sep.length <= data.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (data[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Signal signal() {
        double[] a = new double[64];
        double[] b = new double[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i * 0.2) * 1e-3;
            b[i] = i * 0.01;
        }
        return Signal.builder(512).startTime(0.25).quantity("emg").channel("biceps", "mV", a)
                .channel("triceps", "mV", b).build();
    }

    /** Byte edits (as ReaderFuzzTest) and token edits. */
    static byte[] mutate(byte[] seed, Random rnd) {
        if (rnd.nextBoolean()) {
            return ReaderFuzzTest.mutate(seed, rnd);
        }
        byte[] b = seed.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            byte[] ins = switch (rnd.nextInt(4)) {
                case 0 -> TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                case 1 -> "x".repeat(1 + rnd.nextInt(5000)).getBytes(StandardCharsets.UTF_8); // a long run
                case 2 -> new byte[] { (byte) rnd.nextInt(256) };
                default -> new byte[0];
            };
            int del = b.length == 0 ? 0 : rnd.nextInt(Math.min(8, b.length - at) + 1);
            byte[] c = new byte[b.length - del + ins.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(ins, 0, c, at, ins.length);
            System.arraycopy(b, at + del, c, at + ins.length, b.length - at - del);
            b = c;
        }
        return b;
    }

    /** Files of the repository (and small result files) as seeds. */
    List<byte[]> seeds(String target) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (target.equals("sidecar")) {
            Path tmp = Files.createDirectories(dir.resolve("seeds"));
            ResultFiles.write(signal(), tmp.resolve("signal"));
            ResultFiles.write(new SpikeTrains(new double[][] { { 0.1, 0.5 }, { 0.2 } }, 1.0, List.of("u1", "u2")),
                    tmp.resolve("spikes"));
            double[][][] m = new double[2][3][4];
            for (int u = 0; u < 2; u++) {
                for (int c = 0; c < 3; c++) {
                    for (int s = 0; s < 4; s++) {
                        m[u][c][s] = u + c * 0.1 + s * 0.01;
                    }
                }
            }
            ResultFiles.write(new MuapBank(m, 2048, 0, List.of("e1", "e2", "e3"), List.of("u1", "u2"),
                    new double[][] { { 0, 0 }, { 5, 0 }, { 10, 0 } }, 1, 3, "mV", "monopolar"), tmp.resolve("bank"));
            for (String n : List.of("signal", "spikes", "bank")) {
                byte[] npy = Files.readAllBytes(tmp.resolve(n + ".npy"));
                byte[] json = Files.readAllBytes(tmp.resolve(n + ".json"));
                out.add(json);
                byte[] both = new byte[npy.length + SEPARATOR.length() + json.length];
                System.arraycopy(npy, 0, both, 0, npy.length);
                System.arraycopy(SEPARATOR.getBytes(StandardCharsets.US_ASCII), 0, both, npy.length,
                        SEPARATOR.length());
                System.arraycopy(json, 0, both, npy.length + SEPARATOR.length(), json.length);
                out.add(both);
            }
            return out;
        }
        List<Path> roots = List.of(Path.of("data", "real"), Path.of("..", "..", "examples"),
                Path.of("..", "..", "tests", "smoke"));
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    boolean fits = target.equals("csv") ? n.endsWith(".csv") : n.endsWith(".sto") || n.endsWith(".mot");
                    if (fits) {
                        byte[] all = Files.readAllBytes(p);
                        out.add(Arrays.copyOf(all, Math.min(all.length, 16_384))); // small inputs: fast reads
                    }
                }
            }
        }
        return out;
    }
}
