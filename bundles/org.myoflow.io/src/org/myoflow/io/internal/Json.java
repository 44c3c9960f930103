package org.myoflow.io.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Deterministic JSON for sidecars: objects are written with keys in sorted order whatever map type the caller
 * used, pretty-printed with two-space indentation and '\n' line ends, so equal metadata always gives
 * byte-identical files (result caching and provenance compare digests of them).
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Json() {
    }

    /** The pretty, key-sorted JSON text of a map of JSON-compatible values, ending with a newline. */
    public static String pretty(Map<String, ?> map) {
        return GSON.toJson(tree(map, "")) + "\n";
    }

    /**
     * Parses a JSON object into plain Java values: maps (insertion order), lists, String, Boolean, Long for
     * integral numbers, Double otherwise, null.
     */
    public static Map<String, Object> parseObject(String file, String text) {
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (JsonParseException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            throw new DataException(file + ": not valid JSON: " + Excerpt.message(cause.getMessage()), ex);
        }
        if (!e.isJsonObject()) {
            throw new DataException(file + ": expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(e);
        return map;
    }

    private static JsonElement tree(Object v, String path) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            JsonObject o = new JsonObject();
            sorted.forEach((k, x) -> o.add(k, tree(x, path.isEmpty() ? k : path + "." + k)));
            return o;
        }
        if (v instanceof Iterable<?> it) {
            JsonArray a = new JsonArray();
            int i = 0;
            for (Object x : it) {
                a.add(tree(x, path + "[" + i++ + "]"));
            }
            return a;
        }
        if (v.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                a.add(tree(Array.get(v, i), path + "[" + i + "]"));
            }
            return a;
        }
        if (v instanceof Number n) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("metadata " + path + " = " + n + " is not valid JSON");
            }
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Enum<?> en) {
            return new JsonPrimitive(en.name());
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    private static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                m.put(x.getKey(), plain(x.getValue()));
            }
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                l.add(plain(x));
            }
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String s = p.getAsString();
            if (s.matches("-?\\d{1,18}")) {
                return Long.parseLong(s);
            }
            return p.getAsDouble();
        }
        return p.getAsString();
    }
}
