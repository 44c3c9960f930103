package org.myoflow.ml.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.myoflow.ml.onnx.OnnxGraphBuilder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * A multilayer perceptron: fully connected layers with one activation between them (none after the last), as a
 * DJL block for training and as ONNX nodes (Gemm with transB = 1, since DJL stores weights as [out, in]) for
 * inference. {@link #export} reads the trained weights from the block built by {@link #block()}.
 *
 * @param inputs     input features
 * @param hidden     widths of the hidden layers
 * @param outputs    output features
 * @param activation the activation after every hidden layer
 * @since 0.1
 */
public record Mlp(int inputs, int[] hidden, int outputs, Act activation) {

    /** Activations with an exact ONNX counterpart. */
    public enum Act {
        RELU, TANH, SILU,
        /** The exact (erf) GELU, PyTorch's default. */
        GELU
    }

    public Mlp {
        hidden = hidden.clone();
        if (inputs < 1 || outputs < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("bad MLP sizes " + inputs + " " + Arrays.toString(hidden) + " "
                    + outputs);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A fresh, uninitialised DJL block. */
    public SequentialBlock block() {
        SequentialBlock b = new SequentialBlock();
        for (int h : hidden) {
            b.add(Linear.builder().setUnits(h).build());
            b.add(activationBlock(activation));
        }
        b.add(Linear.builder().setUnits(outputs).build());
        return b;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        int prev = inputs;
        for (int h : hidden) {
            n += (long) prev * h + h;
            prev = h;
        }
        return n + (long) prev * outputs + outputs;
    }

    /** Multiply–accumulate operations per sample. */
    public long macs() {
        long n = 0;
        int prev = inputs;
        for (int h : hidden) {
            n += (long) prev * h;
            prev = h;
        }
        return n + (long) prev * outputs;
    }

    /**
     * Adds this MLP's nodes to an ONNX graph, reading the trained weights of {@code block}.
     *
     * @param input  name of a [N, inputs] float tensor in the graph
     * @param prefix prefix of the initializer names
     * @return the name of the [N, outputs] result
     */
    public String export(Block block, OnnxGraphBuilder g, String input, String prefix) {
        List<Linear> linears = new ArrayList<>();
        for (var child : block.getChildren()) {
            if (child.getValue() instanceof Linear l) {
                linears.add(l);
            }
        }
        if (linears.size() != hidden.length + 1) {
            throw new IllegalArgumentException("block has " + linears.size() + " linear layers, this MLP "
                    + (hidden.length + 1));
        }
        String x = input;
        for (int i = 0; i < linears.size(); i++) {
            NDArray w = linears.get(i).getParameters().get("weight").getArray();
            NDArray bias = linears.get(i).getParameters().get("bias").getArray();
            long[] ws = w.getShape().getShape();
            String wn = g.initializer(prefix + ".l" + i + ".weight", w.toFloatArray(), ws);
            String bn = g.initializer(prefix + ".l" + i + ".bias", bias.toFloatArray(), ws[0]);
            x = g.node("Gemm", Map.of("transB", 1L), x, wn, bn);
            if (i < hidden.length) {
                x = exportActivation(activation, g, x, prefix + ".a" + i);
            }
        }
        return x;
    }

    static Block activationBlock(Act a) {
        return switch (a) {
            case RELU -> Activation.reluBlock();
            case TANH -> Activation.tanhBlock();
            case SILU -> Activation.swishBlock(1f);
            case GELU -> Activation.geluBlock();
        };
    }

    /** ONNX nodes computing the activation of x. */
    public static String exportActivation(Act a, OnnxGraphBuilder g, String x, String prefix) {
        return switch (a) {
            case RELU -> g.node("Relu", x);
            case TANH -> g.node("Tanh", x);
            case SILU -> g.node("Mul", x, g.node("Sigmoid", x));
            case GELU -> {
                String half = g.scalar(g.fresh(prefix + ".half"), 0.5f);
                String one = g.scalar(g.fresh(prefix + ".one"), 1f);
                String sqrt2 = g.scalar(g.fresh(prefix + ".sqrt2"), (float) Math.sqrt(2));
                String erf = g.node("Erf", g.node("Div", x, sqrt2));
                yield g.node("Mul", g.node("Mul", x, half), g.node("Add", erf, one));
            }
        };
    }
}
