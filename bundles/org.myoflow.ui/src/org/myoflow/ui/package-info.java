/**
 * The Myoflow workbench: the RCP application, the Myoflow perspective, the services the editor and the result
 * views share (installed steps, pipeline validation as problem markers, runs as background jobs), and the
 * preferences. The engine underneath is the headless one; nothing here computes results.
 */
package org.myoflow.ui;
