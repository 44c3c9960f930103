package org.myoflow.refine.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.synthesis.experiments.ElbowExperiment;
import org.myoflow.refine.RefineModel;
import org.myoflow.refine.RefineOptions;
import org.myoflow.refine.RefineSequence;
import org.myoflow.refine.RefineTrainer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench refine}: static-optimisation activity of the simulated elbow experiment
 * ({@link RefineExperiment}: slow and fast cyclic flexion-extension, measured EMG envelopes of all seven muscles
 * from the EMG simulator driven by the true excitations) refined by the Seq2Seq network trained on some subjects and
 * scored on held-out subjects against the measured envelopes: per muscle, correlation, RMSE and the lag at maximal
 * cross-correlation, raw vs refined.
 *
 * <p>Protocol: the last third of the subjects (at least one) are held out. Of each training subject s, trial
 * s mod n of each task validates (early stopping), the others train. Inputs: the simulated activity of the seven muscles,
 * the elbow angle and angular velocity; target: the measured envelopes. A muscle counts as improved when the refined
 * activity has both a higher correlation and a lower RMSE than the raw one.
 */
@Component(service = BenchmarkSuite.class)
public final class RefineBenchmark implements BenchmarkSuite {

    /** Simulated subjects of the full benchmark (the last third held out). */
    static final int SUBJECTS = 12;
    /** Simulated subjects of {@code --quick} (the last two held out). */
    static final int QUICK_SUBJECTS = 6;

    /** Largest lag searched, samples (0.3 s at 100 Hz). */
    static final int MAX_LAG = 30;

    @Override
    public String name() {
        return "refine";
    }

