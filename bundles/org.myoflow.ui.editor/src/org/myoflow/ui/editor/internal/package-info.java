/** The pipeline editor's widgets (graph canvas, step palette, parameter form) and command handlers. */
package org.myoflow.ui.editor.internal;
