package org.myoflow.deepemg.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Roles;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Progress;
import org.myoflow.deepemg.EmgScaleCalibration;
import org.myoflow.musculoskeletal.ThelenMuscle;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;

/**
 * What the SynX calibration and apply steps share: their model and dataset parameters, their validation, and each
 * trial's data for {@link EmgScaleCalibration} — the measured envelopes and the inverse-dynamics moments of the
 * balanced coordinates, and per muscle its moment arms, active force at full activation and passive force from the
 * OpenSim model's geometry at the trial's kinematics (rigid tendon, Thelen 2003 curves as
 * {@code OpenSimStaticOptimisation} uses them).
 */
final class SynxTrials {

    private SynxTrials() {
    }

    /** Parameters both steps have. */
    public static class Settings {
        @Param(description = "OpenSim model (.osim, 3.x or 4.x) giving the muscles' moment arms and forces",
                required = true)
        public Path model;

        @Param(description = "Coordinates whose moments are reproduced, comma-separated (e.g. knee_angle_r,"
                + "ankle_angle_r); each trial's moments need a <coordinate>_moment (or _force, or the bare name) "
                + "channel", required = true)
        public String coordinates = "";

        @Param(description = "Role of the measured EMG envelopes in each trial (one channel per measured muscle, "
                + "normalised; values outside [0, 1] are clipped)")
        public String envelopesRole = Roles.ENVELOPE;

        @Param(description = "Role of the kinematics in each trial (one channel per model coordinate, as an "
                + "OpenSim .mot; unit deg or rad)")
        public String kinematicsRole = Roles.KINEMATICS;

        @Param(description = "Role of the inverse-dynamics moments in each trial")
        public String momentsRole = Roles.MOMENTS;

        @Param(description = "Use the first maxSeconds of each trial (after aligning its roles); 0: all of it",
                unit = "s", min = 0)
        public double maxSeconds = 0;

        @Param(description = "Include the muscles' passive fibre force in the model moments")
        public boolean passiveForce = true;
    }

    /** The model and the parsed names. */
    record Setup(OpenSimModel model, List<String> coordinates, List<String> measured, List<String> unmeasured) {

        int[] coordinateIndices() {
            return coordinates.stream().mapToInt(model::coordinateIndex).toArray();
        }
    }

