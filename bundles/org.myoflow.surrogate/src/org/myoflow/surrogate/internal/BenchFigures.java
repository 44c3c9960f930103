package org.myoflow.surrogate.internal;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.myoflow.conductor.AnatomySettings;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.BenchmarkSpikes;
import org.myoflow.surrogate.SurrogateMetrics;

/** What the planar and the cylindrical surrogate benchmarks share: the accuracy figures and the dynamic schedule. */
final class BenchFigures {

    private BenchFigures() {
    }

    /** Per-unit NRMSE (median, 95th percentile) and correlation (median, 5th percentile) against the reference. */
    record Accuracy(double nrmseMedian, double nrmseP95, double corrMedian, double corrP5) {

        static Accuracy of(double[][][] reference, double[][][] predicted) {
            double[][] m = SurrogateMetrics.perUnit(reference, predicted);
            return new Accuracy(SurrogateMetrics.quantile(m[0], 0.5), SurrogateMetrics.quantile(m[0], 0.95),
                    SurrogateMetrics.quantile(m[1], 0.5), SurrogateMetrics.quantile(m[1], 0.05));
        }

        /** Figures {prefix}surrogate_model, _units, _nrmse_median, _nrmse_p95, _corr_median, _corr_p5. */
        void put(Map<String, Object> f, String prefix, String model, int units) {
            f.put(prefix + "surrogate_model", model);
            f.put(prefix + "surrogate_units", units);
            f.put(prefix + "surrogate_nrmse_median", nrmseMedian);
            f.put(prefix + "surrogate_nrmse_p95", nrmseP95);
            f.put(prefix + "surrogate_corr_median", corrMedian);
            f.put(prefix + "surrogate_corr_p5", corrP5);
        }
    }

    /**
     * The dynamic case of the benchmarks: units (quick 20, else 100) of the seeded anatomy (seed 3) firing
     * regularly, the duration (quick 2 s, else 10 s), update times k / 5 Hz and normalised lengths
     * 1 + 0.1·sin(2π·0.5 Hz·t).
     */
    record DynamicCase(int units, double duration, double rate, double[] times, double[] lengths,
            MotorUnitAnatomy anatomy, SpikeTrains spikes) {

        /** @param settings anatomy settings of the step under test; its units are set to the case's */
        static DynamicCase of(boolean quick, AnatomySettings settings, Supplier<MotorUnitAnatomy.Spec> spec) {
            int units = quick ? 20 : 100;
            double duration = quick ? 2 : 10;
            double rate = 5;
            int banks = (int) Math.floor(duration * rate + 1e-9) + 1;
            double[] times = new double[banks];
            double[] lengths = new double[banks];
            for (int k = 0; k < banks; k++) {
                times[k] = k / rate;
                lengths[k] = 1 + 0.1 * Math.sin(2 * Math.PI * 0.5 * times[k]);
            }
            settings.units = units;
            MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(spec.get(), new SplittableRandom(3));
            return new DynamicCase(units, duration, rate, times, lengths, anatomy,
                    BenchmarkSpikes.regular(units, duration, 4));
        }

        int banks() {
            return times.length;
        }
    }
}
