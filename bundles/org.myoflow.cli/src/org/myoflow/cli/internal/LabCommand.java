package org.myoflow.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.myoflow.core.lab.LabConfig;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.ModelRegistry;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow lab [--json]}: where everything resolves for this user: the installation (and whether the user can
 * change it), the user's OSGi configuration area and the installation's shared one, the lab file, the model folders,
 * the template library, the result cache, DJL's native-library cache, the default SLURM profile and the extension
 * folders.
 */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Show where this installation's shared and private folders resolve for you: installation, "
                + "configuration areas, lab file, models, template library, caches, SLURM profile, extensions.")
final class LabCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Print the locations as JSON.")
    boolean json;

    /** The lab file's shared result cache (the default of {@code run --cache}), or null; a bad lab file gives null. */
    static Path labCache() {
        try {
            return LabConfig.current().cache();
        } catch (LabConfig.InvalidLabFile e) {
            return null;
        }
    }

    /** Whether the installation folder can be changed by this user (it and its extensions folder writable). */
    static boolean writable(Path install) {
        if (install == null || !Files.isDirectory(install) || !Files.isWritable(install)) {
            return false;
        }
        Path ext = install.resolve(AdminCommand.EXTENSIONS_FOLDER);
        return !Files.exists(ext) || Files.isWritable(ext);
    }

    @Override
    public Integer call() {
        LabConfig lab;
        try {
            lab = LabConfig.current();
        } catch (LabConfig.InvalidLabFile e) {
            cli.err.println("myoflow: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("install", str(lab.install()));
        m.put("installWritable", writable(lab.install()));
        m.put("configurationArea", area("osgi.configuration.area"));
        m.put("sharedConfigurationArea", area("osgi.sharedConfiguration.area"));
        m.put("labFile", str(lab.file()));
        m.put("labName", lab.name());
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("user", str(ModelRegistry.userFolder()));
        models.put("shared", str(ModelRegistry.sharedFolder()));
        models.put("installation", str(ModelRegistry.installationFolder()));
        m.put("models", models);
        m.put("library", str(lab.library()));
        m.put("templates", lab.templateLibrary().list().size());
        String envCache = System.getenv("MYOFLOW_CACHE");
        m.put("cache", envCache != null && !envCache.isBlank() ? envCache : str(lab.cache()));
        m.put("djlCache", str(DjlRuntime.cacheDir()));
        m.put("slurmProfile", str(lab.slurmProfile()));
        List<String> ext = new ArrayList<>();
        for (Path p : MyoflowApplication.extensionFolders()) {
            ext.add(p.toString());
        }
        m.put("extensions", ext);
        if (json) {
            cli.out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(m));
            return ExitCodes.OK;
        }
        row("installation", or(m.get("install"), "unknown (myoflow.home is not set)")
                + (lab.install() == null ? "" : writable(lab.install()) ? "  (you can change it)" : "  (read-only for you)"));
        row("configuration", or(m.get("configurationArea"), "-")
                + (m.get("sharedConfigurationArea") == null ? "" : "  (yours)"));
        row("shared config", or(m.get("sharedConfigurationArea"), "none"));
        row("lab file", lab.file() == null ? "none (" + LabConfig.FILE_ENV + " or <install>/" + LabConfig.FILE_NAME
                + ")" : lab.file() + (lab.name() == null ? "" : "  (" + lab.name() + ")"));
        row("models, yours", models.get("user"));
        row("models, shared", or(models.get("shared"), "none"));
        row("models, install", or(models.get("installation"), "none"));
        row("library", or(m.get("library"), "none") + "  (" + m.get("templates") + " templates)");
        row("result cache", or(m.get("cache"), "none (per run: --cache DIR)"));
        row("DJL cache", m.get("djlCache"));
        row("SLURM profile", or(m.get("slurmProfile"), "none"));
        for (int i = 0; i < ext.size(); i++) {
            row(i == 0 ? "extensions" : "", ext.get(i));
        }
        return ExitCodes.OK;
    }

    private void row(String key, Object value) {
        cli.out.printf("%-17s %s%n", key, value);
    }

    private static Object or(Object v, String fallback) {
        return v == null ? fallback : v;
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }

    /** An OSGi location property as a path (file: URLs decoded), or null. */
    private static String area(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.startsWith("file:")) {
            try {
                return Path.of(new java.net.URI(v.replace(" ", "%20"))).toString();
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return v.substring("file:".length());
            }
        }
        return v;
    }
}
