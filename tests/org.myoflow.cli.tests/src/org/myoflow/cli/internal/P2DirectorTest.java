package org.myoflow.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code admin install} finds the p2 director of an installation, and what repository URI it hands it. */
class P2DirectorTest {

    @TempDir
    Path install;

    private void product(boolean director, boolean profile) throws IOException {
        Files.createDirectories(install.resolve("plugins"));
        Files.createDirectories(install.resolve("configuration"));
        Files.writeString(install.resolve("configuration/config.ini"),
                "eclipse.p2.profile=DefaultProfile\neclipse.p2.data.area=@config.dir/../p2\n");
        Files.createFile(install.resolve("plugins/org.eclipse.equinox.launcher_1.8.0.v1.jar"));
        if (director) {
            Files.createFile(install.resolve("plugins/org.eclipse.equinox.p2.director.app_1.3.800.v1.jar"));
        }
        if (profile) {
            Files.createDirectories(install.resolve(
                    "p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile"));
        }
    }

    @Test
    void foundOnlyWithTheDirectorBundleAndTheProfile() throws IOException {
        assertNull(P2Director.find(install), "an empty folder has no director");
        product(false, true);
        assertNull(P2Director.find(install), "no director application bundle");
        Files.createFile(install.resolve("plugins/org.eclipse.equinox.p2.director.app_1.3.800.v1.jar"));
        P2Director d = P2Director.find(install);
        assertNotNull(d);
        assertEquals("DefaultProfile", d.profile());
        assertEquals(install, d.product());
    }

    @Test
    void withoutTheProfileTheFallbackIsTaken() throws IOException {
        product(true, false);
        assertNull(P2Director.find(install));
    }

    @Test
    void repositoryArguments() throws IOException {
        assertEquals("https://example.org/site", P2Director.repositoryUri("https://example.org/site"));
        assertEquals("file:/srv/site", P2Director.repositoryUri("file:/srv/site"));
        Path folder = Files.createDirectories(install.resolve("site"));
        assertEquals(folder.toUri().toString(), P2Director.repositoryUri(folder.toString()));
        Path zip = Files.createFile(install.resolve("site.zip"));
        assertEquals("jar:" + zip.toUri() + "!/", P2Director.repositoryUri(zip.toString()));
    }
}
