package org.myoflow.ui.internal;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.myoflow.ui.MyoflowPerspective;

/** Workbench advisor: the Myoflow perspective over the workspace root, IDE adapters for the navigator. */
final class MyoflowWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(false);
        // workbench adapters for resources (labels and icons in the navigator, markers in the Problems view)
        IDE.registerAdapters();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return MyoflowPerspective.ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new MyoflowWindowAdvisor(configurer);
    }

    @Override
    public void postStartup() {
        org.myoflow.ui.MyoflowPreferences.apply();
        org.myoflow.ui.MyoflowPreferences.listen();
        ExperimentWatcher.install();
    }

    @Override
    public boolean preShutdown() {
        ExperimentWatcher.uninstall();
        try {
            ResourcesPlugin.getWorkspace().save(true, null);
        } catch (Exception e) {
            UiLog.error("could not save the workspace state", e);
        }
        return true;
    }
}
