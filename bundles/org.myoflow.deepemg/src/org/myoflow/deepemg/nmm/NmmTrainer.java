package org.myoflow.deepemg.nmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.spi.Progress;
import org.myoflow.ml.DjlArrays;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.train.TrainingHarness;
import org.myoflow.ml.train.WindowedFit;
import org.myoflow.musculoskeletal.JointModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

/**
 * Trains the NMM (after Kumar et al. 2025, arXiv 2503.05201): a network from measured features (surface-EMG
 * envelopes, kinematics, load) to the deep muscles' excitations, jointly with per-subject muscle log-scales, under a
 * data term and a physics term.
 *
 * <p>Architecture ({@link NmmNetwork}): the inputs standardised with the training data's per-feature mean and
 * standard deviation, one bidirectional GRU layer ({@link NmmOptions#hidden()} per direction), a linear layer and a
 * sigmoid: excitations in (0, 1) for the deep muscles. A recurrent encoder was chosen over a transformer because it
 * trains in seconds on two CPU cores and exports as one ONNX GRU node.
 *
 * <p>Loss per batch of windows ({@link NmmOptions#windowLength()} samples, starts every
 * {@link NmmOptions#windowStep()}, plus one window ending at each sequence's end):
 * <ul>
 * <li>data: mean squared error of the predicted deep excitations over the windows of labelled sequences (0 in a
 * batch without any);</li>
 * <li>physics: the deep muscles' activations from the predicted excitations by a differentiable discretisation of
 * Thelen's activation dynamics, the other muscles' from their measured excitations ({@code ActivationDynamics}
 * over the whole recording), then the rigid-tendon Hill model with the window's subject scales ({@link NmmPhysics});
 * mean of {@code (τ_model − τ)²}/torqueScale² over the window, without its first {@link #burnIn} samples (the
 * deep activations start at the window's first excitation, a transient the measured ones do not have);</li>
 * <li>total: dataWeight·data + physicsWeight·physics + scaleRegularisation·Σ(sF² + sL²) over all subjects and
 * muscles, where sF and sL are the log-scales of F0 and of the optimal fibre length (initialised at 0).</li>
 * </ul>
 * Adam with the given learning rate and element-wise gradient clip 1 updates network and log-scales alike. After
 * every epoch the validation losses are computed; the weights of the epoch with the lowest validation total
 * (dataWeight·data + physicsWeight·physics) are kept (the last epoch's without validation data).
 *
 * <p>Determinism: the initial weights are drawn from PyTorch's generator seeded from {@link NmmOptions#seed()}; the
 * window order of each epoch from a Java generator seeded by (seed, epoch). With one PyTorch thread (see
 * {@link DjlRuntime}) the same seed gives the same weights.
 *
 * @since 0.1
 */
public final class NmmTrainer {

    /** Element-wise gradient clip of Adam. */
    static final float GRADIENT_CLIP = 1f;


    private NmmTrainer() {
    }

    /**
     * Trains an NMM.
     *
     * @param nominal     the joint model (nominal muscle parameters)
     * @param deepMuscles model indices of the muscles the network predicts (distinct)
     * @param subjects    number of subject slots ({@link NmmSequence#subject()} in [0, subjects))
     * @param train       training sequences (at least one, each at least windowLength samples)
     * @param validation  validation sequences (may be empty)
     * @param options     settings
     * @param progress    progress and cancellation (may be null)
     * @return the trained model, running on ONNX Runtime (close it)
     * @throws IllegalArgumentException when the data do not fit (naming the sequence, row and sample)
     */
    public static NmmModel train(JointModel nominal, int[] deepMuscles, int subjects, List<NmmSequence> train,
            List<NmmSequence> validation, NmmOptions options, Progress progress) {
        try (Fit fit = fit(nominal, deepMuscles, subjects, train, validation, options, progress)) {
            return fit.toModel();
        }
    }

    /** Trains and keeps the DJL network (for tests: parity, reproducibility). */
    static Fit fit(JointModel nominal, int[] deepMuscles, int subjects, List<NmmSequence> train,
            List<NmmSequence> validation, NmmOptions options, Progress progress) {
        Data data = Data.check(nominal, deepMuscles, subjects, train, validation, options);
        return WindowedFit.fit(() -> new Fit(data, options), options.seed(), options.epochs(), progress);
    }

