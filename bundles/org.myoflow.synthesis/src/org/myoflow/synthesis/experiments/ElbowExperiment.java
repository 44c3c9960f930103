package org.myoflow.synthesis.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.myoflow.musculoskeletal.ActivationDynamics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.MuscleTendonUnit;
import org.myoflow.musculoskeletal.TendonModel;
import org.myoflow.musculoskeletal.ThelenMuscle;

/**
 * A simulated experiment for deep-muscle EMG reconstruction: elbow flexion-extension under several loads in the
 * hand, by several simulated subjects, with the excitations of all seven muscles of {@link JointModels#elbow()}
 * known, surface EMG envelopes for the five {@link #SURFACE} muscles from the platform's EMG simulator, and the
 * joint torque of each subject's model. The two {@link #DEEP} muscles have no EMG: their true excitations are in
 * {@link Trial#excitations()} for scoring only.
 *
 * <h2>Subjects</h2>
 * Subject s has the elbow model with each muscle's maximum isometric force F0 multiplied by a strength scale drawn
 * uniformly from [1 − spread, 1 + spread] and its optimal fibre length by a length scale from
 * [1 − spread/2.5, 1 + spread/2.5]; tendon slack length, pennation, moment arm and muscle-tendon length at 0° stay
 * those of the nominal model (so the angle of optimal fibre length moves with the length scale). Each subject also
 * has a preferred share factor per muscle (uniform in [0.9, 1.1]) and, per surface muscle, a fat thickness of
 * 2-6 mm, a muscle cross-section scaled by √(strength scale) and its own motor-unit anatomy.
 *
 * <h2>Trials</h2>
 * Trial k holds the load {@code LOADS_KG[k mod 4]} (0, 1, 2.5, 5 kg) in the hand while the elbow follows
 * θ(t) = c + A·sin(ωt + φ1) + A2·sin(2ωt + φ2), ω = 2πf, f uniform in [0.2, 0.6] Hz, c in [65°, 75°], A and A2
 * (A2 ≤ 0.15·A) such that θ stays within [20°, 120°]; θ̇ and θ̈ are analytic. With the upper arm vertical, the
 * torque required of the muscles is (positive = flexion)
 * <pre>
 *   τ_req = I·θ̈ + (m_f·g·d_f + m_L·g·L)·sin θ,   I = 0.07 kg·m² + m_L·L²,  m_f = 1.5 kg, d_f = 0.15 m, L = 0.33 m.
 * </pre>
 *
 * <h2>Excitations</h2>
 * The excitations are planned 40 ms ahead (electromechanical delay, so activation dynamics do not lag the
 * movement). At the planned angle and velocity, each muscle's active torque capacity is
 * T_i = τ_i(a = 1) − τ_i(a = 0) of the subject's model (rigid tendon, so force-length and force-velocity count)
 * and the passive torque τ_p = Σ τ_i(a = 0) is subtracted from τ_req. With a co-contraction level
 * c(t) = c0·(1 + 0.4·ξ_c(t)) ≥ 0 (c0 uniform in [0.03, 0.15] per trial), the flexor and extensor torques are
 * τ_F = max(τ_req − τ_p, 0) + c·min(C_F, C_E) and τ_E = max(τ_p − τ_req, 0) + c·min(C_F, C_E), with C the summed
 * capacities of each group. Within a group the torque is shared as a minimum-effort solution would (excitation
 * proportional to capacity), with share weights w_i(t) = g_i·(1 + 0.2·ξ_i(t)): g_i is the subject's preference
 * × a uniform factor in [0.8, 1.2] per trial, and ξ_i(t) smooth independent noise per muscle (sum of sinusoids of
 * 0.05-1.5 Hz, unit variance), so that the deep muscles are not a function of the superficial ones:
 * <pre>
 *   u_i = clip(w_i·T_i·τ_group / Σ_j w_j·T_j², 0.01, 1).
 * </pre>
 * The noise so redistributes the group's torque among its muscles: before clipping Σ u_i·T_i = τ_group exactly;
 * activation dynamics, the minimum excitation and the planning lead make the model torque follow τ_req closely
 * but not exactly.
 *
 * <h2>Activations and torque</h2>
 * Activations come from {@link ActivationDynamics#thelen2003()} at the envelope rate; the stored torque is the
 * subject's model torque {@code JointModel.torque(θ, θ̇, a, TendonModel.RIGID)} (the "measured" torque, as inverse
 * dynamics would give).
 *
 * <h2>Surface EMG</h2>
 * Each surface muscle is a Fuglevand (1993) motor-unit pool (recruitment range 30, peak rates 35 to 25 Hz,
 * minimum 8 Hz, ISI CV 0.2) driven by its excitation linearly interpolated to the EMG rate, with MUAPs from the
 * planar layered volume conductor at one single-differential electrode pair over the muscle (10 mm apart, 20 mm
 * from the innervation zone). White measurement noise has a fixed standard deviation per channel, set so that the
 * SNR is {@code snrDb} at 30 % of maximum (taking that power as 0.3² of the maximal contraction's). The envelope is the 20-450 Hz (order 4, zero phase)
 * band-passed EMG, rectified, averaged over bins of 1/envelopeRate centred on each envelope sample, low-passed at
 * 6 Hz (order 2, zero phase) and divided by the mean rectified EMG of a simulated 2 s maximal contraction of the
 * same subject and muscle (an MVC normalisation), so that envelopes are comparable to excitations; they are not
 * clipped except at 0. Because large motor units are recruited last, the envelope is a convex function of the
 * excitation: at the low levels of these tasks (mean excitations 0.03-0.2) it is about 0.5-0.8 of it, the
 * nonlinearity that EMG-driven models absorb with their shape factor A (Lloyd &amp; Besier 2003). With
 * {@link Settings#quick()} the envelopes correlate with their muscle's excitation at r ≈ 0.88-0.93 per muscle
 * over all trials (0.61-0.96 per trial; lowest where a muscle stays near its minimum).
 *
 * <h2>Tasks and deep-muscle envelopes</h2>
 * {@link Settings#withTask} picks the range of the movement frequency f ({@link Task#DEFAULT} is the range above;
 * {@link Task#SLOW} and {@link Task#FAST} give a slow and a fast cyclic movement). With the same seed, subjects
 * (models, preferences, EMG anatomy and reference contractions) are the same whatever the task, while the trials of
 * each non-default task draw from their own streams of the subject's generator, so that a subject's SLOW and FAST
 * trials are independent. {@link Settings#withAllMuscleEnvelopes} also simulates a channel for each {@link #DEEP}
 * muscle (as a fine-wire or deep electrode would record it: simply the same channel model with its own anatomy, fat
 * thickness and reference contraction) and returns envelopes of all seven muscles in {@link Trial#allEnvelopes()};
 * the surface rows are the arrays of {@link Trial#envelopes()}. Neither option changes anything else: the default
 * settings give bit-identical arrays to those before the options existed.
 *
 * <h2>Reproducibility</h2>
 * All randomness comes from one {@link SplittableRandom} seeded with {@code settings.seed()} and split per subject,
 * per channel and per trial in a fixed order, so the same settings give identical arrays whatever the thread
 * scheduling; subjects, channels and trials are simulated in parallel and collected in order.
 *
 * @since 0.1
 */
