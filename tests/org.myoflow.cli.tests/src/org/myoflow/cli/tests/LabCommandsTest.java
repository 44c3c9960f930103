package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;

/**
 * The lab-installation commands (issue 18): {@code lab}, {@code library}, {@code library copy} and
 * {@code admin install} from a p2 repository laid out as Tycho writes one (content.jar, artifacts.jar with mapping
 * rules and SHA-256 checksums, plugins/).
 */
class LabCommandsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String savedHome;
    private Path install;

    @BeforeEach
    void install() throws IOException {
        savedHome = System.getProperty("myoflow.home");
        install = Files.createDirectories(tmp.resolve("install"));
        Files.createDirectories(install.resolve("plugins"));
        Files.createFile(install.resolve("plugins/org.myoflow.core_0.1.0.v1.jar"));
        Path lib = Files.createDirectories(install.resolve("library/with-data/data"));
        Files.writeString(lib.getParent().resolve("with-data.myoflow"),
                "<myoflow:Experiment name=\"w\" description=\"Reads a ramp. Then more.\"/>");
        Files.writeString(lib.resolve("ramp.sto"), "ramp\n");
        Files.writeString(install.resolve("library/single.myoflow"),
                "<myoflow:Experiment name=\"s\" description=\"One file &amp; no data.\"/>");
        System.setProperty("myoflow.home", install.toString());
    }

    @AfterEach
    void restore() {
        if (savedHome == null) {
            System.clearProperty("myoflow.home");
        } else {
            System.setProperty("myoflow.home", savedHome);
        }
        System.clearProperty("myoflow.lab");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void libraryListsAndCopiesTemplates() throws IOException {
        assertEquals(ExitCodes.OK, run("library"));
        assertTrue(out().contains("single") && out().contains("One file & no data."), out());
        assertTrue(out().contains("with-data") && out().contains("Reads a ramp.") && !out().contains("Then more"),
                out());
        assertEquals(ExitCodes.OK, run("library", "--json"));
        assertTrue(out().contains("\"name\": \"with-data\"") && out().contains("\"description\": \"Reads a ramp. Then more.\""),
                out());

        Path dir = tmp.resolve("mine");
        assertEquals(ExitCodes.OK, run("library", "copy", "with-data", dir.toString()));
        assertEquals("ramp\n", Files.readString(dir.resolve("data/ramp.sto")));
        assertTrue(Files.isRegularFile(dir.resolve("with-data.myoflow")));
        assertEquals(ExitCodes.INVALID, run("library", "copy", "with-data", dir.toString()));
        assertTrue(err().contains("nothing is overwritten"), err());
        assertEquals(ExitCodes.INVALID, run("library", "copy", "nope", dir.toString()));
        assertTrue(err().contains("no template 'nope'") && err().contains("single, with-data"), err());
        assertEquals(ExitCodes.INVALID, run("library", "copy", "single"));
    }

    @Test
    void labShowsWhereThingsResolveAndALabFileMovesTheLibrary() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("lab-templates"));
        Files.writeString(other.resolve("x.myoflow"), "<e description=\"X\"/>");
        Files.writeString(install.resolve("lab.properties"), "name = Test Lab\nlibrary = ../lab-templates\n"
                + "models = /srv/models\ncache = /srv/cache\nslurm.profile = /srv/slurm.profile\n"
                + "djl.cache = ${install}/djl\n");
        assertEquals(ExitCodes.OK, run("lab", "--json"));
        String j = out();
        assertTrue(j.contains("\"labName\": \"Test Lab\""), j);
        assertTrue(j.contains("\"library\": \"" + other + "\""), j);
        assertTrue(j.contains("\"shared\": \"/srv/models\""), j);
        assertTrue(j.contains("\"slurmProfile\": \"/srv/slurm.profile\""), j);
        if (System.getenv("MYOFLOW_CACHE") == null) {
            assertTrue(j.contains("\"cache\": \"/srv/cache\""), j);
        }
        if (System.getProperty("myoflow.djl.cache") == null && System.getenv("MYOFLOW_DJL_CACHE") == null
                && System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            assertTrue(j.contains("\"djlCache\": \"" + install.resolve("djl") + "\""), j);
        }
        assertTrue(j.contains(install.resolve("extensions").toString()), j);
        assertEquals(ExitCodes.OK, run("library"));
        assertTrue(out().contains("x") && !out().contains("with-data"), out());

        Files.writeString(install.resolve("lab.properties"), "librari = x\n");
        assertEquals(ExitCodes.INVALID, run("lab"));
        assertTrue(err().contains("unknown key 'librari'"), err());
        System.setProperty("myoflow.lab", tmp.resolve("missing.properties").toString());
        assertEquals(ExitCodes.INVALID, run("library"));
        assertTrue(err().contains("missing.properties") && err().contains("does not exist"), err());
    }

    // --- admin install -------------------------------------------------------------------------------------

    private static byte[] bundle(String bsn, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", bsn + ";singleton:=true");
        m.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(b, m)) {
            j.putNextEntry(new ZipEntry("readme.txt"));
            j.write(bsn.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private static void jarOf(Path jar, String entry, String xml) throws IOException {
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String unit(String id, String version, boolean bundle, String requires) {
        return "    <unit id='" + id + "' version='" + version + "'>\n"
                + "      <properties size='1'><property name='org.eclipse.equinox.p2.name' value='" + id + "'/></properties>\n"
                + "      <requires size='2'>\n" + requires
                + "        <required namespace='java.package' name='org.myoflow.core.spi' range='[0.3.0,1.0.0)'/>\n"
                + "      </requires>\n"
                + (bundle ? "      <artifacts size='1'><artifact classifier='osgi.bundle' id='" + id + "' version='"
                        + version + "'/></artifacts>\n" : "")
                + "    </unit>\n";
    }

    /** A repository with bundle a (1.0.0 and 1.1.0), a feature needing a and core, and a lying artifact for bad. */
    private Path repository(boolean tamper) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("plugins"));
        StringBuilder arts = new StringBuilder();
        for (String[] b : new String[][] { { "org.example.a", "1.0.0.v1" }, { "org.example.a", "1.1.0.v2" },
            { "org.example.bad", "1.0.0" } }) {
            byte[] jar = bundle(b[0], b[1]);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
            Files.write(repo.resolve("plugins/" + b[0] + "_" + b[1] + ".jar"),
                    b[0].endsWith("bad") || tamper ? bundle(b[0], "9.9.9") : jar);
            arts.append("    <artifact classifier='osgi.bundle' id='").append(b[0]).append("' version='").append(b[1])
                    .append("'>\n      <properties size='2'><property name='download.size' value='").append(jar.length)
                    .append("'/><property name='download.checksum.sha-256' value='").append(sha)
                    .append("'/></properties>\n    </artifact>\n");
        }
        jarOf(repo.resolve("artifacts.jar"), "artifacts.xml", "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<?artifactRepository version='1.1.0'?>\n<repository name='t' type='simple' version='1'>\n"
                + "  <mappings size='3'>\n"
                + "    <rule filter='(&amp; (classifier=osgi.bundle) (format=packed))' output='${repoUrl}/plugins/${id}_${version}.jar.pack.gz'/>\n"
                + "    <rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/>\n"
                + "    <rule filter='(&amp; (classifier=org.eclipse.update.feature))' output='${repoUrl}/features/${id}_${version}.jar'/>\n"
                + "  </mappings>\n  <artifacts size='3'>\n" + arts + "  </artifacts>\n</repository>\n");
        jarOf(repo.resolve("content.jar"), "content.xml", "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<?metadataRepository version='1.2.0'?>\n<repository name='t' type='simple' version='1'>\n"
                + "  <units size='5'>\n"
                + unit("org.example.a", "1.0.0.v1", true, "")
                + unit("org.example.a", "1.1.0.v2", true, "")
                + unit("org.example.bad", "1.0.0", true, "")
                + unit("org.example.feature.group", "1.0.0", false,
                        "        <required namespace='org.eclipse.equinox.p2.iu' name='org.example.a' range='[1.0.0.v1,1.0.0.v1]'/>\n"
                                + "        <required namespace='org.eclipse.equinox.p2.iu' name='org.myoflow.core' range='0.0.0'/>\n"
                                + "        <required namespace='org.eclipse.equinox.p2.iu' name='org.example.a.source' range='0.0.0' optional='true'/>\n")
                + unit("org.example.a.source", "1.0.0", true, "")
                + "  </units>\n</repository>\n");
        return repo;
    }

    private List<String> extensions() throws IOException {
        Path ext = install.resolve("extensions");
        if (!Files.isDirectory(ext)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(ext)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void adminInstallPlacesTheNewestBundleVerifiedAndReplacesOlderOnes() throws Exception {
        Path repo = repository(false);
        assertEquals(ExitCodes.OK, run("admin", "install", repo.toString(), "org.example.a", "--dry-run"));
        assertTrue(out().contains("would install org.example.a 1.1.0.v2"), out());
        assertEquals(List.of(), extensions(), "a dry run changes nothing");

        assertEquals(ExitCodes.OK, run("admin", "install", repo.toUri().toString(), "org.example.a/1.0.0.v1"));
        assertEquals(List.of("org.example.a_1.0.0.v1.jar"), extensions());
        assertEquals(ExitCodes.OK, run("admin", "install", repo.toString(), "org.example.a"));
        assertEquals(List.of("org.example.a_1.1.0.v2.jar"), extensions(), "the older version leaves");
        assertTrue(out().contains("every user's next myoflow command loads it"), out());
    }

    @Test
    void aFeatureGroupInstallsItsBundlesButNotThePlatformsNorOptionalOnes() throws Exception {
        Path repo = repository(false);
        // a zipped copy of the repository, with a top folder
        Path zip = tmp.resolve("repo.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o);
                Stream<Path> s = Files.walk(repo)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry("site/" + repo.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
            }
        }
        assertEquals(ExitCodes.OK, run("admin", "install", zip.toString(), "org.example.feature.group"));
        assertEquals(List.of("org.example.a_1.0.0.v1.jar"), extensions(), out() + err());
    }

    @Test
    void adminInstallErrors() throws Exception {
        Path repo = repository(false);
        assertEquals(ExitCodes.INVALID, run("admin", "install", repo.toString(), "org.example.nope"));
        assertTrue(err().contains("no unit 'org.example.nope'") && err().contains("org.example.a 1.1.0.v2"), err());
        assertEquals(ExitCodes.BAD_DATA, run("admin", "install", tmp.resolve("nothing").toString(), "x"));
        assertTrue(err().contains("does not exist"), err());
        assertEquals(ExitCodes.BAD_DATA, run("admin", "install", install.toString(), "x"));
        assertTrue(err().contains("no p2 repository"), err());
        assertEquals(ExitCodes.BAD_DATA, run("admin", "install", repo.toString(), "org.example.bad"));
        assertTrue(err().contains("SHA-256"), err());
        assertEquals(List.of(), extensions(), "a rejected download leaves nothing, not even a partial file");
        assertEquals(ExitCodes.INVALID, run("admin", "install", repo.toString(), "org.example.a/x.y"));
        assertEquals(ExitCodes.INVALID, run("admin", "install", repo.toString()));
    }

    @Test
    void aReadOnlyInstallIsRefused() throws Exception {
        Path repo = repository(false);
        if (!install.toFile().setWritable(false, false) || Files.isWritable(install)) {
            // running as root: every folder is writable; the CI check (tests/lab/run.sh) covers a real user
            install.toFile().setWritable(true);
            return;
        }
        try {
            assertEquals(ExitCodes.INVALID, run("admin", "install", repo.toString(), "org.example.a"));
            assertTrue(err().contains("the install is read-only for you; run as the administrator"), err());
            assertEquals(ExitCodes.OK, run("admin", "install", repo.toString(), "org.example.a", "--dry-run"));
            assertTrue(out().contains("read-only for you"), out());
        } finally {
            install.toFile().setWritable(true);
        }
        assertFalse(Files.exists(install.resolve("extensions")));
    }
}
