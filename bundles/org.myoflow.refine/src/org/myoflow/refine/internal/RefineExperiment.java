package org.myoflow.refine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

import org.myoflow.synthesis.experiments.ElbowExperiment;
import org.myoflow.synthesis.experiments.ElbowExperiment.Settings;
import org.myoflow.synthesis.experiments.ElbowExperiment.Task;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.StaticOptimisation;

/**
 * The simulated benchmark of the refinement, in which the truth is known: for each simulated subject of
 * {@link ElbowExperiment}, trials of a slow ({@link Task#SLOW}, 0.25-0.35 Hz) and a fast ({@link Task#FAST},
 * 0.8-1.1 Hz) cyclic elbow movement, each holding one of the experiment's loads.
 *
 * <p>Per trial, the <b>raw simulated activity</b> is what a musculoskeletal simulation would estimate: static
 * optimisation ({@link StaticOptimisation}, minimum activation {@value #MIN_ACTIVATION}) of the <em>nominal</em>
 * {@link JointModels#elbow()} from the trial's angles, velocities and (inverse-dynamics) torques; the simulator does not
 * know the subject's strengths. The <b>measured</b> activity is the MVC-normalised EMG envelopes of all seven
 * muscles (surface muscles by surface electrodes, BRA and TRImed as fine-wire electrodes would record them), from the
 * platform's EMG simulator driven by the subject's true excitations. The two differ as refinement has to correct:
 * <ul>
 * <li><b>onset delay</b>: the true excitations lead the torque by the 40 ms planning lead plus the lag of the
 * activation dynamics, whereas static optimisation follows the torque instantaneously; on top of this, the raw
 * activity of each subject is delayed by an explicit electromechanical-style delay drawn uniformly from
 * [{@value #EXTRA_DELAY_MIN_S}, {@value #EXTRA_DELAY_MAX_S}] s per subject ({@link Trial#extraDelayS()}), held
 * constant over the first samples, so that the onset delay differs between subjects;</li>
 * <li><b>missing co-contraction</b>: the true excitations hold a co-contraction of 3-15 % of the weaker group's
 * capacity, which minimising Σa² never produces (antagonists stay at the minimum activation);</li>
 * <li><b>wrong relative amplitudes</b>: the subject's strengths differ from the nominal model's by up to ±25 %, the
 * true sharing between synergists follows preferences and smooth noise, and the envelope is a convex function of
 * the excitation (about 0.5-0.8 of it at these levels).</li>
 * </ul>
 * The same seed gives the same subjects in both tasks; trials of each task are independent. Every series is at
 * {@value #RATE_HZ} Hz; muscles are in the model order {@link #MUSCLES}.
 */
public final class RefineExperiment {

    /** Muscles of every [muscle][t] array, model order of {@link JointModels#elbow()}. */
    public static final List<String> MUSCLES = JointModels.elbow().muscleNames();
    /** The two tasks simulated, in order. */
    public static final List<Task> TASKS = List.of(Task.SLOW, Task.FAST);
    /** Lower bound of the static optimisation's activations. */
    public static final double MIN_ACTIVATION = 0.01;
    /** Smallest extra delay of the raw simulated activity behind the measured envelopes, s. */
    public static final double EXTRA_DELAY_MIN_S = 0.02;
    /** Largest extra delay of the raw simulated activity behind the measured envelopes, s. */
    public static final double EXTRA_DELAY_MAX_S = 0.06;
    /** Rate of every series, Hz. */
    public static final double RATE_HZ = 100;

    /**
     * One trial; every series has the same length, sample j at j/rate s. Arrays are not copied.
     *
     * @param subject           0-based subject index
     * @param task              {@link Task#SLOW} or {@link Task#FAST}
     * @param rate              sampling rate, Hz
     * @param raw               [muscle][t] static-optimisation activations (nominal model), delayed by
     *                          {@code extraDelayS}
     * @param measured          [muscle][t] MVC-normalised EMG envelopes of all muscles (&ge; 0)
     * @param angles            elbow flexion angle, rad
     * @param angularVelocities flexion velocity, rad/s
     * @param truthExcitations  [muscle][t] the true excitations that drove the EMG
     * @param index             0-based trial index within the subject and task
     * @param loadKg            load in the hand, kg
     * @param torques           elbow torque (subject's model, as inverse dynamics gives it), N·m
     * @param extraDelayS       the subject's extra delay applied to {@code raw}, s (a whole number of samples)
     */
    public record Trial(int subject, Task task, double rate, double[][] raw, double[][] measured, double[] angles,
            double[] angularVelocities, double[][] truthExcitations, int index, double loadKg, double[] torques,
            double extraDelayS) {

        /** Samples of every series. */
        public int samples() {
            return angles.length;
        }
    }

