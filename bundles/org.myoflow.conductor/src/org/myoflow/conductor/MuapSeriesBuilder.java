package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;

/**
 * MUAP banks of one motor-unit anatomy during a movement: at each update time t_k the muscle has normalised length
 * s_k (1 = rest) and the bank is computed for {@link MotorUnitAnatomy#stretched anatomy.stretched(s_k)}
 * (NeuroMotion's rule: fibre length × s, depth × 1/√s, CV × 1/s). The planar conductor's kernel tables do not
 * depend on s: they are computed once, for a grid that covers the anatomy at the shortest and at the longest
 * length, and shared by every update time. Equal lengths give the same bank (computed once).
 *
 * @since 0.1
 */
public final class MuapSeriesBuilder {

    /** Shortest normalised muscle length accepted. */
    public static final double MIN_LENGTH = 0.7;
    /** Longest normalised muscle length accepted. */
    public static final double MAX_LENGTH = 1.3;

    /** Built-in normalised muscle length s(t) of the series steps when no length signal is connected. */
    public enum LengthProfile {
        /** s = 1 (rest length) throughout. */
        CONSTANT,
        /** s = 1 + amplitude·sin(2π·frequency·t). */
        SINUSOID;

        /** s at time t (s). */
        public double at(double tS, double amplitude, double frequencyHz) {
            return this == CONSTANT ? 1 : 1 + amplitude * Math.sin(2 * Math.PI * frequencyHz * tS);
        }

        /** Why this profile with that amplitude leaves [{@value #MIN_LENGTH}, {@value #MAX_LENGTH}], or null. */
        public String problem(double amplitude) {
            if (this == SINUSOID && (1 - amplitude < MIN_LENGTH || 1 + amplitude > MAX_LENGTH)) {
                return String.format(Locale.ROOT, "lengthAmplitude %s takes the normalised length outside [%s, %s]",
                        amplitude, MIN_LENGTH, MAX_LENGTH);
            }
            return null;
        }
    }

    private final MuapBankBuilder builder;

    public MuapSeriesBuilder(MuapBankBuilder builder) {
        this.builder = builder;
    }

    public MuapBankBuilder bankBuilder() {
        return builder;
    }

    /** Refuses a normalised length outside [{@value #MIN_LENGTH}, {@value #MAX_LENGTH}], naming where it is. */
    public static void checkLength(double s, String where) {
        if (!(s >= MIN_LENGTH && s <= MAX_LENGTH)) {
            throw new DataException(String.format(Locale.ROOT, "%s: normalised muscle length %s is outside [%s, %s]",
                    where, s, MIN_LENGTH, MAX_LENGTH));
        }
    }

