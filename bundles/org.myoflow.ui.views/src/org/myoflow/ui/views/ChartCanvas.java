package org.myoflow.ui.views;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.event.ChartChangeListener;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Pannable;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.Zoomable;
import org.jfree.data.Range;

/**
 * An SWT widget that shows a {@link JFreeChart}. The chart is drawn off-screen with Java2D into a
 * {@link BufferedImage} (no AWT window, so it works with {@code java.awt.headless=true}), converted to SWT image data
 * and drawn again whenever the widget's size or the chart changes.
 * <p>
 * Interaction, mapped from pixels to data through the {@link ChartRenderingInfo} of the last drawing:
 * <ul>
 * <li>mouse wheel: zoom in or out around the cursor (the domain axis, and the range axis of the panel under the
 * cursor; in a {@link CombinedDomainXYPlot} the shared time axis of all panels);</li>
 * <li>drag a rectangle with the left button: zoom to it;</li>
 * <li>drag with Shift held or with the middle button: pan;</li>
 * <li>double-click: back to the ranges the chart had when it was set ({@link #resetZoom()}).</li>
 * </ul>
 * Must be used on the SWT UI thread, like every widget.
 *
 * @since 0.1
 */
public class ChartCanvas extends Canvas {

    /** Zoom factor of one wheel notch (ranges shrink to this fraction). */
    private static final double WHEEL_ZOOM = 0.8;
    /** Smallest rectangle, in pixels each way, that a drag zooms to; smaller drags are taken as clicks. */
    private static final int MIN_DRAG = 4;

    private JFreeChart chart;
    private final ChartChangeListener chartListener = e -> chartChanged();
    private final ChartRenderingInfo info = new ChartRenderingInfo();
    /** Each axis's range mode and range when the chart was set, for {@link #resetZoom()}. */
    private final Map<ValueAxis, Range> initialRanges = new IdentityHashMap<>();
    private final List<ValueAxis> initiallyAuto = new ArrayList<>();
    private Image image;
    private boolean stale = true;

    private int dragX;
    private int dragY;
    private Rectangle2D dragArea;
    private Rectangle zoomBox;
    private boolean panning;

