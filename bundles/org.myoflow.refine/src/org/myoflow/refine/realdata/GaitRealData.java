package org.myoflow.refine.realdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.deepemg.EmgScaleCalibration;
import org.myoflow.deepemg.Nmf;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmOptions;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.NmmTrainer;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.MomentArm;
import org.myoflow.musculoskeletal.MuscleTendonUnit;
import org.myoflow.musculoskeletal.ThelenMuscle;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;
import org.myoflow.refine.RefineModel;
import org.myoflow.refine.RefineOptions;
import org.myoflow.refine.RefineSequence;
import org.myoflow.refine.RefineTrainer;
import org.myoflow.refine.internal.RefineScores;

/**
 * The gait part of the real-data benchmark (issue 17): the CEINMS-RT lower-limb trials of one subject
 * ({@code examples/data/gait2392}: gait2392 model, walking at 3.6 and 4.5 km/h, running at 8.1 km/h; 9 measured
 * right-leg EMG envelopes, joint angles, inverse-dynamics moments), each estimator by its paper's protocol.
 * <ul>
 * <li><b>Refinement (NEM2E)</b>: static optimisation (OpenSim's formulation, p = 2, reserves of optimal force
 * 1 N·m) of the right leg's 43 muscles over hip flexion, adduction and rotation, knee and ankle gives each trial's
 * activations; a Seq2Seq refinement model is trained on walk36 (its last fifth validates) toward the 9 measured
 * envelopes and tested on walk45 and run81: r and RMSE per muscle, raw (SO) vs refined.</li>
 * <li><b>Deep muscles (NMM vs synergy extrapolation)</b>: one measured muscle is hidden and reconstructed together
 * with the two unmeasured ones (vas_int_r, bifemsh_r). The NMM (knee joint model from the OpenSim geometry, network
 * trained on walk36 with the hidden muscle's envelope as label) and SynX with the NMSM-style EMG scale-factor
 * calibration (per measured muscle a factor, the missing muscles' synergy weights, all fitted on walk36 to the knee
 * and ankle moments) are scored on walk45 and run81: R² of the hidden muscle against its envelope, knee-moment RMSE
 * (N·m) of the measured, reconstructed and unmeasured muscles together.</li>
 * </ul>
 * {@link #run} returns the figures (ordered key → value) and the printable lines. The quick variant uses 10 s of
 * each trial and small networks (seconds); the full variant all 30 s and hides each knee muscle group's
 * representative in turn (a few minutes on 2 cores).
 *
 * @since 0.3
 */
public final class GaitRealData {

    /** The measured muscles (emgFilt.sto columns). */
    public static final List<String> MEASURED = List.of("soleus_r", "med_gas_r", "lat_gas_r", "tib_ant_r",
            "semimem_r", "bifemlh_r", "vas_lat_r", "rect_fem_r", "vas_med_r");
    /** The modelled right-leg muscles without EMG. */
    public static final List<String> UNMEASURED = List.of("vas_int_r", "bifemsh_r");
    /** Coordinates balanced by the static optimisation. */
    public static final List<String> SO_COORDINATES = List.of("hip_flexion_r", "hip_adduction_r", "hip_rotation_r",
            "knee_angle_r", "ankle_angle_r");
    /** The knee muscles of the CEINMS model (the NMM's joint model). */
    static final List<String> KNEE = List.of("vas_med_r", "vas_int_r", "vas_lat_r", "rect_fem_r", "bifemlh_r",
            "bifemsh_r", "semimem_r", "med_gas_r", "lat_gas_r");
    /** SynX fits these coordinates' moments. */
    static final List<String> SYNX_COORDINATES = List.of("knee_angle_r", "ankle_angle_r");
    static final String TRAIN = "walk36";
    static final List<String> TEST = List.of("walk45", "run81");
    static final int MAX_LAG = 15;
    static final int SYNERGIES = 4;

    private GaitRealData() {
    }

    /**
     * The benchmark's figures and printable lines.
     *
     * @param figures ordered key → value (numbers, rounded to 4 decimals)
     * @param lines   human-readable lines (tables per muscle, diagnostics)
     */
    public record Report(Map<String, Object> figures, List<String> lines) {
    }

    /**
     * The shipped data folder: {@code ${myoflow.home}/examples/data/gait2392} (the {@code myoflow} script sets
     * myoflow.home), else the first {@code examples/data/gait2392} found from the working directory upwards, else
     * null.
     */
    public static Path defaultFolder() {
        String home = System.getProperty("myoflow.home");
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home, "examples", "data", "gait2392");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("examples").resolve("data").resolve("gait2392");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** One trial, resampled to the static optimisation's rows. */
    static final class Trial {
        final String name;
        final double rate;
        final double[] time;
        /** [9][t] measured envelopes (MEASURED order). */
        final double[][] emg;
        /** [9][t] SO activations of the measured muscles. */
        final double[][] so;
        /** per coordinate name: angle (rad), speed (rad/s), moment (N·m) [t]. */
        final Map<String, double[]> angle = new LinkedHashMap<>();
        final Map<String, double[]> speed = new LinkedHashMap<>();
        final Map<String, double[]> moment = new LinkedHashMap<>();
        /** per muscle (MEASURED then UNMEASURED): per SYNX/knee coordinate moment arm [c][t]; active c [t]; passive [t]. */
        final Map<String, double[][]> arm = new LinkedHashMap<>();
        final Map<String, double[]> active = new LinkedHashMap<>();
        final Map<String, double[]> passive = new LinkedHashMap<>();
        final Map<String, double[]> length = new LinkedHashMap<>();
        final double kneeReserveRms;
        final double[] soKneeMoment11;

