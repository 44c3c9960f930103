package org.myoflow.spikes;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

import org.myoflow.core.data.Signal;

/**
 * Spike trains of a {@link MotorUnitPool} driven by an excitation u(t) in [0, 1], after Fuglevand, Winter &amp;
 * Patla (1993), J Neurophysiol 70:2470-2488.
 * <p>
 * The excitation is the piecewise-linear interpolation of its samples u_k at t_k = start + k/fs (as
 * {@link Signal#valueAt}), held at the last sample until the end of the window [start, start + samples/fs).
 * Spike times are continuous (not rounded to the sample grid). For each unit i with threshold θ_i:
 * <ul>
 * <li>the unit is active while u(t) ≥ θ_i; upward and downward crossings are located exactly on the linear
 * segments;</li>
 * <li>recruitment: when u rises to θ_i the unit fires its first spike at the crossing time, except that it never
 * fires sooner than 1/minRate_i after its own previous spike (so excitation hovering at threshold cannot drive a
 * unit faster than its rate at threshold). A unit already active at the first sample was recruited before the
 * window: its first spike falls at a uniformly random phase of its first mean interval;</li>
 * <li>after each spike at time s the next follows after ISI = μ·(1 + cv·Z), μ = 1/FR_i(u(s)) the mean interval at
 * the rate of that spike's time, Z standard normal clipped at ±min(3.9, 0.9/cv) so that an interval is never
 * below a tenth of its mean (the clip only tightens below ±3.9 for cv &gt; 0.23);</li>
 * <li>derecruitment: when u falls below θ_i the pending spike is cancelled and the unit is silent; on
 * re-recruitment it starts again with a first spike as above.</li>
 * </ul>
 * Units are simulated one after another, unit 1 first, each drawing from the one generator: the same generator
 * state gives identical trains, and one Gaussian is drawn per spike (plus one uniform for a unit active from
 * the start).
 *
 * @since 0.1
 */
public final class SpikeTrainGenerator {

    /** The clip of the ISI noise Z in standard deviations (Fuglevand 1993 used a Gaussian clipped near ±3.9). */
    public static final double Z_CLIP = 3.9;

    private SpikeTrainGenerator() {
    }

    /**
     * Simulates every unit of the pool.
     *
     * @param pool           recruitment and rate model
     * @param excitation     samples of u, each in [0, 1]
     * @param samplingRateHz fs of the excitation
     * @param startTimeS     time of the first sample; spike times are on the same time axis
     * @param random         source of the ISI noise
     * @param afterUnit      called with the 1-based unit index after each unit (progress, cancellation); may be
     *                       null
     * @return per unit (index 0 = unit 1) ascending spike times in [start, start + samples/fs)
     */
    public static double[][] generate(MotorUnitPool pool, double[] excitation, double samplingRateHz,
            double startTimeS, RandomGenerator random, IntConsumer afterUnit) {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new IllegalArgumentException("sampling rate must be finite and > 0, got " + samplingRateHz);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < excitation.length; k++) {
            double u = excitation[k];
            if (!(u >= 0 && u <= 1)) {
                throw new IllegalArgumentException("excitation sample " + k + " is " + u + ", outside [0, 1]");
            }
            max = Math.max(max, u);
        }
        double[][] trains = new double[pool.size()][];
        for (int i = 1; i <= pool.size(); i++) {
            trains[i - 1] = pool.threshold(i) > max ? new double[0]
                    : unitTrain(pool, i, excitation, samplingRateHz, startTimeS, random);
            if (afterUnit != null) {
                afterUnit.accept(i);
            }
        }
        return trains;
    }

    /**
     * Simulates the pool driven by one channel of a signal, on the signal's time axis (see
     * {@link #generate(MotorUnitPool, double[], double, double, RandomGenerator, IntConsumer)}).
     */
    public static double[][] generate(MotorUnitPool pool, Signal excitation, int channel, RandomGenerator random) {
        return generate(pool, excitation.channel(channel), excitation.samplingRate(), excitation.startTime(), random,
                null);
    }

    /**
     * The factor 1 + cv·Z of an inter-spike interval, Z clipped at ±min(3.9, 0.9/cv) so the factor stays in
     * [0.1, 1.9].
     */
    public static double isiFactor(double cv, double z) {
        if (cv <= 0) {
            return 1;
        }
        double clip = Math.min(Z_CLIP, 0.9 / cv);
        return 1 + cv * Math.max(-clip, Math.min(clip, z));
    }

    private static double[] unitTrain(MotorUnitPool pool, int unit, double[] u, double fs, double t0,
            RandomGenerator random) {
        double theta = pool.threshold(unit);
        double restInterval = 1 / pool.minRate(unit);
        double cv = pool.isiCv();
        double[] spikes = new double[16];
        int count = 0;
        boolean active = false;
        double next = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        int n = u.length;
        for (int k = 0; k < n; k++) {
            double a = t0 + k / fs;
            double b = t0 + (k + 1) / fs;
            double ua = u[k];
            double ub = k + 1 < n ? u[k + 1] : ua;
            // the part [on, off) of this linear segment where u >= theta; empty when it stays below
            double on;
            double off;
            boolean drops = false;
            if (ua >= theta) {
                on = a;
                if (ub >= theta) {
                    off = b;
                } else {
                    off = crossing(a, b, ua, ub, theta);
                    drops = true;
                }
            } else if (ub >= theta) {
                on = crossing(a, b, ua, ub, theta);
                off = b;
            } else {
                continue;
            }
            if (!active) {
                active = true;
                if (k == 0 && ua >= theta) {
                    // active before the window began: a random phase of the first mean interval
                    next = on + random.nextDouble() / Math.max(pool.firingRate(unit, ua), pool.minRate(unit));
                } else {
                    next = Math.max(on, last + restInterval);
                }
            }
            while (next < off) {
                if (count == spikes.length) {
                    spikes = Arrays.copyOf(spikes, 2 * count);
                }
                spikes[count++] = next;
                last = next;
                // mu = 1/FR at the time of this spike (Fuglevand 1993); u interpolated on this segment
                double us = ua + (ub - ua) * Math.min(1, Math.max(0, (next - a) * fs));
                double rate = Math.max(pool.firingRate(unit, Math.max(us, theta)), pool.minRate(unit));
                double z = cv > 0 ? random.nextGaussian() : 0;
                next = last + isiFactor(cv, z) / rate;
            }
            if (drops) {
                active = false;
                next = Double.POSITIVE_INFINITY;
            }
        }
        return Arrays.copyOf(spikes, count);
    }

    private static double crossing(double a, double b, double ua, double ub, double theta) {
        return a + (theta - ua) / (ub - ua) * (b - a);
    }
}
