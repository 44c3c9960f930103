package org.myoflow.ui;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.core.runtime.Platform;

/**
 * The workbench's preferences (node {@value #NODE}, instance scope) and how they reach the headless code: the model
 * and DJL folders are handed over as the system properties the headless bundles read ({@code myoflow.models.user},
 * {@code myoflow.models.shared}, {@code myoflow.djl.cache}), so the workbench and {@code ./myoflow} agree on
 * where models live.
 *
 * @since 0.1
 */
public final class MyoflowPreferences {

    /** Preference node. */
    public static final String NODE = "org.myoflow.ui";
    /** Worker threads of a run (1..256). */
    public static final String THREADS = "threads";
    /** The user's model folder (empty: the headless default, ~/.myoflow/models or MYOFLOW_MODELS). */
    public static final String USER_MODELS = "userModelsFolder";
    /** A lab's shared, read-only model folder (empty: none, or MYOFLOW_SHARED_MODELS). */
    public static final String SHARED_MODELS = "sharedModelsFolder";
    /** DJL's cache folder, where the PyTorch native library is unpacked (empty: the headless default). */
    public static final String DJL_CACHE = "djlCacheFolder";
    /** Where runs go: a folder relative to the experiment's project, or an absolute path. */
    public static final String OUTPUT_FOLDER = "outputFolder";

    /** Default of {@link #OUTPUT_FOLDER}. */
    public static final String DEFAULT_OUTPUT_FOLDER = "runs";

    static final String USER_PROPERTY = "myoflow.models.user";
    static final String SHARED_PROPERTY = "myoflow.models.shared";
    static final String DJL_PROPERTY = "myoflow.djl.cache";

    private MyoflowPreferences() {
    }

    /** Default number of threads: the machine's processors. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** Threads for runs, clamped to 1..256. */
    public static int threads() {
        int t = Platform.getPreferencesService().getInt(NODE, THREADS, defaultThreads(), null);
        return Math.max(1, Math.min(256, t));
    }

    /** The output folder preference (relative to the project, or absolute). */
    public static String outputFolder() {
        String s = Platform.getPreferencesService().getString(NODE, OUTPUT_FOLDER, DEFAULT_OUTPUT_FOLDER, null);
        return s == null || s.isBlank() ? DEFAULT_OUTPUT_FOLDER : s.trim();
    }

    static String string(String key) {
        String s = Platform.getPreferencesService().getString(NODE, key, "", null);
        return s == null ? "" : s.trim();
    }

    /**
     * Hands the folder preferences to the headless bundles as system properties; an empty preference leaves the
     * property as the launcher set it. Called at start-up and whenever the preferences change.
     */
    public static void apply() {
        set(USER_PROPERTY, string(USER_MODELS));
        set(SHARED_PROPERTY, string(SHARED_MODELS));
        set(DJL_PROPERTY, string(DJL_CACHE));
    }

    private static void set(String property, String value) {
        if (!value.isEmpty()) {
            System.setProperty(property, value);
        }
    }

    /** Listens for changes of the preference node and re-applies them. */
    public static void listen() {
        node().addPreferenceChangeListener(e -> apply());
    }
}
