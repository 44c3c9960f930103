package org.myoflow.ui.views.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.ide.IDE;
import org.myoflow.ui.views.ResultEditor;

/**
 * "Inspect Recording" of the navigator's context menu: opens the selected recording in the result editor and brings
 * its "Inspect" page (the table of {@code myoflow inspect}) to the front.
 */
public final class InspectRecordingHandler extends AbstractHandler {

    /** Command id. */
    public static final String COMMAND_ID = "org.myoflow.ui.views.inspectRecording";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (!(Selections.resource(HandlerUtil.getCurrentSelection(event)) instanceof IFile file)) {
            return null;
        }
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        try {
            if (IDE.openEditor(page, file, ResultEditor.ID, true) instanceof ResultEditor e) {
                e.showPage(true);
            }
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open " + file.getFullPath() + ": " + e.getMessage(), e);
        }
        return null;
    }
}
