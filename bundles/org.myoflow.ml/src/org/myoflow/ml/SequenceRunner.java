package org.myoflow.ml;

import java.util.Map;

import org.myoflow.dsp.Windows;

/**
 * Runs a sequence model, a graph from one input {@code [batch, time, channels]} to outputs
 * {@code [batch, time, outputs]}, on ONNX Runtime: over a whole sequence in one pass, or over windows of a fixed
 * length every half window (the last ending at the sequence's end), all in one batch, merged with the linear
 * cross-fade of {@link Windows}. Sequences are time-major float arrays ({@code [t·C + c]}); results are rows
 * {@code [output][t]}. The NMM and the refinement network run through it.
 *
 * @since 0.2
 */
public final class SequenceRunner {

    private final OnnxModel session;
    private final String input;
    private final int channels;

    /**
     * @param session  the graph (not closed by the runner)
     * @param input    name of its sequence input
     * @param channels size of the input's last dimension
     */
    public SequenceRunner(OnnxModel session, String input, int channels) {
        this.session = session;
        this.input = input;
        this.channels = channels;
    }

    /** Rows {@code [channel][t]} as one time-major array {@code [t·C + c]} (float). */
    public static float[] timeMajor(double[][] rows) {
        int c = rows.length;
        int n = c == 0 ? 0 : rows[0].length;
        float[] x = new float[n * c];
        for (int r = 0; r < c; r++) {
            for (int t = 0; t < n; t++) {
                x[t * c + r] = (float) rows[r][t];
            }
        }
        return x;
    }

    /** A time-major array {@code [t·K + k]} of {@code n} steps as rows {@code [k][t]}. */
    public static double[][] rows(float[] y, int n, int k) {
        double[][] out = new double[k][n];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                out[j][t] = y[t * k + j];
            }
        }
        return out;
    }

    /** The windows {@link #windowed} runs over a sequence of {@code n} steps. */
    public static Windows plan(int n, int window) {
        int w = Math.min(n, window);
        return Windows.plan(n, w, w == n ? 0 : w - Math.max(1, w / 2));
    }

    /** The graph's first output of one pass over the whole sequence ({@code n} steps), as rows [output][t]. */
    public double[][] whole(float[] x, int n, int outputs) {
        return rows(session.run(Map.of(input, FloatTensor.of(x, 1, n, channels))).data(), n, outputs);
    }

    /** Every output of one pass over the whole sequence, as the graph gives them. */
    public Map<String, FloatTensor> wholeAll(float[] x, int n) {
        return session.runAll(Map.of(input, FloatTensor.of(x, 1, n, channels)));
    }

    /**
     * The graph's first output over a sequence of {@code n} steps: in one pass when it has at most {@code window}
     * steps, else over the windows of {@link #plan} in one batch, merged with their cross-fade.
     */
    public double[][] windowed(float[] x, int n, int window, int outputs) {
        if (n <= window) {
            return whole(x, n, outputs);
        }
        Windows plan = plan(n, window);
        int b = plan.count();
        int w = plan.windowLength();
        float[] y = session.run(Map.of(input, FloatTensor.of(batch(plan, x), b, w, channels))).data();
        double[][][] perWindow = new double[b][outputs][w];
        for (int k = 0; k < b; k++) {
            for (int t = 0; t < w; t++) {
                for (int j = 0; j < outputs; j++) {
                    perWindow[k][j][t] = y[(k * w + t) * outputs + j];
                }
            }
        }
        return plan.merge(perWindow, outputs);
    }

    /** Every output of the graph over the windows of {@link #plan} (one batch, not merged). */
    public Map<String, FloatTensor> windowsAll(float[] x, int n, int window) {
        Windows plan = plan(n, window);
        return session.runAll(Map.of(input, FloatTensor.of(batch(plan, x), plan.count(), plan.windowLength(),
                channels)));
    }

    /** The plan's windows of a time-major sequence, stacked: {@code [window][t·C + c]}. */
    private float[] batch(Windows plan, float[] x) {
        int w = plan.windowLength();
        float[] batch = new float[plan.count() * w * channels];
        for (int k = 0; k < plan.count(); k++) {
            System.arraycopy(x, plan.start(k) * channels, batch, k * w * channels, w * channels);
        }
        return batch;
    }
}
