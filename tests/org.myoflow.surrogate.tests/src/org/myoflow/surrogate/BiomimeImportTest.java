package org.myoflow.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.TensorSpec;
import org.myoflow.ml.onnx.OnnxGraphBuilder;

import com.google.gson.JsonObject;

import ai.onnx.proto.OnnxMl;

/**
 * {@link BiomimeImport} over a small stand-in for a BioMime export: input "input" [N, 6], Gemm 6 -> 8, MatMul by a
 * fixed [8, 30720] sine basis, Reshape to "output" [N, 96, 10, 32], so every output value is known analytically.
 */
public class BiomimeImportTest {

    private static final int HIDDEN = 8;
    private static final int FLAT = 96 * 10 * 32;

    @TempDir
    Path dir;

    static double w1(int i, int k) {
        return 0.1 * (i + 1) * Math.cos(0.7 * k);
    }

    static double b1(int k) {
        return 0.05 * k - 0.1;
    }

    static double basis(int k, int j) {
        return Math.sin(0.001 * (j + 1) * (k + 1) + 0.3 * k);
    }

    /** A BioMime-like graph with the given input width and tensor names. */
    static byte[] stubModel(int inputs, String in, String out) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("biomime-stub");
        g.input(in, -1, inputs);
        float[] w = new float[inputs * HIDDEN];
        for (int i = 0; i < inputs; i++) {
            for (int k = 0; k < HIDDEN; k++) {
                w[i * HIDDEN + k] = (float) w1(i, k);
            }
        }
        float[] b = new float[HIDDEN];
        for (int k = 0; k < HIDDEN; k++) {
            b[k] = (float) b1(k);
        }
        float[] basis = new float[HIDDEN * FLAT];
        for (int k = 0; k < HIDDEN; k++) {
            for (int j = 0; j < FLAT; j++) {
                basis[k * FLAT + j] = (float) basis(k, j);
            }
        }
        String h = g.node("Gemm", in, g.initializer("W1", w, inputs, HIDDEN), g.initializer("b1", b, HIDDEN));
        String flat = g.node("MatMul", h, g.initializer("basis", basis, HIDDEN, FLAT));
        g.node("Reshape", List.of(flat, g.initializerInt64("shape", -1, 96, 10, 32)), List.of(out), Map.of());
        g.output(out, -1, 96, 10, 32);
        return g.build("test");
    }

    private Path write(String file, byte[] bytes) throws Exception {
        Path p = dir.resolve(file);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void importsRenamesAndReproducesTheNetwork() throws Exception {
        Path src = write("biomime.onnx", stubModel(6, "input", "output"));
        Path root = dir.resolve("models");
        BiomimeImport.Options o = BiomimeImport.Options.defaults().withInterElectrodeDistanceMm(10);
        ModelRegistry.ModelEntry e = BiomimeImport.importModel(src, "bm", root, o);
        assertEquals(root.resolve("bm"), e.folder());

        ModelCard card = e.card();
        assertEquals("bm", card.name());
        assertEquals("imported", card.version());
        assertEquals("muap-surrogate", card.task());
        assertEquals("external-import", card.training().recipe());
        assertEquals("unknown", card.trainingDataDigest());
        assertEquals("external ONNX", card.framework());
        assertTrue(card.description().contains("biomime.onnx") && card.description().contains("renamed"),
                card.description());
        assertEquals(List.of(TensorSpec.float32("conditions", -1, 6)), card.signature().inputs());
        assertEquals(List.of(TensorSpec.float32("muaps", -1, 96, 10, 32)), card.signature().outputs());

        JsonObject n = card.normalisation();
        assertEquals("minmax-0.5-1", n.get("conditions").getAsString());
        assertEquals("NTHW", n.get("outputLayout").getAsString());
        assertEquals(1e-2, n.get("outputScale").getAsDouble(), 1e-15);
        JsonObject c = card.config();
        assertEquals("biomime-import/1", c.get("format").getAsString());
        assertEquals(10, c.get("rows").getAsInt());
        assertEquals(32, c.get("cols").getAsInt());
        assertEquals(10.0, c.get("interElectrodeDistanceMm").getAsDouble());
        assertEquals(2048.0, c.get("samplingRateHz").getAsDouble());
        assertEquals(96 / 2048.0, c.get("muapDurationS").getAsDouble(), 1e-15);
        JsonObject r = c.getAsJsonObject("ranges");
        assertEquals(MuapConditions.NAMES, List.copyOf(r.keySet()));
        assertEquals(1.098, r.getAsJsonArray("logFibres").get(0).getAsDouble());
        assertEquals(6.77, r.getAsJsonArray("logFibres").get(1).getAsDouble());
        assertEquals(23.1, r.getAsJsonArray("depthMm").get(1).getAsDouble());
        assertEquals(0.365, r.getAsJsonArray("izMm").get(0).getAsDouble());
        assertEquals(4.5, r.getAsJsonArray("cvMPerS").get(1).getAsDouble());
        assertEquals(0.85, r.getAsJsonArray("lengthScale").get(0).getAsDouble());

        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(e.onnxFile())).getGraph();
        assertEquals("conditions", graph.getInput(0).getName());
        assertEquals("muaps", graph.getOutput(0).getName());
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            assertFalse(node.getInputList().contains("input") || node.getOutputList().contains("output"),
                    node.toString());
        }
        assertEquals("conditions", graph.getNode(0).getInput(0));
        assertEquals("muaps", graph.getNode(graph.getNodeCount() - 1).getOutput(0));

        float[] x = { 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f, 1.0f, 0.9f, 0.55f, 0.75f, 0.65f, 0.5f };
        FloatTensor y = new ModelRegistry(root, null, null).resolve("bm", null).open()
                .run(Map.of("conditions", FloatTensor.of(x, 2, 6)));
        assertEquals(List.of(2L, 96L, 10L, 32L), java.util.Arrays.stream(y.shape()).boxed().toList());
        double worst = 0;
        for (int s = 0; s < 2; s++) {
            double[] h = new double[HIDDEN];
            for (int k = 0; k < HIDDEN; k++) {
                h[k] = b1(k);
                for (int i = 0; i < 6; i++) {
                    h[k] += x[s * 6 + i] * (double) (float) w1(i, k);
                }
            }
            for (int j = 0; j < FLAT; j++) {
                double want = 0;
                for (int k = 0; k < HIDDEN; k++) {
                    want += h[k] * basis(k, j);
                }
                worst = Math.max(worst, Math.abs(want - y.get(s * FLAT + j)));
            }
        }
        assertTrue(worst < 1e-5, "max |error| " + worst);
        assertTrue(Math.abs(y.get(0)) > 1e-3, "output must not be trivially zero");
    }

    @Test
    void keepsNamesThatAlreadyFitAndHonoursTheScale() throws Exception {
        Path src = write("ours.onnx", stubModel(6, "conditions", "muaps"));
        ModelRegistry.ModelEntry e = BiomimeImport.importModel(src, "ours", dir.resolve("m"),
                BiomimeImport.Options.defaults().withAmplitudeScale(1e4).withDescaledUnitMv(1));
        ModelCard card = e.card();
        assertFalse(card.description().contains("renamed"), card.description());
        assertEquals(1e-4, card.normalisation().get("outputScale").getAsDouble(), 1e-18);
        assertEquals(8.75, card.config().get("interElectrodeDistanceMm").getAsDouble());
        assertEquals(ModelRegistry.sha256(src), ModelRegistry.sha256(e.onnxFile()));
    }

    @Test
    void refusesAWrongSignatureNamingTheShapes() throws Exception {
        Path src = write("five.onnx", stubModel(5, "input", "output"));
        ModelException ex = assertThrows(ModelException.class,
                () -> BiomimeImport.importModel(src, "five", dir.resolve("m"), BiomimeImport.Options.defaults()));
        assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, ex.kind());
        assertTrue(ex.getMessage().contains("five.onnx"), ex.getMessage());
        assertTrue(ex.getMessage().contains("input float32[-1,5]"), ex.getMessage());
        assertTrue(ex.getMessage().contains("output float32[-1,96,10,32]"), ex.getMessage());
        assertFalse(Files.exists(dir.resolve("m/five")));
    }

    @Test
    void missingFileIsNotFound() {
        ModelException ex = assertThrows(ModelException.class, () -> BiomimeImport.importModel(
                dir.resolve("nope.onnx"), "x", dir.resolve("m"), BiomimeImport.Options.defaults()));
        assertEquals(ModelException.Kind.NOT_FOUND, ex.kind());
        assertTrue(ex.getMessage().contains("nope.onnx"), ex.getMessage());
    }

    @Test
    void optionsRejectNonPositiveValues() {
        assertThrows(IllegalArgumentException.class,
                () -> BiomimeImport.Options.defaults().withAmplitudeScale(0));
        assertEquals(0.01, BiomimeImport.Options.defaults().outputScale(), 1e-15);
    }
}
