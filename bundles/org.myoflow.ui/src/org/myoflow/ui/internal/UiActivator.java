package org.myoflow.ui.internal;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** The workbench bundle's activator: holds the plug-in instance (preferences, images, log). */
public final class UiActivator extends AbstractUIPlugin {

    /** Symbolic name of this bundle. */
    public static final String PLUGIN_ID = "org.myoflow.ui";

    private static UiActivator instance;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        org.myoflow.ui.MyoflowServices.close();
        instance = null;
        super.stop(context);
    }

    /** @return the running instance, or null when the bundle is not started */
    public static UiActivator getDefault() {
        return instance;
    }
}
