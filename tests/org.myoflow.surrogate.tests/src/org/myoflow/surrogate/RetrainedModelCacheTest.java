package org.myoflow.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.InvalidPipelineException;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.core.spi.Progress;
import org.myoflow.io.DiskResultCache;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.model.Experiment;
import org.myoflow.report.RunFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Models are tracked inputs: a surrogate retrained under the same name makes the node using it recompute on a
 * re-run with the same disk cache, while the nodes that do not use it come from the cache; run.json names the model
 * file's SHA-256.
 */
public class RetrainedModelCacheTest {

    static final String NAME = "retrained-surrogate";

    static final String EXPERIMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="retrain" seed="11">
              <pipelines name="muaps">
                <nodes id="surrogate" stepId="org.myoflow.surrogate.surrogate-muap-bank" stepVersion="1.0.0">
                  <parameters xsi:type="myoflow:StringValue" key="model" value="%s"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="units" value="5"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="anatomySeed" value="3"/>
                </nodes>
                <nodes id="numerical" stepId="org.myoflow.conductor.planar-muap-bank" stepVersion="1.0.0">
                  <parameters xsi:type="myoflow:IntegerValue" key="units" value="5"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="anatomySeed" value="3"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="rows" value="8"/>
                  <parameters xsi:type="myoflow:IntegerValue" key="cols" value="8"/>
                </nodes>
              </pipelines>
            </myoflow:Experiment>
            """;

    private static final Progress SILENT = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @TempDir
    Path tmp;

    static StepRegistry steps() throws Exception {
        Bundle host = FrameworkUtil.getBundle(RetrainedModelCacheTest.class);
        if (host.getBundleContext() == null) {
            host.start();
        }
        ServiceTracker<StepRegistry, StepRegistry> t = new ServiceTracker<>(host.getBundleContext(),
                StepRegistry.class, null);
        t.open();
        try {
            StepRegistry registry = t.waitForService(10_000);
            assertNotNull(registry, "no step registry service");
            long end = System.nanoTime() + 10_000_000_000L;
            while ((registry.find("org.myoflow.surrogate.surrogate-muap-bank").isEmpty()
                    || registry.find("org.myoflow.conductor.planar-muap-bank").isEmpty()) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            return registry;
        } finally {
            t.close();
        }
    }

    private static void train(Path root, long seed) {
        new SurrogateTraining(NAME, SurrogateConfig.demo(), 40, 8, 3, 16, 2, seed).run(root, SILENT);
    }

    private RunResult run(StepRegistry steps, Experiment e, ModelRegistry models) throws Exception {
        // a new engine over the same cache folder: a later run of the command line with --cache
        Engine engine = new Engine(steps, new DiskResultCache(tmp.resolve("cache")));
        RunOptions options = new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"))
                .models(models.resolver());
        return engine.run(e, e.getPipelines().get(0), options);
    }

    private static MuapBank bank(RunResult r, String node) {
        return (MuapBank) r.node(node).orElseThrow().outputs().get("muaps");
    }

    @Test
    void retrainingUnderTheSameNameRecomputesTheNodesUsingIt() throws Exception {
        Path root = tmp.resolve("models");
        ModelRegistry models = new ModelRegistry(root, null, null);
        Path file = tmp.resolve("retrain.myoflow");
        Files.writeString(file, EXPERIMENT.formatted(NAME));
        Experiment e = ExperimentFiles.load(file);
        StepRegistry steps = steps();

        train(root, 1);
        String sha1 = ModelRegistry.sha256(root.resolve(NAME).resolve(ModelRegistry.ONNX_FILE));
        RunResult first = run(steps, e, models);
        assertEquals(List.of(false, false), first.nodes().stream().map(NodeResult::fromCache).toList());
        assertEquals(sha1, first.node("surrogate").orElseThrow().models().get(NAME).sha256());

        RunResult again = run(steps, e, models);
        assertEquals(List.of(true, true), again.nodes().stream().map(NodeResult::fromCache).toList());
        assertEquals(bank(first, "surrogate").digest(), bank(again, "surrogate").digest());

        train(root, 2); // same name, another seed: another model file
        String sha2 = ModelRegistry.sha256(root.resolve(NAME).resolve(ModelRegistry.ONNX_FILE));
        assertNotEquals(sha1, sha2);
        RunResult retrained = run(steps, e, models);
        NodeResult sur = retrained.node("surrogate").orElseThrow();
        assertFalse(sur.fromCache(), "the node using the retrained model recomputes");
        assertTrue(retrained.node("numerical").orElseThrow().fromCache(), "the node without a model is cached");
        assertEquals(sha2, sur.models().get(NAME).sha256());
        assertNotEquals(first.node("surrogate").orElseThrow().cacheKey(), sur.cacheKey());
        assertNotEquals(bank(first, "surrogate").digest(), bank(retrained, "surrogate").digest(),
                "the retrained model gives other MUAPs");
        assertEquals(bank(first, "numerical").digest(), bank(retrained, "numerical").digest());

        // run.json names the model file and its SHA-256
        Path out = tmp.resolve("run");
        RunFolder.write(retrained, out, file, "test");
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        JsonObject node = json.getAsJsonArray("nodes").asList().stream().map(n -> n.getAsJsonObject())
                .filter(n -> n.get("id").getAsString().equals("surrogate")).findFirst().orElseThrow();
        JsonObject model = node.getAsJsonObject("models").getAsJsonObject(NAME);
        assertEquals(sha2, model.get("sha256").getAsString());
        assertEquals(root.resolve(NAME).resolve(ModelRegistry.ONNX_FILE).toAbsolutePath().normalize().toString(),
                model.get("path").getAsString());
        assertEquals("USER", model.get("origin").getAsString());
        JsonObject numerical = json.getAsJsonArray("nodes").asList().stream().map(n -> n.getAsJsonObject())
                .filter(n -> n.get("id").getAsString().equals("numerical")).findFirst().orElseThrow();
        assertEquals(0, numerical.getAsJsonObject("models").size());
    }

    @Test
    void aModelMissingFromTheRegistryFailsValidationNamingNodeParameterAndFolders() throws Exception {
        Path root = tmp.resolve("empty");
        Path file = tmp.resolve("missing.myoflow");
        Files.writeString(file, EXPERIMENT.formatted("no-such-surrogate"));
        Experiment e = ExperimentFiles.load(file);
        InvalidPipelineException ex = org.junit.jupiter.api.Assertions.assertThrows(InvalidPipelineException.class,
                () -> run(steps(), e, new ModelRegistry(root, null, null)));
        assertEquals(1, ex.problems().size(), ex.problems().toString());
        ValidationProblem p = ex.problems().get(0);
        assertEquals("surrogate", p.nodeId());
        assertEquals("parameter 'model'", p.subject());
        assertTrue(p.message().contains("'no-such-surrogate' is not in the model registry")
                && p.message().contains("USER " + root), p.message());
    }
}
