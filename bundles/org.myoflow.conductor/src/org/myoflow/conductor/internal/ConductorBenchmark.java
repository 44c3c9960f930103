package org.myoflow.conductor.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.FibreSource;
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
 * {@code ./myoflow bench conductor}: an 8 x 8 array (4 mm, r 0.75 mm) at 2048 Hz over the default planar conductor
 * and anatomy of the planar MUAP-bank step. Reports the planar model's time per fibre (the first including the
 * kernel pre-computation, further fibres sharing it), per motor unit of 200 fibres, and, as a same-run reference,
 * the naive per-fibre cost with the kernel tables recomputed for every fibre; then the dynamic case: 100 units
 * (quick: 20) recomputed at 5 Hz over 10 s (quick: 2 s) of a sinusoidal length change, as ms per bank and as a
 * fraction of the simulated time. The cylindrical conductor's time per fibre is reported alongside.
 *
 * <p>The other half of the dynamic case, summing spikes with the blended banks, is timed through the port contract
 * of the installed step {@value #SUMMATION_STEP} (found in the step registry, run as one embedded node), so this
 * bundle does not import the synthesis bundle; without that step the summation figures are left out.
 */
@Component(service = BenchmarkSuite.class)
public final class ConductorBenchmark implements BenchmarkSuite {

    /** The step that sums spike trains with a MUAP-bank series (contributed by the synthesis bundle). */
    public static final String SUMMATION_STEP = "org.myoflow.synthesis.dynamic-emg";

    private static final double FS = 2048;
    private static final double MUAP_S = 0.04;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StepRegistry steps;

    /** The DS constructor (the registry arrives by field injection). */
    public ConductorBenchmark() {
    }

    /** A benchmark that finds the summation step in the given registry (tests). */
    ConductorBenchmark(StepRegistry steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "conductor";
    }

    @Override
    public String description() {
        return "volume conductor: planar time per fibre and per 200-fibre unit vs recomputing the kernels, "
                + "dynamic MUAP updates (100 units at 5 Hz), 8x8 array at 2048 Hz";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        PlanarMuapSeriesSettings s = new PlanarMuapSeriesSettings(); // the steps' defaults
        s.rows = 8;
        s.cols = 8;
        s.samplingRate = FS;
        s.muapDuration = MUAP_S;
        PlanarLayeredConductor conductor = s.conductor();
        ElectrodeArray array = s.array();
        double[][] electrodes = array.positions();
        MuapBankBuilder builder = s.bankBuilder();
        int samples = builder.samples();
        Map<String, Object> f = new LinkedHashMap<>();

        // --- planar, per fibre and per unit -------------------------------------------------------------
        MotorUnitAnatomy reference = MotorUnitAnatomy.generate(s.anatomySpec(), new SplittableRandom(1));
        PlanarLayeredConductor.KernelGrid grid = builder.gridFor(reference);
        MotorUnitAnatomy unit200 = MotorUnitAnatomy.generate(s.anatomySpec().toBuilder().units(1).minFibres(200)
                .maxFibres(200).cvSpreadMPerS(0).build(), new SplittableRandom(2));
        MotorUnitAnatomy.Unit unit = unit200.units().get(0);
        // warm-up so the JIT has compiled the loops before timing
        PlanarLayeredConductor.Kernels kernels = conductor.kernels(array.radiusMm(), grid);
        fibres(kernels, unit, electrodes, samples, quick ? 50 : 200);
        builder.unitPotentials(unit, kernels, electrodes);
        progress.checkCancelled();
        progress.update(0.05, "warm-up done");

        long t0 = System.nanoTime();
        kernels = conductor.kernels(array.radiusMm(), grid);
        long t1 = System.nanoTime();
        fibres(kernels, unit, electrodes, samples, 1);
        long t2 = System.nanoTime();
        int nNext = quick ? 200 : 2000;
        fibres(kernels, unit, electrodes, samples, nNext);
        long t3 = System.nanoTime();
        int reps = quick ? 3 : 20;
        for (int r = 0; r < reps; r++) {
            builder.unitPotentials(unit, kernels, electrodes);
        }
        long t4 = System.nanoTime();
        progress.checkCancelled();
        progress.update(0.2, "naive reference");
        int nNaive = quick ? 2 : 5;
        for (int i = 0; i < nNaive; i++) {
            PlanarLayeredConductor.Kernels k = conductor.kernels(array.radiusMm(), grid);
            fibres(k, unit, electrodes, samples, 1);
            progress.checkCancelled();
        }
        long t5 = System.nanoTime();
        double kernelsMs = (t1 - t0) / 1e6;
        double firstMs = (t2 - t0) / 1e6;
        double nextMs = (t3 - t2) / 1e6 / nNext;
        double unitMs = (t4 - t3) / 1e6 / reps;
        double naiveMs = (t5 - t4) / 1e6 / nNaive;
        f.put("array", "8x8, 4 mm, r 0.75 mm");
        f.put("sampling_rate_hz", FS);
        f.put("muap_samples", samples);
        f.put("planar_kernel_levels_ms", kernelsMs);
        f.put("planar_ms_per_fibre_first", firstMs);
        f.put("planar_ms_per_fibre_next", nextMs);
        f.put("planar_ms_per_unit_200_fibres", unitMs);
        f.put("planar_ms_per_fibre_in_unit", unitMs / 200);
        f.put("planar_naive_ms_per_fibre", naiveMs);
        f.put("planar_speedup_shared_vs_naive", naiveMs / nextMs);
        f.put("planar_speedup_unit_vs_naive", naiveMs / (unitMs / 200));
        out.printf(Locale.ROOT, "conductor: planar, 8x8 array, %.0f Hz, %d samples per MUAP, grid %.2f mm%n", FS,
                samples, grid.spacingMm());
        out.printf(Locale.ROOT, "  kernel tables (per-depth FFTs)   %9.1f ms%n", kernelsMs);
        out.printf(Locale.ROOT, "  first fibre (incl. tables)       %9.1f ms%n", firstMs);
        out.printf(Locale.ROOT, "  further fibres                   %9.3f ms per fibre (%d fibres)%n", nextMs, nNext);
        out.printf(Locale.ROOT, "  motor unit of 200 fibres         %9.2f ms (%.3f ms per fibre)%n", unitMs,
                unitMs / 200);
        out.printf(Locale.ROOT, "  naive (tables per fibre, ref)    %9.1f ms per fibre -> shared tables %.0fx, "
                + "per unit %.0fx faster%n", naiveMs, naiveMs / nextMs, naiveMs / (unitMs / 200));

        // --- cylindrical, per fibre -----------------------------------------------------------------------
        progress.update(0.3, "cylindrical conductor");
        cylindrical(quick, out, f, electrodes, samples, unit, progress);

        // --- dynamic: 100 units at 5 Hz over 10 s ---------------------------------------------------------
        progress.checkCancelled();
        progress.update(0.5, "dynamic MUAP updates");
        int units = quick ? 20 : 100;
        double duration = quick ? 2 : 10;
        s.units = units;
        s.lengthProfile = MuapSeriesBuilder.LengthProfile.SINUSOID;
        double rate = s.updateRate;
        int banks = (int) Math.floor(duration * rate + 1e-9) + 1;
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), new SplittableRandom(3));
        MuapSeriesBuilder series = new MuapSeriesBuilder(builder);
        long d0 = System.nanoTime();
        PlanarLayeredConductor.Kernels dk = series.kernels(anatomy, 1 - s.lengthAmplitude, 1 + s.lengthAmplitude);
        long d1 = System.nanoTime();
        List<MuapBank> bankList = new ArrayList<>();
        double[] times = new double[banks];
        for (int k = 0; k < banks; k++) {
            double len = s.profileLength(k / rate);
            times[k] = k / rate;
            bankList.add(series.bank(anatomy, dk, len, s.montage, done -> progress.checkCancelled()));
            progress.update(0.5 + 0.45 * (k + 1) / banks, "bank " + (k + 1) + " of " + banks);
        }
        long d2 = System.nanoTime();
        // the other half of the dynamic case: summing the spikes with the blended banks, through the step's ports
        SpikeTrains spikes = BenchmarkSpikes.regular(units, duration, 4);
        StepRegistry registry = steps;
        RegisteredStep summation = registry == null ? null : registry.find(SUMMATION_STEP).orElse(null);
        double sumS = Double.NaN;
        if (summation != null) {
            StepHarness node = StepHarness.of(summation.provider()).input("spikes", spikes)
                    .input("muaps", new MuapBankSeries(bankList, times)).param("noise", false);
            long d3 = System.nanoTime();
            node.run();
            long d4 = System.nanoTime();
            sumS = (d4 - d3) / 1e9;
        }
        double bankMs = (d2 - d1) / 1e6 / banks;
        double totalS = (d2 - d0) / 1e9;
        f.put("dynamic_units", units);
        f.put("dynamic_fibres", anatomy.totalFibres());
        f.put("dynamic_update_rate_hz", rate);
        f.put("dynamic_duration_s", duration);
        f.put("dynamic_banks", banks);
        f.put("dynamic_kernels_ms", (d1 - d0) / 1e6);
        f.put("dynamic_bank_update_ms", bankMs);
        f.put("dynamic_total_s", totalS);
        f.put("dynamic_fraction_of_realtime", totalS / duration);
        if (summation != null) {
            f.put("dynamic_summation_s", sumS);
            f.put("dynamic_realtime_factor", duration / (totalS + sumS));
            f.put("dynamic_muap_share", totalS / (totalS + sumS));
        }
        out.printf(Locale.ROOT, "  dynamic: %d units (%d fibres), %.0f Hz updates over %.0f s = %d banks%n", units,
                anatomy.totalFibres(), rate, duration, banks);
        out.printf(Locale.ROOT, "    kernel tables once             %9.1f ms%n", (d1 - d0) / 1e6);
        out.printf(Locale.ROOT, "    per bank                       %9.1f ms%n", bankMs);
        out.printf(Locale.ROOT, "    all banks + tables             %9.2f s = %.2fx the %.0f s simulated%n", totalS,
                totalS / duration, duration);
        if (summation != null) {
            out.printf(Locale.ROOT, "    EMG summation (%d spikes)   %9.2f s%n", spikes.totalSpikeCount(), sumS);
            out.printf(Locale.ROOT, "    whole dynamic case             %9.2f s: real-time factor %.2f, MUAPs %.0f %% of the time%n",
                    totalS + sumS, duration / (totalS + sumS), 100 * totalS / (totalS + sumS));
        } else {
            out.printf(Locale.ROOT, "    EMG summation: step %s not installed, not timed%n", SUMMATION_STEP);
        }
        progress.update(1, "done");
        return f;
    }


    /** Potentials of n fibres of the unit (cycling through them), each rendered on its own. */
    private static void fibres(PlanarLayeredConductor.Kernels kernels, MotorUnitAnatomy.Unit unit,
            double[][] electrodes, int samples, int n) {
        for (int i = 0; i < n; i++) {
            MotorUnitAnatomy.Fibre fb = unit.fibres().get(i % unit.fibres().size());
            kernels.fibrePotentials(new FibreSource(fb.izMm(), fb.rightSemiLengthMm(), fb.leftSemiLengthMm(),
                    unit.cvMPerS()), fb.xMm(), fb.depthMm(), electrodes, FS, samples, 0);
        }
    }

    /**
     * The cylindrical conductor (limb radius 30 mm; 256 z points of 1 mm, 180 in θ): time per fibre, and per motor
     * unit of 200 fibres through the steps' per-unit path ({@code CylindricalMuapBankStep#unitPotentials}: every
     * fibre accumulated into one projection, the unit rendered once; the planar unit placed under the array as the
     * cylindrical MUAP-bank step does). After at least 1 s of warm-up CPU time, best of 5 (quick) / 15 repetitions
     * of wall and thread CPU time, the latter insensitive to other processes on a loaded machine.
     */
    private static void cylindrical(boolean quick, PrintStream out, Map<String, Object> f, double[][] electrodes,
            int samples, MotorUnitAnatomy.Unit unit, Progress progress) {
        CylindricalLayeredConductor c = CylindricalLayeredConductor.defaults(30);
        double[][] zTheta = c.onSkin(electrodes, 0);
        FibreSource fibre = new FibreSource(0, 50, 50, 4);
        double rho = c.muscleRadiusMm() - 3;
        // warm-up
        c.detection(256, 1, 180, 0.75).fibrePotentials(fibre, rho, 0, zTheta, FS, samples, 0);
        progress.checkCancelled();
        long t0 = System.nanoTime();
        CylindricalLayeredConductor.Detection d = c.detection(256, 1, 180, 0.75);
        d.fibrePotentials(fibre, rho, 0, zTheta, FS, samples, 0);
        long t1 = System.nanoTime();
        int n = quick ? 3 : 20;
        for (int i = 0; i < n; i++) {
            d.fibrePotentials(fibre, rho - 0.1 * i, 0.01 * i, zTheta, FS, samples, 0);
            progress.checkCancelled();
        }
        long t2 = System.nanoTime();
        double first = (t1 - t0) / 1e6;
        double next = (t2 - t1) / 1e6 / n;
        f.put("cylindrical_ms_per_fibre_first", first);
        f.put("cylindrical_ms_per_fibre_next", next);
        out.printf(Locale.ROOT, "  cylindrical (R 30 mm, 256 z x 180 theta): first fibre %.1f ms, further %.2f ms "
                + "per fibre%n", first, next);
        progress.update(0.35, "cylindrical motor unit");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        // warm-up until the JIT has compiled the per-fibre loops: on a loaded machine the compiler threads get
        // little CPU, so a few calls are not enough. At least 1 s of this thread's CPU time in the unit path (or
        // 60 calls), then best-of-N: each call's thread CPU time (and wall time), the smallest kept
        long warmNs = 0;
        for (int i = 0; i < 60 && warmNs < 1_000_000_000L; i++) {
            long w = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            CylindricalMuapBankStep.unitPotentials(d, unit, 0, zTheta, FS, samples);
            warmNs += (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - w;
            progress.checkCancelled();
        }
        int reps = quick ? 5 : 15;
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long[] cpuTimes = new long[reps];
        for (int i = 0; i < reps; i++) {
            long c3 = cpu ? threads.getCurrentThreadCpuTime() : 0;
            long t3 = System.nanoTime();
            CylindricalMuapBankStep.unitPotentials(d, unit, 0, zTheta, FS, samples);
            bestWall = Math.min(bestWall, System.nanoTime() - t3);
            cpuTimes[i] = cpu ? threads.getCurrentThreadCpuTime() - c3 : 0;
            bestCpu = Math.min(bestCpu, cpuTimes[i]);
            progress.checkCancelled();
        }
        double unitMs = bestWall / 1e6;
        f.put("cylindrical_ms_per_unit_200_fibres", unitMs);
        f.put("cylindrical_unit_repetitions", reps);
        out.printf(Locale.ROOT, "  cylindrical motor unit of %d fibres %9.1f ms (%.2f ms per fibre, one thread, best "
                + "of %d after %.1f s of warm-up)%n", unit.fibres().size(), unitMs, unitMs / unit.fibres().size(),
                reps, warmNs / 1e9);
        if (cpu) {
            // the unit runs on this thread: its CPU time does not count the time other processes held the core
            java.util.Arrays.sort(cpuTimes);
            double unitCpuMs = bestCpu / 1e6;
            f.put("cylindrical_cpu_ms_per_unit_200_fibres", unitCpuMs);
            f.put("cylindrical_cpu_ms_per_unit_200_fibres_median", cpuTimes[reps / 2] / 1e6);
            out.printf(Locale.ROOT, "    thread CPU time                %9.1f ms per unit (best; median %.1f ms)%n",
                    unitCpuMs, cpuTimes[reps / 2] / 1e6);
        }
    }
}
