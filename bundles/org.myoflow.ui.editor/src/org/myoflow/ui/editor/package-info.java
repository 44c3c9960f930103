/**
 * The pipeline editor of the Myoflow workbench: {@link org.myoflow.ui.editor.PipelineEditor}, the default editor of
 * {@code .myoflow} files, with its public API for automated UI tests.
 */
package org.myoflow.ui.editor;
