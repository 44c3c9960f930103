package org.myoflow.surrogate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.myoflow.conductor.ConditionedMuaps;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.spi.Progress;
import org.myoflow.io.Npy;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Training data for a BioMime-style MUAP surrogate: N condition vectors normalised to [0.5, 1] (in
 * {@link MuapConditions#NAMES} order, see {@link MuapConditions.Ranges#normalise}) and the numerical monopolar
 * MUAPs [N][electrode][sample] in mV of their canonical units ({@link org.myoflow.conductor.CanonicalUnit}) under
 * the config. Each MUAP is computed from the conditions its stored float32 normalised vector denormalises to, so
 * a pair is exactly consistent. Arrays are shared, not copied: treat them as read-only.
 *
 * @since 0.1
 */
public record TrainingSet(SurrogateConfig config, long seed, float[][] conditionsNormalised, float[][][] muaps) {

    /** Format tag of trainingset.json. */
    public static final String FORMAT = "myoflow-trainingset/1";
    public static final String JSON = "trainingset.json";
    public static final String CONDITIONS_NPY = "conditions.npy";
    public static final String MUAPS_NPY = "muaps.npy";

    /** A training and a validation part. */
    public record Split(TrainingSet train, TrainingSet validation) {
    }

    public TrainingSet {
        TrainingSets.checkSameLength(conditionsNormalised, muaps);
        int e = config.electrodes();
        int t = config.samples();
        for (int i = 0; i < muaps.length; i++) {
            if (conditionsNormalised[i].length != MuapConditions.COUNT || muaps[i].length != e) {
                throw new IllegalArgumentException("sample " + i + " does not have " + MuapConditions.COUNT
                        + " conditions and " + e + " electrodes");
            }
            for (float[] ch : muaps[i]) {
                if (ch.length != t) {
                    throw new IllegalArgumentException("sample " + i + " does not have " + t + " samples");
                }
            }
        }
    }

    /** Number of samples N. */
    public int size() {
        return muaps.length;
    }

    /** The physical conditions of sample i. */
    public MuapConditions conditions(int i) {
        return denormalise(config.ranges(), conditionsNormalised[i]);
    }

    private static MuapConditions denormalise(MuapConditions.Ranges r, float[] v) {
        return r.denormalise(TrainingSets.toDouble(v));
    }

    /**
     * Draws n condition vectors uniformly in the config's ranges from {@code SplittableRandom(seed)} (drawn in
     * order, so the set depends on the seed alone) and computes their MUAPs in parallel; every MUAP depends only
     * on its conditions, so the result is the same whatever the thread scheduling.
     *
     * @param progress progress and cancellation (checked after every unit); may be null
     */
    public static TrainingSet generate(SurrogateConfig config, int n, long seed, Progress progress) {
        if (n < 0) {
            throw new IllegalArgumentException("negative training-set size " + n);
        }
        float[][] cond = TrainingSets.drawUniform(new SplittableRandom(seed), n, MuapConditions.COUNT,
                MuapConditions.COUNT);
        if (progress != null) {
            progress.update(0, "volume-conductor kernels");
        }
        ConditionedMuaps muaps = config.muaps();
        float[][][] out = new float[n][][];
        TrainingSets.simulate(IntStream.range(0, n).toArray(), n, i -> muaps.monopolar(
                config.ranges().check(denormalise(config.ranges(), cond[i]), "training sample " + i)), out,
                new AtomicInteger(), progress);
        return new TrainingSet(config, seed, cond, out);
    }

    /** Conditions flattened [N·6], C order. */
    private float[] flatConditions() {
        float[] f = new float[size() * MuapConditions.COUNT];
        for (int i = 0; i < size(); i++) {
            System.arraycopy(conditionsNormalised[i], 0, f, i * MuapConditions.COUNT, MuapConditions.COUNT);
        }
        return f;
    }

    /** MUAPs flattened [N·E·T], C order. */
    private float[] flatMuaps() {
        int e = config.electrodes();
        int t = config.samples();
        float[] f = new float[size() * e * t];
        int p = 0;
        for (float[][] m : muaps) {
            for (float[] ch : m) {
                System.arraycopy(ch, 0, f, p, t);
                p += t;
            }
        }
        return f;
    }

    /**
     * SHA-256 (hex) over the config's digest, the normalised conditions and the MUAPs as little-endian float32
     * in C order.
     */
    public String digest() {
        return TrainingSets.digest(config.digest(), conditionsNormalised, muaps);
    }

    /** Shapes {N, 6} and {N, E, T}. */
    public int[][] shapes() {
        return new int[][] { { size(), MuapConditions.COUNT }, { size(), config.electrodes(), config.samples() } };
    }

    /**
     * Writes conditions.npy (float32 [N, 6]), muaps.npy (float32 [N, E, T], mV) and trainingset.json (format,
     * config, seed, n, condition names, shapes, units, digest) into dir, creating it.
     */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            int[][] shapes = shapes();
            Npy.writeFloat32(new Npy.FloatArray(shapes[0], flatConditions()), dir.resolve(CONDITIONS_NPY));
            Npy.writeFloat32(new Npy.FloatArray(shapes[1], flatMuaps()), dir.resolve(MUAPS_NPY));
            JsonObject o = new JsonObject();
            o.addProperty("format", FORMAT);
            o.add("config", config.toJson());
            o.addProperty("configDigest", config.digest());
            o.addProperty("seed", seed);
            o.addProperty("n", size());
            JsonArray names = new JsonArray();
            MuapConditions.NAMES.forEach(names::add);
            o.add("conditionNames", names);
            o.addProperty("conditionsNormalisation", "0.5 + 0.5*(x - min)/(max - min)");
            o.add("conditionsShape", shape(shapes[0]));
            o.add("muapsShape", shape(shapes[1]));
            o.addProperty("muapsLayout", "[sample][electrode = row*cols + col, rows along the fibres][time]");
            o.addProperty("muapsUnit", "mV");
            o.addProperty("montage", "monopolar");
            o.addProperty("digest", digest());
            Files.writeString(dir.resolve(JSON), new GsonBuilder().setPrettyPrinting().create().toJson(o),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training set to " + dir, e);
        }
    }

    private static JsonArray shape(int[] s) {
        JsonArray a = new JsonArray();
        for (int d : s) {
            a.add(d);
        }
        return a;
    }

    /** Reads what {@link #save} wrote and checks shapes and digest. */
    public static TrainingSet load(Path dir) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(dir.resolve(JSON), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (!FORMAT.equals(o.get("format").getAsString())) {
                throw new IllegalArgumentException(dir + ": unknown training-set format " + o.get("format"));
            }
            SurrogateConfig config = SurrogateConfig.fromJson(o.getAsJsonObject("config"));
            long seed = o.get("seed").getAsLong();
            int n = o.get("n").getAsInt();
            Npy.FloatArray c = Npy.readFloat32(dir.resolve(CONDITIONS_NPY));
            Npy.FloatArray m = Npy.readFloat32(dir.resolve(MUAPS_NPY));
            int e = config.electrodes();
            int t = config.samples();
            if (!Arrays.equals(c.shape(), new int[] { n, MuapConditions.COUNT })
                    || !Arrays.equals(m.shape(), new int[] { n, e, t })) {
                throw new IllegalArgumentException(dir + ": array shapes " + Arrays.toString(c.shape()) + ", "
                        + Arrays.toString(m.shape()) + " do not match n = " + n + " and the config's " + e
                        + " electrodes x " + t + " samples");
            }
            float[][] cond = new float[n][MuapConditions.COUNT];
            float[][][] muaps = new float[n][e][t];
            for (int i = 0; i < n; i++) {
                System.arraycopy(c.data(), i * MuapConditions.COUNT, cond[i], 0, MuapConditions.COUNT);
                for (int k = 0; k < e; k++) {
                    System.arraycopy(m.data(), (i * e + k) * t, muaps[i][k], 0, t);
                }
            }
            TrainingSet set = new TrainingSet(config, seed, cond, muaps);
            String want = o.get("digest").getAsString();
            String got = set.digest();
            if (!want.equals(got)) {
                throw new IllegalArgumentException(dir + ": digest mismatch, trainingset.json says " + want
                        + ", the files give " + got);
            }
            return set;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read training set from " + dir, ex);
        }
    }

    /**
     * A random split (permutation from {@code SplittableRandom(seed)}) with round(N·validationFraction) samples
     * for validation; both parts keep the config and this set's seed.
     */
    public Split split(double validationFraction, long seed) {
        int[][] parts = TrainingSets.split(size(), validationFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    private TrainingSet subset(int[] idx) {
        return new TrainingSet(config, seed, TrainingSets.pick(conditionsNormalised, idx, float[][]::new),
                TrainingSets.pick(muaps, idx, float[][][]::new));
    }
}
