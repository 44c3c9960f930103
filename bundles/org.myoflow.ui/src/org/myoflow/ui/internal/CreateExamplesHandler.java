package org.myoflow.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.ide.IDE;
import org.myoflow.ui.ExampleProjects;

/**
 * The welcome action (Help > Create Example Project, and the toolbar): creates {@value ExampleProjects#DEFAULT_NAME}
 * with the demo and the example experiments and opens the demo pipeline.
 */
public final class CreateExamplesHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IProject project;
        try {
            project = ExampleProjects.create(ExampleProjects.DEFAULT_NAME, null);
        } catch (CoreException e) {
            throw new ExecutionException("cannot create the example project: " + e.getMessage(), e);
        }
        IFile demo = project.getFile(ExampleProjects.DEMO_FILE);
        IWorkbenchPage page = window.getActivePage();
        if (page != null && demo.exists()) {
            try {
                IDE.openEditor(page, demo);
            } catch (PartInitException e) {
                throw new ExecutionException("cannot open " + demo.getFullPath() + ": " + e.getMessage(), e);
            }
        }
        return project;
    }
}
