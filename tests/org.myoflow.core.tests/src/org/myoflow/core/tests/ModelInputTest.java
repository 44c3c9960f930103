package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.number;
import static org.myoflow.core.tests.TestSteps.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.InvalidPipelineException;
import org.myoflow.core.engine.MemoryResultCache;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.spi.ModelFile;
import org.myoflow.core.spi.ModelResolver;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/**
 * Models as tracked inputs: a step's model parameter is resolved when the pipeline is planned, the model file's
 * SHA-256 enters the node's cache key and result, and a model retrained under the same name recomputes the nodes
 * that use it (and only those).
 */
class ModelInputTest {

    @TempDir
    Path tmp;

    /** A "model" is a folder {@code <root>/<name>/} holding {@code weights.txt}: one number, the gain. */
    static final class FolderResolver implements ModelResolver {
        final Path root;
        int finds;

        FolderResolver(Path root) {
            this.root = root;
        }

        @Override
        public Optional<ModelFile> find(String name) {
            finds++;
            Path f = root.resolve(name).resolve("weights.txt");
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            try {
                String sha = Digests.sha256(f);
                return Optional.of(new ModelFile(name, "TEST", f.getParent(), f, sha, sha));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<String> searched() {
            return List.of("TEST " + root);
        }

        void write(String name, double gain) throws IOException {
            Files.createDirectories(root.resolve(name));
            Files.writeString(root.resolve(name).resolve("weights.txt"), Double.toString(gain));
        }
    }

    public static class ModelGainSettings {
        @Param(description = "The model giving the gain", model = true)
        public String model = "";

        @Param(description = "Another model, or none")
        public String label = "";
    }

    /** {@code test.model-gain}: in × the number in the model file. */
    static TestStep modelGain() {
        return new TestStep(StepDescriptor.builder("test.model-gain", "1.0.0").name("Model gain").category("Test")
                .input("in", DataTypes.SIGNAL, "input").output("out", DataTypes.SIGNAL, "scaled input")
                .settings(ModelGainSettings.class).build(), c -> {
                    ModelGainSettings s = c.settings(ModelGainSettings.class);
                    ModelFile f = c.model(s.model);
                    double g = Double.parseDouble(Files.readString(f.file()));
                    Signal in = c.input("in", Signal.class);
                    double[] x = in.channel(0);
                    for (int i = 0; i < x.length; i++) {
                        x[i] *= g;
                    }
                    c.output("out", Signal.builder(in.samplingRate()).channel("c", "mV", x).build());
                });
    }

    private TestStep constant;
    private TestStep gain;
    private TestStep modelGain;
    private MemoryResultCache cache;
    private Engine engine;
    private Pipelines pipeline;
    private FolderResolver models;

    @BeforeEach
    void setUp() throws IOException {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        modelGain = modelGain();
        cache = new MemoryResultCache(100);
        engine = new Engine(new SimpleStepRegistry().add(constant).add(gain).add(modelGain), cache);
        pipeline = Pipelines.create().node("src", constant, number("value", 1, "mV")).node("m", modelGain,
                text("model", "gain-model")).node("g", gain).connect("src.signal", "m.in").connect("src.signal", "g.in");
        models = new FolderResolver(tmp.resolve("models"));
        models.write("gain-model", 3);
    }

    private RunOptions options(ModelResolver resolver) {
        return new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"))
                .models(resolver);
    }

    private RunResult run() throws Exception {
        return engine.run(pipeline.experiment, pipeline.pipeline, options(models));
    }

    private static double first(RunResult r, String node) {
        return ((Signal) r.node(node).orElseThrow().outputs().get("out")).get(0, 0);
    }

    @Test
    void theModelParameterIsDeclaredAndStoredAsText() {
        ParameterSchema schema = ParameterSchema.of(ModelGainSettings.class);
        assertTrue(schema.get("model").orElseThrow().model());
        assertFalse(schema.get("label").orElseThrow().model());
        assertEquals("", schema.get("model").orElseThrow().defaultValue());
        assertThrows(IllegalArgumentException.class, () -> ParameterSchema.of(NumericModel.class));
    }

    public static class NumericModel {
        @Param(description = "not text", model = true)
        public double model = 1;
    }

    @Test
    void theNodeResultNamesTheModelFileAndItsDigest() throws Exception {
        RunResult r = run();
        assertEquals(3.0, first(r, "m"), 0);
        NodeResult m = r.node("m").orElseThrow();
        ModelFile f = m.models().get("gain-model");
        assertEquals(Digests.sha256(tmp.resolve("models/gain-model/weights.txt")), f.sha256());
        assertEquals(tmp.resolve("models/gain-model/weights.txt"), f.file());
        assertEquals(Map.of(), r.node("g").orElseThrow().models());
        assertEquals(Map.of(), r.node("src").orElseThrow().models());
    }

    @Test
    void retrainingUnderTheSameNameRecomputesOnlyTheNodesUsingIt() throws Exception {
        RunResult r1 = run();
        RunResult same = run();
        assertEquals(List.of(true, true, true), same.nodes().stream().map(NodeResult::fromCache).toList());
        assertEquals(r1.node("m").orElseThrow().cacheKey(), same.node("m").orElseThrow().cacheKey());

        models.write("gain-model", 5); // "retrained": same name, other file
        RunResult r2 = run();
        assertTrue(r2.node("src").orElseThrow().fromCache());
        assertTrue(r2.node("g").orElseThrow().fromCache());
        assertFalse(r2.node("m").orElseThrow().fromCache());
        assertNotEquals(r1.node("m").orElseThrow().cacheKey(), r2.node("m").orElseThrow().cacheKey());
        assertEquals(r1.node("g").orElseThrow().cacheKey(), r2.node("g").orElseThrow().cacheKey());
        assertEquals(5.0, first(r2, "m"), 0);
        assertEquals(2.0, first(r2, "g"), 0);
        assertEquals(2, modelGain.count());

        models.write("gain-model", 3); // back to the first file: its cached result again
        RunResult r3 = run();
        assertTrue(r3.node("m").orElseThrow().fromCache());
        assertEquals(3.0, first(r3, "m"), 0);
        assertEquals(r1.node("m").orElseThrow().cacheKey(), r3.node("m").orElseThrow().cacheKey());
    }

    @Test
    void aMissingModelIsAValidationProblemNamingNodeParameterAndFolders() {
        pipeline.set("m", text("model", "no-such-model"));
        List<ValidationProblem> problems = engine.validate(pipeline.experiment, pipeline.pipeline, options(models));
        assertEquals(1, problems.size(), problems.toString());
        ValidationProblem p = problems.get(0);
        assertEquals("m", p.nodeId());
        assertEquals("parameter 'model'", p.subject());
        assertTrue(p.message().contains("'no-such-model' is not in the model registry"), p.message());
        assertTrue(p.message().contains("TEST " + tmp.resolve("models")), p.message());
        InvalidPipelineException e = assertThrows(InvalidPipelineException.class, this::run);
        assertEquals(problems, e.problems());
        assertEquals(0, modelGain.count());
    }

    @Test
    void withoutAModelRegistryTheModelIsNotFound() {
        List<ValidationProblem> problems = engine.validate(pipeline.experiment, pipeline.pipeline,
                options(ModelResolver.NONE));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("this run has no model registry"), problems.toString());
        // the default options have no registry either
        assertEquals(problems, engine.validate(pipeline.experiment, pipeline.pipeline,
                new RunOptions().baseDirectory(tmp)));
    }

