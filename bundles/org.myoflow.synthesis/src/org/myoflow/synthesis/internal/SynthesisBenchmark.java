package org.myoflow.synthesis.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.BenchmarkSpikes;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.synthesis.EmgSynthesizer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench synthesis}: (a) static synthesis of 10 s (quick: 2 s) of 64-channel EMG at 2048 Hz from
 * 300 units firing regularly at 8–35 Hz with Gaussian jitter (CV 0.15), 41-sample (20 ms) biphasic MUAPs with a
 * 30-fold amplitude spread across units and a decay with distance over an 8 × 8 grid; real-time factor, and the
 * speed ratio against a naive direct sum measured in the same run (for each output sample, every spike of every
 * unit whose MUAP window covers the sample, at every channel) on a shorter slice mid-recording, with the largest difference. (b) dynamic
 * summation, 100 units × 64 channels, MUAP bank series updated at 5 Hz (50 banks over 10 s; quick: 10 over 2 s);
 * real-time factor of the summation alone (the MUAPs are given) and its cost relative to the static sum of the
 * same pool. All inputs are seeded; each time is the shortest of 3 runs (quick: 2) after a warm-up.
 */
@Component(service = BenchmarkSuite.class)
public final class SynthesisBenchmark implements BenchmarkSuite {

    static final double FS = 2048;
    static final int CHANNELS = 64;
    static final int MUAP_SAMPLES = 41;

    @Override
    public String name() {
        return "synthesis";
    }

