package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.List;
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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The LFADS-style network as a DJL block, and its inference graph as ONNX.
 *
 * <pre>
 *   x [B,T,C] ─ dropout ─┬─ bidirectional GRU (ic encoder) ─ final states [B,2E] ─ dropout ─ Linear ─ ic mean, logvar
 *                        │                                    g0 = tanh(Linear(ic sample))
 *                        └─ bidirectional GRU (ci encoder) [B,T,2E'] ─ dropout ─ GRU (controller) ─ Linear ─ co mean, logvar
 *   generator GRU (initial state g0, input co sample) [B,T,G] ─ dropout ─ Linear (no bias) ─ factors [B,T,F]
 *   factors ─ Linear ─ log mean of the Gamma likelihood [B,T,C];   per-channel log concentration [C]
 * </pre>
 *
 * <p>One departure from LFADS: the controller reads only the encoded data, not the generator's factors of the
 * previous step. That makes every recurrence a whole-sequence GRU (one fused PyTorch call, one ONNX GRU node)
 * instead of a Python-style loop of GRU cells, which on a CPU is what makes training per dataset take minutes
 * rather than hours. The posterior of the inferred inputs is still conditioned on the whole window.
 *
 * <p>Inputs: the data x [B,T,C]; when training also the four dropout masks and the two standard-normal noise
 * arrays of {@link #noiseShapes} (posterior samples are mean + σ·noise; without them the means are used).
 * Outputs of {@link #forward} (training and evaluation): logRate [B,T,C] (clipped to ±7), logConcentration [C]
 * (clipped to [−3, 6]), icMean, icLogVar [B,I], coMean, coLogVar [B,T,U] (log-variances clipped to [−8, 4]),
 * factors [B,T,F]. Posteriors are sampled only when noise is given. The ONNX graph computes the posterior-mean path:
 * {@code emg} [B,T,C] → {@code rates} = exp(logRate) [B,T,C] and {@code factors} [B,T,F].
 *
 * @since 0.1
 */
public final class LfadsNetwork extends AbstractBlock {

    static final float LOG_RATE_LIMIT = 7f;
    static final float LOG_CONC_MIN = -3f;
    static final float LOG_CONC_MAX = 6f;
    static final float LOG_VAR_MIN = -8f;
    static final float LOG_VAR_MAX = 4f;

    private final LfadsArchitecture a;
    private final Gru icGru;
    private final Gru ciGru;
    private final Gru conGru;
    private final Gru genGru;
    private final Block icEncoder;
    private final Block ciEncoder;
    private final Block controller;
    private final Block generator;
    private final Linear icMeanHead;
    private final Linear icLogVarHead;
    private final Linear g0Head;
    private final Linear coMeanHead;
    private final Linear coLogVarHead;
    private final Linear factorHead;
    private final Linear readout;
    private final Parameter logConcentration;

    public LfadsNetwork(LfadsArchitecture architecture) {
        this.a = architecture;
        icGru = new Gru(a.channels(), a.icEncoder(), true);
        ciGru = new Gru(a.channels(), a.ciEncoder(), true);
        conGru = new Gru(2 * a.ciEncoder(), a.controller(), false);
        genGru = new Gru(a.coDim(), a.generator(), false);
        icEncoder = addChildBlock("icEncoder", icGru.block());
        ciEncoder = addChildBlock("ciEncoder", ciGru.block());
        controller = addChildBlock("controller", conGru.block());
        generator = addChildBlock("generator", genGru.block());
        icMeanHead = addChildBlock("icMean", Linear.builder().setUnits(a.icDim()).build());
        icLogVarHead = addChildBlock("icLogVar", Linear.builder().setUnits(a.icDim()).build());
        g0Head = addChildBlock("g0Head", Linear.builder().setUnits(a.generator()).build());
        coMeanHead = addChildBlock("coMean", Linear.builder().setUnits(a.coDim()).build());
        coLogVarHead = addChildBlock("coLogVar", Linear.builder().setUnits(a.coDim()).build());
        factorHead = addChildBlock("factorHead", Linear.builder().setUnits(a.factors()).optBias(false).build());
        readout = addChildBlock("readout", Linear.builder().setUnits(a.channels()).build());
        logConcentration = addParameter(Parameter.builder().setName("logConcentration")
                .setType(Parameter.Type.OTHER).optShape(new Shape(a.channels()))
                .optInitializer(new ConstantInitializer(0.7f)).build());
    }

    public LfadsArchitecture architecture() {
        return a;
    }

    /**
     * The shapes of the four dropout masks a training forward pass takes after the data (input, initial-condition
     * encoding, controller-input encoding, generator states) for a batch of {@code b} windows.
     */
    public long[][] maskShapes(long b) {
        long t = a.windowBins();
        return new long[][] {{b, t, a.channels()}, {b, 2L * a.icEncoder()}, {b, t, 2L * a.ciEncoder()},
            {b, t, a.generator()}};
    }

    /** The shapes of the posterior-sampling noise (initial condition, inferred inputs) for {@code b} windows. */
    public long[][] noiseShapes(long b) {
        return new long[][] {{b, a.icDim()}, {b, a.windowBins(), a.coDim()}};
    }

    /** The recurrent (state-to-state) weight matrices of the generator and controller, for the L2 penalty. */
    public List<NDArray> recurrentWeights() {
        List<NDArray> w = new ArrayList<>();
        for (Block b : List.of(generator, controller)) {
            for (var p : b.getParameters()) {
                if (p.getKey().endsWith("h2h_WEIGHT")) {
                    w.add(p.getValue().getArray());
                }
            }
        }
        return w;
    }

    /**
     * Inverted dropout with a mask given by the caller (values 0 or 1/(1 − rate)), or none. Masks and sampling noise
     * are drawn in Java by the trainer: with them drawn by PyTorch inside the graph, runs with the same seed drifted
     * apart after some epochs on DJL 0.35.1 (sporadically, depending on the process's memory layout).
     */
    private static NDArray drop(NDArray x, NDList inputs, int index) {
        return inputs.size() > index ? x.mul(inputs.get(index)) : x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        NDArray xd = drop(x, inputs, 1);
        NDArray icState = icEncoder.forward(ps, new NDList(xd), training).get(1); // [2,B,E]
        NDArray icCat = icState.transpose(1, 0, 2).reshape(b, 2L * a.icEncoder());
        // separate heads rather than slices of one: every tensor handed to a GRU stays contiguous
        NDArray icIn = drop(icCat, inputs, 2);
        NDArray icMean = icMeanHead.forward(ps, new NDList(icIn), training).head();
        NDArray icLogVar = icLogVarHead.forward(ps, new NDList(icIn), training).head().clip(LOG_VAR_MIN, LOG_VAR_MAX);
        NDArray ic = inputs.size() > 5
                ? icMean.add(icLogVar.mul(DjlArrays.scalar(m, 0.5f)).exp().mul(inputs.get(5))) : icMean;
        NDArray g0 = g0Head.forward(ps, new NDList(ic), training).head().tanh();
        NDArray ci = ciEncoder.forward(ps, new NDList(xd), training).head(); // [B,T,2E']
        NDArray con = controller.forward(ps, new NDList(drop(ci, inputs, 3)), training).head();
        NDArray coMean = coMeanHead.forward(ps, new NDList(con), training).head();
        NDArray coLogVar = coLogVarHead.forward(ps, new NDList(con), training).head().clip(LOG_VAR_MIN, LOG_VAR_MAX);
        NDArray co = inputs.size() > 6 ? coMean.add(coLogVar.mul(DjlArrays.scalar(m, 0.5f)).exp()
                .mul(inputs.get(6))) : coMean;
        NDArray gen = generator.forward(ps, new NDList(co, g0.expandDims(0)), training).head();
        NDArray factors = factorHead.forward(ps, new NDList(drop(gen, inputs, 4)), training).head();
        NDArray logRate = readout.forward(ps, new NDList(factors), training).head()
                .clip(-LOG_RATE_LIMIT, LOG_RATE_LIMIT);
        // ops take the manager of their first operand: start from a batch array so nothing lands on the model's
        NDArray logConc = m.zeros(new Shape(a.channels())).add(ps.getValue(logConcentration, x.getDevice(), training))
                .clip(LOG_CONC_MIN, LOG_CONC_MAX);
        return new NDList(logRate, logConc, icMean, icLogVar, coMean, coLogVar, factors);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        return new Shape[] {new Shape(b, t, a.channels()), new Shape(a.channels()), new Shape(b, a.icDim()),
            new Shape(b, a.icDim()), new Shape(b, t, a.coDim()), new Shape(b, t, a.coDim()),
            new Shape(b, t, a.factors())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        long b = in[0].get(0);
        long t = in[0].get(1);
        if (in[0].dimension() != 3 || in[0].get(2) != a.channels()) {
            throw new IllegalArgumentException("LFADS input must be [batch, time, " + a.channels() + "], got "
                    + in[0]);
        }
        icEncoder.initialize(manager, dataType, in[0]);
        ciEncoder.initialize(manager, dataType, in[0]);
        icMeanHead.initialize(manager, dataType, new Shape(b, 2L * a.icEncoder()));
        icLogVarHead.initialize(manager, dataType, new Shape(b, 2L * a.icEncoder()));
        g0Head.initialize(manager, dataType, new Shape(b, a.icDim()));
        controller.initialize(manager, dataType, new Shape(b, t, 2L * a.ciEncoder()));
        coMeanHead.initialize(manager, dataType, new Shape(b, t, a.controller()));
        coLogVarHead.initialize(manager, dataType, new Shape(b, t, a.controller()));
        generator.initialize(manager, dataType, new Shape(b, t, a.coDim()), new Shape(1, b, a.generator()));
        factorHead.initialize(manager, dataType, new Shape(b, t, a.generator()));
        readout.initialize(manager, dataType, new Shape(b, t, a.factors()));
    }

    /**
     * The inference graph (posterior means, no dropout): input {@code emg} [B,T,C] (preprocessed, scaled units),
     * outputs {@code rates} [B,T,C] (the Gamma means, i.e. the activation estimate in scaled units) and
     * {@code factors} [B,T,F]. Batch and time are dynamic.
     */
    public byte[] exportOnnx(String producer, Map<String, String> metadata) {
        if (!isInitialized()) {
            throw new IllegalStateException("the LFADS network has no weights yet");
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("lfads");
        g.input("emg", -1, -1, a.channels());
        g.output("rates", -1, -1, a.channels());
        g.output("factors", -1, -1, a.factors());
        metadata.forEach(g::metadata);
        // initial condition: final states [2,B,E] -> [B,2,E] -> [B,2E]
        Gru.Exported ice = icGru.export(g, icEncoder, "emg", null, "icEncoder");
        String icT = g.node("Transpose", Map.of("perm", new long[] {1, 0, 2}), ice.state());
        String icCat = g.node("Reshape", icT, g.initializerInt64(g.fresh("ic_shape"), 0, 2L * a.icEncoder()));
        String icMean = linear(g, icMeanHead, icCat, "icMean");
        String g0 = g.node("Tanh", linear(g, g0Head, icMean, "g0Head"));
        String h0 = g.node("Unsqueeze", g0, g.initializerInt64(g.fresh("axis0"), 0)); // [1,B,G]
        // inferred inputs
        Gru.Exported cie = ciGru.export(g, ciEncoder, "emg", null, "ciEncoder");
        Gru.Exported cone = conGru.export(g, controller, cie.sequence(), null, "controller");
        String coMean = linear(g, coMeanHead, cone.sequence(), "coMean");
        Gru.Exported gene = genGru.export(g, generator, coMean, h0, "generator");
        String f = linear(g, factorHead, gene.sequence(), "factorHead");
        g.rename(f, "factors");
        String logRate = linear(g, readout, "factors", "readout");
        String lo = g.scalar(g.fresh("lograte_min"), -LOG_RATE_LIMIT);
        String hi = g.scalar(g.fresh("lograte_max"), LOG_RATE_LIMIT);
        String rates = g.node("Exp", g.node("Clip", logRate, lo, hi));
        g.rename(rates, "rates");
        return g.build(producer);
    }

    /** y = x·Wᵀ + b over the last axis (MatMul + Add, any leading axes). */
    private static String linear(OnnxGraphBuilder g, Linear layer, String x, String prefix) {
        NDArray w = layer.getParameters().get("weight").getArray(); // [out, in]
        long out = w.getShape().get(0);
        long in = w.getShape().get(1);
        String wt = g.initializer(prefix + ".weightT", w.transpose().toFloatArray(), in, out);
        String y = g.node("MatMul", x, wt);
        if (layer.getParameters().contains("bias")) {
            String bn = g.initializer(prefix + ".bias", layer.getParameters().get("bias").getArray().toFloatArray(),
                    out);
            y = g.node("Add", y, bn);
        }
        return y;
    }
}
