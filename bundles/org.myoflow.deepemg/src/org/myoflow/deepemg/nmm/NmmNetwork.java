package org.myoflow.deepemg.nmm;

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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The NMM's trainable parts as one DJL block: the excitation network and the subjects' muscle log-scales.
 *
 * <pre>
 *   inputs [B,T,F] ─ (x − mean)/std ─ bidirectional GRU (hidden per direction) [B,T,2H] ─ Linear ─ sigmoid ─ excitations [B,T,D]
 *   subject one-hot [B,S] · logStrength [S,M], · logLength [S,M] ─ the window's log-scales [B,M]
 * </pre>
 *
 * <p>A recurrent encoder rather than a transformer: on the 2-core CPUs this platform trains on, one fused
 * bidirectional GRU over a window trains in seconds, its state carries the activation-dynamics memory the mapping
 * needs, and it exports as a single ONNX {@code GRU} node ({@link Gru}). The standardisation (training data's
 * per-feature mean and standard deviation) is part of the block and of the exported graph, so callers pass raw
 * features.
 *
 * <p>{@link #forward} takes the inputs and optionally the subject one-hot; it returns the excitations and, with the
 * one-hot, the window's log strength and log length scales [B,M] and the sum of squares of all log-scales (the
 * regulariser, a scalar).
 */
final class NmmNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int features;
    private final int deep;
    private final Gru gru;
    private final Block encoder;
    private final Linear head;
    private final Parameter logStrength;
    private final Parameter logLength;
    private final float[] mean;
    private final float[] invStd;

    /**
     * @param std per-feature standard deviations (&gt; 0)
     */
    NmmNetwork(int features, int hidden, int deep, int subjects, int muscles, float[] mean, float[] std) {
        super(VERSION);
        this.features = features;
        this.deep = deep;
        this.mean = mean.clone();
        this.invStd = new float[std.length];
        for (int f = 0; f < std.length; f++) {
            invStd[f] = 1f / std[f];
        }
        gru = new Gru(features, hidden, true);
        encoder = addChildBlock("encoder", gru.block());
        head = addChildBlock("head", Linear.builder().setUnits(deep).build());
        logStrength = addParameter(Parameter.builder().setName("logStrength").setType(Parameter.Type.OTHER)
                .optShape(new Shape(subjects, muscles)).optInitializer(new ConstantInitializer(0f)).build());
        logLength = addParameter(Parameter.builder().setName("logLength").setType(Parameter.Type.OTHER)
                .optShape(new Shape(subjects, muscles)).optInitializer(new ConstantInitializer(0f)).build());
    }

    Parameter logStrength() {
        return logStrength;
    }

    Parameter logLength() {
        return logLength;
    }

    float[] mean() {
        return mean.clone();
    }

    float[] invStd() {
        return invStd.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDManager nm = x.getManager();
        NDArray z = x.sub(DjlArrays.owned(nm, mean, new Shape(features)))
                .mul(DjlArrays.owned(nm, invStd, new Shape(features)));
        NDArray seq = encoder.forward(ps, new NDList(z), training).head();
        NDArray excitation = Activation.sigmoid(head.forward(ps, new NDList(seq), training).head());
        if (inputs.size() < 2) {
            return new NDList(excitation);
        }
        NDArray oneHot = inputs.get(1);
        NDArray sf = ps.getValue(logStrength, x.getDevice(), training);
        NDArray sl = ps.getValue(logLength, x.getDevice(), training);
        // ops take the manager of their first operand: start from batch arrays so nothing lands on the model's
        NDArray f = oneHot.matMul(sf);
        NDArray l = oneHot.matMul(sl);
        NDArray reg = nm.zeros(sf.getShape()).add(sf).square().sum().add(nm.zeros(sl.getShape()).add(sl).square()
                .sum());
        return new NDList(excitation, f, l, reg);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        Shape e = new Shape(b, t, deep);
        if (in.length < 2) {
            return new Shape[] {e};
        }
        Shape s = logStrength.getArray() != null ? logStrength.getArray().getShape() : new Shape(in[1].get(1), 1);
        return new Shape[] {e, new Shape(b, s.get(1)), new Shape(b, s.get(1)), new Shape()};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        if (in[0].dimension() != 3 || in[0].get(2) != features) {
            throw new IllegalArgumentException("NMM input must be [batch, time, " + features + "], got " + in[0]);
        }
        encoder.initialize(manager, dataType, in[0]);
        head.initialize(manager, dataType, new Shape(in[0].get(0), in[0].get(1), 2L * gru.hidden()));
    }

    /**
     * The inference graph: {@code inputs} [B,T,F] (raw features) → {@code excitations} [B,T,D] in (0, 1); batch and
     * time are dynamic.
     */
    byte[] exportOnnx(String producer, Map<String, String> metadata) {
        if (!isInitialized()) {
            throw new IllegalStateException("the NMM network has no weights yet");
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("nmm");
        g.input(NmmModel.INPUT, -1, -1, features);
        g.output(NmmModel.OUTPUT, -1, -1, deep);
        metadata.forEach(g::metadata);
        String centred = g.node("Sub", NmmModel.INPUT, g.initializer("norm.mean", mean, features));
        String z = g.node("Mul", centred, g.initializer("norm.invStd", invStd, features));
        Gru.Exported enc = gru.export(g, encoder, z, null, "encoder");
        NDArray w = head.getParameters().get("weight").getArray(); // [out, in]
        long out = w.getShape().get(0);
        long inSize = w.getShape().get(1);
        String wt = g.initializer("head.weightT", w.transpose().toFloatArray(), inSize, out);
        String y = g.node("Add", g.node("MatMul", enc.sequence(), wt),
                g.initializer("head.bias", head.getParameters().get("bias").getArray().toFloatArray(), out));
        g.rename(g.node("Sigmoid", y), NmmModel.OUTPUT);
        return g.build(producer);
    }
}
