package org.myoflow.ml;

import java.nio.file.Path;

import ai.onnx.proto.OnnxMl;

/** Tiny ONNX graphs built from the protobuf classes, and model folders around them. */
final class TestModels {

    private TestModels() {
    }

    /** {@code y[N,1] = x[N,2] · W} with {@code W = [[2], [-1]]}; input and output names as given. */
    static byte[] matMul(String in, String out) {
        return matMul(in, out, 2f, -1f);
    }

    /** {@code y[N,1] = x[N,2] · [[w0], [w1]]}: the same graph with other weights (a "retrained" model). */
    static byte[] matMul(String in, String out, float w0, float w1) {
        OnnxMl.TensorProto w = OnnxMl.TensorProto.newBuilder().setName("W").addDims(2).addDims(1)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(w0).addFloatData(w1)
                .build();
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("g").addInitializer(w)
                .addInput(valueInfo(in, 2)).addOutput(valueInfo(out, 1))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").addInput(in).addInput("W").addOutput(out))
                .build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
    }

    /** The signature {@link #matMul} really has. */
    static ModelSignature matMulSignature(String in, String out) {
        return new ModelSignature(java.util.List.of(TensorSpec.float32(in, -1, 2)),
                java.util.List.of(TensorSpec.float32(out, -1, 1)));
    }

    /** A card for the MatMul model (digest left to {@link ModelRegistry#writeModel}). */
    static ModelCard card(String name, String version, ModelSignature sig) {
        return ModelCard.builder(name, version, "test-task", sig).description("a 2x1 MatMul")
                .training("test-recipe", java.util.Map.of("epochs", "3"), 7).metric("val_rmse", 0.125)
                .framework("test").build();
    }

    /** Writes {@code root/name} with the MatMul model and a truthful card. */
    static Path write(Path root, String name, String version) {
        Path f = root.resolve(name);
        ModelRegistry.writeModel(f, matMul("x", "y"), card(name, version, matMulSignature("x", "y")));
        return f;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int cols) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
