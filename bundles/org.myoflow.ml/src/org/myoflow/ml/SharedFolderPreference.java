package org.myoflow.ml;

/**
 * Reads the lab-shared model folder from the Eclipse preferences when {@code org.eclipse.equinox.preferences} is
 * present (its import is optional). Kept in its own class so that the preference classes are loaded only here,
 * and a missing bundle or an unset instance location just means "no preference".
 */
final class SharedFolderPreference {

    private SharedFolderPreference() {
    }

    /** The preference value, or null when unset or unavailable. */
    static String read() {
        try {
            return Lookup.read();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Touches the preference classes; only loaded when {@link #read()} runs. */
    private static final class Lookup {
        static String read() {
            String v = org.eclipse.core.runtime.preferences.ConfigurationScope.INSTANCE
                    .getNode(ModelRegistry.PREFERENCE_NODE).get(ModelRegistry.PREFERENCE_KEY, null);
            if (v == null || v.isBlank()) {
                v = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
                        .getNode(ModelRegistry.PREFERENCE_NODE).get(ModelRegistry.PREFERENCE_KEY, null);
            }
            return v;
        }
    }
}
