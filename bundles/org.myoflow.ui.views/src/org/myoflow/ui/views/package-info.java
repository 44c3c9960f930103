/**
 * The workbench's result views: {@link org.myoflow.ui.views.ResultPlotView} and the read-only
 * {@link org.myoflow.ui.views.ResultEditor} plot result files with the charts of the HTML report
 * ({@code org.myoflow.report.Charts}) in a zoomable {@link org.myoflow.ui.views.ChartCanvas};
 * {@link org.myoflow.ui.views.ProvenanceView} shows a run's run.json. {@link org.myoflow.ui.views.ResultViews}
 * opens them from code.
 */
package org.myoflow.ui.views;
