package org.myoflow.ml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.myoflow.core.data.Excerpt;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * What a trained model is, stored beside it as {@code model.json}: identity, task, signature, the normalisation
 * its inputs and outputs need, the configuration it was trained for, how it was trained (recipe, parameters,
 * seed, digest of the training data), its metrics, the SHA-256 of {@code model.onnx} and the software that made
 * it.
 *
 * <p>Required fields: {@code name}, {@code version}, {@code task}, {@code signature} (with {@code inputs} and
 * {@code outputs}), {@code onnxSha256}. Everything else is optional. {@link #parse} is strict: malformed JSON or a
 * missing or mistyped field gives {@link ModelException.Kind#MALFORMED_CARD} naming the file and the field.
 * {@link #toJson} writes the fields in a fixed order, so equal cards give equal bytes ({@code created} may be
 * left null for reproducible output).
 *
 * @param name               model name (also its folder name in a registry)
 * @param version            model version, e.g. {@code 1.0.0}
 * @param description        one or two sentences (may be empty)
 * @param task               what it computes, e.g. {@code muap-surrogate}
 * @param signature          inputs and outputs
 * @param normalisation      free-form: e.g. per-input min/max, output scale (never null, may be empty)
 * @param config             free-form: the configuration the model was trained for (never null, may be empty)
 * @param training           recipe, parameters and seed (null when unknown)
 * @param trainingDataDigest SHA-256 hex of the training data (null when unknown)
 * @param metrics            name to value, e.g. {@code val_rmse} (never null)
 * @param onnxSha256         SHA-256 hex of {@code model.onnx} (null only before {@link ModelRegistry#writeModel})
 * @param created            ISO-8601 instant (null: omitted, for reproducible cards)
 * @param framework          e.g. {@code DJL 0.35.1 / PyTorch 2.7.1; ONNX opset 17} (null when unknown)
 * @since 0.1
 */
public record ModelCard(String name, String version, String description, String task, ModelSignature signature,
        JsonObject normalisation, JsonObject config, Training training, String trainingDataDigest,
        Map<String, Double> metrics, String onnxSha256, String created, String framework) {

    /** File name of the card inside a model folder. */
    public static final String FILE_NAME = "model.json";

    /**
     * How a model was trained.
     *
     * @param recipe     {@link TrainingRecipe#id()}
     * @param parameters the recipe's effective parameters (overrides included)
     * @param seed       random seed used
     */
    public record Training(String recipe, Map<String, String> parameters, long seed) {
        public Training {
            Objects.requireNonNull(recipe, "recipe");
            parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(parameters));
        }
    }

    public ModelCard {
        requireText(name, "name");
        requireText(version, "version");
        requireText(task, "task");
        Objects.requireNonNull(signature, "signature");
        description = description == null ? "" : description;
        normalisation = normalisation == null ? new JsonObject() : normalisation.deepCopy();
        config = config == null ? new JsonObject() : config.deepCopy();
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A builder with the required fields; {@code onnxSha256} is filled in by {@link ModelRegistry#writeModel}. */
    public static Builder builder(String name, String version, String task, ModelSignature signature) {
        return new Builder(name, version, task, signature);
    }

    @Override
    public JsonObject normalisation() {
        return normalisation.deepCopy();
    }

    @Override
    public JsonObject config() {
        return config.deepCopy();
    }

    /** This card with another ONNX digest. */
    public ModelCard withOnnxSha256(String sha256) {
        return new ModelCard(name, version, description, task, signature, normalisation, config, training,
                trainingDataDigest, metrics, sha256, created, framework);
    }

    /** This card with another creation time (null to omit it). */
    public ModelCard withCreated(String iso) {
        return new ModelCard(name, version, description, task, signature, normalisation, config, training,
                trainingDataDigest, metrics, onnxSha256, iso, framework);
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /**
     * Reads a card file.
     *
     * @throws ModelException NOT_FOUND when the file is missing, MALFORMED_CARD when it is not a valid card,
     *                        LOAD_FAILED on other I/O errors
     */
    public static ModelCard read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(ModelException.Kind.NOT_FOUND, file + ": no model card");
        } catch (CharacterCodingException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses card text.
     *
     * @param source names the text in messages (usually the file path)
     * @throws ModelException MALFORMED_CARD naming {@code source} and the field
     */
    public static ModelCard parse(String json, String source) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw bad(source, "the card must be a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelException(ModelException.Kind.MALFORMED_CARD, source + ": not valid JSON: "
                    + Excerpt.message(e.getMessage()), e);
        }
        Reader r = new Reader(source);
        // fields are checked in the order they are written, so the first problem reported is the first in the file
        String name = r.string(o, "name", true);
        String version = r.string(o, "version", true);
        String description = r.string(o, "description", false);
        String task = r.string(o, "task", true);
        JsonObject sig = r.object(o, "signature", true);
        ModelSignature signature;
        try {
            signature = new ModelSignature(r.tensors(sig, "signature.inputs"), r.tensors(sig, "signature.outputs"));
        } catch (IllegalArgumentException e) {
            throw bad(source, "field 'signature': " + Excerpt.message(e.getMessage()));
        }
        JsonObject tr = r.object(o, "training", false);
        Training training = null;
        if (tr != null) {
            Map<String, String> params = new LinkedHashMap<>();
            JsonObject p = r.object(tr, "training.parameters", false);
            if (p != null) {
                for (var en : p.entrySet()) {
                    if (!en.getValue().isJsonPrimitive()) {
                        throw bad(source, "field 'training.parameters." + Excerpt.of(en.getKey())
                                + "' must be a string or number");
                    }
                    params.put(en.getKey(), en.getValue().getAsString());
                }
            }
            training = new Training(r.string(tr, "training.recipe", true), params, r.integer(tr, "training.seed"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonObject m = r.object(o, "metrics", false);
        if (m != null) {
            for (var en : m.entrySet()) {
                metrics.put(en.getKey(), r.number(en.getValue(), "metrics." + Excerpt.of(en.getKey())));
            }
        }
        return new ModelCard(name, version, description, task, signature,
                r.object(o, "normalisation", false), r.object(o, "config", false), training,
                r.string(o, "trainingDataDigest", false), metrics, r.string(o, "onnxSha256", true),
                r.string(o, "created", false), r.string(o, "framework", false));
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** The card as pretty-printed JSON, fields in a fixed order; null fields are omitted. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("version", version);
        o.addProperty("description", description);
        o.addProperty("task", task);
        JsonObject sig = new JsonObject();
        sig.add("inputs", tensorsJson(signature.inputs()));
        sig.add("outputs", tensorsJson(signature.outputs()));
        o.add("signature", sig);
        o.add("normalisation", normalisation.deepCopy());
        o.add("config", config.deepCopy());
        if (training != null) {
            JsonObject t = new JsonObject();
            t.addProperty("recipe", training.recipe());
            JsonObject p = new JsonObject();
            training.parameters().forEach(p::addProperty);
            t.add("parameters", p);
            t.addProperty("seed", training.seed());
            o.add("training", t);
        }
        if (trainingDataDigest != null) {
            o.addProperty("trainingDataDigest", trainingDataDigest);
        }
        JsonObject m = new JsonObject();
        metrics.forEach(m::addProperty);
        o.add("metrics", m);
        if (onnxSha256 != null) {
            o.addProperty("onnxSha256", onnxSha256);
        }
        if (created != null) {
            o.addProperty("created", created);
        }
        if (framework != null) {
            o.addProperty("framework", framework);
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonArray tensorsJson(List<TensorSpec> specs) {
        JsonArray a = new JsonArray();
        for (TensorSpec t : specs) {
            JsonObject j = new JsonObject();
            j.addProperty("name", t.name());
            j.addProperty("type", t.elementType());
            JsonArray s = new JsonArray();
            for (long d : t.shape()) {
                s.add(d);
            }
            j.add("shape", s);
            a.add(j);
        }
        return a;
    }

    private static void requireText(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("model card field '" + field + "' is required");
        }
    }

    private static ModelException bad(String source, String message) {
        return new ModelException(ModelException.Kind.MALFORMED_CARD, source + ": " + message);
    }

    /** Typed field access with messages naming the file and the dotted field path. */
    private record Reader(String source) {

        String string(JsonObject o, String path, boolean required) {
            JsonElement e = o.get(leaf(path));
            if (e == null || e.isJsonNull()) {
                if (required) {
                    throw bad(source, "missing required field '" + path + "'");
                }
                return null;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw bad(source, "field '" + path + "' must be a string");
            }
            String s = e.getAsString();
            if (required && s.isBlank()) {
                throw bad(source, "field '" + path + "' must not be empty");
            }
            return s;
        }

        JsonObject object(JsonObject o, String path, boolean required) {
            JsonElement e = o.get(leaf(path));
            if (e == null || e.isJsonNull()) {
                if (required) {
                    throw bad(source, "missing required field '" + path + "'");
                }
                return null;
            }
            if (!e.isJsonObject()) {
                throw bad(source, "field '" + path + "' must be a JSON object");
            }
            return e.getAsJsonObject();
        }

        long integer(JsonObject o, String path) {
            JsonElement e = o.get(leaf(path));
            if (e == null || e.isJsonNull()) {
                throw bad(source, "missing required field '" + path + "'");
            }
            double v = number(e, path);
            if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
                throw bad(source, "field '" + path + "' must be an integer");
            }
            return e.getAsLong();
        }

        double number(JsonElement e, String path) {
            if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
                throw bad(source, "field '" + path + "' must be a number");
            }
            return p.getAsDouble();
        }

        List<TensorSpec> tensors(JsonObject sig, String path) {
            JsonElement e = sig.get(leaf(path));
            if (e == null || e.isJsonNull()) {
                throw bad(source, "missing required field '" + path + "'");
            }
            if (!e.isJsonArray()) {
                throw bad(source, "field '" + path + "' must be an array");
            }
            List<TensorSpec> out = new ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                String at = path + "[" + i + "]";
                if (!a.get(i).isJsonObject()) {
                    throw bad(source, "field '" + at + "' must be a JSON object");
                }
                JsonObject t = a.get(i).getAsJsonObject();
                String name = string(t, at + ".name", true);
                String type = string(t, at + ".type", true);
                JsonElement s = t.get("shape");
                if (s == null || !s.isJsonArray()) {
                    throw bad(source, (s == null ? "missing required field '" : "field '") + at + ".shape'"
                            + (s == null ? "" : " must be an array of integers"));
                }
                long[] shape = new long[s.getAsJsonArray().size()];
                for (int k = 0; k < shape.length; k++) {
                    double d = number(s.getAsJsonArray().get(k), at + ".shape[" + k + "]");
                    if (d != Math.rint(d) || d < -1) {
                        throw bad(source, "field '" + at + ".shape[" + k + "]' must be an integer >= -1");
                    }
                    shape[k] = (long) d;
                }
                try {
                    out.add(new TensorSpec(name, type, shape));
                } catch (IllegalArgumentException ex) {
                    throw bad(source, "field '" + at + "': " + Excerpt.message(ex.getMessage()));
                }
            }
            return out;
        }

        private static String leaf(String path) {
            String p = path.substring(path.lastIndexOf('.') + 1);
            int b = p.indexOf('[');
            return b < 0 ? p : p.substring(0, b);
        }
    }

    /** Mutable builder for the optional fields. */
    public static final class Builder {
        private final String name;
        private final String version;
        private final String task;
        private final ModelSignature signature;
        private String description = "";
        private JsonObject normalisation;
        private JsonObject config;
        private Training training;
        private String trainingDataDigest;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private String onnxSha256;
        private String created;
        private String framework;

        private Builder(String name, String version, String task, ModelSignature signature) {
            this.name = name;
            this.version = version;
            this.task = task;
            this.signature = signature;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder normalisation(JsonObject v) {
            normalisation = v;
            return this;
        }

        public Builder config(JsonObject v) {
            config = v;
            return this;
        }

        public Builder training(String recipe, Map<String, String> parameters, long seed) {
            training = new Training(recipe, parameters, seed);
            return this;
        }

        public Builder trainingDataDigest(String sha256Hex) {
            trainingDataDigest = sha256Hex;
            return this;
        }

        public Builder metric(String key, double value) {
            metrics.put(key, value);
            return this;
        }

        public Builder onnxSha256(String v) {
            onnxSha256 = v;
            return this;
        }

        /** ISO-8601 creation time; leave unset (null) for byte-reproducible cards. */
        public Builder created(String iso) {
            created = iso;
            return this;
        }

        public Builder framework(String v) {
            framework = v;
            return this;
        }

        public ModelCard build() {
            return new ModelCard(name, version, description, task, signature, normalisation, config, training,
                    trainingDataDigest, metrics, onnxSha256, created, framework);
        }
    }
}
