package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelSignature;
import org.myoflow.ml.TensorSpec;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.ml.TrainingRequest;
import org.myoflow.ml.TrainingResult;
import org.myoflow.ml.onnx.OnnxGraphBuilder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code myoflow models} and {@code myoflow train} over temporary folders and a toy recipe. */
public class ModelCommandsTest {

    private static final ModelSignature SIG = new ModelSignature(List.of(TensorSpec.float32("x", -1, 2)),
            List.of(TensorSpec.float32("y", -1, 1)));

    /** Writes a model whose "ONNX" bytes are never loaded (listing checks only the digest). */
    static final class ToyRecipe implements TrainingRecipe {
        TrainingRequest seen;

        @Override
        public String id() {
            return "toy";
        }

        @Override
        public String description() {
            return "writes a fixed model";
        }

        @Override
        public boolean hasQuickVariant() {
            return true;
        }

        @Override
        public TrainingResult train(TrainingRequest request, Progress progress) {
            seen = request;
            if (request.overrides().containsKey("bogus")) {
                throw new IllegalArgumentException("unknown parameter 'bogus'");
            }
            progress.update(0.5, "epoch 1/2");
            ModelCard card = ModelCard.builder("toy-model", "1.0.0", "test", SIG)
                    .training(id(), request.overrides(), request.seedOr(11)).metric("val_rmse", 0.25).build();
            Path folder = request.outputRoot().resolve("toy-model");
            ModelRegistry.writeModel(folder, new byte[] {1, 2, 3}, card);
            progress.update(1, "done");
            return new TrainingResult(folder, card.metrics());
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ToyRecipe recipe = new ToyRecipe();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .withRecipes(() -> List.of(recipe))
                .withModels(() -> new ModelRegistry(dir.resolve("user"), dir.resolve("shared"), dir.resolve("install")))
                .execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void model(Path root, String name, String version) {
        ModelRegistry.writeModel(root.resolve(name), onnx(),
                ModelCard.builder(name, version, "muap-surrogate", SIG).metric("val_rmse", 0.5).build());
    }

    /** A real ONNX model of signature {@link #SIG}: y = x · [0.5, -0.5]ᵀ. */
    static byte[] onnx() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("toy");
        g.input("x", -1, 2);
        String w = g.initializer("w", new float[] { 0.5f, -0.5f }, 2, 1);
        g.rename(g.node("MatMul", "x", w), "y");
        g.output("y", -1, 1);
        return g.build("test");
    }

    @Test
    void modelsListsEveryFolderAndFlagsBrokenModelsWithoutFailing() throws Exception {
        model(dir.resolve("user"), "a", "2.0.0");
        model(dir.resolve("install"), "a", "1.0.0");
        model(dir.resolve("shared"), "broken", "1.0.0");
        Files.write(dir.resolve("shared/broken/model.onnx"), new byte[] {4, 5, 6, 8});
        model(dir.resolve("install"), "badcard", "1.0.0");
        Files.writeString(dir.resolve("install/badcard/model.json"), "{\"name\": \"badcard\"}");
        // a card whose SHA-256 matches its model.onnx, but the file is no ONNX model: listed as unusable
        ModelRegistry.writeModel(dir.resolve("install/garbage"), new byte[] { 4, 5, 6, 7 },
                ModelCard.builder("garbage", "1.0.0", "muap-surrogate", SIG).build());

        assertEquals(ExitCodes.OK, run("models"));
        String garbage = out().lines().filter(l -> l.startsWith("garbage ")).findFirst().orElseThrow();
        assertTrue(garbage.matches("garbage\\s+1\\.0\\.0\\s+muap-surrogate\\s+INSTALLATION\\s+UNREADABLE\\s+.*"
                + "model\\.onnx.*ONNX Runtime cannot load the model.*"), garbage);
        List<String> lines = out().lines().filter(l -> l.matches("^(a|broken|badcard) .*")).toList();
        assertEquals(4, lines.size(), out());
        assertTrue(lines.get(0).matches("a\\s+2\\.0\\.0\\s+muap-surrogate\\s+USER\\s+ok\\s+val_rmse=0\\.5000"),
                lines.get(0));
        assertTrue(lines.get(1).matches("broken\\s+1\\.0\\.0\\s+muap-surrogate\\s+SHARED\\s+CORRUPTED\\s+.*"
                + "SHA-256 expected [0-9a-f]{64} \\(model.json\\), actual [0-9a-f]{64}"), lines.get(1));
        assertTrue(lines.get(2).matches("a\\s+1\\.0\\.0\\s+muap-surrogate\\s+INSTALLATION\\s+ok\\s+\\(shadowed\\).*"),
                lines.get(2));
        assertTrue(lines.get(3).matches("badcard\\s+\\?\\s+\\?\\s+INSTALLATION\\s+BAD-CARD\\s+.*missing required "
                + "field 'version'"), lines.get(3));
        assertTrue(out().contains("5 model(s), 3 not usable"), out());

        assertEquals(ExitCodes.OK, run("models", "--json"));
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(3, json.getAsJsonArray("folders").size());
        JsonObject broken = json.getAsJsonArray("models").get(1).getAsJsonObject();
        assertEquals("broken", broken.get("name").getAsString());
        assertEquals("CORRUPTED", broken.get("status").getAsString());
        assertEquals(0.5, json.getAsJsonArray("models").get(0).getAsJsonObject().getAsJsonObject("metrics")
                .get("val_rmse").getAsDouble());
    }

