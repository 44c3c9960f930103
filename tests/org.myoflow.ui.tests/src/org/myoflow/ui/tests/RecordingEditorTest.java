package org.myoflow.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.ui.views.ResultEditor;
import org.myoflow.ui.views.ResultViews;

/**
 * Recordings in the result editor, as a person opens them from the navigator: a real C3D file (two signal groups
 * at different rates, markers with missing samples), an EDF+ written with {@link EdfWriter} (two rates), a BDF+
 * and a truncated C3D. The plot has one panel per channel named with label and unit, the "Inspect" page lists
 * every channel, and a malformed file shows the reader's message instead of a plot.
 */
class RecordingEditorTest {

    static IProject project;
    static final List<ResultEditor> opened = new ArrayList<>();

    @BeforeAll
    static void createProject() throws Exception {
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("recordings");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        Path dir = project.getLocation().toPath();
        Path c3d = Path.of(System.getProperty("myoflow.home", "../.."))
                .resolve("tests/org.myoflow.io.tests/data/real/c3dio/sample_02/pc_int.c3d");
        assertTrue(Files.isRegularFile(c3d), "C3D sample of the io tests: " + c3d.toAbsolutePath());
        Files.copy(c3d, dir.resolve("sample02.c3d"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] head = Arrays.copyOf(Files.readAllBytes(c3d), 1100);
        Files.write(dir.resolve("truncated.c3d"), head);
        EdfWriter.write(recording(true, 4096), dir.resolve("two-rates.edf"));
        EdfWriter.write(recording(false, 2048), dir.resolve("emg.bdf"), true);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    @AfterAll
    static void closeEditors() {
        Ui.run(() -> opened.forEach(e -> page().closeEditor(e, false)));
    }

    /**
     * Three EMG channels of {@code n} samples at 2048 Hz with a sine each; with {@code force} also a force channel
     * at 100 Hz for 2 s.
     */
    static Recording recording(boolean force, int n) {
        double[][] emg = new double[3][n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                emg[c][i] = (c + 1) * 0.1 * Math.sin(2 * Math.PI * 30 * i / 2048.0);
            }
        }
        List<RecordingSignal> signals = new ArrayList<>();
        signals.add(new RecordingSignal("emg", 2048, 0, List.of("EMG1", "EMG2", "EMG3"),
                Collections.nCopies(3, "mV"), Collections.nCopies(3, ChannelKind.EMG), emg));
        if (force) {
            double[][] f = new double[1][200];
            for (int i = 0; i < 200; i++) {
                f[0][i] = 10 + i * 0.5;
            }
            signals.add(new RecordingSignal("force", 100, 0, List.of("Fz"), List.of("N"),
                    List.of(ChannelKind.FORCE), f));
        }
        return new Recording(Path.of("test"), "test", "", Map.of(), signals, List.of(), List.of());
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Opens a file of the project as a double-click does and waits for the background read. */
    static ResultEditor open(String name) throws Exception {
        IFile f = project.getFile(name);
        assertTrue(f.exists(), name);
        ResultEditor e = Ui.sync(() -> ResultViews.openEditor(page(), f));
        opened.add(e);
        long end = System.currentTimeMillis() + 60_000;
        while (Ui.sync(() -> e.plot().isLoading()) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertFalse(Ui.sync(() -> e.plot().isLoading()), "read within 60 s: " + name);
        Ui.settle();
        return e;
    }

    /** The y axis labels of the chart's panels, top to bottom. */
    static List<String> axisLabels(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        for (Object p : ((CombinedDomainXYPlot) chart.getPlot()).getSubplots()) {
            out.add(((XYPlot) p).getRangeAxis().getLabel());
        }
        return out;
    }

    static List<List<String>> rows(Table t) {
        List<List<String>> out = new ArrayList<>();
        for (TableItem it : t.getItems()) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < t.getColumnCount(); c++) {
                row.add(it.getText(c));
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void aC3dFileShowsItsSignalGroupsChannelsUnitsAndGaps() throws Exception {
        ResultEditor e = open("sample02.c3d");
        assertNull(Ui.sync(e::errorMessage));
        assertTrue(Ui.sync(e::isRecording));
        List<String> choices = Ui.sync(() -> e.plot().signalChoices());
        assertEquals(2, choices.size(), choices::toString);
        assertTrue(choices.contains("analog (16 channels, 200.0 Hz)"), choices::toString);
        int markers = Ui.sync(() -> e.plot().recording().signal("markers").orElseThrow().channelCount());
        assertTrue(markers >= 3 && markers % 3 == 0, "x, y, z per marker: " + markers);
        assertTrue(choices.contains("markers (" + markers + " channels, 50.0 Hz)"), choices::toString);

        // analog: 16 channels, eight panels a page, each axis "label (unit)"
        assertTrue(Ui.sync(() -> e.plot().selectSignal("analog")));
        assertEquals(8, Ui.sync(e::seriesCount));
        assertEquals(List.of("FX1 (nt)", "FY1 (nt)", "FZ1 (nt)", "MX1 (ntmm)", "MY1 (ntmm)", "MZ1 (ntmm)"),
                Ui.sync(() -> axisLabels(e.chart())).subList(0, 6));
        assertEquals(356, Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) e.chart().getPlot()).getSubplots().get(0))
                .getDataset().getItemCount(0)));
        double fy1 = Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) e.chart().getPlot()).getSubplots().get(1))
                .getDataset().getYValue(0, 1));
        assertEquals(10.608, fy1, 1e-6, "FY1, sample 1 (the io tests' reference value)");
        int analog = choices.indexOf("analog (16 channels, 200.0 Hz)");
        Ui.run(() -> e.plot().selectSignal(analog, 1));
        assertEquals("FX2 (nt)", Ui.sync(() -> axisLabels(e.chart())).get(0), "second page starts at channel 9");
        assertTrue(Ui.sync(() -> e.chart().getTitle().getText()).contains("channels 9–16 of 16"));

        // markers at 50 Hz: the first frame of RFT1 is invalid, a gap (NaN) in the plot, not the origin
        assertTrue(Ui.sync(() -> e.plot().selectSignal("markers")));
        assertEquals(Math.min(8, markers), Ui.sync(e::seriesCount));
        assertEquals("RFT1_X (mm)", Ui.sync(() -> axisLabels(e.chart())).get(0));
        double first = Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) e.chart().getPlot()).getSubplots().get(0))
                .getDataset().getYValue(0, 0));
        assertTrue(Double.isNaN(first), "missing sample shown as a gap: " + first);
        assertTrue(Ui.sync(e::hasData));
        Ui.screenshot("06-recording-c3d-plot");

        // the Inspect page: one row per channel of both groups, and the text of `myoflow inspect`
        Ui.run(() -> e.showPage(true));
        List<List<String>> rows = Ui.sync(() -> rows(e.inspectTable()));
        assertEquals(16 + markers, rows.size());
        // in file order: the markers group comes first in this file, then the analog channels
        assertEquals(List.of("markers", "50", "89", "1.78", "RFT1_X", "mm", "marker"), rows.get(0).subList(0, 7));
        assertTrue(Integer.parseInt(rows.get(0).get(7)) > 0, "missing samples counted: " + rows.get(0));
        assertEquals(List.of("analog", "200", "356", "1.78", "FX1", "nt", "force", ""), rows.get(markers));
        String text = Ui.sync(e::inspectText);
        assertTrue(text.contains("signal analog: 16 channels, 200.0 Hz, 356 samples"), text);
        assertTrue(text.contains(": c3d"), text);
        Ui.screenshot("07-recording-c3d-inspect");
    }

    @Test
    void anEdfWithTwoRatesAndABdfShowTheirChannels() throws Exception {
        ResultEditor edf = open("two-rates.edf");
        assertNull(Ui.sync(edf::errorMessage));
        List<String> choices = Ui.sync(() -> edf.plot().signalChoices());
        assertEquals(2, choices.size(), choices::toString);
        assertEquals(3, Ui.sync(edf::seriesCount), "the first group: three EMG channels");
        assertEquals(List.of("EMG1 (mV)", "EMG2 (mV)", "EMG3 (mV)"), Ui.sync(() -> axisLabels(edf.chart())));
        // 4096 samples are more than twice 2000 buckets: reduced to each bucket's minimum and maximum
        int points = Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) edf.chart().getPlot()).getSubplots().get(0))
                .getDataset().getItemCount(0));
        assertTrue(points > 2000 && points <= 4000, "min/max reduced: " + points);
        Ui.run(() -> edf.plot().selectSignal(1, 0));
        assertEquals(1, Ui.sync(edf::seriesCount));
        assertEquals(List.of("Fz (N)"), Ui.sync(() -> axisLabels(edf.chart())));
        assertEquals(200, Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) edf.chart().getPlot()).getSubplots()
                .get(0)).getDataset().getItemCount(0)));
        List<List<String>> rows = Ui.sync(() -> rows(edf.inspectTable()));
        assertEquals(4, rows.size());
        assertEquals(List.of("EMG1", "mV", "emg"), rows.get(0).subList(4, 7));
        assertEquals(List.of("100", "200", "2", "Fz", "N"), rows.get(3).subList(1, 6));

        ResultEditor bdf = open("emg.bdf");
        assertNull(Ui.sync(bdf::errorMessage));
        assertEquals(1, Ui.sync(() -> bdf.plot().signalChoices()).size());
        assertEquals(3, Ui.sync(bdf::seriesCount));
        assertEquals(2048, Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) bdf.chart().getPlot()).getSubplots()
                .get(2)).getDataset().getItemCount(0)));
        double y = Ui.sync(() -> ((XYPlot) ((CombinedDomainXYPlot) bdf.chart().getPlot()).getSubplots().get(2))
                .getDataset().getYValue(0, 17));
        assertEquals(0.3 * Math.sin(2 * Math.PI * 30 * 17 / 2048.0), y, 1e-5, "EMG3 sample 17 within a BDF step");
        assertTrue(Ui.sync(bdf::inspectText).contains("bdf"), Ui.sync(bdf::inspectText));
    }

    @Test
    void inspectRecordingInTheNavigatorsContextMenuOpensTheInspectPage() throws Exception {
        IFile bdf = project.getFile("emg.bdf");
        Ui.run(() -> {
            try {
                org.eclipse.ui.IViewPart nav = page().showView(org.myoflow.ui.MyoflowPerspective.NAVIGATOR_ID);
                page().activate(nav);
                nav.getSite().getSelectionProvider().setSelection(
                        new org.eclipse.jface.viewers.StructuredSelection(bdf));
                PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class)
                        .executeCommand("org.myoflow.ui.views.inspectRecording", null);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        ResultEditor e = Ui.sync(() -> (ResultEditor) page().getActiveEditor());
        opened.add(e);
        assertEquals("emg.bdf", Ui.sync(() -> e.file().getFileName().toString()));
        assertTrue(Ui.sync(e::isInspectPageShown), "the Inspect page is in front");
        long end = System.currentTimeMillis() + 60_000;
        while (Ui.sync(() -> e.plot().isLoading()) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals(3, Ui.sync(() -> e.inspectTable().getItemCount()));
        Ui.screenshot("09-inspect-recording-command");
    }

    @Test
    void aMalformedFileShowsTheReadersMessage() throws Exception {
        ResultEditor e = open("truncated.c3d");
        String msg = Ui.sync(e::errorMessage);
        assertNotNull(msg, "a truncated C3D is not shown as a plot");
        assertTrue(msg.contains("truncated.c3d"), msg);
        assertNull(Ui.sync(e::chart));
        assertNull(Ui.sync(() -> e.plot().recording()));
        assertEquals(0, Ui.sync(() -> e.inspectTable().getItemCount()));
        assertEquals(msg, Ui.sync(e::inspectText));
        assertTrue(Ui.sync(() -> !e.plot().control().isDisposed()), "the editor stays open");
        Ui.screenshot("08-recording-malformed");
    }
}
