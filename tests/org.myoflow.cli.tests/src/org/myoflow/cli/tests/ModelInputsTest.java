package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.Models;
import org.myoflow.ml.TensorSpec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code run --cache} and {@code validate} with a step that uses a registry model: the model's SHA-256 is in
 * run.json, a model retrained under the same name recomputes the node, and an unknown model exits 2.
 */
public class ModelInputsTest {

    /** Settings of the model step. */
    public static class Settings {
        @Param(description = "the model", required = true, model = true)
        public String model = "";
    }

    /** Outputs the bytes of its model file as a signal (what a real step computes with its model). */
    static final class ModelBytes implements StepProvider {
        static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.model-bytes", "1.0.0")
                .name("Model bytes").output("signal", DataTypes.SIGNAL, "the bytes").settings(Settings.class)
                .build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                Path folder = Models.check(ctx, ctx.settings(Settings.class).model).folder();
                byte[] b = Files.readAllBytes(folder.resolve(ModelRegistry.ONNX_FILE));
                double[] v = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                    v[i] = b[i];
                }
                ctx.output("signal", Signal.builder(1).channel("bytes", "", v).build());
            };
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry().add(new ModelBytes()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, "test", new AtomicBoolean()).withModels(() -> new ModelRegistry(dir.resolve("user"), null, null))
                .execute(args);
    }

    private void model(byte... bytes) {
        ModelSignature sig = new ModelSignature(List.of(TensorSpec.float32("x", -1, 2)),
                List.of(TensorSpec.float32("y", -1, 1)));
        ModelRegistry.writeModel(dir.resolve("user").resolve("m"), bytes,
                ModelCard.builder("m", "1.0.0", "test-task", sig).build());
    }

    private Path experiment() throws Exception {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="use" stepId="org.myoflow.test.model-bytes" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:StringValue" key="model" value="m"/>
                    </nodes>
                  </pipelines>
                </myoflow:Experiment>
                """);
        return f;
    }

    private JsonObject node(String runFolder) throws Exception {
        JsonObject run = JsonParser.parseString(Files.readString(dir.resolve(runFolder).resolve("run.json")))
                .getAsJsonObject();
        return run.getAsJsonArray("nodes").get(0).getAsJsonObject();
    }

    @Test
    void retrainingAModelUnderTheSameNameRecomputesWithTheCache() throws Exception {
        Path e = experiment();
        String cache = dir.resolve("cache").toString();
        model((byte) 1, (byte) 2, (byte) 3);
        String sha1 = ModelRegistry.sha256(dir.resolve("user/m/model.onnx"));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--cache", cache, "--out", dir.resolve("a").toString()),
                err.toString(StandardCharsets.UTF_8));
        JsonObject a = node("a");
        assertFalse(a.get("fromCache").getAsBoolean());
        JsonObject m = a.getAsJsonObject("models").getAsJsonObject("m");
        assertEquals(sha1, m.get("sha256").getAsString());
        assertEquals(dir.resolve("user/m/model.onnx").toAbsolutePath().normalize().toString(),
                m.get("path").getAsString());

        assertEquals(ExitCodes.OK, run("run", e.toString(), "--cache", cache, "--out", dir.resolve("b").toString()));
        assertTrue(node("b").get("fromCache").getAsBoolean());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 from cache"), out.toString());

        model((byte) 9, (byte) 8); // retrained under the same name
        String sha2 = ModelRegistry.sha256(dir.resolve("user/m/model.onnx"));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--cache", cache, "--out", dir.resolve("c").toString()));
        JsonObject c = node("c");
        assertFalse(c.get("fromCache").getAsBoolean(), "the node using the retrained model recomputes");
        assertEquals(sha2, c.getAsJsonObject("models").getAsJsonObject("m").get("sha256").getAsString());
        assertNotEquals(a.get("cacheKey").getAsString(), c.get("cacheKey").getAsString());
        assertNotEquals(Files.size(dir.resolve("a/use.signal.npy")), Files.size(dir.resolve("c/use.signal.npy")));
    }

    @Test
    void anUnknownModelExitsTwoNamingNodeParameterAndFolders() throws Exception {
        Path e = experiment();
        model((byte) 1);
        assertEquals(ExitCodes.OK, run("validate", e.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.INVALID, run("validate", e.toString(), "--set", "use.model=absent"));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("node 'use', parameter 'model': model 'absent' is not in the model registry "
                + "(searched: USER " + dir.resolve("user") + ")"), msg);
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--set", "use.model=absent", "--out",
                dir.resolve("x").toString()));
        assertFalse(Files.exists(dir.resolve("x/run.json")));
    }
}
