package org.myoflow.dsp;

/**
 * A plan for chopping a long recording into overlapping windows of equal length and merging per-window estimates
 * back. Windows start every {@code windowLength − overlap} samples; the last one is aligned to the end of the
 * recording (so it may overlap its predecessor by more than {@code overlap}). Merging cross-fades linearly over
 * each overlap: in an overlap of L samples the earlier window's weight falls as (L − k)/(L + 1) and the later one's
 * rises as (k + 1)/(L + 1), k = 0..L−1; weights are normalised to sum to 1 at every sample.
 *
 * @since 0.1
 */
public final class Windows {

    private final int total;
    private final int length;
    private final int[] starts;

    private Windows(int total, int length, int[] starts) {
        this.total = total;
        this.length = length;
        this.starts = starts;
    }

    /**
     * @param totalLength   samples in the recording
     * @param windowLength  samples per window, at least 1 and at most totalLength
     * @param overlap       samples shared by consecutive windows, 0 ≤ overlap &lt; windowLength
     */
    public static Windows plan(int totalLength, int windowLength, int overlap) {
        if (windowLength < 1) {
            throw new IllegalArgumentException("windowLength must be at least 1, got " + windowLength);
        }
        if (totalLength < windowLength) {
            throw new IllegalArgumentException("the recording has " + totalLength
                    + " samples, fewer than one window of " + windowLength);
        }
        if (overlap < 0 || overlap >= windowLength) {
            throw new IllegalArgumentException("overlap " + overlap + " must be at least 0 and below the window length "
                    + windowLength);
        }
        int step = windowLength - overlap;
        int count = 1 + (totalLength - windowLength + step - 1) / step;
        int[] starts = new int[count];
        for (int i = 0; i < count - 1; i++) {
            starts[i] = i * step;
        }
        starts[count - 1] = totalLength - windowLength;
        return new Windows(totalLength, windowLength, starts);
    }

    /** Number of windows. */
    public int count() {
        return starts.length;
    }

    /** First sample of window i. */
    public int start(int i) {
        return starts[i];
    }

    /** Samples per window. */
    public int windowLength() {
        return length;
    }

    /** Samples in the whole recording. */
    public int totalLength() {
        return total;
    }

    /** Copies of the windows, [window][channel][time]. */
    public double[][][] chop(double[][] x) {
        double[][][] w = new double[starts.length][x.length][length];
        for (int c = 0; c < x.length; c++) {
            if (x[c].length != total) {
                throw new IllegalArgumentException("channel " + c + " has " + x[c].length + " samples, the plan "
                        + total);
            }
            for (int i = 0; i < starts.length; i++) {
                System.arraycopy(x[c], starts[i], w[i][c], 0, length);
            }
        }
        return w;
    }

    /** Cross-fade weight of window i at its own sample k (before normalisation). */
    double weight(int i, int k) {
        int t = starts[i] + k;
        double w = 1;
        if (i > 0) {
            int l = starts[i - 1] + length - starts[i];
            if (t < starts[i] + l) {
                w = Math.min(w, (double) (t - starts[i] + 1) / (l + 1));
            }
        }
        if (i < starts.length - 1) {
            int l = starts[i] + length - starts[i + 1];
            if (t >= starts[i + 1]) {
                w = Math.min(w, (double) (starts[i] + length - t) / (l + 1));
            }
        }
        return w;
    }

    /**
     * Merges per-window estimates [window][channel][time] (as {@link #chop} lays them out) into [channel][time] over
     * the whole recording with the cross-fade weights.
     *
     * @throws IllegalArgumentException when the estimates do not match the plan's windows, channels or length
     */
    public double[][] merge(double[][][] estimates, int channels) {
        if (estimates.length != starts.length) {
            throw new IllegalArgumentException("got " + estimates.length + " window estimates, the plan has "
                    + starts.length + " windows");
        }
        double[][] out = new double[channels][total];
        double[] norm = new double[total];
        for (int i = 0; i < starts.length; i++) {
            if (estimates[i].length != channels) {
                throw new IllegalArgumentException("window " + i + " has " + estimates[i].length
                        + " channels, expected " + channels);
            }
            for (int k = 0; k < length; k++) {
                norm[starts[i] + k] += weight(i, k);
            }
            for (int c = 0; c < channels; c++) {
                if (estimates[i][c].length != length) {
                    throw new IllegalArgumentException("window " + i + " channel " + c + " has "
                            + estimates[i][c].length + " samples, the window length is " + length);
                }
                for (int k = 0; k < length; k++) {
                    out[c][starts[i] + k] += weight(i, k) * estimates[i][c][k];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < total; t++) {
                out[c][t] /= norm[t];
            }
        }
        return out;
    }
}