    @Test
    void anUnreadableModelIsAValidationProblemWithTheResolversMessage() {
        ModelResolver broken = new ModelResolver() {
            @Override
            public Optional<ModelFile> find(String name) {
                throw new IllegalStateException("/lab/models/" + name + "/model.onnx: permission denied");
            }

            @Override
            public List<String> searched() {
                return List.of();
            }
        };
        List<ValidationProblem> problems = engine.validate(pipeline.experiment, pipeline.pipeline, options(broken));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("model 'gain-model' cannot be read: /lab/models/gain-model/"
                + "model.onnx: permission denied"), problems.toString());
    }

    @Test
    void theHarnessResolvesModelsLikeTheEngineAndStepsGetOnlyTheirOwn() throws Exception {
        Signal in = Signal.builder(100).channel("c", "mV", new double[] { 2 }).build();
        Signal out = (Signal) StepHarness.of(modelGain).models(models).input("in", in).param("model", "gain-model")
                .run().get("out");
        assertEquals(6.0, out.get(0, 0), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepHarness.of(modelGain)
                .input("in", in).param("model", "gain-model").run());
        assertTrue(e.getMessage().contains("'gain-model' is not in the model registry"), e.getMessage());

        models.write("other", 7);
        TestStep sneaky = new TestStep(StepDescriptor.builder("test.sneaky", "1.0.0").name("Sneaky")
                .category("Test").input("in", DataTypes.SIGNAL, "input").output("out", DataTypes.SIGNAL, "out")
                .settings(ModelGainSettings.class).build(), c -> c.model("other"));
        e = assertThrows(IllegalArgumentException.class, () -> StepHarness.of(sneaky).models(models).input("in", in)
                .param("model", "gain-model").run());
        assertTrue(e.getMessage().contains("model 'other' is not named by a model parameter"), e.getMessage());
    }

    @Test
    void aBlankModelNameIsLeftToTheStep() throws Exception {
        pipeline.set("m", text("model", " "));
        assertEquals(List.of(), engine.validate(pipeline.experiment, pipeline.pipeline, options(models)));
        assertEquals(0, models.finds);
    }
}