    /** Samples at the start of each window left out of the physics term: 50 ms, at most a quarter window. */
    static int burnIn(NmmOptions o) {
        return (int) Math.min(Math.round(0.05 * o.rate()), o.windowLength() / 4);
    }

    // ---- data -------------------------------------------------------------------------------------------------

    /** One sequence as float arrays [t·rowSize + row]. */
    record Prepared(int subject, float[] inputs, float[] labels, float[] slack, float[] velocity, float[] arm,
            float[] measured, float[] torque, int samples) {
    }

    /** Checked and prepared training data. */
    static final class Data {
        final JointModel nominal;
        final NmmPhysics physics;
        final int[] deep;
        final int subjects;
        final int features;
        final int muscles;
        final float[] mean;
        final float[] std;
        final List<Prepared> train = new ArrayList<>();
        final List<Prepared> validation = new ArrayList<>();

        private Data(JointModel nominal, int[] deep, int subjects, int features, float[] mean, float[] std) {
            this.nominal = nominal;
            this.physics = new NmmPhysics(nominal);
            this.deep = deep.clone();
            this.subjects = subjects;
            this.features = features;
            this.muscles = nominal.muscles().size();
            this.mean = mean;
            this.std = std;
        }

        static Data check(JointModel nominal, int[] deep, int subjects, List<NmmSequence> train,
                List<NmmSequence> validation, NmmOptions o) {
            if (nominal == null || deep == null || train == null || validation == null || o == null) {
                throw new IllegalArgumentException("joint model, deep muscles, training and validation lists and "
                        + "options must not be null");
            }
            checkDeep(deep, nominal.muscles().size());
            if (subjects < 1) {
                throw new IllegalArgumentException("subjects must be >= 1, got " + subjects);
            }
            if (train.isEmpty()) {
                throw new IllegalArgumentException("no training sequences");
            }
            int features = train.get(0).inputs() == null ? -1 : train.get(0).inputs().length;
            int m = nominal.muscles().size();
            for (int i = 0; i < train.size(); i++) {
                train.get(i).check(i, features, deep, m, subjects, o.windowLength());
            }
            for (int i = 0; i < validation.size(); i++) {
                try {
                    validation.get(i).check(i, features, deep, m, subjects, o.windowLength());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("validation " + e.getMessage(), e);
                }
            }
            // standardisation over every training sample
            double[] sum = new double[features];
            double[] sq = new double[features];
            long n = 0;
            for (NmmSequence s : train) {
                for (int f = 0; f < features; f++) {
                    for (double v : s.inputs()[f]) {
                        sum[f] += v;
                    }
                }
                n += s.samples();
            }
            float[] mean = new float[features];
            float[] std = new float[features];
            for (int f = 0; f < features; f++) {
                double mu = sum[f] / n;
                for (NmmSequence s : train) {
                    for (double v : s.inputs()[f]) {
                        sq[f] += (v - mu) * (v - mu);
                    }
                }
                double sd = Math.sqrt(sq[f] / n);
                mean[f] = (float) mu;
                // a constant feature is only centred
                std[f] = (float) (sd > 1e-9 * Math.max(1, Math.abs(mu)) ? sd : 1);
            }
            Data d = new Data(nominal, deep, subjects, features, mean, std);
            train.forEach(s -> d.train.add(d.prepare(s, o.rate())));
            validation.forEach(s -> d.validation.add(d.prepare(s, o.rate())));
            return d;
        }

        static void checkDeep(int[] deep, int muscles) {
            if (deep.length == 0) {
                throw new IllegalArgumentException("no deep muscles given");
            }
            boolean[] seen = new boolean[muscles];
            for (int i = 0; i < deep.length; i++) {
                if (deep[i] < 0 || deep[i] >= muscles) {
                    throw new IllegalArgumentException("deep muscle " + i + ": model index " + deep[i]
                            + " is out of range [0, " + muscles + ")");
                }
                if (seen[deep[i]]) {
                    throw new IllegalArgumentException("deep muscle " + i + ": model index " + deep[i] + " twice");
                }
                seen[deep[i]] = true;
            }
        }

