package org.myoflow.dsp;

import java.util.List;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/**
 * Preprocessed EMG: band-passed (optionally), rectified, binned, clipped and scaled, [channel][bin].
 *
 * @param data        the values, [channel][bin], in units of each channel's scale
 * @param binRateHz   bins per second: the recording's rate divided by the samples per bin
 * @param clipLevels  per channel, the level at which the binned channel was clipped (input units)
 * @param scales      per channel, the divisor applied after clipping (input units)
 * @param labels      channel labels
 * @param startTimeS  time of the first bin's first sample
 * @since 0.1
 */
public record Preprocessed(double[][] data, double binRateHz, double[] clipLevels, double[] scales,
        List<String> labels, double startTimeS) {

    public Preprocessed {
        labels = List.copyOf(labels);
        if (data.length != labels.size() || clipLevels.length != labels.size() || scales.length != labels.size()) {
            throw new IllegalArgumentException(data.length + " channels of data, " + clipLevels.length
                    + " clip levels, " + scales.length + " scales and " + labels.size() + " labels");
        }
    }

    public int channels() {
        return data.length;
    }

    public int bins() {
        return data.length == 0 ? 0 : data[0].length;
    }

    /**
     * A plan for chopping these data into overlapping windows of {@code windowBins} (e.g. 100 bins = 200 ms at 2 ms
     * bins) sharing {@code overlapBins}; {@link Windows#chop} and {@link Windows#merge} do the rest.
     *
     * @throws DataException when the recording is shorter than one window, or the overlap is not below the window
     */
    public Windows windows(int windowBins, int overlapBins) {
        if (bins() < windowBins) {
            throw new DataException("the recording has " + bins() + " bins (" + bins() / binRateHz
                    + " s), fewer than one window of " + windowBins + " bins (" + windowBins / binRateHz + " s)");
        }
        try {
            return Windows.plan(bins(), windowBins, overlapBins);
        } catch (IllegalArgumentException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** The preprocessed data as a signal at the bin rate, quantity "emg-envelope", unit "a.u.". */
    public Signal toSignal() {
        return toSignal(data, "emg-envelope");
    }

    /**
     * Estimates [channel][bin] computed from these data, as a signal at the bin rate with these labels, the given
     * quantity (e.g. "activation") and unit "a.u." (scaled units).
     *
     * @throws DataException when the channel count differs
     */
    public Signal toSignal(double[][] values, String quantity) {
        if (values.length != labels.size()) {
            throw new DataException("the estimate has " + values.length + " channels, the preprocessed EMG has "
                    + labels.size());
        }
        Signal.Builder b = Signal.builder(binRateHz).startTime(startTimeS).quantity(quantity);
        for (int c = 0; c < values.length; c++) {
            b.channel(labels.get(c), "a.u.", values[c]);
        }
        return b.build();
    }
}
