package org.myoflow.ui.editor.internal;

import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/**
 * The SWT widgets of an open pipeline editor, for the workbench UI tests (a friend of this internal package): obtain
 * it with {@code editor.getAdapter(EditorWidgets.class)}. Not API: the widgets are an implementation detail of the
 * editor and change without notice. Call in the UI thread.
 */
public interface EditorWidgets {

    /** The graph canvas. */
    Canvas graphCanvas();

    /** The palette tree (categories, then steps whose item data is the step id). */
    Tree paletteTree();

    /**
     * The form control of a parameter of the selected node: a {@link Text} (numbers, integers, strings, files), a
     * {@link org.eclipse.swt.widgets.Combo} (enums) or a check box {@link org.eclipse.swt.widgets.Button}; null when
     * absent. Typing into a Text or setting its text edits the parameter.
     */
    Control parameterControl(String key);

    /** The node id field of the form (edits apply on Enter or when it loses focus), or null. */
    Text nodeIdField();
}