        Prepared prepare(NmmSequence s, double rate) {
            int n = s.samples();
            float[] in = new float[n * features];
            for (int f = 0; f < features; f++) {
                for (int t = 0; t < n; t++) {
                    in[t * features + f] = (float) s.inputs()[f][t];
                }
            }
            float[] labels = null;
            if (s.deepExcitations() != null) {
                labels = new float[n * deep.length];
                for (int k = 0; k < deep.length; k++) {
                    for (int t = 0; t < n; t++) {
                        labels[t * deep.length + k] = (float) s.deepExcitations()[k][t];
                    }
                }
            }
            boolean[] isDeep = new boolean[muscles];
            for (int k : deep) {
                isDeep[k] = true;
            }
            float[] measured = new float[n * muscles];
            for (int m = 0; m < muscles; m++) {
                if (!isDeep[m]) {
                    double[] a = NmmPhysics.DYNAMICS.simulate(s.measuredExcitations()[m], rate);
                    for (int t = 0; t < n; t++) {
                        measured[t * muscles + m] = (float) a[t];
                    }
                }
            }
            float[] torque = new float[n];
            for (int t = 0; t < n; t++) {
                torque[t] = (float) s.torques()[t];
            }
            NmmPhysics.Kinematics k = physics.kinematics(s.angles(), s.angularVelocities());
            return new Prepared(s.subject(), in, labels, k.slack(), k.velocity(), k.arm(), measured, torque, n);
        }
    }

    /** One batch of windows as Java arrays. */
    record Batch(float[] inputs, float[] labels, float[] labelled, float[] slack, float[] velocity, float[] arm,
            float[] measured, float[] torque, float[] oneHot, int size, int labelledCount) {

        static Batch of(Data d, List<Prepared> seqs, List<int[]> windows, int[] order, int from, int to, int t) {
            int b = to - from;
            int f = d.features;
            int k = d.deep.length;
            int m = d.muscles;
            float[] in = new float[b * t * f];
            float[] lab = new float[b * t * k];
            float[] has = new float[b];
            float[] x = new float[b * t * m];
            float[] v = new float[b * t * m];
            float[] r = new float[b * t * m];
            float[] a = new float[b * t * m];
            float[] tau = new float[b * t];
            float[] hot = new float[b * d.subjects];
            int labelled = 0;
            for (int i = 0; i < b; i++) {
                int[] w = windows.get(order == null ? from + i : order[from + i]);
                Prepared p = seqs.get(w[0]);
                int s = w[1];
                System.arraycopy(p.inputs(), s * f, in, i * t * f, t * f);
                if (p.labels() != null) {
                    System.arraycopy(p.labels(), s * k, lab, i * t * k, t * k);
                    has[i] = 1;
                    labelled++;
                }
                System.arraycopy(p.slack(), s * m, x, i * t * m, t * m);
                System.arraycopy(p.velocity(), s * m, v, i * t * m, t * m);
                System.arraycopy(p.arm(), s * m, r, i * t * m, t * m);
                System.arraycopy(p.measured(), s * m, a, i * t * m, t * m);
                System.arraycopy(p.torque(), s, tau, i * t, t);
                hot[i * d.subjects + p.subject()] = 1;
            }
            return new Batch(in, lab, has, x, v, r, a, tau, hot, b, labelled);
        }
    }

    /** The data and physics losses of one batch, as arrays (for the gradient) and values. */
    record Losses(NDArray data, NDArray physics, NDArray regulariser) {
    }

    // ---- the training ---------------------------------------------------------------------------------------------

    /** A training in progress or done: the DJL model and its history. */
    static final class Fit extends WindowedFit {
        final Data data;
        final NmmOptions options;
        final NmmNetwork network;
        final float[] placement;
        final List<NmmModel.History> history = new ArrayList<>();
        private double dataSum;
        private double physSum;
        private int labelled;
        private int count;

        Fit(Data data, NmmOptions options) {
            this(data, options, new NmmNetwork(data.features, options.hidden(), data.deep.length, data.subjects,
                    data.muscles, data.mean, data.std));
        }

