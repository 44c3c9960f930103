package org.myoflow.refine;

import java.util.Map;

import org.myoflow.ml.DjlArrays;
import org.myoflow.ml.nn.Gru;
import org.myoflow.ml.onnx.OnnxGraphBuilder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The Seq2Seq refinement network as one DJL block, and its ONNX export.
 *
 * <pre>
 *   x [B,T,C] ─ z = (x − mean)/std ─ bidirectional GRU ─ e [B,T,2H] ─ GRU ─ q [B,T,H]
 *   logits[b,i,j] = (q_i Wq)·(e_j Wk)/√A + bias[clip(j − i, −K, K)]       (scaled dot product + relative position)
 *   α = softmax over j (input time);  ctx_i = Σ_j α_ij [e_j ⊕ z_j]
 *   u_i = (Σ_j α_ij x_j)[muscles] / targetScale                             (skip: the attended input)
 *   refined = softplus(dropout([q_i ⊕ ctx_i]) Wo + bo + g ⊙ u_i) · targetScale   [B,T,M]
 * </pre>
 *
 * The values attended to carry the standardised input itself beside the encoder states, so a pure time shift is a
 * single peak of the relative-position bias. Outputs: {@code refined} and the attention weights {@code α} [B,T,T].
 */
final class RefineNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Largest relative offset |j − i| with its own position bias (further ones share the edge values). */
    static final int MAX_OFFSET = 16;

    private final int channels;
    private final int muscles;
    private final int hidden;
    private final int attention;
    private final Gru encoderGru;
    private final Gru decoderGru;
    private final Block encoder;
    private final Block decoder;
    private final Linear query;
    private final Linear key;
    private final Linear head;
    private final Parameter positionBias;
    private final Parameter skipGain;
    private final Block dropout;
    /** [2H + C, M]: picks each muscle's attended standardised input from the context and maps it to raw / targetScale. */
    private final float[] skipMap;
    /** [M]: mean / targetScale of each muscle's input, the offset of that map. */
    private final float[] skipOffset;
    private final float[] mean;
    private final float[] invStd;
    private final float[] targetScale;
    private final float keyScale;
    private int oneHotSteps = -1;
    private float[] oneHot;

    RefineNetwork(int channels, int muscles, int hidden, int attention, float[] mean, float[] std,
            float[] targetScale, float dropoutRate) {
        super(VERSION);
        this.channels = channels;
        this.muscles = muscles;
        this.hidden = hidden;
        this.attention = attention;
        this.mean = mean.clone();
        this.invStd = new float[std.length];
        for (int c = 0; c < std.length; c++) {
            invStd[c] = 1f / std[c];
        }
        this.targetScale = targetScale.clone();
        this.keyScale = (float) (1 / Math.sqrt(attention));
        encoderGru = new Gru(channels, hidden, true);
        decoderGru = new Gru(2 * hidden, hidden, false);
        encoder = addChildBlock("encoder", encoderGru.block());
        decoder = addChildBlock("decoder", decoderGru.block());
        query = addChildBlock("query", Linear.builder().setUnits(attention).optBias(false).build());
        key = addChildBlock("key", Linear.builder().setUnits(attention).optBias(false).build());
        head = addChildBlock("head", Linear.builder().setUnits(muscles).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
        int width = 2 * hidden + channels;
        skipMap = new float[width * muscles];
        skipOffset = new float[muscles];
        for (int m = 0; m < muscles; m++) {
            skipMap[(2 * hidden + m) * muscles + m] = std[m] / targetScale[m];
            skipOffset[m] = mean[m] / targetScale[m];
        }
        skipGain = addParameter(Parameter.builder().setName("skipGain").setType(Parameter.Type.OTHER)
                .optShape(new Shape(muscles)).optInitializer(new ConstantInitializer(1f)).build());
        positionBias = addParameter(Parameter.builder().setName("positionBias").setType(Parameter.Type.OTHER)
                .optShape(new Shape(2 * MAX_OFFSET + 1)).optInitializer(new ConstantInitializer(0f)).build());
    }

    float[] targetScale() {
        return targetScale.clone();
    }

    /** [T·T, 2K+1]: row (i, j) selects the bias of clip(j − i, −K, K). */
    private synchronized float[] oneHot(int steps) {
        if (steps != oneHotSteps) {
            int k = 2 * MAX_OFFSET + 1;
            float[] h = new float[steps * steps * k];
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    int d = Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, j - i));
                    h[(i * steps + j) * k + d + MAX_OFFSET] = 1;
                }
            }
            oneHot = h;
            oneHotSteps = steps;
        }
        return oneHot;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDManager nm = x.getManager();
        int steps = (int) x.getShape().get(1);
        NDArray z = x.sub(DjlArrays.owned(nm, mean, new Shape(channels)))
                .mul(DjlArrays.owned(nm, invStd, new Shape(channels)));
        NDArray e = encoder.forward(ps, new NDList(z), training).head();
        NDArray q = decoder.forward(ps, new NDList(e), training).head();
        NDArray qa = query.forward(ps, new NDList(q), training).head()
                .mul(DjlArrays.scalar(nm, keyScale));
        NDArray ka = key.forward(ps, new NDList(e), training).head();
        NDArray bias = DjlArrays.owned(nm, oneHot(steps), new Shape((long) steps * steps, 2 * MAX_OFFSET + 1))
                .matMul(ps.getValue(positionBias, x.getDevice(), training).reshape(2 * MAX_OFFSET + 1, 1))
                .reshape(steps, steps);
        NDArray alpha = qa.matMul(ka.transpose(0, 2, 1)).add(bias).softmax(-1);
        NDArray context = alpha.matMul(e.concat(z, 2));
        // skip path: each muscle's input as the attention moved it, back in raw units over targetScale
        NDArray shifted = context.matMul(DjlArrays.owned(nm, skipMap, new Shape(2L * hidden + channels, muscles)))
                .add(DjlArrays.owned(nm, skipOffset, new Shape(muscles)));
        NDArray features = dropout.forward(ps, new NDList(q.concat(context, 2)), training).head();
        NDArray a = head.forward(ps, new NDList(features), training).head()
                .add(shifted.mul(ps.getValue(skipGain, x.getDevice(), training)));
        // softplus, the stable form (as ONNX Runtime computes it): max(a, 0) + ln(1 + e^−|a|)
        NDArray y = Activation.relu(a).add(a.abs().neg().exp().add(1f).log())
                .mul(DjlArrays.owned(nm, targetScale, new Shape(muscles)));
        return new NDList(y, alpha);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        return new Shape[] {new Shape(b, t, muscles), new Shape(b, t, t)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        if (in[0].dimension() != 3 || in[0].get(2) != channels) {
            throw new IllegalArgumentException("refinement input must be [batch, time, " + channels + "], got "
                    + in[0]);
        }
        long b = in[0].get(0);
        long t = in[0].get(1);
        encoder.initialize(manager, dataType, in[0]);
        decoder.initialize(manager, dataType, new Shape(b, t, 2L * hidden));
        query.initialize(manager, dataType, new Shape(b, t, hidden));
        key.initialize(manager, dataType, new Shape(b, t, 2L * hidden));
        dropout.initialize(manager, dataType, new Shape(b, t, 3L * hidden + channels));
        head.initialize(manager, dataType, new Shape(b, t, 3L * hidden + channels));
    }

    /**
     * The inference graph: {@code input} [B,T,C] raw channels → {@code refined} [B,T,M] and {@code attention}
     * [B,T,T]; batch and time are dynamic (the relative-position bias matrix is built in the graph from T).
     */
    byte[] exportOnnx(String producer, Map<String, String> metadata) {
        if (!isInitialized()) {
            throw new IllegalStateException("the refinement network has no weights yet");
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("seq2seq-refine");
        g.input(RefineModel.INPUT, -1, -1, channels);
        g.output(RefineModel.OUTPUT, -1, -1, muscles);
        g.output(RefineModel.ATTENTION, -1, -1, -1);
        metadata.forEach(g::metadata);
        String z = g.node("Mul", g.node("Sub", RefineModel.INPUT, g.initializer("norm.mean", mean, channels)),
                g.initializer("norm.invStd", invStd, channels));
        String e = encoderGru.export(g, encoder, z, null, "encoder").sequence();
        String q = decoderGru.export(g, decoder, e, null, "decoder").sequence();
        String qa = g.node("Mul", g.node("MatMul", q, transposed(g, "query.weightT", query)),
                g.scalar("attention.scale", keyScale));
        String ka = g.node("MatMul", e, transposed(g, "key.weightT", key));
        String logits = g.node("MatMul", qa, g.node("Transpose", Map.of("perm", new long[] {0, 2, 1}), ka));
        // bias[clip(j - i, -K, K)] as a [T, T] matrix from the input's time length
        String steps = g.node("Cast", Map.of("to", 1L), g.node("Reshape", g.node("Shape", Map.of("start", 1L,
                "end", 2L), RefineModel.INPUT), g.initializerInt64("pos.scalarShape")));
        String pos = g.node("Range", g.scalar("pos.zero", 0f), steps, g.scalar("pos.one", 1f));
        String rows = g.node("Unsqueeze", pos, g.initializerInt64("pos.axis1", 1));
        String cols = g.node("Unsqueeze", pos, g.initializerInt64("pos.axis0", 0));
        String offset = g.node("Clip", g.node("Sub", cols, rows), g.scalar("pos.min", -MAX_OFFSET),
                g.scalar("pos.max", MAX_OFFSET));
        String index = g.node("Cast", Map.of("to", 7L), g.node("Add", offset, g.scalar("pos.k", MAX_OFFSET)));
        String bias = g.node("Gather", Map.of("axis", 0L), g.initializer("pos.bias",
                positionBias.getArray().toFloatArray(), 2L * MAX_OFFSET + 1), index);
        String alpha = g.node("Softmax", Map.of("axis", -1L), g.node("Add", logits, bias));
        String context = g.node("MatMul", alpha, g.node("Concat", Map.of("axis", 2L), e, z));
        NDArray w = head.getParameters().get("weight").getArray();
        String y = g.node("Add", g.node("MatMul", g.node("Concat", Map.of("axis", 2L), q, context),
                g.initializer("head.weightT", w.transpose().toFloatArray(), w.getShape().get(1), w.getShape().get(0))),
                g.initializer("head.bias", head.getParameters().get("bias").getArray().toFloatArray(), muscles));
        String shifted = g.node("Add", g.node("MatMul", context, g.initializer("skip.map", skipMap,
                2L * hidden + channels, muscles)), g.initializer("skip.offset", skipOffset, muscles));
        y = g.node("Add", y, g.node("Mul", shifted, g.initializer("skip.gain", skipGain.getArray().toFloatArray(),
                muscles)));
        String refined = g.node("Mul", g.node("Softplus", y), g.initializer("out.scale", targetScale, muscles));
        g.rename(refined, RefineModel.OUTPUT);
        g.rename(alpha, RefineModel.ATTENTION);
        return g.build(producer);
    }

    private static String transposed(OnnxGraphBuilder g, String name, Linear layer) {
        NDArray w = layer.getParameters().get("weight").getArray(); // [out, in]
        return g.initializer(name, w.transpose().toFloatArray(), w.getShape().get(1), w.getShape().get(0));
    }
}
