package org.myoflow.surrogate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.myoflow.core.spi.Progress;

/**
 * What the planar ({@link TrainingSet}) and the cylindrical ({@link CylindricalTrainingSet}) training sets share:
 * the uniform draw of normalised conditions, the parallel simulation with progress, the digest, the random split by
 * unit and the float/double conversions.
 */
final class TrainingSets {

    private TrainingSets() {
    }

    /** Refuses condition and MUAP arrays of different lengths. */
    static void checkSameLength(float[][] conditionsNormalised, float[][][] muaps) {
        if (conditionsNormalised.length != muaps.length) {
            throw new IllegalArgumentException(conditionsNormalised.length + " condition vectors but "
                    + muaps.length + " MUAPs");
        }
    }

    /** The float32 vector widened to double. */
    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            d[k] = v[k];
        }
        return d;
    }

    /** [electrode][sample] narrowed to float32. */
    static float[][] toFloat(double[][] x) {
        float[][] y = new float[x.length][];
        for (int e = 0; e < x.length; e++) {
            y[e] = new float[x[e].length];
            for (int k = 0; k < y[e].length; k++) {
                y[e][k] = (float) x[e][k];
            }
        }
        return y;
    }

    /**
     * n vectors of width values whose first uniform values are drawn from rng in [0.5, 1], unit by unit (the rest
     * stay 0).
     */
    static float[][] drawUniform(SplittableRandom rng, int n, int width, int uniform) {
        float[][] cond = new float[n][width];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < uniform; k++) {
                cond[i][k] = (float) (0.5 + 0.5 * rng.nextDouble());
            }
        }
        return cond;
    }

    /**
     * Simulates the MUAPs of the given units in parallel into out (progress over all n units, cancellation checked
     * before every unit). Every MUAP depends only on its unit, so the result does not depend on the thread schedule.
     *
     * @param done units finished so far (shared between calls for the parts of one set)
     */
    static void simulate(int[] members, int n, IntFunction<double[][]> muap, float[][][] out, AtomicInteger done,
            Progress progress) {
        IntStream.of(members).parallel().forEach(i -> {
            if (progress != null) {
                progress.checkCancelled();
            }
            out[i] = toFloat(muap.apply(i));
            int d = done.incrementAndGet();
            if (progress != null && (d % 64 == 0 || d == n)) {
                progress.update((double) d / n, d + " of " + n + " MUAPs");
            }
        });
    }

    /**
     * SHA-256 (hex) over the config's digest, the normalised conditions and the MUAPs as little-endian float32 in C
     * order.
     */
    static String digest(String configDigest, float[][] conditionsNormalised, float[][][] muaps) {
        MessageDigest md = SurrogateConfig.sha256();
        md.update(configDigest.getBytes(StandardCharsets.US_ASCII));
        for (float[] v : conditionsNormalised) {
            md.update(littleEndian(v));
        }
        for (float[][] m : muaps) {
            for (float[] ch : m) {
                md.update(littleEndian(ch));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static byte[] littleEndian(float[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /**
     * A random split of n units (permutation from {@code SplittableRandom(seed)}): {training indices, validation
     * indices}, each ascending, round(n·validationFraction) for validation.
     */
    static int[][] split(int n, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + validationFraction);
        }
        int[] perm = IntStream.range(0, n).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int nv = (int) Math.round(n * validationFraction);
        int[] val = Arrays.copyOfRange(perm, 0, nv);
        int[] tr = Arrays.copyOfRange(perm, nv, n);
        Arrays.sort(val);
        Arrays.sort(tr);
        return new int[][] { tr, val };
    }

    /** The rows of a with these indices, in this order (shared, not copied). */
    static <T> T[] pick(T[] a, int[] idx, IntFunction<T[]> newArray) {
        T[] out = newArray.apply(idx.length);
        for (int k = 0; k < idx.length; k++) {
            out[k] = a[idx[k]];
        }
        return out;
    }
}