        private Fit(Data data, NmmOptions options, NmmNetwork network) {
            super("nmm", network, options.learningRate(), GRADIENT_CLIP, 0, DjlArrays.seedFor(options.seed(), -1),
                    data.train.stream().mapToInt(Prepared::samples).toArray(),
                    data.validation.stream().mapToInt(Prepared::samples).toArray(), options.windowLength(), options.windowStep(),
                    options.batchSize(), new Shape(1, options.windowLength(), data.features),
                    new Shape(1, data.subjects));
            this.data = data;
            this.options = options;
            this.network = network;
            // [D, M]: puts the deep muscles' activations into their model columns
            placement = new float[data.deep.length * data.muscles];
            for (int k = 0; k < data.deep.length; k++) {
                placement[k * data.muscles + data.deep[k]] = 1;
            }
        }

        @Override
        public NDArray loss(Trainer tr, NDManager nm, TrainingHarness.Batch b) {
            int t = options.windowLength();
            Batch batch = Batch.of(data, data.train, windows, b.order(), b.from(), b.to(), t);
            NDList out = tr.forward(new NDList(DjlArrays.owned(nm, batch.inputs(), new Shape(batch.size(), t,
                    data.features)), DjlArrays.owned(nm, batch.oneHot(), new Shape(batch.size(), data.subjects))));
            Losses l = losses(nm, out, batch);
            NDArray total = l.physics().mul(DjlArrays.scalar(nm, (float) options.physicsWeight()))
                    .add(l.regulariser().mul(DjlArrays.scalar(nm, (float) options.scaleRegularisation())));
            if (batch.labelledCount() > 0) {
                total = total.add(l.data().mul(DjlArrays.scalar(nm, (float) options.dataWeight())));
                dataSum += l.data().getFloat() * batch.labelledCount();
                labelled += batch.labelledCount();
            }
            double p = l.physics().getFloat();
            if (!Double.isFinite(p) || !Float.isFinite(total.getFloat())) {
                throw new IllegalStateException(String.format(Locale.ROOT, "NMM training diverged in epoch %d "
                        + "(non-finite loss); lower the learning rate", b.epoch()));
            }
            physSum += p * batch.size();
            count += batch.size();
            return total;
        }

        @Override
        public double endEpoch(int epoch, long updates) {
            double[] val = evaluate(data.validation, validationWindows);
            history.add(new NmmModel.History(epoch, labelled > 0 ? dataSum / labelled : Double.NaN,
                    physSum / count, val[0], val[1]));
            dataSum = 0;
            physSum = 0;
            labelled = 0;
            count = 0;
            return options.physicsWeight() * val[1] + (Double.isNaN(val[0]) ? 0 : options.dataWeight() * val[0]);
        }

        @Override
        public String progress(int epoch, int last) {
            NmmModel.History h = history.get(history.size() - 1);
            return String.format(Locale.ROOT, "NMM epoch %d/%d: data %.4g, physics %.4g; validation data %.4g, "
                    + "physics %.4g", epoch, last, h.trainData(), h.trainPhysics(), h.validationData(),
                    h.validationPhysics());
        }

        /** Data and physics losses of one batch (see the class comment). */
        Losses losses(NDManager nm, NDList out, Batch batch) {
            int t = options.windowLength();
            int m = data.muscles;
            int k = data.deep.length;
            int b = batch.size();
            NDArray exc = out.get(0);
            NDArray dataLoss = null;
            if (batch.labelledCount() > 0) {
                NDArray perWindow = exc.sub(DjlArrays.owned(nm, batch.labels(), new Shape(b, t, k))).square()
                        .reshape(b, (long) t * k).mean(new int[] {1});
                dataLoss = perWindow.mul(DjlArrays.owned(nm, batch.labelled(), new Shape(b))).sum()
                        .div(DjlArrays.scalar(nm, batch.labelledCount()));
            }
            NDArray act = NmmPhysics.activations(exc, options.rate()).matMul(DjlArrays.owned(nm, placement, new Shape(k, m)))
                    .add(DjlArrays.owned(nm, batch.measured(), new Shape(b, t, m)));
            NDArray tau = data.physics.torque(act, out.get(1), out.get(2), DjlArrays.owned(nm, batch.slack(),
                    new Shape(b, t, m)), DjlArrays.owned(nm, batch.velocity(), new Shape(b, t, m)), DjlArrays.owned(nm, batch.arm(),
                            new Shape(b, t, m)));
            NDArray err = tau.sub(DjlArrays.owned(nm, batch.torque(), new Shape(b, t)));
            int burn = burnIn(options);
            if (burn > 0) {
                err = err.get(new NDIndex(":, " + burn + ":"));
            }
            double ts = options.torqueScale();
            NDArray physics = err.square().mean().mul(DjlArrays.scalar(nm, (float) (1 / (ts * ts))));
            return new Losses(dataLoss, physics, out.get(3));
        }

