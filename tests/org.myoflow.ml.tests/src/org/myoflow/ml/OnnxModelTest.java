package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        OnnxSessions.closeAll();
        System.clearProperty(OnnxSessions.THREADS_PROPERTY);
    }

    @Test
    void matMulGivesExactNumbers() throws Exception {
        Path f = dir.resolve("m.onnx");
        Files.write(f, TestModels.matMul("x", "y"));
        OnnxModel m = OnnxSessions.open(f);
        assertEquals(TestModels.matMulSignature("x", "y"), m.signature());
        FloatTensor y = m.run(Map.of("x", FloatTensor.of(new float[] {3, 4, -1, 2, 0.25f, 0}, 3, 2)));
        assertArrayEquals(new long[] {3, 1}, y.shape());
        assertArrayEquals(new float[] {2, -4, 0.5f}, y.data(), 0f);
        assertSame(m, OnnxSessions.open(f));

        Files.write(f, TestModels.matMul("x", "out"));
        OnnxModel changed = OnnxSessions.open(f);
        assertNotSame(m, changed);
        assertEquals("out", changed.signature().outputs().get(0).name());
    }

    @Test
    void badInputsAreRejectedBeforeOnnxRuntime() {
        try (OnnxModel m = OnnxSessions.load(TestModels.matMul("x", "y"), "mem")) {
            ModelException e = assertThrows(ModelException.class,
                    () -> m.run(Map.of("x", FloatTensor.of(new float[3], 1, 3))));
            assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains("input 'x': expected float32[-1,2], got float32[1,3]"), e.getMessage());
            e = assertThrows(ModelException.class, () -> m.run(Map.of()));
            assertTrue(e.getMessage().contains("input 'x' (float32[-1,2]) missing"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FloatTensor.of(new float[3], 2, 2));
    }

    @Test
    void threadCountComesFromTheProperty() {
        assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), 4), OnnxSessions.intraOpThreads());
        System.setProperty(OnnxSessions.THREADS_PROPERTY, "3");
        assertEquals(3, OnnxSessions.intraOpThreads());
        System.setProperty(OnnxSessions.THREADS_PROPERTY, "zero");
        assertThrows(IllegalArgumentException.class, OnnxSessions::intraOpThreads);
    }
}