        Trial(String name, double rate, double[] time, double[][] emg, double[][] so, double kneeReserveRms,
                double[] soKneeMoment11) {
            this.name = name;
            this.rate = rate;
            this.time = time;
            this.emg = emg;
            this.so = so;
            this.kneeReserveRms = kneeReserveRms;
            this.soKneeMoment11 = soKneeMoment11;
        }

        int samples() {
            return time.length;
        }

        double[] envelope(String muscle) {
            return emg[MEASURED.indexOf(muscle)];
        }
    }

    /**
     * Runs the benchmark on the data folder.
     *
     * @param folder the folder with gait2392.osim and walk36/, walk45/, run81/ (each emgFilt.sto, ik.sto, id.sto)
     * @param quick  10 s per trial, small networks, one hidden muscle (seconds); false: the full variant
     * @throws DataException when a file is missing or malformed (naming it)
     */
    public static Report run(Path folder, boolean quick) {
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        Map<String, Object> fig = new LinkedHashMap<>();
        Path osim = folder.resolve("gait2392.osim");
        if (!Files.isRegularFile(osim)) {
            throw new DataException("gait data: no model file " + osim);
        }
        OpenSimModel model = OpenSimModel.read(osim);
        double seconds = quick ? 10 : Double.POSITIVE_INFINITY;
        Map<String, Trial> trials = new LinkedHashMap<>();
        for (String t : List.of(TRAIN, "walk45", "run81")) {
            trials.put(t, load(model, folder.resolve(t), t, seconds));
        }
        Trial tr = trials.get(TRAIN);
        lines.add(String.format(Locale.ROOT, "gait2392 (%d muscles; SO with the %d right-leg muscles over %s), trials "
                + "%s: %d samples each at %.0f Hz; static optimisation %.1f s", model.muscles().size(),
                rightLeg(model).size(), SO_COORDINATES, trials.keySet(), tr.samples(), tr.rate,
                (System.nanoTime() - t0) / 1e9));
        for (Trial t : trials.values()) {
            lines.add(String.format(Locale.ROOT, "  %s: knee moment rms %.1f N·m, SO knee reserve rms %.2f N·m",
                    t.name, rms(t.moment.get("knee_angle_r")), t.kneeReserveRms));
        }
        fig.put("gait_samples_per_trial", tr.samples());
        fig.put("so_real_knee_reserve_rms", round(mean(trials.values().stream().mapToDouble(t -> t.kneeReserveRms)
                .toArray())));
        refinement(trials, quick, fig, lines);
        deep(model, trials, quick, fig, lines);
        fig.put("gait_seconds", round((System.nanoTime() - t0) / 1e9));
        return new Report(fig, lines);
    }

    // ---- data --------------------------------------------------------------------------------------------------

    static List<String> rightLeg(OpenSimModel model) {
        return model.muscles().stream().map(OpenSimModel.Muscle::name).filter(n -> n.endsWith("_r")).toList();
    }

