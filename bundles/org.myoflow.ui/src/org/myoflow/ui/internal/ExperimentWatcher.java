package org.myoflow.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.ui.PipelineProblems;

/**
 * Validates experiment files that are added or changed on disk (copied in, edited elsewhere, saved by the
 * editor), so the Problems view is right for files that are not open.
 */
public final class ExperimentWatcher implements IResourceChangeListener {

    private static ExperimentWatcher installed;

    /** Registers the watcher with the workspace (once) and validates every experiment already there. */
    public static synchronized void install() {
        if (installed != null) {
            return;
        }
        installed = new ExperimentWatcher();
        ResourcesPlugin.getWorkspace().addResourceChangeListener(installed, IResourceChangeEvent.POST_CHANGE);
        List<IFile> all = new ArrayList<>();
        try {
            ResourcesPlugin.getWorkspace().getRoot().accept(r -> {
                if (r instanceof IFile f && isExperiment(f)) {
                    all.add(f);
                }
                return !r.getName().startsWith(".") || r.getType() == IResource.ROOT;
            });
        } catch (CoreException e) {
            UiLog.error("cannot list the workspace's experiments", e);
        }
        schedule(all);
    }

    /** Removes the watcher. */
    public static synchronized void uninstall() {
        if (installed != null) {
            ResourcesPlugin.getWorkspace().removeResourceChangeListener(installed);
            installed = null;
        }
    }

    static boolean isExperiment(IFile f) {
        return ExperimentFiles.EXTENSION.equals(f.getFileExtension());
    }

    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        if (event.getDelta() == null) {
            return;
        }
        List<IFile> changed = new ArrayList<>();
        try {
            event.getDelta().accept(d -> {
                if (d.getResource() instanceof IFile f && isExperiment(f)
                        && (d.getKind() == IResourceDelta.ADDED
                                || d.getKind() == IResourceDelta.CHANGED && (d.getFlags() & IResourceDelta.CONTENT) != 0)) {
                    changed.add(f);
                }
                return true;
            });
        } catch (CoreException e) {
            UiLog.error("cannot read a workspace change", e);
        }
        schedule(changed);
    }

    private static void schedule(List<IFile> files) {
        if (files.isEmpty()) {
            return;
        }
        WorkspaceJob job = new WorkspaceJob("Validating " + files.size() + " experiment(s)") {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) {
                for (IFile f : files) {
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    try {
                        PipelineProblems.updateFromDisk(f);
                    } catch (CoreException | RuntimeException e) {
                        UiLog.error("cannot validate " + f.getFullPath(), e);
                    }
                }
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
        job.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().markerRule(ResourcesPlugin.getWorkspace().getRoot()));
        job.schedule();
    }
}