public final class ElbowExperiment {

    /** Muscles with surface EMG, in model order. */
    public static final List<String> SURFACE = List.of("BIClong", "BICshort", "BRD", "TRIlong", "TRIlat");
    /** Muscles without EMG (their excitations are the hidden truth), in model order. */
    public static final List<String> DEEP = List.of("BRA", "TRImed");
    /** Loads in the hand, kg, cycled over a subject's trials. */
    public static final List<Double> LOADS_KG = List.of(0.0, 1.0, 2.5, 5.0);

    /** Gravitational acceleration, m/s². */
    public static final double GRAVITY = 9.81;
    /** Mass of forearm and hand, kg. */
    public static final double FOREARM_MASS_KG = 1.5;
    /** Distance of the forearm-and-hand centre of mass from the elbow, m. */
    public static final double FOREARM_COM_M = 0.15;
    /** Distance of the load (in the hand) from the elbow, m. */
    public static final double LOAD_ARM_M = 0.33;
    /** Moment of inertia of forearm and hand about the elbow, kg·m². */
    public static final double FOREARM_INERTIA = 0.07;
    /** Lead of the planned excitation over the movement (electromechanical delay), s. */
    public static final double PLANNING_LEAD_S = 0.04;
    /** Duration of the simulated maximal reference contraction, s. */
    public static final double REFERENCE_CONTRACTION_S = 2;