    @Override
    public String description() {
        return "EMG synthesis: static (300 units) and dynamic (100 units, MUAP series at 5 Hz) summation, "
                + "64 channels at 2048 Hz, real-time factors";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) {
        double duration = quick ? 2 : 10;
        double slice = quick ? 0.1 : 0.25;
        int reps = quick ? 2 : 3;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("duration_s", duration);
        f.put("channels", CHANNELS);
        f.put("sampling_rate_hz", FS);
        f.put("muap_samples", MUAP_SAMPLES);
        f.put("repetitions", reps);

        // (a) static synthesis, 300 units
        int units = 300;
        MuapBank bank = bank(units, 1, 0);
        SpikeTrains spikes = trains(units, duration, 2);
        progress.checkCancelled();
        EmgSynthesizer.synthesize(trains(units, Math.min(duration, 1), 3), bank, cancel(progress)); // JIT warm-up
        progress.update(0.1, "warm-up done");
        double[][][] result = new double[1][][];
        double synthS = best(reps, () -> result[0] = EmgSynthesizer.synthesize(spikes, bank, cancel(progress)));
        double[][] emg = result[0];
        progress.update(0.3, "static synthesis done; naive reference");
        int sliceSamples = EmgSynthesizer.sampleCount(slice, FS);
        int sliceFrom = EmgSynthesizer.sampleCount(duration / 2, FS); // mid-recording, all units firing
        naive(spikes, bank, 0, EmgSynthesizer.sampleCount(0.02, FS), progress); // warm-up
        double naiveS = best(reps, () -> result[0] = naive(spikes, bank, sliceFrom, sliceSamples, progress));
        double[][] ref = result[0];
        double peak = 0;
        double maxDiff = 0;
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < sliceSamples; i++) {
                peak = Math.max(peak, Math.abs(emg[c][sliceFrom + i]));
                maxDiff = Math.max(maxDiff, Math.abs(emg[c][sliceFrom + i] - ref[c][i]));
            }
        }
        double naivePerSignalS = naiveS / slice;
        double synthPerSignalS = synthS / duration;
        f.put("units", units);
        f.put("spikes", spikes.totalSpikeCount());
        f.put("synthesis_ms", synthS * 1e3);
        f.put("synthesis_realtime_factor", duration / synthS);
        f.put("naive_slice_s", slice);
        f.put("naive_ms", naiveS * 1e3);
        f.put("naive_realtime_factor", slice / naiveS);
        f.put("synthesis_speedup_vs_naive", naivePerSignalS / synthPerSignalS);
        f.put("synthesis_max_rel_diff_vs_naive", peak == 0 ? 0.0 : maxDiff / peak);
        out.printf(Locale.ROOT, "synthesis: %d units, %d ch, %.0f s at %.0f Hz, %d spikes, %d-sample MUAPs%n", units,
                CHANNELS, duration, FS, spikes.totalSpikeCount(), MUAP_SAMPLES);
        out.printf(Locale.ROOT, "  static synthesis   %8.1f ms  (%.1fx real time)%n", synthS * 1e3,
                duration / synthS);
        out.printf(Locale.ROOT, "  naive sum (ref)    %8.1f ms for %.2f s (%.2fx real time) -> %.1fx slower, "
                + "max diff %.2e of peak%n", naiveS * 1e3, slice, slice / naiveS, naivePerSignalS / synthPerSignalS,
                peak == 0 ? 0.0 : maxDiff / peak);
        emg = null;
        ref = null;
        result[0] = null;
        progress.update(0.5, "static done; dynamic summation");

        // (b) dynamic summation, 100 units, MUAP banks updated at 5 Hz
        int dynUnits = 100;
        double updateHz = 5;
        int nBanks = (int) Math.round(duration * updateHz);
        MuapBankSeries series = series(dynUnits, nBanks, updateHz, 4);
        SpikeTrains dynSpikes = trains(dynUnits, duration, 5);
        EmgSynthesizer.synthesize(trains(dynUnits, Math.min(duration, 1), 6), series, cancel(progress)); // warm-up
        EmgSynthesizer.synthesize(trains(dynUnits, Math.min(duration, 1), 6), series.first(), cancel(progress));
        progress.update(0.6, "warm-up done");
        double dynS = best(reps, () -> EmgSynthesizer.synthesize(dynSpikes, series, cancel(progress)));
        double statS = best(reps, () -> EmgSynthesizer.synthesize(dynSpikes, series.first(), cancel(progress)));
        f.put("dynamic_units", dynUnits);
        f.put("dynamic_banks", nBanks);
        f.put("dynamic_update_hz", updateHz);
        f.put("dynamic_spikes", dynSpikes.totalSpikeCount());
        f.put("dynamic_summation_ms", dynS * 1e3);
        f.put("dynamic_summation_realtime_factor", duration / dynS);
        f.put("static_same_pool_ms", statS * 1e3);
        f.put("dynamic_cost_vs_static", dynS / statS);
        out.printf(Locale.ROOT, "dynamic: %d units, %d ch, %d MUAP banks at %.0f Hz, %d spikes%n", dynUnits, CHANNELS,
                nBanks, updateHz, dynSpikes.totalSpikeCount());
        out.printf(Locale.ROOT, "  dynamic summation  %8.1f ms  (%.1fx real time)%n", dynS * 1e3, duration / dynS);
        out.printf(Locale.ROOT, "  static, same pool  %8.1f ms  -> blending costs %.2fx the static sum%n",
                statS * 1e3, dynS / statS);
        progress.update(1, "done");
        return f;
    }

    /** The shortest of reps timed runs, in seconds (the least disturbed by other work on the machine). */
    private static double best(int reps, Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e9;
    }

    private static EmgSynthesizer.UnitListener cancel(Progress progress) {
        return (done, total) -> progress.checkCancelled();
    }

    /** Unit sizes: amplitudes spread 30-fold across the pool (exponential, as Fuglevand's twitch forces). */
    private static double size(int u, int units) {
        return Math.exp(Math.log(30) * u / Math.max(1, units - 1));
    }

    /**
     * Biphasic MUAPs (first derivative of a Gaussian), 41 samples centred on the discharge; per unit a width of
     * 1.5–3.5 samples, a size from {@link #size} with ±20 % scatter and a position on the 8 × 8 grid; per channel an
     * amplitude decaying with distance (1 / (1 + (d / 1.5)²)) and a small shift of the centre (conduction).
     *
     * @param scale multiplies all amplitudes; phase shifts the centres by that many samples (for the series)
     */
    static double[][][] waveforms(int units, long seed, double scale, double phase) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] m = new double[units][CHANNELS][MUAP_SAMPLES];
        for (int u = 0; u < units; u++) {
            double width = 1.5 + 2 * r.nextDouble();
            double amp = size(u, units) * (0.8 + 0.4 * r.nextDouble()) * 0.01 * scale;
            double ux = 8 * r.nextDouble();
            double uy = 8 * r.nextDouble();
            for (int c = 0; c < CHANNELS; c++) {
                double dx = c % 8 - ux;
                double dy = c / 8 - uy;
                double d2 = (dx * dx + dy * dy) / (1.5 * 1.5);
                double a = amp / (1 + d2);
                double centre = (MUAP_SAMPLES - 1) / 2.0 + 0.4 * dx + phase;
                for (int k = 0; k < MUAP_SAMPLES; k++) {
                    double z = (k - centre) / width;
                    m[u][c][k] = -a * z * Math.exp(-z * z / 2);
                }
            }
        }
        return m;
    }

    private static List<String> labels() {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            l.add("R" + (c / 8 + 1) + "C" + (c % 8 + 1));
        }
        return l;
    }

    static MuapBank bank(int units, long seed, double phase) {
        return bank(units, seed, 1, phase);
    }

    private static MuapBank bank(int units, long seed, double scale, double phase) {
        return new MuapBank(waveforms(units, seed, scale, phase), FS, -(MUAP_SAMPLES - 1) / 2.0 / FS, labels(), null,
                null, 8, 8, "mV", "monopolar");
    }

    /** Banks at k / updateHz: amplitude ±30 % and centre ±2 samples varying with a 1 Hz movement. */
    static MuapBankSeries series(int units, int nBanks, double updateHz, long seed) {
        List<MuapBank> banks = new ArrayList<>();
        double[] times = new double[nBanks];
        for (int i = 0; i < nBanks; i++) {
            times[i] = i / updateHz;
            double s = Math.sin(2 * Math.PI * 1.0 * times[i]);
            banks.add(bank(units, seed, 1 + 0.3 * s, 2 * s));
        }
        return new MuapBankSeries(banks, times);
    }

    static SpikeTrains trains(int units, double durationS, long seed) {
        return BenchmarkSpikes.regular(units, durationS, seed);
    }

    /**
     * The direct form of the sum: for each output sample, every spike of every unit whose MUAP window covers it
     * (found by walking each unit's sorted spikes), the MUAP value at the continuous delay, linearly interpolated,
     * at every channel; output samples from..from + samples − 1.
     */
    static double[][] naive(SpikeTrains spikes, MuapBank bank, int from, int samples, Progress progress) {
        int units = spikes.unitCount();
        int ns = bank.sampleCount();
        double onset = bank.onset();
        double[][] times = new double[units][];
        for (int u = 0; u < units; u++) {
            times[u] = spikes.times(u);
        }
        int[] first = new int[units];
        double[][] out = new double[bank.channelCount()][samples];
        for (int i = 0; i < samples; i++) {
            if ((i & 255) == 0) {
                progress.checkCancelled();
            }
            double ti = (from + i) / FS;
            for (int u = 0; u < units; u++) {
                double[] tu = times[u];
                // skip spikes whose MUAP ended before this sample: tau >= ns
                while (first[u] < tu.length && (ti - tu[first[u]] - onset) * FS >= ns) {
                    first[u]++;
                }
                for (int j = first[u]; j < tu.length; j++) {
                    double tau = (ti - tu[j] - onset) * FS; // fractional MUAP sample index
                    if (tau <= -1) {
                        break; // this and later spikes start after the sample
                    }
                    if (tau >= ns) {
                        continue;
                    }
                    int k = (int) Math.floor(tau);
                    double w = tau - k;
                    for (int c = 0; c < out.length; c++) {
                        double a = k >= 0 ? bank.get(u, c, k) : 0;
                        double b = k + 1 < ns ? bank.get(u, c, k + 1) : 0;
                        out[c][i] += (1 - w) * a + w * b;
                    }
                }
            }
        }
        return out;
    }
}
