package org.myoflow.activation.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.activation.LowPassEnvelope;
import org.myoflow.activation.MovingRmsEnvelope;
import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessing;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.activation.SangerBayesFilter;
import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.LfadsArchitecture;
import org.myoflow.activation.lfads.LfadsHyperparameters;
import org.myoflow.activation.lfads.LfadsTrainer;
import org.myoflow.activation.lfads.LfadsTraining;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench activation}: simulated multi-muscle EMG with known excitation ({@link SimulatedMuscles}),
 * activation estimated by the low-pass, moving-RMS and Bayesian-filter baselines and by an AutoLFADS-trained model,
 * scored on held-out trials against the true excitation.
 *
 * <p>Scoring, per muscle and method: the estimate and the truth are averaged into the LFADS bins; an affine map from
 * estimate to truth is fitted on the training trials (estimates are in arbitrary units) and R² is computed on the
 * held-out trials; the correlation needs no map. The baselines' free parameters (low-pass cut-off, RMS window,
 * Bayesian diffusion α and jump β) are chosen on the training trials from a small grid, so each baseline is at its
 * best. The
 * baselines run at the full sampling rate on the band-passed, rectified, clipped and scaled EMG; LFADS runs on the
 * same EMG binned.
 */
@Component(service = BenchmarkSuite.class)
public final class ActivationBenchmark implements BenchmarkSuite {

    /** System property: folder of the report (default runs/bench-activation). */
    public static final String REPORT_PROPERTY = "myoflow.bench.activation.report";
    /** System property: AutoLFADS time budget in seconds for the full benchmark (a safety stop). */
    public static final String BUDGET_PROPERTY = "myoflow.bench.activation.budget";
    /** System property: AutoLFADS generations of the full benchmark (the search runs exactly this many). */
    public static final String GENERATIONS_PROPERTY = "myoflow.bench.activation.generations";

    static final double[] CUTOFFS_HZ = {2, 3, 4, 6, 8};
    static final double[] RMS_WINDOWS_MS = {50, 100, 200, 300};
    /** (α, β) pairs tried for the Bayesian filter, within the ranges Sanger gives (α ≤ 1e-1, β ≤ 1e-1). */
    static final double[][] BAYES_GRID = {{1e-3, 1e-10}, {1e-2, 1e-10}, {1e-1, 1e-10}, {1e-3, 1e-4}, {1e-2, 1e-4},
        {1e-1, 1e-4}, {1e-2, 1e-2}, {1e-1, 1e-2}};

    record Plan(int muscles, int units, int trainTrials, int testTrials, double trialSeconds, double binMs,
            int windowBins, int trainingOverlap, int inferenceOverlap, LfadsArchitecture sizes,
            AutoLfads.Options search) {
    }

