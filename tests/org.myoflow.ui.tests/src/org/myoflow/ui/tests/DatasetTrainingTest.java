package org.myoflow.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoflow.ui.ExampleProjects;
import org.myoflow.ui.PipelineRuns;
import org.myoflow.ui.editor.PipelineEditor;

/**
 * Training on a dataset in the workbench: the leave-trial-out examples (refinement, NMM, LFADS, SynX) opened in the
 * pipeline editor of an example project and run with the editor's run action (the workbench's background run job),
 * each run completing with the trained step's outputs in the run folder.
 */
class DatasetTrainingTest {

    static final String PROJECT = "myoflow-datasets";

    static IWorkbenchPage page() {
        return Ui.sync(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage());
    }

    @ParameterizedTest
    @CsvSource({"datasets-refine-lto.myoflow, refine.refined.npy, refine",
        "datasets-nmm-lto.myoflow, nmm.excitation.npy, nmm",
        "datasets-lfads-lto.myoflow, lfads.activation.npy, lfads",
        "datasets-synx-lto.myoflow, synx.calibration.npy, synx"})
    void leaveTrialOutTrainingRunsFromTheEditor(String example, String output, String trainer) throws Exception {
        assertNotNull(ExampleProjects.installedExamples(), "myoflow.home points at the checkout");
        IProject project = ExampleProjects.create(PROJECT, null);
        IFile file = project.getFile(example);
        assertTrue(file.exists(), example + " copied into the example project");
        assertTrue(project.getFolder("data").exists(), "example data copied");
        PipelineEditor editor = Ui.sync(() -> (PipelineEditor) IDE.openEditor(page(), file));
        assertEquals(file, Ui.sync(editor::file));
        assertEquals(java.util.List.of(), Ui.sync(editor::problems), "the example validates in the editor");
        PipelineRuns.RunJob job = Ui.sync(editor::run);
        assertNotNull(job, "the editor scheduled a run");
        job.join();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), () -> job.getResult().toString());
        assertTrue(job.computedNodes().contains(trainer), "the training node ran: " + job.computedNodes());
        assertTrue(job.runFolder().getFile(IPath.fromOSString("run.json")).exists());
        assertTrue(job.runFolder().getFile(IPath.fromOSString(output)).exists(), output + " in " + job.runFolder());
        Ui.run(() -> page().closeEditor(editor, false));
    }
}
