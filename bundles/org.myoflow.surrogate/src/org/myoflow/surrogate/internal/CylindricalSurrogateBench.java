package org.myoflow.surrogate.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.surrogate.CylindricalConditions;
import org.myoflow.surrogate.CylindricalSurrogateConfig;
import org.myoflow.surrogate.CylindricalSurrogateModel;
import org.myoflow.surrogate.CylindricalSurrogateTraining;
import org.myoflow.surrogate.CylindricalTrainingSet;
import org.myoflow.synthesis.EmgSynthesizer;

/**
 * The cylindrical part of {@code ./myoflow bench surrogate}: the cylindrical surrogate against the numerical
 * cylindrical conductor on held-out conditions (seed 777, fat thicknesses never used in training), both computed in
 * this run; a 200-fibre numerical unit on one thread (the issue's reference, 136 ms before the per-unit summation);
 * and dynamic cylindrical EMG with the surrogate (100 units, 64 channels, 10 s, banks at 5 Hz, length 1 ± 0.1).
 */
final class CylindricalSurrogateBench {

    /** System property naming the cylindrical model to benchmark (default: the shipped one). */
    static final String MODEL_PROPERTY = "myoflow.bench.surrogate.cylindrical.model";

    /** The issue's figure for a 200-fibre numerical cylindrical unit, ms. */
    static final double ISSUE_UNIT_MS = 136;

    private CylindricalSurrogateBench() {
    }

    static void run(boolean quick, PrintStream out, Progress progress, Map<String, Object> f) {
        String name = System.getProperty(MODEL_PROPERTY, CylindricalSurrogateTraining.NAME);
        CylindricalSurrogateModel model;
        try {
            model = CylindricalSurrogateModel.load(ModelRegistry.fromEnvironment(), name);
        } catch (ModelException e) {
            throw new IllegalStateException(e.getMessage() + " (train it with: ./myoflow train "
                    + CylindricalSurrogateTraining.NAME + ")", e);
        }
        CylindricalSurrogateConfig config = model.config();
        int n = quick ? 24 : 200;
        int levels = quick ? 3 : 10;
        float[][] normalised = CylindricalTrainingSet.draw(n, levels, 777);
        List<CylindricalConditions> conds = new ArrayList<>();
        for (float[] v : normalised) {
            double[] d = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                d[k] = v[k];
            }
            conds.add(config.ranges().denormalise(d));
        }
        List<String> where = IntStream.range(0, n).mapToObj(i -> "held-out unit " + (i + 1)).toList();

        // numerical reference, table by table (one per fat thickness), units of a table in parallel
        CylindricalSurrogateConfig.Numerical numeric = config.numerical();
        double[][][] ref = new double[n][][];
        double tableS = 0;
        double unitsS = 0;
        for (int j = 0; j < levels; j++) {
            int level = j;
            int[] members = IntStream.range(0, n).filter(i -> i % levels == level).toArray();
            long t0 = System.nanoTime();
            numeric.detection(conds.get(members[0]).fatMm());
            long t1 = System.nanoTime();
            IntStream.of(members).parallel().forEach(i -> ref[i] = numeric.monopolar(conds.get(i)));
            long t2 = System.nanoTime();
            tableS += (t1 - t0) / 1e9;
            unitsS += (t2 - t1) / 1e9;
            progress.checkCancelled();
            progress.update(0.5 + 0.3 * (j + 1) / levels, "cylindrical numerical reference: table " + (j + 1)
                    + " of " + levels);
            if (j < levels - 1) {
                numeric.clear();
            }
        }
        // the issue's reference unit: 200 fibres, 12 mm deep, one thread, median of 5 after a warm-up
        CylindricalConditions unit200 = new CylindricalConditions(Math.log(200), 12, 0, 0, 4, 1,
                conds.get((levels - 1)).fatMm());
        numeric.monopolar(unit200);
        double[] t200 = new double[5];
        for (int k = 0; k < t200.length; k++) {
            long a = System.nanoTime();
            numeric.monopolar(unit200);
            t200[k] = (System.nanoTime() - a) / 1e6;
        }
        Arrays.sort(t200);
        double unit200Ms = t200[2];
        numeric.clear();

        progress.update(0.82, "cylindrical surrogate: " + n + " units in one batch");
        model.monopolar(conds, where); // warm-up
        int reps = quick ? 3 : 7;
        double[] times = new double[reps];
        double[][][] pred = null;
        double cpu0 = processCpuS();
        for (int k = 0; k < reps; k++) {
            long s0 = System.nanoTime();
            pred = model.monopolar(conds, where);
            times[k] = (System.nanoTime() - s0) / 1e9;
        }
        double surCpuMs = (processCpuS() - cpu0) * 1e3 / reps / n;
        Arrays.sort(times);
        double surMs = times[reps / 2] * 1e3 / n;
        BenchFigures.Accuracy acc = BenchFigures.Accuracy.of(ref, pred);
        double nrmseMed = acc.nrmseMedian();
        double nrmseP95 = acc.nrmseP95();
        double corrMed = acc.corrMedian();
        double corrP05 = acc.corrP5();
        double numMs = unitsS * 1e3 / n;

