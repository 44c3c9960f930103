package org.myoflow.spikes;

import java.util.function.IntConsumer;

/**
 * Twitch force of each unit and the force of a pool from its spike trains, after Fuglevand, Winter &amp; Patla
 * (1993), J Neurophysiol 70:2470-2488.
 * <ul>
 * <li>peak twitch force P_i = exp(ln(RP)·i/n), units i = 1..n, so P_n = RP and P_1 = RP^(1/n) (arbitrary units);</li>
 * <li>contraction time T_i = T_L·(1/P_i)^(ln RT / ln RP), so T_n = T_L/RT;</li>
 * <li>twitch f_i(t) = P_i·(t/T_i)·exp(1 − t/T_i) for t ≥ 0, with its peak P_i at t = T_i;</li>
 * <li>non-linear gain of a spike from the normalised rate r = T_i/ISI: 1 for r ≤ 0.4, else
 * (S/r)/((1 − exp(−2·0.4³))/0.4) with S = 1 − exp(−2r³), which is continuous at r = 0.4.</li>
 * </ul>
 * The ISI of a spike is the interval since the unit's previous spike; a unit's first spike has no previous one
 * (an infinite interval, r = 0) and gets gain 1, the isolated twitch. The force is the exact sum of the
 * gain-scaled twitches, not truncated (see {@link #force}).
 *
 * @since 0.1
 */
public final class TwitchModel {

    /** The normalised rate r = T/ISI above which the gain is non-linear (Fuglevand 1993). */
    public static final double GAIN_KNEE = 0.4;

    private static final double GAIN_NORM = (1 - Math.exp(-2 * GAIN_KNEE * GAIN_KNEE * GAIN_KNEE)) / GAIN_KNEE;

    private final int units;
    private final double forceRange;
    private final double timeRange;
    private final double longestContractionS;
    private final double[] peak;
    private final double[] contractionTime;