        /** Mean data loss (over labelled windows; NaN without) and physics loss over windows; NaN, NaN for none. */
        double[] evaluate(List<Prepared> seqs, List<int[]> w) {
            if (w.isEmpty()) {
                return new double[] {Double.NaN, Double.NaN};
            }
            int t = options.windowLength();
            double[] sums = new double[3];
            inBatches(w, (nm, from, to) -> {
                Batch batch = Batch.of(data, seqs, w, null, from, to, t);
                NDList out = infer(nm, DjlArrays.owned(nm, batch.inputs(), new Shape(batch.size(), t,
                        data.features)), DjlArrays.owned(nm, batch.oneHot(), new Shape(batch.size(), data.subjects)));
                Losses l = losses(nm, out, batch);
                if (l.data() != null) {
                    sums[0] += l.data().getFloat() * batch.labelledCount();
                    sums[2] += batch.labelledCount();
                }
                sums[1] += l.physics().getFloat() * batch.size();
            });
            return new double[] {sums[2] > 0 ? sums[0] / sums[2] : Double.NaN, sums[1] / w.size()};
        }

        /** Deep excitations [deep][t] of a whole sequence through the DJL network. */
        double[][] predict(NmmSequence s) {
            DjlRuntime.forThisThread();
            s.checkInputs(0, data.features);
            int n = s.inputs()[0].length;
            int f = data.features;
            float[] in = new float[n * f];
            for (int j = 0; j < f; j++) {
                for (int t = 0; t < n; t++) {
                    in[t * f + j] = (float) s.inputs()[j][t];
                }
            }
            try (NDManager nm = trainer.getManager().newSubManager()) {
                float[] y = network.forward(new ParameterStore(nm, false), new NDList(DjlArrays.owned(nm, in, new Shape(1, n,
                        f))), false).head().toFloatArray();
                int k = data.deep.length;
                double[][] out = new double[k][n];
                for (int t = 0; t < n; t++) {
                    for (int j = 0; j < k; j++) {
                        out[j][t] = y[t * k + j];
                    }
                }
                return out;
            }
        }

        /** Model torque [B, T] in DJL for given activations [B][t·M + m] (tests: comparison with Java). */
        float[] torque(float[] activations, int b, int t, float[] slack, float[] velocity, float[] arm,
                float[] logStrength, float[] logLength) {
            DjlRuntime.forThisThread();
            int m = data.muscles;
            try (NDManager nm = trainer.getManager().newSubManager()) {
                return data.physics.torque(DjlArrays.owned(nm, activations, new Shape(b, t, m)), DjlArrays.owned(nm, logStrength,
                        new Shape(b, m)), DjlArrays.owned(nm, logLength, new Shape(b, m)), DjlArrays.owned(nm, slack, new Shape(b, t, m)),
                        DjlArrays.owned(nm, velocity, new Shape(b, t, m)), DjlArrays.owned(nm, arm, new Shape(b, t, m))).toFloatArray();
            }
        }

        /** Learned log-scales [subject][muscle]: strength (0) or length (1). */
        double[][] logScales(boolean length) {
            Parameter p = length ? network.logLength() : network.logStrength();
            float[] v = p.getArray().toFloatArray();
            double[][] out = new double[data.subjects][data.muscles];
            for (int s = 0; s < data.subjects; s++) {
                for (int m = 0; m < data.muscles; m++) {
                    out[s][m] = v[s * data.muscles + m];
                }
            }
            return out;
        }

        byte[] exportOnnx() {
            return network.exportOnnx("myoflow", Map.of("myoflow.task", NmmModel.TASK));
        }

        NmmModel toModel() {
            byte[] onnx = exportOnnx();
            return new NmmModel(data.nominal, data.deep, data.features, data.mean, data.std, options, data.subjects,
                    logScales(false), logScales(true), history, bestEpoch(), onnx, OnnxSessions.load(onnx, "nmm"));
        }
    }
}
