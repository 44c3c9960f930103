package org.myoflow.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.tests.fixture.SleepyActivator;
import org.myoflow.cli.tests.fixture.ThrowingActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Extension bundles start within a time limit; plain jars and failing activators are reported (issue 19). The
 * bundles are packed here from the fixture activators and installed into the test's framework.
 */
class ExtensionStartupTest {

    @TempDir
    Path dir;

    private static final Duration GUARD = Duration.ofSeconds(60);

    /** A jar with the manifest's main attributes and the classes, copied from this fragment. */
    private Path jar(String name, String[][] headers, Class<?>... classes) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (String[] h : headers) {
            m.getMainAttributes().putValue(h[0], h[1]);
        }
        Path f = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(f); JarOutputStream j = new JarOutputStream(os, m)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
        return f;
    }

    private static String[][] bundleHeaders(String bsn, Class<?> activator) {
        return new String[][] { { "Bundle-ManifestVersion", "2" }, { "Bundle-SymbolicName", bsn },
            { "Bundle-Version", "3.1.4" }, { "Bundle-Activator", activator.getName() },
            { "Import-Package", "org.osgi.framework" } };
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(ExtensionStartup.class).getBundleContext();
    }

    @Test
    void aPlainJarIsNotABundle() throws Exception {
        Path plain = jar("plain.jar", new String[0][], SleepyActivator.class);
        assertEquals("not an OSGi bundle: no Bundle-SymbolicName in its META-INF/MANIFEST.MF",
                ExtensionStartup.notABundle(plain));
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        assertTrue(ExtensionStartup.notABundle(text).startsWith("not a readable jar: "));
        assertNull(ExtensionStartup.notABundle(jar("b.jar", bundleHeaders("org.example.b", SleepyActivator.class),
                SleepyActivator.class)));
    }

    @Test
    void causesAreListedToTheRoot() {
        Exception e = new Exception("outer", new IllegalStateException("middle", new IOException("root cause")));
        String nl = System.lineSeparator();
        assertEquals("outer" + nl + "    caused by java.lang.IllegalStateException: middle" + nl
                + "    caused by java.io.IOException: root cause", ExtensionStartup.causes(e));
    }

    @Test
    void theTimeLimitComesFromThePropertyAndBadValuesAreWarnings() {
        List<String> warnings = new ArrayList<>();
        String old = System.getProperty(ExtensionStartup.TIMEOUT_PROPERTY);
        try {
            System.setProperty(ExtensionStartup.TIMEOUT_PROPERTY, "750ms");
            assertEquals(Duration.ofMillis(750), ExtensionStartup.timeout(warnings));
            System.setProperty(ExtensionStartup.TIMEOUT_PROPERTY, "never");
            assertEquals(Duration.ofSeconds(ExtensionStartup.DEFAULT_TIMEOUT_S), ExtensionStartup.timeout(warnings));
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("-Dmyoflow.extensionTimeout must be a positive duration"),
                    warnings.get(0));
        } finally {
            if (old == null) {
                System.clearProperty(ExtensionStartup.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(ExtensionStartup.TIMEOUT_PROPERTY, old);
            }
        }
    }

    @Test
    void aThrowingActivatorIsReportedWithItsCauses() throws Exception {
        Path f = jar("throwing.jar", bundleHeaders("org.example.throwing", ThrowingActivator.class),
                ThrowingActivator.class);
        Bundle b = context().installBundle("test:" + f, Files.newInputStream(f));
        try {
            ExtensionStartup.Outcome o = assertTimeoutPreemptively(GUARD,
                    () -> ExtensionStartup.start(context(), b, f, Duration.ofSeconds(20)));
            assertFalse(o.abandoned());
            String p = o.problem();
            assertTrue(p.startsWith("extension bundle org.example.throwing 3.1.4 (" + f + ") did not start: "), p);
            assertTrue(p.contains("caused by java.lang.IllegalStateException: plug-in settings unreadable"), p);
            assertTrue(p.contains("caused by java.nio.file.NoSuchFileException: /nowhere/plugin.properties"), p);
        } finally {
            b.uninstall();
        }
    }

    @Test
    void aSlowActivatorIsStoppedAfterTheLimitAndReportedWithWhereItWas() throws Exception {
        Path f = jar("sleepy.jar", bundleHeaders("org.example.sleepy", SleepyActivator.class),
                SleepyActivator.class);
        Bundle b = context().installBundle("test:" + f, Files.newInputStream(f));
        try {
            ExtensionStartup.Outcome o = assertTimeoutPreemptively(GUARD,
                    () -> ExtensionStartup.start(context(), b, f, Duration.ofMillis(500)));
            assertFalse(o.abandoned(), "an interrupt ends its start: it is stopped, not abandoned");
            String p = o.problem();
            assertTrue(p.startsWith("extension bundle org.example.sleepy 3.1.4 (" + f + ") did not start within "
                    + "0.5 s (MYOFLOW_EXTENSION_TIMEOUT) and was stopped; it was stuck in its bundle activator's "
                    + "start():"), p);
            assertTrue(p.contains("at org.myoflow.cli.tests.fixture.SleepyActivator.start(SleepyActivator.java:"), p);
            assertEquals(0, b.getState() & (Bundle.ACTIVE | Bundle.STARTING), "not running");
        } finally {
            b.uninstall();
        }
    }

    @Test
    void aWellBehavedBundleStarts() throws Exception {
        Path f = jar("good.jar", new String[][] { { "Bundle-ManifestVersion", "2" },
            { "Bundle-SymbolicName", "org.example.good" }, { "Bundle-Version", "1.0.0" } });
        Bundle b = context().installBundle("test:" + f, Files.newInputStream(f));
        try {
            ExtensionStartup.Outcome o = ExtensionStartup.start(context(), b, f, Duration.ofSeconds(20));
            assertNull(o.problem());
            assertEquals(Bundle.ACTIVE, b.getState());
        } finally {
            b.uninstall();
        }
    }
}
