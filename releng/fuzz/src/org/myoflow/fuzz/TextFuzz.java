package org.myoflow.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.io.ResultFiles;
import org.myoflow.io.SignalFiles;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;

/**
 * Jazzer fuzz target for the text parsers a user's files reach (releng/scripts/fuzz.sh), outside OSGi. The target
 * comes from the system property {@code myoflow.fuzz.target}:
 * <ul>
 * <li>{@code myoflow}: the experiment loader ({@link ExperimentFiles#load}, EMF XMI with DOCTYPEs refused)</li>
 * <li>{@code csv}: {@link SignalFiles#read} of a {@code .csv} file (with and without a sampling rate)</li>
 * <li>{@code sto}: {@link SignalFiles#read} of an OpenSim {@code .sto} file</li>
 * <li>{@code sidecar}: an {@code .npy} file and its {@code .json} sidecar ({@link ResultFiles#readSignal} and
 * {@link ResultFiles#read}); the input is the sidecar text, or {@code NPY} {@value #SEPARATOR} {@code JSON}</li>
 * <li>{@code card}: the model-card reader ({@link ModelCard#read}, {@code model.json})</li>
 * </ul>
 * A clean refusal is a {@link DataException} (a {@link ModelException} of kind MALFORMED_CARD for the card) whose
 * message names the file and holds no line break or other control character (quoted file content is a short,
 * escaped excerpt); anything else thrown (including OutOfMemoryError and StackOverflowError) is a finding.
 * <p>
 * {@code java ... org.myoflow.fuzz.TextFuzz seeds DIR} writes small valid files under DIR/csv/, DIR/sto/ and
 * DIR/sidecar/ (result files of every data type); the script adds the repository's files as seeds.
 */
public final class TextFuzz {

    /** Separates the .npy bytes from the sidecar text in a sidecar input. */
    public static final String SEPARATOR = "\n--myoflow-sidecar--\n";

    private static String target;
    private static Path file;
    private static byte[] defaultNpy;

    private TextFuzz() {
    }

    public static void fuzzerInitialize() throws Exception {
        target = System.getProperty("myoflow.fuzz.target", "csv");
        String ext = switch (target) {
            case "myoflow" -> ".myoflow";
            case "csv" -> ".csv";
            case "sto" -> ".sto";
            case "sidecar" -> ".npy";
            case "card" -> ".json";
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
        Path dir = Files.createTempDirectory("myoflow-fuzz-" + target);
        dir.toFile().deleteOnExit();
        file = dir.resolve((target.equals("card") ? "model" : "input") + ext);
        if (target.equals("sidecar")) {
            Path seed = dir.resolve("seed");
            ResultFiles.write(signal(), seed);
            defaultNpy = Files.readAllBytes(ResultFiles.npyPath(seed));
        }
        // one read before fuzzing starts: loading and instrumenting the parser's classes (EMF above all) can take
        // longer than the 10 s a single input may take on a busy machine, and must not count as a timeout
        try {
            run(target, file, WARM_UP.getBytes(StandardCharsets.UTF_8), defaultNpy);
        } catch (RuntimeException e) {
            // the warm-up input is refused by most targets; only the class loading matters
        }
    }

    /** A small input that the parsers get far into (valid XML, a CSV header and row, JSON). */
    private static final String WARM_UP = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<myoflow:Experiment "
            + "xmi:version=\"2.0\" xmlns:xmi=\"http://www.omg.org/XMI\" "
            + "xmlns:myoflow=\"http://www.myoflow.org/model/experiment/1.0\" name=\"w\"/>\n";

    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        run(target, file, data, defaultNpy);
    }

    /**
     * Reads one input as the target's format; returns normally when it was read or refused cleanly and throws
     * (an {@link IllegalStateException} for an unclean refusal, or whatever the parser threw) otherwise.
     */
    public static void run(String target, Path file, byte[] data, byte[] defaultNpy) throws IOException {
        switch (target) {
            case "myoflow" -> {
                Files.write(file, data);
                try {
                    ExperimentFiles.load(file);
                } catch (DataException e) {
                    clean(e, file);
                }
            }
            case "csv" -> {
                Files.write(file, data);
                try {
                    SignalFiles.read(file);
                } catch (DataException e) {
                    clean(e, file);
                }
                try {
                    SignalFiles.read(file, 2048);
                } catch (DataException e) {
                    clean(e, file);
                }
                SignalFiles.peek(file, 2048);
            }
            case "sto" -> {
                Files.write(file, data);
                try {
                    SignalFiles.read(file);
                } catch (DataException e) {
                    clean(e, file);
                }
                SignalFiles.peek(file, 0);
            }
            case "sidecar" -> {
                byte[] npy = defaultNpy;
                byte[] json = data;
                int at = indexOf(data, SEPARATOR.getBytes(StandardCharsets.US_ASCII));
                if (at >= 0) {
                    npy = Arrays.copyOf(data, at);
                    json = Arrays.copyOfRange(data, at + SEPARATOR.length(), data.length);
                }
                Files.write(ResultFiles.npyPath(file), npy);
                Files.write(ResultFiles.jsonPath(file), json);
                try {
                    ResultFiles.readSignal(file);
                } catch (DataException e) {
                    clean(e, file.getParent());
                }
                try {
                    ResultFiles.read(file);
                } catch (DataException e) {
                    clean(e, file.getParent());
                }
                SignalFiles.peek(file, 0);
            }
            case "card" -> {
                Files.write(file, data);
                try {
                    ModelCard.read(file);
                } catch (ModelException e) {
                    if (e.kind() != ModelException.Kind.MALFORMED_CARD) {
                        throw new IllegalStateException("refusal of kind " + e.kind() + ": " + e.getMessage(), e);
                    }
                    clean(e, file);
                }
            }
            default -> throw new IllegalArgumentException(target);
        }
    }

    /** A clean refusal names the file (or its folder) and quotes no control character. */
    private static void clean(RuntimeException e, Path where) {
        String m = e.getMessage();
        if (m == null || !m.contains(where.toString())) {
            throw new IllegalStateException("refusal without the file name: " + m, e);
        }
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalStateException("refusal quoting a control character (U+"
                        + Integer.toHexString(c) + "): " + m, e);
            }
        }
    }

    private static int indexOf(byte[] data, byte[] sep) {
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

    /** Writes the sidecar seeds: {@code seeds DIR}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("seeds")) {
            System.err.println("usage: TextFuzz seeds DIR");
            System.exit(2);
        }
        Files.createDirectories(Path.of(args[1], "csv"));
        Files.createDirectories(Path.of(args[1], "sto"));
        SignalFiles.write(signal(), Path.of(args[1], "csv", "written.csv"));
        SignalFiles.write(signal(), Path.of(args[1], "sto", "written.sto"));
        Path dir = Files.createDirectories(Path.of(args[1], "sidecar"));
        Path tmp = Files.createTempDirectory("myoflow-fuzz-seeds");
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
            if (n.equals("signal")) {
                Files.write(dir.resolve("signal-sidecar-only"), json);
            }
            byte[] both = new byte[npy.length + SEPARATOR.length() + json.length];
            System.arraycopy(npy, 0, both, 0, npy.length);
            System.arraycopy(SEPARATOR.getBytes(StandardCharsets.US_ASCII), 0, both, npy.length, SEPARATOR.length());
            System.arraycopy(json, 0, both, npy.length + SEPARATOR.length(), json.length);
            Files.write(dir.resolve(n + "-npy-and-sidecar"), both);
        }
    }
}
