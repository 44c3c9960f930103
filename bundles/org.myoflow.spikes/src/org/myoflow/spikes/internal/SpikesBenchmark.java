package org.myoflow.spikes.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.spikes.ExcitationProfile;
import org.myoflow.spikes.FuglevandPool;
import org.myoflow.spikes.SpikeTrainGenerator;
import org.myoflow.spikes.TwitchModel;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow bench spikes}: a Fuglevand pool of 120 units driven by a trapezoid to 80 % over 60 s (quick:
 * 10 s), excitation at 2048 Hz. Reports the real-time factors of spike generation and of the twitch-force sum, and
 * compares the force (exact recursive summation) with a naive per-spike sum of twitches truncated at 10·T measured
 * in the same run: speed ratio and largest difference.
 */
@Component(service = BenchmarkSuite.class)
public final class SpikesBenchmark implements BenchmarkSuite {

    @Override
    public String name() {
        return "spikes";
    }

    @Override
    public String description() {
        return "motor-unit pool: spike generation and twitch force, real-time factors (120 units, 2048 Hz)";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) {
        double duration = quick ? 10 : 60;
        double fs = 2048;
        int n = 120;
        double[] u = new ExcitationProfile(ExcitationProfile.Shape.TRAPEZOID, duration, 0.8, 0, duration * 0.3,
                duration * 0.4, 0.5).sample(fs);
        FuglevandPool pool = FuglevandPool.defaults();
        TwitchModel twitches = TwitchModel.defaults(n);
        // warm-up so the JIT has compiled the loops before timing
        SpikeTrainGenerator.generate(pool, u, fs, 0, new SplittableRandom(1), i -> progress.checkCancelled());
        progress.update(0.1, "warm-up done");

        long t0 = System.nanoTime();
        double[][] trains = SpikeTrainGenerator.generate(pool, u, fs, 0, new SplittableRandom(2),
                i -> progress.checkCancelled());
        long t1 = System.nanoTime();
        int samples = u.length;
        double[] force = twitches.force(trains, fs, 0, samples, i -> progress.checkCancelled());
        long t2 = System.nanoTime();
        progress.update(0.5, "recursive force done; naive reference");
        double[] naive = naiveForce(twitches, trains, fs, samples, progress);
        long t3 = System.nanoTime();

        int spikes = 0;
        for (double[] t : trains) {
            spikes += t.length;
        }
        double peak = 0;
        double maxDiff = 0;
        for (int k = 0; k < samples; k++) {
            peak = Math.max(peak, Math.abs(force[k]));
            maxDiff = Math.max(maxDiff, Math.abs(force[k] - naive[k]));
        }
        double genS = (t1 - t0) / 1e9;
        double forceS = (t2 - t1) / 1e9;
        double naiveS = (t3 - t2) / 1e9;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("duration_s", duration);
        f.put("units", n);
        f.put("spikes", spikes);
        f.put("spike_generation_ms", genS * 1e3);
        f.put("spike_generation_realtime_factor", duration / genS);
        f.put("force_ms", forceS * 1e3);
        f.put("force_realtime_factor", duration / forceS);
        f.put("naive_force_ms", naiveS * 1e3);
        f.put("force_speedup_vs_naive", naiveS / forceS);
        f.put("force_max_rel_diff_vs_naive", maxDiff / peak);
        out.printf(Locale.ROOT, "spikes: %d units, %.0f s at %.0f Hz, %d spikes%n", n, duration, fs, spikes);
        out.printf(Locale.ROOT, "  spike generation   %8.1f ms  (%.0fx real time)%n", genS * 1e3, duration / genS);
        out.printf(Locale.ROOT, "  twitch force       %8.1f ms  (%.0fx real time)%n", forceS * 1e3, duration / forceS);
        out.printf(Locale.ROOT, "  naive force (ref)  %8.1f ms  -> recursive is %.1fx faster, max diff %.2e of peak%n",
                naiveS * 1e3, naiveS / forceS, maxDiff / peak);
        progress.update(1, "done");
        return f;
    }

    /** The textbook sum: every spike adds its gain-scaled twitch over 10 contraction times. */
    private static double[] naiveForce(TwitchModel m, double[][] trains, double fs, int samples, Progress progress) {
        double[] f = new double[samples];
        for (int unit = 1; unit <= trains.length; unit++) {
            progress.checkCancelled();
            double[] t = trains[unit - 1];
            double span = 10 * m.contractionTime(unit);
            for (int s = 0; s < t.length; s++) {
                double g = s == 0 ? 1 : m.gain(unit, t[s] - t[s - 1]);
                int k0 = (int) Math.ceil(t[s] * fs);
                int k1 = (int) Math.min(samples - 1, Math.floor((t[s] + span) * fs));
                for (int k = Math.max(0, k0); k <= k1; k++) {
                    f[k] += g * m.twitch(unit, k / fs - t[s]);
                }
            }
        }
        return f;
    }
}