    @Test
    void trainRunsTheRecipeAndReportsWhereTheModelWent() throws Exception {
        Path target = dir.resolve("trained");
        assertEquals(ExitCodes.OK, run("train", "toy", "--quick", "--seed", "5", "--out", target.toString(), "--set",
                "epochs=2"));
        assertEquals(new TrainingRequest(true, 5L, target, Map.of("epochs", "2")), recipe.seen);
        assertTrue(out().contains("model in " + target.resolve("toy-model").toAbsolutePath()), out());
        assertTrue(out().contains("val_rmse") && out().contains("0.250000"), out());
        assertTrue(err().contains("toy  50% epoch 1/2"), err());
        ModelCard card = ModelCard.read(target.resolve("toy-model/model.json"));
        assertEquals(5L, card.training().seed());
        assertEquals(Map.of("epochs", "2"), card.training().parameters());

        assertEquals(ExitCodes.OK, run("train"));
        assertTrue(out().contains("toy") && out().contains("1 training recipe(s) installed"), out());
    }

    @Test
    void trainRejectsUnknownRecipesAndOverrides() {
        assertEquals(ExitCodes.INVALID, run("train", "absent"));
        assertEquals("myoflow: no training recipe 'absent'; installed: [toy]", err().trim());
        assertEquals(ExitCodes.INVALID, run("train", "toy", "--out", dir.toString(), "--set", "bogus=1"));
        assertTrue(err().contains("myoflow: train toy: unknown parameter 'bogus'"), err());
    }

    /**
     * An importer as a bundle contributes one (the BioMime one lives in the surrogate bundle and is tested there):
     * it writes the file's bytes as a model and reports the options it got.
     */
    private static final class CopyImporter implements ModelImporter {
        Map<String, Double> options;

        @Override
        public String format() {
            return "biomime";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<ModelImporter.Option> options() {
            return List.of(new ModelImporter.Option("ied", "MM", 8.75, "spacing"),
                    new ModelImporter.Option("scale", "FACTOR", 1e5, "scale"));
        }

        @Override
        public List<String> importModel(Path file, String name, Path targetRoot, Map<String, Double> opts)
                throws ModelException {
            if (opts.getOrDefault("ied", 1.0) <= 0) {
                throw new IllegalArgumentException("inter-electrode distance must be positive and finite, got "
                        + opts.get("ied"));
            }
            this.options = opts;
            try {
                model(targetRoot, name, "1");
                return List.of("imported BioMime model '" + name + "' into " + targetRoot.resolve(name)
                        .toAbsolutePath(), "  " + Files.size(file) + " bytes");
            } catch (java.io.IOException e) {
                throw new ModelException(ModelException.Kind.LOAD_FAILED, e.getMessage(), e);
            }
        }
    }

    private final CopyImporter importer = new CopyImporter();

    private int runWithImporter(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .withImporters(() -> List.of(importer)).execute(args);
    }