    /**
     * Update times k / rate and lengths for a series: from the normalised-length signal when given (channel
     * 'length', else the first; every sample checked to lie in [{@value #MIN_LENGTH}, {@value #MAX_LENGTH}]; update
     * times within the signal's span, values interpolated), else {@code profile(t)} for t in [0, duration].
     *
     * @return [0] update times (s), [1] normalised lengths
     */
    public static double[][] schedule(double rate, double duration, DoubleUnaryOperator profile, Signal length) {
        if (length == null) {
            int n = (int) Math.floor(duration * rate + 1e-9) + 1;
            double[][] out = new double[2][n];
            for (int k = 0; k < n; k++) {
                out[0][k] = k / rate;
                out[1][k] = profile.applyAsDouble(out[0][k]);
            }
            return out;
        }
        if (length.channelCount() == 0 || length.sampleCount() == 0) {
            throw new DataException("the length signal is empty");
        }
        int ch = Math.max(0, length.indexOf("length"));
        String label = length.labels().get(ch);
        for (int i = 0; i < length.sampleCount(); i++) {
            double v = length.get(ch, i);
            checkLength(v, String.format(Locale.ROOT, "length signal channel %s sample %d (t = %s s)", label, i,
                    length.timeAt(i)));
        }
        double start = length.startTime();
        double end = length.timeAt(length.sampleCount() - 1);
        long k0 = (long) Math.ceil(start * rate - 1e-9);
        long k1 = (long) Math.floor(end * rate + 1e-9);
        if (k1 < k0) {
            k1 = k0; // a signal shorter than one update interval: one update at its first time
        }
        int n = (int) (k1 - k0 + 1);
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            double t = (k0 + i) / rate;
            out[0][i] = t;
            out[1][i] = length.valueAt(ch, t);
        }
        return out;
    }

    /** The kernel grid that covers the anatomy stretched to any length in [minLength, maxLength]. */
    public PlanarLayeredConductor.KernelGrid gridFor(MotorUnitAnatomy anatomy, double minLength, double maxLength) {
        if (!(minLength > 0) || !(maxLength >= minLength)) {
            throw new IllegalArgumentException("bad length range " + minLength + " .. " + maxLength);
        }
        // reach along the fibres grows with s, depth falls with s: the two ends bound every length between
        PlanarLayeredConductor.KernelGrid a = builder.gridFor(anatomy.stretched(minLength));
        if (maxLength == minLength) {
            return a;
        }
        PlanarLayeredConductor.KernelGrid b = builder.gridFor(anatomy.stretched(maxLength));
        return new PlanarLayeredConductor.KernelGrid(a.spacingMm(), Math.max(a.halfWidthMm(), b.halfWidthMm()),
                Math.max(a.halfLengthMm(), b.halfLengthMm()), Math.max(a.maxDepthMm(), b.maxDepthMm()),
                a.depthStepMm(), a.marginMm());
    }

    /** The shared kernel tables for lengths in [minLength, maxLength]. */
    public PlanarLayeredConductor.Kernels kernels(MotorUnitAnatomy anatomy, double minLength, double maxLength) {
        return builder.conductor().kernels(builder.array().radiusMm(), gridFor(anatomy, minLength, maxLength));
    }

    /** The bank at one normalised length, with kernels from {@link #kernels} covering that length. */
    public MuapBank bank(MotorUnitAnatomy anatomy, PlanarLayeredConductor.Kernels kernels, double length,
            ElectrodeArray.Montage montage, IntConsumer unitsDone) {
        return builder.build(anatomy.stretched(length), kernels, montage, unitsDone);
    }

    /**
     * The series at update times {@code timesS} with lengths {@code lengths} (each in [0.7, 1.3]); the kernel
     * tables are computed once here.
     *
     * @param progress progress over the banks and cancellation (checked after every unit); may be null
     */
    public MuapBankSeries series(MotorUnitAnatomy anatomy, double[] timesS, double[] lengths,
            ElectrodeArray.Montage montage, Progress progress) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < lengths.length; k++) {
            checkLength(lengths[k], "update " + k + " (t = " + timesS[k] + " s)");
            lo = Math.min(lo, lengths[k]);
            hi = Math.max(hi, lengths[k]);
        }
        return series(anatomy, kernels(anatomy, lo, hi), timesS, lengths, montage, progress);
    }

    /**
     * The series at update times {@code timesS} with lengths {@code lengths}, the MUAPs of each update interpolated
     * ({@link LengthInterpolation}) from exact banks at the node lengths 1 + j·{@code nodeStep} around the
     * lengths' range (kernel tables for the nodes' range); with {@code nodeStep} 0, or when there are no more distinct lengths than nodes, every
     * distinct length is computed exactly ({@link #series(MotorUnitAnatomy, double[], double[],
     * ElectrodeArray.Montage, Progress)}). Equal lengths give the same bank. Same inputs, same numbers.
     *
     * @param progress progress (the node banks, then the updates) and cancellation; may be null
     * @since 0.3
     */
    public MuapBankSeries series(MotorUnitAnatomy anatomy, double[] timesS, double[] lengths,
            ElectrodeArray.Montage montage, double nodeStep, Progress progress) {
        if (!(nodeStep >= 0) || Double.isInfinite(nodeStep)) {
            throw new IllegalArgumentException("node step must be finite and >= 0, got " + nodeStep);
        }
        if (timesS.length != lengths.length) {
            throw new IllegalArgumentException(timesS.length + " update times for " + lengths.length + " lengths");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int k = 0; k < lengths.length; k++) {
            checkLength(lengths[k], "update " + k + " (t = " + timesS[k] + " s)");
            lo = Math.min(lo, lengths[k]);
            hi = Math.max(hi, lengths[k]);
            distinct.add(lengths[k]);
        }
        if (lengths.length == 0 || nodeStep == 0) {
            return series(anatomy, timesS, lengths, montage, progress);
        }
        double[] nodes = LengthInterpolation.nodes(lo, hi, nodeStep);
        if (distinct.size() <= nodes.length) {
            return series(anatomy, timesS, lengths, montage, progress);
        }
        PlanarLayeredConductor.Kernels kernels = kernels(anatomy, nodes[0], nodes[nodes.length - 1]);
        int n = anatomy.units().size();
        Object lock = new Object();
        int[] node = { 0 };
        LengthInterpolation li = LengthInterpolation.compute(nodes, len -> {
            int j = node[0]++;
            return builder.monopolar(anatomy.stretched(len), kernels, done -> {
                if (progress != null) {
                    synchronized (lock) {
                        progress.checkCancelled();
                        progress.update(0.8 * (j + (double) done / n) / nodes.length, String.format(Locale.ROOT,
                                "node length %d of %d (s = %.4f): unit %d of %d", j + 1, nodes.length, len, done,
                                n));
                    }
                }
            });
        }, builder.samplingRate(), builder.onset());
        Map<Double, MuapBank> cache = new HashMap<>();
        List<MuapBank> banks = new ArrayList<>(lengths.length);
        for (int k = 0; k < lengths.length; k++) {
            MuapBank b = cache.get(lengths[k]);
            if (b == null) {
                b = builder.bank(li.at(lengths[k]), montage);
                cache.put(lengths[k], b);
            }
            banks.add(b);
            if (progress != null) {
                progress.checkCancelled();
                progress.update(0.8 + 0.2 * (k + 1.0) / lengths.length, "bank " + (k + 1) + " of " + lengths.length);
            }
        }
        return new MuapBankSeries(banks, timesS);
    }

    /** As {@link #series(MotorUnitAnatomy, double[], double[], ElectrodeArray.Montage, Progress)} with kernels. */
    public MuapBankSeries series(MotorUnitAnatomy anatomy, PlanarLayeredConductor.Kernels kernels, double[] timesS,
            double[] lengths, ElectrodeArray.Montage montage, Progress progress) {
        if (timesS.length != lengths.length) {
            throw new IllegalArgumentException(timesS.length + " update times for " + lengths.length + " lengths");
        }
        int n = anatomy.units().size();
        int total = lengths.length;
        Map<Double, MuapBank> cache = new HashMap<>();
        List<MuapBank> banks = new ArrayList<>(total);
        Object lock = new Object();
        for (int k = 0; k < total; k++) {
            checkLength(lengths[k], "update " + k + " (t = " + timesS[k] + " s)");
            MuapBank b = cache.get(lengths[k]);
            if (b == null) {
                int bankIndex = k;
                b = bank(anatomy, kernels, lengths[k], montage, done -> {
                    if (progress != null) {
                        synchronized (lock) {
                            progress.checkCancelled();
                            progress.update((bankIndex + (double) done / n) / total, String.format(Locale.ROOT,
                                    "bank %d of %d (s = %.4f): unit %d of %d", bankIndex + 1, total,
                                    lengths[bankIndex], done, n));
                        }
                    }
                });
                cache.put(lengths[k], b);
            }
            banks.add(b);
            if (progress != null) {
                progress.checkCancelled();
                progress.update((k + 1.0) / total, "bank " + (k + 1) + " of " + total);
            }
        }
        return new MuapBankSeries(banks, timesS);
    }
}
