package org.myoflow.ui.views.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;

/** What a workbench selection means to the result views: a result file, a run folder. */
public final class Selections {

    /** Name of a run folder's provenance file. */
    public static final String RUN_JSON = "run.json";

    private Selections() {
    }

    /** @return the first selected resource, or null */
    public static IResource resource(ISelection selection) {
        if (selection instanceof IStructuredSelection s && !s.isEmpty()) {
            return Adapters.adapt(s.getFirstElement(), IResource.class);
        }
        return null;
    }

    /** @return the local file of a selected {@code .npy} result, or null */
    public static IFile resultFile(ISelection selection) {
        return resource(selection) instanceof IFile f && "npy".equals(f.getFileExtension()) ? f : null;
    }

    /**
     * @return the run folder a resource belongs to: a folder holding run.json, run.json itself, or any file in
     *         such a folder (a result, its sidecar, report.html); null otherwise
     */
    public static Path runFolder(IResource r) {
        if (r == null) {
            return null;
        }
        IContainer folder = r instanceof IContainer c ? c : r.getParent();
        if (folder == null) {
            return null;
        }
        IPath location = folder.getLocation();
        if (location == null) {
            return null;
        }
        Path dir = location.toPath();
        return Files.isRegularFile(dir.resolve(RUN_JSON)) ? dir : null;
    }
}
