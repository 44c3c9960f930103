package org.myoflow.ui.editor.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.myoflow.ui.editor.PipelineEditor;

/** Runs or validates the pipeline of the active pipeline editor (commands {@code run} and {@code validate}). */
public final class PipelineCommandHandler extends AbstractHandler {

    /** Command id of "Run Pipeline". */
    public static final String RUN = "org.myoflow.ui.editor.run";
    /** Command id of "Validate Pipeline". */
    public static final String VALIDATE = "org.myoflow.ui.editor.validate";

    @Override
    public Object execute(ExecutionEvent event) {
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        if (part instanceof PipelineEditor editor) {
            if (RUN.equals(event.getCommand().getId())) {
                editor.run();
            } else {
                editor.validate();
            }
        }
        return null;
    }
}
