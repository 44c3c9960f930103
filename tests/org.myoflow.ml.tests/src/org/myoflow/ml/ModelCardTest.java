package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

class ModelCardTest {

    @Test
    void roundTripsThroughJsonWithAFixedFieldOrder() {
        JsonObject norm = new JsonObject();
        norm.addProperty("outputScale", 0.5);
        ModelCard c = ModelCard.builder("surrogate", "1.2.0", "muap-surrogate", TestModels.matMulSignature("x", "y"))
                .normalisation(norm).training("r", Map.of("epochs", "10", "lr", "0.01"), 42)
                .trainingDataDigest("ab".repeat(32)).metric("val_rmse", 0.01).onnxSha256("cd".repeat(32))
                .created("2026-01-01T00:00:00Z").framework("DJL 0.35.1 / PyTorch 2.7.1; ONNX opset 17").build();
        String json = c.toJson();
        ModelCard back = ModelCard.parse(json, "mem");
        assertEquals(c, back);
        assertEquals(json, back.toJson());
        assertEquals(0.5, back.normalisation().get("outputScale").getAsDouble());
        assertEquals(42L, back.training().seed());
        assertEquals(List.of("name", "version", "description", "task", "signature", "normalisation", "config",
                "training", "trainingDataDigest", "metrics", "onnxSha256", "created", "framework"),
                List.copyOf(com.google.gson.JsonParser.parseString(json).getAsJsonObject().keySet()));
    }

    @Test
    void strictParsingNamesTheField() {
        String ok = ModelCard.builder("m", "1", "t", TestModels.matMulSignature("x", "y")).onnxSha256("00").build()
                .toJson();
        ModelException e = assertThrows(ModelException.class,
                () -> ModelCard.parse(ok.replace("\"onnxSha256\": \"00\"", "\"onnxSha256\": 5"), "f.json"));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertEquals("f.json: field 'onnxSha256' must be a string", e.getMessage());
        e = assertThrows(ModelException.class,
                () -> ModelCard.parse(ok.replace("\"float32\"", "\"float16\""), "f.json"));
        assertEquals("f.json: field 'signature.inputs[0]': tensor 'x': element type must be float32 or int64, "
                + "got 'float16'", e.getMessage());
        e = assertThrows(ModelException.class, () -> ModelCard.parse("[1]", "f.json"));
        assertEquals("f.json: the card must be a JSON object", e.getMessage());
    }
}