    private static final double DEG = Math.PI / 180;
    private static final double MIN_EXCITATION = 0.01;
    /** Relative amplitude of the independent smooth share noise per muscle. */
    private static final double NOISE = 0.2;

    /**
     * The range of the movement frequency f of the trials, Hz: f is uniform in [{@link #lowHz()},
     * {@link #lowHz()} + {@link #widthHz()}].
     */
    public enum Task {
        /** 0.2-0.6 Hz, the experiment's original movements. */
        DEFAULT(0.2, 0.4),
        /** A slow cyclic movement, 0.25-0.35 Hz. */
        SLOW(0.25, 0.1),
        /** A fast cyclic movement, 0.8-1.1 Hz. */
        FAST(0.8, 0.3);

        private final double lowHz;
        private final double widthHz;

        Task(double lowHz, double widthHz) {
            this.lowHz = lowHz;
            this.widthHz = widthHz;
        }

        /** Lowest movement frequency, Hz. */
        public double lowHz() {
            return lowHz;
        }

        /** Width of the frequency range, Hz. */
        public double widthHz() {
            return widthHz;
        }

        /** Highest movement frequency, Hz. */
        public double highHz() {
            return lowHz + widthHz;
        }
    }

    /**
     * Settings of the experiment.
     *
     * @param subjects         number of simulated subjects (&ge; 1)
     * @param trialsPerSubject trials per subject (&ge; 1); loads cycle through {@link #LOADS_KG}
     * @param trialSeconds     duration of each trial, s (&ge; 1)
     * @param envelopeRate     rate of all returned series, Hz (20 to emgRate/4)
     * @param emgRate          rate of the simulated EMG, Hz (&ge; 900, twice the band-pass upper edge)
     * @param unitsPerMuscle   motor units per surface muscle (1 to 1000)
     * @param snrDb            EMG SNR at 30 % of maximum, dB (not NaN; +∞ for none)
     * @param parameterSpread  relative spread of the subjects' strength scales, in [0, 1)
     * @param seed             seed of everything random
     * @param task             range of the movement frequency (not null)
     * @param allMuscleEnvelopes whether to simulate envelopes of the deep muscles too ({@link Trial#allEnvelopes()})
     */
    public record Settings(int subjects, int trialsPerSubject, double trialSeconds, double envelopeRate,
            double emgRate, int unitsPerMuscle, double snrDb, double parameterSpread, long seed, Task task,
            boolean allMuscleEnvelopes) {

        /** Settings of the {@link Task#DEFAULT} task without deep-muscle envelopes (the original experiment). */
        public Settings(int subjects, int trialsPerSubject, double trialSeconds, double envelopeRate,
                double emgRate, int unitsPerMuscle, double snrDb, double parameterSpread, long seed) {
            this(subjects, trialsPerSubject, trialSeconds, envelopeRate, emgRate, unitsPerMuscle, snrDb,
                    parameterSpread, seed, Task.DEFAULT, false);
        }

        /** Validates the settings; messages name the parameter and its value. */
        public Settings {
            if (subjects < 1) {
                throw new IllegalArgumentException("subjects must be >= 1, got " + subjects);
            }
            if (trialsPerSubject < 1) {
                throw new IllegalArgumentException("trialsPerSubject must be >= 1, got " + trialsPerSubject);
            }
            if (!(trialSeconds >= 1) || Double.isInfinite(trialSeconds)) {
                throw new IllegalArgumentException("trialSeconds must be finite and >= 1 s, got " + trialSeconds);
            }
            if (!(emgRate >= 2 * SurfaceChannel.BAND_HIGH_HZ) || Double.isInfinite(emgRate)) {
                throw new IllegalArgumentException("emgRate must be finite and >= " + 2 * SurfaceChannel.BAND_HIGH_HZ
                        + " Hz (twice the band-pass upper edge), got " + emgRate);
            }
            if (!(envelopeRate >= 20 && envelopeRate <= emgRate / 4)) {
                throw new IllegalArgumentException("envelopeRate must be in [20, emgRate/4 = " + emgRate / 4
                        + "] Hz, got " + envelopeRate);
            }
            if (unitsPerMuscle < 1 || unitsPerMuscle > 1000) {
                throw new IllegalArgumentException("unitsPerMuscle must be in [1, 1000], got " + unitsPerMuscle);
            }
            if (Double.isNaN(snrDb) || snrDb == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("snrDb must be a number or +Infinity, got " + snrDb);
            }
            if (!(parameterSpread >= 0 && parameterSpread < 1)) {
                throw new IllegalArgumentException("parameterSpread must be in [0, 1), got " + parameterSpread);
            }
            if (task == null) {
                throw new IllegalArgumentException("task must not be null");
            }
        }

        /** 8 subjects, 6 trials of 10 s, envelopes at 100 Hz, EMG at 2048 Hz, 100 units, 20 dB, spread 0.25, seed 1. */
        public static Settings defaults() {
            return new Settings(8, 6, 10, 100, 2048, 100, 20, 0.25, 1);
        }

        /** A small experiment for tests: 4 subjects, 3 trials of 6 s, 50 units, otherwise as {@link #defaults()}. */
        public static Settings quick() {
            return new Settings(4, 3, 6, 100, 2048, 50, 20, 0.25, 1);
        }

        /** These settings with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(subjects, trialsPerSubject, trialSeconds, envelopeRate, emgRate, unitsPerMuscle,
                    snrDb, parameterSpread, newSeed, task, allMuscleEnvelopes);
        }

        /** These settings with another task (range of movement frequencies). */
        public Settings withTask(Task newTask) {
            return new Settings(subjects, trialsPerSubject, trialSeconds, envelopeRate, emgRate, unitsPerMuscle,
                    snrDb, parameterSpread, seed, newTask, allMuscleEnvelopes);
        }

        /** These settings with or without envelopes of all seven muscles ({@link Trial#allEnvelopes()}). */
        public Settings withAllMuscleEnvelopes(boolean all) {
            return new Settings(subjects, trialsPerSubject, trialSeconds, envelopeRate, emgRate, unitsPerMuscle,
                    snrDb, parameterSpread, seed, task, all);
        }

        /** Samples per trial at the envelope rate. */
        public int samplesPerTrial() {
            return (int) Math.round(trialSeconds * envelopeRate);
        }
    }

