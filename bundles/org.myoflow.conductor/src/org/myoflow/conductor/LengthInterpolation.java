package org.myoflow.conductor;

import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

/**
 * MUAPs of a motor-unit anatomy at any normalised muscle length s in a range, from exact MUAPs computed at a few
 * node lengths only (docs/science.md#dynamic-muaps). Under NeuroMotion's stretch ({@link MotorUnitAnatomy#stretched}:
 * positions along the fibres × s, depth × 1/√s, CV × 1/s) a point of the action potential reaches a given place along
 * the fibre s² times later, so the MUAP at s is close to a node's MUAP read at times t·(s_j/s)²; what remains (the
 * depth, the amplitude, the array's fixed position) changes slowly with s. The MUAP at s is the Lagrange
 * interpolation in s, over the (up to) four nodes nearest s, of the nodes' MUAPs resampled at t·(s_j/s)² (cubic
 * Catmull-Rom between samples, zero outside the MUAP window):
 * <pre>
 *   M(s, t) ≈ Σ_j ℓ_j(s) · M(s_j, t·(s_j/s)²)
 * </pre>
 * At a node the result is that node's exact MUAP. With nodes 0.1 apart over [0.9, 1.1] the largest per-unit NRMSE
 * against the exact recomputation is 0.3 % for the planar default anatomy (see the science notes and
 * {@code bench synthesis}). Immutable; {@link #at} may be called from several threads.
 *
 * @since 0.3
 */
public final class LengthInterpolation {

    /** Default largest spacing of the node lengths (in normalised length). */
    public static final double DEFAULT_NODE_STEP = 0.1;

    private final double[] nodes;
    private final double[][][][] muaps; // [node][unit][electrode][sample]
    private final double fsHz;
    private final double onsetS;

    private LengthInterpolation(double[] nodes, double[][][][] muaps, double fsHz, double onsetS) {
        this.nodes = nodes;
        this.muaps = muaps;
        this.fsHz = fsHz;
        this.onsetS = onsetS;
    }

