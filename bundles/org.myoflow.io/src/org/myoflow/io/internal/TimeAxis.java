package org.myoflow.io.internal;

import java.lang.System.Logger.Level;
import java.util.Arrays;

import org.myoflow.core.data.DataException;

/**
 * Turns the time column of a text table into the uniform axis a {@link org.myoflow.core.data.Signal} needs.
 * <ul>
 * <li>Times must be strictly increasing; the first offending row is named by its line.</li>
 * <li>The steps are uniform when every step lies within {@code 1e-6·median + 1e-9} s of the median step: the
 * tolerance absorbs the rounding of printed times but not a dropped sample. The rate is then
 * {@code (n - 1) / (t[n-1] - t[0])}, which equals {@code 1/median(dt)} within that tolerance but averages the
 * rounding of the printed times over the whole record instead of taking one rounded step.</li>
 * <li>Otherwise (exported with jitter, gaps, variable-step integrator output such as OpenSim's) the channels are
 * resampled by linear interpolation onto {@code t0 + k·median(dt)} up to the last time, the rate is
 * {@code 1/median(dt)}, and a warning is logged, because downstream filters assume a constant rate.</li>
 * </ul>
 * The start time is always the first time value.
 */
public final class TimeAxis {

    private static final System.Logger LOG = System.getLogger("org.myoflow.io");

    /**
     * A uniform time axis and the channels sampled on it.
     *
     * @param samplingRateHz samples per second
     * @param startTimeS     time of the first sample
     * @param channels       per channel, the values on the uniform axis
     * @param resampled      whether the steps were not uniform and the channels were interpolated
     */
    public record Uniform(double samplingRateHz, double startTimeS, double[][] channels, boolean resampled) {
    }

    private TimeAxis() {
    }

    /**
     * @param file     file name for messages
     * @param times    time of each row, s
     * @param lines    source line of each row
     * @param channels per channel, one value per row
     */
    public static Uniform of(String file, double[] times, int[] lines, double[][] channels) {
        int n = times.length;
        for (int i = 1; i < n; i++) {
            if (!(times[i] > times[i - 1])) {
                throw DataException.at(file, lines[i], "time " + times[i] + " s is not after the previous row's "
                        + times[i - 1] + " s: times must be strictly increasing");
            }
        }
        if (n < 2) {
            throw new DataException(file + ": at least two rows are needed to derive the sampling rate from the "
                    + "time column, found " + n);
        }
        double[] dt = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            dt[i] = times[i + 1] - times[i];
        }
        double median = median(dt);
        double worst = Arrays.stream(dt).map(d -> Math.abs(d - median)).max().orElse(0);
        if (worst <= 1e-6 * median + 1e-9) {
            return new Uniform((n - 1) / (times[n - 1] - times[0]), times[0], channels, false);
        }
        int m = (int) Math.floor((times[n - 1] - times[0]) / median + 1e-9) + 1;
        double[][] out = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = interpolate(times, channels[c], times[0], median, m);
        }
        LOG.log(Level.WARNING, () -> file + ": time steps are not uniform (median " + median
                + " s, largest deviation " + worst + " s); resampled " + n + " rows onto " + m
                + " uniform samples at " + (1 / median) + " Hz by linear interpolation");
        return new Uniform(1 / median, times[0], out, true);
    }

    /** Linear interpolation of (t, y) at t0 + k·step, k = 0..m-1; t is increasing and covers the grid. */
    static double[] interpolate(double[] t, double[] y, double t0, double step, int m) {
        double[] out = new double[m];
        int j = 0;
        for (int k = 0; k < m; k++) {
            double tk = t0 + k * step;
            while (j < t.length - 2 && t[j + 1] < tk) {
                j++;
            }
            double f = (tk - t[j]) / (t[j + 1] - t[j]);
            out[k] = y[j] + Math.min(1, Math.max(0, f)) * (y[j + 1] - y[j]);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }
}
