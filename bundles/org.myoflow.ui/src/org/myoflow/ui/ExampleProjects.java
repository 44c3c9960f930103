package org.myoflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.myoflow.ui.internal.UiActivator;
import org.osgi.framework.Bundle;

/**
 * Creates a workspace project holding the example experiments: the embedded demo ({@value #DEMO_FILE}, the
 * pipeline {@code ./myoflow demo} runs) and, when the installation's {@code examples/} folder is found
 * ({@code ${myoflow.home}/examples}), every example experiment with its data files.
 *
 * @since 0.1
 */
public final class ExampleProjects {

    /** Default name of the example project. */
    public static final String DEFAULT_NAME = "myoflow-examples";
    /** File name of the demo experiment in the project. */
    public static final String DEMO_FILE = "demo.myoflow";
    /** Bundle and entry of the embedded demo experiment (shared with the headless runner). */
    static final String DEMO_BUNDLE = "org.myoflow.cli";
    static final String DEMO_ENTRY = "demo/spike-trains-demo.myoflow";

    private ExampleProjects() {
    }

    /** The installation's examples folder, or null when {@code myoflow.home} is unset or has none. */
    public static Path installedExamples() {
        String home = System.getProperty("myoflow.home");
        if (home == null || home.isBlank()) {
            return null;
        }
        Path p = Path.of(home, "examples");
        return Files.isDirectory(p) ? p : null;
    }

    /**
     * Creates (or refreshes) the project and copies the examples into it; existing files are left alone.
     *
     * @return the open project
     * @throws CoreException when the demo is missing from the installation or a file cannot be written
     */
    public static IProject create(String name, IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Creating the example project " + name, 100);
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(sub.split(10));
        }
        if (!project.isOpen()) {
            project.open(sub.split(10));
        }
        IFile demo = project.getFile(DEMO_FILE);
        if (!demo.exists()) {
            Bundle b = Platform.getBundle(DEMO_BUNDLE);
            URL url = b == null ? null : b.getEntry(DEMO_ENTRY);
            if (url == null) {
                throw new CoreException(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID,
                        "the demo experiment " + DEMO_BUNDLE + "/" + DEMO_ENTRY + " is missing from the installation"));
            }
            try (InputStream in = url.openStream()) {
                demo.create(in, true, sub.split(10));
            } catch (IOException e) {
                throw new CoreException(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID,
                        "cannot read the demo experiment: " + e.getMessage(), e));
            }
        }
        Path examples = installedExamples();
        if (examples != null) {
            copyTree(examples, project, sub.split(60));
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, sub.split(10));
        return project;
    }

    private static void copyTree(Path from, IContainer to, IProgressMonitor monitor) throws CoreException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new CoreException(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID,
                    "cannot list " + from + ": " + e.getMessage(), e));
        }
        SubMonitor sub = SubMonitor.convert(monitor, files.size());
        for (Path f : files) {
            Path rel = from.relativize(f);
            IContainer parent = to;
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                IFolder folder = parent.getFolder(org.eclipse.core.runtime.IPath.fromOSString(rel.getName(i).toString()));
                if (!folder.exists()) {
                    folder.create(true, true, null);
                }
                parent = folder;
            }
            IFile target = parent.getFile(org.eclipse.core.runtime.IPath.fromOSString(rel.getFileName().toString()));
            if (!target.exists()) {
                try (InputStream in = Files.newInputStream(f)) {
                    target.create(in, true, sub.split(1));
                } catch (IOException e) {
                    throw new CoreException(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID,
                            "cannot copy " + f + ": " + e.getMessage(), e));
                }
            } else {
                sub.worked(1);
            }
        }
    }
}
