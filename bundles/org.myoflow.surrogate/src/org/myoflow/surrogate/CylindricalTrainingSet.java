package org.myoflow.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.myoflow.core.spi.Progress;

/**
 * Training data of the cylindrical surrogate: N condition vectors normalised to [0.5, 1] ({@link
 * CylindricalConditions#NAMES} order) and the numerical monopolar MUAPs [N][electrode][sample] in mV of their
 * canonical units under the config ({@link CylindricalSurrogateConfig.Numerical}). Each MUAP is computed from the
 * conditions its stored float32 vector denormalises to. Arrays are shared, not copied: treat them as read-only.
 *
 * @since 0.3
 */
public record CylindricalTrainingSet(CylindricalSurrogateConfig config, long seed, float[][] conditionsNormalised,
        float[][][] muaps) {

    /** A training and a validation part. */
    public record Split(CylindricalTrainingSet train, CylindricalTrainingSet validation) {
    }

    public CylindricalTrainingSet {
        TrainingSets.checkSameLength(conditionsNormalised, muaps);
    }

    public int size() {
        return muaps.length;
    }

    /** The physical conditions of sample i. */
    public CylindricalConditions conditions(int i) {
        return denormalise(config.ranges(), conditionsNormalised[i]);
    }

    static CylindricalConditions denormalise(CylindricalConditions.Ranges r, float[] v) {
        return r.denormalise(TrainingSets.toDouble(v));
    }

    /**
     * Draws n condition vectors from {@code SplittableRandom(seed)}: the first six uniformly in their ranges, the
     * fat thickness from {@code fatLevels} values (stratified: level j uniform in the j-th of fatLevels equal
     * slices of its range), unit i at level i mod fatLevels, because every fat thickness needs its own detection
     * table (0.2-0.3 s); then computes the MUAPs level by level, the units of a level in parallel. Every MUAP
     * depends only on its conditions, so the result does not depend on the thread schedule.
     *
     * @param progress progress and cancellation (checked after every unit); may be null
     */
    public static CylindricalTrainingSet generate(CylindricalSurrogateConfig config, int n, int fatLevels, long seed,
            Progress progress) {
        return generate(config, n, fatLevels, 0, seed, progress);
    }

    /**
     * As {@link #generate(CylindricalSurrogateConfig, int, int, long, Progress)} with units of more than maxFibres
     * fibres estimated from maxFibres of them ({@link CylindricalSurrogateConfig.Numerical#monopolar(
     * CylindricalConditions, int)}; 0: every fibre).
     */
    public static CylindricalTrainingSet generate(CylindricalSurrogateConfig config, int n, int fatLevels,
            int maxFibres, long seed, Progress progress) {
        if (n < 0 || fatLevels < 1) {
            throw new IllegalArgumentException("bad training-set size " + n + " or fat levels " + fatLevels);
        }
        float[][] cond = draw(n, fatLevels, seed);
        int levels = Math.max(1, Math.min(fatLevels, n));
        CylindricalSurrogateConfig.Numerical numerical = config.numerical();
        float[][][] out = new float[n][][];
        AtomicInteger done = new AtomicInteger();
        for (int j = 0; j < levels; j++) {
            int level = j;
            int[] members = IntStream.range(0, n).filter(i -> i % levels == level).toArray();
            TrainingSets.simulate(members, n, i -> numerical.monopolar(config.ranges().check(
                    denormalise(config.ranges(), cond[i]), "training sample " + i), maxFibres), out, done, progress);
            numerical.clear();
        }
        return new CylindricalTrainingSet(config, seed, cond, out);
    }

    /**
     * The normalised condition vectors {@link #generate} uses: the first six uniform in [0.5, 1], the fat from
     * min(fatLevels, n) stratified levels, unit i at level i mod levels.
     */
    public static float[][] draw(int n, int fatLevels, long seed) {
        int c = CylindricalConditions.COUNT;
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] cond = TrainingSets.drawUniform(rng, n, c, c - 1);
        int levels = Math.max(1, Math.min(fatLevels, n));
        float[] fat = new float[levels];
        for (int j = 0; j < levels; j++) {
            fat[j] = (float) Math.min(1, 0.5 + 0.5 * (j + rng.nextDouble()) / levels);
        }
        for (int i = 0; i < n; i++) {
            cond[i][c - 1] = fat[i % levels];
        }
        return cond;
    }

    /**
     * SHA-256 (hex) over the config's digest, the normalised conditions and the MUAPs as little-endian float32 in C
     * order.
     */
    public String digest() {
        return TrainingSets.digest(config.digest(), conditionsNormalised, muaps);
    }

    /**
     * A random split by unit (permutation from {@code SplittableRandom(seed)}) with round(N·validationFraction)
     * samples for validation.
     */
    public Split split(double validationFraction, long seed) {
        int[][] parts = TrainingSets.split(size(), validationFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    /** The samples with these indices, in this order. */
    public CylindricalTrainingSet subset(int[] idx) {
        return new CylindricalTrainingSet(config, seed, TrainingSets.pick(conditionsNormalised, idx, float[][]::new),
                TrainingSets.pick(muaps, idx, float[][][]::new));
    }

    /** The physical conditions of every sample. */
    public List<CylindricalConditions> allConditions() {
        List<CylindricalConditions> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(conditions(i));
        }
        return out;
    }
}