    static Plan plan(boolean quick) {
        if (quick) {
            return new Plan(6, 40, 4, 2, 6, 10, 50, 40, 40, new LfadsArchitecture(1, 4, 32, 32, 16, 32, 8, 2, 6),
                    new AutoLfads.Options(2, 4, 4, 60, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 11));
        }
        // a fixed number of generations, so the figures repeat from run to run; the budget only guards the time
        double budget = Double.parseDouble(System.getProperty(BUDGET_PROPERTY, "1800"));
        int generations = Integer.parseInt(System.getProperty(GENERATIONS_PROPERTY, "15"));
        return new Plan(8, 100, 16, 4, 10, 10, 100, 75, 80, LfadsArchitecture.small(1, 4),
                new AutoLfads.Options(4, 3, generations, budget, 0.25, 0.2, AutoLfads.Options.defaultRanges(), 11));
    }

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public String description() {
        return "activation estimation vs simulated truth: low-pass, moving RMS, Bayesian filter, AutoLFADS (R², "
                + "correlation on held-out trials)";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        Plan p = plan(quick);
        double fs = 2000;
        long t0 = System.nanoTime();
        SimulatedMuscles sim = new SimulatedMuscles(p.muscles(), 3, p.units(), fs, 20261121L);
        int trials = p.trainTrials() + p.testTrials();
        List<Signal> emg = new ArrayList<>();
        List<double[][]> truthFull = new ArrayList<>();
        for (int k = 0; k < trials; k++) {
            double[][] e = sim.excitation(p.trialSeconds(), 1000 + k);
            truthFull.add(e);
            emg.add(sim.toSignal(sim.emg(e, 20, 2000 + k)));
            progress.checkCancelled();
        }
        out.printf(Locale.ROOT, "simulated %d muscles x %d units, %d training + %d held-out trials of %.0f s at %.0f Hz, "
                + "SNR 20 dB (%.1f s)%n", p.muscles(), p.units(), p.trainTrials(), p.testTrials(), p.trialSeconds(), fs,
                (System.nanoTime() - t0) / 1e9);
        List<Signal> train = emg.subList(0, p.trainTrials());
        int factor = (int) Math.round(p.binMs() * fs / 1000);
        List<double[][]> truth = new ArrayList<>();
        for (double[][] e : truthFull) {
            truth.add(bin(e, factor));
        }

        // baselines at the full rate on the preprocessed EMG (scales from the training trials)
        Preprocessing full = Preprocessing.defaults().withBinMs(1000 / fs);
        double[][] stats = Preprocessor.statistics(train, full);
        List<Preprocessed> pf = new ArrayList<>();
        for (Signal s : emg) {
            pf.add(Preprocessor.apply(s, full, stats[0], stats[1]));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, List<double[][]>> estimates = new LinkedHashMap<>();
        Map<String, String> chosen = new LinkedHashMap<>();
        Tuned lp = tune(CUTOFFS_HZ, v -> estimateAll(pf, x -> LowPassEnvelope.estimate(x, fs, 4, v), factor), truth, p);
        estimates.put("lowpass", lp.estimates());
        chosen.put("lowpass", String.format(Locale.ROOT, "order 4, cut-off %.0f Hz", lp.value()));
        Tuned rms = tune(RMS_WINDOWS_MS, v -> estimateAll(pf, x -> MovingRmsEnvelope.estimate(x, fs, v), factor), truth,
                p);
        estimates.put("rms", rms.estimates());
        chosen.put("rms", String.format(Locale.ROOT, "window %.0f ms", rms.value()));
        double[] pairs = new double[BAYES_GRID.length];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = i;
        }
        Tuned bayes = tune(pairs, v -> estimateAll(pf, x -> new SangerBayesFilter(100, BAYES_GRID[(int) v][0],
                BAYES_GRID[(int) v][1], SangerBayesFilter.Likelihood.LAPLACE, 0).map(x), factor), truth, p);
        double[] ab = BAYES_GRID[(int) bayes.value()];
        estimates.put("bayes", bayes.estimates());
        chosen.put("bayes", String.format(Locale.ROOT, "100 levels, alpha %.0e, beta %.0e, Laplace, MAP", ab[0],
                ab[1]));
        progress.update(0.2, "baselines done");

        // LFADS
        Preprocessing binned = Preprocessing.defaults().withBinMs(p.binMs());
        LfadsTraining.Settings settings = new LfadsTraining.Settings(binned, p.windowBins(), p.trainingOverlap(),
                p.inferenceOverlap(), p.sizes(), LfadsTrainer.Options.defaults(7), p.search(), null, 0, 0.15);
        LfadsTraining.Result lf = LfadsTraining.train(train, settings, "bench-activation-lfads", progress);
        List<double[][]> lfEst = new ArrayList<>();
        try (var model = lf.model()) {
            for (Signal s : emg) {
                lfEst.add(model.estimate(Preprocessor.apply(s, binned, clip(lf), scales(lf))));
            }
        }
        estimates.put("lfads", lfEst);
        chosen.put("lfads", lf.hyperparameters().toString());

        // scores
        out.printf(Locale.ROOT, "%-8s %s%n", "method", "R² per muscle (held-out trials)          mean R²  mean corr");
        for (var e : estimates.entrySet()) {
            double[] r2 = new double[p.muscles()];
            double[] corr = new double[p.muscles()];
            StringBuilder row = new StringBuilder();
            for (int m = 0; m < p.muscles(); m++) {
                r2[m] = Scores.calibratedR2(e.getValue(), truth, m, p.trainTrials());
                corr[m] = Scores.correlation(e.getValue(), truth, m, p.trainTrials());
                row.append(String.format(Locale.ROOT, " %.3f", r2[m]));
            }
            double mr2 = Scores.mean(r2);
            double mc = Scores.mean(corr);
            out.printf(Locale.ROOT, "%-8s%s   %.4f   %.4f   (%s)%n", e.getKey(), row, mr2, mc, chosen.get(e.getKey()));
            figures.put("r2_" + e.getKey(), round(mr2));
            figures.put("corr_" + e.getKey(), round(mc));
        }
        figures.put("lfads_train_seconds", Math.round(lf.trainSeconds() * 10) / 10.0);
        AutoLfads.Result search = lf.search();
        figures.put("lfads_generations", search.generations());
        figures.put("lfads_population", p.search().population());
        figures.put("lfads_best_validation_loss", round(search.bestValidationLoss()));
        figures.put("lfads_hyperparameters", lf.hyperparameters().asMap());
        figures.put("lowpass_cutoff_hz", lp.value());
        figures.put("rms_window_ms", rms.value());
        figures.put("bayes_alpha", ab[0]);
        figures.put("bayes_beta", ab[1]);
        out.printf(Locale.ROOT, "AutoLFADS: %d generations x %d members x %d epochs in %.1f s; best validation loss "
                + "%.4f with %s%n", search.generations(), p.search().population(), p.search().epochsPerGeneration(),
                lf.trainSeconds(), search.bestValidationLoss(), lf.hyperparameters());
        Path report = Paths.get(System.getProperty(REPORT_PROPERTY, "runs/bench-activation"));
        try {
            Path file = ActivationReport.write(report, estimates, truth, p.trainTrials(), 1000 / p.binMs(),
                    sim.labels(), search.history(), figures);
            out.println("report: " + file.toAbsolutePath());
        } catch (IOException e) {
            out.println("report not written: " + e.getMessage());
        }
        return figures;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static double[] clip(LfadsTraining.Result r) {
        return Scores.doubles(r.card().normalisation().getAsJsonArray("clipLevels"));
    }

    private static double[] scales(LfadsTraining.Result r) {
        return Scores.doubles(r.card().normalisation().getAsJsonArray("scales"));
    }

    interface Channelwise {
        double[] apply(double[] x);
    }

    interface Estimator {
        List<double[][]> estimate(double value);
    }

    record Tuned(double value, List<double[][]> estimates) {
    }

    static List<double[][]> estimateAll(List<Preprocessed> data, Channelwise f, int factor) {
        List<double[][]> out = new ArrayList<>();
        for (Preprocessed p : data) {
            double[][] e = new double[p.channels()][];
            for (int c = 0; c < e.length; c++) {
                e[c] = f.apply(p.data()[c]);
            }
            out.add(bin(e, factor));
        }
        return out;
    }

    /** The grid value with the best mean R² on the training trials (fit and score on the training trials). */
    static Tuned tune(double[] grid, Estimator f, List<double[][]> truth, Plan p) {
        Tuned best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double v : grid) {
            List<double[][]> e = f.estimate(v);
            double s = 0;
            for (int m = 0; m < p.muscles(); m++) {
                s += Scores.calibratedR2(e.subList(0, p.trainTrials()), truth.subList(0, p.trainTrials()), m,
                        p.trainTrials());
            }
            if (s > bestScore) {
                bestScore = s;
                best = new Tuned(v, e);
            }
        }
        return best;
    }

    static double[][] bin(double[][] x, int factor) {
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            int n = x[c].length / factor;
            out[c] = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < factor; j++) {
                    s += x[c][i * factor + j];
                }
                out[c][i] = s / factor;
            }
        }
        return out;
    }
}
