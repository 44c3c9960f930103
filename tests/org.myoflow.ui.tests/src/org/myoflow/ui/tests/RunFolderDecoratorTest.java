package org.myoflow.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.IDecorationContext;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.myoflow.ui.internal.RunFolderDecorator;

/** The navigator marks run folders that fail verification (issue 19), and only those. */
class RunFolderDecoratorTest {

    /** An IDecoration that records the suffix and overlay it is given. */
    static final class Recorded implements IDecoration {
        String suffix = "";
        ImageDescriptor overlay;

        @Override
        public void addPrefix(String prefix) {
        }

        @Override
        public void addSuffix(String s) {
            suffix += s;
        }

        @Override
        public void addOverlay(ImageDescriptor o) {
            overlay = o;
        }

        @Override
        public void addOverlay(ImageDescriptor o, int quadrant) {
            overlay = o;
        }

        @Override
        public void setForegroundColor(org.eclipse.swt.graphics.Color color) {
        }

        @Override
        public void setBackgroundColor(org.eclipse.swt.graphics.Color color) {
        }

        @Override
        public void setFont(org.eclipse.swt.graphics.Font font) {
        }

        @Override
        public IDecorationContext getDecorationContext() {
            return null;
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aRunFolderThatFailsVerificationIsMarkedAndACompleteOneIsNot() throws Exception {
        assertTrue(PlatformUI.getWorkbench().getDecoratorManager().getEnabled(RunFolderDecorator.ID),
                "the decorator is registered and on by default");
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject("decorated");
        if (!p.exists()) {
            p.create(null);
        }
        p.open(null);
        Path dir = p.getLocation().toPath().resolve("run1");
        Files.createDirectories(dir);
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.signal.npy"), data);
        Files.writeString(dir.resolve("run.json"), "{\"format\": \"myoflow-run\", \"formatVersion\": 2, "
                + "\"files\": {\"a.signal.npy\": \"" + sha256(data) + "\"}}");
        Files.createDirectories(p.getLocation().toPath().resolve("notes"));
        p.refreshLocal(IResource.DEPTH_INFINITE, null);
        IFolder run = p.getFolder("run1");
        RunFolderDecorator d = new RunFolderDecorator();

        Recorded complete = new Recorded();
        d.decorate(run, complete);
        assertEquals("", complete.suffix);
        assertEquals(null, complete.overlay);
        Recorded plain = new Recorded();
        d.decorate(p.getFolder("notes"), plain);
        assertEquals("", plain.suffix, "a folder without run.json is not a run folder: no mark");

        Files.write(dir.resolve("a.signal.npy"), "01234".getBytes(StandardCharsets.UTF_8)); // truncated
        Recorded damaged = new Recorded();
        d.decorate(run, damaged);
        assertEquals(" [fails verification: file a.signal.npy does not match its SHA-256 in run.json (truncated "
                + "or changed)]", damaged.suffix);
        assertTrue(damaged.overlay != null, "a warning overlay");

        Files.writeString(dir.resolve("extra.txt"), "x");
        assertEquals(2, d.problems(dir).size());
        assertTrue(RunFolderDecorator.suffix(d.problems(dir)).endsWith("(+1 more)]"), d.problems(dir).toString());
        assertEquals(List.of(), new RunFolderDecorator().problems(p.getLocation().toPath().resolve("notes")));
        d.dispose();
    }
}
