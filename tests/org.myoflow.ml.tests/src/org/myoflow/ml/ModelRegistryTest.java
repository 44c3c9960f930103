package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.ml.ModelRegistry.ModelEntry;
import org.myoflow.ml.ModelRegistry.Source;

class ModelRegistryTest {

    @TempDir
    Path dir;

    @AfterEach
    void closeSessions() {
        OnnxSessions.closeAll();
        System.clearProperty(ModelRegistry.SHARED_PROPERTY);
    }

    private ModelRegistry registry() {
        return new ModelRegistry(dir.resolve("user"), dir.resolve("shared"), dir.resolve("install"));
    }

    @Test
    void userFolderWinsThenSharedThenInstallation() throws Exception {
        Path user = TestModels.write(dir.resolve("user"), "m", "3.0.0");
        Path shared = TestModels.write(dir.resolve("shared"), "m", "2.0.0");
        TestModels.write(dir.resolve("install"), "m", "1.0.0");
        TestModels.write(dir.resolve("install"), "other", "1.0.0");

        ModelRegistry r = registry();
        List<ModelEntry> all = r.list();
        assertEquals(List.of("USER m true", "SHARED m false", "INSTALLATION m false", "INSTALLATION other true"),
                all.stream().map(e -> e.source() + " " + e.name() + " " + e.active()).toList());
        assertEquals(Source.USER, r.find("m").orElseThrow().source());
        assertEquals("3.0.0", r.resolve("m", null).card().version());

        deleteFolder(user);
        assertEquals(Source.SHARED, r.find("m").orElseThrow().source());
        assertEquals("2.0.0", r.resolve("m", null).card().version());
        deleteFolder(shared);
        assertEquals("1.0.0", r.resolve("m", TestModels.matMulSignature("x", "y")).card().version());
        assertTrue(r.find("absent").isEmpty());
        ModelException e = assertThrows(ModelException.class, () -> r.resolve("absent", null));
        assertEquals(ModelException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("no model 'absent'"), e.getMessage());
    }

    @Test
    void sharedFolderComesFromTheSystemProperty() {
        Path shared = dir.resolve("lab");
        TestModels.write(shared, "labmodel", "1.0.0");
        System.setProperty(ModelRegistry.SHARED_PROPERTY, shared.toString());
        assertEquals(shared, ModelRegistry.sharedFolder());
        ModelRegistry r = new ModelRegistry(dir.resolve("user"), ModelRegistry.sharedFolder(), null);
        ModelEntry e = r.find("labmodel").orElseThrow();
        assertEquals(Source.SHARED, e.source());
        assertEquals(shared.resolve("labmodel"), e.folder());
    }

    @Test
    void oneFlippedByteIsReportedAsCorruptedWithBothHashes() throws Exception {
        Path m = TestModels.write(dir.resolve("user"), "m", "1.0.0");
        Path onnx = m.resolve(ModelRegistry.ONNX_FILE);
        String expected = ModelRegistry.sha256(onnx);
        byte[] b = Files.readAllBytes(onnx);
        b[b.length / 2] ^= 0x01;
        Files.write(onnx, b);
        ModelException e = assertThrows(ModelException.class, () -> registry().resolve("m", null));
        assertEquals(ModelException.Kind.CORRUPTED, e.kind());
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(ModelRegistry.sha256(onnx))
                && e.getMessage().contains(onnx.toString()), e.getMessage());
    }

    @Test
    void malformedCardNamesTheFileAndTheField() throws Exception {
        Path m = TestModels.write(dir.resolve("user"), "m", "1.0.0");
        Path card = m.resolve(ModelCard.FILE_NAME);
        String json = Files.readString(card);
        Files.writeString(card, json.replace("\"task\": \"test-task\",", ""));
        ModelException e = assertThrows(ModelException.class, () -> registry().resolve("m", null));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertEquals(card + ": missing required field 'task'", e.getMessage());

        Files.writeString(card, json.replaceFirst("\"shape\": \\[[^\\]]*\\]", "\"shape\": \"wide\""));
        e = assertThrows(ModelException.class, () -> registry().resolve("m", null));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertTrue(e.getMessage().contains("'signature.inputs[0].shape'"), e.getMessage());

        Files.writeString(card, "{ \"name\": ", StandardCharsets.UTF_8);
        e = assertThrows(ModelException.class, () -> registry().resolve("m", null));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertTrue(e.getMessage().startsWith(card + ": not valid JSON"), e.getMessage());
    }

    @Test
    void aCardThatLiesAboutTheFileIsASignatureMismatch() {
        Path root = dir.resolve("user");
        // the graph takes "features" and gives "y"; the card claims "x" -> "y"
        ModelRegistry.writeModel(root.resolve("liar"), TestModels.matMul("features", "y"),
                TestModels.card("liar", "1.0.0", TestModels.matMulSignature("x", "y")));
        ModelException e = assertThrows(ModelException.class,
                () -> registry().resolve("liar", TestModels.matMulSignature("x", "y")));
        assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("model 'liar'") && e.getMessage().contains("x float32[-1,2]")
                && e.getMessage().contains("features float32[-1,2]"), e.getMessage());
    }

    @Test
    void resolveChecksTheCallersSignature() {
        TestModels.write(dir.resolve("user"), "m", "1.0.0");
        ModelSignature needs6 = new ModelSignature(List.of(TensorSpec.float32("x", -1, 6)),
                List.of(TensorSpec.float32("y", -1, 1)));
        ModelException e = assertThrows(ModelException.class, () -> registry().resolve("m", needs6));
        assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, e.kind());
        assertEquals("model 'm' does not fit:\n  input 'x': expected float32[-1,6], model has float32[-1,2]",
                e.getMessage());
    }

    @Test
    void resolvedModelRunsThroughTheSharedSession() {
        TestModels.write(dir.resolve("install"), "m", "1.0.0");
        ModelRegistry.ResolvedModel m = registry().resolve("m", TestModels.matMulSignature("x", "y"));
        OnnxModel s = m.open();
        assertSame(s, m.open());
        FloatTensor y = s.run(Map.of("x", FloatTensor.of(new float[] {3, 4, 1, 0.5f}, 2, 2)));
        assertArrayEquals(new long[] {2, 1}, y.shape());
        assertArrayEquals(new float[] {2, 1.5f}, y.data(), 0f);
        OnnxSessions.closeAll();
        assertEquals(0, OnnxSessions.cachedSessions());
        assertThrows(IllegalStateException.class, () -> s.run(Map.of("x", FloatTensor.of(new float[2], 1, 2))));
    }

    @Test
    void writeModelFillsTheDigestAndInstallCopiesAVerifiedFolder() throws Exception {
        Path m = TestModels.write(dir.resolve("build"), "m", "1.0.0");
        ModelCard card = ModelCard.read(m.resolve(ModelCard.FILE_NAME));
        assertEquals(ModelRegistry.sha256(m.resolve(ModelRegistry.ONNX_FILE)), card.onnxSha256());
        assertEquals(64, card.onnxSha256().length());
        assertNull(card.created());
        try (var s = Files.list(m)) {
            assertEquals(List.of("model.json", "model.onnx"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        ModelEntry installed = ModelRegistry.install(m, dir.resolve("user"));
        assertEquals(dir.resolve("user").resolve("m"), installed.folder());
        assertEquals(card, registry().resolve("m", null).card());
        assertFalse(registry().list().isEmpty());
    }

    private static void deleteFolder(Path f) throws Exception {
        try (var s = Files.walk(f)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
