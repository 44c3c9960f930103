package org.myoflow.deepemg;

import java.util.List;

/**
 * Synergy extrapolation with the NMSM Pipeline's EMG scale-factor calibration (Ao et al. 2024, the method of the
 * NMSM Pipeline's MuscleTendonPersonalization), for any number of coordinates: the measured muscles' activations are
 * their envelopes times one scale factor each, {@code a_i(t) = s_i·e_i(t)}, the missing muscles' excitations are
 * synergy combinations {@code a_j(t) = Σ_k w_jk·H_k(t)}, and s and w together minimise the moment error over the
 * trials and coordinates,
 *
 * <pre>
 *   J = Σ_c Σ_t ((τ_model,c(t) − τ_c(t)) / rms(τ_c))² + ridge·tr(Q)/n·(|s|² + |w|²)
 *   τ_model,c(t) = Σ_muscles r_c(t)·(a(t)·C(t) + P(t))
 * </pre>
 *
 * with per muscle the moment arm {@code r_c} about coordinate c, the active force at full activation {@code C}
 * (rigid tendon: {@code F0·fL·fV·cos α}) and the passive force {@code P}, all given per sample by the caller (e.g.
 * from an OpenSim model's geometry). Dividing each coordinate's error by its moment's rms weighs the joints alike.
 * Bounds: {@code minScale ≤ s_i ≤ 1/max_t e_i} (no measured activation above 1) and {@code 0 ≤ w_jk ≤ 1/max_t H_k}
 * (one synergy alone cannot push an excitation past 1; {@code −u ≤ w ≤ u} for a synergy row with negative values,
 * e.g. PCA scores). τ_model is linear in (s, w), so J is a bounded linear least-squares problem, solved exactly by
 * cyclic coordinate descent on its normal equations (convex; a few tens of unknowns). Extrapolated excitations
 * are clipped to [0, 1] by {@link Result#missingExcitations}; the fit itself is linear (unclipped).
 * <p>
 * Without the scale factors (the {@link SynergyExtrapolation} default) the measured envelopes are taken as
 * activations as they are: with envelopes normalised to a maximum over other tasks, or to an MVC, that mis-scales
 * every measured muscle's force, and the missing muscles' weights absorb the error. Calibrating the scale factors
 * on the same moments removes that bias, which is what makes the comparison with the NMM (whose learned strength
 * scales do the same) fair.
 *
 * @since 0.3
 */
public final class EmgScaleCalibration {

    private EmgScaleCalibration() {
    }

    /**
     * One muscle over one trial.
     *
     * @param momentArms   [coordinate][t] in m (as OpenSim: −dL/dq), coordinates in the trial's order
     * @param activeForce  [t] force at full activation (N), e.g. F0·fL·fV·cos α
     * @param passiveForce [t] passive force (N); zeros to leave it out
     */
    public record Muscle(double[][] momentArms, double[] activeForce, double[] passiveForce) {
    }

    /**
     * One trial.
     *
     * @param envelopes [measured][t] measured envelopes in [0, 1]
     * @param synergies [k][t] synergy activations (e.g. NMF's H of these envelopes)
     * @param measured  the measured muscles, in envelope order
     * @param missing   the missing muscles (extrapolated)
     * @param torques   [coordinate][t] the moments to reproduce (N·m), e.g. from inverse dynamics
     */
    public record Trial(double[][] envelopes, double[][] synergies, List<Muscle> measured, List<Muscle> missing,
            double[][] torques) {

        int samples() {
            return torques[0].length;
        }
    }

    /**
     * The calibration.
     *
     * @param scaleFactors [measured] EMG scale factors s_i
     * @param weights      [missing][k] synergy weights
     * @param cost         J at the solution (the weighted squared moment error plus the ridge)
     */
    public record Result(double[] scaleFactors, double[][] weights, double cost) {