    /**
     * One simulated subject.
     *
     * @param index          0-based subject index
     * @param model          the subject's elbow model (scaled {@link JointModels#elbow()})
     * @param strengthScales factors on F0 per muscle, model order
     * @param lengthScales   factors on the optimal fibre length per muscle, model order
     */
    public record Subject(int index, JointModel model, double[] strengthScales, double[] lengthScales) {

        /** Checks the arrays' lengths against the model and copies them. */
        public Subject {
            Objects.requireNonNull(model, "model");
            int m = model.muscles().size();
            if (strengthScales.length != m || lengthScales.length != m) {
                throw new IllegalArgumentException("strengthScales and lengthScales need " + m
                        + " values (one per muscle), got " + strengthScales.length + " and " + lengthScales.length);
            }
            strengthScales = strengthScales.clone();
            lengthScales = lengthScales.clone();
        }

        @Override
        public double[] strengthScales() {
            return strengthScales.clone();
        }

        @Override
        public double[] lengthScales() {
            return lengthScales.clone();
        }

        /** Equal when index, model and scales are equal (arrays by content). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Subject s && index == s.index && model.equals(s.model)
                    && Arrays.equals(strengthScales, s.strengthScales) && Arrays.equals(lengthScales, s.lengthScales);
        }

        @Override
        public int hashCode() {
            return Objects.hash(index, model, Arrays.hashCode(strengthScales), Arrays.hashCode(lengthScales));
        }

        @Override
        public String toString() {
            return "Subject[index=" + index + ", strengthScales=" + Arrays.toString(strengthScales)
                    + ", lengthScales=" + Arrays.toString(lengthScales) + "]";
        }
    }

    /**
     * One trial; every series is at {@code rate} Hz with {@link #samples()} samples, sample j at time j/rate s
     * from the trial's start. The arrays are not copied (do not modify them), and {@code equals} compares them by
     * identity, as for any record; compare the arrays with {@link Arrays#equals} or {@link Arrays#deepEquals}.
     *
     * @param subject           0-based subject index
     * @param index             0-based trial index within the subject
     * @param loadKg            load held in the hand, kg
     * @param rate              sampling rate (the settings' envelope rate), Hz
     * @param angles            elbow flexion angle, rad (0 = extended)
     * @param angularVelocities flexion velocity, rad/s
     * @param torques           the subject model's elbow torque, N·m, positive = flexion
     * @param excitations       [muscle][sample] true excitations in [0.01, 1], model order (deep ones included)
     * @param activations       [muscle][sample] activations, model order
     * @param envelopes         [channel][sample] normalised surface-EMG envelopes (&ge; 0), {@link #SURFACE} order
     * @param allEnvelopes      [muscle][sample] normalised envelopes of all muscles (&ge; 0), model order, the
     *                          surface rows being those of {@code envelopes}; null unless
     *                          {@link Settings#allMuscleEnvelopes()}
     */
    public record Trial(int subject, int index, double loadKg, double rate, double[] angles,
            double[] angularVelocities, double[] torques, double[][] excitations, double[][] activations,
            double[][] envelopes, double[][] allEnvelopes) {

        /** A trial without deep-muscle envelopes ({@code allEnvelopes} null). */
        public Trial(int subject, int index, double loadKg, double rate, double[] angles,
                double[] angularVelocities, double[] torques, double[][] excitations, double[][] activations,
                double[][] envelopes) {
            this(subject, index, loadKg, rate, angles, angularVelocities, torques, excitations, activations,
                    envelopes, null);
        }

        /** Number of samples of every series. */
        public int samples() {
            return angles.length;
        }
    }

