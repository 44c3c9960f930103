package org.myoflow.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.myoflow.ui.MyoflowPreferences;

/**
 * Window > Preferences > Myoflow: threads of a run, the user's and the lab's shared model folders, DJL's cache
 * folder and the default output folder of runs. Folders must exist (the shared one is read-only to the platform).
 */
public final class MyoflowPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public MyoflowPreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, MyoflowPreferences.NODE));
        setDescription("Settings of runs started from the workbench. Model folders are shared with ./myoflow "
                + "through the same properties; empty means the headless default (environment variables, "
                + "~/.myoflow/...). A changed DJL cache folder applies from the next start.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // nothing to set up
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor threads = new IntegerFieldEditor(MyoflowPreferences.THREADS, "&Threads per run:",
                getFieldEditorParent());
        threads.setValidRange(1, 256);
        addField(threads);
        addField(new OptionalDirectoryEditor(MyoflowPreferences.USER_MODELS, "&User model folder:"));
        addField(new OptionalDirectoryEditor(MyoflowPreferences.SHARED_MODELS, "&Lab-shared model folder:"));
        addField(new OptionalDirectoryEditor(MyoflowPreferences.DJL_CACHE, "&DJL cache folder:"));
        StringFieldEditor out = new StringFieldEditor(MyoflowPreferences.OUTPUT_FOLDER,
                "&Output folder (relative to the project, or absolute):", getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String v = getStringValue().trim();
                if (v.isEmpty()) {
                    setErrorMessage("the output folder must not be empty");
                    return false;
                }
                try {
                    Path.of(v);
                } catch (RuntimeException e) {
                    setErrorMessage("not a valid path: " + v);
                    return false;
                }
                return true;
            }
        };
        out.setEmptyStringAllowed(false);
        addField(out);
    }

    /** A directory that may be left empty; when given it must exist. */
    private final class OptionalDirectoryEditor extends DirectoryFieldEditor {
        OptionalDirectoryEditor(String key, String label) {
            super(key, label, getFieldEditorParent());
            setEmptyStringAllowed(true);
        }

        @Override
        protected boolean doCheckState() {
            String v = getStringValue().trim();
            if (v.isEmpty()) {
                return true;
            }
            if (!Files.isDirectory(Path.of(v))) {
                setErrorMessage(getLabelText().replace("&", "").replace(":", "") + " does not exist: " + v);
                return false;
            }
            return true;
        }
    }
}
