package org.myoflow.deepemg.nmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.SequenceRunner;
import org.myoflow.ml.TrainedSequenceModel;
import org.myoflow.ml.TensorSpec;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.MuscleTendonUnit;
import org.myoflow.musculoskeletal.ThelenMuscle;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A trained NMM (see {@link NmmTrainer}): the excitation network as an ONNX graph run by ONNX Runtime
 * ({@code inputs} [batch, time, features], raw features: the standardisation is inside the graph →
 * {@code excitations} [batch, time, deep] in (0, 1)), the nominal joint model, the deep muscles and the learned
 * subject scales. {@link #save} writes {@code model.onnx} and {@code model.json} (a {@link ModelCard}: signature,
 * the inputs' normalisation, deep muscle names and indices, the joint model as JSON, the options, the learned scales
 * and the training history); {@link #load} reads them back.
 *
 * @since 0.1
 */
public final class NmmModel extends TrainedSequenceModel<NmmOptions, NmmModel.History> {

    /** Model-card task of NMM models. */
    public static final String TASK = "deep-muscle-excitation-nmm";
    /** Name of the graph input. */
    public static final String INPUT = "inputs";
    /** Name of the graph output. */
    public static final String OUTPUT = "excitations";
    /** Largest |log scale| {@link #calibrate} searches: factors in [1/e, e]. */
    public static final double CALIBRATION_BOUND = 1;
    /** Objective evaluations {@link #calibrate} may spend. */
    public static final int CALIBRATION_EVALUATIONS = 4000;

    /**
     * The losses after one epoch (NaN where there is nothing to measure: no labelled or no validation data).
     *
     * @param epoch             1-based epoch
     * @param trainData         mean data loss over the epoch's labelled training windows
     * @param trainPhysics      mean physics loss over the epoch's training windows
     * @param validationData    data loss of the labelled validation windows after the epoch
     * @param validationPhysics physics loss of the validation windows after the epoch
     */
    public record History(int epoch, double trainData, double trainPhysics, double validationData,
            double validationPhysics) {
    }

    private final JointModel nominal;
    private final int[] deep;
    private final int features;
    private final float[] mean;
    private final float[] std;
    private final int subjects;
    private final double[][] logStrength;
    private final double[][] logLength;
    /** Muscles of the envelope inputs, in input order, when the model was saved with them (else empty). */
    private List<String> measuredMuscles = List.of();

    NmmModel(JointModel nominal, int[] deep, int features, float[] mean, float[] std, NmmOptions options,
            int subjects, double[][] logStrength, double[][] logLength, List<History> history, int bestEpoch,
            byte[] onnx, OnnxModel session) {
        super(options, history, bestEpoch, onnx, session);
        this.nominal = nominal;
        this.deep = deep.clone();
        this.features = features;
        this.mean = mean.clone();
        this.std = std.clone();
        this.subjects = subjects;
        this.logStrength = deepCopy(logStrength);
        this.logLength = deepCopy(logLength);
        ModelSignature sig = session.signature();
        boolean ok = sig.inputs().size() == 1 && INPUT.equals(sig.inputs().get(0).name())
                && sig.inputs().get(0).rank() == 3 && sig.inputs().get(0).dim(2) == features
                && sig.outputs().size() == 1 && OUTPUT.equals(sig.outputs().get(0).name())
                && sig.outputs().get(0).rank() == 3;
        if (!ok) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "the NMM graph has " + sig + "; an NMM "
                    + "takes '" + INPUT + "' [batch, time, " + features + "] and gives '" + OUTPUT
                    + "' [batch, time, " + deep.length + "]");
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The signature of an NMM with {@code features} inputs and {@code deep} deep muscles. */
    public static ModelSignature signature(int features, int deep) {
        return new ModelSignature(List.of(TensorSpec.float32(INPUT, -1, -1, features)),
                List.of(TensorSpec.float32(OUTPUT, -1, -1, deep)));
    }

    public JointModel nominal() {
        return nominal;
    }

    /** Model indices of the deep muscles, in the order of the network's outputs. */
    public int[] deepMuscles() {
        return deep.clone();
    }

    /** Number of input features. */
    public int features() {
        return features;
    }

    /** Number of subject slots of the training. */
    public int subjects() {
        return subjects;
    }

    /**
     * Deep excitations [deep][t] in (0, 1) of a whole sequence, by ONNX Runtime. Only {@link NmmSequence#inputs()}
     * is read.
     *
     * @throws IllegalArgumentException when the inputs have another feature count, ragged rows or non-finite values
     */
    public double[][] predict(NmmSequence s) {
        s.checkInputs(0, features);
        return runner(INPUT, features).whole(SequenceRunner.timeMajor(s.inputs()),
                s.inputs()[0].length, deep.length);
    }

    /** Learned strength (F0) factors [subject][muscle]. */
    public double[][] strengthScales() {
        return exp(logStrength);
    }

    /** Learned optimal-fibre-length factors [subject][muscle]. */
    public double[][] lengthScales() {
        return exp(logLength);
    }

    private static double[][] exp(double[][] a) {
        double[][] e = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            e[i] = new double[a[i].length];
            for (int j = 0; j < e[i].length; j++) {
                e[i][j] = Math.exp(a[i][j]);
            }
        }
        return e;
    }

    /** One training subject's learned scales. */
    public SubjectScales subject(int index) {
        if (index < 0 || index >= subjects) {
            throw new IllegalArgumentException("subject " + index + " is out of range [0, " + subjects + ")");
        }
        return new SubjectScales(strengthScales()[index], lengthScales()[index]);
    }

    /**
     * Every muscle's excitation [muscle][t] for a sequence: the deep muscles' predicted by the network, the others'
     * measured.
     */
    double[][] excitations(NmmSequence s) {
        return excitations(s, predict(s));
    }

    /** All muscles' excitations [muscle][t]: the measured rows of the sequence and the given deep predictions. */
    private double[][] excitations(NmmSequence s, double[][] predicted) {
        if (predicted.length != deep.length) {
            throw new IllegalArgumentException("got " + predicted.length + " deep excitation rows, the model predicts "
                    + deep.length);
        }
        double[][] u = new double[nominal.muscles().size()][];
        for (int m = 0; m < u.length; m++) {
            u[m] = s.measuredExcitations()[m];
        }
        for (int k = 0; k < deep.length; k++) {
            u[deep[k]] = predicted[k];
        }
        return u;
    }

    /**
     * The model torque (N·m) [t] in double precision: predicted deep and measured excitations through
     * {@code ActivationDynamics.thelen2003()} over the whole sequence, then the joint model with the given scales
     * (rigid tendon).
     *
     * @throws IllegalArgumentException when the sequence does not fit the model or the scales have another muscle
     *                                  count
     */
    public double[] torque(NmmSequence s, SubjectScales scales) {
        return torque(s, predict(s), scales);
    }

    /** As {@link #torque(NmmSequence, SubjectScales)} with the deep excitations {@link #predict} already gave. */
    public double[] torque(NmmSequence s, double[][] predictedDeep, SubjectScales scales) {
        s.check(0, features, deep, nominal.muscles().size(), -1, 1);
        JointModel scaled = NmmPhysics.scaled(nominal, scales);
        return NmmPhysics.torque(scaled, NmmPhysics.simulate(excitations(s, predictedDeep), options().rate()),
                s.angles(), s.angularVelocities());
    }

    /**
     * Fits a new subject's scales with the network frozen: the deep excitations are predicted once, all activations
     * computed ({@code ActivationDynamics} over each whole sequence), and the two log-scale vectors minimise
     * {@code physicsWeight·mean((τ_model − τ)²)/torqueScale² + scaleRegularisation·Σ(sF² + sL²)} over all samples
     * (rigid tendon, double precision), by BOBYQA (commons-math3) within |log scale| ≤ {@value #CALIBRATION_BOUND}.
     * The sequences' subject index is ignored; their labels are not used.
     *
     * @param options supplies torqueScale, physicsWeight (&gt; 0) and scaleRegularisation
     */
    public SubjectScales calibrate(List<NmmSequence> subjectData, NmmOptions options) {
        if (subjectData == null || subjectData.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one sequence");
        }
        if (!(options.physicsWeight() > 0)) {
            throw new IllegalArgumentException("calibration fits the physics term: physicsWeight must be > 0");
        }
        int m = nominal.muscles().size();
        List<double[][]> excitations = new ArrayList<>();
        for (int i = 0; i < subjectData.size(); i++) {
            NmmSequence s = subjectData.get(i);
            s.check(i, features, deep, m, -1, 1);
            excitations.add(excitations(s));
        }
        return calibrate(nominal, subjectData, excitations, options().rate(), options);
    }

    /**
     * The calibration of {@link #calibrate(List, NmmOptions)} with every muscle's excitations [muscle][t] given (one
     * array per sequence).
     */
    static SubjectScales calibrate(JointModel nominal, List<NmmSequence> subjectData, List<double[][]> excitations,
            double rate, NmmOptions options) {
        int m = nominal.muscles().size();
        int total = 0;
        List<double[][]> acts = new ArrayList<>();
        for (int i = 0; i < subjectData.size(); i++) {
            acts.add(NmmPhysics.simulate(excitations.get(i), rate));
            total += subjectData.get(i).samples();
        }
        // kinematics once: MTU length, velocity, moment arm per sample and muscle
        double[][] len = new double[m][total];
        double[][] vel = new double[m][total];
        double[][] arm = new double[m][total];
        double[][] act = new double[m][total];
        double[] tau = new double[total];
        int at = 0;
        for (int i = 0; i < subjectData.size(); i++) {
            NmmSequence s = subjectData.get(i);
            for (int t = 0; t < s.samples(); t++, at++) {
                for (int j = 0; j < m; j++) {
                    MuscleTendonUnit u = nominal.muscles().get(j);
                    len[j][at] = u.length(s.angles()[t]);
                    vel[j][at] = u.velocity(s.angles()[t], s.angularVelocities()[t]);
                    arm[j][at] = u.momentArm().at(s.angles()[t]);
                    act[j][at] = acts.get(i)[j][t];
                }
                tau[at] = s.torques()[t];
            }
        }
        double ts2 = options.torqueScale() * options.torqueScale();
        int n = total;
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double[] model = new double[n];
            double reg = 0;
            for (int j = 0; j < m; j++) {
                ThelenMuscle t = nominal.muscles().get(j).muscle();
                ThelenMuscle sc = new ThelenMuscle(t.maxIsometricForce() * Math.exp(x[j]),
                        t.optimalFibreLength() * Math.exp(x[m + j]), t.tendonSlackLength(), t.pennationAtOptimal(),
                        t.maxContractionVelocity(), t.fmaxTendonStrain(), t.fmaxMuscleStrain(), t.kShapeActive(),
                        t.kShapePassive(), t.af(), t.flen());
                for (int k = 0; k < n; k++) {
                    model[k] += arm[j][k] * sc.rigidTendonForce(act[j][k], len[j][k], vel[j][k]);
                }
                reg += x[j] * x[j] + x[m + j] * x[m + j];
            }
            double se = 0;
            for (int k = 0; k < n; k++) {
                se += (model[k] - tau[k]) * (model[k] - tau[k]);
            }
            return options.physicsWeight() * se / n / ts2 + options.scaleRegularisation() * reg;
        });
        double[] lo = new double[2 * m];
        double[] hi = new double[2 * m];
        java.util.Arrays.fill(lo, -CALIBRATION_BOUND);
        java.util.Arrays.fill(hi, CALIBRATION_BOUND);
        PointValuePair best = new BOBYQAOptimizer(4 * m + 1, 0.1, 1e-6).optimize(new MaxEval(
                CALIBRATION_EVALUATIONS), objective, GoalType.MINIMIZE, new InitialGuess(new double[2 * m]),
                new SimpleBounds(lo, hi));
        double[] x = best.getPoint();
        double[] fs = new double[m];
        double[] ls = new double[m];
        for (int j = 0; j < m; j++) {
            fs[j] = Math.exp(x[j]);
            ls[j] = Math.exp(x[m + j]);
        }
        return new SubjectScales(fs, ls);
    }

    // ---- persistence ------------------------------------------------------------------------------------------

    /** The model card (without the ONNX digest, which {@link #save} fills in). */
    public ModelCard card() {
        NmmOptions options = options();
        List<History> history = history();
        JsonObject norm = new JsonObject();
        norm.add("mean", floats(mean));
        norm.add("std", floats(std));
        norm.addProperty("where", "inside the graph: (x - mean) / std before the GRU");
        JsonObject config = new JsonObject();
        JsonArray names = new JsonArray();
        JsonArray idx = new JsonArray();
        for (int k : deep) {
            names.add(nominal.muscles().get(k).name());
            idx.add(k);
        }
        config.add("deepMuscles", names);
        config.add("deepMuscleIndices", idx);
        config.addProperty("features", features);
        config.addProperty("subjects", subjects);
        config.addProperty("bestEpoch", bestEpoch());
        if (!measuredMuscles.isEmpty()) {
            JsonArray measured = new JsonArray();
            measuredMuscles.forEach(measured::add);
            config.add("measuredMuscles", measured);
        }
        config.add("jointModel", JsonParser.parseString(JointModels.toJson(nominal)));
        JsonObject o = new JsonObject();
        o.addProperty("hidden", options.hidden());
        o.addProperty("windowLength", options.windowLength());
        o.addProperty("windowStep", options.windowStep());
        o.addProperty("epochs", options.epochs());
        o.addProperty("batchSize", options.batchSize());
        o.addProperty("learningRate", options.learningRate());
        o.addProperty("dataWeight", options.dataWeight());
        o.addProperty("physicsWeight", options.physicsWeight());
        o.addProperty("scaleRegularisation", options.scaleRegularisation());
        o.addProperty("torqueScale", options.torqueScale());
        o.addProperty("rate", options.rate());
        o.addProperty("seed", options.seed());
        config.add("options", o);
        config.add("strengthScales", matrix(strengthScales()));
        config.add("lengthScales", matrix(lengthScales()));
        config.add("logStrengthScales", matrix(logStrength));
        config.add("logLengthScales", matrix(logLength));
        JsonArray h = new JsonArray();
        for (History e : history) {
            JsonArray r = new JsonArray();
            r.add(e.epoch());
            for (double v : new double[] {e.trainData(), e.trainPhysics(), e.validationData(),
                e.validationPhysics()}) {
                r.add(Double.isFinite(v) ? Double.toString(v) : "NaN");
            }
            h.add(r);
        }
        config.add("history", h);
        ModelCard.Builder b = ModelCard.builder("nmm", "1.0.0", TASK, signature(features, deep.length))
                .description(String.format(Locale.ROOT, "NMM: bidirectional GRU (%d per direction) from %d features "
                        + "to the excitations of %s, trained with a Hill-type physics term (%s joint, %d subjects)",
                        options.hidden(), features, names, nominal.name(), subjects))
                .normalisation(norm).config(config)
                .training("nmm", Map.of("epochs", Integer.toString(options.epochs()), "learningRate",
                        Double.toString(options.learningRate())), options.seed())
                .framework("DJL 0.35.1 / PyTorch 2.7.1; ONNX opset 17 via org.myoflow.ml.onnx");
        if (!history.isEmpty()) {
            History last = history.get(history.size() - 1);
            b.metric("train_physics_loss", last.trainPhysics());
            if (Double.isFinite(last.trainData())) {
                b.metric("train_data_loss", last.trainData());
            }
        }
        return b.build();
    }

    private static JsonArray matrix(double[][] v) {
        JsonArray a = new JsonArray();
        for (double[] row : v) {
            JsonArray r = new JsonArray();
            for (double x : row) {
                r.add(x);
            }
            a.add(r);
        }
        return a;
    }

    /** Writes {@code model.onnx} and {@code model.json} into {@code folder} (created if needed). */
    public void save(Path folder) {
        save(folder, measuredMuscles);
    }

    /**
     * Writes the model as {@link #save(Path)} does, recording in the card the muscles whose envelopes are the first
     * input features (in order), so that a step applying the model can check a recording's channels.
     */
    public void save(Path folder, List<String> measuredMuscleNames) {
        this.measuredMuscles = List.copyOf(measuredMuscleNames);
        ModelRegistry.writeModel(folder, onnx(), card());
    }

    /** The measured muscles recorded by {@link #save(Path, List)}; empty when unknown. */
    public List<String> measuredMuscles() {
        return measuredMuscles;
    }

    /**
     * Reads a model written by {@link #save}, checking the ONNX file's digest against the card.
     *
     * @throws ModelException when a file is missing, the card is not an NMM card or the digest differs
     */
    public static NmmModel load(Path folder) {
        Stored stored = read(folder, TASK, "an NMM");
        ModelCard card = stored.card();
        byte[] bytes = stored.onnx();
        try {
            JsonObject c = card.config();
            JsonObject n = card.normalisation();
            JsonObject o = c.getAsJsonObject("options");
            NmmOptions options = new NmmOptions(o.get("hidden").getAsInt(), o.get("windowLength").getAsInt(),
                    o.get("windowStep").getAsInt(), o.get("epochs").getAsInt(), o.get("batchSize").getAsInt(),
                    o.get("learningRate").getAsDouble(), o.get("dataWeight").getAsDouble(),
                    o.get("physicsWeight").getAsDouble(), o.get("scaleRegularisation").getAsDouble(),
                    o.get("torqueScale").getAsDouble(), o.get("rate").getAsDouble(), o.get("seed").getAsLong());
            JointModel joint = JointModels.fromJson(c.get("jointModel").toString());
            JsonArray idx = c.getAsJsonArray("deepMuscleIndices");
            int[] deep = new int[idx.size()];
            for (int k = 0; k < deep.length; k++) {
                deep[k] = idx.get(k).getAsInt();
            }
            List<History> history = new ArrayList<>();
            for (var e : c.getAsJsonArray("history")) {
                JsonArray r = e.getAsJsonArray();
                history.add(new History(r.get(0).getAsInt(), Double.parseDouble(r.get(1).getAsString()),
                        Double.parseDouble(r.get(2).getAsString()), Double.parseDouble(r.get(3).getAsString()),
                        Double.parseDouble(r.get(4).getAsString())));
            }
            NmmModel model = new NmmModel(joint, deep, c.get("features").getAsInt(), toFloats(n.getAsJsonArray("mean")),
                    toFloats(n.getAsJsonArray("std")), options, c.get("subjects").getAsInt(),
                    toMatrix(c.getAsJsonArray("logStrengthScales")), toMatrix(c.getAsJsonArray("logLengthScales")),
                    history, c.get("bestEpoch").getAsInt(), bytes, OnnxSessions.load(bytes, folder.toString()));
            if (c.has("measuredMuscles")) {
                List<String> names = new ArrayList<>();
                c.getAsJsonArray("measuredMuscles").forEach(e -> names.add(e.getAsString()));
                model.measuredMuscles = List.copyOf(names);
            }
            return model;
        } catch (RuntimeException e) {
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, folder + ": the card lacks what an NMM "
                    + "needs (config: options, jointModel, deepMuscleIndices, features, subjects, log scales, "
                    + "history; normalisation: mean, std): " + e.getMessage(), e);
        }
    }

    private static double[][] toMatrix(JsonArray a) {
        double[][] v = new double[a.size()][];
        for (int i = 0; i < v.length; i++) {
            JsonArray r = a.get(i).getAsJsonArray();
            v[i] = new double[r.size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = r.get(j).getAsDouble();
            }
        }
        return v;
    }
}
