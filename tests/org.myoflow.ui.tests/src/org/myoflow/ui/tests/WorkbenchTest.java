package org.myoflow.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.model.Experiment;
import org.myoflow.model.IntegerValue;
import org.myoflow.model.Node;
import org.myoflow.model.ParameterValue;
import org.myoflow.ui.ExampleProjects;
import org.myoflow.ui.MyoflowPerspective;
import org.myoflow.ui.PipelineProblems;
import org.myoflow.ui.PipelineRuns;

/**
 * The workbench as a person uses it: start, create the example project with the welcome action, look at the
 * Problems view, run the demo pipeline as a background job, run it again after an edit (only what changed is
 * recomputed), put an invalid parameter in and see the marker. Screenshots go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchTest {

    static IProject project() {
        return ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjects.DEFAULT_NAME);
    }

    static IFile demo() {
        return project().getFile(ExampleProjects.DEMO_FILE);
    }

    static IWorkbenchPage page() {
        return Ui.sync(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage());
    }

    static IMarker[] problems(IResource r) throws Exception {
        return r.findMarkers(PipelineProblems.MARKER_TYPE, true, IResource.DEPTH_INFINITE);
    }

    @Test
    @Order(1)
    void startsInTheMyoflowPerspective() throws Exception {
        assertEquals(MyoflowPerspective.ID, Ui.sync(() -> page().getPerspective().getId()));
        assertNotNull(Ui.sync(() -> page().findView(MyoflowPerspective.NAVIGATOR_ID)), "navigator open");
        Ui.screenshot("01-empty-workbench");
    }

    @Test
    @Order(2)
    void welcomeActionCreatesTheExampleProject() throws Exception {
        Ui.sync(() -> PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.myoflow.ui.commands.createExamples", null));
        assertTrue(project().isOpen());
        assertTrue(demo().exists());
        Path examples = ExampleProjects.installedExamples();
        assertNotNull(examples, "myoflow.home points at the checkout");
        List<String> expected;
        try (Stream<Path> s = Files.list(examples)) {
            expected = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".myoflow")).sorted().toList();
        }
        List<String> inProject = Arrays.stream(project().members()).map(IResource::getName)
                .filter(n -> n.endsWith(".myoflow") && !n.equals(ExampleProjects.DEMO_FILE)).sorted().toList();
        assertEquals(expected, inProject);
        assertTrue(project().getFolder("data").exists(), "example data copied");
        // every example validates: the Problems view holds no pipeline problem
        for (IResource r : project().members()) {
            if (r instanceof IFile f && "myoflow".equals(f.getFileExtension())) {
                PipelineProblems.updateFromDisk(f);
            }
        }
        IMarker[] markers = problems(project());
        assertEquals(0, markers.length, () -> "unexpected problems: " + Arrays.stream(markers)
                .map(m -> m.getResource().getName() + ": " + m.getAttribute(IMarker.MESSAGE, "")).toList());
        assertEquals(List.of(), Ui.problemsViewRows(List.of()), "the Problems view is empty");
        // the welcome action opened the demo in the pipeline editor: graph of the first pipeline, palette of steps
        org.myoflow.ui.editor.PipelineEditor editor = editor();
        assertEquals(demo(), Ui.sync(editor::file));
        assertEquals(List.of("excitation", "pool", "muaps", "emg"),
                Ui.sync(() -> editor.pipeline().getNodes().stream().map(Node::getId).toList()));
        assertEquals(3, Ui.sync(() -> editor.pipeline().getConnections().size()));
        List<String> categories = Ui.sync(() -> Arrays.stream(widgets(editor).paletteTree().getItems())
                .map(org.eclipse.swt.widgets.TreeItem::getText).toList());
        long steps = Ui.sync(() -> Arrays.stream(widgets(editor).paletteTree().getItems()).mapToLong(WorkbenchTest::leaves).sum());
        int installed = org.myoflow.ui.MyoflowServices.registry().steps().size();
        assertEquals(installed, steps, "every installed step in the palette: " + categories);
        assertTrue(categories.contains("Simulation") && categories.contains("Activation"), categories::toString);
        assertEquals(List.of(), Ui.sync(editor::problems));
        Ui.screenshot("02-example-project");
    }

    @Test
    @Order(3)
    void runsTheDemoAndRecomputesOnlyWhatChanged() throws Exception {
        org.myoflow.ui.editor.PipelineEditor editor = editor();
        PipelineRuns.RunJob first = Ui.sync(editor::run);
        Ui.screenshot("03-demo-running");
        first.join();
        assertEquals(IStatus.OK, first.getResult().getSeverity(), () -> first.getResult().toString());
        assertEquals(Set.of("excitation", "pool", "muaps", "emg"), first.computedNodes());
        assertNotNull(first.runFolder(), "run folder inside the workspace");
        assertTrue(first.runFolder().exists());
        assertTrue(first.runFolder().getFile(org.eclipse.core.runtime.IPath.fromOSString("run.json")).exists());
        assertTrue(first.runFolder().getFile(org.eclipse.core.runtime.IPath.fromOSString("emg.emg.npy")).exists());

        PipelineRuns.RunJob same = Ui.sync(editor::run);
        same.join();
        assertEquals(IStatus.OK, same.getResult().getSeverity());
        assertEquals(Set.of(), same.computedNodes(), "nothing changed: everything from the cache");

        // the ISI variability of the pool: the pool and the EMG it drives change, the MUAPs do not
        assertEquals(null, Ui.sync(() -> editor.setParameter("pool", "isiCv", "0.15")));
        assertTrue(Ui.sync(editor::isDirty));
        PipelineRuns.RunJob edited = Ui.sync(editor::run);
        edited.join();
        assertTrue(!Ui.sync(editor::isDirty), "run saved the edit");
        assertEquals(0.15, ((org.myoflow.model.NumberValue) parameter(
                ExperimentFiles.load(demo().getLocation().toPath()), "pool", "isiCv")).getValue(), 0.0);
        assertEquals(IStatus.OK, edited.getResult().getSeverity(), () -> edited.getResult().toString());
        assertEquals(Set.of("pool", "emg"), edited.computedNodes(), "the pool and what depends on it");
        lastRun = edited.runFolder();
    }

    static org.eclipse.core.resources.IContainer lastRun;

    @Test
    @Order(5)
    void showsTheResultsAndTheirProvenance() throws Exception {
        assertNotNull(lastRun, "the run test ran first");
        IFile emg = lastRun.getFile(org.eclipse.core.runtime.IPath.fromOSString("emg.emg.npy"));
        IFile spikes = lastRun.getFile(org.eclipse.core.runtime.IPath.fromOSString("pool.spikes.npy"));
        Path shots = Path.of(System.getProperty("myoflow.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        int[] emgPlot = Ui.sync(() -> {
            org.myoflow.ui.views.ResultPlotView v = org.myoflow.ui.views.ResultViews.openPlot(page(), emg);
            assertEquals(null, v.errorMessage());
            v.exportPng(shots.resolve("emg-plot.png"), 900, 600);
            v.exportSvg(shots.resolve("emg-plot.svg"));
            return new int[] { v.seriesCount(), (int) org.myoflow.ui.views.ResultViews.itemCount(v.chart()) };
        });
        assertTrue(emgPlot[0] >= 8, "one series per shown EMG channel (8 panels): " + emgPlot[0]);
        assertTrue(emgPlot[1] > 1000, "the EMG plot has data points: " + emgPlot[1]);
        long raster = Ui.sync(() -> org.myoflow.ui.views.ResultViews.itemCount(
                org.myoflow.ui.views.ResultViews.openPlot(page(), spikes).chart()));
        assertTrue(raster > 100, "the raster shows spikes: " + raster);
        assertTrue(Files.size(shots.resolve("emg-plot.png")) > 10_000);
        assertTrue(Files.readString(shots.resolve("emg-plot.svg")).contains("<svg"));
        int provenance = Ui.sync(() -> org.myoflow.ui.views.ResultViews.showProvenance(page(), lastRun).itemCount());
        assertTrue(provenance > 20, "run and node rows in the provenance tree: " + provenance);
        Ui.run(() -> {
            try {
                org.myoflow.ui.views.ResultViews.openPlot(page(), emg);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        Ui.screenshot("04-emg-plot-and-provenance");
    }

    @Test
    @Order(4)
    void anInvalidParameterPutsAMarker() throws Exception {
        org.myoflow.ui.editor.PipelineEditor editor = editor();
        // type an out-of-range value into the pool's "units" field of the parameter form
        Ui.run(() -> {
            editor.selectNode("pool");
            ((org.eclipse.swt.widgets.Text) widgets(editor).parameterControl("units")).setText("0");
        });
        Ui.settle();
        String fieldMessage = Ui.sync(() -> editor.parameterMessage("units"));
        assertNotNull(fieldMessage, "the form shows the problem under the field");
        assertEquals(1, Ui.sync(editor::problems).size());
        IMarker[] markers = problems(demo());
        assertEquals(1, markers.length);
        String msg = markers[0].getAttribute(IMarker.MESSAGE, "");
        assertTrue(msg.contains("pool") && msg.contains("units"), msg);
        assertEquals("pool", markers[0].getAttribute(PipelineProblems.NODE_ID, ""));
        assertEquals(List.of("Errors (1 item)"), Ui.problemsViewRows(List.of("Errors (1 item)")));
        Ui.screenshot("05-invalid-parameter-marker");
        // Edit > Undo restores the value and the marker goes away
        assertTrue(Ui.sync(editor::undo));
        Ui.settle();
        assertEquals(30L, units(Ui.sync(editor::experiment)).getValue());
        assertEquals(0, problems(demo()).length);
        assertEquals(List.of(), Ui.problemsViewRows(List.of()));
        assertTrue(Ui.sync(editor::redo));
        assertEquals(0L, units(Ui.sync(editor::experiment)).getValue());
        assertTrue(Ui.sync(editor::undo));
        assertEquals(0, problems(demo()).length);
    }

    @Test
    @Order(6)
    void theFormGreysParametersThatDoNotApplyAndOffersChannels() throws Exception {
        org.myoflow.ui.editor.PipelineEditor editor = editor();
        Ui.run(() -> editor.selectNode("pool"));
        Ui.settle();
        // the demo's pool uses FUGLEVAND_1993: its rate parameters apply
        assertTrue(Ui.sync(() -> widgets(editor).parameterControl("recruitmentRange").getEnabled()));
        // the pool's channel is a drop-down of the labels the connected excitation declares
        org.eclipse.swt.widgets.Control channel = Ui.sync(() -> widgets(editor).parameterControl("channel"));
        assertTrue(channel instanceof org.eclipse.swt.widgets.Combo, String.valueOf(channel));
        assertEquals(List.of("excitation"), Ui.sync(() -> Arrays.asList(
                ((org.eclipse.swt.widgets.Combo) channel).getItems())));
    }

    /** Steps under a palette category (sub-categories such as Simulation/Spikes nest). */
    static long leaves(org.eclipse.swt.widgets.TreeItem item) {
        return item.getItemCount() == 0 ? 1 : Arrays.stream(item.getItems()).mapToLong(WorkbenchTest::leaves).sum();
    }

    static org.myoflow.ui.editor.PipelineEditor editor() {
        return Ui.sync(() -> {
            org.eclipse.ui.IEditorPart part = page().getActiveEditor();
            assertTrue(part instanceof org.myoflow.ui.editor.PipelineEditor, "active editor: " + part);
            return (org.myoflow.ui.editor.PipelineEditor) part;
        });
    }

    /** The editor's SWT widgets, through its internal test adapter (org.myoflow.ui.editor.internal is a friend). */
    static org.myoflow.ui.editor.internal.EditorWidgets widgets(org.myoflow.ui.editor.PipelineEditor editor) {
        org.myoflow.ui.editor.internal.EditorWidgets w = editor.getAdapter(
                org.myoflow.ui.editor.internal.EditorWidgets.class);
        assertNotNull(w, "the pipeline editor adapts to EditorWidgets");
        return w;
    }

    static IntegerValue units(Experiment e) {
        return (IntegerValue) parameter(e, "pool", "units");
    }

    static ParameterValue parameter(Experiment e, String nodeId, String key) {
        Node node = e.getPipelines().get(0).getNodes().stream().filter(n -> n.getId().equals(nodeId)).findFirst()
                .orElseThrow();
        for (ParameterValue pv : node.getParameters()) {
            if (pv.getKey().equals(key)) {
                return pv;
            }
        }
        throw new AssertionError("the demo's node " + nodeId + " has no parameter " + key);
    }
}
