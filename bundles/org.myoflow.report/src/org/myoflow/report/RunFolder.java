package org.myoflow.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.Digests;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunResult;
import org.myoflow.io.ResultFiles;
import org.myoflow.report.internal.HtmlReport;

import com.google.gson.GsonBuilder;

/**
 * Writes a run folder: one {@code <node>.<port>.npy} + {@code .json} sidecar per output port, {@code run.json}
 * (provenance) and {@code report.html} with a plot per output. Result files of the same run and seed are
 * byte-identical from run to run; run.json holds the times and host, so it differs. run.json is written last and
 * lists the SHA-256 of every other file in the folder ({@code files}), so a reader can check that the folder is
 * complete and unaltered (the layout is documented in docs/run-folder.md). To publish a folder atomically, write it
 * into a temporary folder and rename that into place ({@code org.myoflow.run.RunService} does).
 *
 * @since 0.1
 */
public final class RunFolder {

    /** Version of the run.json layout (2: adds {@code files}, the SHA-256 of every other file of the folder). */
    public static final int FORMAT_VERSION = 2;

    /** Name of the provenance file; it is written last, so a folder holding it is complete. */
    public static final String RUN_JSON = "run.json";

    private RunFolder() {
    }

    /**
     * @param result         the run
     * @param outDir         the folder to write (created; existing result files are replaced)
     * @param experimentFile the experiment file that was run (hashed into run.json), or null for an embedded one
     * @param platform       name and version of the running platform, e.g. "org.myoflow.cli 0.1.0"
     * @return the path of run.json
     */
    public static Path write(RunResult result, Path outDir, Path experimentFile, String platform) throws IOException {
        Files.createDirectories(outDir);
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<HtmlReport.Item> items = new ArrayList<>();
        for (NodeResult n : result.nodes()) {
            Map<String, Object> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, Data> e : new TreeMap<>(n.outputs()).entrySet()) {
                String base = n.nodeId() + "." + e.getKey();
                Path npy = outDir.resolve(base + ".npy");
                ResultFiles.Written w = ResultFiles.write(e.getValue(), npy);
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", base + ".npy");
                o.put("sidecar", base + ".json");
                o.put("type", e.getValue().type().id());
                o.put("sha256", w.sha256());
                o.put("dataDigest", e.getValue().digest());
                outputs.put(e.getKey(), o);
                items.add(new HtmlReport.Item(n.nodeId(), e.getKey(), e.getValue(), base));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.nodeId());
            m.put("step", n.stepId());
            m.put("stepVersion", n.stepVersion());
            m.put("bundle", n.bundleName());
            m.put("bundleVersion", n.bundleVersion());
            m.put("parameters", n.parameters());
            m.put("seed", n.seed());
            m.put("cacheKey", n.cacheKey());
            m.put("fromCache", n.fromCache());
            m.put("durationMs", n.durationMs());
            m.put("inputFiles", n.inputFiles());
            m.put("models", models(n));
            m.put("outputs", outputs);
            nodes.add(m);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("format", "myoflow-run");
        run.put("formatVersion", FORMAT_VERSION);
        run.put("platform", platform);
        run.put("experiment", result.experimentName());
        if (experimentFile != null) {
            run.put("experimentFile", experimentFile.toAbsolutePath().normalize().toString());
            run.put("experimentSha256", Digests.sha256(experimentFile));
        } else {
            run.put("experimentFile", "(embedded demo)");
        }
        run.put("pipeline", result.pipelineName());
        run.put("pipelineDigest", result.pipelineDigest());
        run.put("seed", result.seed());
        run.put("threads", result.threads());
        run.put("started", result.started().toString());
        run.put("finished", result.finished().toString());
        run.put("durationMs", result.finished().toEpochMilli() - result.started().toEpochMilli());
        run.put("host", host());
        run.put("nodes", nodes);
        HtmlReport.write(result, items, outDir);
        // last: the checksums of everything written above, then run.json itself
        run.put("files", fileDigests(outDir));
        Path runJson = outDir.resolve(RUN_JSON);
        Files.writeString(runJson, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(run) + "\n", StandardCharsets.UTF_8);
        return runJson;
    }

    /** SHA-256 of every regular file of the folder (sub-folders included, '/'-separated) except run.json, sorted. */
    public static Map<String, String> fileDigests(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> all;
        try (var walk = Files.walk(dir)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : all) {
            String rel = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
            if (!rel.equals(RUN_JSON)) {
                files.put(rel, Digests.sha256(f));
            }
        }
        return files;
    }

    /** The model files a node used: {@code {"name": {"sha256", "path", "origin"}}} (empty for most steps). */
    static Map<String, Object> models(NodeResult n) {
        Map<String, Object> out = new TreeMap<>();
        n.models().forEach((name, f) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sha256", f.sha256());
            o.put("path", f.file().toAbsolutePath().normalize().toString());
            o.put("origin", f.origin());
            out.put(name, o);
        });
        return out;
    }

    private static Map<String, Object> host() {
        Map<String, Object> h = new LinkedHashMap<>();
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "unknown";
        }
        h.put("hostname", name);
        h.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        h.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        h.put("cpus", Runtime.getRuntime().availableProcessors());
        h.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return h;
    }
}
