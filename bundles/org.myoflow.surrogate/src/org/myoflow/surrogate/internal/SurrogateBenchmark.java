package org.myoflow.surrogate.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.myoflow.conductor.ConditionedMuaps;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.surrogate.SurrogateConfig;
import org.myoflow.surrogate.SurrogateModel;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench surrogate}: accuracy and speed of the MUAP surrogate against the numerical conductor on
 * conditions drawn afresh (seed 777, never used in training), both computed side by side in this run; then the
 * same for the cylindrical surrogate ({@link CylindricalSurrogateBench}).
 */
@Component(service = BenchmarkSuite.class)
public final class SurrogateBenchmark implements BenchmarkSuite {

    /** System property naming the model to benchmark (default: the demo surrogate). */
    public static final String MODEL_PROPERTY = "myoflow.bench.surrogate.model";

    @Override
    public String name() {
        return "surrogate";
    }

    @Override
    public String description() {
        return "MUAP surrogates vs numerical planar and cylindrical conductors on held-out conditions: NRMSE, "
                + "correlation, speed-up; dynamic cylindrical EMG with the surrogate";
    }

    static SurrogateModel loadModel() {
        String name = System.getProperty(MODEL_PROPERTY, SurrogateMuapSettings.DEFAULT_MODEL);
        try {
            return SurrogateModel.load(ModelRegistry.fromEnvironment(), name);
        } catch (ModelException e) {
            throw new IllegalStateException(e.getMessage() + " (train it with: ./myoflow train muap-surrogate-demo)",
                    e);
        }
    }

    /** n conditions drawn uniformly inside the ranges (through float32 normalised values, as the model sees them). */
    static List<MuapConditions> draw(MuapConditions.Ranges ranges, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MuapConditions> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[MuapConditions.COUNT];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (0.5 + 0.5 * r.nextDouble());
            }
            out.add(ranges.denormalise(v));
        }
        return out;
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        progress.update(0, "loading the surrogate");
        SurrogateModel model = loadModel();
        SurrogateConfig config = SurrogateConfig.fromJson(model.card().config());
        int n = quick ? 24 : 200;
        List<MuapConditions> conds = draw(model.ranges(), n, 777);
        List<String> where = IntStream.range(0, n).mapToObj(i -> "held-out unit " + (i + 1)).toList();

        progress.update(0.05, "numerical reference: kernel tables");
        long t0 = System.nanoTime();
        ConditionedMuaps numeric = config.muaps();
        numeric.kernels();
        long t1 = System.nanoTime();
        progress.update(0.1, "numerical reference: " + n + " units");
        double[][][] ref = new double[n][][];
        IntStream.range(0, n).parallel().forEach(i -> ref[i] = numeric.monopolar(conds.get(i)));
        long t2 = System.nanoTime();
        progress.checkCancelled();

        progress.update(0.8, "surrogate: " + n + " units in one batch");
        model.monopolar(conds, where); // warm-up: first run allocates ONNX Runtime's buffers
        int reps = quick ? 3 : 7;
        double[] times = new double[reps];
        double[][][] pred = null;
        for (int k = 0; k < reps; k++) {
            long s0 = System.nanoTime();
            pred = model.monopolar(conds, where);
            times[k] = (System.nanoTime() - s0) / 1e9;
        }
        Arrays.sort(times);
        double surS = times[reps / 2];
        double kernelS = (t1 - t0) / 1e9;
        double unitsS = (t2 - t1) / 1e9;
        BenchFigures.Accuracy acc = BenchFigures.Accuracy.of(ref, pred);
        double nrmseMed = acc.nrmseMedian();
        double nrmseP95 = acc.nrmseP95();
        double corrMed = acc.corrMedian();
        double corrP05 = acc.corrP5();
        double speedup = unitsS / surS;
        double speedupWithTables = (unitsS + kernelS) / surS;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "surrogate '%s' vs numerical planar conductor: %d held-out units, %d x %d array, "
                + "%d samples at %.0f Hz%n", model.name(), n, config.rows(), config.cols(), config.samples(),
                config.samplingRateHz());
        out.printf(Locale.ROOT, "  NRMSE  median %.4f   p95 %.4f   (BioMime's definition; target <= 0.05)%n",
                nrmseMed, nrmseP95);
        out.printf(Locale.ROOT, "  corr.  median %.4f   p5  %.4f   (target >= 0.98)%n", corrMed, corrP05);
        out.printf(Locale.ROOT, "  numerical: kernel tables %.3f s, units %.3f s = %.3f ms per unit (%d threads)%n",
                kernelS, unitsS, unitsS * 1e3 / n, cores);
        out.printf(Locale.ROOT, "  surrogate: %.4f s for %d units in one call = %.4f ms per unit (ONNX Runtime, %d "
                + "threads, median of %d)%n", surS, n, surS * 1e3 / n, OnnxSessions.intraOpThreads(), reps);
        out.printf(Locale.ROOT, "  speed-up  %.0fx per unit (%.0fx counting the numerical kernel tables)%n", speedup,
                speedupWithTables);
        acc.put(f, "", model.name(), n);
        f.put("numerical_kernel_s", kernelS);
        f.put("numerical_ms_per_unit", unitsS * 1e3 / n);
        f.put("surrogate_ms_per_unit", surS * 1e3 / n);
        f.put("surrogate_speedup", speedup);
        f.put("surrogate_speedup_with_tables", speedupWithTables);
        CylindricalSurrogateBench.run(quick, out, progress, f);
        progress.update(1, "done");
        return f;
    }
}
