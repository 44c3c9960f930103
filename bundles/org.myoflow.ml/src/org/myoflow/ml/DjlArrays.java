package org.myoflow.ml;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays for reproducible DJL training, shared by every trainer of the platform (LFADS, NMM, Seq2Seq refinement).
 *
 * <p>Two DJL 0.35.1 hazards are avoided here. (1) {@code NDManager.create(float[])} wraps a Java direct buffer of
 * arbitrary alignment, and MKL's kernels round differently with it, so same-seed trainings drifted apart between
 * processes; a copy made by PyTorch ({@code duplicate}) is always aligned alike. The buffer PyTorch reads while
 * copying is kept reachable until the copy is done: when only DJL's temporary array referred to it, a garbage
 * collection during the copy could free it. (2) {@code NDArray.mul(Number)} and its kin (div, pow, maximum, minimum)
 * wrap the number in a tensor over a Java buffer and close it right after the op, but PyTorch's autograd keeps that
 * tensor for the backward pass: a collection in between let backward read freed memory (same-seed runs diverged at
 * random batches). Use {@link #scalar} for numbers in any differentiated graph.
 *
 * @since 0.1
 */
public final class DjlArrays {

    private DjlArrays() {
    }

    /** Java data as a PyTorch-owned array on {@code m} (see the class comment). */
    public static NDArray owned(NDManager m, float[] data, Shape shape) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * data.length).order(ByteOrder.nativeOrder());
        buf.asFloatBuffer().put(data);
        try (NDManager scratch = m.newSubManager()) {
            NDArray copy = scratch.create(buf, shape, DataType.FLOAT32).duplicate();
            copy.attach(m);
            return copy;
        } finally {
            Reference.reachabilityFence(buf);
        }
    }

    /** A scalar as a PyTorch-owned array on {@code m}: the safe operand for mul, div, pow in a graph. */
    public static NDArray scalar(NDManager m, float value) {
        return owned(m, new float[] {value}, new Shape());
    }

    /** Copies of a block's parameter values, in parameter order (the best epoch's weights, say). */
    public static java.util.List<float[]> snapshot(ai.djl.nn.Block block) {
        java.util.List<float[]> values = new java.util.ArrayList<>();
        for (var p : block.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Writes values from {@link #snapshot} back in place into the parameters' own (PyTorch-allocated) storage. */
    public static void restore(ai.djl.nn.Block block, java.util.List<float[]> values) {
        var params = block.getParameters();
        if (params.size() != values.size()) {
            throw new IllegalArgumentException("snapshot has " + values.size() + " parameters, the network "
                    + params.size());
        }
        for (int i = 0; i < values.size(); i++) {
            NDArray a = params.get(i).getValue().getArray();
            if (a.size() != values.get(i).length) {
                throw new IllegalArgumentException("snapshot parameter " + params.get(i).getKey() + " has "
                        + values.get(i).length + " values, the network " + a.size());
            }
            try (NDManager scratch = a.getManager().newSubManager()) {
                a.set(new ai.djl.ndarray.index.NDIndex("..."), owned(scratch, values.get(i), a.getShape()));
            }
        }
    }

    /** A well-mixed non-negative int seed for one epoch of a run with {@code seed} (SplittableRandom mixing). */
    public static int seedFor(long seed, long epoch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32)) & 0x7fffffff;
    }

    /** A Fisher-Yates permutation of 0..n-1 drawn from {@code r} (seeded shuffling of training windows). */
    public static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