    private final Settings settings;
    private final List<Subject> subjects;
    private final List<Trial> trials;

    private ElbowExperiment(Settings settings, List<Subject> subjects, List<Trial> trials) {
        this.settings = settings;
        this.subjects = List.copyOf(subjects);
        this.trials = List.copyOf(trials);
    }

    /** Simulates the experiment (deterministic in the settings). */
    public static ElbowExperiment simulate(Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        SplittableRandom master = new SplittableRandom(settings.seed());
        List<SplittableRandom> seeds = new ArrayList<>();
        for (int s = 0; s < settings.subjects(); s++) {
            seeds.add(master.split());
        }
        List<SubjectResult> results = IntStream.range(0, settings.subjects()).parallel()
                .mapToObj(s -> simulateSubject(settings, s, seeds.get(s))).toList();
        List<Subject> subjects = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        for (SubjectResult r : results) {
            subjects.add(r.subject());
            trials.addAll(r.trials());
        }
        return new ElbowExperiment(settings, subjects, trials);
    }

    /** The settings simulated. */
    public Settings settings() {
        return settings;
    }

    /** The subjects, by index. */
    public List<Subject> subjects() {
        return subjects;
    }

    /** All trials, subject-major. */
    public List<Trial> trials() {
        return trials;
    }

    /** The trials of one subject, by index. */
    public List<Trial> trials(int subject) {
        if (subject < 0 || subject >= subjects.size()) {
            throw new IllegalArgumentException("subject must be in [0, " + subjects.size() + "), got " + subject);
        }
        int per = settings.trialsPerSubject();
        return trials.subList(subject * per, (subject + 1) * per);
    }

