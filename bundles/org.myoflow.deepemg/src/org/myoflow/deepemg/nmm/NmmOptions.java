package org.myoflow.deepemg.nmm;

import java.util.Locale;

/**
 * Settings of an NMM training (see {@link NmmTrainer} for how each is used).
 *
 * @param hidden              GRU state size per direction
 * @param windowLength        samples per training window
 * @param windowStep          samples between the starts of consecutive windows (&le; windowLength)
 * @param epochs              passes over the training windows
 * @param batchSize           windows per update
 * @param learningRate        Adam's step size (network weights and subject log-scales alike)
 * @param dataWeight          weight of the data term (MSE of the deep excitations where labels exist)
 * @param physicsWeight       weight of the physics term (mean squared torque error / torqueScale²)
 * @param scaleRegularisation weight of Σ (log strength scale² + log length scale²) over subjects and muscles
 * @param torqueScale         torque (N·m) that normalises the physics term, e.g. the data's torque range
 * @param rate                sampling rate of every sequence (Hz)
 * @param seed                seed of everything random (initial weights, window order)
 * @since 0.1
 */
public record NmmOptions(int hidden, int windowLength, int windowStep, int epochs, int batchSize, double learningRate,
        double dataWeight, double physicsWeight, double scaleRegularisation, double torqueScale, double rate,
        long seed) {

    public NmmOptions {
        if (hidden < 1 || windowLength < 4 || windowStep < 1 || windowStep > windowLength || epochs < 1
                || batchSize < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid NMM options: hidden %d (>= 1), "
                    + "window %d samples (>= 4), step %d (in [1, window]), epochs %d (>= 1), batch %d (>= 1)", hidden,
                    windowLength, windowStep, epochs, batchSize));
        }
        positive("learningRate", learningRate);
        nonNegative("dataWeight", dataWeight);
        nonNegative("physicsWeight", physicsWeight);
        nonNegative("scaleRegularisation", scaleRegularisation);
        positive("torqueScale", torqueScale);
        positive("rate", rate);
        if (dataWeight == 0 && physicsWeight == 0) {
            throw new IllegalArgumentException("invalid NMM options: dataWeight and physicsWeight are both 0");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("invalid NMM options: " + name + " must be finite and > 0, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("invalid NMM options: " + name + " must be finite and >= 0, got " + v);
        }
    }

    /**
     * Defaults for envelopes at 100 Hz: GRU 48 per direction, windows of 200 samples (2 s) every 50, 60 epochs,
     * batch 16, learning rate 3e-3, data and physics weights 1, scale regularisation 1e-3, torque scale 10 N·m,
     * seed 1.
     */
    public static NmmOptions defaults() {
        return new NmmOptions(48, 200, 50, 60, 16, 3e-3, 1, 1, 1e-3, 10, 100, 1);
    }

    /** A small, fast setting for tests and previews: GRU 16, windows of 50 every 25, 12 epochs, batch 8. */
    public static NmmOptions quick() {
        return new NmmOptions(16, 50, 25, 12, 8, 1e-2, 1, 1, 1e-3, 10, 100, 1);
    }

    /** These options with another seed. */
    public NmmOptions withSeed(long newSeed) {
        return new NmmOptions(hidden, windowLength, windowStep, epochs, batchSize, learningRate, dataWeight,
                physicsWeight, scaleRegularisation, torqueScale, rate, newSeed);
    }

    /** These options with another number of epochs. */
    public NmmOptions withEpochs(int newEpochs) {
        return new NmmOptions(hidden, windowLength, windowStep, newEpochs, batchSize, learningRate, dataWeight,
                physicsWeight, scaleRegularisation, torqueScale, rate, seed);
    }

    /** These options with another torque scale (N·m). */
    public NmmOptions withTorqueScale(double newTorqueScale) {
        return new NmmOptions(hidden, windowLength, windowStep, epochs, batchSize, learningRate, dataWeight,
                physicsWeight, scaleRegularisation, newTorqueScale, rate, seed);
    }

    /** These options with another sampling rate (Hz). */
    public NmmOptions withRate(double newRate) {
        return new NmmOptions(hidden, windowLength, windowStep, epochs, batchSize, learningRate, dataWeight,
                physicsWeight, scaleRegularisation, torqueScale, newRate, seed);
    }
}
