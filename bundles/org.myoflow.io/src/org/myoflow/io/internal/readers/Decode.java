package org.myoflow.io.internal.readers;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs the decoding of a reader's sample blocks (independent ranges of frames or records, each writing its own part
 * of the channel arrays) on the common fork-join pool, or on the calling thread for small data and when
 * {@link #threads} is 1. The blocks of one call finish before it returns, so the arrays are complete and visible to
 * the caller; a block's exception propagates (the fork-join pool may re-create it with the original as its cause,
 * so blocks do only work that cannot fail on valid bounds: readers check every size before decoding).
 */
public final class Decode {

    /**
     * Decoding threads: 0 (the default) = the common pool; 1 = the calling thread only. The system property
     * {@code myoflow.io.threads=1} sets 1 at start; {@code bench io} sets it to measure one thread.
     */
    public static volatile int threads = Integer.getInteger("myoflow.io.threads", 0);

    /** Work (samples) below which one thread decodes: splitting costs more than it saves. */
    static final long PARALLEL_MIN_SAMPLES = 1 << 20;

    private Decode() {
    }

    /** Calls {@code block} for 0 .. blocks-1, in parallel when worth it ({@code samples} = total work). */
    static void blocks(int blocks, long samples, IntConsumer block) {
        if (threads == 1 || blocks < 2 || samples < PARALLEL_MIN_SAMPLES) {
            for (int b = 0; b < blocks; b++) {
                block.accept(b);
            }
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(block);
    }

    /** Allocates {@code channels} arrays of {@code n} samples, in parallel when large (spreads the zeroing). */
    static double[][] arrays(int channels, int n) {
        double[][] d = new double[channels][];
        long total = (long) channels * n;
        if (threads == 1 || total < PARALLEL_MIN_SAMPLES || channels < 2) {
            for (int c = 0; c < channels; c++) {
                d[c] = new double[n];
            }
            return d;
        }
        IntStream.range(0, channels).parallel().forEach(c -> d[c] = new double[n]);
        return d;
    }

    /** Allocates one array per length (null for a negative length), in parallel when large. */
    static double[][] arrays(int[] lengths) {
        double[][] d = new double[lengths.length][];
        long total = 0;
        for (int n : lengths) {
            total += Math.max(0, n);
        }
        IntConsumer alloc = c -> d[c] = lengths[c] < 0 ? null : new double[lengths[c]];
        if (threads == 1 || total < PARALLEL_MIN_SAMPLES || lengths.length < 2) {
            for (int c = 0; c < lengths.length; c++) {
                alloc.accept(c);
            }
        } else {
            IntStream.range(0, lengths.length).parallel().forEach(alloc);
        }
        return d;
    }

    /** Splits {@code n} items into blocks of about {@code per} items: the block count. */
    static int count(long n, long per) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (n + per - 1) / per));
    }
}