    static Trial load(OpenSimModel model, Path dir, String name, double seconds) {
        Path ik = dir.resolve("ik.sto");
        Path id = dir.resolve("id.sto");
        Path emgFile = dir.resolve("emgFilt.sto");
        for (Path f : List.of(ik, id, emgFile)) {
            if (!Files.isRegularFile(f)) {
                throw new DataException("gait data: no file " + f);
            }
        }
        CoordinateTable coords = CoordinateTable.read(ik, model, true);
        OpenSimStaticOptimisation.Moments moments = OpenSimStaticOptimisation.Moments.read(id, model);
        double end = coords.time(0) + seconds - 1e-9;
        OpenSimStaticOptimisation.Options o = OpenSimStaticOptimisation.Options.defaults()
                .withTimeRange(coords.time(0), end);
        OpenSimStaticOptimisation.Result so = OpenSimStaticOptimisation.solve(model, coords, moments, o,
                rightLeg(model), SO_COORDINATES, () -> false);
        double[] time = so.time();
        int n = time.length;
        double rate = (n - 1) / (time[n - 1] - time[0]);
        double[][] env = readEnvelopes(emgFile, time);
        double[][] act = new double[MEASURED.size()][];
        for (int m = 0; m < act.length; m++) {
            act[m] = so.activation(MEASURED.get(m));
        }
        int kneeCol = so.coordinates().indexOf("knee_angle_r");
        // the knee moment of the 11 CEINMS muscles in the SO solution: how much of the knee moment they carry
        double[] knee11 = new double[n];
        List<String> eleven = new ArrayList<>(MEASURED);
        eleven.addAll(UNMEASURED);
        int[] mi = eleven.stream().mapToInt(model::muscleIndex).toArray();
        int[] cq = {model.coordinateIndex("knee_angle_r")};
        Trial t = new Trial(name, rate, time, env, act, so.reserveRms("knee_angle_r"), knee11);
        List<String> coordNames = List.of("hip_flexion_r", "knee_angle_r", "ankle_angle_r");
        int[] ci = coordNames.stream().mapToInt(model::coordinateIndex).toArray();
        int[] allIndep = new int[0];
        {
            List<Integer> a = new ArrayList<>();
            for (int i = 0; i < model.coordinates().size(); i++) {
                OpenSimModel.Coordinate c = model.coordinates().get(i);
                if (!c.dependent() && !c.locked() && !coords.missing().contains(c.name())) {
                    a.add(i);
                }
            }
            allIndep = a.stream().mapToInt(Integer::intValue).toArray();
        }
        ThelenMuscle[] curves = new ThelenMuscle[mi.length];
        for (int i = 0; i < mi.length; i++) {
            curves[i] = curve(model.muscles().get(mi[i]));
            t.arm.put(eleven.get(i), new double[coordNames.size()][n]);
            t.active.put(eleven.get(i), new double[n]);
            t.passive.put(eleven.get(i), new double[n]);
            t.length.put(eleven.get(i), new double[n]);
        }
        for (String c : coordNames) {
            t.angle.put(c, new double[n]);
            t.speed.put(c, new double[n]);
            t.moment.put(c, new double[n]);
        }
        int row = 0;
        for (int k = 0; k < n; k++) {
            while (row < coords.rows() - 1 && coords.time(row) < time[k] - 1e-9) {
                row++;
            }
            double[] q = coords.values(row);
            double[] qd = coords.speeds(row);
            double[] tau = momentsAt(moments, time[k]);
            double[][] arms = model.momentArms(mi, allIndep, q);
            double[] len = model.lengths(mi, q);
            for (int c = 0; c < coordNames.size(); c++) {
                t.angle.get(coordNames.get(c))[k] = q[ci[c]];
                t.speed.get(coordNames.get(c))[k] = qd[ci[c]];
                t.moment.get(coordNames.get(c))[k] = tau[ci[c]];
            }
            for (int i = 0; i < mi.length; i++) {
                double v = 0;
                for (int j = 0; j < allIndep.length; j++) {
                    v -= arms[i][j] * qd[allIndep[j]];
                }
                for (int c = 0; c < coordNames.size(); c++) {
                    int j = indexOf(allIndep, ci[c]);
                    t.arm.get(eleven.get(i))[c][k] = arms[i][j];
                }
                double p = curves[i].rigidTendonForce(0, len[i], v);
                t.passive.get(eleven.get(i))[k] = p;
                t.active.get(eleven.get(i))[k] = curves[i].rigidTendonForce(1, len[i], v) - p;
                t.length.get(eleven.get(i))[k] = len[i];
                int kj = indexOf(allIndep, cq[0]);
                int soIndex = so.muscles().indexOf(eleven.get(i));
                knee11[k] += arms[i][kj] * so.forces()[k][soIndex];
            }
        }
        return t;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("coordinate " + v + " not among the moving coordinates");
    }

