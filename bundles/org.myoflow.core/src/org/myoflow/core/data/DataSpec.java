package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a port carries, known before any computation: data type, physical quantity and unit, channel labels and
 * units, sampling rate, motor-unit count and time span. Steps derive their output specs from their input specs and
 * settings during validation ({@code StepProvider.configure}). Every field but the type may be unknown (null,
 * NaN or -1); an unknown field never causes a refusal, only a known contradiction does. Immutable.
 *
 * @param type          data type of the port
 * @param quantity      physical quantity ("excitation", "emg", "force", "angle", "torque", "activation",
 *                      "envelope", ...), or null when unknown
 * @param unit          unit shared by all channels (e.g. "mV"), or null when unknown or mixed
 * @param channelLabels channel labels in order (signals, MUAP banks), or null when unknown
 * @param channelUnits  unit of each channel (same length as the labels), or null when unknown
 * @param samplingRate  sampling rate in Hz, NaN when unknown
 * @param units         number of motor units (spike trains, MUAP banks), -1 when unknown
 * @param duration      time span in seconds, NaN when unknown
 * @since 0.2
 */
public record DataSpec(DataType type, String quantity, String unit, List<String> channelLabels,
        List<String> channelUnits, double samplingRate, int units, double duration) {

    public DataSpec {
        Objects.requireNonNull(type, "type");
        channelLabels = channelLabels == null ? null : List.copyOf(channelLabels);
        channelUnits = channelUnits == null ? null : List.copyOf(channelUnits);
        if (channelLabels != null && channelUnits != null && channelLabels.size() != channelUnits.size()) {
            throw new IllegalArgumentException(channelLabels.size() + " channel labels but " + channelUnits.size()
                    + " channel units");
        }
        if (units < -1) {
            throw new IllegalArgumentException("unit count must be >= 0 or -1 (unknown), got " + units);
        }
    }

    /** A spec of the given type with every other field unknown. */
    public static DataSpec ofType(DataType type) {
        return new DataSpec(type, null, null, null, null, Double.NaN, -1, Double.NaN);
    }

    /** A signal spec with known labels, one unit for all channels, quantity, rate (Hz) and duration (s). */
    public static DataSpec signal(String quantity, String unit, List<String> labels, double samplingRate,
            double duration) {
        List<String> units = labels == null || unit == null ? null : labels.stream().map(l -> unit).toList();
        return new DataSpec(DataTypes.SIGNAL, quantity, unit, labels, units, samplingRate, -1, duration);
    }

    /** The spec that a piece of data fulfils exactly (cheap: no sample is read). */
    public static DataSpec of(Data data) {
        if (data instanceof Signal s) {
            String unit = s.units().stream().distinct().count() == 1 ? s.units().get(0) : null;
            String q = s.quantity() == null || s.quantity().isEmpty() ? null : s.quantity();
            return new DataSpec(s.type(), q, unit, s.labels(), s.units(), s.samplingRate(), -1,
                    s.duration());
        }
        if (data instanceof SpikeTrains t) {
            return new DataSpec(t.type(), null, null, null, null, Double.NaN, t.unitCount(), t.duration());
        }
        if (data instanceof MuapBank b) {
            return new DataSpec(b.type(), "muap", b.amplitudeUnit(), b.channelLabels(), null, b.samplingRate(),
                    b.unitCount(), Double.NaN);
        }
        if (data instanceof MuapBankSeries s) {
            MuapBank b = s.first();
            return new DataSpec(s.type(), "muap", b.amplitudeUnit(), b.channelLabels(), null, b.samplingRate(),
                    b.unitCount(), Double.NaN);
        }
        return ofType(data.type());
    }

    public DataSpec withType(DataType t) {
        return new DataSpec(t, quantity, unit, channelLabels, channelUnits, samplingRate, units, duration);
    }

    public DataSpec withQuantity(String q) {
        return new DataSpec(type, q, unit, channelLabels, channelUnits, samplingRate, units, duration);
    }

    /** This spec with one unit for every channel (the channel units follow when the labels are known). */
    public DataSpec withUnit(String u) {
        List<String> cu = channelLabels == null || u == null ? channelUnits
                : channelLabels.stream().map(l -> u).toList();
        return new DataSpec(type, quantity, u, channelLabels, cu, samplingRate, units, duration);
    }

    /** This spec with the given labels; the channel units are kept when the count matches, else derived. */
    public DataSpec withChannels(List<String> labels) {
        List<String> cu = null;
        if (labels != null) {
            if (channelUnits != null && channelUnits.size() == labels.size()) {
                cu = channelUnits;
            } else if (unit != null) {
                cu = labels.stream().map(l -> unit).toList();
            }
        }
        return new DataSpec(type, quantity, unit, labels, cu, samplingRate, units, duration);
    }

    /** This spec with the given labels and their units (the shared unit becomes the common one, if any). */
    public DataSpec withChannels(List<String> labels, List<String> unitsPerChannel) {
        String u = unitsPerChannel != null && !unitsPerChannel.isEmpty()
                && unitsPerChannel.stream().distinct().count() == 1 ? unitsPerChannel.get(0) : null;
        return new DataSpec(type, quantity, u, labels, unitsPerChannel, samplingRate, units, duration);
    }

    public DataSpec withSamplingRate(double hz) {
        return new DataSpec(type, quantity, unit, channelLabels, channelUnits, hz, units, duration);
    }

    public DataSpec withUnits(int n) {
        return new DataSpec(type, quantity, unit, channelLabels, channelUnits, samplingRate, n, duration);
    }

    public DataSpec withDuration(double seconds) {
        return new DataSpec(type, quantity, unit, channelLabels, channelUnits, samplingRate, units, seconds);
    }

    /** Whether the channel labels are known. */
    public boolean channelsKnown() {
        return channelLabels != null;
    }

    /** Number of channels, -1 when unknown. */
    public int channelCount() {
        return channelLabels == null ? -1 : channelLabels.size();
    }

    /** Whether the labels are known and contain {@code label}. */
    public boolean hasChannel(String label) {
        return channelLabels != null && channelLabels.contains(label);
    }

    /** Whether the motor-unit count is known. */
    public boolean unitsKnown() {
        return units >= 0;
    }

    /**
     * Differences in the cheap fields between this declared spec and what a step produced (type, channel labels,
     * unit count), one sentence each; empty when {@code actual} fulfils this spec. Unknown fields are not compared.
     */
    public List<String> mismatches(DataSpec actual) {
        List<String> out = new ArrayList<>();
        if (!type.accepts(actual.type)) {
            out.add("declared " + type.id() + " but produced " + actual.type.id());
            return out;
        }
        if (channelLabels != null && actual.channelLabels != null && !channelLabels.equals(actual.channelLabels)) {
            out.add("declared channels " + channelLabels + " but produced " + actual.channelLabels);
        }
        if (units >= 0 && actual.units >= 0 && units != actual.units) {
            out.add("declared " + units + " motor units but produced " + actual.units);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.id());
        if (quantity != null) {
            sb.append(" ").append(quantity);
        }
        if (unit != null && !unit.isEmpty()) {
            sb.append(" [").append(unit).append(']');
        }
        if (channelLabels != null) {
            sb.append(", channels ").append(channelLabels);
        }
        if (units >= 0) {
            sb.append(", ").append(units).append(" units");
        }
        if (!Double.isNaN(samplingRate)) {
            sb.append(", ").append(samplingRate).append(" Hz");
        }
        if (!Double.isNaN(duration)) {
            sb.append(", ").append(duration).append(" s");
        }
        return sb.toString();
    }
}
