package org.myoflow.ui.internal;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.myoflow.ui.MyoflowPreferences;

/** Defaults of the Myoflow preferences. */
public final class PreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(MyoflowPreferences.NODE);
        d.putInt(MyoflowPreferences.THREADS, MyoflowPreferences.defaultThreads());
        d.put(MyoflowPreferences.OUTPUT_FOLDER, MyoflowPreferences.DEFAULT_OUTPUT_FOLDER);
        d.put(MyoflowPreferences.USER_MODELS, "");
        d.put(MyoflowPreferences.SHARED_MODELS, "");
        d.put(MyoflowPreferences.DJL_CACHE, "");
    }
}
