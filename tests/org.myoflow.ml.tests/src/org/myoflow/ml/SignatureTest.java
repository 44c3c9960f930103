package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SignatureTest {

    @Test
    void tensorSpecPrintsNameTypeAndShape() {
        assertEquals("x float32[-1,6]", TensorSpec.float32("x", -1, 6).toString());
        assertEquals("ids int64[3]", TensorSpec.int64("ids", 3).toString());
        assertTrue(TensorSpec.float32("a", -1, 6).accepts(TensorSpec.float32("b", 16, 6)));
        assertFalse(TensorSpec.float32("a", -1, 6).accepts(TensorSpec.float32("a", 16, 5)));
        assertFalse(TensorSpec.float32("a", 6).accepts(TensorSpec.int64("a", 6)));
        assertThrows(IllegalArgumentException.class, () -> new TensorSpec("a", "float64", new long[] {1}));
    }

    @Test
    void mismatchMessageNamesModelTensorAndShapes() {
        ModelSignature model = new ModelSignature(
                List.of(TensorSpec.float32("x", -1, 6), TensorSpec.int64("k", 1)),
                List.of(TensorSpec.float32("y", -1, 64)));
        ModelSignature required = new ModelSignature(
                List.of(TensorSpec.float32("x", -1, 5), TensorSpec.float32("k", 1)),
                List.of(TensorSpec.float32("y", -1, 64), TensorSpec.float32("z", -1)));
        ModelException e = assertThrows(ModelException.class, () -> model.checkCompatible(required, "surrogate"));
        assertEquals(ModelException.Kind.SIGNATURE_MISMATCH, e.kind());
        assertEquals("model 'surrogate' does not fit:\n"
                + "  input 'x': expected float32[-1,5], model has float32[-1,6]\n"
                + "  input 'k': expected float32[1], model has int64[1]\n"
                + "  output 'z' (float32[-1]) expected, model has [y float32[-1,64]]", e.getMessage());
        model.checkCompatible(new ModelSignature(List.of(TensorSpec.float32("x", 8, 6), TensorSpec.int64("k", 1)),
                List.of()), "surrogate");
    }
}
