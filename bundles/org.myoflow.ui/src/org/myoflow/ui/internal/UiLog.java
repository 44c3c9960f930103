package org.myoflow.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Writes to the workbench error log (the .metadata/.log of the workspace). */
public final class UiLog {

    private UiLog() {
    }

    public static void error(String message, Throwable t) {
        ILog.of(UiLog.class).log(new Status(IStatus.ERROR, UiActivator.PLUGIN_ID, message, t));
    }

    public static void info(String message) {
        ILog.of(UiLog.class).log(new Status(IStatus.INFO, UiActivator.PLUGIN_ID, message));
    }
}