    /** Model indices (in {@link JointModels#elbow()}) of the {@link #SURFACE} muscles. */
    public static int[] surfaceMuscles() {
        return indices(SURFACE);
    }

    /** Model indices (in {@link JointModels#elbow()}) of the {@link #DEEP} muscles. */
    public static int[] deepMuscles() {
        return indices(DEEP);
    }

    private static int[] indices(List<String> names) {
        List<String> all = JointModels.elbow().muscleNames();
        return names.stream().mapToInt(all::indexOf).toArray();
    }

    /** Elbow torque required of the muscles (N·m) at θ, θ̈ with a load in the hand. */
    public static double requiredTorque(double angle, double angularAcceleration, double loadKg) {
        double inertia = FOREARM_INERTIA + loadKg * LOAD_ARM_M * LOAD_ARM_M;
        return inertia * angularAcceleration
                + (FOREARM_MASS_KG * GRAVITY * FOREARM_COM_M + loadKg * GRAVITY * LOAD_ARM_M) * Math.sin(angle);
    }

    // ---- simulation --------------------------------------------------------------------------------------------

    private record SubjectResult(Subject subject, List<Trial> trials) {
    }

    private static SubjectResult simulateSubject(Settings st, int s, SplittableRandom random) {
        JointModel nominal = JointModels.elbow();
        int m = nominal.muscles().size();
        double spread = st.parameterSpread();
        double[] strength = new double[m];
        double[] length = new double[m];
        double[] preference = new double[m];
        List<MuscleTendonUnit> units = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            strength[i] = 1 + spread * (2 * random.nextDouble() - 1);
            length[i] = 1 + spread / 2.5 * (2 * random.nextDouble() - 1);
            preference[i] = 0.9 + 0.2 * random.nextDouble();
            MuscleTendonUnit u = nominal.muscles().get(i);
            ThelenMuscle t = u.muscle();
            ThelenMuscle scaled = new ThelenMuscle(t.maxIsometricForce() * strength[i],
                    t.optimalFibreLength() * length[i], t.tendonSlackLength(), t.pennationAtOptimal(),
                    t.maxContractionVelocity(), t.fmaxTendonStrain(), t.fmaxMuscleStrain(), t.kShapeActive(),
                    t.kShapePassive(), t.af(), t.flen());
            units.add(new MuscleTendonUnit(u.name(), scaled, u.momentArm(), u.lengthAtZero()));
        }
        JointModel model = new JointModel(nominal.name(), nominal.minAngle(), nominal.maxAngle(), units);
        Subject subject = new Subject(s, model, strength, length);

