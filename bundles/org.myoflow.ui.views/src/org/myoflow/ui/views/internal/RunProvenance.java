package org.myoflow.ui.views.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The rows of a run folder's {@code run.json} (as written by {@code org.myoflow.report.RunFolder}): a run summary,
 * then one row per node with its step and version, bundle, parameters, seed, cache key, whether it came from the
 * cache, its duration, input files and outputs with their SHA-256. No SWT.
 */
public final class RunProvenance {

    private RunProvenance() {
    }

    /**
     * @param runFolder a folder holding run.json
     * @return the top rows: "Run" and "Nodes"
     * @throws IOException when run.json cannot be read, is not JSON, or is not a Myoflow run description
     */
    public static List<ProvenanceNode> read(Path runFolder) throws IOException {
        Path file = runFolder.resolve(Selections.RUN_JSON);
        if (!Files.isRegularFile(file)) {
            throw new IOException(runFolder + " is not a run folder: it has no run.json");
        }
        JsonObject run;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            run = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!"myoflow-run".equals(text(run, "format"))) {
            throw new IOException(file + " is not a Myoflow run description (format is '" + text(run, "format")
                    + "', expected 'myoflow-run')");
        }
        List<ProvenanceNode> roots = new ArrayList<>();
        ProvenanceNode summary = new ProvenanceNode("Run", text(run, "experiment") + " — " + text(run, "pipeline"));
        for (String[] f : new String[][] { { "experiment", "experiment" }, { "experiment file", "experimentFile" },
            { "experiment SHA-256", "experimentSha256" }, { "pipeline", "pipeline" },
            { "pipeline digest", "pipelineDigest" }, { "seed", "seed" }, { "threads", "threads" },
            { "started", "started" }, { "finished", "finished" }, { "duration (ms)", "durationMs" },
            { "platform", "platform" }, { "format version", "formatVersion" } }) {
            if (run.has(f[1])) {
                summary.add(f[0], text(run, f[1]));
            }
        }
        if (run.get("host") instanceof JsonObject host) {
            addTree(summary.add("host", text(host, "hostname")), host);
        }
        summary.add("folder", runFolder.toString());
        roots.add(summary);

        JsonArray nodes = run.get("nodes") instanceof JsonArray a ? a : new JsonArray();
        ProvenanceNode all = new ProvenanceNode("Nodes", nodes.size() + " node(s)");
        for (JsonElement ne : nodes) {
            if (!(ne instanceof JsonObject n)) {
                continue;
            }
            ProvenanceNode row = all.add(text(n, "id"), text(n, "step") + "@" + text(n, "stepVersion"));
            row.add("step", text(n, "step") + "@" + text(n, "stepVersion"));
            row.add("bundle", text(n, "bundle") + " " + text(n, "bundleVersion"));
            JsonObject params = n.get("parameters") instanceof JsonObject p ? p : new JsonObject();
            addTree(row.add("parameters", params.size() + ""), params);
            row.add("seed", text(n, "seed"));
            row.add("cache key", text(n, "cacheKey"));
            row.add("from cache", text(n, "fromCache"));
            row.add("duration (ms)", text(n, "durationMs"));
            JsonObject inputs = n.get("inputFiles") instanceof JsonObject i ? i : new JsonObject();
            ProvenanceNode in = row.add("input files", inputs.size() + "");
            for (Map.Entry<String, JsonElement> e : inputs.entrySet()) {
                in.add(e.getKey(), "sha256 " + scalar(e.getValue()));
            }
            if (n.get("models") instanceof JsonObject models && !models.isEmpty()) {
                ProvenanceNode ms = row.add("models", models.size() + "");
                for (Map.Entry<String, JsonElement> e : models.entrySet()) {
                    if (e.getValue() instanceof JsonObject m) {
                        ProvenanceNode model = ms.add(e.getKey(), text(m, "path"));
                        model.add("sha256", text(m, "sha256"));
                        model.add("origin", text(m, "origin"));
                    }
                }
            }
            JsonObject outputs = n.get("outputs") instanceof JsonObject o ? o : new JsonObject();
            ProvenanceNode out = row.add("outputs", outputs.size() + "");
            for (Map.Entry<String, JsonElement> e : outputs.entrySet()) {
                if (e.getValue() instanceof JsonObject o) {
                    ProvenanceNode port = out.add(e.getKey(), text(o, "file") + " (" + text(o, "type") + ")");
                    port.add("sha256", text(o, "sha256"));
                    port.add("data digest", text(o, "dataDigest"));
                    port.add("sidecar", text(o, "sidecar"));
                } else {
                    out.add(e.getKey(), scalar(e.getValue()));
                }
            }
        }
        roots.add(all);
        if (run.get("files") instanceof JsonObject files) {
            // the SHA-256 of every file of the folder (run.json format 2; ./myoflow verify checks them)
            ProvenanceNode fr = new ProvenanceNode("Files", files.size() + " file(s)");
            for (Map.Entry<String, JsonElement> e : files.entrySet()) {
                fr.add(e.getKey(), "sha256 " + scalar(e.getValue()));
            }
            roots.add(fr);
        }
        return roots;
    }

    /** Adds the members of a JSON object below a row, nested objects and arrays as subtrees. */
    private static void addTree(ProvenanceNode parent, JsonObject o) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            addElement(parent, e.getKey(), e.getValue());
        }
    }

    private static void addElement(ProvenanceNode parent, String name, JsonElement v) {
        if (v instanceof JsonObject o) {
            addTree(parent.add(name, "{" + o.size() + "}"), o);
        } else if (v instanceof JsonArray a && a.asList().stream().anyMatch(x -> !x.isJsonPrimitive())) {
            ProvenanceNode n = parent.add(name, "[" + a.size() + "]");
            for (int i = 0; i < a.size(); i++) {
                addElement(n, "[" + i + "]", a.get(i));
            }
        } else {
            parent.add(name, scalar(v));
        }
    }

    /** A scalar or an array of scalars as text; strings without quotes. */
    private static String scalar(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "";
        }
        if (v.isJsonPrimitive()) {
            return v.getAsString();
        }
        return v.toString();
    }

    private static String text(JsonObject o, String key) {
        return scalar(o.get(key));
    }
}
