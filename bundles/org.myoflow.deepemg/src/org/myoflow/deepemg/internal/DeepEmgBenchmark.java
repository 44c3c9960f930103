package org.myoflow.deepemg.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.synthesis.experiments.ElbowExperiment;
import org.myoflow.deepemg.Nmf;
import org.myoflow.deepemg.SynergyExtrapolation;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmOptions;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.NmmTrainer;
import org.myoflow.deepemg.nmm.SubjectScales;
import org.myoflow.musculoskeletal.ActivationDynamics;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench deepemg}: deep-muscle excitations (brachialis, medial triceps) of the simulated elbow
 * experiment ({@link ElbowExperiment}) reconstructed by synergy extrapolation and by the NMM, scored against the
 * hidden truth.
 *
 * <p>Protocol. The last quarter of the subjects (at least one) are held out entirely. Of every other subject s,
 * trial s mod n is held out, trial (s + 1) mod n validates the NMM training (early stopping) and the rest train it
 * with labels (the deep excitations, as from fine-wire EMG) and the physics term. Both methods get, on every evaluated
 * trial, the normalised surface envelopes, the kinematics, the load and the joint torque, and nothing else:
 * <ul>
 * <li><b>SynX</b> (Ao et al. 2020): per subject, NMF (3 synergies) of the surface envelopes of all the subject's
 * trials together, and the deep muscles' synergy weights fitted so that the generic (unscaled) elbow model's torque,
 * with Thelen activation dynamics, matches the given torque over those trials;</li>
 * <li><b>NMM</b>: the trained network predicts the deep excitations; torque through the Hill-type model with the
 * subject's learned strength and optimal-length scales: learned in training for training subjects, fitted by the
 * physics term alone (network frozen, no labels) on a held-out subject's trials.</li>
 * </ul>
 * Scores: R² and NRMSE (RMSE over the truth's range) of each deep muscle's excitation over the evaluated samples,
 * averaged over the deep muscles; torque RMSE in N·m.
 */
@Component(service = BenchmarkSuite.class)
public final class DeepEmgBenchmark implements BenchmarkSuite {

    /** NMF synergies of the SynX baseline. */
    static final int SYNERGIES = 3;

    @Override
    public String name() {
        return "deepemg";
    }

    @Override
    public String description() {
        return "deep-muscle EMG reconstruction vs simulated truth: synergy extrapolation vs NMM (R², NRMSE of the "
                + "deep excitations, torque RMSE; held-out trials and held-out subjects)";
    }

    /** The evaluation of one method on one set of trials. */
    record Score(double r2, double nrmse, double torqueRmse, double[] r2PerMuscle) {
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        ElbowExperiment.Settings qs = ElbowExperiment.Settings.quick();
        ElbowExperiment.Settings settings = quick ? new ElbowExperiment.Settings(qs.subjects(), 4, qs.trialSeconds(),
                qs.envelopeRate(), qs.emgRate(), 30, qs.snrDb(), qs.parameterSpread(), qs.seed())
                : ElbowExperiment.Settings.defaults();
        long t0 = System.nanoTime();
        ElbowExperiment exp = ElbowExperiment.simulate(settings);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        int subjects = exp.subjects().size();
        int heldOutSubjects = Math.max(1, subjects / 4);
        int trainSubjects = subjects - heldOutSubjects;
        int trials = settings.trialsPerSubject();
        if (trainSubjects < 1 || trials < 3) {
            throw new IllegalStateException("the deep-EMG benchmark needs at least 2 subjects and 3 trials each");
        }
        out.printf(Locale.ROOT, "simulated %d subjects x %d trials of %.0f s (surface EMG of %s at %.0f Hz, %d units "
                + "per muscle; deep %s hidden) in %.1f s%n", subjects, trials, settings.trialSeconds(),
                ElbowExperiment.SURFACE, settings.emgRate(), settings.unitsPerMuscle(), ElbowExperiment.DEEP,
                simSeconds);
        progress.update(0.1, "experiment simulated");
        progress.checkCancelled();

        JointModel nominal = JointModels.elbow();
        int[] deep = ElbowExperiment.deepMuscles();
        List<NmmSequence> train = new ArrayList<>();
        List<NmmSequence> validation = new ArrayList<>();
        List<ElbowExperiment.Trial> heldOutTrials = new ArrayList<>();
        for (int s = 0; s < trainSubjects; s++) {
            List<ElbowExperiment.Trial> ts = exp.trials(s);
            // rotating roles, so that every load appears in training, validation and held-out trials
            int test = s % trials;
            int val = (s + 1) % trials;
            for (int k = 0; k < trials; k++) {
                if (k == test) {
                    heldOutTrials.add(ts.get(k));
                } else if (k == val) {
                    validation.add(sequence(ts.get(k), s, true));
                } else {
                    train.add(sequence(ts.get(k), s, true));
                }
            }
        }
        NmmOptions options = quick ? NmmOptions.quick() : NmmOptions.defaults();
        long t1 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        try (NmmModel nmm = NmmTrainer.train(nominal, deep, trainSubjects, train, validation, options,
                progress)) {
            double trainSeconds = (System.nanoTime() - t1) / 1e9;
            var history = nmm.history();
            var first = history.get(0);
            var last = history.get(history.size() - 1);
            out.printf(Locale.ROOT, "NMM trained on %d trials of %d subjects in %.1f s (%d epochs): data loss %.4g -> "
                    + "%.4g, physics loss %.4g -> %.4g (training set)%n", train.size(), trainSubjects, trainSeconds,
                    history.size(), first.trainData(), last.trainData(), first.trainPhysics(), last.trainPhysics());
            figures.put("nmm_train_seconds", round(trainSeconds));
            progress.checkCancelled();

            // held-out trials of the training subjects
            List<double[][]> nmmTrialsDeep = new ArrayList<>();
            List<double[]> nmmTrialsTorque = new ArrayList<>();
            for (ElbowExperiment.Trial t : heldOutTrials) {
                NmmSequence q = sequence(t, t.subject(), false);
                double[][] d = nmm.predict(q);
                nmmTrialsDeep.add(d);
                nmmTrialsTorque.add(nmm.torque(q, d, nmm.subject(t.subject())));
            }
            // held-out subjects: scales by the physics term on their (unlabelled) trials
            List<ElbowExperiment.Trial> heldOutSubjectTrials = new ArrayList<>();
            List<double[][]> nmmSubjectsDeep = new ArrayList<>();
            List<double[]> nmmSubjectsTorque = new ArrayList<>();
            for (int s = trainSubjects; s < subjects; s++) {
                List<NmmSequence> unlabelled = new ArrayList<>();
                for (ElbowExperiment.Trial t : exp.trials(s)) {
                    unlabelled.add(sequence(t, 0, false));
                }
                SubjectScales scales = nmm.calibrate(unlabelled, options);
                for (int k = 0; k < trials; k++) {
                    heldOutSubjectTrials.add(exp.trials(s).get(k));
                    NmmSequence q = unlabelled.get(k);
                    double[][] d = nmm.predict(q);
                    nmmSubjectsDeep.add(d);
                    nmmSubjectsTorque.add(nmm.torque(q, d, scales));
                }
            }
            progress.update(0.85, "NMM evaluated");

            // SynX, per subject on all its trials
            Map<Integer, double[][][]> synxDeep = new LinkedHashMap<>();
            Map<Integer, double[][]> synxTorque = new LinkedHashMap<>();
            long t2 = System.nanoTime();
            for (int s = 0; s < subjects; s++) {
                synx(exp.trials(s), nominal, settings.envelopeRate(), s, synxDeep, synxTorque, false);
                progress.checkCancelled();
            }
            double synxSeconds = (System.nanoTime() - t2) / 1e9;
            // diagnostic: SynX given the surface muscles' TRUE excitations instead of their envelopes
            Map<Integer, double[][][]> oracleDeep = new LinkedHashMap<>();
            Map<Integer, double[][]> oracleTorque = new LinkedHashMap<>();
            List<double[][]> oracleSubjectsDeep = new ArrayList<>();
            List<double[]> oracleSubjectsTorque = new ArrayList<>();
            for (int s = trainSubjects; s < subjects; s++) {
                synx(exp.trials(s), nominal, settings.envelopeRate(), s, oracleDeep, oracleTorque, true);
                for (int k = 0; k < trials; k++) {
                    oracleSubjectsDeep.add(oracleDeep.get(s)[k]);
                    oracleSubjectsTorque.add(oracleTorque.get(s)[k]);
                }
            }
            List<double[][]> synxTrialsDeep = new ArrayList<>();
            List<double[]> synxTrialsTorque = new ArrayList<>();
            for (ElbowExperiment.Trial t : heldOutTrials) {
                synxTrialsDeep.add(synxDeep.get(t.subject())[t.index()]);
                synxTrialsTorque.add(synxTorque.get(t.subject())[t.index()]);
            }
            List<double[][]> synxSubjectsDeep = new ArrayList<>();
            List<double[]> synxSubjectsTorque = new ArrayList<>();
            for (ElbowExperiment.Trial t : heldOutSubjectTrials) {
                synxSubjectsDeep.add(synxDeep.get(t.subject())[t.index()]);
                synxSubjectsTorque.add(synxTorque.get(t.subject())[t.index()]);
            }

            Score synxT = score(heldOutTrials, synxTrialsDeep, synxTrialsTorque, deep);
            Score nmmT = score(heldOutTrials, nmmTrialsDeep, nmmTrialsTorque, deep);
            Score synxS = score(heldOutSubjectTrials, synxSubjectsDeep, synxSubjectsTorque, deep);
            Score nmmS = score(heldOutSubjectTrials, nmmSubjectsDeep, nmmSubjectsTorque, deep);
            out.printf(Locale.ROOT, "SynX: NMF %d synergies per subject, %.1f s for %d subjects%n", SYNERGIES,
                    synxSeconds, subjects);
            out.printf(Locale.ROOT, "%-34s %8s %8s %8s %8s %12s%n", "set / method", "R² " + ElbowExperiment.DEEP.get(0),
                    "R² " + ElbowExperiment.DEEP.get(1), "mean R²", "NRMSE", "torque RMSE");
            row(out, "held-out trials (" + heldOutTrials.size() + ")  SynX", synxT);
            row(out, "held-out trials (" + heldOutTrials.size() + ")  NMM", nmmT);
            row(out, "held-out subjects (" + heldOutSubjects + ")  SynX", synxS);
            row(out, "held-out subjects (" + heldOutSubjects + ")  NMM", nmmS);
            Score oracleS = score(heldOutSubjectTrials, oracleSubjectsDeep, oracleSubjectsTorque, deep);
            row(out, "  (SynX given true surface exc.)", oracleS);
            figures.put("deep_r2_synx_true_surface", round(oracleS.r2()));
            figures.put("torque_rmse_synx_true_surface", round(oracleS.torqueRmse()));
            out.printf(Locale.ROOT, "mean deep excitation on held-out subjects: truth %s, SynX %s, NMM %s%n",
                    means(heldOutSubjectTrials, null, deep), means(heldOutSubjectTrials, synxSubjectsDeep, deep),
                    means(heldOutSubjectTrials, nmmSubjectsDeep, deep));
            figures.put("deep_r2_synx", round(synxS.r2()));
            figures.put("deep_r2_nmm", round(nmmS.r2()));
            figures.put("torque_rmse_synx", round(synxS.torqueRmse()));
            figures.put("torque_rmse_nmm", round(nmmS.torqueRmse()));
            figures.put("deep_nrmse_synx", round(synxS.nrmse()));
            figures.put("deep_nrmse_nmm", round(nmmS.nrmse()));
            figures.put("trials_deep_r2_synx", round(synxT.r2()));
            figures.put("trials_deep_r2_nmm", round(nmmT.r2()));
            figures.put("trials_deep_nrmse_synx", round(synxT.nrmse()));
            figures.put("trials_deep_nrmse_nmm", round(nmmT.nrmse()));
            figures.put("trials_torque_rmse_synx", round(synxT.torqueRmse()));
            figures.put("trials_torque_rmse_nmm", round(nmmT.torqueRmse()));
            figures.put("subjects", subjects);
            figures.put("held_out_subjects", heldOutSubjects);
            figures.put("trials_per_subject", trials);
            figures.put("nmm_beats_synx", nmmS.r2() > synxS.r2() && nmmS.torqueRmse() < synxS.torqueRmse());
        }
        return figures;
    }

    /** Mean of each deep muscle's truth (estimates null) or estimate over the trials, formatted. */
    private static String means(List<ElbowExperiment.Trial> trials, List<double[][]> estimates, int[] deep) {
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < deep.length; j++) {
            double sum = 0;
            long n = 0;
            for (int k = 0; k < trials.size(); k++) {
                double[] v = estimates == null ? trials.get(k).excitations()[deep[j]] : estimates.get(k)[j];
                for (double x : v) {
                    sum += x;
                    n++;
                }
            }
            b.append(j > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", sum / n));
        }
        return b.append("]").toString();
    }

    private static void row(PrintStream out, String label, Score s) {
        out.printf(Locale.ROOT, "%-34s %8.3f %8.3f %8.3f %8.3f %9.2f N·m%n", label, s.r2PerMuscle()[0],
                s.r2PerMuscle()[1], s.r2(), s.nrmse(), s.torqueRmse());
    }

    /** The NMM's view of a trial. */
    static NmmSequence sequence(ElbowExperiment.Trial t, int subjectSlot, boolean labelled) {
        int[] deep = ElbowExperiment.deepMuscles();
        double[][] labels = null;
        if (labelled) {
            labels = new double[deep.length][];
            for (int d = 0; d < deep.length; d++) {
                labels[d] = t.excitations()[deep[d]].clone();
            }
        }
        return NmmFeatures.sequence(subjectSlot, t.envelopes(), ElbowExperiment.surfaceMuscles(),
                t.excitations().length, t.angles(), t.angularVelocities(), t.torques(), t.loadKg(), labels);
    }

    private static void synx(List<ElbowExperiment.Trial> trials, JointModel nominal, double rate, int subject,
            Map<Integer, double[][][]> deepOut, Map<Integer, double[][]> torqueOut, boolean oracle) {
        List<SynergyExtrapolation.Trial> in = new ArrayList<>();
        int[] surface = ElbowExperiment.surfaceMuscles();
        for (ElbowExperiment.Trial t : trials) {
            double[][] env = t.envelopes();
            if (oracle) {
                env = new double[surface.length][];
                for (int c = 0; c < surface.length; c++) {
                    env[c] = t.excitations()[surface[c]];
                }
            }
            double[][] clipped = new double[env.length][];
            for (int c = 0; c < env.length; c++) {
                clipped[c] = new double[env[c].length];
                for (int i = 0; i < env[c].length; i++) {
                    clipped[c][i] = Math.min(1, Math.max(0, env[c][i]));
                }
            }
            in.add(new SynergyExtrapolation.Trial(clipped, t.angles(), t.angularVelocities(), t.torques()));
        }
        SynergyExtrapolation synx = new SynergyExtrapolation(nominal, ElbowExperiment.surfaceMuscles(),
                SynergyExtrapolation.Options.defaults().withActivationDynamics(ActivationDynamics.thelen2003(),
                        rate));
        SynergyExtrapolation.Result r = synx.fit(in, new Nmf(SYNERGIES, 5, Nmf.DEFAULT_MAX_ITERATIONS,
                Nmf.DEFAULT_TOLERANCE, 1000L + subject));
        int[] deep = ElbowExperiment.deepMuscles();
        double[][][] d = new double[trials.size()][deep.length][];
        double[][] tq = new double[trials.size()][];
        double[] all = r.modelTorque();
        int offset = 0;
        for (int k = 0; k < trials.size(); k++) {
            int n = trials.get(k).samples();
            for (int j = 0; j < deep.length; j++) {
                d[k][j] = java.util.Arrays.copyOfRange(r.excitation(deep[j]), offset, offset + n);
            }
            tq[k] = java.util.Arrays.copyOfRange(all, offset, offset + n);
            offset += n;
        }
        deepOut.put(subject, d);
        torqueOut.put(subject, tq);
    }

    /** R² and NRMSE per deep muscle over all samples of the trials, their means, and the torque RMSE. */
    static Score score(List<ElbowExperiment.Trial> trials, List<double[][]> deepEstimates, List<double[]> torques,
            int[] deep) {
        double[] r2 = new double[deep.length];
        double nrmse = 0;
        for (int j = 0; j < deep.length; j++) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            long n = 0;
            for (ElbowExperiment.Trial t : trials) {
                for (double v : t.excitations()[deep[j]]) {
                    mean += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    n++;
                }
            }
            mean /= n;
            double sse = 0;
            double sst = 0;
            for (int k = 0; k < trials.size(); k++) {
                double[] truth = trials.get(k).excitations()[deep[j]];
                double[] est = deepEstimates.get(k)[j];
                for (int i = 0; i < truth.length; i++) {
                    sse += (est[i] - truth[i]) * (est[i] - truth[i]);
                    sst += (truth[i] - mean) * (truth[i] - mean);
                }
            }
            r2[j] = 1 - sse / sst;
            nrmse += Math.sqrt(sse / n) / (max - min);
        }
        double se = 0;
        long n = 0;
        for (int k = 0; k < trials.size(); k++) {
            double[] given = trials.get(k).torques();
            double[] model = torques.get(k);
            for (int i = 0; i < given.length; i++) {
                se += (model[i] - given[i]) * (model[i] - given[i]);
                n++;
            }
        }
        double meanR2 = 0;
        for (double v : r2) {
            meanR2 += v;
        }
        return new Score(meanR2 / deep.length, nrmse / deep.length, Math.sqrt(se / n), r2);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
