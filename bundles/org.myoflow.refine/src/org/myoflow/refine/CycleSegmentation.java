package org.myoflow.refine;

import java.util.ArrayList;
import java.util.List;

/**
 * Movement-cycle segmentation from the kinematics and time normalisation of each cycle, e.g. to compare or train on
 * gait or flexion-extension cycles of different durations.
 *
 * <p>A cycle starts at each upward crossing of a joint angle through its mean, with hysteresis: a crossing counts
 * only after the angle has been below {@code mean − h}, h = {@code hysteresis} × half its peak-to-peak range, since
 * the last counted crossing (so noise around the mean does not split a cycle), and only when at least
 * {@code minCycleS} after the last start. The crossing is put at whichever of the two samples around it is nearer
 * the mean. A cycle runs from one start to the next ({@link Cycle#end()} is the next cycle's start); the data before
 * the first start and after the last are not a cycle.
 *
 * <p>Time normalisation samples a cycle at N points evenly spaced from its start to its end, both included (0 % to
 * 100 %), by linear interpolation; {@link #backMap} takes N normalised values back onto the cycle's own samples.
 *
 * @since 0.1
 */
public final class CycleSegmentation {

    /**
     * One cycle, samples [start, end); {@code end} is the next cycle's start.
     *
     * @param start first sample
     * @param end   first sample of the next cycle (&gt; start)
     */
    public record Cycle(int start, int end) {

        /** Checks 0 &le; start &lt; end. */
        public Cycle {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a cycle needs 0 <= start < end, got [" + start + ", " + end + ")");
            }
        }

        /** Samples in the cycle (end − start). */
        public int length() {
            return end - start;
        }
    }

    private CycleSegmentation() {
    }

    /**
     * The cycles of a movement.
     *
     * @param angle      joint angle (any unit), one value per sample, finite
     * @param rateHz     sampling rate, Hz
     * @param minCycleS  shortest cycle, s (&ge; 0)
     * @param hysteresis fraction (in [0, 1)) of half the peak-to-peak range the angle must fall below its mean before
     *                   the next upward crossing counts
     * @return the cycles in time order (empty when fewer than two starts)
     */
    public static List<Cycle> cycles(double[] angle, double rateHz, double minCycleS, double hysteresis) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be positive and finite, got " + rateHz);
        }
        if (!(minCycleS >= 0) || Double.isInfinite(minCycleS)) {
            throw new IllegalArgumentException("minCycleS must be >= 0 and finite, got " + minCycleS);
        }
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw new IllegalArgumentException("hysteresis must be in [0, 1), got " + hysteresis);
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < angle.length; i++) {
            if (!Double.isFinite(angle[i])) {
                throw new IllegalArgumentException("angle sample " + i + " is " + angle[i] + "; it must be finite");
            }
            mean += angle[i];
            min = Math.min(min, angle[i]);
            max = Math.max(max, angle[i]);
        }
        List<Cycle> cycles = new ArrayList<>();
        if (angle.length < 2) {
            return cycles;
        }
        mean /= angle.length;
        double arm = mean - hysteresis * (max - min) / 2;
        int minSamples = (int) Math.ceil(minCycleS * rateHz);
        boolean armed = false;
        int last = -1;
        for (int i = 1; i < angle.length; i++) {
            if (angle[i - 1] < arm) {
                armed = true;
            }
            if (armed && angle[i - 1] < mean && angle[i] >= mean) {
                int at = mean - angle[i - 1] < angle[i] - mean ? i - 1 : i;
                if (last < 0 || at - last >= minSamples) {
                    if (last >= 0 && at > last) {
                        cycles.add(new Cycle(last, at));
                    }
                    last = at;
                    armed = false;
                }
            }
        }
        return cycles;
    }

    /**
     * One cycle of x at {@code points} points from its start to its end (both included), linearly interpolated.
     *
     * @throws IllegalArgumentException when points &lt; 2 or the cycle's end lies beyond x
     */
    public static double[] normalise(double[] x, Cycle cycle, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, got " + points);
        }
        if (cycle.end() >= x.length) {
            throw new IllegalArgumentException("the cycle ends at sample " + cycle.end() + " but the series has "
                    + x.length + " samples");
        }
        double[] y = new double[points];
        for (int k = 0; k < points; k++) {
            y[k] = at(x, cycle.start() + (double) k * cycle.length() / (points - 1));
        }
        return y;
    }

    /** {@link #normalise(double[], Cycle, int)} of every row of x ([channel][t]). */
    public static double[][] normalise(double[][] x, Cycle cycle, int points) {
        double[][] y = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            y[c] = normalise(x[c], cycle, points);
        }
        return y;
    }

    /**
     * Normalised values (N points, start to end included) back on the cycle's own samples start..end−1, by linear
     * interpolation; the inverse of {@link #normalise} up to interpolation error.
     */
    public static double[] backMap(double[] normalised, Cycle cycle) {
        int points = normalised.length;
        if (points < 2) {
            throw new IllegalArgumentException("need at least 2 normalised points, got " + points);
        }
        double[] y = new double[cycle.length()];
        for (int j = 0; j < y.length; j++) {
            y[j] = at(normalised, (double) j * (points - 1) / cycle.length());
        }
        return y;
    }

    /** Linear interpolation of x at a fractional index in [0, x.length − 1]. */
    private static double at(double[] x, double pos) {
        int k = (int) Math.floor(pos);
        if (k >= x.length - 1) {
            return x[x.length - 1];
        }
        double w = pos - k;
        return w == 0 ? x[k] : x[k] * (1 - w) + x[k + 1] * w;
    }
}