    private final int subjects;
    private final List<Trial> trials;
    private final double[] extraDelays;

    private RefineExperiment(int subjects, List<Trial> trials, double[] extraDelays) {
        this.subjects = subjects;
        this.trials = List.copyOf(trials);
        this.extraDelays = extraDelays;
    }

    /**
     * Simulates the benchmark: subjects × {@link #TASKS} × trialsPerTask trials of {@code seconds} s, EMG at
     * 2048 Hz, envelopes at {@value #RATE_HZ} Hz, 20 dB SNR, strength spread ±25 %.
     *
     * @param subjects      simulated subjects (&ge; 1)
     * @param trialsPerTask trials per subject and task (&ge; 1); loads cycle through 0, 1, 2.5, 5 kg
     * @param seconds       duration of a trial, s (&ge; 1)
     * @param units         motor units per muscle (1 to 1000)
     * @param seed          seed of everything random
     */
    public static RefineExperiment simulate(int subjects, int trialsPerTask, double seconds, int units, long seed) {
        Settings base = new Settings(subjects, trialsPerTask, seconds, RATE_HZ, 2048, units, 20, 0.25, seed)
                .withAllMuscleEnvelopes(true);
        // the extra delays come from a stream of their own, so the EMG experiment's draws do not depend on them
        SplittableRandom delayRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] delays = new double[subjects];
        for (int s = 0; s < subjects; s++) {
            double d = EXTRA_DELAY_MIN_S + (EXTRA_DELAY_MAX_S - EXTRA_DELAY_MIN_S) * delayRandom.nextDouble();
            delays[s] = Math.round(d * RATE_HZ) / RATE_HZ;
        }
        StaticOptimisation so = new StaticOptimisation(JointModels.elbow(), MIN_ACTIVATION);
        List<List<Trial>> perTask = new ArrayList<>();
        for (Task task : TASKS) {
            ElbowExperiment e = ElbowExperiment.simulate(base.withTask(task));
            List<Trial> list = e.trials().parallelStream().map(t -> trial(t, task, so, delays[t.subject()]))
                    .toList();
            perTask.add(list);
        }
        // subject-major, then task, then trial
        List<Trial> all = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            for (List<Trial> list : perTask) {
                all.addAll(list.subList(s * trialsPerTask, (s + 1) * trialsPerTask));
            }
        }
        return new RefineExperiment(subjects, all, delays);
    }

    /** A small benchmark for tests: 4 subjects × 2 tasks × 2 trials of 6 s, 30 motor units per muscle. */
    public static RefineExperiment quick(long seed) {
        return simulate(4, 2, 6, 30, seed);
    }

    private static Trial trial(ElbowExperiment.Trial t, Task task, StaticOptimisation so, double delayS) {
        StaticOptimisation.Result r = so.solve(t.angles(), t.angularVelocities(), t.torques());
        int m = MUSCLES.size();
        int shift = (int) Math.round(delayS * t.rate());
        double[][] raw = new double[m][];
        for (int i = 0; i < m; i++) {
            raw[i] = delay(r.activation(i), shift);
        }
        return new Trial(t.subject(), task, t.rate(), raw, t.allEnvelopes(), t.angles(), t.angularVelocities(),
                t.excitations(), t.index(), t.loadKg(), t.torques(), shift / t.rate());
    }

    /** x delayed by k samples, the first value held over the first k samples. */
    static double[] delay(double[] x, int k) {
        double[] y = new double[x.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = x[Math.max(0, j - k)];
        }
        return y;
    }

    /** Number of subjects. */
    public int subjects() {
        return subjects;
    }

    /** The extra delay (s) applied to the raw activity of a subject. */
    public double extraDelayS(int subject) {
        return extraDelays[subject];
    }

    /** All trials: subject-major, then task in {@link #TASKS} order, then trial index. */
    public List<Trial> trials() {
        return trials;
    }

    /** The trials of the given subjects (e.g. the held-out ones), in {@link #trials()} order. */
    public List<Trial> trialsOf(Collection<Integer> subjectIndexes) {
        for (int s : subjectIndexes) {
            if (s < 0 || s >= subjects) {
                throw new IllegalArgumentException("subject must be in [0, " + subjects + "), got " + s);
            }
        }
        return trials.stream().filter(t -> subjectIndexes.contains(t.subject())).toList();
    }

    /** The trials of one task. */
    public List<Trial> trialsOf(Task task) {
        return trials.stream().filter(t -> t.task() == task).toList();
    }
}
