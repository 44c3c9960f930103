package org.myoflow.surrogate.internal;

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
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.TensorSpec;
import org.myoflow.ml.onnx.OnnxGraphBuilder;
import org.myoflow.surrogate.BiomimeImport;

/** The BioMime importer that {@code ./myoflow models import FILE --biomime} picks (a {@link ModelImporter}). */
class BiomimeModelImporterTest {

    @TempDir
    Path dir;

    /** A BioMime-shaped graph: input [N, width] times a constant matrix, reshaped to [N, 96, 10, 32]. */
    private static byte[] biomimeLike(int width) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("biomime-like");
        g.input("x", -1, width);
        float[] w = new float[width * 30720];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7) * 0.125f;
        }
        String flat = g.node("MatMul", "x", g.initializer("w", w, width, 30720));
        g.node("Reshape", List.of(flat, g.initializerInt64("shape", -1, 96, 10, 32)), List.of("y"), Map.of());
        g.output("y", -1, 96, 10, 32);
        return g.build("test");
    }

    @Test
    void describesItsFormatAndOptionsWithTheImportDefaults() {
        ModelImporter m = new BiomimeModelImporter();
        assertEquals("biomime", m.format());
        assertEquals(List.of("ied", "fs", "scale", "unit-mv"), m.options().stream().map(ModelImporter.Option::name)
                .toList());
        assertEquals(BiomimeImport.Options.DEFAULT_IED_MM, m.options().get(0).defaultValue());
        assertEquals(BiomimeImport.Options.DEFAULT_FS_HZ, m.options().get(1).defaultValue());
        assertEquals(BiomimeImport.Options.DEFAULT_SCALE, m.options().get(2).defaultValue());
        assertEquals(BiomimeImport.Options.DEFAULT_DESCALED_UNIT_MV, m.options().get(3).defaultValue());
    }

    @Test
    void importsAMuapSurrogateModelAndReportsItsCard() throws Exception {
        Path src = dir.resolve("export.onnx");
        Files.write(src, biomimeLike(6));
        Path to = dir.resolve("lab");
        List<String> lines = new BiomimeModelImporter().importModel(src, "bm", to, Map.of("ied", 5.0, "scale", 1e4));
        assertEquals("imported BioMime model 'bm' into " + to.resolve("bm").toAbsolutePath(), lines.get(0));
        assertTrue(lines.get(2).contains("outputScale 0.100000 mV per output unit, grid 10x32 at 5.000 mm, 2048.00 Hz"),
                lines.toString());
        ModelCard card = ModelCard.read(to.resolve("bm/model.json"));
        assertEquals("muap-surrogate", card.task());
        assertEquals(5.0, card.config().get("interElectrodeDistanceMm").getAsDouble());
        assertEquals(0.1, card.normalisation().get("outputScale").getAsDouble(), 1e-12);
        assertEquals(List.of(TensorSpec.float32("conditions", -1, 6)), card.signature().inputs());
        new ModelRegistry(to, null, null).resolve("bm", null);
    }

    @Test
    void refusesUnknownOptionsBadValuesAndWrongSignatures() throws Exception {
        Path six = dir.resolve("six.onnx");
        Files.write(six, biomimeLike(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BiomimeModelImporter().importModel(six, "x", dir.resolve("m"), Map.of("spacing", 5.0)));
        assertTrue(e.getMessage().contains("--spacing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BiomimeModelImporter().importModel(six, "x", dir.resolve("m"), Map.of("fs", -1.0)));
        assertTrue(e.getMessage().contains("sampling rate"), e.getMessage());

        Path five = dir.resolve("five.onnx");
        Files.write(five, biomimeLike(5));
        ModelException m = assertThrows(ModelException.class,
                () -> new BiomimeModelImporter().importModel(five, "x", dir.resolve("m"), Map.of()));
        assertTrue(m.getMessage().contains("not a BioMime generator") && m.getMessage().contains("x float32[-1,5]"),
                m.getMessage());
        assertFalse(Files.exists(dir.resolve("m/x")));
    }
}
