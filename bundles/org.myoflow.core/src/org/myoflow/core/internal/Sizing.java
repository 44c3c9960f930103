package org.myoflow.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.engine.Texts;
import org.myoflow.core.engine.ValidationProblem;

/**
 * Sizes a plan before any work (issue 19). The model, kept simple on purpose:
 * <ul>
 * <li>every node's outputs stay in memory until the run ends (the run folder and the report are written from
 * them), so the plan needs the <b>sum of all outputs</b>;</li>
 * <li>an output's size is what its step reported in configure ({@code ConfigureContext.outputSize}), else what its
 * spec implies: a signal {@code channels × samples × 8} bytes (samples = rate × duration + 1), spike trains
 * {@code units × duration × 50/s × 8} bytes (50 discharges per second and unit, above the usual firing rates); an
 * output whose spec lacks a needed field counts 0 (the estimate is a lower bound);</li>
 * <li>the plan is refused when the sum exceeds the limit: {@code RunOptions.maxMemory} (the {@code --max-memory}
 * option) when set, else three quarters of the Java heap ({@link Runtime#maxMemory()}; the last quarter is left for
 * the steps' working memory and the platform).</li>
 * </ul>
 * All products are exact 64-bit integers ({@link Math#multiplyExact}); an overflow counts as
 * {@link Long#MAX_VALUE}, which no limit admits.
 */
public final class Sizing {

    /** Discharges per second and motor unit assumed for spike trains (above the usual 8–40 Hz). */
    static final int SPIKES_PER_SECOND = 50;
    /** The most samples one channel (a Java array) can hold. */
    static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

    private Sizing() {
    }

    /** Puts each configured node's total output size into {@code sizes}; refuses channels too long for an array. */
    static void estimate(List<String> order, Map<String, Map<String, DataSpec>> specs,
            Map<String, Map<String, Long>> reported, Map<String, Long> sizes, List<ValidationProblem> problems) {
        for (String id : order) {
            Map<String, DataSpec> out = specs.get(id);
            if (out == null) {
                continue;
            }
            Map<String, Long> given = reported.getOrDefault(id, Map.of());
            for (Map.Entry<String, DataSpec> e : out.entrySet()) {
                long samples = samplesPerChannel(e.getValue());
                if (!given.containsKey(e.getKey()) && samples > MAX_SAMPLES) {
                    problems.add(new ValidationProblem(id, "output '" + e.getKey() + "'", String.format(Locale.ROOT,
                            "%s samples per channel (%s Hz x %s s) are more than the %d one channel can hold; "
                                    + "lower the duration or the sampling rate",
                            samples == Long.MAX_VALUE ? "over 9.2e18" : Long.toString(samples),
                            plain(e.getValue().samplingRate()), plain(e.getValue().duration()), MAX_SAMPLES)));
                }
            }
            sizes.put(id, nodeBytes(out, given));
        }
    }

    /**
     * The estimated size of one node's outputs: the sizes its step reported, else what each spec implies.
     *
     * @param specs    the node's output specs by port
     * @param reported the sizes the step reported by port ({@code ConfigureContext.outputSize})
     */
    public static long nodeBytes(Map<String, DataSpec> specs, Map<String, Long> reported) {
        long total = 0;
        for (Map.Entry<String, DataSpec> e : specs.entrySet()) {
            Long r = reported.get(e.getKey());
            total = add(total, r != null ? Math.max(0, r) : bytes(e.getValue()));
        }
        return total;
    }