    /**
     * Node lengths 1 + j·step (so that the rest length is a node and its bank is exact) for the j that cover
     * [lo, hi]: from the largest node ≤ lo to the smallest ≥ hi, clamped to [{@value MuapSeriesBuilder#MIN_LENGTH},
     * {@value MuapSeriesBuilder#MAX_LENGTH}] (a clamped node within 1e-6 of its neighbour is merged with it). One
     * node when lo = hi lies on the grid.
     */
    public static double[] nodes(double lo, double hi, double step) {
        if (!(lo >= MuapSeriesBuilder.MIN_LENGTH) || !(hi >= lo) || !(hi <= MuapSeriesBuilder.MAX_LENGTH)
                || !(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bad length range %s .. %s (within [%s, %s]) or node step %s", lo, hi,
                    MuapSeriesBuilder.MIN_LENGTH, MuapSeriesBuilder.MAX_LENGTH, step));
        }
        long j0 = (long) Math.floor((lo - 1) / step + 1e-9);
        long j1 = (long) Math.ceil((hi - 1) / step - 1e-9);
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (long j = j0; j <= j1; j++) {
            double v = Math.max(MuapSeriesBuilder.MIN_LENGTH, Math.min(MuapSeriesBuilder.MAX_LENGTH, 1 + j * step));
            if (out.isEmpty() || v - out.get(out.size() - 1) >= 1e-6) {
                out.add(v);
            } else if (j == j1) {
                out.set(out.size() - 1, v); // clamped onto its neighbour: keep the one that covers hi
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Computes the exact MUAPs at the node lengths (in order, one call each).
     *
     * @param nodes increasing node lengths (e.g. from {@link #nodes})
     * @param exact the exact monopolar (or any linear-montage) MUAPs [unit][electrode][sample] at a length
     * @param fsHz  sampling rate of the MUAPs
     * @param onsetS time of sample 0 relative to the discharge, s
     */
    public static LengthInterpolation compute(double[] nodes, DoubleFunction<double[][][]> exact, double fsHz,
            double onsetS) {
        if (nodes.length == 0) {
            throw new IllegalArgumentException("no node lengths");
        }
        for (int j = 1; j < nodes.length; j++) {
            if (!(nodes[j] > nodes[j - 1])) {
                throw new IllegalArgumentException("node lengths must increase: " + nodes[j - 1] + ", " + nodes[j]);
            }
        }
        double[][][][] m = new double[nodes.length][][][];
        for (int j = 0; j < nodes.length; j++) {
            m[j] = exact.apply(nodes[j]);
            if (j > 0 && (m[j].length != m[0].length || m[j][0].length != m[0][0].length
                    || m[j][0][0].length != m[0][0][0].length)) {
                throw new IllegalArgumentException("the MUAPs at the node lengths differ in shape");
            }
        }
        return new LengthInterpolation(nodes.clone(), m, fsHz, onsetS);
    }

    /** The node lengths. */
    public double[] nodeLengths() {
        return nodes.clone();
    }

    /** The exact MUAPs at node j, [unit][electrode][sample] (shared, do not modify). */
    double[][][] node(int j) {
        return muaps[j];
    }

    /**
     * The MUAPs [unit][electrode][sample] at length s (within the node range, 1e-9 tolerance). Units are computed
     * in parallel; the result does not depend on the thread schedule.
     */
    public double[][][] at(double s) {
        int n = nodes.length;
        if (!(s >= nodes[0] - 1e-9 && s <= nodes[n - 1] + 1e-9)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "length %s outside the interpolated range [%s, %s]", s, nodes[0], nodes[n - 1]));
        }
        // the (up to) four nodes nearest s: the interval holding s and one node on either side
        int from = 0;
        int count = Math.min(4, n);
        if (n > 4) {
            int i = 0;
            while (i < n - 2 && s > nodes[i + 1]) {
                i++;
            }
            from = Math.max(0, Math.min(n - 4, i - 1));
        }
        double[] w = new double[count];
        for (int a = 0; a < count; a++) {
            double l = 1;
            for (int b = 0; b < count; b++) {
                if (b != a) {
                    l *= (s - nodes[from + b]) / (nodes[from + a] - nodes[from + b]);
                }
            }
            w[a] = l;
        }
        int units = muaps[0].length;
        int electrodes = muaps[0][0].length;
        int samples = muaps[0][0][0].length;
        // per node: for output sample k the source index x = ((onset + k/fs)·r − onset)·fs, r = (s_j/s)²;
        // Catmull-Rom weights of samples i0−1 .. i0+2
        int[][] base = new int[count][samples];
        double[][][] cw = new double[count][samples][4];
        for (int a = 0; a < count; a++) {
            double r = nodes[from + a] / s;
            r *= r;
            for (int k = 0; k < samples; k++) {
                double x = r == 1 ? k : ((onsetS + k / fsHz) * r - onsetS) * fsHz; // r = 1: the sample itself
                int i0 = (int) Math.floor(x);
                double f = x - i0;
                base[a][k] = i0;
                double f2 = f * f;
                double f3 = f2 * f;
                cw[a][k][0] = 0.5 * (-f3 + 2 * f2 - f);
                cw[a][k][1] = 0.5 * (3 * f3 - 5 * f2 + 2);
                cw[a][k][2] = 0.5 * (-3 * f3 + 4 * f2 + f);
                cw[a][k][3] = 0.5 * (f3 - f2);
            }
        }
        int first = from;
        double[][][] out = new double[units][electrodes][samples];
        IntStream.range(0, units).parallel().forEach(u -> {
            for (int a = 0; a < count; a++) {
                double wa = w[a];
                if (wa == 0) {
                    continue;
                }
                int[] ba = base[a];
                double[][] cwa = cw[a];
                double[][] src = muaps[first + a][u];
                for (int e = 0; e < electrodes; e++) {
                    double[] x = src[e];
                    double[] o = out[u][e];
                    for (int k = 0; k < samples; k++) {
                        int i0 = ba[k];
                        double[] c = cwa[k];
                        double v;
                        if (c[0] == 0 && c[2] == 0 && c[3] == 0 && c[1] == 1) {
                            v = i0 >= 0 && i0 < samples ? x[i0] : 0;
                        } else {
                            v = c[0] * at(x, i0 - 1) + c[1] * at(x, i0) + c[2] * at(x, i0 + 1) + c[3] * at(x, i0 + 2);
                        }
                        o[k] += wa * v;
                    }
                }
            }
        });
        return out;
    }

    private static double at(double[] x, int i) {
        return i >= 0 && i < x.length ? x[i] : 0;
    }
}
