package org.myoflow.ml.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.myoflow.ml.DjlArrays;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An in-memory data set of N samples: a few float32 arrays whose first dimension is the sample (e.g. one input
 * array and one label array, or an input, a label and a per-sample weight). The first {@code inputCount} arrays
 * are the network's inputs, the rest are the labels handed to the loss.
 *
 * @since 0.1
 */
public final class ArrayData {

    private final List<float[]> arrays;
    private final List<long[]> sampleShapes;
    private final int[] sampleSizes;
    private final int inputCount;
    private final int samples;

    /**
     * @param inputCount how many of the arrays are network inputs (they come first)
     * @param arrays     flattened C-order data of each array, sample-major
     * @param shapes     the full shape of each array, the first dimension being the number of samples
     */
    public ArrayData(int inputCount, List<float[]> arrays, List<long[]> shapes) {
        if (arrays.isEmpty() || arrays.size() != shapes.size() || inputCount < 1 || inputCount > arrays.size()) {
            throw new IllegalArgumentException(arrays.size() + " arrays, " + shapes.size() + " shapes, "
                    + inputCount + " inputs");
        }
        this.arrays = List.copyOf(arrays);
        this.inputCount = inputCount;
        this.sampleShapes = new ArrayList<>();
        this.sampleSizes = new int[arrays.size()];
        long n = shapes.get(0)[0];
        for (int i = 0; i < arrays.size(); i++) {
            long[] s = shapes.get(i);
            if (s.length < 1 || s[0] != n) {
                throw new IllegalArgumentException("array " + i + " has shape " + Arrays.toString(s) + ", expected "
                        + n + " samples first");
            }
            long size = 1;
            for (int d = 1; d < s.length; d++) {
                size *= s[d];
            }
            if (size * n != arrays.get(i).length) {
                throw new IllegalArgumentException("array " + i + " holds " + arrays.get(i).length
                        + " values, shape " + Arrays.toString(s) + " needs " + size * n);
            }
            for (float v : arrays.get(i)) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("array " + i + " holds a non-finite value");
                }
            }
            sampleSizes[i] = (int) size;
            sampleShapes.add(Arrays.copyOfRange(s, 1, s.length));
        }
        this.samples = (int) n;
    }

    /** One input array and one label array. */
    public static ArrayData of(float[] inputs, long[] inputShape, float[] labels, long[] labelShape) {
        return new ArrayData(1, List.of(inputs, labels), List.of(inputShape, labelShape));
    }

    public int size() {
        return samples;
    }

    public int inputCount() {
        return inputCount;
    }

    /** Shape of one sample of array i (without the sample dimension). */
    public long[] sampleShape(int i) {
        return sampleShapes.get(i).clone();
    }

    /** The samples at the given indices. */
    public ArrayData subset(int[] indices) {
        List<float[]> out = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int a = 0; a < arrays.size(); a++) {
            int size = sampleSizes[a];
            float[] src = arrays.get(a);
            float[] dst = new float[indices.length * size];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(src, indices[i] * size, dst, i * size, size);
            }
            out.add(dst);
            long[] s = new long[sampleShapes.get(a).length + 1];
            s[0] = indices.length;
            System.arraycopy(sampleShapes.get(a), 0, s, 1, s.length - 1);
            shapes.add(s);
        }
        return new ArrayData(inputCount, out, shapes);
    }

    /**
     * A seeded split: the first part holds {@code 1 − fraction} of the samples, the second the rest (at least one
     * sample each).
     */
    public ArrayData[] split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1) || samples < 2) {
            throw new IllegalArgumentException("cannot split " + samples + " samples by " + fraction);
        }
        int[] perm = DjlArrays.permutation(samples, new SplittableRandom(seed));
        int second = (int) Math.max(1, Math.min(samples - 1, Math.round(samples * fraction)));
        return new ArrayData[] {subset(Arrays.copyOfRange(perm, 0, samples - second)),
                subset(Arrays.copyOfRange(perm, samples - second, samples))};
    }

    /** Arrays of the samples {@code order[from..to)} on the manager: inputs first, then labels. */
    NDList batch(NDManager manager, int[] order, int from, int to) {
        NDList inputs = new NDList();
        NDList labels = new NDList();
        for (int a = 0; a < arrays.size(); a++) {
            int size = sampleSizes[a];
            float[] src = arrays.get(a);
            float[] dst = new float[(to - from) * size];
            for (int i = from; i < to; i++) {
                System.arraycopy(src, order[i] * size, dst, (i - from) * size, size);
            }
            long[] s = new long[sampleShapes.get(a).length + 1];
            s[0] = to - from;
            System.arraycopy(sampleShapes.get(a), 0, s, 1, s.length - 1);
            NDArray arr = manager.create(dst, new Shape(s));
            (a < inputCount ? inputs : labels).add(arr);
        }
        NDList all = new NDList(inputs);
        all.addAll(labels);
        return all;
    }
}