        int[] surface = surfaceMuscles();
        double[] fat = new double[surface.length];
        SplittableRandom[] channelRandom = new SplittableRandom[surface.length];
        for (int c = 0; c < surface.length; c++) {
            fat[c] = 2 + 4 * random.nextDouble();
            channelRandom[c] = random.split();
        }
        // one block of trial streams per task, in Task order, DEFAULT first (so the default draws are unchanged)
        SplittableRandom[] trialRandom = new SplittableRandom[st.trialsPerSubject()];
        for (Task task : Task.values()) {
            for (int k = 0; k < trialRandom.length; k++) {
                SplittableRandom r = random.split();
                if (task == st.task()) {
                    trialRandom[k] = r;
                }
            }
        }
        double referenceS = Math.min(REFERENCE_CONTRACTION_S, st.trialSeconds());
        List<SurfaceChannel> channels = IntStream.range(0, surface.length).parallel()
                .mapToObj(c -> new SurfaceChannel(st.unitsPerMuscle(), st.emgRate(), fat[c],
                        Math.sqrt(strength[surface[c]]), st.snrDb(), referenceS, channelRandom[c]))
                .toList();
        List<SurfaceChannel> deepChannels = List.of();
        if (st.allMuscleEnvelopes()) {
            int[] deep = deepMuscles();
            double[] deepFat = new double[deep.length];
            SplittableRandom[] deepRandom = new SplittableRandom[deep.length];
            for (int c = 0; c < deep.length; c++) {
                deepFat[c] = 2 + 4 * random.nextDouble();
                deepRandom[c] = random.split();
            }
            deepChannels = IntStream.range(0, deep.length).parallel()
                    .mapToObj(c -> new SurfaceChannel(st.unitsPerMuscle(), st.emgRate(), deepFat[c],
                            Math.sqrt(strength[deep[c]]), st.snrDb(), referenceS, deepRandom[c]))
                    .toList();
        }
        List<SurfaceChannel> deepFinal = deepChannels;
        List<Trial> trials = IntStream.range(0, trialRandom.length).parallel()
                .mapToObj(k -> simulateTrial(st, subject, preference, channels, deepFinal, k, trialRandom[k]))
                .toList();
        return new SubjectResult(subject, trials);
    }

    private static Trial simulateTrial(Settings st, Subject subject, double[] preference,
            List<SurfaceChannel> channels, List<SurfaceChannel> deepChannels, int k, SplittableRandom random) {
        JointModel model = subject.model();
        int m = model.muscles().size();
        double rate = st.envelopeRate();
        int n = st.samplesPerTrial();
        double load = LOADS_KG.get(k % LOADS_KG.size());

        // movement
        double f = st.task().lowHz() + st.task().widthHz() * random.nextDouble();
        double omega = 2 * Math.PI * f;
        double centre = (65 + 10 * random.nextDouble()) * DEG;
        double room = Math.min(centre - 20 * DEG, 120 * DEG - centre);
        double a1 = room * (0.7 + 0.3 * random.nextDouble()) / 1.15;
        double a2 = a1 * 0.15 * random.nextDouble();
        double p1 = 2 * Math.PI * random.nextDouble();
        double p2 = 2 * Math.PI * random.nextDouble();
        Kinematics kin = new Kinematics(centre, a1, a2, omega, p1, p2);

        // excitation plan
        double c0 = 0.03 + 0.12 * random.nextDouble();
        SmoothNoise coNoise = new SmoothNoise(0.05, 0.5, random.split());
        double[] share = new double[m];
        SmoothNoise[] noise = new SmoothNoise[m];
        for (int i = 0; i < m; i++) {
            share[i] = preference[i] * (0.8 + 0.4 * random.nextDouble());
            noise[i] = new SmoothNoise(0.05, 1.5, random.split());
        }
        double[] angles = new double[n];
        double[] velocities = new double[n];
        double[][] excitations = new double[m][n];
        double[] zero = new double[m];
        double[] capacity = new double[m];
        double[] weight = new double[m];
        for (int j = 0; j < n; j++) {
            double t = j / rate;
            angles[j] = kin.angle(t);
            velocities[j] = kin.velocity(t);
            double tp = t + PLANNING_LEAD_S;
            double q = kin.angle(tp);
            double qd = kin.velocity(tp);
            double required = requiredTorque(q, kin.acceleration(tp), load);
            double passive = model.torque(q, qd, zero, TendonModel.RIGID);
            double flexCap = 0;
            double extCap = 0;
            for (int i = 0; i < m; i++) {
                MuscleTendonUnit u = model.muscles().get(i);
                capacity[i] = u.torque(1, q, qd, TendonModel.RIGID) - u.torque(0, q, qd, TendonModel.RIGID);
                if (capacity[i] > 0) {
                    flexCap += capacity[i];
                } else {
                    extCap -= capacity[i];
                }
            }
            double co = Math.max(0, c0 * (1 + 0.4 * coNoise.at(t))) * Math.min(flexCap, extCap);
            double flexTorque = Math.max(required - passive, 0) + co;
            double extTorque = Math.max(passive - required, 0) + co;
            double flexNorm = 0;
            double extNorm = 0;
            for (int i = 0; i < m; i++) {
                weight[i] = share[i] * (1 + NOISE * noise[i].at(t));
                double w = weight[i] * capacity[i] * capacity[i];
                if (capacity[i] > 0) {
                    flexNorm += w;
                } else {
                    extNorm += w;
                }
            }
            for (int i = 0; i < m; i++) {
                double u = capacity[i] > 0 ? weight[i] * capacity[i] * flexTorque / flexNorm
                        : weight[i] * -capacity[i] * extTorque / extNorm;
                excitations[i][j] = Math.max(MIN_EXCITATION, Math.min(1, u));
            }
        }

        // activations and the model's torque
        ActivationDynamics dynamics = ActivationDynamics.thelen2003();
        double[][] activations = new double[m][];
        for (int i = 0; i < m; i++) {
            activations[i] = dynamics.simulate(excitations[i], rate);
        }
        double[] torques = new double[n];
        double[] a = new double[m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                a[i] = activations[i][j];
            }
            torques[j] = model.torque(angles[j], velocities[j], a, TendonModel.RIGID);
        }

