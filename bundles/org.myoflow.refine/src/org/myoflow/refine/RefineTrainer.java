package org.myoflow.refine;

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

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

/**
 * Trains the Seq2Seq refinement network (after Teramae et al. 2025, STDR-Net): simulated muscle activity (and
 * optional kinematics) in, the measured activity of every muscle out.
 *
 * <p>Architecture ({@link RefineNetwork}): per-channel standardisation with the training data's mean and standard
 * deviation (inside the graph); a bidirectional GRU encoder ({@link RefineOptions#hidden()} per direction) over
 * all input channels; a unidirectional GRU decoder over the encoder states giving one query per output step;
 * scaled dot-product attention of the projected queries ({@link RefineOptions#attentionDim()}) over the projected
 * encoder states of all input steps, plus a learned relative-position bias {@code b[clip(j − i, −16, 16)]} (so a
 * lag between simulation and measurement is one bias peak), softmax over input time; the context is the weighted
 * sum of [encoder state ⊕ standardised input]; output {@code softplus(Linear([query state ⊕ context]))} times the
 * muscle's target scale: non-negative like envelopes, unbounded above. Recurrent layers rather than a transformer
 * encoder because they train in seconds on two CPU cores and export as single ONNX GRU nodes. A skip path adds each
 * muscle's input as the attention moved it (raw units over targetScale, times a learned gain initialised to 1) to the
 * output pre-activation, so the network starts from a time-shifted copy of the input and learns a correction;
 * {@link RefineOptions#dropout()} acts on [query state ⊕ context] during training only.
 *
 * <p>Loss: mean over windows, time and muscles of {@code ((refined − target)/targetScale)²}, targetScale being the
 * muscle's RMS over the training targets (so every muscle counts alike whatever its units). Training windows have
 * {@link RefineOptions#windowLength()} samples and start every {@link RefineOptions#windowStep()} (plus one ending at
 * each sequence's end); Adam with element-wise gradient clip 1; after each epoch the validation loss (same windows)
 * is measured and the weights of the best epoch are kept (the last epoch's without validation data).
 *
 * <p>Determinism: initial weights from PyTorch's generator seeded from {@link RefineOptions#seed()}, window order
 * from a {@link java.util.SplittableRandom} seeded by (seed, epoch); with one PyTorch thread ({@link DjlRuntime}) the same seed
 * gives bit-identical weights.
 *
 * @since 0.1
 */
public final class RefineTrainer {

    /** Element-wise gradient clip of Adam. */
    static final float GRADIENT_CLIP = 1f;

    private RefineTrainer() {
    }

    /**
     * Trains a refinement model.
     *
     * @param muscles    names of the muscles, in the rows' order of every input and target
     * @param extraNames names of the extra input rows (empty when the sequences have none)
     * @param train      training sequences (at least one, with targets, each at least windowLength samples)
     * @param validation validation sequences (may be empty)
     * @param options    settings
     * @param progress   progress and cancellation (may be null)
     * @return the trained model, running on ONNX Runtime (close it)
     * @throws IllegalArgumentException when the data do not fit, naming the sequence, row and sample
     */
    public static RefineModel train(List<String> muscles, List<String> extraNames, List<RefineSequence> train,
            List<RefineSequence> validation, RefineOptions options, Progress progress) {
        try (Fit fit = fit(muscles, extraNames, train, validation, options, progress)) {
            return fit.toModel();
        }
    }

    /** Trains and keeps the DJL network (tests: parity, reproducibility). */
    static Fit fit(List<String> muscles, List<String> extraNames, List<RefineSequence> train,
            List<RefineSequence> validation, RefineOptions options, Progress progress) {
        Data data = Data.check(muscles, extraNames, train, validation, options);
        return WindowedFit.fit(() -> new Fit(data, options), options.seed(), options.epochs(), progress);
    }

    /** One sequence as [t·channels + c] inputs and [t·muscles + m] targets. */
    record Prepared(float[] inputs, float[] targets, int samples) {
    }

    /** Checked training data with the standardisation statistics. */
    static final class Data {
        final List<String> muscles;
        final List<String> extraNames;
        final int channels;
        final float[] mean;
        final float[] std;
        final float[] targetScale;
        final List<Prepared> train = new ArrayList<>();
        final List<Prepared> validation = new ArrayList<>();

        private Data(List<String> muscles, List<String> extraNames, float[] mean, float[] std, float[] targetScale) {
            this.muscles = List.copyOf(muscles);
            this.extraNames = List.copyOf(extraNames);
            this.channels = muscles.size() + extraNames.size();
            this.mean = mean;
            this.std = std;
            this.targetScale = targetScale;
        }

