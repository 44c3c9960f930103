package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Potentials of propagating fibre sources at a fixed set of electrodes, in the space–time domain.
 *
 * <p>With K_e(z) = h(x_e − x0, z_e − z; y0) the impulse response from a point on the fibre to electrode e, the
 * detected potential of source (S1) is φ_e(t) = ∫ K_e(z)·i(z,t) dz. Integrating (S1) by parts (p vanishes
 * outside the fibre) and substituting u = distance from the innervation zone:
 * <pre>
 *   φ_e(t) = c ∫_0^∞ D_e(u)·V'(v·t − u) du,                                                   (P1)
 *   D_e(u) = −g(x_e − x0, z_e − z_i − u)·[u ≤ L1] + g(x_e − x0, z_e − z_i + u)·[u ≤ L2],      (P2)
 * </pre>
 * with g = ∂h/∂z from {@link PlanarLayeredConductor.Kernels} and V' the Rosenfalck first derivative. This is the
 * space-domain counterpart of Farina &amp; Merletti's (k_z, ω) product (2001): the volume conductor enters only
 * through D_e, the propagation only through V'(v·t − u). All fibres of a motor unit share v, so their D_e add
 * up and (P1) is evaluated once per unit: a fibre costs one pass of (P2), the unit one matrix product.
 *
 * <p>Numerics: u on the kernel grid (step Δ), D_e piecewise linear between nodes, the ends of the window
 * [u ≤ L] as node weights clamp(L/Δ − j + ½, 0, 1) so the represented length is L; the hat-function integrals
 * of V'(v·t − u) are done with 8 midpoints per cell.
 */
final class FibreProjection {

    private static final int SUBSTEPS = 8;

    private final PlanarLayeredConductor.Kernels kernels;
    private final double[][] electrodes; // [e] = {along z, across x}
    private final double[] columnX; // distinct x of the electrodes
    private final int[][] columnMembers;
    private final double du;
    private final int nodes;
    private final double[] row;
    private final double[] reversed;

    /**
     * @param maxSemiLengthMm the longest semi-fibre that will be accumulated
     */
    FibreProjection(PlanarLayeredConductor.Kernels kernels, double[][] electrodesAlongAcross,
            double maxSemiLengthMm) {
        this.kernels = kernels;
        this.electrodes = electrodesAlongAcross.clone();
        Map<Double, List<Integer>> byX = new LinkedHashMap<>();
        for (int e = 0; e < electrodes.length; e++) {
            byX.computeIfAbsent(electrodes[e][1], k -> new ArrayList<>()).add(e);
        }
        columnX = new double[byX.size()];
        columnMembers = new int[byX.size()][];
        int c = 0;
        for (Map.Entry<Double, List<Integer>> en : byX.entrySet()) {
            columnX[c] = en.getKey();
            columnMembers[c] = en.getValue().stream().mapToInt(Integer::intValue).toArray();
            c++;
        }
        this.du = kernels.spacingMm();
        this.nodes = (int) Math.ceil(maxSemiLengthMm / du) + 2;
        this.row = new double[2 * kernels.nzHalf() + 1];
        this.reversed = new double[row.length];
    }

    int nodes() {
        return nodes;
    }

    int electrodeCount() {
        return electrodes.length;
    }

    /** A zeroed accumulator D[e][j] for (P2). */
    double[][] newAccumulator() {
        return new double[electrodes.length][nodes];
    }

