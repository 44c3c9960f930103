package org.myoflow.conductor.internal;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.LengthInterpolation;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.BenchmarkSpikes;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The numerical conductors' contribution to {@code ./myoflow bench synthesis}: dynamic surface EMG with the
 * numerical planar and cylindrical models. 100 units (quick: 20), 8 × 8 array, 2048 Hz, 10 s (quick: 2 s), MUAP
 * banks at 5 Hz while the normalised muscle length follows 1 + 0.1·sin(2π·0.5·t) (NeuroMotion's stretch), each
 * followed by the EMG summation through the installed step {@value ConductorBenchmark#SUMMATION_STEP}. The banks
 * come from exact banks at the node lengths 1 + j·0.1 ({@link LengthInterpolation}); real-time factor = simulated
 * duration / wall time of banks + summation (the thread CPU time of the whole process is reported beside it).
 * Accuracy: the largest per-unit NRMSE (RMS difference over channels and samples / the exact unit's peak-to-peak)
 * of the interpolated banks against the exact recomputation at up to four (quick: two) of the update lengths, those
 * farthest from a node. Without the summation step its time counts as 0 (said in the output).
 */
@Component(service = BenchmarkSuite.class)
public final class DynamicMuapBenchmark implements BenchmarkSuite {

    private static final double RATE = 5;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StepRegistry steps;

    /** The DS constructor (the registry arrives by field injection). */
    public DynamicMuapBenchmark() {
    }

    /** A benchmark that finds the summation step in the given registry (tests). */
    DynamicMuapBenchmark(StepRegistry steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "synthesis";
    }

    @Override
    public String description() {
        return "dynamic surface EMG with the numerical planar and cylindrical conductors (100 units, 8x8, 10 s, "
                + "5 Hz updates, interpolated over the length range) vs exact recomputation";
    }

    /** One model's dynamic case: the exact MUAPs at a length, montage-free (monopolar), and how to make a bank. */
    private interface Model {
        /** The exact monopolar MUAPs at a length, for lengths in [lo, hi]. */
        DoubleFunction<double[][][]> exact(double lo, double hi);

        /** The interpolated series (what a user of the model gets). */
        MuapBankSeries series(double[] times, double[] lengths);
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        int units = quick ? 20 : 100;
        double duration = quick ? 2 : 10;
        int banks = (int) Math.floor(duration * RATE + 1e-9) + 1;
        double[] times = new double[banks];
        double[] lengths = new double[banks];
        for (int k = 0; k < banks; k++) {
            times[k] = k / RATE;
            lengths[k] = MuapSeriesBuilder.LengthProfile.SINUSOID.at(times[k], 0.1, 0.5);
        }
        SpikeTrains spikes = BenchmarkSpikes.regular(units, duration, 4);
        RegisteredStep summation = steps == null ? null
                : steps.find(ConductorBenchmark.SUMMATION_STEP).orElse(null);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dynamic_numerical_units", units);
        f.put("dynamic_numerical_duration_s", duration);
        f.put("dynamic_numerical_banks", banks);
        f.put("dynamic_numerical_node_step", LengthInterpolation.DEFAULT_NODE_STEP);
        out.printf(Locale.ROOT, "dynamic EMG with the numerical conductors: %d units, 8x8, %.0f s, %.0f Hz updates "
                + "(%d banks), length 1 +/- 0.1 at 0.5 Hz, MUAPs exact at lengths 1 + j*%.2f and interpolated%n",
                units, duration, RATE, banks, LengthInterpolation.DEFAULT_NODE_STEP);

        // planar: the series step's defaults
        PlanarMuapSeriesSettings ps = new PlanarMuapSeriesSettings();
        ps.units = units;
        MuapBankBuilder builder = ps.bankBuilder();
        MotorUnitAnatomy planarAnatomy = MotorUnitAnatomy.generate(ps.anatomySpec(), new SplittableRandom(3));
        Model planar = new Model() {
            @Override
            public DoubleFunction<double[][][]> exact(double lo, double hi) {
                PlanarLayeredConductor.Kernels k = new MuapSeriesBuilder(builder).kernels(planarAnatomy, lo, hi);
                return s -> builder.monopolar(planarAnatomy.stretched(s), k, null);
            }

            @Override
            public MuapBankSeries series(double[] times, double[] lengths) {
                return new MuapSeriesBuilder(builder).series(planarAnatomy, times, lengths,
                        ElectrodeArray.Montage.MONOPOLAR, LengthInterpolation.DEFAULT_NODE_STEP, null);
            }
        };
        progress.update(0.01, "planar: warm-up");
        planar.series(new double[] { 0, 0.2, 0.4 }, new double[] { 0.95, 1.0, 1.02 }); // JIT warm-up
        progress.checkCancelled();
        progress.update(0.05, "planar dynamic case");
        run(planar, duration, times, lengths, spikes, summation, quick ? 2 : 4, f, "numerical", "planar", out, progress, 0.05,
                0.5);

        // cylindrical: the cylindrical MUAP-bank step's defaults (muscle radius 20 mm, fat 1 mm)
        CylindricalMuapBankSettings cs = new CylindricalMuapBankSettings();
        cs.units = units;
        MotorUnitAnatomy cylAnatomy = MotorUnitAnatomy.generate(cs.anatomySpec(), new SplittableRandom(3));
        ElectrodeArray cylArray = cs.array();
        Model cylindrical = new Model() {
            @Override
            public DoubleFunction<double[][][]> exact(double lo, double hi) {
                return CylindricalMuapBankStep.monopolarAtLength(cs, cylAnatomy, lo, hi);
            }

            @Override
            public MuapBankSeries series(double[] times, double[] lengths) {
                return interpolated(this, times, lengths, cylArray, cs.samplingRate);
            }
        };
        progress.update(0.5, "cylindrical dynamic case");
        run(cylindrical, duration, times, lengths, spikes, summation, quick ? 2 : 4, f, "cylindrical", "cylindrical", out,
                progress, 0.5, 1);
        progress.update(1, "done");
        return f;
    }

    private static MuapBank bank(double[][][] mono, ElectrodeArray array, double fs) {
        ElectrodeArray.Derivation der = array.derive(ElectrodeArray.Montage.MONOPOLAR);
        double[][][] m = new double[mono.length][][];
        for (int u = 0; u < mono.length; u++) {
            m[u] = der.apply(mono[u]);
        }
        return new MuapBank(m, fs, 0, der.labels(), null, der.positions(), der.rows(), der.cols(), "mV",
                ElectrodeArray.Montage.MONOPOLAR.label());
    }

    /** The interpolated series: exact banks at the nodes, one interpolation per distinct length. */
    private static MuapBankSeries interpolated(Model model, double[] times, double[] lengths, ElectrodeArray array,
            double fs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double s : lengths) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        double[] nodes = LengthInterpolation.nodes(lo, hi, LengthInterpolation.DEFAULT_NODE_STEP);
        LengthInterpolation li = LengthInterpolation.compute(nodes, model.exact(nodes[0], nodes[nodes.length - 1]),
                fs, 0);
        Map<Double, MuapBank> cache = new java.util.HashMap<>();
        List<MuapBank> list = new ArrayList<>();
        for (double s : lengths) {
            list.add(cache.computeIfAbsent(s, x -> bank(li.at(x), array, fs)));
        }
        return new MuapBankSeries(list, times);
    }

    private static void run(Model model, double duration, double[] times, double[] lengths, SpikeTrains spikes,
            RegisteredStep summation, int checks, Map<String, Object> f, String key, String label, PrintStream out,
            Progress progress, double p0, double p1) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = cpu(threads);
        long t0 = System.nanoTime();
        MuapBankSeries series = model.series(times, lengths);
        long t1 = System.nanoTime();
        double sumS = 0;
        if (summation != null) {
            StepHarness.of(summation.provider()).input("spikes", spikes).input("muaps", series)
                    .param("noise", false).run();
            sumS = (System.nanoTime() - t1) / 1e9;
        }
        long c1 = cpu(threads);
        double banksS = (t1 - t0) / 1e9;
        double totalS = banksS + sumS;
        progress.checkCancelled();
        progress.update(p0 + 0.4 * (p1 - p0), label + ": exact reference");

        // accuracy: the distinct update lengths farthest from a node, recomputed exactly
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double s : lengths) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        double[] nodes = LengthInterpolation.nodes(lo, hi, LengthInterpolation.DEFAULT_NODE_STEP);
        TreeMap<Double, Integer> byDistance = new TreeMap<>();
        for (int k = 0; k < lengths.length; k++) {
            double d = Double.POSITIVE_INFINITY;
            for (double n : nodes) {
                d = Math.min(d, Math.abs(lengths[k] - n));
            }
            boolean near = false;
            for (int j : byDistance.values()) {
                near |= Math.abs(lengths[j] - lengths[k]) < 1e-6;
            }
            if (!near) {
                byDistance.put(-d - 1e-12 * k, k);
            }
        }
        DoubleFunction<double[][][]> exact = model.exact(nodes[0], nodes[nodes.length - 1]);
        double maxNrmse = 0;
        double exactBankS = Double.POSITIVE_INFINITY;
        int checked = 0;
        for (int k : byDistance.values()) {
            if (checked == checks) {
                break;
            }
            long e0 = System.nanoTime();
            double[][][] ref = exact.apply(lengths[k]);
            exactBankS = Math.min(exactBankS, (System.nanoTime() - e0) / 1e9);
            maxNrmse = Math.max(maxNrmse, maxNrmse(ref, series.bank(k)));
            checked++;
            progress.checkCancelled();
        }
        double exactTotalS = exactBankS * times.length + sumS;
        f.put("dynamic_banks_s_" + key, banksS);
        f.put("dynamic_summation_s_" + key, sumS);
        f.put("dynamic_total_s_" + key, totalS);
        f.put("dynamic_cpu_s_" + key, (c1 - c0) / 1e9);
        f.put("dynamic_realtime_factor_" + key, duration / totalS);
        f.put("dynamic_cpu_realtime_factor_" + key, duration / ((c1 - c0) / 1e9));
        f.put("dynamic_nrmse_max_" + key, maxNrmse);
        f.put("dynamic_nrmse_checked_updates_" + key, checked);
        f.put("dynamic_exact_bank_s_" + key, exactBankS);
        f.put("dynamic_exact_realtime_factor_" + key, duration / exactTotalS);
        out.printf(Locale.ROOT, "  %-11s nodes %s: banks %.2f s + summation %.2f s = %.2f s (CPU %.1f s): "
                + "real-time factor %.2f (per CPU second %.2f)%n", label, java.util.Arrays.toString(nodes), banksS,
                sumS, totalS, (c1 - c0) / 1e9, duration / totalS, duration / ((c1 - c0) / 1e9));
        if (summation == null) {
            out.printf(Locale.ROOT, "  %-11s EMG summation: step %s not installed, not timed%n", label,
                    ConductorBenchmark.SUMMATION_STEP);
        }
        out.printf(Locale.ROOT, "  %-11s vs exact recomputation at %d update lengths: max NRMSE %.4f %%; exact "
                + "bank %.2f s -> exact real-time factor %.2f%n", label, checked, 100 * maxNrmse, exactBankS,
                duration / exactTotalS);
    }

    /** CPU time of all live threads, ns (the pool threads persist, so differences are the process's work). */
    private static long cpu(ThreadMXBean threads) {
        if (!threads.isThreadCpuTimeSupported()) {
            return 0;
        }
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** The largest per-unit NRMSE of bank b against monopolar reference [unit][electrode][sample]. */
    static double maxNrmse(double[][][] ref, MuapBank b) {
        double worst = 0;
        for (int u = 0; u < ref.length; u++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double se = 0;
            long n = 0;
            for (int c = 0; c < ref[u].length; c++) {
                double[] m = b.muap(u, c);
                for (int t = 0; t < ref[u][c].length; t++) {
                    double r = ref[u][c][t];
                    min = Math.min(min, r);
                    max = Math.max(max, r);
                    double d = r - m[t];
                    se += d * d;
                    n++;
                }
            }
            if (max > min) {
                worst = Math.max(worst, Math.sqrt(se / n) / (max - min));
            }
        }
        return worst;
    }
}
