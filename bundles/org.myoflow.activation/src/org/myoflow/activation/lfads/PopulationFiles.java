package org.myoflow.activation.lfads;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.spi.Progress;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The files through which a {@link ProcessRunner} and the processes that train its members talk, in a folder DIR
 * that every process sees (on a cluster: the shared file system):
 * <ul>
 * <li>{@code DIR/data.bin}: the training and validation windows, written once (see {@link #writeData});</li>
 * <li>{@code DIR/gen-<g>/member-<i>/spec.json}: member i's work in generation g (a {@link MemberSpec}): its
 * architecture, trainer options (with its own seed, {@link AutoLfads#memberOptions}), hyper-parameters, epochs,
 * and the checkpoints of generation g − 1 it starts from: its own ({@code stateFrom}: weights, Adam's state and its
 * epoch and update counters) and, after an exploit step, the winner's ({@code weightsFrom}: weights only, Adam
 * starts afresh);</li>
 * <li>{@code checkpoint.bin} beside it: the member's {@link LfadsTrainer.State} after the generation;</li>
 * <li>{@code score.json}: its training and validation losses (null when training diverged) and seconds, written
 * after the checkpoint; its presence says the member is done;</li>
 * <li>{@code member.log}: the process's output (written by the launcher).</li>
 * </ul>
 * Every file is written to a temporary name and renamed, so a reader never sees half a file. Paths inside a spec
 * are relative to the spec's folder, so the folder may move (or be mounted elsewhere on the nodes).
 *
 * <p>{@link #runMember} is the member's work ({@code ./myoflow lfads member SPEC} runs it): the same training
 * calls as {@link AutoLfads.InProcessRunner} makes, from the same state, so the scores are the same.
 *
 * @since 0.3
 */
public final class PopulationFiles {

    /** The training and validation windows. */
    public static final String DATA = "data.bin";
    /** A member's work. */
    public static final String SPEC = "spec.json";
    /** A member's state after its generation. */
    public static final String CHECKPOINT = "checkpoint.bin";
    /** A member's losses. */
    public static final String SCORE = "score.json";
    /** A member's process output. */
    public static final String LOG = "member.log";

    private static final int DATA_MAGIC = 0x4D464C44; // "MFLD"
    private static final int STATE_MAGIC = 0x4D464C53; // "MFLS"
    private static final int VERSION = 1;

    /**
     * One member's work for one generation.
     *
     * @param generation      the generation (1, 2, ...)
     * @param member          the member's index
     * @param architecture    the network sizes
     * @param options         the member's trainer options (its own seed)
     * @param hyperparameters the hyper-parameters to train with
     * @param epochs          epochs to train
     * @param data            the data file, relative to the spec's folder
     * @param stateFrom       the member's own checkpoint of the previous generation (null in the first)
     * @param weightsFrom     the checkpoint whose weights it takes (exploit; null: its own)
     */
    public record MemberSpec(int generation, int member, LfadsArchitecture architecture, LfadsTrainer.Options options,
            LfadsHyperparameters hyperparameters, int epochs, String data, String stateFrom, String weightsFrom) {
    }

    private PopulationFiles() {
    }

    /** Member i's folder in generation g. */
    public static Path memberFolder(Path dir, int generation, int member) {
        return dir.resolve("gen-" + generation).resolve("member-" + member);
    }

    // ---------------------------------------------------------------- data

    /** Writes the windows: magic, version, counts, window size, then the floats (big-endian). */
    public static void writeData(Path file, float[][] train, float[][] validation) throws IOException {
        int size = train.length > 0 ? train[0].length : validation.length > 0 ? validation[0].length : 0;
        atomically(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(DATA_MAGIC);
            d.writeInt(VERSION);
            d.writeInt(train.length);
            d.writeInt(validation.length);
            d.writeInt(size);
            for (float[] w : train) {
                writeFloats(d, w, size);
            }
            for (float[] w : validation) {
                writeFloats(d, w, size);
            }
            d.flush();
        });
    }

    /** Reads {@link #writeData}'s file: {training windows, validation windows}. */
    public static float[][][] readData(Path file) throws IOException {
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            check(file, d.readInt(), DATA_MAGIC, "an AutoLFADS data file");
            int version = d.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": data file version " + version + ", this Myoflow reads " + VERSION);
            }
            int nTrain = d.readInt();
            int nVal = d.readInt();
            int size = d.readInt();
            if (nTrain < 0 || nVal < 0 || size < 0) {
                throw new IOException(file + ": corrupt header (" + nTrain + ", " + nVal + ", " + size + ")");
            }
            float[][] train = new float[nTrain][];
            float[][] val = new float[nVal][];
            for (int i = 0; i < nTrain; i++) {
                train[i] = readFloats(d, size);
            }
            for (int i = 0; i < nVal; i++) {
                val[i] = readFloats(d, size);
            }
            return new float[][][] {train, val};
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    // ---------------------------------------------------------------- trainer state

    /** Writes a trainer state (weights, Adam's moments and step count, counters) atomically. */
    public static void writeState(Path file, LfadsTrainer.State s) throws IOException {
        atomically(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(STATE_MAGIC);
            d.writeInt(VERSION);
            d.writeInt(s.epochs());
            d.writeLong(s.updates());
            d.writeInt(s.optimizerUpdates());
            d.writeInt(s.weights().size());
            for (int i = 0; i < s.weights().size(); i++) {
                for (float[] a : List.of(s.weights().get(i), s.means().get(i), s.variances().get(i))) {
                    d.writeInt(a.length);
                    writeFloats(d, a, a.length);
                }
            }
            d.flush();
        });
    }

    /** Reads {@link #writeState}'s file. */
    public static LfadsTrainer.State readState(Path file) throws IOException {
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            check(file, d.readInt(), STATE_MAGIC, "an AutoLFADS member checkpoint");
            int version = d.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": checkpoint version " + version + ", this Myoflow reads " + VERSION);
            }
            int epochs = d.readInt();
            long updates = d.readLong();
            int optimizerUpdates = d.readInt();
            int n = d.readInt();
            List<float[]> w = new ArrayList<>();
            List<float[]> m = new ArrayList<>();
            List<float[]> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (List<float[]> target : List.of(w, m, v)) {
                    int len = d.readInt();
                    if (len < 0) {
                        throw new IOException(file + ": corrupt array length " + len);
                    }
                    target.add(readFloats(d, len));
                }
            }
            return new LfadsTrainer.State(w, m, v, optimizerUpdates, epochs, updates);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    // ---------------------------------------------------------------- spec and score

    /** Writes a member's spec atomically. */
    public static void writeSpec(Path file, MemberSpec s) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", "myoflow-autolfads-member/1");
        o.addProperty("generation", s.generation());
        o.addProperty("member", s.member());
        LfadsArchitecture a = s.architecture();
        JsonObject arch = new JsonObject();
        arch.addProperty("channels", a.channels());
        arch.addProperty("windowBins", a.windowBins());
        arch.addProperty("icEncoder", a.icEncoder());
        arch.addProperty("ciEncoder", a.ciEncoder());
        arch.addProperty("controller", a.controller());
        arch.addProperty("generator", a.generator());
        arch.addProperty("icDim", a.icDim());
        arch.addProperty("coDim", a.coDim());
        arch.addProperty("factors", a.factors());
        o.add("architecture", arch);
        LfadsTrainer.Options t = s.options();
        JsonObject opt = new JsonObject();
        opt.addProperty("batchSize", t.batchSize());
        opt.addProperty("shiftStd", t.shiftStd());
        opt.addProperty("shiftMax", t.shiftMax());
        opt.addProperty("klRampUpdates", t.klRampUpdates());
        opt.addProperty("gradientClip", t.gradientClip());
        opt.addProperty("seed", t.seed());
        o.add("options", opt);
        JsonObject hp = new JsonObject();
        s.hyperparameters().asMap().forEach(hp::addProperty);
        o.add("hyperparameters", hp);
        o.addProperty("epochs", s.epochs());
        o.addProperty("data", s.data());
        o.addProperty("stateFrom", s.stateFrom());
        o.addProperty("weightsFrom", s.weightsFrom());
        writeString(file, o.toString());
    }

    /** Reads a member's spec; the message of an error names the file and the field. */
    public static MemberSpec readSpec(Path file) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not an AutoLFADS member spec (JSON object expected): " + e.getMessage(),
                    e);
        }
        try {
            JsonObject a = o.getAsJsonObject("architecture");
            LfadsArchitecture arch = new LfadsArchitecture(a.get("channels").getAsInt(), a.get("windowBins").getAsInt(),
                    a.get("icEncoder").getAsInt(), a.get("ciEncoder").getAsInt(), a.get("controller").getAsInt(),
                    a.get("generator").getAsInt(), a.get("icDim").getAsInt(), a.get("coDim").getAsInt(),
                    a.get("factors").getAsInt());
            JsonObject t = o.getAsJsonObject("options");
            LfadsTrainer.Options opt = new LfadsTrainer.Options(t.get("batchSize").getAsInt(),
                    t.get("shiftStd").getAsDouble(), t.get("shiftMax").getAsInt(), t.get("klRampUpdates").getAsInt(),
                    t.get("gradientClip").getAsDouble(), t.get("seed").getAsLong());
            JsonObject h = o.getAsJsonObject("hyperparameters");
            double[] v = new double[LfadsHyperparameters.NAMES.length];
            for (int i = 0; i < v.length; i++) {
                JsonElement e = h.get(LfadsHyperparameters.NAMES[i]);
                if (e == null) {
                    throw new IllegalArgumentException("hyperparameters." + LfadsHyperparameters.NAMES[i]
                            + " is missing");
                }
                v[i] = e.getAsDouble();
            }
            return new MemberSpec(o.get("generation").getAsInt(), o.get("member").getAsInt(), arch, opt,
                    LfadsHyperparameters.of(v), o.get("epochs").getAsInt(), o.get("data").getAsString(),
                    string(o, "stateFrom"), string(o, "weightsFrom"));
        } catch (RuntimeException e) {
            throw new IOException(file + ": invalid AutoLFADS member spec: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** Writes a member's score atomically (non-finite losses as null). */
    public static void writeScore(Path file, int generation, AutoLfads.Score s) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("generation", generation);
        o.addProperty("member", s.member());
        putFinite(o, "trainLoss", s.trainLoss());
        putFinite(o, "validationLoss", s.validationLoss());
        o.addProperty("seconds", s.seconds());
        writeString(file, o.toString());
    }

    private static void putFinite(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }

    /** Reads a member's score; null when there is none (the member has not finished, or failed). */
    public static AutoLfads.Score readScore(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            return new AutoLfads.Score(o.get("member").getAsInt(), number(o, "trainLoss"),
                    number(o, "validationLoss"), number(o, "seconds"));
        } catch (RuntimeException e) {
            throw new IOException(file + ": invalid member score: " + e.getMessage(), e);
        }
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    // ---------------------------------------------------------------- the member's work

    /**
     * Trains one member as its spec says and writes its checkpoint and score beside the spec: the member's trainer
     * (initialised from its own seed), put into its state of the previous generation, with the winner's weights
     * after an exploit step, trained for the spec's epochs and scored on the validation windows. A member whose
     * training diverges scores NaN, as in {@link AutoLfads.InProcessRunner}.
     *
     * @param progress may be null
     * @return the score written
     */
    public static AutoLfads.Score runMember(Path spec, Progress progress) throws IOException {
        MemberSpec s = readSpec(spec);
        Path folder = spec.toAbsolutePath().getParent();
        float[][][] data = readData(folder.resolve(s.data()).normalize());
        long t0 = System.nanoTime();
        try (LfadsTrainer t = new LfadsTrainer(s.architecture(), data[0], data[1], s.options())) {
            if (s.stateFrom() != null) {
                LfadsTrainer.State own = readState(folder.resolve(s.stateFrom()).normalize());
                if (s.weightsFrom() == null) {
                    t.restoreState(own);
                } else {
                    // exploit: the winner's weights with a fresh Adam, the member's own counters
                    LfadsTrainer.State winner = readState(folder.resolve(s.weightsFrom()).normalize());
                    List<float[]> none = new ArrayList<>();
                    winner.weights().forEach(w -> none.add(new float[0]));
                    t.restoreState(new LfadsTrainer.State(winner.weights(), none, none, 0, own.epochs(),
                            own.updates()));
                }
            } else if (s.weightsFrom() != null) {
                throw new IOException(spec + ": weightsFrom without stateFrom");
            }
            double train;
            double validation;
            try {
                train = t.trainEpochs(s.epochs(), s.hyperparameters(), progress);
                validation = t.validationLoss();
            } catch (LfadsTrainer.DivergedException diverged) {
                train = Double.NaN;
                validation = Double.NaN;
            }
            writeState(folder.resolve(CHECKPOINT), t.state());
            AutoLfads.Score score = new AutoLfads.Score(s.member(), train, validation,
                    (System.nanoTime() - t0) / 1e9);
            writeScore(folder.resolve(SCORE), s.generation(), score);
            return score;
        }
    }

    /** The last {@code n} lines of a text file (empty when it does not exist or cannot be read). */
    public static List<String> tail(Path file, int n) {
        Deque<String> last = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                last.addLast(l);
                if (last.size() > n) {
                    last.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        return List.copyOf(last);
    }

    // ---------------------------------------------------------------- helpers

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes to a temporary file in the same folder, forces it to disk and renames it over {@code file}. */
    static void atomically(Path file, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeString(Path file, String text) throws IOException {
        atomically(file, out -> out.write((text + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static void writeFloats(DataOutputStream d, float[] a, int size) throws IOException {
        if (a.length != size) {
            throw new IllegalArgumentException("a window of " + a.length + " values among windows of " + size);
        }
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.BIG_ENDIAN);
        b.asFloatBuffer().put(a);
        d.write(b.array());
    }

    private static float[] readFloats(InputStream in, int n) throws IOException {
        byte[] bytes = new byte[4 * n];
        new DataInputStream(in).readFully(bytes);
        float[] a = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(a);
        return a;
    }

    private static void check(Path file, int magic, int expected, String what) throws IOException {
        if (magic != expected) {
            throw new IOException(String.format(Locale.ROOT, "%s is not %s (magic %08x)", file, what, magic));
        }
    }
}
