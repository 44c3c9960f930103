/**
 * The pipeline editor's logic without a display: graph edits on the experiment model (node ids, connections,
 * parameters), port type compatibility, parameter text conversion, node geometry and hit testing, and the
 * snapshot-based undoable edit session. Nothing here imports SWT or JFace, so it runs in plain unit tests.
 */
package org.myoflow.ui.editor.edit;
