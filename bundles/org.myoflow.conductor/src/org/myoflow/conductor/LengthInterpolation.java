package org.myoflow.conductor;

import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

/**
 * MUAPs of a motor-unit anatomy at any normalised muscle length s in a range, from exact MUAPs computed at a few
 * node lengths only (docs/science.md#dynamic-muaps). Under NeuroMotion's stretch ({@link MotorUnitAnatomy#stretched}:
 * positions along the fibres × s, depth × 1/√s, CV × 1/s) a point of the action potential reaches a given place along
 * the fibre s² times later, so the MUAP at s is close to a node's MUAP read at times t·(s_j/s)²; what remains (the
 * depth, the amplitude, the array's fixed position) changes slowly with s. The MUAP at s is the linear
 * interpolation in s, between the two nodes around s, of the nodes' MUAPs resampled at t·(s_j/s)² (cubic
 * Catmull-Rom between samples, zero outside the MUAP window):
 * <pre>
 *   M(s, t) ≈ (1 − λ)·M(s_j, t·(s_j/s)²) + λ·M(s_(j+1), t·(s_(j+1)/s)²),  λ = (s − s_j)/(s_(j+1) − s_j)
 * </pre>
 * (Higher-order interpolation in s gains nothing: the exact MUAPs are only piecewise smooth in s, the planar kernel
 * tables being linear in depth, which sets an error floor of about 0.25 %.)
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
    private static final int PAD = 3;

    private final double[][][][] muaps; // [node][unit][electrode][sample]
    private final double[][][][] padded; // the same with PAD zeros on either side
    private final double fsHz;
    private final double onsetS;

    private LengthInterpolation(double[] nodes, double[][][][] muaps, double fsHz, double onsetS) {
        this.nodes = nodes;
        this.muaps = muaps;
        this.padded = new double[muaps.length][][][];
        for (int j = 0; j < muaps.length; j++) {
            padded[j] = pad(muaps[j]);
        }
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

    /**
     * The MUAPs [unit][electrode][sample] at length s (within the node range, 1e-9 tolerance): at a node a copy of
     * its exact MUAPs, else the two neighbouring nodes' MUAPs read at the scaled times and blended linearly in s.
     * Units are computed in parallel; the result does not depend on the thread schedule.
     */
    public double[][][] at(double s) {
        int n = nodes.length;
        if (!(s >= nodes[0] - 1e-9 && s <= nodes[n - 1] + 1e-9)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "length %s outside the interpolated range [%s, %s]", s, nodes[0], nodes[n - 1]));
        }
        for (int j = 0; j < n; j++) {
            if (nodes[j] == s) {
                return copy(muaps[j]);
            }
        }
        if (n == 1) {
            return copy(muaps[0]); // s within 1e-9 of the only node
        }
        // the interval holding s; linear in s between its ends (more nodes would not help: the exact MUAPs are
        // themselves only piecewise smooth in s, see the class comment)
        int from = 0;
        while (from < n - 2 && s > nodes[from + 1]) {
            from++;
        }
        int count = 2;
        double[] w = new double[count];
        double t = (s - nodes[from]) / (nodes[from + 1] - nodes[from]);
        w[0] = 1 - t;
        w[1] = t;
        int units = muaps[0].length;
        int electrodes = muaps[0][0].length;
        int samples = muaps[0][0][0].length;
        // per node: for output sample k the source index x = ((onset + k/fs)·r − onset)·fs, r = (s_j/s)²; the
        // Catmull-Rom weights of samples i0−1 .. i0+2, which lie at padded[i0 + PAD − 1 ...] (all four out of the
        // window: weights 0)
        int[][] base = new int[count][samples];
        double[][] cw = new double[count][4 * samples];
        for (int a = 0; a < count; a++) {
            double r = nodes[from + a] / s;
            r *= r;
            for (int k = 0; k < samples; k++) {
                double x = ((onsetS + k / fsHz) * r - onsetS) * fsHz;
                double fl = Math.floor(x);
                if (!(fl >= 1 - PAD && fl <= samples - 3 + PAD)) {
                    base[a][k] = 0;
                    continue; // weights stay 0
                }
                int i0 = (int) fl;
                double f = x - fl;
                base[a][k] = i0 - 1 + PAD;
                double f2 = f * f;
                double f3 = f2 * f;
                cw[a][4 * k] = 0.5 * (-f3 + 2 * f2 - f);
                cw[a][4 * k + 1] = 0.5 * (3 * f3 - 5 * f2 + 2);
                cw[a][4 * k + 2] = 0.5 * (-3 * f3 + 4 * f2 + f);
                cw[a][4 * k + 3] = 0.5 * (f3 - f2);
            }
        }
        int first = from;
        double[][][] out = new double[units][electrodes][samples];
        IntStream.range(0, units).parallel().forEach(u -> {
            for (int a = 0; a < count; a++) {
                double wa = w[a];
                int[] ba = base[a];
                double[] c = cw[a];
                double[][] src = padded[first + a][u];
                for (int e = 0; e < electrodes; e++) {
                    double[] x = src[e];
                    double[] o = out[u][e];
                    for (int k = 0; k < samples; k++) {
                        int b = ba[k];
                        int q = 4 * k;
                        o[k] += wa * (c[q] * x[b] + c[q + 1] * x[b + 1] + c[q + 2] * x[b + 2] + c[q + 3] * x[b + 3]);
                    }
                }
            }
        });
        return out;
    }

    private static double[][][] copy(double[][][] m) {
        double[][][] out = new double[m.length][][];
        for (int u = 0; u < m.length; u++) {
            out[u] = new double[m[u].length][];
            for (int e = 0; e < m[u].length; e++) {
                out[u][e] = m[u][e].clone();
            }
        }
        return out;
    }

    /** The MUAPs with {@value #PAD} zeros before and after each, so the four taps never leave the array. */
    private static double[][][] pad(double[][][] m) {
        double[][][] out = new double[m.length][][];
        for (int u = 0; u < m.length; u++) {
            out[u] = new double[m[u].length][];
            for (int e = 0; e < m[u].length; e++) {
                out[u][e] = new double[m[u][e].length + 2 * PAD];
                System.arraycopy(m[u][e], 0, out[u][e], PAD, m[u][e].length);
            }
        }
        return out;
    }
}