    /** Adds (P2) of one fibre at lateral position x0 and depth y0 (mm below the muscle surface) to D. */
    void accumulate(double[][] d, FibreSource f, double x0Mm, double depthMm) {
        double l1 = f.rightSemiLengthMm() / du;
        double l2 = f.leftSemiLengthMm() / du;
        int j1 = Math.min(nodes - 1, (int) Math.ceil(l1 + 0.5));
        int j2 = Math.min(nodes - 1, (int) Math.ceil(l2 + 0.5));
        if (f.rightSemiLengthMm() > (nodes - 2) * du || f.leftSemiLengthMm() > (nodes - 2) * du) {
            throw new IllegalArgumentException("fibre semi-length exceeds the projection's maximum "
                    + (nodes - 2) * du + " mm");
        }
        int nzHalf = kernels.nzHalf();
        // nodes whose window weight is 1 (j <= l - 1/2) skip the weight: 1·x == x, so the sums are bit-identical
        // to weighting every node; the row is also kept reversed so that the right semi-fibre (indices q0 − j)
        // runs forwards like the left one and both loops vectorise
        int full1 = Math.min(j1, (int) Math.floor(l1 - 0.5));
        int full2 = Math.min(j2, (int) Math.floor(l2 - 0.5));
        int last = row.length - 1;
        for (int c = 0; c < columnX.length; c++) {
            kernels.blendRow(Math.abs(columnX[c] - x0Mm), depthMm, row);
            for (int i = 0; i <= last; i++) {
                reversed[i] = row[last - i];
            }
            for (int e : columnMembers[c]) {
                double q = (electrodes[e][0] - f.izMm()) / du + nzHalf;
                int q0 = (int) Math.floor(q);
                double fz = q - q0;
                double a = 1 - fz;
                if (q0 - j1 < 0 || q0 + j2 + 1 >= row.length) {
                    throw new IllegalArgumentException("electrode " + (e + 1) + " is farther from the fibre ends "
                            + "than the kernel grid reaches (±" + kernels.maxLongitudinalMm() + " mm)");
                }
                double[] de = d[e];
                // right semi-fibre: row[q0 − j] = reversed[b + j], row[q0 − j + 1] = reversed[b − 1 + j]
                int b = last - q0;
                for (int j = 0; j <= full1; j++) {
                    de[j] -= a * reversed[b + j] + fz * reversed[b - 1 + j];
                }
                for (int j = Math.max(0, full1 + 1); j <= j1; j++) {
                    double w = Math.max(0, Math.min(1, l1 - j + 0.5));
                    int m = q0 - j;
                    de[j] -= w * (a * row[m] + fz * row[m + 1]);
                }
                for (int j = 0; j <= full2; j++) {
                    de[j] += a * row[q0 + j] + fz * row[q0 + j + 1];
                }
                for (int j = Math.max(0, full2 + 1); j <= j2; j++) {
                    double w = Math.max(0, Math.min(1, l2 - j + 0.5));
                    int m = q0 + j;
                    de[j] += w * (a * row[m] + fz * row[m + 1]);
                }
            }
        }
    }

    /** Evaluates (P1): potentials [e][k] in mV at t_k = onset + k/fs for conduction velocity cv (m/s). */
    double[][] render(double[][] d, double cvMPerS, double fsHz, int samples, double onsetS) {
        return render(d, nodes, du, cvMPerS, fsHz, samples, onsetS);
    }

    /**
     * (P1) for node values D[e][j] at u = j·du (j = 0 … nodes − 1) of any conductor: the hat-function integrals of
     * V'(v·t − u) with {@value #SUBSTEPS} midpoints per cell, then one matrix product.
     */
    static double[][] render(double[][] d, int nodes, double du, double cvMPerS, double fsHz, int samples,
            double onsetS) {
        double[][] m = new double[samples][nodes];
        for (int k = 0; k < samples; k++) {
            double vt = cvMPerS * (onsetS + k / fsHz) * 1000; // mm/ms · ms
            double[] mk = m[k];
            for (int j = 0; j < nodes - 1; j++) {
                double left = 0;
                double right = 0;
                for (int s = 0; s < SUBSTEPS; s++) {
                    double frac = (s + 0.5) / SUBSTEPS;
                    double val = Rosenfalck.firstDerivative(vt - (j + frac) * du);
                    left += (1 - frac) * val;
                    right += frac * val;
                }
                mk[j] += left * du / SUBSTEPS;
                mk[j + 1] += right * du / SUBSTEPS;
            }
        }
        double[][] out = new double[d.length][samples];
        for (int e = 0; e < d.length; e++) {
            double[] de = d[e];
            for (int k = 0; k < samples; k++) {
                double[] mk = m[k];
                double s = 0;
                for (int j = 0; j < nodes; j++) {
                    s += de[j] * mk[j];
                }
                out[e][k] = FibreSource.CURRENT_SCALE_S_MM * s;
            }
        }
        return out;
    }
}