    static List<String> names(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String raw : csv.split(",")) {
                String n = raw.strip();
                if (!n.isEmpty() && !out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Reads the model; a missing or unreadable file is a {@link DataException} naming parameter model. */
    static OpenSimModel model(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new DataException("model: file " + file + " does not exist");
        }
        try {
            return OpenSimModel.read(file);
        } catch (DataException e) {
            throw new DataException("model: " + e.getMessage(), e);
        }
    }

    /** Problems with the coordinate names, or null. */
    static String coordinateProblem(OpenSimModel m, List<String> coordinates) {
        if (coordinates.isEmpty()) {
            return "name at least one coordinate whose moment is reproduced";
        }
        for (String c : coordinates) {
            int i = m.coordinateIndex(c);
            if (i < 0) {
                return "model " + m.name() + " has no coordinate '" + c + "'";
            }
            if (m.coordinates().get(i).dependent() || m.coordinates().get(i).locked()) {
                return "coordinate " + c + " of model " + m.name() + " is locked or set by a coupler constraint";
            }
        }
        return null;
    }

    /** Problems with the muscle names, or null. */
    static String muscleProblem(OpenSimModel m, List<String> muscles, String other, List<String> others) {
        for (String n : muscles) {
            if (m.muscleIndex(n) < 0) {
                return "model " + m.name() + " has no muscle '" + n + "'";
            }
            if (others.contains(n)) {
                return "muscle " + n + " is also in " + other;
            }
        }
        return null;
    }

    /**
     * Validation of the model and the names (configure): each problem names the parameter. Returns the setup, or
     * null when a problem was recorded.
     *
     * @param measuredCsv the measured muscles' parameter (null: not checked; the apply step takes the muscles from
     *                   the calibration table)
     */
    static Setup configure(ConfigureContext context, Settings s, String measuredCsv, String unmeasuredCsv) {
        boolean withMuscles = measuredCsv != null;
        for (String[] role : new String[][] {{"envelopesRole", s.envelopesRole}, {"kinematicsRole", s.kinematicsRole},
                {"momentsRole", s.momentsRole}}) {
            if (!Roles.valid(role[1].strip())) {
                context.parameterProblem(role[0], "'" + Excerpt.of(role[1], 80) + "' is not a role");
            }
        }
        if (s.model == null) {
            return null;
        }
        if (!Files.isRegularFile(s.model)) {
            context.parameterProblem("model", "file " + s.model + " does not exist");
            return null;
        }
        OpenSimModel m;
        try {
            m = OpenSimModel.read(s.model);
        } catch (DataException e) {
            context.dataProblem("model", e.getMessage());
            return null;
        }
        List<String> coords = names(s.coordinates);
        String p = coordinateProblem(m, coords);
        if (p != null) {
            context.parameterProblem("coordinates", p);
        }
        List<String> measured = names(measuredCsv);
        List<String> unmeasured = names(unmeasuredCsv);
        if (withMuscles) {
            if (measured.isEmpty()) {
                context.parameterProblem("measured", "name the measured muscles (model muscle names, each a channel "
                        + "of the envelopes)");
            }
            String q = muscleProblem(m, measured, "unmeasured", unmeasured);
            if (q != null) {
                context.parameterProblem("measured", q);
            }
            q = muscleProblem(m, unmeasured, "measured", List.of());
            if (q != null) {
                context.parameterProblem("unmeasured", q);
            }
        }
        return context.hasProblems() ? null : new Setup(m, coords, measured, unmeasured);
    }

    /** The same checks at run time (a step run without validation, e.g. from a test), as {@link DataException}s. */
    static Setup setup(Settings s, List<String> measured, List<String> unmeasured) {
        OpenSimModel m = model(s.model);
        List<String> coords = names(s.coordinates);
        String p = coordinateProblem(m, coords);
        if (p != null) {
            throw new DataException("coordinates: " + p);
        }
        {
            if (measured.isEmpty()) {
                throw new DataException("measured: name the measured muscles");
            }
            String q = muscleProblem(m, measured, "unmeasured", unmeasured);
            if (q != null) {
                throw new DataException("measured: " + q);
            }
            q = muscleProblem(m, unmeasured, "measured", List.of());
            if (q != null) {
                throw new DataException("unmeasured: " + q);
            }
        }
        return new Setup(m, coords, measured, unmeasured);
    }

    /**
     * One trial's data on the common time window of its three roles.
     *
     * @param label      the trial's label (for messages)
     * @param rate       sampling rate, Hz
     * @param startTime  time of the first sample, s
     * @param envelopes  [measured][t], clipped to [0, 1]
     * @param torques    [coordinate][t], N·m
     * @param measured   per measured muscle its geometry and forces
     * @param missing    per unmeasured muscle its geometry and forces
     * @param clipped    envelope samples clipped
     * @param momentLabels the moments signal's channel label of each coordinate
     */
    record TrialData(String label, double rate, double startTime, double[][] envelopes, double[][] torques,
            List<EmgScaleCalibration.Muscle> measured, List<EmgScaleCalibration.Muscle> missing, int clipped,
            List<String> momentLabels) {

        int samples() {
            return torques[0].length;
        }

        EmgScaleCalibration.Trial trial(double[][] synergies) {
            return new EmgScaleCalibration.Trial(envelopes, synergies, measured, missing, torques);
        }
    }

    /** Every trial of the dataset; a problem names the trial (1-based) and its label. */
    static List<TrialData> load(Settings s, Setup setup, Dataset trials, Progress progress, double from,
            double to) {
        return load(s, setup, trials, progress, from, to, false);
    }

    /**
     * @param momentsOptional a trial without momentsRole gets zero moments named {@code <coordinate>_moment} (the
     *                        apply step, which only names its output channels after them)
     */
    static List<TrialData> load(Settings s, Setup setup, Dataset trials, Progress progress, double from,
            double to, boolean momentsOptional) {
        if (trials.size() == 0) {
            throw new DataException("trials: the dataset has no trial");
        }
        List<TrialData> out = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            progress.checkCancelled();
            progress.update(from + (to - from) * i / trials.size(), "muscle geometry of trial " + (i + 1) + " of "
                    + trials.size());
            Trial t = trials.trial(i);
            String where = "trials: trial " + (i + 1) + " (" + t.label(i + 1) + ")";
            try {
                out.add(trial(s, setup, t, t.label(i + 1), momentsOptional));
            } catch (DataException e) {
                throw new DataException(where + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new DataException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Signal role(Trial t, String role) {
        return t.signal(role).orElseThrow(() -> new DataException("no signal of role '" + role + "' (it has: "
                + String.join(", ", t.signals().keySet()) + ")"));
    }

    /** The moments channel of a coordinate: {@code <c>_moment}, {@code <c>_force} or {@code <c>}. */
    private static int momentChannel(Signal mom, String c) {
        for (String l : List.of(c + "_moment", c + "_force", c)) {
            int k = mom.indexOf(l);
            if (k >= 0) {
                return k;
            }
        }
        return -1;
    }

    static TrialData trial(Settings s, Setup setup, Trial t, String label) {
        return trial(s, setup, t, label, false);
    }

    static TrialData trial(Settings s, Setup setup, Trial t, String label, boolean momentsOptional) {
        String envRole = s.envelopesRole.strip();
        String kinRole = s.kinematicsRole.strip();
        String momRole = s.momentsRole.strip();
        Signal env = role(t, envRole);
        Signal kin = role(t, kinRole);
        Signal mom;
        if (momentsOptional && t.signal(momRole).isEmpty()) {
            Signal.Builder zero = Signal.builder(kin.samplingRate()).startTime(kin.startTime()).quantity("torque");
            for (String c : setup.coordinates()) {
                zero.channel(c + "_moment", "N·m", new double[kin.sampleCount()]);
            }
            mom = zero.build();
        } else {
            mom = role(t, momRole);
        }
        double rate = env.samplingRate();
        for (Signal[] x : new Signal[][] {{kin}, {mom}}) {
            if (Math.abs(x[0].samplingRate() - rate) > 1e-9 * rate) {
                String r = x[0] == kin ? kinRole : momRole;
                throw new DataException(String.format(Locale.ROOT, "role '%s' is sampled at %s Hz, role '%s' at %s Hz;"
                        + " resample one of them", r, x[0].samplingRate(), envRole, rate));
            }
        }
        OpenSimModel model = setup.model();
        int[] envCh = new int[setup.measured().size()];
        for (int i = 0; i < envCh.length; i++) {
            envCh[i] = env.indexOf(setup.measured().get(i));
            if (envCh[i] < 0) {
                throw new DataException("role '" + envRole + "': no channel '" + setup.measured().get(i)
                        + "' (measured muscle; channels are " + Excerpt.list(env.labels()) + ")");
            }
        }
        CoordinateTable coords = CoordinateTable.of(kin, model, true, "role '" + kinRole + "'");
        for (String c : setup.coordinates()) {
            if (coords.missing().contains(c)) {
                throw new DataException("role '" + kinRole + "': no channel for model coordinate " + c
                        + " (channels are " + Excerpt.list(kin.labels()) + ")");
            }
        }
        int[] momCh = new int[setup.coordinates().size()];
        List<String> momentLabels = new ArrayList<>();
        for (int c = 0; c < momCh.length; c++) {
            String name = setup.coordinates().get(c);
            momCh[c] = momentChannel(mom, name);
            if (momCh[c] < 0) {
                throw new DataException("role '" + momRole + "': no channel '" + name + "_moment' (coordinate " + name
                        + "; channels are " + Excerpt.list(mom.labels()) + ")");
            }
            momentLabels.add(mom.labels().get(momCh[c]));
        }
        // the common time window of the three roles
        double start = Math.max(env.startTime(), Math.max(kin.startTime(), mom.startTime()));
        int oEnv = offset(env, start);
        int oKin = offset(kin, start);
        int oMom = offset(mom, start);
        int n = Math.min(env.sampleCount() - oEnv, Math.min(kin.sampleCount() - oKin, mom.sampleCount() - oMom));
        if (s.maxSeconds > 0) {
            n = Math.min(n, (int) Math.round(s.maxSeconds * rate));
        }
        if (n < 2) {
            throw new DataException("roles '" + envRole + "', '" + kinRole + "' and '" + momRole + "' overlap in "
                    + Math.max(n, 0) + " sample(s); need at least 2");
        }
        double[][] e = new double[envCh.length][n];
        int clipped = 0;
        for (int i = 0; i < envCh.length; i++) {
            double[] ch = env.channel(envCh[i]);
            for (int k = 0; k < n; k++) {
                double v = ch[oEnv + k];
                if (!Double.isFinite(v)) {
                    throw new DataException("role '" + envRole + "', channel '" + setup.measured().get(i)
                            + "': sample " + (oEnv + k) + " is " + v);
                }
                if (v < 0 || v > 1) {
                    clipped++;
                    v = Math.max(0, Math.min(1, v));
                }
                e[i][k] = v;
            }
        }
        double[][] tau = new double[momCh.length][n];
        for (int c = 0; c < momCh.length; c++) {
            double[] ch = mom.channel(momCh[c]);
            for (int k = 0; k < n; k++) {
                tau[c][k] = ch[oMom + k];
                if (!Double.isFinite(tau[c][k])) {
                    throw new DataException("role '" + momRole + "', channel '" + momentLabels.get(c) + "': sample "
                            + (oMom + k) + " is " + tau[c][k]);
                }
            }
        }
        List<String> all = new ArrayList<>(setup.measured());
        all.addAll(setup.unmeasured());
        Geometry g = geometry(model, coords, oKin, n, all, setup.coordinateIndices(), s.passiveForce);
        List<EmgScaleCalibration.Muscle> measured = new ArrayList<>();
        List<EmgScaleCalibration.Muscle> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            EmgScaleCalibration.Muscle mu = new EmgScaleCalibration.Muscle(g.arms[i], g.active[i], g.passive[i]);
            (i < setup.measured().size() ? measured : missing).add(mu);
        }
        return new TrialData(label, rate, start, e, tau, measured, missing, clipped, momentLabels);
    }

    private static int offset(Signal s, double start) {
        return (int) Math.max(0, Math.round((start - s.startTime()) * s.samplingRate()));
    }

    /** Per muscle: moment arms [coordinate][t], active force at full activation [t], passive force [t]. */
    record Geometry(double[][][] arms, double[][] active, double[][] passive) {
    }

    /**
     * The muscles' moment arms about the balanced coordinates and their rigid-tendon forces at rows
     * {@code first … first + n − 1} of the coordinates: lengths and moment arms from the model's paths
     * ({@link OpenSimModel#lengths}, {@link OpenSimModel#momentArms}), the muscle-tendon velocity
     * {@code −Σ_j r_j·q̇_j} over every moving coordinate, forces from Thelen's curves.
     */
    static Geometry geometry(OpenSimModel model, CoordinateTable coords, int first, int n, List<String> muscles,
            int[] balanced, boolean passive) {
        int[] mi = muscles.stream().mapToInt(model::muscleIndex).toArray();
        List<Integer> moving = new ArrayList<>();
        for (int i = 0; i < model.coordinates().size(); i++) {
            OpenSimModel.Coordinate c = model.coordinates().get(i);
            if (!c.dependent() && !c.locked() && !coords.missing().contains(c.name())) {
                moving.add(i);
            }
        }
        int[] mv = moving.stream().mapToInt(Integer::intValue).toArray();
        int[] col = new int[balanced.length];
        for (int c = 0; c < balanced.length; c++) {
            col[c] = moving.indexOf(balanced[c]);
        }
        ThelenMuscle[] curves = new ThelenMuscle[mi.length];
        for (int i = 0; i < mi.length; i++) {
            curves[i] = curve(model.muscles().get(mi[i]));
        }
        double[][][] arms = new double[mi.length][balanced.length][n];
        double[][] active = new double[mi.length][n];
        double[][] pas = new double[mi.length][n];
        for (int k = 0; k < n; k++) {
            double[] q = coords.values(first + k);
            double[] qd = coords.speeds(first + k);
            double[][] r = model.momentArms(mi, mv, q);
            double[] len = model.lengths(mi, q);
            for (int i = 0; i < mi.length; i++) {
                double v = 0;
                for (int j = 0; j < mv.length; j++) {
                    v -= r[i][j] * qd[mv[j]];
                }
                for (int c = 0; c < balanced.length; c++) {
                    arms[i][c][k] = r[i][col[c]];
                }
                double p = curves[i].rigidTendonForce(0, len[i], v);
                active[i][k] = curves[i].rigidTendonForce(1, len[i], v) - p;
                pas[i][k] = passive ? p : 0;
            }
        }
        return new Geometry(arms, active, pas);
    }

    /** Thelen (2003) curves with the OpenSim muscle's parameters (defaults where the model gives none). */
    static ThelenMuscle curve(OpenSimModel.Muscle m) {
        return m.thelen();
    }

    /** The envelopes of all trials side by side [measured × Σ samples]. */
    static double[][] concatenate(List<TrialData> trials) {
        int m = trials.get(0).envelopes().length;
        int total = trials.stream().mapToInt(TrialData::samples).sum();
        double[][] v = new double[m][total];
        int off = 0;
        for (TrialData t : trials) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(t.envelopes()[i], 0, v[i], off, t.samples());
            }
            off += t.samples();
        }
        return v;
    }
}