        static Data check(List<String> muscles, List<String> extraNames, List<RefineSequence> train,
                List<RefineSequence> validation, RefineOptions o) {
            if (muscles == null || extraNames == null || train == null || validation == null || o == null) {
                throw new IllegalArgumentException("muscles, extra names, training and validation lists and options "
                        + "must not be null");
            }
            if (muscles.isEmpty()) {
                throw new IllegalArgumentException("no muscles");
            }
            if (train.isEmpty()) {
                throw new IllegalArgumentException("no training sequences");
            }
            int m = muscles.size();
            int x = extraNames.size();
            for (int i = 0; i < train.size(); i++) {
                train.get(i).check(i, m, x, true, o.windowLength());
            }
            for (int i = 0; i < validation.size(); i++) {
                try {
                    validation.get(i).check(i, m, x, true, o.windowLength());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("validation " + e.getMessage(), e);
                }
            }
            int c = m + x;
            double[] sum = new double[c];
            double[] sq = new double[c];
            double[] tsq = new double[m];
            long n = 0;
            for (RefineSequence s : train) {
                for (int r = 0; r < c; r++) {
                    double[] row = r < m ? s.input()[r] : s.extra()[r - m];
                    for (double v : row) {
                        sum[r] += v;
                    }
                }
                for (int r = 0; r < m; r++) {
                    for (double v : s.target()[r]) {
                        tsq[r] += v * v;
                    }
                }
                n += s.samples();
            }
            float[] mean = new float[c];
            float[] std = new float[c];
            for (int r = 0; r < c; r++) {
                mean[r] = (float) (sum[r] / n);
            }
            for (RefineSequence s : train) {
                for (int r = 0; r < c; r++) {
                    double[] row = r < m ? s.input()[r] : s.extra()[r - m];
                    for (double v : row) {
                        sq[r] += (v - mean[r]) * (v - mean[r]);
                    }
                }
            }
            for (int r = 0; r < c; r++) {
                double sd = Math.sqrt(sq[r] / n);
                std[r] = sd > 1e-9 ? (float) sd : 1f; // a constant channel is only centred
            }
            float[] scale = new float[m];
            for (int r = 0; r < m; r++) {
                double rms = Math.sqrt(tsq[r] / n);
                scale[r] = rms > 1e-12 ? (float) rms : 1f;
            }
            Data d = new Data(muscles, extraNames, mean, std, scale);
            for (RefineSequence s : train) {
                d.train.add(prepare(s, m));
            }
            for (RefineSequence s : validation) {
                d.validation.add(prepare(s, m));
            }
            return d;
        }

        private static Prepared prepare(RefineSequence s, int m) {
            int n = s.samples();
            float[] y = new float[n * m];
            for (int r = 0; r < m; r++) {
                for (int t = 0; t < n; t++) {
                    y[t * m + r] = (float) s.target()[r][t];
                }
            }
            return new Prepared(s.channels(), y, n);
        }
    }

    /** A batch of windows: inputs [b·T·C], targets [b·T·M]. */
    record Batch(float[] inputs, float[] targets, int size) {
        static Batch of(Data d, List<Prepared> seqs, List<int[]> windows, int[] order, int from, int to, int t) {
            int b = to - from;
            int c = d.channels;
            int m = d.muscles.size();
            float[] x = new float[b * t * c];
            float[] y = new float[b * t * m];
            for (int k = 0; k < b; k++) {
                int[] w = windows.get(order == null ? from + k : order[from + k]);
                Prepared p = seqs.get(w[0]);
                System.arraycopy(p.inputs(), w[1] * c, x, k * t * c, t * c);
                System.arraycopy(p.targets(), w[1] * m, y, k * t * m, t * m);
            }
            return new Batch(x, y, b);
        }
    }

    /** A training in progress or done: the DJL model, trainer and history. Close it. */
    static final class Fit extends WindowedFit {
        final Data data;
        final RefineOptions options;
        final RefineNetwork network;
        final float[] invScale;
        final List<RefineModel.History> history = new ArrayList<>();
        private double sum;

        Fit(Data data, RefineOptions options) {
            this(data, options, new RefineNetwork(data.channels, data.muscles.size(), options.hidden(),
                    options.attentionDim(), data.mean, data.std, data.targetScale, (float) options.dropout()));
        }

