package org.myoflow.spikes;

import java.util.Locale;
import java.util.Objects;

/**
 * A synthetic excitation u(t) in [0, 1] for driving a motor-unit pool, defined on [0, duration]:
 * <ul>
 * <li>CONSTANT: u = level (baseline unused);</li>
 * <li>RAMP: linear from baseline at t = 0 to level at t = duration;</li>
 * <li>TRAPEZOID: baseline to level over [0, rise], level over [rise, rise + plateau], back to baseline over the
 * next rise seconds, baseline after; needs 2·rise + plateau ≤ duration;</li>
 * <li>SINUSOID: baseline + (level − baseline)·(1 − cos(2π·f·t))/2, between baseline (at t = 0) and level.</li>
 * </ul>
 * Sampled at t_k = k/fs, k = 0..round(duration·fs) − 1, so the last sample lies 1/fs before the end.
 *
 * @param shape      the shape
 * @param durationS  length (s), &gt; 0
 * @param level      peak value, in [0, 1]
 * @param baseline   value at rest, in [0, level]
 * @param riseS      trapezoid rise (and fall) time (s), ≥ 0
 * @param plateauS   trapezoid hold time (s), ≥ 0
 * @param frequencyHz sinusoid frequency (Hz), ≥ 0
 * @since 0.1
 */
public record ExcitationProfile(Shape shape, double durationS, double level, double baseline, double riseS,
        double plateauS, double frequencyHz) {

    /** The shapes of a profile. */
    public enum Shape {
        CONSTANT, RAMP, TRAPEZOID, SINUSOID
    }

    public ExcitationProfile {
        Objects.requireNonNull(shape, "shape");
        if (!(durationS > 0) || Double.isInfinite(durationS)) {
            throw new IllegalArgumentException("duration must be finite and > 0 s, got " + durationS);
        }
        if (!(level >= 0 && level <= 1) || !(baseline >= 0 && baseline <= 1)) {
            throw new IllegalArgumentException("level (" + level + ") and baseline (" + baseline
                    + ") must lie in [0, 1]");
        }
        if (shape != Shape.CONSTANT && level < baseline) {
            throw new IllegalArgumentException("level (" + level + ") must not be below baseline (" + baseline
                    + ")");
        }
        if (!(riseS >= 0) || !(plateauS >= 0) || !(frequencyHz >= 0) || Double.isInfinite(frequencyHz)) {
            throw new IllegalArgumentException("rise, plateau and frequency must be finite and >= 0, got " + riseS
                    + " s, " + plateauS + " s, " + frequencyHz + " Hz");
        }
        if (shape == Shape.TRAPEZOID && 2 * riseS + plateauS > durationS * (1 + 1e-12)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "trapezoid needs 2·rise + plateau <= duration: 2·%g + %g = %g s > %g s", riseS, plateauS,
                    2 * riseS + plateauS, durationS));
        }
    }

    /** u(t); t outside [0, duration] is clamped to it. */
    public double valueAt(double t) {
        double x = Math.max(0, Math.min(durationS, t));
        double span = level - baseline;
        return switch (shape) {
            case CONSTANT -> level;
            case RAMP -> baseline + span * x / durationS;
            case TRAPEZOID -> {
                if (x < riseS) {
                    yield baseline + span * x / riseS;
                }
                if (x <= riseS + plateauS) {
                    yield level;
                }
                if (x < 2 * riseS + plateauS) {
                    yield level - span * (x - riseS - plateauS) / riseS;
                }
                yield baseline;
            }
            case SINUSOID -> baseline + span * (1 - Math.cos(2 * Math.PI * frequencyHz * x)) / 2;
        };
    }

    /** Number of samples at a sampling rate: round(duration·fs). */
    public int sampleCount(double samplingRateHz) {
        double n = Math.rint(durationS * samplingRateHz);
        if (n < 1 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "duration %g s at %g Hz gives %.0f samples; need 1 to %d", durationS, samplingRateHz, n,
                    Integer.MAX_VALUE - 8));
        }
        return (int) n;
    }

    /** The samples u(k/fs), k = 0..round(duration·fs) − 1, each clamped to [0, 1] against rounding. */
    public double[] sample(double samplingRateHz) {
        int n = sampleCount(samplingRateHz);
        double[] u = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = Math.max(0, Math.min(1, valueAt(k / samplingRateHz)));
        }
        return u;
    }
}
