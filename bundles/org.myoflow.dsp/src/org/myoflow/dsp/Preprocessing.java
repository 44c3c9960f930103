package org.myoflow.dsp;

/**
 * Settings of the EMG preprocessing shared by every activation estimator: zero-phase Butterworth band-pass (unless
 * {@code bandPass} is false), full-wave rectification (always), binning into means over {@code binMs}, clipping each
 * channel at its {@code clipPercentile}-th percentile and dividing it by its {@code scalePercentile}-th percentile
 * (after clipping). Defaults follow Wimalasena et al. 2022: 20-450 Hz, order 4, 2 ms bins, clip at 99.9, scale by 95.
 *
 * @param bandPassLowHz   lower -3 dB edge of the band-pass
 * @param bandPassHighHz  upper -3 dB edge; must be below the recording's Nyquist frequency (refused otherwise)
 * @param bandPassOrder   Butterworth prototype order (1..10), applied forward and backward
 * @param binMs           bin width; the bin holds round(binMs·fs/1000) samples (at least 1)
 * @param clipPercentile  percentile (0..100] of each binned channel at which it is clipped; 100 keeps all values
 * @param scalePercentile percentile (0..100] of each clipped channel that becomes 1
 * @param bandPass        whether to band-pass; false for already-filtered or low-rate synthetic EMG
 * @since 0.1
 */
public record Preprocessing(double bandPassLowHz, double bandPassHighHz, int bandPassOrder, double binMs,
        double clipPercentile, double scalePercentile, boolean bandPass) {

    public Preprocessing {
        if (bandPass) {
            if (!(bandPassLowHz > 0 && bandPassLowHz < bandPassHighHz)) {
                throw new IllegalArgumentException("bandPassLowHz " + bandPassLowHz + " must be above 0 and below "
                        + "bandPassHighHz " + bandPassHighHz);
            }
            if (bandPassOrder < 1 || bandPassOrder > 10) {
                throw new IllegalArgumentException("bandPassOrder must be 1..10, got " + bandPassOrder);
            }
        }
        if (!(binMs > 0) || Double.isInfinite(binMs)) {
            throw new IllegalArgumentException("binMs must be positive, got " + binMs);
        }
        if (!(clipPercentile > 0 && clipPercentile <= 100)) {
            throw new IllegalArgumentException("clipPercentile must be in (0, 100], got " + clipPercentile);
        }
        if (!(scalePercentile > 0 && scalePercentile <= 100)) {
            throw new IllegalArgumentException("scalePercentile must be in (0, 100], got " + scalePercentile);
        }
    }

    /** 20-450 Hz order-4 band-pass, 2 ms bins, clip at the 99.9th, scale by the 95th percentile. */
    public static Preprocessing defaults() {
        return new Preprocessing(20, 450, 4, 2, 99.9, 95, true);
    }

    public Preprocessing withBandPass(double lowHz, double highHz, int order) {
        return new Preprocessing(lowHz, highHz, order, binMs, clipPercentile, scalePercentile, true);
    }

    /** The same settings without the band-pass. */
    public Preprocessing withoutBandPass() {
        return new Preprocessing(bandPassLowHz, bandPassHighHz, bandPassOrder, binMs, clipPercentile,
                scalePercentile, false);
    }

    public Preprocessing withBinMs(double ms) {
        return new Preprocessing(bandPassLowHz, bandPassHighHz, bandPassOrder, ms, clipPercentile, scalePercentile,
                bandPass);
    }

    public Preprocessing withClipPercentile(double p) {
        return new Preprocessing(bandPassLowHz, bandPassHighHz, bandPassOrder, binMs, p, scalePercentile, bandPass);
    }

    public Preprocessing withScalePercentile(double p) {
        return new Preprocessing(bandPassLowHz, bandPassHighHz, bandPassOrder, binMs, clipPercentile, p, bandPass);
    }
}
