package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A uniformly sampled multichannel signal (EMG, excitation, activation, force, kinematics, torque). Stored per
 * channel; written as a samples × channels table. Every value must be finite: a NaN or infinity is bad input
 * data and is refused with the channel and sample that carry it.
 *
 * @since 0.1
 */
public final class Signal extends AbstractData {

    private final double[][] channels;
    private final double samplingRateHz;
    private final double startTimeS;
    private final List<String> labels;
    private final List<String> units;
    private final String quantity;

    private Signal(Builder b) {
        if (!(b.samplingRateHz > 0) || Double.isInfinite(b.samplingRateHz)) {
            throw new DataException("sampling rate must be a positive finite number, got " + b.samplingRateHz);
        }
        if (!Double.isFinite(b.startTimeS)) {
            throw new DataException("start time must be finite, got " + b.startTimeS);
        }
        int n = b.channels.isEmpty() ? 0 : b.channels.get(0).length;
        for (int c = 0; c < b.channels.size(); c++) {
            double[] ch = b.channels.get(c);
            if (ch.length != n) {
                throw new DataException("channel " + Excerpt.of(b.labels.get(c)) + " has " + ch.length
                        + " samples, channel " + b.labels.get(0) + " has " + n);
            }
            for (int i = 0; i < ch.length; i++) {
                if (!Double.isFinite(ch[i])) {
                    throw new DataException("channel " + Excerpt.of(b.labels.get(c)) + " sample " + i + " (t = "
                            + (b.startTimeS + i / b.samplingRateHz) + " s) is " + ch[i]);
                }
            }
        }
        this.channels = b.channels.toArray(new double[0][]);
        this.samplingRateHz = b.samplingRateHz;
        this.startTimeS = b.startTimeS;
        this.labels = List.copyOf(b.labels);
        this.units = List.copyOf(b.units);
        this.quantity = b.quantity;
    }

    public static Builder builder(double samplingRateHz) {
        return new Builder(samplingRateHz);
    }

    /** A builder prefilled with this signal's rate, start time, quantity and channels. */
    public Builder toBuilder() {
        Builder b = new Builder(samplingRateHz).startTime(startTimeS).quantity(quantity);
        for (int c = 0; c < channels.length; c++) {
            b.channel(labels.get(c), units.get(c), channels[c]);
        }
        return b;
    }

    @Override
    public DataType type() {
        return DataTypes.SIGNAL;
    }

    public int channelCount() {
        return channels.length;
    }

    public int sampleCount() {
        return channels.length == 0 ? 0 : channels[0].length;
    }

    public double samplingRate() {
        return samplingRateHz;
    }

    public double startTime() {
        return startTimeS;
    }

    /** Duration covered by the samples: sampleCount / fs. */
    public double duration() {
        return sampleCount() / samplingRateHz;
    }

    public double timeAt(int sample) {
        return startTimeS + sample / samplingRateHz;
    }

    public double get(int channel, int sample) {
        return channels[channel][sample];
    }

    /** A copy of one channel. */
    public double[] channel(int channel) {
        return channels[channel].clone();
    }

    /** A copy of the channel with that label. */
    public double[] channel(String label) {
        int i = indexOf(label);
        if (i < 0) {
            throw new DataException("no channel '" + label + "' in signal with channels " + labels);
        }
        return channel(i);
    }

    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    public List<String> labels() {
        return labels;
    }

    public List<String> units() {
        return units;
    }

    /** What the signal measures, e.g. "excitation", "force", "emg"; free text, may be empty. */
    public String quantity() {
        return quantity;
    }

    /**
     * Linear interpolation of a channel at time t (s); clamps to the first and last sample outside the signal.
     */
    public double valueAt(int channel, double t) {
        double[] ch = channels[channel];
        double x = (t - startTimeS) * samplingRateHz;
        if (x <= 0) {
            return ch[0];
        }
        if (x >= ch.length - 1) {
            return ch[ch.length - 1];
        }
        int i = (int) x;
        double f = x - i;
        return ch[i] + f * (ch[i + 1] - ch[i]);
    }

    @Override
    public NumericTable toTable() {
        int n = sampleCount();
        int m = channels.length;
        double[] v = new double[n * m];
        for (int c = 0; c < m; c++) {
            double[] ch = channels[c];
            for (int i = 0; i < n; i++) {
                v[i * m + c] = ch[i];
            }
        }
        return new NumericTable(n, m, v);
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type().id());
        m.put("layout", "samples x channels");
        m.put("samplingRateHz", samplingRateHz);
        m.put("startTimeS", startTimeS);
        m.put("quantity", quantity);
        m.put("labels", labels);
        m.put("units", units);
        return m;
    }

    @Override
    public String toString() {
        return "Signal[" + channelCount() + " ch x " + sampleCount() + " samples @ " + samplingRateHz + " Hz, "
                + quantity + "]";
    }

    /** Builds a {@link Signal}; channels are copied. */
    public static final class Builder {
        private final double samplingRateHz;
        private double startTimeS;
        private String quantity = "";
        private final List<double[]> channels = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<String> units = new ArrayList<>();

        private Builder(double samplingRateHz) {
            this.samplingRateHz = samplingRateHz;
        }

        public Builder startTime(double seconds) {
            this.startTimeS = seconds;
            return this;
        }

        public Builder quantity(String quantity) {
            this.quantity = Objects.requireNonNullElse(quantity, "");
            return this;
        }

        public Builder channel(String label, String unit, double[] values) {
            Objects.requireNonNull(label, "label");
            if (labels.contains(label)) {
                throw new DataException("duplicate channel label " + Excerpt.quoted(label));
            }
            labels.add(label);
            units.add(Objects.requireNonNullElse(unit, ""));
            channels.add(values.clone());
            return this;
        }

        public Signal build() {
            return new Signal(this);
        }
    }
}