    /**
     * @param parent the parent composite
     * @param style  SWT style bits of a {@link Canvas} (e.g. {@link SWT#BORDER})
     */
    public ChartCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> {
            stale = true;
            redraw();
        });
        addListener(SWT.MouseVerticalWheel, this::wheel);
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, this::mouseUp);
        addListener(SWT.MouseDoubleClick, e -> {
            if (e.button == 1) {
                resetZoom();
            }
        });
        addListener(SWT.Dispose, e -> {
            if (chart != null) {
                chart.removeChangeListener(chartListener);
            }
            if (image != null) {
                image.dispose();
                image = null;
            }
        });
    }

    /** @return the chart shown, or null when none is set */
    public JFreeChart getChart() {
        checkWidget();
        return chart;
    }

    /**
     * Shows a chart (or nothing, for null). The ranges its axes have now are the ones {@link #resetZoom()} returns
     * to; its XY plots are made pannable.
     *
     * @param newChart the chart; the widget listens to its changes until another chart is set
     */
    public void setChart(JFreeChart newChart) {
        checkWidget();
        if (chart != null) {
            chart.removeChangeListener(chartListener);
        }
        chart = newChart;
        initialRanges.clear();
        initiallyAuto.clear();
        if (chart != null) {
            for (ValueAxis a : axes(chart.getPlot())) {
                if (a.isAutoRange()) {
                    initiallyAuto.add(a);
                } else {
                    initialRanges.put(a, a.getRange());
                }
            }
            makePannable(chart.getPlot());
            chart.addChangeListener(chartListener);
        }
        chartChanged();
    }

    /** @return the rendering info of the last drawing (plot and data areas in pixels of this widget) */
    public ChartRenderingInfo getRenderingInfo() {
        checkWidget();
        return info;
    }

    /** Returns every axis to the range it had when the chart was set. */
    public void resetZoom() {
        checkWidget();
        if (chart == null) {
            return;
        }
        Plot plot = chart.getPlot();
        boolean notify = plot.isNotify();
        plot.setNotify(false);
        for (ValueAxis a : initiallyAuto) {
            a.setAutoRange(true);
        }
        for (Map.Entry<ValueAxis, Range> e : initialRanges.entrySet()) {
            e.getKey().setRange(e.getValue());
        }
        plot.setNotify(notify);
        chartChanged();
    }

    /**
     * Zooms around a point, as one wheel notch does.
     *
     * @param x      pixel column in this widget
     * @param y      pixel row in this widget
     * @param factor new range length over the old one: below 1 zooms in, above 1 out
     * @return whether the point lay in a data area of the last drawing (nothing happens otherwise)
     */
    public boolean zoomAt(int x, int y, double factor) {
        checkWidget();
        Point2D p = new Point2D.Double(x, y);
        if (chart == null || !(chart.getPlot() instanceof Zoomable z) || dataAreaAt(p) == null) {
            return false;
        }
        PlotRenderingInfo pi = info.getPlotInfo();
        Plot plot = chart.getPlot();
        boolean notify = plot.isNotify();
        plot.setNotify(false);
        z.zoomDomainAxes(factor, pi, p, true);
        z.zoomRangeAxes(factor, pi, p, true);
        plot.setNotify(notify);
        chartChanged();
        return true;
    }

    /**
     * Maps a pixel to data values in the panel under it.
     *
     * @param x pixel column in this widget
     * @param y pixel row in this widget
     * @return {domain value, range value} of the point, or null when it is in no data area of an XY plot
     */
    public double[] dataAt(int x, int y) {
        checkWidget();
        if (chart == null) {
            return null;
        }
        Point2D p = new Point2D.Double(x, y);
        PlotRenderingInfo pi = info.getPlotInfo();
        Plot plot = chart.getPlot();
        XYPlot panel;
        Rectangle2D area;
        ValueAxis domain;
        ValueAxis range;
        if (plot instanceof CombinedDomainXYPlot || plot instanceof CombinedRangeXYPlot) {
            int i = pi.getSubplotIndex(p);
            List<XYPlot> subs = plot instanceof CombinedDomainXYPlot c ? c.getSubplots()
                    : ((CombinedRangeXYPlot) plot).getSubplots();
            if (i < 0 || i >= subs.size()) {
                return null;
            }
            panel = subs.get(i);
            area = pi.getSubplotInfo(i).getDataArea();
            domain = plot instanceof CombinedDomainXYPlot c ? c.getDomainAxis() : panel.getDomainAxis();
            range = plot instanceof CombinedRangeXYPlot r ? r.getRangeAxis() : panel.getRangeAxis();
        } else if (plot instanceof XYPlot xy) {
            panel = xy;
            area = pi.getDataArea();
            domain = xy.getDomainAxis();
            range = xy.getRangeAxis();
        } else {
            return null;
        }
        if (!area.contains(p) || domain == null || range == null) {
            return null;
        }
        return new double[] { domain.java2DToValue(x, area, panel.getDomainAxisEdge()),
            range.java2DToValue(y, area, panel.getRangeAxisEdge()) };
    }

    private void chartChanged() {
        if (isDisposed()) {
            return;
        }
        if (getDisplay().getThread() != Thread.currentThread()) {
            getDisplay().asyncExec(this::chartChanged);
            return;
        }
        stale = true;
        redraw();
    }

    private void paint(GC gc) {
        Rectangle ca = getClientArea();
        if (chart == null || ca.width <= 0 || ca.height <= 0) {
            gc.setBackground(getBackground());
            gc.fillRectangle(ca);
            return;
        }
        if (stale || image == null || image.getBounds().width != ca.width || image.getBounds().height != ca.height) {
            render(ca.width, ca.height);
        }
        gc.drawImage(image, 0, 0);
        if (zoomBox != null) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLUE));
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawRectangle(zoomBox);
        }
    }

    /** Draws the chart with Java2D and turns the pixels into an SWT image. */
    private void render(int w, int h) {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g2 = bi.createGraphics();
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, w, h), null, info);
        } finally {
            g2.dispose();
        }
        int[] pixels = ((DataBufferInt) bi.getRaster().getDataBuffer()).getData();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int row = 0; row < h; row++) {
            data.setPixels(0, row, w, pixels, row * w);
        }
        if (image != null) {
            image.dispose();
        }
        image = new Image(getDisplay(), data);
        stale = false;
    }

    private void wheel(Event e) {
        if (e.count != 0) {
            zoomAt(e.x, e.y, e.count > 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM);
        }
    }

    private void mouseDown(Event e) {
        if (chart == null || (e.button != 1 && e.button != 2) || e.count > 1) {
            return;
        }
        dragArea = dataAreaAt(new Point2D.Double(e.x, e.y));
        if (dragArea == null) {
            return;
        }
        dragX = e.x;
        dragY = e.y;
        panning = e.button == 2 || (e.stateMask & SWT.SHIFT) != 0;
        zoomBox = null;
    }

    private void mouseMove(Event e) {
        if (dragArea == null || chart == null) {
            return;
        }
        if (panning) {
            pan(e.x - dragX, e.y - dragY, new Point2D.Double(dragX, dragY));
            dragX = e.x;
            dragY = e.y;
            return;
        }
        int x = (int) Math.max(dragArea.getMinX(), Math.min(dragArea.getMaxX(), e.x));
        int y = (int) Math.max(dragArea.getMinY(), Math.min(dragArea.getMaxY(), e.y));
        zoomBox = new Rectangle(Math.min(dragX, x), Math.min(dragY, y), Math.abs(x - dragX), Math.abs(y - dragY));
        redraw();
    }

    private void mouseUp(Event e) {
        Rectangle box = zoomBox;
        Point2D origin = new Point2D.Double(dragX, dragY);
        Rectangle2D area = dragArea;
        zoomBox = null;
        dragArea = null;
        if (box == null || panning) {
            panning = false;
            return;
        }
        redraw();
        if (box.width >= MIN_DRAG && box.height >= MIN_DRAG) {
            zoomTo(box, area, origin);
        }
    }

    /** Zooms the axes of the panel where the drag began to the dragged box (as JFreeChart's ChartPanel does). */
    private void zoomTo(Rectangle box, Rectangle2D area, Point2D origin) {
        if (!(chart.getPlot() instanceof Zoomable z)) {
            return;
        }
        double hLower = (box.x - area.getMinX()) / area.getWidth();
        double hUpper = (box.x + box.width - area.getMinX()) / area.getWidth();
        double vLower = (area.getMaxY() - (box.y + box.height)) / area.getHeight();
        double vUpper = (area.getMaxY() - box.y) / area.getHeight();
        PlotRenderingInfo pi = info.getPlotInfo();
        Plot plot = chart.getPlot();
        boolean notify = plot.isNotify();
        plot.setNotify(false);
        if (z.getOrientation() == PlotOrientation.HORIZONTAL) {
            z.zoomDomainAxes(vLower, vUpper, pi, origin);
            z.zoomRangeAxes(hLower, hUpper, pi, origin);
        } else {
            z.zoomDomainAxes(hLower, hUpper, pi, origin);
            z.zoomRangeAxes(vLower, vUpper, pi, origin);
        }
        plot.setNotify(notify);
        chartChanged();
    }

    private void pan(int dx, int dy, Point2D at) {
        if (!(chart.getPlot() instanceof Pannable p) || (dx == 0 && dy == 0)) {
            return;
        }
        Rectangle2D area = dragArea;
        PlotRenderingInfo pi = info.getPlotInfo();
        Plot plot = chart.getPlot();
        boolean notify = plot.isNotify();
        plot.setNotify(false);
        if (p.getOrientation() == PlotOrientation.HORIZONTAL) {
            p.panDomainAxes(dy / area.getHeight(), pi, at);
            p.panRangeAxes(-dx / area.getWidth(), pi, at);
        } else {
            p.panDomainAxes(-dx / area.getWidth(), pi, at);
            p.panRangeAxes(dy / area.getHeight(), pi, at);
        }
        plot.setNotify(notify);
        chartChanged();
    }

    /** The data area (of the panel, in a combined plot) that holds the point in the last drawing, or null. */
    private Rectangle2D dataAreaAt(Point2D p) {
        PlotRenderingInfo pi = info.getPlotInfo();
        if (pi == null || pi.getDataArea() == null) {
            return null;
        }
        if (pi.getSubplotCount() == 0) {
            return pi.getDataArea().contains(p) ? pi.getDataArea() : null;
        }
        int i = pi.getSubplotIndex(p);
        return i < 0 ? null : pi.getSubplotInfo(i).getDataArea();
    }

    /** Every value axis of the plot and its panels, each once. */
    private static List<ValueAxis> axes(Plot plot) {
        List<ValueAxis> out = new ArrayList<>();
        collectAxes(plot, out);
        return out;
    }

    private static void collectAxes(Plot plot, List<ValueAxis> out) {
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                addOnce(xy.getDomainAxis(i), out);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                addOnce(xy.getRangeAxis(i), out);
            }
        }
        for (XYPlot sub : subplots(plot)) {
            collectAxes(sub, out);
        }
    }

    private static void addOnce(ValueAxis a, List<ValueAxis> out) {
        if (a != null && out.stream().noneMatch(b -> b == a)) {
            out.add(a);
        }
    }

    private static List<XYPlot> subplots(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot c) {
            return c.getSubplots();
        }
        if (plot instanceof CombinedRangeXYPlot c) {
            return c.getSubplots();
        }
        return List.of();
    }

    private static void makePannable(Plot plot) {
        if (plot instanceof XYPlot xy) {
            xy.setDomainPannable(true);
            xy.setRangePannable(true);
        }
        for (XYPlot sub : subplots(plot)) {
            makePannable(sub);
        }
    }
}