        // surface EMG envelopes
        int[] surface = surfaceMuscles();
        int nEmg = (int) Math.round(st.trialSeconds() * st.emgRate());
        double[][] envelopes = new double[surface.length][];
        for (int c = 0; c < surface.length; c++) {
            SplittableRandom r = random.split();
            double[] up = upsample(excitations[surface[c]], rate, st.emgRate(), nEmg);
            SurfaceChannel ch = channels.get(c);
            envelopes[c] = ch.envelope(ch.emg(up, r), rate, n);
        }
        double[][] allEnvelopes = null;
        if (st.allMuscleEnvelopes()) {
            // drawn after the surface channels' streams, so the surface envelopes do not change
            allEnvelopes = new double[m][];
            for (int c = 0; c < surface.length; c++) {
                allEnvelopes[surface[c]] = envelopes[c];
            }
            int[] deep = deepMuscles();
            for (int c = 0; c < deep.length; c++) {
                SplittableRandom r = random.split();
                double[] up = upsample(excitations[deep[c]], rate, st.emgRate(), nEmg);
                SurfaceChannel ch = deepChannels.get(c);
                allEnvelopes[deep[c]] = ch.envelope(ch.emg(up, r), rate, n);
            }
        }
        return new Trial(subject.index(), k, load, rate, angles, velocities, torques, excitations, activations,
                envelopes, allEnvelopes);
    }

    /** Linear interpolation of x (at rate) onto n samples at fs, held constant past the last sample. */
    private static double[] upsample(double[] x, double rate, double fs, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double pos = i * rate / fs;
            int k = (int) Math.floor(pos);
            if (k >= x.length - 1) {
                y[i] = x[x.length - 1];
            } else {
                double w = pos - k;
                y[i] = x[k] * (1 - w) + x[k + 1] * w;
            }
        }
        return y;
    }

    /** θ(t) = c + A1·sin(ωt + φ1) + A2·sin(2ωt + φ2) and its analytic derivatives. */
    private record Kinematics(double centre, double a1, double a2, double omega, double p1, double p2) {

        double angle(double t) {
            return centre + a1 * Math.sin(omega * t + p1) + a2 * Math.sin(2 * omega * t + p2);
        }

        double velocity(double t) {
            return a1 * omega * Math.cos(omega * t + p1) + 2 * a2 * omega * Math.cos(2 * omega * t + p2);
        }

        double acceleration(double t) {
            return -a1 * omega * omega * Math.sin(omega * t + p1)
                    - 4 * a2 * omega * omega * Math.sin(2 * omega * t + p2);
        }
    }
}
