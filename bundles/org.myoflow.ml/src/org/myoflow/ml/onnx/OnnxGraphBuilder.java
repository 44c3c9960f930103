package org.myoflow.ml.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

/**
 * Writes ONNX models from Java over the ONNX protobuf classes (ONNX 1.17 schema, default opset 17): graph inputs
 * and outputs with fixed or symbolic dimensions, float32 / int64 initializers, nodes with attributes and model
 * metadata. Names are checked: every node input must be a graph input, an initializer or an earlier node's output,
 * and every graph output must be produced, so a malformed exporter fails here rather than inside ONNX Runtime.
 *
 * @since 0.1
 */
public final class OnnxGraphBuilder {

    /** The default operator set. */
    public static final int OPSET = 17;

    private final String graphName;
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final java.util.Set<String> known = new java.util.HashSet<>();
    private final List<String> outputs = new ArrayList<>();
    private int counter;

    public OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
        graph.setName(graphName);
    }

    /**
     * A float32 graph input; a dimension below 0 is symbolic (named {@code dimNames[i]} when given, else "N").
     */
    public OnnxGraphBuilder input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        known.add(name);
        return this;
    }

    /** A float32 graph output (must be produced by a node). */
    public OnnxGraphBuilder output(String name, long... dims) {
        graph.addOutput(valueInfo(name, dims));
        outputs.add(name);
        return this;
    }

    /** A float32 initializer (constant or trained weight). */
    public String initializer(String name, float[] data, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("initializer " + name + ": " + data.length + " values for shape "
                    + java.util.Arrays.toString(dims));
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(4 * data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        t.setRawData(com.google.protobuf.ByteString.copyFrom(raw.array()));
        graph.addInitializer(t);
        known.add(name);
        return name;
    }

    /** An int64 initializer, e.g. a Reshape target shape. */
    public String initializerInt64(String name, long... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        known.add(name);
        return name;
    }

    /** A scalar float32 constant. */
    public String scalar(String name, float value) {
        return initializer(name, new float[] {value});
    }

    /** A fresh intermediate name with the given prefix. */
    public String fresh(String prefix) {
        return prefix + "_" + (counter++);
    }

    /**
     * Adds a node. Attribute values may be Long/Integer, Float/Double, String, long[] or float[].
     *
     * @return the node's first output name
     */
    public String node(String opType, List<String> inputs, List<String> nodeOutputs, Map<String, Object> attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(opType).setName(fresh(opType));
        for (String in : inputs) {
            if (!in.isEmpty() && !known.contains(in)) {
                throw new IllegalStateException("node " + opType + " reads '" + in + "', which nothing produces");
            }
            n.addInput(in);
        }
        for (String out : nodeOutputs) {
            n.addOutput(out);
            known.add(out);
        }
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            n.addAttribute(attribute(a.getKey(), a.getValue()));
        }
        graph.addNode(n);
        return nodeOutputs.get(0);
    }

    /** A single-output node with a fresh output name. */
    public String node(String opType, Map<String, Object> attributes, String... inputs) {
        return node(opType, List.of(inputs), List.of(fresh(opType.toLowerCase(java.util.Locale.ROOT))), attributes);
    }

    /** A single-output node without attributes. */
    public String node(String opType, String... inputs) {
        return node(opType, Map.of(), inputs);
    }

    /** Copies {@code source} to the graph output {@code name} (Identity). */
    public String rename(String source, String name) {
        return node("Identity", List.of(source), List.of(name), Map.of());
    }

    public OnnxGraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The serialised model (IR version 8, the given opset). */
    public byte[] build(String producer, int opset) {
        for (String o : outputs) {
            if (!known.contains(o)) {
                throw new IllegalStateException("graph output '" + o + "' is not produced by any node");
            }
        }
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName(producer)
                .setDomain("org.myoflow").setGraph(graph.setName(graphName))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build().toByteArray();
    }

    public byte[] build(String producer) {
        return build(producer, OPSET);
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long[] dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        int sym = 0;
        for (long d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d < 0) {
                dim.setDimParam(sym++ == 0 ? "N" : "D" + sym);
            } else {
                dim.setDimValue(d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static OnnxMl.AttributeProto attribute(String name, Object v) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (v instanceof Integer || v instanceof Long) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
        } else if (v instanceof String s) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRING)
                    .setS(com.google.protobuf.ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] ls) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (v instanceof float[] fs) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else {
            throw new IllegalArgumentException("unsupported attribute " + name + " = " + v);
        }
        return a.build();
    }
}
