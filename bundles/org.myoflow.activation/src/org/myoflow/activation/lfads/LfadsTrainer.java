package org.myoflow.activation.lfads;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.SplittableRandom;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.train.TrainingHarness;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains one {@link LfadsNetwork} on windows of preprocessed EMG, a number of epochs at a time, with hyper-parameters
 * that may change between calls (what population-based training needs).
 *
 * <p>Loss per batch (all terms per data entry, so the weights do not depend on window length or channel count):
 * <ul>
 * <li>reconstruction: the Gamma negative log-likelihood of the target x given mean μ = exp(logRate) and per-channel
 * concentration α: −log p = α·log μ − α·log α + lnΓ(α) − (α − 1)·log x + α·x/μ, averaged over the entries hidden by
 * coordinated dropout (over all entries when it is off);</li>
 * <li>KL divergences of the initial-condition and inferred-input posteriors from N(0, 1), each times its scale and a
 * linear ramp from 0 to 1 over {@link Options#klRampUpdates()} updates;</li>
 * <li>0.5 · l2Scale · 1e-2 · mean squared recurrent weight of the generator and controller, with the same ramp.</li>
 * </ul>
 * Augmentation per batch: each (window, channel) is shifted in time by round(N(0, shiftStd)) bins clipped to
 * ±shiftMax (edge values repeated), input and target together; then coordinated dropout hides a fraction of the
 * entries from the encoders (the visible ones are scaled by 1/(1 − rate)).
 *
 * <p>Determinism: the batch order, shifts, coordinated-dropout and dropout masks come from a Java generator seeded
 * by (seed, epoch), and so does the posterior-sampling noise: PyTorch's generator is not used at all. With one
 * PyTorch thread the same seed gives the same weights.
 *
 * @since 0.1
 */
public final class LfadsTrainer implements AutoCloseable {

    /** Zero targets are floored at this value (scaled units) for the Gamma likelihood. */
    public static final float TARGET_FLOOR = 1e-3f;
    /** The fraction of entries hidden when computing the validation loss, for every member alike. */
    public static final double VALIDATION_MASK = 0.3;
    /** Batches with a non-finite loss an epoch may skip before training counts as diverged. */
    public static final int MAX_SKIPPED_BATCHES = 3;

    /**
     * Fixed training options.
     *
     * @param batchSize      windows per update
     * @param shiftStd       temporal-shift standard deviation (bins); 0 turns the augmentation off
     * @param shiftMax       largest shift (bins)
     * @param klRampUpdates  updates over which the KL and L2 weights ramp from 0 to 1
     * @param gradientClip   element-wise gradient clip
     * @param seed           seed of everything random
     */
    public record Options(int batchSize, double shiftStd, int shiftMax, int klRampUpdates, double gradientClip,
            long seed) {
        public Options {
            if (batchSize < 1 || !(shiftStd >= 0) || shiftMax < 0 || klRampUpdates < 0 || !(gradientClip > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid LFADS training options: "
                        + "batch size %d (>= 1), shift std %s (>= 0), shift max %d (>= 0), KL ramp %d updates "
                        + "(>= 0), gradient clip %s (> 0)", batchSize, shiftStd, shiftMax, klRampUpdates,
                        gradientClip));
            }
        }

        /** Batch 32, shift std 3 and max 6 bins (docs/science.md#lfads), KL ramp over 300 updates, clip 1. */
        public static Options defaults(long seed) {
            return new Options(32, 3, 6, 300, 1, seed);
        }
    }

    private final LfadsArchitecture architecture;
    private final float[][] train;
    private final float[][] validation;
    private final Options options;
    private final Model model;
    private final LfadsNetwork network;
    private Trainer trainer;
    private Adam adam;
    private double learningRate;
    private int epochs;
    private long updates;

    /**
     * @param train      windows, each [windowBins·channels] in time-major order (entry t·C + c), scaled units
     * @param validation windows held out for {@link #validationLoss()}; may be empty
     */
    public LfadsTrainer(LfadsArchitecture architecture, float[][] train, float[][] validation, Options options) {
        this.architecture = architecture;
        int size = architecture.windowBins() * architecture.channels();
        checkWindows("training", train, size);
        checkWindows("validation", validation, size);
        if (train.length == 0) {
            throw new IllegalArgumentException("no training windows");
        }
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.model = Model.newInstance("lfads", Device.cpu(), DjlRuntime.forThisThread().getEngineName());
        this.network = new LfadsNetwork(architecture);
        model.setBlock(network);
        this.trainer = newTrainer(0);
        TrainingHarness.initialize(trainer, DjlArrays.seedFor(options.seed(), -1),
                new Shape(1, architecture.windowBins(), architecture.channels()));
    }

    /** Thrown when training produced non-finite losses in too many batches of an epoch. */
    public static final class DivergedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DivergedException(String message) {
            super(message);
        }
    }

    /**
     * A trainer with a fresh Adam (moments at zero, its step count at {@code updatesDone}); the parameters stay as
     * they are. The same optimizer as {@link TrainingHarness#adamTrainer} (no weight decay), built here to keep a
     * reference for {@link #state()}.
     */
    private Trainer newTrainer(int updatesDone) {
        Tracker rate = n -> (float) learningRate;
        Adam.Builder b = Adam.builder().optLearningRateTracker(rate).optClipGrad((float) options.gradientClip());
        if (updatesDone > 0) {
            b.optBeginNumUpdate(updatesDone);
        }
        adam = b.build();
        return model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam));
    }

    private static void checkWindows(String what, float[][] w, int size) {
        for (int i = 0; i < w.length; i++) {
            if (w[i].length != size) {
                throw new IllegalArgumentException(what + " window " + i + " has " + w[i].length
                        + " values, the architecture needs " + size);
            }
        }
    }

    public LfadsNetwork network() {
        return network;
    }

    public LfadsArchitecture architecture() {
        return architecture;
    }

    public int epochs() {
        return epochs;
    }

    public long updates() {
        return updates;
    }

    /**
     * Trains {@code count} more epochs with the given hyper-parameters.
     *
     * @return the mean training loss of the last epoch
     */
    public double trainEpochs(int count, LfadsHyperparameters hp, Progress progress) {
        learningRate = hp.learningRate();
        int c = architecture.channels();
        int t = architecture.windowBins();
        double[] last = {Double.NaN};
        TrainingHarness.Hooks hooks = new TrainingHarness.Hooks() {
            double sum;
            int skipped;
            int batches;

            @Override
            public int trainingSize() {
                return train.length;
            }

            @Override
            public NDArray loss(Trainer tr, NDManager m, TrainingHarness.Batch batch) {
                // the counters stay current even when an epoch ends in an exception (a diverged PBT member trains on)
                epochs = batch.epoch();
                updates = batch.update();
                int b = batch.size();
                SplittableRandom r = batch.random();
                float[] target = new float[b * t * c];
                float[] input = new float[b * t * c];
                float[] mask = new float[b * t * c];
                for (int i = 0; i < b; i++) {
                    shiftInto(train[batch.sample(i)], target, i * t * c, t, c, r);
                }
                coordinatedDropout(target, input, mask, hp.coordinatedDropout(), r);
                NDArray x = DjlArrays.owned(m, input, new Shape(b, t, c));
                NDArray y = DjlArrays.owned(m, target, new Shape(b, t, c));
                NDArray mk = DjlArrays.owned(m, mask, new Shape(b, t, c));
                NDList in = new NDList(x);
                for (long[] shape : network.maskShapes(b)) {
                    in.add(DjlArrays.owned(m, dropoutMask(shape, hp.dropout(), r), new Shape(shape)));
                }
                for (long[] shape : network.noiseShapes(b)) {
                    in.add(DjlArrays.owned(m, gaussian(shape, r), new Shape(shape)));
                }
                NDList out = tr.forward(in);
                double ramp = options.klRampUpdates() == 0 ? 1
                        : Math.min(1, (double) batch.update() / options.klRampUpdates());
                NDArray loss = LfadsTrainer.this.loss(out, y, mk, hp, ramp);
                float value = loss.getFloat();
                batches++;
                if (Float.isFinite(value)) {
                    sum += value;
                }
                return loss;
            }

            @Override
            public void nonFinite(TrainingHarness.Batch batch, int skippedSoFar) {
                // a non-finite batch is skipped; several in one epoch mean the weights are lost
                skipped = skippedSoFar;
                if (skippedSoFar > MAX_SKIPPED_BATCHES) {
                    throw new DivergedException(String.format(Locale.ROOT, "LFADS training diverged (%d "
                            + "non-finite batch losses in epoch %d with %s)", skippedSoFar, batch.epoch(), hp));
                }
            }

            @Override
            public boolean validates() {
                return false;
            }

            @Override
            public double endEpoch(int epoch, long updatesDone) {
                last[0] = sum / Math.max(1, batches - skipped);
                epochs = epoch;
                updates = updatesDone;
                sum = 0;
                skipped = 0;
                batches = 0;
                return Double.NaN;
            }
        };
        // nothing in the training step is meant to draw from PyTorch's generator, but re-seeding it per epoch made
        // repeated runs agree more often (see docs/activation.md, reproducibility)
        TrainingHarness.Result r = TrainingHarness.run(model, trainer, TrainingHarness.Seeding.perEpoch(
                options.seed(), 0), TrainingHarness.Settings.of(count, options.batchSize()).droppingIncomplete()
                        .continuing(epochs, updates), hooks, progress);
        epochs = r.lastEpoch();
        updates = r.updates();
        return last[0];
    }

    private void shiftInto(float[] w, float[] dst, int off, int t, int c, SplittableRandom r) {
        for (int ch = 0; ch < c; ch++) {
            int s = 0;
            if (options.shiftStd() > 0) {
                s = (int) Math.round(normal(r) * options.shiftStd());
                s = Math.max(-options.shiftMax(), Math.min(options.shiftMax(), s));
            }
            for (int i = 0; i < t; i++) {
                int src = Math.max(0, Math.min(t - 1, i + s));
                dst[off + i * c + ch] = Math.max(TARGET_FLOOR, w[src * c + ch]);
            }
        }
    }

    /** An inverted-dropout mask: each entry 0 with probability rate, else 1/(1 − rate). */
    static float[] dropoutMask(long[] shape, double rate, SplittableRandom r) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] mask = new float[Math.toIntExact(n)];
        float keep = (float) (1 / (1 - rate));
        if (rate <= 0) {
            java.util.Arrays.fill(mask, 1f);
            return mask;
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < rate ? 0f : keep;
        }
        return mask;
    }

    /**
     * A standard-normal draw (Box–Muller on StrictMath): {@code SplittableRandom.nextGaussian} uses {@code Math}
     * functions, whose results may differ by an ulp between interpreted and JIT-compiled code.
     */
    static double normal(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    /** Standard-normal noise. */
    static float[] gaussian(long[] shape, SplittableRandom r) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] g = new float[Math.toIntExact(n)];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) normal(r);
        }
        return g;
    }

    static void coordinatedDropout(float[] target, float[] input, float[] mask, double rate, SplittableRandom r) {
        if (rate <= 0) {
            System.arraycopy(target, 0, input, 0, target.length);
            Arrays.fill(mask, 1f);
            return;
        }
        float scale = (float) (1 / (1 - rate));
        for (int i = 0; i < target.length; i++) {
            boolean hidden = r.nextDouble() < rate;
            mask[i] = hidden ? 1f : 0f;
            input[i] = hidden ? 0f : target[i] * scale;
        }
    }

    /** The total loss of one batch (see the class comment). */
    NDArray loss(NDList out, NDArray y, NDArray mask, LfadsHyperparameters hp, double ramp) {
        NDArray recon = reconstruction(out, y, mask);
        long entries = y.getShape().get(0) * y.getShape().get(1) * y.getShape().get(2);
        NDArray icMean = out.get(2);
        NDArray icLogVar = out.get(3);
        NDArray coMean = out.get(4);
        NDArray coLogVar = out.get(5);
        NDManager batch = y.getManager();
        NDArray klIc = icLogVar.exp().add(icMean.square()).sub(1).sub(icLogVar).sum()
                .mul(DjlArrays.scalar(batch, 0.5f / entries));
        NDArray klCo = coLogVar.exp().add(coMean.square()).sub(1).sub(coLogVar).sum()
                .mul(DjlArrays.scalar(batch, 0.5f / entries));
        NDArray l2 = null;
        for (NDArray w : network.recurrentWeights()) {
            // start from a batch array: results of DJL ops belong to the first operand's manager
            NDArray v = batch.ones(new Shape(1)).mul(w).square().mean();
            l2 = l2 == null ? v : l2.add(v);
        }
        NDArray total = recon.add(klIc.mul(DjlArrays.scalar(batch, (float) (ramp * hp.klIcScale()))))
                .add(klCo.mul(DjlArrays.scalar(batch, (float) (ramp * hp.klCoScale()))));
        return l2 == null ? total : total.add(l2.mul(DjlArrays.scalar(batch, (float) (0.5e-2 * ramp * hp.l2Scale()))));
    }

    /** Mean Gamma negative log-likelihood over the entries where mask is 1. */
    static NDArray reconstruction(NDList out, NDArray y, NDArray mask) {
        NDArray logRate = out.get(0);
        NDArray logConc = out.get(1);
        NDArray alpha = logConc.exp();
        NDArray nll = alpha.mul(logRate).add(alpha.mul(y).mul(logRate.neg().exp())).sub(alpha.mul(logConc))
                .add(alpha.gammaln()).sub(alpha.sub(1).mul(y.log()));
        return nll.mul(mask).sum().div(mask.sum().add(DjlArrays.scalar(mask.getManager(), 1e-6f)));
    }

    /**
     * The validation loss: the Gamma NLL of a fixed {@value #VALIDATION_MASK} fraction of the validation entries,
     * hidden from the encoders, given the rest (posterior means, no dropout). The same mask for every member and
     * generation, so PBT compares like with like. NaN when there are no validation windows.
     */
    public double validationLoss() {
        DjlRuntime.forThisThread();
        if (validation.length == 0) {
            return Double.NaN;
        }
        int c = architecture.channels();
        int t = architecture.windowBins();
        SplittableRandom r = new SplittableRandom(DjlArrays.seedFor(options.seed(), Long.MAX_VALUE));
        double sum = 0;
        long n = 0;
        int b = Math.max(1, options.batchSize());
        for (int from = 0; from < validation.length; from += b) {
            int to = Math.min(validation.length, from + b);
            int k = to - from;
            float[] target = new float[k * t * c];
            for (int i = 0; i < k; i++) {
                float[] w = validation[from + i];
                for (int j = 0; j < w.length; j++) {
                    target[i * t * c + j] = Math.max(TARGET_FLOOR, w[j]);
                }
            }
            float[] input = new float[target.length];
            float[] mask = new float[target.length];
            coordinatedDropout(target, input, mask, VALIDATION_MASK, r);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList out = network.forward(new ParameterStore(m, false),
                        new NDList(DjlArrays.owned(m, input, new Shape(k, t, c))), false);
                double hidden = 0;
                for (float v : mask) {
                    hidden += v;
                }
                sum += reconstruction(out, DjlArrays.owned(m, target, new Shape(k, t, c)), DjlArrays.owned(m, mask, new Shape(k, t, c)))
                        .getFloat() * hidden;
                n += (long) hidden;
            }
        }
        return sum / Math.max(1, n);
    }

    /**
     * Rates (Gamma means, scaled units) of windows through the DJL network (posterior means, no dropout); [window]
     * [t·C + c].
     */
    public float[][] infer(float[][] windows) {
        DjlRuntime.forThisThread();
        int c = architecture.channels();
        int t = architecture.windowBins();
        checkWindows("inference", windows, t * c);
        float[][] rates = new float[windows.length][];
        int b = 64;
        for (int from = 0; from < windows.length; from += b) {
            int to = Math.min(windows.length, from + b);
            float[] in = new float[(to - from) * t * c];
            for (int i = from; i < to; i++) {
                System.arraycopy(windows[i], 0, in, (i - from) * t * c, t * c);
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList out = network.forward(new ParameterStore(m, false),
                        new NDList(DjlArrays.owned(m, in, new Shape(to - from, t, c))), false);
                float[] r = out.get(0).exp().toFloatArray();
                for (int i = from; i < to; i++) {
                    rates[i] = Arrays.copyOfRange(r, (i - from) * t * c, (i - from + 1) * t * c);
                }
            }
        }
        return rates;
    }

    /** A copy of every parameter's values, in the block's parameter order. */
    public List<float[]> snapshot() {
        DjlRuntime.forThisThread();
        return DjlArrays.snapshot(network);
    }

    /**
     * Overwrites every parameter with a snapshot (of a network with the same architecture) and restarts Adam's
     * moment estimates (they belonged to the old weights).
     */
    public void restore(List<float[]> values) {
        DjlRuntime.forThisThread();
        DjlArrays.restore(network, values);
        trainer.close();
        trainer = newTrainer(0);
    }

    /**
     * Everything that the next {@link #trainEpochs} call depends on besides the data, options and hyper-parameters:
     * what a member trained in another process needs to go on exactly as if it had stayed in this one (see
     * {@link PopulationFiles}).
     *
     * @param weights          every parameter's values, in the block's parameter order
     * @param means            Adam's first-moment estimates in the same order (an empty array: none yet)
     * @param variances        Adam's second-moment estimates in the same order (an empty array: none yet)
     * @param optimizerUpdates Adam's step count (bias correction)
     * @param epochs           epochs trained so far (they seed the next epochs)
     * @param updates          updates so far (the KL and L2 ramps)
     * @since 0.3
     */
    public record State(List<float[]> weights, List<float[]> means, List<float[]> variances, int optimizerUpdates,
            int epochs, long updates) {
        public State {
            weights = List.copyOf(weights);
            means = List.copyOf(means);
            variances = List.copyOf(variances);
            if (means.size() != weights.size() || variances.size() != weights.size() || optimizerUpdates < 0
                    || epochs < 0 || updates < 0) {
                throw new IllegalArgumentException("inconsistent LFADS trainer state: " + weights.size()
                        + " parameters, " + means.size() + " first and " + variances.size() + " second moments, "
                        + optimizerUpdates + " optimizer updates, " + epochs + " epochs, " + updates + " updates");
            }
        }
    }

    /** The trainer's state (see {@link State}). */
    public State state() {
        DjlRuntime.forThisThread();
        Map<String, Map<ai.djl.Device, NDArray>> m = moments("means");
        Map<String, Map<ai.djl.Device, NDArray>> v = moments("variances");
        List<float[]> means = new ArrayList<>();
        List<float[]> variances = new ArrayList<>();
        for (var pair : network.getParameters()) {
            means.add(moment(m, pair.getValue()));
            variances.add(moment(v, pair.getValue()));
        }
        int count;
        try {
            count = optimizerField("numUpdate").getInt(adam);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Adam's step count", e);
        }
        return new State(snapshot(), means, variances, count, epochs, updates);
    }

    /**
     * Puts the trainer into a {@link #state() state} taken from a trainer with the same architecture and options:
     * weights, Adam's moments and step count, and the epoch and update counters.
     */
    public void restoreState(State s) {
        DjlRuntime.forThisThread();
        DjlArrays.restore(network, s.weights());
        trainer.close();
        trainer = newTrainer(s.optimizerUpdates());
        Map<String, Map<ai.djl.Device, NDArray>> m = moments("means");
        Map<String, Map<ai.djl.Device, NDArray>> v = moments("variances");
        int i = 0;
        for (var pair : network.getParameters()) {
            Parameter p = pair.getValue();
            putMoment(m, p, s.means().get(i));
            putMoment(v, p, s.variances().get(i));
            i++;
        }
        epochs = s.epochs();
        updates = s.updates();
    }

    /** Restores the weights of another member's state (Adam starts afresh, as after {@link #restore}). */
    public void restoreWeights(State s) {
        restore(s.weights());
    }

    private static float[] moment(Map<String, Map<ai.djl.Device, NDArray>> moments, Parameter p) {
        Map<ai.djl.Device, NDArray> perDevice = moments.get(p.getId());
        if (perDevice == null || perDevice.isEmpty()) {
            return new float[0];
        }
        return perDevice.values().iterator().next().toFloatArray();
    }

    private static void putMoment(Map<String, Map<ai.djl.Device, NDArray>> moments, Parameter p, float[] values) {
        if (values.length == 0) {
            return;
        }
        NDArray w = p.getArray();
        if (values.length != w.size()) {
            throw new IllegalArgumentException("a moment of " + values.length + " values for parameter "
                    + p.getName() + " of " + w.size());
        }
        // as Adam makes its own: on the weight's manager and device, detached (Adam owns it from now on)
        NDArray a = w.getManager().create(values, w.getShape());
        a.detach();
        Map<ai.djl.Device, NDArray> perDevice = new ConcurrentHashMap<>();
        perDevice.put(w.getDevice(), a);
        moments.put(p.getId(), perDevice);
    }

    /**
     * Adam's moment maps (parameter id → device → array). DJL keeps them private; the fields are read by name
     * (DJL 0.35), and a DJL without them fails here with a clear message rather than training differently.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<ai.djl.Device, NDArray>> moments(String name) {
        try {
            Field f = Adam.class.getDeclaredField(name);
            f.setAccessible(true);
            return (Map<String, Map<ai.djl.Device, NDArray>>) f.get(adam);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach Adam's '" + name + "' (DJL version?): " + e, e);
        }
    }

    private static Field optimizerField(String name) {
        try {
            Field f = Optimizer.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the optimizer's '" + name + "' (DJL version?): " + e, e);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
