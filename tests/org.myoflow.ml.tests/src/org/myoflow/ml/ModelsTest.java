package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;

/** The registry as the engine's model resolver, and steps opening their planned model through {@link Models}. */
class ModelsTest {

    @TempDir
    Path dir;

    @AfterEach
    void closeSessions() {
        OnnxSessions.closeAll();
    }

    public static class Settings {
        @Param(description = "The MatMul model", required = true, model = true)
        public String model = "";
    }

    /** A step computing y = [1, 1] · W with its model; {@code before} runs first (e.g. replaces the model). */
    static StepProvider matMulStep(Step before) {
        StepDescriptor d = StepDescriptor.builder("test.matmul", "1.0.0").name("MatMul").category("Test")
                .output("y", DataTypes.SIGNAL, "y").settings(Settings.class).build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Step createStep() {
                return (StepContext c) -> {
                    before.run(c);
                    String name = c.settings(Settings.class).model;
                    OnnxModel m = Models.open(c, name, TestModels.matMulSignature("x", "y"));
                    float y = m.run(Map.of("x", FloatTensor.of(new float[] { 1, 1 }, 1, 2))).get(0);
                    c.output("y", Signal.builder(1).channel("y", "", new double[] { y }).build());
                };
            }
        };
    }

    private static double y(Map<String, org.myoflow.core.data.Data> out) {
        return ((Signal) out.get("y")).get(0, 0);
    }

    private static void writeMatMul(Path root, String name, float w0, float w1) {
        ModelRegistry.writeModel(root.resolve(name), TestModels.matMul("x", "y", w0, w1),
                TestModels.card(name, "1.0.0", TestModels.matMulSignature("x", "y")));
    }

    @Test
    void theResolverGivesTheActiveFileWithItsDigest() throws Exception {
        ModelRegistry r = new ModelRegistry(dir.resolve("user"), dir.resolve("shared"), dir.resolve("install"));
        TestModels.write(dir.resolve("install"), "m", "1.0.0");
        ModelResolver resolver = r.resolver();
        ModelFile f = resolver.find("m").orElseThrow();
        Path onnx = dir.resolve("install").resolve("m").resolve(ModelRegistry.ONNX_FILE);
        assertEquals("INSTALLATION", f.origin());
        assertEquals(onnx, f.file());
        assertEquals(ModelRegistry.sha256(onnx), f.sha256());
        assertTrue(f.matchesCard());
        assertTrue(resolver.find("absent").isEmpty());
        assertEquals(List.of("USER " + dir.resolve("user"), "SHARED " + dir.resolve("shared"),
                "INSTALLATION " + dir.resolve("install")), resolver.searched());
        assertEquals(dir.resolve("user"), resolver.saveFolder().orElseThrow());

        TestModels.write(dir.resolve("user"), "m", "2.0.0"); // shadows the installation's
        assertEquals("USER", resolver.find("m").orElseThrow().origin());
        // a card without its file cannot be planned: the resolver says which file is missing
        Files.delete(dir.resolve("user").resolve("m").resolve(ModelRegistry.ONNX_FILE));
        ModelException e = assertThrows(ModelException.class, () -> resolver.find("m"));
        assertEquals(ModelException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("has a card but no model.onnx"), e.getMessage());
    }

    @Test
    void aStepRunsThePlannedModelAndARetrainedOneGivesOtherNumbers() throws Exception {
        Path user = dir.resolve("user");
        ModelRegistry r = new ModelRegistry(user, null, null);
        writeMatMul(user, "mm", 2, -1);
        assertEquals(1.0, y(StepHarness.of(matMulStep(c -> { })).models(r.resolver()).param("model", "mm").run()),
                0);
        writeMatMul(user, "mm", 3, -1); // retrained under the same name
        assertEquals(2.0, y(StepHarness.of(matMulStep(c -> { })).models(r.resolver()).param("model", "mm").run()),
                0);
    }

    @Test
    void aModelReplacedBetweenValidationAndRunIsRefusedNamingIt() {
        Path user = dir.resolve("user");
        ModelRegistry r = new ModelRegistry(user, null, null);
        writeMatMul(user, "mm", 2, -1);
        StepProvider step = matMulStep(c -> writeMatMul(user, "mm", 5, 5)); // replaced after planning
        ModelException e = assertThrows(ModelException.class,
                () -> StepHarness.of(step).models(r.resolver()).param("model", "mm").run());
        assertEquals(ModelException.Kind.CORRUPTED, e.kind());
        assertTrue(e.getMessage().contains("model 'mm' changed after the pipeline was validated"), e.getMessage());
        // a step may only open the models its parameters name
        StepProvider sneaky = matMulStep(c -> Models.card(c, "other"));
        writeMatMul(user, "other", 1, 1);
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
                () -> StepHarness.of(sneaky).models(r.resolver()).param("model", "mm").run());
        assertTrue(iae.getMessage().contains("model 'other' is not named by a model parameter"), iae.getMessage());
    }

    @Test
    void folderOnlyChecksTheFileIsThePlannedOne() throws Exception {
        Path user = dir.resolve("user");
        // a model whose card names it otherwise than its folder (as NMM and refinement models do): the step's own
        // loader reads it; Models.folder only checks the file against the planned digest
        ModelRegistry.writeModel(user.resolve("mm"), TestModels.matMul("x", "y"),
                TestModels.card("other-name", "1.0.0", TestModels.matMulSignature("x", "y")));
        Path[] seen = new Path[1];
        StepProvider ok = matMulStep(c -> {
            seen[0] = Models.folder(c, "mm");
            throw new IllegalStateException("stop");
        });
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> StepHarness.of(ok).models(new ModelRegistry(user, null, null).resolver()).param("model", "mm")
                        .run());
        assertEquals("stop", stop.getMessage());
        assertEquals(user.resolve("mm"), seen[0]);
        StepProvider replaced = matMulStep(c -> {
            Files.write(user.resolve("mm").resolve(ModelRegistry.ONNX_FILE), new byte[] { 1, 2 });
            Models.folder(c, "mm");
        });
        ModelException e = assertThrows(ModelException.class, () -> StepHarness.of(replaced)
                .models(new ModelRegistry(user, null, null).resolver()).param("model", "mm").run());
        assertTrue(e.getMessage().contains("changed after the pipeline was validated"), e.getMessage());
    }

    @Test
    void aCorruptedModelIsRefusedWhenOpenedWithBothHashes() throws Exception {
        Path user = dir.resolve("user");
        writeMatMul(user, "mm", 2, -1);
        Path onnx = user.resolve("mm").resolve(ModelRegistry.ONNX_FILE);
        byte[] b = Files.readAllBytes(onnx);
        b[b.length - 3] ^= 1;
        Files.write(onnx, b);
        ModelException e = assertThrows(ModelException.class, () -> StepHarness.of(matMulStep(c -> { }))
                .models(new ModelRegistry(user, null, null).resolver()).param("model", "mm").run());
        assertEquals(ModelException.Kind.CORRUPTED, e.kind());
        assertTrue(e.getMessage().contains("is corrupted: SHA-256 expected"), e.getMessage());
    }

    @Test
    void trainingStepsSaveIntoTheRunsRegistry() throws Exception {
        Path user = dir.resolve("user");
        Path[] seen = new Path[2];
        StepProvider saver = matMulStep(c -> {
            seen[0] = Models.saveFolder(c, "new-model");
        });
        writeMatMul(user, "mm", 2, -1);
        StepHarness.of(saver).models(new ModelRegistry(user, null, null).resolver()).param("model", "mm").run();
        assertEquals(user.resolve("new-model"), seen[0]);
        StepProvider noRegistry = new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return StepDescriptor.builder("test.saver", "1.0.0").name("Saver").category("Test")
                        .output("y", DataTypes.SIGNAL, "y").build();
            }

            @Override
            public Step createStep() {
                return c -> {
                    seen[1] = Models.saveFolder(c, "new-model");
                    c.output("y", Signal.builder(1).channel("y", "", new double[] { 0 }).build());
                };
            }
        };
        StepHarness.of(noRegistry).run();
        assertEquals(ModelRegistry.userFolder().resolve("new-model"), seen[1]);
    }
}