        private Fit(Data data, RefineOptions options, RefineNetwork network) {
            super("seq2seq-refine", network, options.learningRate(), GRADIENT_CLIP, (float) options.weightDecay(),
                    DjlArrays.seedFor(options.seed(), -1), data.train.stream().mapToInt(Prepared::samples).toArray(),
                    data.validation.stream().mapToInt(Prepared::samples).toArray(),
                    options.windowLength(), options.windowStep(), options.batchSize(),
                    new Shape(1, options.windowLength(), data.channels));
            this.data = data;
            this.options = options;
            this.network = network;
            invScale = new float[data.targetScale.length];
            for (int m = 0; m < invScale.length; m++) {
                invScale[m] = 1f / data.targetScale[m];
            }
        }

        @Override
        public NDArray loss(Trainer tr, NDManager nm, TrainingHarness.Batch b) {
            int t = options.windowLength();
            Batch batch = Batch.of(data, data.train, windows, b.order(), b.from(), b.to(), t);
            NDList out = tr.forward(new NDList(DjlArrays.owned(nm, batch.inputs(), new Shape(batch.size(), t,
                    data.channels))));
            NDArray loss = loss(nm, out.head(), batch);
            double l = loss.getFloat();
            if (!Double.isFinite(l)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "refinement training diverged in epoch "
                        + "%d (non-finite loss); lower the learning rate", b.epoch()));
            }
            sum += l * batch.size();
            return loss;
        }

        @Override
        public double endEpoch(int epoch, long updates) {
            double val = evaluate(data.validation, validationWindows);
            history.add(new RefineModel.History(epoch, sum / windows.size(), val));
            sum = 0;
            return val;
        }

        @Override
        public String progress(int epoch, int last) {
            RefineModel.History h = history.get(history.size() - 1);
            return String.format(Locale.ROOT, "refinement epoch %d/%d: train %.4g, validation %.4g", epoch, last,
                    h.trainLoss(), h.validationLoss());
        }

        /** Mean of ((refined − target)/targetScale)² over the batch. */
        NDArray loss(NDManager nm, NDArray refined, Batch batch) {
            int t = options.windowLength();
            int m = data.muscles.size();
            return refined.sub(DjlArrays.owned(nm, batch.targets(), new Shape(batch.size(), t, m)))
                    .mul(DjlArrays.owned(nm, invScale, new Shape(m))).square().mean();
        }

        /** Mean loss over the windows; NaN for none. */
        double evaluate(List<Prepared> seqs, List<int[]> w) {
            if (w.isEmpty()) {
                return Double.NaN;
            }
            int t = options.windowLength();
            double[] sum = new double[1];
            inBatches(w, (nm, from, to) -> {
                Batch batch = Batch.of(data, seqs, w, null, from, to, t);
                NDArray y = infer(nm, DjlArrays.owned(nm, batch.inputs(), new Shape(batch.size(), t,
                        data.channels))).head();
                sum[0] += loss(nm, y, batch).getFloat() * batch.size();
            });
            return sum[0] / w.size();
        }

        /**
         * The DJL network on a whole sequence in one pass: refined [muscle][t] and attention [t][t] (tests: parity
         * with the exported graph).
         */
        double[][][] predict(RefineSequence s) {
            DjlRuntime.forThisThread();
            s.check(0, data.muscles.size(), data.extraNames.size(), false, 1);
            int n = s.samples();
            int m = data.muscles.size();
            try (NDManager nm = trainer.getManager().newSubManager()) {
                NDList out = network.forward(new ParameterStore(nm, false), new NDList(DjlArrays.owned(nm, s.channels(),
                        new Shape(1, n, data.channels))), false);
                float[] y = out.get(0).toFloatArray();
                float[] a = out.get(1).toFloatArray();
                double[][] refined = new double[m][n];
                for (int t = 0; t < n; t++) {
                    for (int k = 0; k < m; k++) {
                        refined[k][t] = y[t * m + k];
                    }
                }
                double[][] attention = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        attention[i][j] = a[i * n + j];
                    }
                }
                return new double[][][] {refined, attention};
            }
        }

        byte[] exportOnnx() {
            return network.exportOnnx("myoflow", Map.of("myoflow.task", RefineModel.TASK));
        }

        RefineModel toModel() {
            byte[] onnx = exportOnnx();
            return new RefineModel(data.muscles, data.extraNames, data.mean, data.std, data.targetScale, options,
                    history, bestEpoch(), onnx, OnnxSessions.load(onnx, "seq2seq-refine"));
        }
    }
}