    @Override
    public String description() {
        return "Seq2Seq refinement of static-optimisation activity toward measured EMG on held-out simulated "
                + "subjects (correlation, RMSE, lag per muscle, raw vs refined)";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        long t0 = System.nanoTime();
        RefineExperiment exp = quick ? RefineExperiment.simulate(QUICK_SUBJECTS, 2, 6, 30, 21)
                : RefineExperiment.simulate(SUBJECTS, 4, 10, 60, 21);
        int subjects = exp.subjects();
        int heldOut = Math.max(1, subjects / 3);
        List<String> muscles = RefineExperiment.MUSCLES;
        out.printf(Locale.ROOT, "simulated %d subjects x %d tasks, %d trials in all, in %.1f s (extra delays of the "
                + "simulated activity %s s)%n", subjects, RefineExperiment.TASKS.size(), exp.trials().size(),
                (System.nanoTime() - t0) / 1e9, delays(exp));
        progress.update(0.15, "experiment simulated");
        Set<Integer> testSubjects = new TreeSet<>();
        for (int s = subjects - heldOut; s < subjects; s++) {
            testSubjects.add(s);
        }
        List<RefineSequence> train = new ArrayList<>();
        List<RefineSequence> validation = new ArrayList<>();
        List<RefineExperiment.Trial> test = new ArrayList<>();
        for (RefineExperiment.Trial t : exp.trials()) {
            if (testSubjects.contains(t.subject())) {
                test.add(t);
                continue;
            }
            int perTask = (int) exp.trials().stream().filter(x -> x.subject() == t.subject()
                    && x.task() == t.task()).count();
            // rotating, so that every load is seen in training (the loads cycle with the trial index)
            (t.index() == t.subject() % perTask ? validation : train).add(sequence(t, true));
        }
        // full: the best validation epoch comes well before 20 (early stopping keeps it); quick: with dropout too
        RefineOptions options = quick ? RefineOptions.quick().withRegularisation(RefineOptions.defaults().dropout(), 0)
                : RefineOptions.defaults().withEpochs(20);
        long t1 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        try (RefineModel model = RefineTrainer.train(muscles, List.of("angle", "angular_velocity"), train,
                validation, options, progress)) {
            double trainSeconds = (System.nanoTime() - t1) / 1e9;
            var h = model.history();
            out.printf(Locale.ROOT, "trained on %d trials in %.1f s (%d epochs, best %d): loss %.4g -> validation %.4g%n",
                    train.size(), trainSeconds, h.size(), model.bestEpoch(), h.get(0).trainLoss(),
                    h.get(model.bestEpoch() - 1).validationLoss());
            List<double[][]> measured = new ArrayList<>();
            List<double[][]> raw = new ArrayList<>();
            List<double[][]> refined = new ArrayList<>();
            for (RefineExperiment.Trial t : test) {
                measured.add(t.measured());
                raw.add(t.raw());
                refined.add(model.refine(sequence(t, false)));
            }
            double rate = test.get(0).rate();
            var rawScores = RefineScores.score(muscles, measured, raw, rate, MAX_LAG);
            var refScores = RefineScores.score(muscles, measured, refined, rate, MAX_LAG);
            out.printf(Locale.ROOT, "held-out subjects %s (%d trials): %-9s %8s %8s %8s %8s %9s %9s%n", testSubjects,
                    test.size(), "muscle", "r raw", "r ref", "RMSE raw", "RMSE ref", "lag raw", "lag ref");
            int improved = 0;
            for (int m = 0; m < muscles.size(); m++) {
                var a = rawScores.get(m);
                var b = refScores.get(m);
                boolean better = b.correlation() > a.correlation() && b.rmse() < a.rmse();
                improved += better ? 1 : 0;
                out.printf(Locale.ROOT, "%44s %-9s %8.3f %8.3f %8.4f %8.4f %7.0f ms %6.0f ms%s%n", "", muscles.get(m),
                        a.correlation(), b.correlation(), a.rmse(), b.rmse(), 1000 * a.lagSeconds(),
                        1000 * b.lagSeconds(), better ? "  improved" : "");
            }
            for (ElbowExperiment.Task task : RefineExperiment.TASKS) {
                List<double[][]> mt = new ArrayList<>();
                List<double[][]> rt = new ArrayList<>();
                List<double[][]> ft = new ArrayList<>();
                for (int k = 0; k < test.size(); k++) {
                    if (test.get(k).task() == task) {
                        mt.add(measured.get(k));
                        rt.add(raw.get(k));
                        ft.add(refined.get(k));
                    }
                }
                double cr = RefineScores.meanCorrelation(RefineScores.score(muscles, mt, rt, rate, MAX_LAG));
                double cf = RefineScores.meanCorrelation(RefineScores.score(muscles, mt, ft, rate, MAX_LAG));
                out.printf(Locale.ROOT, "task %s: mean r raw %.3f, refined %.3f%n", task, cr, cf);
                figures.put("corr_raw_" + task.name().toLowerCase(Locale.ROOT), round(cr));
                figures.put("corr_refined_" + task.name().toLowerCase(Locale.ROOT), round(cf));
            }
            figures.put("corr_raw", round(RefineScores.meanCorrelation(rawScores)));
            figures.put("corr_refined", round(RefineScores.meanCorrelation(refScores)));
            figures.put("muscles_improved", improved);
            figures.put("muscles_total", muscles.size());
            figures.put("rmse_raw", round(RefineScores.meanRmse(rawScores)));
            figures.put("rmse_refined", round(RefineScores.meanRmse(refScores)));
            figures.put("lag_raw_ms", round(1000 * RefineScores.meanLagSeconds(rawScores)));
            figures.put("lag_refined_ms", round(1000 * RefineScores.meanLagSeconds(refScores)));
            figures.put("train_seconds", round(trainSeconds));
            figures.put("held_out_subjects", heldOut);
            out.printf(Locale.ROOT, "mean r raw %.3f -> refined %.3f; %d of %d muscles improved%n",
                    figures.get("corr_raw"), figures.get("corr_refined"), improved, muscles.size());
        }
        return figures;
    }

    private static String delays(RefineExperiment exp) {
        StringBuilder b = new StringBuilder("[");
        for (int s = 0; s < exp.subjects(); s++) {
            b.append(s > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", exp.extraDelayS(s)));
        }
        return b.append("]").toString();
    }

    /** Inputs: the simulated activity; extra: angle and velocity; target: the measured envelopes. */
    static RefineSequence sequence(RefineExperiment.Trial t, boolean withTarget) {
        return new RefineSequence(t.raw(), new double[][] {t.angles(), t.angularVelocities()},
                withTarget ? t.measured() : null);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