        /** The measured muscles' activations [measured][t]: s_i·e_i(t), at most 1. */
        public double[][] measuredActivations(Trial t) {
            double[][] a = new double[scaleFactors.length][t.samples()];
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < a[i].length; k++) {
                    a[i][k] = Math.min(1, Math.max(0, scaleFactors[i] * t.envelopes()[i][k]));
                }
            }
            return a;
        }

        /** The missing muscles' excitations [missing][t]: Σ_k w_jk·H_k(t), clipped to [0, 1]. */
        public double[][] missingExcitations(Trial t) {
            double[][] a = new double[weights.length][t.samples()];
            for (int j = 0; j < a.length; j++) {
                for (int k = 0; k < a[j].length; k++) {
                    double s = 0;
                    for (int y = 0; y < weights[j].length; y++) {
                        s += weights[j][y] * t.synergies()[y][k];
                    }
                    a[j][k] = Math.max(0, Math.min(1, s));
                }
            }
            return a;
        }

        /** The model moments [coordinate][t] with {@link #measuredActivations} and {@link #missingExcitations}. */
        public double[][] torques(Trial t) {
            double[][] am = measuredActivations(t);
            double[][] ax = missingExcitations(t);
            int nc = t.torques().length;
            double[][] tau = new double[nc][t.samples()];
            for (int c = 0; c < nc; c++) {
                add(tau[c], t.measured(), am, c);
                add(tau[c], t.missing(), ax, c);
            }
            return tau;
        }

        private static void add(double[] tau, List<Muscle> muscles, double[][] act, int c) {
            for (int i = 0; i < muscles.size(); i++) {
                Muscle m = muscles.get(i);
                for (int k = 0; k < tau.length; k++) {
                    tau[k] += m.momentArms()[c][k] * (act[i][k] * m.activeForce()[k] + m.passiveForce()[k]);
                }
            }
        }
    }

    /**
     * Fits the scale factors and synergy weights on the trials.
     *
     * @param trials   at least one; all with the same measured and missing muscle counts, synergy rows and
     *                 coordinates
     * @param minScale lower bound of every scale factor, in (0, 1]
     * @param ridge    dimensionless ridge (e.g. 1e-6), relative to the normal matrix's mean diagonal
     * @throws IllegalArgumentException for empty or inconsistent trials, or bounds that leave no room
     */
    public static Result fit(List<Trial> trials, double minScale, double ridge) {
        return fit(trials, minScale, Double.POSITIVE_INFINITY, ridge);
    }

    /**
     * Fits the scale factors and synergy weights on the trials, with an upper bound on the scale factors besides
     * {@code 1/max e_i}: {@code minScale ≤ s_i ≤ max(minScale, min(maxScale, 1/max_t e_i))}.
     *
     * @param maxScale upper bound of every scale factor, at least minScale (infinite: only 1/max e_i)
     * @throws IllegalArgumentException for empty or inconsistent trials, or bounds that leave no room
     */
    public static Result fit(List<Trial> trials, double minScale, double maxScale, double ridge) {
        if (!(minScale > 0 && minScale <= 1) || !(ridge >= 0) || !(maxScale >= minScale)) {
            throw new IllegalArgumentException("need 0 < minScale <= 1, maxScale >= minScale and ridge >= 0, got "
                    + minScale + ", " + maxScale + ", " + ridge);
        }
        return solve(trials, null, 1, null, minScale, maxScale, ridge)[0];
    }

    /**
     * Fits one set of scale factors per group of trials (e.g. per subject: each subject's EMG normalisation differs)
     * and one set of synergy weights shared by all, on all trials together. Each group's scale factors are bounded
     * by the maximum of its own trials' envelopes. With every trial in group 0 this is
     * {@link #fit(List, double, double, double)}.
     *
     * @param groups [trial] the group index of each trial, 0 … G−1, every group with at least one trial
     * @return one result per group: its scale factors, the shared weights and the shared cost
     * @throws IllegalArgumentException for empty or inconsistent trials, groups or bounds
     */
    public static List<Result> fitPerGroup(List<Trial> trials, int[] groups, double minScale, double maxScale,
            double ridge) {
        if (!(minScale > 0 && minScale <= 1) || !(ridge >= 0) || !(maxScale >= minScale)) {
            throw new IllegalArgumentException("need 0 < minScale <= 1, maxScale >= minScale and ridge >= 0, got "
                    + minScale + ", " + maxScale + ", " + ridge);
        }
        if (trials == null || groups == null || groups.length != trials.size()) {
            throw new IllegalArgumentException("need one group index per trial");
        }
        int count = 0;
        for (int g : groups) {
            if (g < 0) {
                throw new IllegalArgumentException("group index " + g + " is negative");
            }
            count = Math.max(count, g + 1);
        }
        boolean[] seen = new boolean[count];
        for (int g : groups) {
            seen[g] = true;
        }
        for (int g = 0; g < count; g++) {
            if (!seen[g]) {
                throw new IllegalArgumentException("group " + g + " has no trial");
            }
        }
        return List.of(solve(trials, groups, count, null, minScale, maxScale, ridge));
    }

    /**
     * Fits only the synergy weights, with the scale factors held at the given values (e.g. all 1: the envelopes
     * taken as activations as they are, the uncalibrated baseline a calibration is compared with).
     *
     * @param scales [measured] the fixed scale factors, each finite and &gt; 0
     * @throws IllegalArgumentException for empty or inconsistent trials or scales
     */
    public static Result fitWeights(List<Trial> trials, double[] scales, double ridge) {
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("need ridge >= 0, got " + ridge);
        }
        for (double v : scales) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("fixed scale factors must be finite and > 0, got " + v);
            }
        }
        return solve(trials, null, 1, scales, Double.NaN, Double.NaN, ridge)[0];
    }

    private static Result[] solve(List<Trial> trials, int[] groups, int groupCount, double[] fixed, double minScale,
            double maxScale, double ridge) {
        if (trials == null || trials.isEmpty()) {
            throw new IllegalArgumentException("no trials");
        }
        Trial first = trials.get(0);
        int nm = first.measured().size();
        int nx = first.missing().size();
        int ks = first.synergies().length;
        int nc = first.torques().length;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (t.measured().size() != nm || t.missing().size() != nx || t.synergies().length != ks
                    || t.torques().length != nc || t.envelopes().length != nm) {
                throw new IllegalArgumentException("trial " + i + " has other muscle, synergy or coordinate counts "
                        + "than trial 0");
            }
        }
        if (fixed != null && fixed.length != nm) {
            throw new IllegalArgumentException(fixed.length + " fixed scale factors for " + nm + " measured muscles");
        }
        int[] group = groups != null ? groups : new int[trials.size()];
        int ns = groupCount * nm; // the scale factors, group by group
        int n = ns + nx * ks;
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int g = 0; g < groupCount; g++) {
            for (int i = 0; i < nm; i++) {
                double max = 0;
                for (int ti = 0; ti < trials.size(); ti++) {
                    if (group[ti] != g) {
                        continue;
                    }
                    for (double v : trials.get(ti).envelopes()[i]) {
                        max = Math.max(max, v);
                    }
                }
                int a = g * nm + i;
                if (fixed != null) {
                    lower[a] = fixed[i];
                    upper[a] = fixed[i];
                } else {
                    lower[a] = minScale;
                    upper[a] = Math.max(minScale, Math.min(maxScale, 1 / Math.max(max, 1e-6)));
                }
            }
        }
        for (int y = 0; y < ks; y++) {
            double max = 0;
            boolean negative = false;
            for (Trial t : trials) {
                for (double v : t.synergies()[y]) {
                    max = Math.max(max, Math.abs(v));
                    negative |= v < 0;
                }
            }
            double u = 1 / Math.max(max, 1e-12);
            for (int j = 0; j < nx; j++) {
                lower[ns + j * ks + y] = negative ? -u : 0;
                upper[ns + j * ks + y] = u;
            }
        }
        double[] rmsTau = new double[nc];
        long samples = 0;
        for (Trial t : trials) {
            for (int c = 0; c < nc; c++) {
                for (double v : t.torques()[c]) {
                    rmsTau[c] += v * v;
                }
            }
            samples += t.samples();
        }
        for (int c = 0; c < nc; c++) {
            rmsTau[c] = Math.max(Math.sqrt(rmsTau[c] / samples), 1e-9);
        }
        double[][] q = new double[n][n];
        double[] b = new double[n];
        double constant = 0;
        double[] row = new double[n];
        for (int ti = 0; ti < trials.size(); ti++) {
            Trial t = trials.get(ti);
            int off = group[ti] * nm;
            java.util.Arrays.fill(row, 0, ns, 0.0); // other groups' scale factors do not act on this trial
            for (int c = 0; c < nc; c++) {
                double w2 = 1 / (rmsTau[c] * rmsTau[c]);
                for (int k = 0; k < t.samples(); k++) {
                    double target = t.torques()[c][k];
                    for (int i = 0; i < nm; i++) {
                        Muscle m = t.measured().get(i);
                        row[off + i] = m.momentArms()[c][k] * m.activeForce()[k] * t.envelopes()[i][k];
                        target -= m.momentArms()[c][k] * m.passiveForce()[k];
                    }
                    for (int j = 0; j < nx; j++) {
                        Muscle m = t.missing().get(j);
                        double rc = m.momentArms()[c][k];
                        target -= rc * m.passiveForce()[k];
                        for (int y = 0; y < ks; y++) {
                            row[ns + j * ks + y] = rc * m.activeForce()[k] * t.synergies()[y][k];
                        }
                    }
                    for (int a = 0; a < n; a++) {
                        if (row[a] == 0) {
                            continue;
                        }
                        b[a] += w2 * row[a] * target;
                        for (int d = 0; d < n; d++) {
                            q[a][d] += w2 * row[a] * row[d];
                        }
                    }
                    constant += w2 * target * target;
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < n; a++) {
            trace += q[a][a];
        }
        double lambda = ridge * trace / n;
        for (int a = 0; a < n; a++) {
            q[a][a] += lambda;
        }
        double[] x = boxQuadratic(q, b, lower, upper);
        double cost = constant;
        for (int a = 0; a < n; a++) {
            cost -= 2 * b[a] * x[a];
            for (int d = 0; d < n; d++) {
                cost += x[a] * q[a][d] * x[d];
            }
        }
        double[][] w = new double[nx][ks];
        for (int j = 0; j < nx; j++) {
            System.arraycopy(x, ns + j * ks, w[j], 0, ks);
        }
        Result[] out = new Result[groupCount];
        for (int g = 0; g < groupCount; g++) {
            double[][] wg = new double[nx][];
            for (int j = 0; j < nx; j++) {
                wg[j] = w[j].clone();
            }
            out[g] = new Result(java.util.Arrays.copyOfRange(x, g * nm, g * nm + nm), wg, cost);
        }
        return out;
    }

    /** min ½xᵀQx − bᵀx over lower ≤ x ≤ upper by cyclic coordinate descent (Q positive semi-definite). */
    static double[] boxQuadratic(double[][] q, double[] b, double[] lower, double[] upper) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(lower[i], Math.min(upper[i], 0));
        }
        for (int sweep = 0; sweep < 200_000; sweep++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                if (q[i][i] <= 0) {
                    continue;
                }
                double g = b[i];
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        g -= q[i][j] * x[j];
                    }
                }
                double xi = Math.max(lower[i], Math.min(upper[i], g / q[i][i]));
                change = Math.max(change, Math.abs(xi - x[i]) / Math.max(1e-12, upper[i] - lower[i]));
                x[i] = xi;
            }
            if (change < 1e-12) {
                break;
            }
        }
        return x;
    }
}
