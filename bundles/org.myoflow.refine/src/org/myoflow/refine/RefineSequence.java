package org.myoflow.refine;

/**
 * One sequence for the refinement network: the simulated activity of every muscle (e.g. static-optimisation
 * activations), optional extra input rows (e.g. joint angles), and the measured activity the simulation is refined
 * toward (e.g. EMG envelopes), all sampled on the same time base.
 *
 * <p>The record holds the caller's arrays as given (no copies); {@link #check} validates them when a trainer or a
 * model reads them, naming the sequence, row and sample of the first problem.
 *
 * @param input  simulated activity [muscle][t]
 * @param extra  extra input rows [row][t], or null for none
 * @param target measured activity [muscle][t] in the muscles' order of {@code input}, or null (inference)
 * @since 0.1
 */
public record RefineSequence(double[][] input, double[][] extra, double[][] target) {

    /** A sequence without extra rows. */
    public RefineSequence(double[][] input, double[][] target) {
        this(input, null, target);
    }

    /** Number of time samples (of the input's first row; 0 when there is none). */
    public int samples() {
        return input == null || input.length == 0 || input[0] == null ? 0 : input[0].length;
    }

    /** Number of extra rows (0 without). */
    public int extraRows() {
        return extra == null ? 0 : extra.length;
    }

    /**
     * Checks shapes and values.
     *
     * @param index      the sequence's position, for messages
     * @param muscles    required muscle count
     * @param extras     required number of extra rows
     * @param needTarget whether a target is required (training) or ignored (inference)
     * @param minSamples least number of samples
     * @throws IllegalArgumentException naming the sequence and, for values, the row and sample
     */
    void check(int index, int muscles, int extras, boolean needTarget, int minSamples) {
        String where = "sequence " + index;
        if (input == null || input.length == 0) {
            throw new IllegalArgumentException(where + ": no input rows");
        }
        int n = samples();
        if (input.length != muscles) {
            throw new IllegalArgumentException(where + ": input has " + input.length + " muscles, expected "
                    + muscles);
        }
        rows(where, "input", input, n);
        if (extraRows() != extras) {
            throw new IllegalArgumentException(where + ": " + extraRows() + " extra input rows, expected " + extras);
        }
        if (extra != null) {
            rows(where, "extra", extra, n);
        }
        if (needTarget) {
            if (target == null) {
                throw new IllegalArgumentException(where + ": no target (training needs the measured activity)");
            }
            if (target.length != input.length) {
                throw new IllegalArgumentException(where + ": input has " + input.length + " muscles, target "
                        + target.length);
            }
            int nt = target.length == 0 || target[0] == null ? 0 : target[0].length;
            if (nt != n) {
                throw new IllegalArgumentException(where + ": input has " + n + " samples, target " + nt);
            }
            rows(where, "target", target, n);
        }
        if (n < minSamples) {
            throw new IllegalArgumentException(where + ": " + n + " samples, fewer than one window (" + minSamples
                    + ")");
        }
    }

    private static void rows(String where, String what, double[][] rows, int n) {
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException(where + ", " + what + " row " + r + " is null");
            }
            if (rows[r].length != n) {
                throw new IllegalArgumentException(where + ": " + what + " row " + r + " has " + rows[r].length
                        + " samples, input row 0 " + n);
            }
            for (int t = 0; t < n; t++) {
                double v = rows[r][t];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(where + ", " + what + " row " + r + ", sample " + t + " is "
                            + (Double.isNaN(v) ? "NaN" : "infinite"));
                }
            }
        }
    }

    /** The input channels [t·channels + c]: the muscles' activity, then the extra rows. */
    float[] channels() {
        int n = samples();
        int m = input.length;
        int c = m + extraRows();
        float[] x = new float[n * c];
        for (int r = 0; r < c; r++) {
            double[] row = r < m ? input[r] : extra[r - m];
            for (int t = 0; t < n; t++) {
                x[t * c + r] = (float) row[t];
            }
        }
        return x;
    }
}