    /**
     * Refuses the plan when its outputs together exceed the limit, naming the largest node, its estimate, the total
     * and how to raise the limit.
     *
     * @param maxMemory the explicit limit in bytes, or 0 for three quarters of the heap
     */
    static void check(Map<String, Long> sizes, Map<String, Map<String, DataSpec>> specs,
            Map<String, Map<String, Long>> reported, long maxMemory, List<ValidationProblem> problems) {
        long heap = Runtime.getRuntime().maxMemory();
        long limit = maxMemory > 0 ? maxMemory : heap == Long.MAX_VALUE ? Long.MAX_VALUE : heap / 4 * 3;
        long total = 0;
        String largest = null;
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            total = add(total, e.getValue());
            if (largest == null || e.getValue() > sizes.get(largest)) {
                largest = e.getKey();
            }
        }
        if (total <= limit || largest == null) {
            return;
        }
        long node = sizes.get(largest);
        String detail = detail(specs.getOrDefault(largest, Map.of()), reported.getOrDefault(largest, Map.of()));
        long suggestGiB = total > 4L << 40 ? -1 : (long) Math.ceil(total / 0.75 / (1L << 30)) + 1; // over 4 TiB: no
        String allowed = maxMemory > 0 ? "the --max-memory limit of " + size(limit)
                : "the " + size(limit) + " this run may use (three quarters of the Java heap of " + size(heap) + ")";
        problems.add(new ValidationProblem(largest, null, "its outputs need about " + size(node)
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "; the pipeline's results need about "
                + size(total) + " in all, more than " + allowed + ". "
                + how(maxMemory, total, suggestGiB)));
    }

    private static String how(long maxMemory, long total, long suggestGiB) {
        if (suggestGiB < 0) {
            return "Make the run smaller (duration, sampling rate, channels, motor units): no Java heap holds it";
        }
        String heap = "MYOFLOW_JAVA_OPTS=-Xmx" + suggestGiB + "g";
        if (maxMemory > 0) {
            return "Raise the limit with --max-memory " + ((total + (1L << 30) - 1) >> 30) + "g (with a heap to match: "
                    + heap + "), or make the run smaller (duration, sampling rate, channels, motor units)";
        }
        return "Give Java more memory with " + heap + " (or, at your own risk, set the limit with --max-memory SIZE),"
                + " or make the run smaller (duration, sampling rate, channels, motor units)";
    }

    /** The estimated size of one output from its spec (0 when a needed field is unknown). */
    static long bytes(DataSpec s) {
        try {
            if (DataTypes.SIGNAL.accepts(s.type())) {
                long samples = samplesPerChannel(s);
                if (samples < 0 || s.channelCount() < 0) {
                    return 0;
                }
                return Math.multiplyExact(Math.multiplyExact(samples, s.channelCount()), 8L);
            }
            if (DataTypes.SPIKE_TRAINS.accepts(s.type())) {
                if (!s.unitsKnown() || !(s.duration() >= 0)) {
                    return 0;
                }
                double spikes = Math.ceil(s.duration() * SPIKES_PER_SECOND);
                if (spikes >= Long.MAX_VALUE) {
                    return Long.MAX_VALUE;
                }
                return Math.multiplyExact(Math.multiplyExact((long) spikes, s.units()), 8L);
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return 0;
    }

    /** rate × duration + 1 (rounded), -1 when unknown, {@link Long#MAX_VALUE} when beyond a long. */
    static long samplesPerChannel(DataSpec s) {
        if (!DataTypes.SIGNAL.accepts(s.type()) || !(s.samplingRate() > 0) || !(s.duration() >= 0)) {
            return -1;
        }
        double n = Math.rint(s.samplingRate() * s.duration()) + 1;
        return n >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) n;
    }

    private static String detail(Map<String, DataSpec> out, Map<String, Long> given) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, DataSpec> e : out.entrySet()) {
            DataSpec s = e.getValue();
            String d;
            if (given.containsKey(e.getKey())) {
                d = size(given.get(e.getKey())) + " as the step estimates it";
            } else if (DataTypes.SIGNAL.accepts(s.type()) && samplesPerChannel(s) >= 0 && s.channelCount() >= 0) {
                d = s.channelCount() + " channel(s) x " + samplesPerChannel(s) + " samples x 8 bytes";
            } else if (DataTypes.SPIKE_TRAINS.accepts(s.type()) && bytes(s) > 0) {
                d = s.units() + " units x " + plain(s.duration()) + " s x " + SPIKES_PER_SECOND + " spikes/s x 8 bytes";
            } else {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : "; ").append("output '").append(e.getKey()).append("': ").append(d);
        }
        return sb.toString();
    }

    private static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Bytes in binary units ("1.5 GiB"): {@link Texts#bytes(long)}. */
    static String size(long bytes) {
        return Texts.bytes(bytes);
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : Double.toString(v);
    }
}