    @Test
    void modelsImportPicksTheImporterOfTheFormatFlagAndPassesItsOptions() throws Exception {
        Path src = dir.resolve("export.onnx");
        Files.write(src, new byte[] {1, 2, 3});
        Path to = dir.resolve("lab");
        assertEquals(ExitCodes.OK, runWithImporter("models", "import", src.toString(), "--biomime", "--name", "bm",
                "--ied", "5", "--scale=1e4", "--to", to.toString()), err());
        assertTrue(out().contains("imported BioMime model 'bm' into " + to.resolve("bm").toAbsolutePath()), out());
        assertEquals(Map.of("ied", 5.0, "scale", 1e4), importer.options);
        assertTrue(Files.isRegularFile(to.resolve("bm/model.json")));

        // default target: the user folder of the registry properties
        String old = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, dir.resolve("home-models").toString());
        try {
            assertEquals(ExitCodes.OK, runWithImporter("models", "import", src.toString(), "--biomime", "--name",
                    "bm2"), err());
            assertTrue(Files.isRegularFile(dir.resolve("home-models/bm2/model.onnx")));
            assertEquals(Map.of(), importer.options);
        } finally {
            if (old == null) {
                System.clearProperty(ModelRegistry.USER_PROPERTY);
            } else {
                System.setProperty(ModelRegistry.USER_PROPERTY, old);
            }
        }
    }

    @Test
    void modelsImportRefusesToOverwriteAnExistingModelUnlessAsked() throws Exception {
        Path src = dir.resolve("export.onnx");
        Files.write(src, new byte[] { 1, 2, 3 });
        Path to = dir.resolve("lab");
        assertEquals(ExitCodes.OK, runWithImporter("models", "import", src.toString(), "--biomime", "--name", "bm",
                "--to", to.toString()), err());
        byte[] card = Files.readAllBytes(to.resolve("bm/model.json"));
        importer.options = null;
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", src.toString(), "--biomime", "--name",
                "bm", "--to", to.toString()));
        assertTrue(err().contains("models import: a model named 'bm' exists in " + to
                + ": pass --overwrite to replace it, or choose another --name"), err());
        assertEquals(null, importer.options, "the importer was not called");
        assertTrue(java.util.Arrays.equals(card, Files.readAllBytes(to.resolve("bm/model.json"))));
        assertEquals(ExitCodes.OK, runWithImporter("models", "import", src.toString(), "--biomime", "--name", "bm",
                "--to", to.toString(), "--overwrite"), err());
        assertEquals(Map.of(), importer.options, "the importer ran");
    }

    @Test
    void modelsImportRefusesMissingFilesFormatsAndOptions() throws Exception {
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", dir.resolve("none.onnx").toString(),
                "--biomime", "--name", "x", "--to", dir.toString()));
        assertTrue(err().contains("no such file: " + dir.resolve("none.onnx")), err());

        Path five = dir.resolve("five.onnx");
        Files.write(five, new byte[] {5});
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--name", "x"));
        assertTrue(err().contains("pass --biomime"), err());
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--biomime", "--name",
                "x", "--spacing", "3"));
        assertTrue(err().contains("unknown option --spacing of --biomime; expected --ied, --scale"), err());
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--biomime", "--name",
                "x", "--ied", "wide"));
        assertTrue(err().contains("--ied needs a number, got 'wide'"), err());
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--biomime", "--name",
                "x", "--ied", "-1", "--to", dir.resolve("m").toString()));
        assertTrue(err().contains("models import: inter-electrode distance must be positive"), err());
        assertTrue(!Files.exists(dir.resolve("m/x")));
        // names outside the documented character set are refused, escaped
        assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--biomime", "--name",
                "bad\nname", "--to", dir.resolve("m").toString()));
        assertTrue(err().contains("the model name \"bad\\nname\" is not allowed: a letter or digit, then letters, "
                + "digits, '.', '_' or '-', at most 64 characters"), err());
        assertEquals(1, err().lines().count(), "the newline is not printed raw: " + err());
        for (String bad : new String[] { "a/b", "..", ".hidden", "x\u0007", "" }) {
            assertEquals(ExitCodes.INVALID, runWithImporter("models", "import", five.toString(), "--biomime",
                    "--name", bad, "--to", dir.resolve("m").toString()), bad);
            assertTrue(err().contains("is not allowed"), err());
            if (bad.startsWith("x")) {
                assertTrue(err().contains("the model name \"x\\u0007\" is not allowed"), err());
            }
        }
        assertTrue(!Files.exists(dir.resolve("m")), "nothing written");
        // without any importer installed the message says so
        assertEquals(ExitCodes.INVALID, run("models", "import", five.toString(), "--biomime", "--name", "x"));
        assertTrue(err().contains("none is installed"), err());
    }
}