    /**
     * @param units               n, at least 1
     * @param forceRange          RP, largest over smallest peak twitch force, &gt; 1
     * @param timeRange           RT, longest over shortest contraction time, ≥ 1
     * @param longestContractionS T_L (s), the longest contraction time (T_i = T_L at P_i = 1; T_1 is just below),
     *                            &gt; 0
     */
    public TwitchModel(int units, double forceRange, double timeRange, double longestContractionS) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + units);
        }
        if (!(forceRange > 1) || Double.isInfinite(forceRange)) {
            throw new IllegalArgumentException("twitch force range must be finite and > 1, got " + forceRange);
        }
        if (!(timeRange >= 1) || Double.isInfinite(timeRange)) {
            throw new IllegalArgumentException("twitch time range must be finite and >= 1, got " + timeRange);
        }
        if (!(longestContractionS > 0) || Double.isInfinite(longestContractionS)) {
            throw new IllegalArgumentException("longest contraction time must be finite and > 0 s, got "
                    + longestContractionS);
        }
        this.units = units;
        this.forceRange = forceRange;
        this.timeRange = timeRange;
        this.longestContractionS = longestContractionS;
        this.peak = new double[units + 1];
        this.contractionTime = new double[units + 1];
        double exponent = Math.log(timeRange) / Math.log(forceRange);
        for (int i = 1; i <= units; i++) {
            peak[i] = Math.exp(Math.log(forceRange) * i / units);
            contractionTime[i] = longestContractionS * Math.pow(1 / peak[i], exponent);
        }
    }

    /** The paper's defaults for n units: RP 100, RT 3, T_L 90 ms. */
    public static TwitchModel defaults(int units) {
        return new TwitchModel(units, 100, 3, 0.090);
    }

    public int size() {
        return units;
    }

    /** Peak twitch force P_i = exp(ln(RP)·i/n) (arbitrary units). */
    public double peak(int unit) {
        checkUnit(unit);
        return peak[unit];
    }

    /** Contraction time T_i = T_L·(1/P_i)^(ln RT/ln RP), in seconds. */
    public double contractionTime(int unit) {
        checkUnit(unit);
        return contractionTime[unit];
    }

    /** The twitch f_i(t) = P_i·(t/T_i)·exp(1 − t/T_i) at t seconds after the spike; 0 for t &lt; 0. */
    public double twitch(int unit, double t) {
        checkUnit(unit);
        if (t < 0) {
            return 0;
        }
        double x = t / contractionTime[unit];
        return peak[unit] * x * Math.exp(1 - x);
    }

    /**
     * Fuglevand's gain as a function of r = T/ISI: 1 for r ≤ 0.4, else (S/r)/((1 − exp(−2·0.4³))/0.4) with
     * S = 1 − exp(−2r³).
     */
    public static double gain(double r) {
        if (!(r > GAIN_KNEE)) {
            return 1;
        }
        double s = 1 - Math.exp(-2 * r * r * r);
        return (s / r) / GAIN_NORM;
    }

    /** The gain of a spike of a unit that follows the previous spike after {@code isiS} seconds (∞: first spike). */
    public double gain(int unit, double isiS) {
        checkUnit(unit);
        return gain(contractionTime[unit] / isiS);
    }

    /**
     * The pool's force: the sum over units and spikes of gain·f_i(t − spike), sampled at t_k = start + k/fs.
     * <p>
     * The twitch is convolved exactly, without truncation, by a recursion: per unit keep
     * A(t) = Σ g·exp(−(t − s)/T) and B(t) = Σ g·(t − s)·exp(−(t − s)/T) over past spikes s; then the force is
     * (P·e/T)·B(t), and advancing by Δ maps A to A·exp(−Δ/T) and B to (B + Δ·A)·exp(−Δ/T). A spike adds its
     * gain to A at its own time. This costs O(samples + spikes) per unit.
     *
     * @param spikeTimes     per unit (index 0 = unit 1), ascending firing times in seconds
     * @param samplingRateHz fs of the force
     * @param startTimeS     time of the first force sample
     * @param samples        number of force samples
     * @param afterUnit      called with the 1-based unit index after each unit (progress, cancellation); may be
     *                       null
     * @return force in the units of P (the smallest unit's twitch peak is P_1 = RP^(1/n))
     */
    public double[] force(double[][] spikeTimes, double samplingRateHz, double startTimeS, int samples,
            IntConsumer afterUnit) {
        if (spikeTimes.length != units) {
            throw new IllegalArgumentException(spikeTimes.length + " spike trains for a twitch model of " + units
                    + " units");
        }
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz) || samples < 0) {
            throw new IllegalArgumentException("bad force sampling: " + samples + " samples at " + samplingRateHz
                    + " Hz");
        }
        double[] force = new double[samples];
        for (int i = 1; i <= units; i++) {
            addUnitForce(i, spikeTimes[i - 1], samplingRateHz, startTimeS, force);
            if (afterUnit != null) {
                afterUnit.accept(i);
            }
        }
        return force;
    }

    private void addUnitForce(int unit, double[] spikes, double fs, double t0, double[] force) {
        if (spikes.length == 0) {
            return;
        }
        double tc = contractionTime[unit];
        double scale = peak[unit] * Math.E / tc;
        double stepDecay = Math.exp(-1 / (fs * tc));
        double a = 0;
        double b = 0;
        double now = Double.NaN;
        int next = 0;
        double previousSpike = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < force.length; k++) {
            double t = t0 + k / fs;
            if (next < spikes.length && spikes[next] <= t) {
                // spikes since the last sample: advance exactly to each, add its gain to A
                while (next < spikes.length && spikes[next] <= t) {
                    double s = spikes[next];
                    if (a != 0) {
                        double d = s - now;
                        double decay = Math.exp(-d / tc);
                        b = (b + d * a) * decay;
                        a *= decay;
                    }
                    a += gain(tc / (s - previousSpike));
                    previousSpike = s;
                    now = s;
                    next++;
                }
                double d = t - now;
                double decay = Math.exp(-d / tc);
                b = (b + d * a) * decay;
                a *= decay;
            } else if (a != 0) {
                // no spike since the previous sample: a regular step of 1/fs
                b = (b + (t - now) * a) * stepDecay;
                a *= stepDecay;
            }
            now = t;
            force[k] += scale * b;
        }
    }

    private void checkUnit(int unit) {
        if (unit < 1 || unit > units) {
            throw new IndexOutOfBoundsException("unit " + unit + " is not in 1.." + units);
        }
    }

    public double forceRange() {
        return forceRange;
    }

    public double timeRange() {
        return timeRange;
    }

    public double longestContraction() {
        return longestContractionS;
    }
}
