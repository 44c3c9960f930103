package org.myoflow.deepemg.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.ResultTable;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.deepemg.EmgScaleCalibration;
import org.myoflow.deepemg.Nmf;
import org.osgi.service.component.annotations.Component;

/**
 * SynX with the NMSM-style EMG scale-factor calibration ({@link EmgScaleCalibration}) on a dataset of trials: NMF of
 * the measured envelopes of all trials, then one scale factor per measured muscle and synergy weights per unmeasured
 * muscle fitted so that the OpenSim model's muscles reproduce the inverse-dynamics moments of the chosen
 * coordinates over every trial. Outputs the calibration (a table that {@link SynxApplyStep} applies to other
 * trials) and the fit's moment errors with and without the scale factors.
 */
@Component(service = StepProvider.class)
public final class SynxCalibrateStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.synx-calibrate";

    /** Columns of the fit table. */
    static final List<String> FIT_COLUMNS = List.of("rms_moment", "rmse_uncalibrated", "rmse_calibrated");
    /** Row of the fit table combining the coordinates (each error divided by its moment's rms). */
    static final String ALL = "all (normalised)";

    /** Parameters. */
    public static final class Settings extends SynxTrials.Settings implements CheckedSettings {
        @Param(description = "The measured muscles, comma-separated model muscle names, each a channel of every "
                + "trial's envelopes", required = true)
        public String measured = "";

        @Param(description = "The unmeasured muscles, comma-separated model muscle names, whose excitations are "
                + "extrapolated from the measured muscles' synergies (may be empty: scale factors only)")
        public String unmeasured = "";

        @Param(description = "Number of synergies k (at most the number of measured muscles)", min = 1, max = 32)
        public int synergies = 3;

        @Param(description = "NMF random starts (the best is kept); seeded from the experiment seed", min = 1,
                max = 100)
        public int replicates = 3;

        @Param(description = "Lower bound of every EMG scale factor", min = 1e-6, max = 1)
        public double minScale = 0.05;

        @Param(description = "Upper bound of every EMG scale factor (besides 1/max envelope: no measured "
                + "activation above 1)", min = 1e-6)
        public double maxScale = 100;

        @Param(description = "Ridge on the scale factors and weights, relative to the normal matrix's mean "
                + "diagonal (dimensionless)", min = 0)
        public double ridge = 1e-6;

        @Param(description = "One set of scale factors per subject (the trials' subject metadata; the synergies and "
                + "the unmeasured muscles' weights stay shared); false: one set for all trials")
        public boolean perSubject = false;

        @Override
        public List<ParameterSchema.Problem> check() {
            List<ParameterSchema.Problem> p = new ArrayList<>();
            if (!(maxScale >= minScale)) {
                p.add(new ParameterSchema.Problem("maxScale", "must be at least minScale " + minScale));
            }
            return p;
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("SynX: calibrate on trials")
            .category("Deep-muscle EMG")
            .description("Synergy extrapolation with EMG scale-factor calibration on a dataset: NMF synergies of "
                    + "the measured envelopes of all trials, then per measured muscle an EMG scale factor and per "
                    + "unmeasured muscle its synergy weights, fitted together so that the OpenSim model's muscles "
                    + "(moment arms and rigid-tendon Hill forces from the model at each trial's kinematics) "
                    + "reproduce the inverse-dynamics moments of the chosen coordinates over all trials.")
            .reference("Ao D, Shourijeh MS, Patten C, Fregly BJ (2020) Evaluation of synergy extrapolation for "
                    + "predicting unmeasured muscle excitations from measured muscle synergies. Front Comput "
                    + "Neurosci 14:588943")
            .reference("Ao D et al. (2024) Comparison of synergy extrapolation and static optimization for "
                    + "estimating multiple unmeasured muscle activations during walking. J NeuroEng Rehabil 21:194")
            .input("trials", DataTypes.DATASET, "The training trials, each with envelopesRole (one channel per "
                    + "measured muscle), kinematicsRole (the model's coordinates) and momentsRole "
                    + "(<coordinate>_moment channels)")
            .output("calibration", DataTypes.TABLE, "Per muscle (measured, then unmeasured): measured (1/0), its "
                    + "EMG scale factor (measured) and its synergy vector (measured: NMF weights; unmeasured: the "
                    + "fitted weights); with perSubject one row per measured muscle and subject ('<muscle> | "
                    + "subject <id>'); the input of synx-apply")
            .output("fit", DataTypes.TABLE, "Per coordinate the moment rms and the moment RMSE over the trials "
                    + "without (scale factors 1, weights refitted) and with the calibration, N·m; last row the "
                    + "coordinates combined, each divided by its rms")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SynxCalibrateStep::run;
    }

    /**
     * Reads the model to check the coordinate and muscle names (each unknown name is a problem of its parameter)
     * and declares the calibration table's rows and columns.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        SynxTrials.Setup setup = SynxTrials.configure(context, s, s.measured, s.unmeasured);
        if (setup != null && s.synergies > setup.measured().size()) {
            context.parameterProblem("synergies", s.synergies + " synergies of " + setup.measured().size()
                    + " measured muscles; at most one per measured muscle");
        }
        Map<String, DataSpec> out = new LinkedHashMap<>();
        out.put("calibration", DataSpec.ofType(DataTypes.TABLE));
        out.put("fit", DataSpec.ofType(DataTypes.TABLE));
        return out;
    }

    /** The step's outputs (also for tests). */
    record Outputs(ResultTable calibration, ResultTable fit, List<EmgScaleCalibration.Result> calibrated,
            EmgScaleCalibration.Result uncalibrated, double vaf) {
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        Dataset trials = context.input("trials", Dataset.class);
        Outputs o = calibrate(s, trials, context.seed(), context.progress(), context.logger());
        context.output("calibration", o.calibration());
        context.output("fit", o.fit());
    }

    static Outputs calibrate(Settings s, Dataset trials, long seed, org.myoflow.core.spi.Progress progress,
            System.Logger log) {
        SynxTrials.Setup setup = SynxTrials.setup(s, SynxTrials.names(s.measured), SynxTrials.names(s.unmeasured));
        if (s.synergies > setup.measured().size()) {
            throw new DataException("synergies: " + s.synergies + " synergies of " + setup.measured().size()
                    + " measured muscles");
        }
        List<SynxTrials.TrialData> data = SynxTrials.load(s, setup, trials, progress, 0, 0.8);
        int clipped = data.stream().mapToInt(SynxTrials.TrialData::clipped).sum();
        if (clipped > 0) {
            log.log(System.Logger.Level.INFO, "SynX: " + clipped + " envelope samples outside [0, 1] clipped");
        }
        progress.update(0.8, "NMF of " + setup.measured().size() + " envelopes");
        double[][] v = SynxTrials.concatenate(data);
        Nmf.Result nmf;
        try {
            nmf = new Nmf(s.synergies, s.replicates, Nmf.DEFAULT_MAX_ITERATIONS, Nmf.DEFAULT_TOLERANCE, seed)
                    .factorise(v);
        } catch (IllegalArgumentException e) {
            throw new DataException("trials: NMF of the envelopes: " + e.getMessage(), e);
        }
        double[][] w = nmf.weights();
        progress.checkCancelled();
        progress.update(0.9, "fitting the scale factors and weights");
        List<EmgScaleCalibration.Trial> cal = new ArrayList<>();
        for (SynxTrials.TrialData t : data) {
            cal.add(t.trial(Nmf.activationsFor(w, t.envelopes())));
        }
        int nm = setup.measured().size();
        List<String> subjects = new ArrayList<>();
        int[] group = new int[data.size()];
        for (int i = 0; i < group.length; i++) {
            String subject = s.perSubject ? subject(trials.trial(i)) : "";
            if (!subjects.contains(subject)) {
                subjects.add(subject);
            }
            group[i] = subjects.indexOf(subject);
        }
        List<EmgScaleCalibration.Result> calibrated;
        EmgScaleCalibration.Result uncalibrated;
        try {
            calibrated = s.perSubject ? EmgScaleCalibration.fitPerGroup(cal, group, s.minScale, s.maxScale, s.ridge)
                    : List.of(EmgScaleCalibration.fit(cal, s.minScale, s.maxScale, s.ridge));
            double[] ones = new double[nm];
            Arrays.fill(ones, 1);
            uncalibrated = EmgScaleCalibration.fitWeights(cal, ones, s.ridge);
        } catch (IllegalArgumentException e) {
            throw new DataException("trials: " + e.getMessage(), e);
        }
        ResultTable calibration = calibrationTable(setup, w, calibrated, s.perSubject ? subjects : null,
                nmf.vaf());
        ResultTable fit = fitTable(setup, data, cal, calibrated, group, uncalibrated);
        StringBuilder sf = new StringBuilder();
        for (int g = 0; g < calibrated.size(); g++) {
            if (s.perSubject) {
                sf.append(" [subject '").append(subjects.get(g)).append("']");
            }
            for (int i = 0; i < nm; i++) {
                sf.append(String.format(Locale.ROOT, " %s %.3f", setup.measured().get(i),
                        calibrated.get(g).scaleFactors()[i]));
            }
        }
        StringBuilder rm = new StringBuilder();
        for (int r = 0; r < fit.rows().size(); r++) {
            rm.append(String.format(Locale.ROOT, "; %s %.3f -> %.3f", fit.rows().get(r), fit.get(r, 1),
                    fit.get(r, 2)));
        }
        int samples = data.stream().mapToInt(SynxTrials.TrialData::samples).sum();
        log.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "SynX calibration on %d trial(s), %d samples, "
                + "%d synergies (VAF %.3f): scale factors%s; moment RMSE uncalibrated -> calibrated (N·m)%s",
                data.size(), samples, s.synergies, nmf.vaf(), sf, rm));
        return new Outputs(calibration, fit, calibrated, uncalibrated, nmf.vaf());
    }

    /** Calibration table columns: measured, scale, synergy_1 … synergy_k. */
    static List<String> calibrationColumns(int k) {
        List<String> c = new ArrayList<>(List.of("measured", "scale"));
        for (int y = 1; y <= k; y++) {
            c.add("synergy_" + y);
        }
        return c;
    }

    /** The trial's subject ("" when it has none). */
    static String subject(org.myoflow.core.data.Trial t) {
        return t.subject() == null ? "" : t.subject().strip();
    }

    /** Row label of a measured muscle's scale factors for one subject (per-subject calibration). */
    static String subjectRow(String muscle, String subject) {
        return muscle + SUBJECT_SEPARATOR + subject;
    }

    /** Between muscle and subject in a per-subject calibration's row labels. */
    static final String SUBJECT_SEPARATOR = " | subject ";

    /**
     * Rows: the measured muscles (per subject, {@code <muscle> | subject <id>}, when subjects is not null), then
     * the unmeasured ones.
     */
    private static ResultTable calibrationTable(SynxTrials.Setup setup, double[][] w,
            List<EmgScaleCalibration.Result> r, List<String> subjects, double vaf) {
        int k = w[0].length;
        List<String> cols = calibrationColumns(k);
        int nm = setup.measured().size();
        List<String> rows = new ArrayList<>();
        for (int g = 0; g < r.size(); g++) {
            for (String m : setup.measured()) {
                rows.add(subjects == null ? m : subjectRow(m, subjects.get(g)));
            }
        }
        int measuredRows = rows.size();
        rows.addAll(setup.unmeasured());
        double[] v = new double[rows.size() * cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            int o = i * cols.size();
            boolean measured = i < measuredRows;
            v[o] = measured ? 1 : 0;
            v[o + 1] = measured ? r.get(i / nm).scaleFactors()[i % nm] : Double.NaN;
            for (int y = 0; y < k; y++) {
                v[o + 2 + y] = measured ? w[i % nm][y] : r.get(0).weights()[i - measuredRows][y];
            }
        }
        return new ResultTable(String.format(Locale.ROOT, "SynX calibration: EMG scale factors and synergy vectors "
                + "(%d synergies, VAF %.3f)", k, vaf), rows, cols, v);
    }

    private static ResultTable fitTable(SynxTrials.Setup setup, List<SynxTrials.TrialData> data,
            List<EmgScaleCalibration.Trial> cal, List<EmgScaleCalibration.Result> calibrated, int[] group,
            EmgScaleCalibration.Result uncalibrated) {
        int nc = setup.coordinates().size();
        double[] sq = new double[nc];
        double[] before = new double[nc];
        double[] after = new double[nc];
        long n = 0;
        for (int t = 0; t < data.size(); t++) {
            double[][] tau = data.get(t).torques();
            double[][] a = uncalibrated.torques(cal.get(t));
            double[][] b = calibrated.get(group[t]).torques(cal.get(t));
            for (int c = 0; c < nc; c++) {
                for (int k = 0; k < tau[c].length; k++) {
                    sq[c] += tau[c][k] * tau[c][k];
                    before[c] += (a[c][k] - tau[c][k]) * (a[c][k] - tau[c][k]);
                    after[c] += (b[c][k] - tau[c][k]) * (b[c][k] - tau[c][k]);
                }
            }
            n += tau[0].length;
        }
        List<String> rows = new ArrayList<>(setup.coordinates());
        rows.add(ALL);
        double[] v = new double[rows.size() * 3];
        double nb = 0;
        double na = 0;
        for (int c = 0; c < nc; c++) {
            double rms = Math.sqrt(sq[c] / n);
            v[c * 3] = rms;
            v[c * 3 + 1] = Math.sqrt(before[c] / n);
            v[c * 3 + 2] = Math.sqrt(after[c] / n);
            double scale = Math.max(rms, 1e-9);
            nb += before[c] / n / (scale * scale) / nc;
            na += after[c] / n / (scale * scale) / nc;
        }
        v[nc * 3] = 1;
        v[nc * 3 + 1] = Math.sqrt(nb);
        v[nc * 3 + 2] = Math.sqrt(na);
        return new ResultTable("SynX fit: moment RMSE over " + data.size() + " trial(s) without and with the EMG "
                + "scale factors", rows, FIT_COLUMNS, v);
    }
}