    private static double[] momentsAt(OpenSimStaticOptimisation.Moments m, double t) {
        double[] time = m.time();
        int k = Arrays.binarySearch(time, t);
        if (k >= 0) {
            return m.forces()[k];
        }
        int hi = Math.min(Math.max(-k - 1, 1), time.length - 1);
        double w = Math.max(0, Math.min(1, (t - time[hi - 1]) / (time[hi] - time[hi - 1])));
        double[] out = new double[m.forces()[hi].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - w) * m.forces()[hi - 1][i] + w * m.forces()[hi][i];
        }
        return out;
    }

    static ThelenMuscle curve(OpenSimModel.Muscle m) {
        return m.thelen();
    }

    /** The envelopes [MEASURED][t] at the given times (linear interpolation), from an OpenSim storage file. */
    static double[][] readEnvelopes(Path file, double[] times) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("gait data: cannot read " + file + ": " + e.getMessage());
        }
        int h = 0;
        while (h < text.size() && !text.get(h).strip().equalsIgnoreCase("endheader")) {
            h++;
        }
        if (h + 1 >= text.size()) {
            throw new DataException(file + ": no 'endheader' line");
        }
        List<String> labels = Arrays.asList(text.get(h + 1).strip().split("\\s+"));
        int[] col = new int[MEASURED.size()];
        for (int m = 0; m < col.length; m++) {
            col[m] = labels.indexOf(MEASURED.get(m));
            if (col[m] < 0) {
                throw new DataException(file + ": no column " + MEASURED.get(m));
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int r = h + 2; r < text.size(); r++) {
            String l = text.get(r).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                try {
                    v[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    throw new DataException(file + ", line " + (r + 1) + ": '" + f[i] + "' is not a number");
                }
            }
            rows.add(v);
        }
        double[][] out = new double[col.length][times.length];
        int r = 0;
        for (int k = 0; k < times.length; k++) {
            while (r < rows.size() - 2 && rows.get(r + 1)[0] <= times[k] + 1e-9) {
                r++;
            }
            double[] a = rows.get(r);
            double[] b = rows.get(Math.min(r + 1, rows.size() - 1));
            double w = b[0] > a[0] ? Math.max(0, Math.min(1, (times[k] - a[0]) / (b[0] - a[0]))) : 0;
            for (int m = 0; m < col.length; m++) {
                out[m][k] = (1 - w) * a[col[m]] + w * b[col[m]];
            }
        }
        return out;
    }

    // ---- refinement --------------------------------------------------------------------------------------------

    static RefineSequence refineSequence(Trial t, int from, int to, boolean target) {
        double[][] in = new double[MEASURED.size()][];
        double[][] tg = new double[MEASURED.size()][];
        for (int m = 0; m < in.length; m++) {
            in[m] = Arrays.copyOfRange(t.so[m], from, to);
            tg[m] = Arrays.copyOfRange(t.emg[m], from, to);
        }
        double[][] extra = new double[3][];
        int c = 0;
        for (String q : List.of("hip_flexion_r", "knee_angle_r", "ankle_angle_r")) {
            extra[c++] = Arrays.copyOfRange(t.angle.get(q), from, to);
        }
        return new RefineSequence(in, extra, target ? tg : null);
    }

    static void refinement(Map<String, Trial> trials, boolean quick, Map<String, Object> fig, List<String> lines) {
        long t0 = System.nanoTime();
        Trial tr = trials.get(TRAIN);
        int split = (int) Math.round(tr.samples() * 0.8);
        RefineOptions options = quick ? RefineOptions.quick().withEpochs(8)
                : RefineOptions.defaults().withEpochs(20);
        List<double[][]> measured = new ArrayList<>();
        List<double[][]> raw = new ArrayList<>();
        List<double[][]> refined = new ArrayList<>();
        try (RefineModel model = RefineTrainer.train(MEASURED, List.of("hip_flexion_r", "knee_angle_r",
                "ankle_angle_r"), List.of(refineSequence(tr, 0, split, true)),
                List.of(refineSequence(tr, split, tr.samples(), true)), options, null)) {
            for (String name : TEST) {
                Trial t = trials.get(name);
                measured.add(t.emg);
                raw.add(t.so);
                refined.add(model.refine(refineSequence(t, 0, t.samples(), false)));
            }
            var trainRaw = RefineScores.score(MEASURED, List.<double[][]>of(tr.emg), List.<double[][]>of(tr.so), tr.rate, MAX_LAG);
            var trainRef = RefineScores.score(MEASURED, List.<double[][]>of(tr.emg),
                    List.<double[][]>of(model.refine(refineSequence(tr, 0, tr.samples(), false))), tr.rate, MAX_LAG);
            fig.put("refine_real_train_corr_raw", round(RefineScores.meanCorrelation(trainRaw)));
            fig.put("refine_real_train_corr_refined", round(RefineScores.meanCorrelation(trainRef)));
        }
        double rate = tr.rate;
        var rawScores = RefineScores.score(MEASURED, measured, raw, rate, MAX_LAG);
        var refScores = RefineScores.score(MEASURED, measured, refined, rate, MAX_LAG);
        lines.add(String.format(Locale.ROOT, "refinement (SO -> envelopes), trained on %s, tested on %s (%.1f s):",
                TRAIN, TEST, (System.nanoTime() - t0) / 1e9));
        lines.add(String.format(Locale.ROOT, "  %-11s %8s %8s %9s %9s", "muscle", "r raw", "r ref", "RMSE raw",
                "RMSE ref"));
        int improved = 0;
        for (int m = 0; m < MEASURED.size(); m++) {
            var a = rawScores.get(m);
            var b = refScores.get(m);
            boolean better = b.correlation() > a.correlation() && b.rmse() < a.rmse();
            improved += better ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "  %-11s %8.3f %8.3f %9.4f %9.4f%s", MEASURED.get(m),
                    a.correlation(), b.correlation(), a.rmse(), b.rmse(), better ? "  improved" : ""));
        }
        fig.put("refine_real_corr_raw", round(RefineScores.meanCorrelation(rawScores)));
        fig.put("refine_real_corr_refined", round(RefineScores.meanCorrelation(refScores)));
        fig.put("refine_real_muscles_improved", improved);
        fig.put("refine_real_muscles_total", MEASURED.size());
        fig.put("refine_real_rmse_raw", round(RefineScores.meanRmse(rawScores)));
        fig.put("refine_real_rmse_refined", round(RefineScores.meanRmse(refScores)));
        for (int k = 0; k < TEST.size(); k++) {
            double cr = RefineScores.meanCorrelation(RefineScores.score(MEASURED, List.<double[][]>of(measured.get(k)),
                    List.<double[][]>of(raw.get(k)), rate, MAX_LAG));
            double cf = RefineScores.meanCorrelation(RefineScores.score(MEASURED, List.<double[][]>of(measured.get(k)),
                    List.<double[][]>of(refined.get(k)), rate, MAX_LAG));
            fig.put("refine_real_corr_raw_" + TEST.get(k), round(cr));
            fig.put("refine_real_corr_refined_" + TEST.get(k), round(cf));
            lines.add(String.format(Locale.ROOT, "  %s: mean r raw %.3f, refined %.3f", TEST.get(k), cr, cf));
        }
        lines.add(String.format(Locale.ROOT, "  mean r raw %.3f -> refined %.3f; %d of %d muscles improved (r up and "
                + "RMSE down); on the training trial r raw %.3f -> refined %.3f", fig.get("refine_real_corr_raw"),
                fig.get("refine_real_corr_refined"), improved, MEASURED.size(), fig.get("refine_real_train_corr_raw"),
                fig.get("refine_real_train_corr_refined")));
    }

    // ---- deep muscles ------------------------------------------------------------------------------------------

    static void deep(OpenSimModel osim, Map<String, Trial> trials, boolean quick, Map<String, Object> fig, List<String> lines) {
        List<String> hidden = quick ? List.of("vas_med_r") : List.of("vas_med_r", "rect_fem_r", "bifemlh_r",
                "med_gas_r");
        double[] r2Nmm = new double[hidden.size()];
        double[] r2Synx = new double[hidden.size()];
        double[] corrNmm = new double[hidden.size()];
        double[] corrSynx = new double[hidden.size()];
        double[] rmseNmm = new double[hidden.size()];
        double[] rmseSynx = new double[hidden.size()];
        double[] trainR2Nmm = new double[hidden.size()];
        double[] trainR2Synx = new double[hidden.size()];
        double[] trainRmseSynx = new double[hidden.size()];
        lines.add(String.format(Locale.ROOT, "deep muscles: hidden %s (in turn) + unmeasured %s; trained/calibrated on "
                + "%s, tested on %s", hidden, UNMEASURED, TRAIN, TEST));
        lines.add(String.format(Locale.ROOT, "  %-11s %9s %9s %8s %8s %11s %11s", "hidden", "R² NMM", "R² SynX",
                "r NMM", "r SynX", "knee NMM", "knee SynX"));
        List<String> diagnostics = new ArrayList<>();
        for (int h = 0; h < hidden.size(); h++) {
            String hm = hidden.get(h);
            double[] nmm = nmm(osim, trials, hm, quick, 1, diagnostics);
            double[] syn = synx(trials, hm, diagnostics);
            r2Nmm[h] = nmm[0];
            corrNmm[h] = nmm[1];
            rmseNmm[h] = nmm[2];
            trainR2Nmm[h] = nmm[3];
            r2Synx[h] = syn[0];
            corrSynx[h] = syn[1];
            rmseSynx[h] = syn[2];
            trainR2Synx[h] = syn[3];
            trainRmseSynx[h] = syn[4];
            lines.add(String.format(Locale.ROOT, "  %-11s %9.3f %9.3f %8.3f %8.3f %7.2f N·m %7.2f N·m", hm, nmm[0],
                    syn[0], nmm[1], syn[1], nmm[2], syn[2]));
        }
        lines.addAll(diagnostics);
        // diagnostic: the NMM without its physics term (data term only) on the first hidden muscle
        List<String> d2 = new ArrayList<>();
        double[] dataOnly = nmm(osim, trials, hidden.get(0), quick, 0, d2);
        lines.add("  NMM without physics term (" + hidden.get(0) + "):");
        lines.addAll(d2);
        lines.add(String.format(Locale.ROOT, "    test R² %.3f, r %.3f, knee RMSE %.2f N·m; training-trial R² %.3f",
                dataOnly[0], dataOnly[1], dataOnly[2], dataOnly[3]));
        fig.put("deep_real_r2_nmm_no_physics", round(dataOnly[0]));
        fig.put("deep_real_r2_nmm", round(mean(r2Nmm)));
        fig.put("deep_real_r2_synx", round(mean(r2Synx)));
        fig.put("moment_real_rmse_nmm", round(mean(rmseNmm)));
        fig.put("moment_real_rmse_synx", round(mean(rmseSynx)));
        fig.put("deep_real_corr_nmm", round(mean(corrNmm)));
        fig.put("deep_real_corr_synx", round(mean(corrSynx)));
        fig.put("deep_real_train_r2_nmm", round(mean(trainR2Nmm)));
        fig.put("deep_real_train_r2_synx", round(mean(trainR2Synx)));
        fig.put("moment_real_train_rmse_synx", round(mean(trainRmseSynx)));
        fig.put("deep_real_hidden_muscles", hidden.size());
        double knee = 0;
        for (String t : TEST) {
            knee += rms(trials.get(t).moment.get("knee_angle_r")) / TEST.size();
        }
        fig.put("moment_real_knee_rms", round(knee));
        lines.add(String.format(Locale.ROOT, "  mean: R² NMM %.3f, SynX %.3f; r NMM %.3f, SynX %.3f; knee-moment RMSE "
                + "NMM %.2f, SynX %.2f N·m (knee moment rms %.2f N·m); on the training trial R² NMM %.3f, SynX %.3f",
                fig.get("deep_real_r2_nmm"), fig.get("deep_real_r2_synx"), fig.get("deep_real_corr_nmm"),
                fig.get("deep_real_corr_synx"), fig.get("moment_real_rmse_nmm"), fig.get("moment_real_rmse_synx"),
                knee, fig.get("deep_real_train_r2_nmm"), fig.get("deep_real_train_r2_synx")));
    }

    /** The knee joint model: each knee muscle's moment arm a cubic in the knee angle, fitted on the trial. */
    static JointModel kneeModel(OpenSimModel model, Trial t) {
        double[] q = t.angle.get("knee_angle_r");
        double lo = Arrays.stream(q).min().orElse(-2) - 0.2;
        double hi = Arrays.stream(q).max().orElse(0) + 0.2;
        List<MuscleTendonUnit> units = new ArrayList<>();
        int kc = 1; // knee_angle_r in the trial's coordinate order (hip, knee, ankle)
        for (String m : KNEE) {
            double[] r = t.arm.get(m)[kc];
            double[] c = polyfit(q, r, 3);
            MomentArm arm = MomentArm.polynomial(c);
            double l0 = 0;
            double[] len = t.length.get(m);
            for (int k = 0; k < q.length; k++) {
                l0 += (len[k] + arm.integral(q[k])) / q.length;
            }
            units.add(new MuscleTendonUnit(m, curve(model.muscles().get(model.muscleIndex(m))), arm, l0));
        }
        return new JointModel("knee_r", lo, hi, units);
    }

    static NmmSequence nmmSequence(Trial t, String hiddenMuscle, boolean labelled) {
        List<String> inputsMeasured = MEASURED.stream().filter(m -> !m.equals(hiddenMuscle)).toList();
        int n = t.samples();
        double[][] in = new double[inputsMeasured.size() + 6][];
        int f = 0;
        for (String m : inputsMeasured) {
            in[f++] = t.envelope(m);
        }
        in[f++] = t.angle.get("knee_angle_r");
        in[f++] = t.speed.get("knee_angle_r");
        in[f++] = t.moment.get("knee_angle_r");
        in[f++] = t.angle.get("hip_flexion_r");
        in[f++] = t.angle.get("ankle_angle_r");
        in[f] = t.moment.get("ankle_angle_r");
        double[][] measured = new double[KNEE.size()][];
        for (int k = 0; k < KNEE.size(); k++) {
            String m = KNEE.get(k);
            measured[k] = MEASURED.contains(m) && !m.equals(hiddenMuscle) ? clip01(t.envelope(m)) : new double[n];
        }
        double[][] labels = null;
        if (labelled) {
            labels = new double[3][];
            labels[0] = clip01(t.envelope(hiddenMuscle));
            labels[1] = proxyVastusIntermedius(t, hiddenMuscle);
            labels[2] = clip01(t.envelope(hiddenMuscle.equals("bifemlh_r") ? "semimem_r" : "bifemlh_r"));
        }
        return new NmmSequence(0, in, labels, t.angle.get("knee_angle_r"), t.speed.get("knee_angle_r"), measured,
                t.moment.get("knee_angle_r"));
    }

    /** The usual stand-in for vastus intermedius (no surface EMG): the mean of the measured vasti envelopes. */
    static double[] proxyVastusIntermedius(Trial t, String hiddenMuscle) {
        List<String> vasti = new ArrayList<>(List.of("vas_med_r", "vas_lat_r"));
        vasti.remove(hiddenMuscle);
        double[] out = new double[t.samples()];
        for (String v : vasti) {
            double[] e = t.envelope(v);
            for (int k = 0; k < out.length; k++) {
                out[k] += e[k] / vasti.size();
            }
        }
        return clip01(out);
    }

    static NmmSequence slice(NmmSequence s, int from, int to) {
        return new NmmSequence(s.subject(), rows(s.inputs(), from, to),
                s.deepExcitations() == null ? null : rows(s.deepExcitations(), from, to),
                Arrays.copyOfRange(s.angles(), from, to), Arrays.copyOfRange(s.angularVelocities(), from, to),
                rows(s.measuredExcitations(), from, to), Arrays.copyOfRange(s.torques(), from, to));
    }

    private static double[][] rows(double[][] a, int from, int to) {
        double[][] o = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] == null ? null : Arrays.copyOfRange(a[i], from, to);
        }
        return o;
    }

    /** NMM: {R² test, r test, knee RMSE test, R² train}. */
    static double[] nmm(OpenSimModel osim, Map<String, Trial> trials, String hiddenMuscle, boolean quick,
            double physicsWeight, List<String> diagnostics) {
        Trial tr = trials.get(TRAIN);
        JointModel knee = kneeModel(osim, tr);
        int[] deep = {KNEE.indexOf(hiddenMuscle), KNEE.indexOf("vas_int_r"), KNEE.indexOf("bifemsh_r")};
        double torqueScale = rms(tr.moment.get("knee_angle_r"));
        NmmOptions o = quick ? new NmmOptions(16, 50, 5, 15, 8, 1e-2, 1, physicsWeight, 1e-3, torqueScale, tr.rate, 1)
                : new NmmOptions(32, 100, 10, 30, 16, 3e-3, 1, physicsWeight, 1e-3, torqueScale, tr.rate, 1);
        NmmSequence all = nmmSequence(tr, hiddenMuscle, true);
        int split = (int) Math.round(tr.samples() * 0.8);
        double r2 = 0;
        double corr = 0;
        double rmse = 0;
        double trainR2;
        StringBuilder perTrial = new StringBuilder();
        try (NmmModel model = NmmTrainer.train(knee, deep, 1, List.of(slice(all, 0, split)),
                List.of(slice(all, split, tr.samples())), o, null)) {
            double[] trainPred = model.predict(all)[0];
            trainR2 = r2(clip01(tr.envelope(hiddenMuscle)), trainPred);
            var h = model.history();
            var best = h.get(Math.max(0, model.bestEpoch() - 1));
            double[] st = model.subject(0).strength();
            StringBuilder sc = new StringBuilder();
            for (int m = 0; m < KNEE.size(); m++) {
                sc.append(String.format(Locale.ROOT, " %s %.2f", KNEE.get(m), st[m]));
            }
            diagnostics.add(String.format(Locale.ROOT, "    NMM %s: best epoch %d of %d (train data loss %.4g -> %.4g, "
                    + "physics %.4g -> %.4g; validation data %.4g, physics %.4g); training trial: mean predicted "
                    + "%.3f vs envelope %.3f, R² %.3f; knee RMSE %.2f N·m; strength scales%s", hiddenMuscle,
                    model.bestEpoch(), h.size(), h.get(0).trainData(), best.trainData(), h.get(0).trainPhysics(),
                    best.trainPhysics(), best.validationData(), best.validationPhysics(), mean(trainPred),
                    mean(tr.envelope(hiddenMuscle)), trainR2, rmse(tr.moment.get("knee_angle_r"),
                            model.torque(all, model.subject(0))), sc));
            for (String name : TEST) {
                Trial t = trials.get(name);
                NmmSequence s = nmmSequence(t, hiddenMuscle, false);
                double[][] pred = model.predict(s);
                double[] truth = clip01(t.envelope(hiddenMuscle));
                r2 += r2(truth, pred[0]) / TEST.size();
                corr += correlation(truth, pred[0]) / TEST.size();
                double[] tau = model.torque(s, pred, model.subject(0));
                double e = rmse(t.moment.get("knee_angle_r"), tau);
                rmse += e / TEST.size();
                perTrial.append(String.format(Locale.ROOT, " %s R² %.3f, knee RMSE %.2f N·m;", name, r2(truth, pred[0]),
                        e));
            }
            diagnostics.add("    NMM " + hiddenMuscle + " test trials:" + perTrial);
        }
        return new double[] {r2, corr, rmse, trainR2};
    }

    /**
     * SynX with the NMSM-style calibration: NMF of the measured envelopes (without the hidden muscle) of all trials;
     * on the training trial, per measured muscle an EMG scale factor s_i in [0.05, 1/max e_i] and per missing muscle
     * (hidden + unmeasured) synergy weights in [0, 1/max H_k], minimising the knee and ankle moment errors (each
     * divided by its moment's rms) with a rigid-tendon Hill model on the OpenSim geometry (F = a·c + p). Returns
     * {R² test, r test, knee RMSE test, R² train, knee RMSE train}.
     */
    static EmgScaleCalibration.Muscle calibrationMuscle(Trial t, String muscle) {
        double[][] arm = t.arm.get(muscle);
        return new EmgScaleCalibration.Muscle(new double[][] {arm[1], arm[2]}, t.active.get(muscle),
                t.passive.get(muscle));
    }

    static double[] synx(Map<String, Trial> trials, String hiddenMuscle, List<String> diagnostics) {
        List<String> meas = MEASURED.stream().filter(m -> !m.equals(hiddenMuscle)).toList();
        List<String> missing = new ArrayList<>(List.of(hiddenMuscle));
        missing.addAll(UNMEASURED);
        List<Trial> all = new ArrayList<>(trials.values());
        int total = all.stream().mapToInt(Trial::samples).sum();
        double[][] v = new double[meas.size()][total];
        int off = 0;
        for (Trial t : all) {
            for (int m = 0; m < meas.size(); m++) {
                double[] e = clip01(t.envelope(meas.get(m)));
                System.arraycopy(e, 0, v[m], off, t.samples());
            }
            off += t.samples();
        }
        Nmf.Result nmf = new Nmf(SYNERGIES, 3, 3000, 1e-7, 1).factorise(v);
        double[][] hAll = nmf.activations();
        Map<String, double[][]> hOf = new LinkedHashMap<>();
        off = 0;
        for (Trial t : all) {
            hOf.put(t.name, rows(hAll, off, off + t.samples()));
            off += t.samples();
        }
        Map<String, EmgScaleCalibration.Trial> cal = new LinkedHashMap<>();
        for (Trial t : all) {
            double[][] env = new double[meas.size()][];
            List<EmgScaleCalibration.Muscle> mm = new ArrayList<>();
            for (int i = 0; i < meas.size(); i++) {
                env[i] = clip01(t.envelope(meas.get(i)));
                mm.add(calibrationMuscle(t, meas.get(i)));
            }
            List<EmgScaleCalibration.Muscle> mx = missing.stream().map(m -> calibrationMuscle(t, m)).toList();
            double[][] tau = {t.moment.get("knee_angle_r"), t.moment.get("ankle_angle_r")};
            cal.put(t.name, new EmgScaleCalibration.Trial(env, hOf.get(t.name), mm, mx, tau));
        }
        EmgScaleCalibration.Result fit = EmgScaleCalibration.fit(List.of(cal.get(TRAIN)), 0.05, 1e-6);
        StringBuilder perTrial = new StringBuilder();
        double r2 = 0;
        double corr = 0;
        double rmse = 0;
        double[] trainScores = null;
        for (Trial t : all) {
            EmgScaleCalibration.Trial ct = cal.get(t.name);
            double[] truth = clip01(t.envelope(hiddenMuscle));
            double[] rec = fit.missingExcitations(ct)[0];
            double kneeRmse = rmse(t.moment.get("knee_angle_r"), fit.torques(ct)[0]);
            if (t.name.equals(TRAIN)) {
                trainScores = new double[] {r2(truth, rec), kneeRmse};
            } else {
                r2 += r2(truth, rec) / TEST.size();
                corr += correlation(truth, rec) / TEST.size();
                rmse += kneeRmse / TEST.size();
                perTrial.append(String.format(Locale.ROOT, " %s R² %.3f, knee RMSE %.2f N·m;", t.name, r2(truth, rec),
                        kneeRmse));
            }
        }
        diagnostics.add("    SynX " + hiddenMuscle + " test trials:" + perTrial);
        StringBuilder sf = new StringBuilder();
        for (int i = 0; i < meas.size(); i++) {
            sf.append(String.format(Locale.ROOT, " %s %.2f", meas.get(i), fit.scaleFactors()[i]));
        }
        diagnostics.add(String.format(Locale.ROOT, "    SynX %s: NMF %d synergies (VAF %.3f); EMG scale factors%s; "
                + "training trial: mean reconstructed %.3f vs envelope %.3f, knee RMSE %.2f N·m", hiddenMuscle,
                SYNERGIES, nmf.vaf(), sf, mean(fit.missingExcitations(cal.get(TRAIN))[0]),
                mean(clip01(trials.get(TRAIN).envelope(hiddenMuscle))), trainScores[1]));
        return new double[] {r2, corr, rmse, trainScores[0], trainScores[1]};
    }

    // ---- small numerics ----------------------------------------------------------------------------------------

    static double[] polyfit(double[] x, double[] y, int degree) {
        int p = degree + 1;
        double[][] a = new double[p][p];
        double[] rhs = new double[p];
        for (int k = 0; k < x.length; k++) {
            double[] pw = new double[p];
            pw[0] = 1;
            for (int d = 1; d < p; d++) {
                pw[d] = pw[d - 1] * x[k];
            }
            for (int i = 0; i < p; i++) {
                rhs[i] += pw[i] * y[k];
                for (int j = 0; j < p; j++) {
                    a[i][j] += pw[i] * pw[j];
                }
            }
        }
        // Gaussian elimination with partial pivoting
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double tb = rhs[c];
            rhs[c] = rhs[piv];
            rhs[piv] = tb;
            for (int r = c + 1; r < p; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j < p; j++) {
                    a[r][j] -= f * a[c][j];
                }
                rhs[r] -= f * rhs[c];
            }
        }
        double[] coef = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = rhs[r];
            for (int j = r + 1; j < p; j++) {
                s -= a[r][j] * coef[j];
            }
            coef[r] = s / a[r][r];
        }
        return coef;
    }

    static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static double[] clip01(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = clip(v[i]);
        }
        return o;
    }

    static double r2(double[] truth, double[] est) {
        double m = mean(truth);
        double ss = 0;
        double res = 0;
        for (int i = 0; i < truth.length; i++) {
            ss += (truth[i] - m) * (truth[i] - m);
            res += (truth[i] - est[i]) * (truth[i] - est[i]);
        }
        return 1 - res / ss;
    }

    static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    static double rms(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s / a.length);
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return a.length == 0 ? Double.NaN : s / a.length;
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
