package org.myoflow.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;

/**
 * One uniformly sampled group of channels of a {@link Recording}: all channels share the rate and the length
 * (markers at the camera rate, analog at the ADC rate, EMG and accelerometers of a wireless system at theirs).
 * Unlike a platform {@link Signal}, values may be {@code NaN}: a missing sample (an occluded marker, a C3D point
 * with residual -1). {@link #toSignal()} turns the group into a platform signal and refuses missing samples by name.
 *
 * @param name         the group's name within the recording, e.g. "analog", "markers", "emg"
 * @param samplingRate samples per second
 * @param startTime    time of the first sample, s
 * @param labels       unique channel labels
 * @param units        physical unit per channel, "" when not stated
 * @param kinds        what each channel measures
 * @param data         per channel, the samples (NaN = missing); not copied, treat as read-only
 * @since 0.2
 */
public record RecordingSignal(String name, double samplingRate, double startTime, List<String> labels,
        List<String> units, List<ChannelKind> kinds, double[][] data) {

    public RecordingSignal {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        units = List.copyOf(units);
        kinds = List.copyOf(kinds);
        if (labels.size() != units.size() || labels.size() != kinds.size() || labels.size() != data.length) {
            throw new IllegalArgumentException("labels, units, kinds and data differ in channel count");
        }
        if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
            throw new DataException(name + ": sampling rate must be a positive finite number, got " + samplingRate);
        }
        int n = data.length == 0 ? 0 : data[0].length;
        for (double[] d : data) {
            if (d.length != n) {
                throw new IllegalArgumentException(name + ": channels differ in length");
            }
        }
        if (new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException(name + ": duplicate channel labels " + labels);
        }
    }

    public int channelCount() {
        return labels.size();
    }

    public int sampleCount() {
        return data.length == 0 ? 0 : data[0].length;
    }

    /** Length in seconds: samples / rate. */
    public double duration() {
        return sampleCount() / samplingRate;
    }

    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    /** Number of missing (NaN) samples of a channel. */
    public int missingCount(int channel) {
        int m = 0;
        for (double v : data[channel]) {
            if (Double.isNaN(v)) {
                m++;
            }
        }
        return m;
    }

    /** The same group restricted to the given channel indices, in that order, with new labels and units. */
    public RecordingSignal select(List<Integer> channels, List<String> newLabels, List<String> newUnits,
            List<double[]> newData) {
        List<ChannelKind> k = new ArrayList<>();
        for (int c : channels) {
            k.add(kinds.get(c));
        }
        return new RecordingSignal(name, samplingRate, startTime, newLabels, newUnits, k,
                newData.toArray(new double[0][]));
    }

    /**
     * The platform signal of these channels; a missing sample is bad input data, named by channel, sample and
     * time.
     */
    public Signal toSignal(String file) {
        Signal.Builder b = Signal.builder(samplingRate).startTime(startTime);
        for (int c = 0; c < data.length; c++) {
            double[] d = data[c];
            for (int i = 0; i < d.length; i++) {
                if (Double.isNaN(d[i])) {
                    throw new DataException(file + ": signal '" + name + "' channel '" + labels.get(c) + "' is "
                            + "missing " + missingCount(c) + " of " + d.length + " samples, the first at sample " + i
                            + " (t = " + (startTime + i / samplingRate) + " s); select other channels or fill the "
                            + "gaps first");
                }
            }
            b.channel(labels.get(c), units.get(c), d);
        }
        return b.build();
    }
}
