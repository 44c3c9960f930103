package org.myoflow.surrogate.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.LengthInterpolation;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.surrogate.SurrogateConfig;
import org.myoflow.surrogate.SurrogateMetrics;
import org.myoflow.surrogate.SurrogateModel;
import org.myoflow.synthesis.EmgSynthesizer;
import org.osgi.service.component.annotations.Component;

/**
 * The surrogate's contribution to {@code ./myoflow bench synthesis}: the dynamic case (100 units, 64 channels,
 * 10 s, MUAPs updated at 5 Hz while the muscle length follows 1 + 0.1·sin(2π·0.5·t)) computed with the numerical
 * conductor (as the planar series step: exact at the lengths 1 + j·0.1, interpolated between) and with the surrogate
 * side by side, each followed by the EMG summation; real-time factor = simulated
 * duration / wall time.
 */
@Component(service = BenchmarkSuite.class)
public final class SurrogateSynthesisBenchmark implements BenchmarkSuite {

    @Override
    public String name() {
        return "synthesis";
    }

    @Override
    public String description() {
        return "dynamic surface EMG: numerical conductor vs MUAP surrogate (100 units, 8x8, 10 s, 5 Hz updates)";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        SurrogateModel model = SurrogateBenchmark.loadModel();
        SurrogateConfig config = SurrogateConfig.fromJson(model.card().config());
        SurrogateMuapSettings s = new SurrogateMuapSettings();
        BenchFigures.DynamicCase dyn = BenchFigures.DynamicCase.of(quick, s, s::anatomySpec);
        int units = dyn.units();
        double duration = dyn.duration();
        double rate = dyn.rate();
        double[] times = dyn.times();
        double[] lengths = dyn.lengths();
        int banks = dyn.banks();
        MotorUnitAnatomy anatomy = dyn.anatomy();
        SpikeTrains spikes = dyn.spikes();

        progress.update(0.02, "dynamic case with the surrogate");
        SurrogateMuapSeriesStep.series(model, anatomy, times, lengths, ElectrodeArray.Montage.MONOPOLAR, null);
        long a0 = System.nanoTime();
        MuapBankSeries sur = SurrogateMuapSeriesStep.series(model, anatomy, times, lengths,
                ElectrodeArray.Montage.MONOPOLAR, null);
        long a1 = System.nanoTime();
        EmgSynthesizer.synthesize(spikes, sur, null);
        long a2 = System.nanoTime();

        progress.update(0.1, "dynamic case with the numerical conductor");
        MuapSeriesBuilder series = new MuapSeriesBuilder(config.builder());
        long b0 = System.nanoTime();
        // as the planar series step: exact banks at the lengths 1 + j·0.1, the updates interpolated between them
        MuapBankSeries num = series.series(anatomy, times, lengths, ElectrodeArray.Montage.MONOPOLAR,
                LengthInterpolation.DEFAULT_NODE_STEP, new Progress() {
                    @Override
                    public void update(double fraction, String message) {
                        progress.update(0.1 + 0.85 * fraction, "numerical: " + message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return progress.isCancelled();
                    }
                });
        long b1 = System.nanoTime();
        EmgSynthesizer.synthesize(spikes, num, null);
        long b2 = System.nanoTime();

        double surS = (a2 - a0) / 1e9;
        double numS = (b2 - b0) / 1e9;
        double[][][] refFirst = new double[units][][];
        double[][][] surFirst = new double[units][][];
        for (int u = 0; u < units; u++) {
            refFirst[u] = unit(num.first(), u);
            surFirst[u] = unit(sur.first(), u);
        }
        double[][] m = SurrogateMetrics.perUnit(refFirst, surFirst);
        out.printf(Locale.ROOT, "dynamic EMG, %d units, %d channels, %.0f s, %.0f Hz updates (%d banks), sinusoidal "
                + "length 1 +/- 0.1%n", units, config.electrodes(), duration, rate, banks);
        out.printf(Locale.ROOT, "  numerical conductor: banks %.2f s + summation %.2f s: real-time factor %.2f%n",
                (b1 - b0) / 1e9, (b2 - b1) / 1e9, duration / numS);
        out.printf(Locale.ROOT, "  surrogate '%s':  banks %.3f s + summation %.2f s: real-time factor %.2f "
                + "(%.1f ms per update of %d units, one inference call each)%n", model.name(), (a1 - a0) / 1e9,
                (a2 - a1) / 1e9, duration / surS, (a1 - a0) / 1e6 / banks, units);
        out.printf(Locale.ROOT, "  the two banks at t = 0 (the numerical draws its own fibres): NRMSE median %.3f, "
                + "correlation median %.3f%n", SurrogateMetrics.quantile(m[0], 0.5),
                SurrogateMetrics.quantile(m[1], 0.5));
        f.put("dynamic_units", units);
        f.put("dynamic_duration_s", duration);
        f.put("dynamic_banks", banks);
        f.put("dynamic_numerical_total_s", numS);
        // dynamic_realtime_factor_numerical (with its accuracy) comes from the conductor bundle's dynamic case
        f.put("dynamic_surrogate_case_realtime_factor_numerical", duration / numS);
        f.put("dynamic_surrogate_bank_ms", (a1 - a0) / 1e6 / banks);
        f.put("dynamic_surrogate_total_s", surS);
        f.put("dynamic_realtime_factor_surrogate", duration / surS);
        f.put("dynamic_surrogate_vs_numerical_corr_median", SurrogateMetrics.quantile(m[1], 0.5));
        progress.update(1, "done");
        return f;
    }

    private static double[][] unit(MuapBank b, int u) {
        double[][] m = new double[b.channelCount()][];
        for (int c = 0; c < m.length; c++) {
            m[c] = b.muap(u, c);
        }
        return m;
    }
}
