package org.myoflow.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Equinox p2 director of a Myoflow product ({@code org.eclipse.equinox.p2.director.app} and the p2 bundles are
 * part of the headless feature), run in a separate JVM against the product's own p2 profile (the one Tycho's product
 * materialisation wrote under {@code p2/}). The director installs the unit's bundles into {@code plugins/} and
 * rewrites {@code configuration/org.eclipse.equinox.simpleconfigurator/bundles.info}; each user's configuration area
 * cascades onto the installation's {@code configuration/}, so the simple configurator of every user's next start
 * installs the new bundles.
 *
 * <p>The director's own configuration area is a temporary folder cascaded onto the installation's
 * {@code configuration/}, so that it writes nothing into the installation but what p2 manages (plug-ins, profile,
 * {@code bundles.info}, {@code config.ini}).
 */
final class P2Director {

    /** The director's output and exit status. */
    record Result(int exitCode, List<String> lines) {
    }

    private final Path product;
    private final Path launcher;
    private final String profile;

    private P2Director(Path product, Path launcher, String profile) {
        this.product = product;
        this.launcher = launcher;
        this.profile = profile;
    }

    /** The product folder the director installs into. */
    Path product() {
        return product;
    }

    /** The p2 profile it changes. */
    String profile() {
        return profile;
    }

    /**
     * The director of the running product: {@code install} when it holds the product ({@code plugins/},
     * {@code configuration/config.ini}), otherwise, in a source checkout, Equinox's install area (the product built
     * under {@code releng/}). Null
     * when the product lacks the director application, the launcher or its p2 profile.
     */
    static P2Director find(Path install) {
        Path product = install;
        if (!Files.isRegularFile(product.resolve("configuration/config.ini"))) {
            // a source checkout: the product the launcher built under releng/, where Equinox runs from
            String area = System.getProperty("osgi.install.area");
            if (area == null || !Files.isDirectory(install.resolve("releng/org.myoflow.product"))) {
                return null;
            }
            try {
                product = Path.of(URI.create(area.replace(" ", "%20"))).toAbsolutePath().normalize();
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!product.startsWith(install)) {
                return null;
            }
        }
        Properties config = new Properties();
        try (Reader r = Files.newBufferedReader(product.resolve("configuration/config.ini"),
                StandardCharsets.ISO_8859_1)) {
            config.load(r);
        } catch (IOException e) {
            return null;
        }
        String profile = config.getProperty("eclipse.p2.profile");
        Path launcher = newest(product.resolve("plugins"), "org.eclipse.equinox.launcher_");
        if (profile == null || launcher == null
                || newest(product.resolve("plugins"), "org.eclipse.equinox.p2.director.app_") == null
                || !Files.isDirectory(product.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/"
                        + profile + ".profile"))) {
            return null;
        }
        return new P2Director(product, launcher, profile);
    }

    /**
     * Installs {@code unit} ({@code ID/VERSION}) from {@code repo} (a folder, a zip file or a URL) and returns the
     * director's exit status and its output lines (the framework's logging chatter left out).
     */
    Result install(String repo, String unit) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("myoflow-p2-director");
        try {
            String java = ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                    "-Dosgi.sharedConfiguration.area=" + product.resolve("configuration").toUri(),
                    "-Dosgi.configuration.cascaded=true",
                    "-jar", launcher.toString(),
                    "-configuration", tmp.resolve("configuration").toUri().toString(),
                    "-nosplash", "-application", "org.eclipse.equinox.p2.director",
                    "-repository", repositoryUri(repo),
                    "-installIU", unit,
                    "-destination", product.toString(),
                    "-profile", profile,
                    "-p2.os", "linux", "-p2.ws", "gtk", "-p2.arch", System.getProperty("os.arch", "x86_64")
                            .replace("amd64", "x86_64")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            List<String> lines = new ArrayList<>();
            try (InputStream in = p.getInputStream();
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (!noise(l)) {
                        lines.add(l);
                    }
                }
            }
            int rc = p.waitFor();
            return new Result(rc, lines);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The director's -repository argument: URLs as they are, a folder or a zip file as a file: (jar:) URI. */
    static String repositoryUri(String repo) {
        String lower = repo.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:") || lower.startsWith("http:") || lower.startsWith("https:")
                || lower.startsWith("jar:")) {
            return repo;
        }
        Path p = Path.of(repo).toAbsolutePath().normalize();
        if (Files.isRegularFile(p) && lower.endsWith(".zip")) {
            return "jar:" + p.toUri() + "!/";
        }
        return p.toUri().toString();
    }

    /** Log lines of the framework's libraries (SPI Fly, SLF4J), not the director's. */
    private static boolean noise(String l) {
        return l.isBlank() || l.contains("org.apache.aries.spifly") || l.startsWith("INFO: Registered provider")
                || l.startsWith("SLF4J");
    }

    private static Path newest(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).max(Comparator.naturalOrder()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
