package org.myoflow.ml.nn;

import java.util.List;
import java.util.Map;

import org.myoflow.ml.onnx.OnnxGraphBuilder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One batch-first GRU layer, as a DJL block for training and as one ONNX {@code GRU} node (opset 17,
 * {@code linear_before_reset = 1}, PyTorch's formulation) for inference. Both sides take and give the same
 * layouts:
 * <ul>
 * <li>input {@code [B, T, inputSize]};</li>
 * <li>optional initial state {@code [dirs, B, hidden]} (zeros when absent);</li>
 * <li>sequence {@code [B, T, dirs·hidden]}, the backward direction's features after the forward ones;</li>
 * <li>final state {@code [dirs, B, hidden]} (for the backward direction: its state after reading step 0).</li>
 * </ul>
 * {@code dirs} is 2 for a bidirectional layer, else 1. {@link #export} reads the trained weights from the block
 * built by {@link #block()} and reorders PyTorch's gate blocks (r, z, n) to ONNX's (z, r, h).
 *
 * <p>DJL 0.35.1's own bidirectional {@link GRU} cannot run on the PyTorch engine: it hands PyTorch its parameters
 * in the order (weights of both directions, then biases) where PyTorch expects them per direction, and the forward
 * pass fails with a shape error. The bidirectional block built here is therefore two unidirectional GRUs, the
 * second one reading the time-reversed input; this is the same computation as PyTorch's bidirectional GRU.
 *
 * @param inputSize     input features per step
 * @param hidden        state size per direction
 * @param bidirectional whether a second GRU reads the sequence backwards
 * @since 0.1
 */
public record Gru(int inputSize, int hidden, boolean bidirectional) {

    /** The names of the two values {@link #export} adds to a graph. */
    public record Exported(String sequence, String state) {
    }

    public Gru {
        if (inputSize < 1 || hidden < 1) {
            throw new IllegalArgumentException("bad GRU sizes: input " + inputSize + ", hidden " + hidden);
        }
    }

    /** Number of directions: 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /**
     * A fresh, uninitialised DJL block (initialise it with an input shape {@code [B, T, inputSize]}). It takes one
     * or two inputs (the sequence, optionally the initial state) and returns two (the sequence and the final
     * state), with the layouts given in the class comment. Unidirectional: a DJL {@link GRU}; bidirectional: a
     * block of two of them (see the class comment).
     */
    public Block block() {
        return bidirectional ? new Bidirectional(inputSize, hidden) : unidirectional(hidden);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return (long) directions() * 3 * hidden * (inputSize + hidden + 2);
    }

    private static GRU unidirectional(int hidden) {
        return GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(true)
                .optBidirectional(false).build();
    }

    /**
     * Adds this layer to an ONNX graph as one {@code GRU} node with the Transpose and Reshape around it that give
     * the batch-first layouts of the class comment; batch and time dimensions stay dynamic.
     *
     * @param g        the graph
     * @param block    the block built by {@link #block()}, initialised (trained)
     * @param input    name of a {@code [B, T, inputSize]} float tensor in the graph
     * @param initialH name of a {@code [dirs, B, hidden]} float tensor with the initial state, or null for zeros
     * @param prefix   prefix of the initializer names ({@code prefix.W}, {@code prefix.R}, {@code prefix.B}), one per
     *                 layer in a graph
     * @return the names of the {@code [B, T, dirs·hidden]} sequence and the {@code [dirs, B, hidden]} final state
     * @throws IllegalArgumentException when the block is not an initialised block of this layer's kind and sizes
     */
    public Exported export(OnnxGraphBuilder g, Block block, String input, String initialH, String prefix) {
        GRU[] dirs = directionsOf(block);
        int h = hidden;
        float[] w = new float[dirs.length * 3 * h * inputSize];
        float[] r = new float[dirs.length * 3 * h * h];
        float[] b = new float[dirs.length * 6 * h];
        for (int d = 0; d < dirs.length; d++) {
            // a unidirectional single-layer DJL GRU has the parameters l_0_{i2h,h2h}_{WEIGHT,BIAS}
            GRU gru = dirs[d];
            toOnnxGateOrder(weight(gru, "l_0_i2h_WEIGHT", 3L * h, inputSize), h, inputSize, w, d * 3 * h * inputSize);
            toOnnxGateOrder(weight(gru, "l_0_h2h_WEIGHT", 3L * h, h), h, h, r, d * 3 * h * h);
            float[] bi = bias(gru, "l_0_i2h_BIAS", 3 * h);
            float[] bh = bias(gru, "l_0_h2h_BIAS", 3 * h);
            toOnnxGateOrder(bi, h, 1, b, d * 6 * h);
            toOnnxGateOrder(bh, h, 1, b, d * 6 * h + 3 * h);
        }
        long nd = dirs.length;
        String wn = g.initializer(prefix + ".W", w, nd, 3L * h, inputSize);
        String rn = g.initializer(prefix + ".R", r, nd, 3L * h, h);
        String bn = g.initializer(prefix + ".B", b, nd, 6L * h);
        String x = g.node("Transpose", Map.of("perm", new long[] {1, 0, 2}), input); // [T, B, I]
        String y = g.fresh(prefix + ".Y");
        String yh = g.fresh(prefix + ".Y_h");
        g.node("GRU", List.of(x, wn, rn, bn, "", initialH == null ? "" : initialH),
                List.of(y, yh), Map.of("hidden_size", (long) h, "direction",
                        bidirectional ? "bidirectional" : "forward", "linear_before_reset", 1L));
        // Y [T, dirs, B, H] -> [B, T, dirs, H] -> [B, T, dirs·H]
        String yt = g.node("Transpose", Map.of("perm", new long[] {2, 0, 1, 3}), y);
        String shape = g.initializerInt64(g.fresh(prefix + ".seq_shape"), 0, 0, nd * h);
        String seq = g.node("Reshape", yt, shape);
        return new Exported(seq, yh);
    }

    /** The unidirectional GRUs of {@code block}, forward first. */
    private GRU[] directionsOf(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the GRU block is not initialised (no weights to export)");
        }
        GRU[] dirs;
        if (block instanceof Bidirectional bi) {
            dirs = new GRU[] {bi.forward, bi.backward};
        } else if (block instanceof GRU gru) {
            if (gru.getParameters().contains("r_0_i2h_WEIGHT")) {
                throw new IllegalArgumentException("DJL's own bidirectional GRU is not supported (it does not run "
                        + "on the PyTorch engine); use Gru.block()");
            }
            dirs = new GRU[] {gru};
            // the state's batch axis is the input's axis 0 only for batch-first blocks
            Shape[] probe = gru.getOutputShapes(new Shape[] {new Shape(2, 3, inputSize)});
            if (probe.length != 2 || probe[1].get(1) != 2) {
                throw new IllegalArgumentException("the GRU block must be batch-first and return its state "
                        + "(build it with Gru.block())");
            }
            if (gru.getParameters().keys().stream().anyMatch(k -> k.matches("[lr]_[1-9].*"))) {
                throw new IllegalArgumentException("only single-layer GRUs are exported; stack Gru layers instead");
            }
        } else {
            throw new IllegalArgumentException("not a GRU block: " + block.getClass().getName());
        }
        if (dirs.length != directions()) {
            throw new IllegalArgumentException("the block has " + dirs.length + " direction(s), this layer "
                    + directions());
        }
        return dirs;
    }

    private static float[] weight(GRU gru, String name, long rows, long cols) {
        NDArray a = param(gru, name);
        if (!a.getShape().equals(new Shape(rows, cols))) {
            throw new IllegalArgumentException("GRU parameter " + name + " has shape " + a.getShape()
                    + ", this layer expects " + new Shape(rows, cols));
        }
        return a.toFloatArray();
    }

    private static float[] bias(GRU gru, String name, int size) {
        if (!gru.getParameters().contains(name)) {
            return new float[size]; // built without biases
        }
        return param(gru, name).toFloatArray();
    }

    private static NDArray param(GRU gru, String name) {
        Parameter p = gru.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalArgumentException("GRU parameter " + name + " is missing or not initialised");
        }
        return p.getArray();
    }

    /**
     * Copies a [3H, cols] block stacked in PyTorch's gate order (r, z, n) into {@code dst} at {@code offset} in
     * ONNX's order (z, r, h).
     */
    private static void toOnnxGateOrder(float[] src, int h, int cols, float[] dst, int offset) {
        int gate = h * cols;
        System.arraycopy(src, gate, dst, offset, gate); // z
        System.arraycopy(src, 0, dst, offset + gate, gate); // r
        System.arraycopy(src, 2 * gate, dst, offset + 2 * gate, gate); // n (ONNX: h)
    }

    /**
     * A bidirectional GRU layer as two unidirectional DJL GRUs (children "forward" and "backward"), the second
     * reading the time-reversed sequence; inputs and outputs as in {@link Gru}'s class comment.
     */
    static final class Bidirectional extends AbstractBlock {

        private static final byte VERSION = 1;

        private final int inputSize;
        private final int hidden;
        final GRU forward;
        final GRU backward;

        Bidirectional(int inputSize, int hidden) {
            super(VERSION);
            this.inputSize = inputSize;
            this.hidden = hidden;
            forward = addChildBlock("forward", unidirectional(hidden));
            backward = addChildBlock("backward", unidirectional(hidden));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.get(0);
            Shape xs = x.getShape();
            if (xs.dimension() != 3 || xs.get(2) != inputSize) {
                throw new IllegalArgumentException("bidirectional GRU input must be [batch, time, " + inputSize
                        + "], got " + xs);
            }
            NDList fwdIn = new NDList(x);
            NDList bwdIn = new NDList(x.flip(1));
            if (inputs.size() > 1) {
                NDArray h0 = inputs.get(1);
                if (!h0.getShape().equals(new Shape(2, xs.get(0), hidden))) {
                    throw new IllegalArgumentException("bidirectional GRU initial state must be [2, " + xs.get(0)
                            + ", " + hidden + "], got " + h0.getShape());
                }
                fwdIn.add(h0.get("0:1"));
                bwdIn.add(h0.get("1:2"));
            }
            NDList f = forward.forward(ps, fwdIn, training, params);
            NDList b = backward.forward(ps, bwdIn, training, params);
            return new NDList(f.get(0).concat(b.get(0).flip(1), 2), f.get(1).concat(b.get(1), 0));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape x = inputShapes[0];
            return new Shape[] {new Shape(x.get(0), x.get(1), 2L * hidden), new Shape(2, x.get(0), hidden)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            forward.initialize(manager, dataType, inputShapes[0]);
            backward.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
