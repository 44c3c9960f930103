package org.myoflow.core.lab;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A lab-wide installation's configuration: one properties file that the administrator keeps in the installation
 * ({@code <install>/}{@value #FILE_NAME}) or that {@code MYOFLOW_LAB} (or the system property
 * {@value #FILE_PROPERTY}) names. Keys, all optional:
 * <ul>
 * <li>{@code models}: the lab's shared model folder (the model registry's shared root);</li>
 * <li>{@code library}: the shared pipeline-template library (default {@code <install>/library});</li>
 * <li>{@code cache}: a shared result-cache folder (the default of {@code run --cache});</li>
 * <li>{@code djl.cache}: a lab folder for DJL's unpacked native library (default: per user);</li>
 * <li>{@code slurm.profile}: the default sbatch profile of cluster sweeps;</li>
 * <li>{@code name}: the lab's name, shown by {@code myoflow lab}.</li>
 * </ul>
 * Relative paths are relative to the file's folder; {@code ${install}} and {@code ${user.home}} are replaced by the
 * installation folder and the user's home. Unknown keys are an error (a misspelt key would otherwise be ignored
 * silently).
 *
 * @param install      the installation folder ({@code myoflow.home}), or null when unknown
 * @param file         the lab file read, or null when there is none
 * @param name         the lab's name, or null
 * @param models       the shared model folder, or null
 * @param library      the template library folder, or null
 * @param cache        the shared result-cache folder, or null
 * @param djlCache     the lab's DJL native-library folder, or null (each user has their own)
 * @param slurmProfile the default sbatch profile, or null
 * @since 0.3
 */
public record LabConfig(Path install, Path file, String name, Path models, Path library, Path cache, Path djlCache,
        Path slurmProfile) {

    /** File name of the lab configuration inside an installation. */
    public static final String FILE_NAME = "lab.properties";
    /** System property naming the lab file (wins over the environment). */
    public static final String FILE_PROPERTY = "myoflow.lab";
    /** Environment variable naming the lab file. */
    public static final String FILE_ENV = "MYOFLOW_LAB";
    /** Folder of the default template library inside an installation. */
    public static final String LIBRARY_FOLDER = "library";
    /** The keys a lab file may hold. */
    public static final List<String> KEYS = List.of("name", "models", "library", "cache", "djl.cache",
            "slurm.profile");

    /** A lab file that cannot be read or holds a bad entry; the message names the file and the key. */
    public static final class InvalidLabFile extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidLabFile(String message) {
            super(message);
        }
    }

    /**
     * The configuration of this process: the installation from the system property {@code myoflow.home} (the
     * {@code myoflow} script sets it), the lab file from {@value #FILE_PROPERTY}, {@code MYOFLOW_LAB} or the
     * installation's {@value #FILE_NAME}.
     *
     * @throws InvalidLabFile when a named lab file is missing, or a lab file cannot be read or holds a bad entry
     */
    public static LabConfig current() {
        String home = System.getProperty("myoflow.home");
        String named = firstNonBlank(System.getProperty(FILE_PROPERTY), System.getenv(FILE_ENV));
        return load(home == null || home.isBlank() ? null : Path.of(home), named == null ? null : Path.of(named));
    }

    /**
     * The configuration for an installation and an explicitly named lab file.
     *
     * @param install the installation folder, or null
     * @param named   the lab file named by the user (it must exist), or null for the installation's own, if any
     * @throws InvalidLabFile when {@code named} is missing, or the file cannot be read or holds a bad entry
     */
    public static LabConfig load(Path install, Path named) {
        Path file;
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new InvalidLabFile("the lab file " + named + " (" + FILE_ENV + " or -D" + FILE_PROPERTY
                        + ") does not exist");
            }
            file = named.toAbsolutePath().normalize();
        } else if (install != null && Files.isRegularFile(install.resolve(FILE_NAME))) {
            file = install.resolve(FILE_NAME).toAbsolutePath().normalize();
        } else {
            file = null;
        }
        Path defaultLibrary = install == null ? null : install.resolve(LIBRARY_FOLDER);
        if (file == null) {
            return new LabConfig(install, null, null, null, defaultLibrary, null, null, null);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidLabFile("cannot read the lab file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new InvalidLabFile("the lab file " + file + " has an unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS) + ")");
            }
            values.put(key, p.getProperty(key).trim());
        }
        Path base = file.getParent();
        Path library = path(file, base, install, values, "library");
        return new LabConfig(install, file, blankToNull(values.get("name")), path(file, base, install, values, "models"),
                library != null ? library : defaultLibrary, path(file, base, install, values, "cache"),
                path(file, base, install, values, "djl.cache"), path(file, base, install, values, "slurm.profile"));
    }

    /** The template library of this configuration (its folder need not exist). */
    public TemplateLibrary templateLibrary() {
        return new TemplateLibrary(library);
    }

    private static Path path(Path file, Path base, Path install, Map<String, String> values, String key) {
        String v = blankToNull(values.get(key));
        if (v == null) {
            return null;
        }
        if (v.contains("${install}")) {
            if (install == null) {
                throw new InvalidLabFile("the lab file " + file + ": " + key + " uses ${install}, but the installation"
                        + " folder is unknown (myoflow.home is not set)");
            }
            v = v.replace("${install}", install.toString());
        }
        v = v.replace("${user.home}", System.getProperty("user.home"));
        if (v.contains("${")) {
            throw new InvalidLabFile("the lab file " + file + ": " + key + " = '" + v
                    + "' uses an unknown variable (known: ${install}, ${user.home})");
        }
        try {
            return base.resolve(v).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidLabFile("the lab file " + file + ": " + key + " is not a valid path: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