        // dynamic cylindrical EMG with the surrogate
        progress.update(0.9, "dynamic cylindrical EMG with the surrogate");
        CylindricalSurrogateMuapSeriesSettings s = new CylindricalSurrogateMuapSeriesSettings();
        BenchFigures.DynamicCase dyn = BenchFigures.DynamicCase.of(quick, s, s::anatomySpec);
        CylindricalSurrogateMuapSeriesStep.series(model, dyn.anatomy(), s.fatThickness, dyn.times(), dyn.lengths(),
                ElectrodeArray.Montage.MONOPOLAR, null); // warm-up
        double dynCpu0 = processCpuS();
        long a0 = System.nanoTime();
        MuapBankSeries series = CylindricalSurrogateMuapSeriesStep.series(model, dyn.anatomy(), s.fatThickness,
                dyn.times(), dyn.lengths(), ElectrodeArray.Montage.MONOPOLAR, null);
        long a1 = System.nanoTime();
        EmgSynthesizer.synthesize(dyn.spikes(), series, null);
        int units = dyn.units();
        double duration = dyn.duration();
        int banks = dyn.banks();
        long a2 = System.nanoTime();
        double dynCpuS = processCpuS() - dynCpu0;
        double dynS = (a2 - a0) / 1e9;

        out.printf(Locale.ROOT, "cylindrical surrogate '%s' vs numerical cylindrical conductor: %d held-out units "
                + "(%d fat thicknesses), %d x %d array, %d samples at %.0f Hz%n", model.name(), n, levels,
                config.rows(), config.cols(), config.samples(), config.samplingRateHz());
        out.printf(Locale.ROOT, "  NRMSE  median %.4f   p95 %.4f   (target <= 0.03)%n", nrmseMed, nrmseP95);
        out.printf(Locale.ROOT, "  corr.  median %.4f   p5  %.4f%n", corrMed, corrP05);
        out.printf(Locale.ROOT, "  numerical: tables %.3f s (%d), units %.3f s = %.2f ms per unit (%d threads, "
                + "%.0f fibres on average); a 200-fibre unit %.2f ms (one thread)%n", tableS, levels, unitsS, numMs,
                Runtime.getRuntime().availableProcessors(), meanFibres(conds), unit200Ms);
        out.printf(Locale.ROOT, "  surrogate: %.4f ms per unit (%d units in one call, ONNX Runtime, %d threads, "
                + "median of %d; target <= 0.136)%n", surMs, n, OnnxSessions.intraOpThreads(), reps);
        out.printf(Locale.ROOT, "  speed-up %.0fx against the 200-fibre unit of this run, %.0fx against the "
                + "issue's 136 ms, %.0fx against the held-out units%n", unit200Ms / surMs, ISSUE_UNIT_MS / surMs,
                numMs / surMs);
        out.printf(Locale.ROOT, "  dynamic cylindrical EMG, surrogate: %d units, %d channels, %.0f s, %d banks: "
                + "banks %.3f s + summation %.2f s: real-time factor %.1f (target >= 10)%n", units,
                config.electrodes(), duration, banks, (a1 - a0) / 1e9, (a2 - a1) / 1e9, duration / dynS);
        acc.put(f, "cylindrical_", model.name(), n);
        f.put("cylindrical_numerical_table_s", tableS / levels);
        f.put("cylindrical_numerical_ms_per_unit", numMs);
        f.put("cylindrical_numerical_200_fibre_unit_ms", unit200Ms);
        f.put("cylindrical_surrogate_ms_per_unit", surMs);
        f.put("cylindrical_surrogate_speedup", unit200Ms / surMs);
        f.put("cylindrical_surrogate_speedup_vs_issue_136ms", ISSUE_UNIT_MS / surMs);
        f.put("cylindrical_surrogate_speedup_heldout_units", numMs / surMs);
        f.put("dynamic_cylindrical_surrogate_bank_ms", (a1 - a0) / 1e6 / banks);
        f.put("dynamic_cylindrical_surrogate_total_s", dynS);
        f.put("dynamic_realtime_factor_cylindrical_surrogate", duration / dynS);
        out.printf(Locale.ROOT, "  process CPU time: surrogate %.4f ms per unit; dynamic case %.2f s (%.1fx real time "
                + "per CPU second)%n", surCpuMs, dynCpuS, duration / dynCpuS);
        f.put("cylindrical_surrogate_cpu_ms_per_unit", surCpuMs);
        f.put("dynamic_cylindrical_surrogate_cpu_s", dynCpuS);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(Locale.ROOT, "  (system load average over the last minute: %.1f on %d cores; wall times scale "
                + "with it on a shared machine)%n", load, Runtime.getRuntime().availableProcessors());
        f.put("cylindrical_bench_load_average_1min", load);
    }

    /** CPU time of this process (all its threads, ONNX Runtime's included), s; NaN when unavailable. */
    private static double processCpuS() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static double meanFibres(List<CylindricalConditions> c) {
        return c.stream().mapToInt(CylindricalConditions::fibres).average().orElse(0);
    }
}
