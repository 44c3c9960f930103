package org.myoflow.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.action.IStatusLineManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.SaveAsDialog;
import org.eclipse.ui.operations.UndoRedoActionGroup;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.part.FileEditorInput;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Experiment;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Node;
import org.myoflow.model.Pipeline;
import org.myoflow.ui.MyoflowServices;
import org.myoflow.ui.PipelineProblems;
import org.myoflow.ui.PipelineRuns;
import org.myoflow.ui.PipelineRuns.RunJob;
import org.myoflow.ui.editor.edit.ParameterText;
import org.myoflow.ui.editor.edit.PipelineEditSession;
import org.myoflow.ui.editor.edit.PipelineEdits;
import org.myoflow.ui.editor.internal.EditorWidgets;
import org.myoflow.ui.editor.internal.GraphCanvas;
import org.myoflow.ui.editor.internal.ParameterForm;
import org.myoflow.ui.editor.internal.StepPalette;
import org.myoflow.ui.internal.UiLog;

/**
 * The editor of {@code .myoflow} experiments: the palette of installed steps on the left, the pipeline as a graph
 * in the middle, the parameter form of the selected node on the right, and Run / Validate with the pipeline
 * selector above. Every edit (add, remove, move, rename, connect, disconnect, parameter) is one undoable operation
 * on the workbench's operation history (Edit &gt; Undo / Redo), and after every edit the experiment is validated
 * with the engine into problem markers on the file ({@link PipelineProblems}), which also mark the nodes in red
 * and the fields of the form.
 * <p>
 * The public methods edit, validate and run the experiment programmatically (scripts, automated UI tests); they take
 * the same path as the widgets (an undoable edit followed by validation). Call them in the UI thread. The SWT widgets
 * themselves are not API: the workbench UI tests reach them through the internal {@link EditorWidgets} adapter.
 *
 * @since 0.1
 */
public final class PipelineEditor extends EditorPart {

    /** Editor id. */
    public static final String ID = "org.myoflow.ui.editor.pipeline";

    private IFile file;
    private StepRegistry registry;
    private PipelineEditSession session;
    private int pipelineIndex;
    private List<ValidationProblem> problems = List.of();
    private GraphCanvas graph;
    private StepPalette palette;
    private ParameterForm form;
    private Combo pipelineCombo;
    private Label pipelineLabel;
    private UndoRedoActionGroup undoRedo;
    private RunJob lastRun;
    private String statusMessage = "";

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fi)) {
            throw new PartInitException("The pipeline editor opens experiment files of the workspace, not " + input);
        }
        IFile f = fi.getFile();
        if (f.getLocation() == null) {
            throw new PartInitException(f.getFullPath() + " is not on the local file system");
        }
        Experiment experiment;
        try {
            experiment = ExperimentFiles.load(f.getLocation().toPath());
        } catch (DataException e) {
            throw new PartInitException("Cannot open " + f.getFullPath() + ": " + e.getMessage(), e);
        }
        try {
            registry = MyoflowServices.registry();
        } catch (IllegalStateException e) {
            throw new PartInitException(e.getMessage(), e);
        }
        setSite(site);
        setInputWithNotify(input);
        file = f;
        setPartName(f.getName());
        session = new PipelineEditSession(experiment,
                PlatformUI.getWorkbench().getOperationSupport().getOperationHistory(), this::changed);
    }

    @Override
    public void createPartControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 2;
        root.setLayout(gl);

        Composite top = new Composite(root, SWT.NONE);
        GridLayout tl = new GridLayout(3, false);
        tl.marginHeight = 0;
        top.setLayout(tl);
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        ToolBar bar = new ToolBar(top, SWT.FLAT | SWT.RIGHT);
        ToolItem runItem = new ToolItem(bar, SWT.PUSH);
        runItem.setText("\u25B6 Run");
        runItem.setToolTipText("Run pipeline (Ctrl+R): saves the experiment first if needed");
        runItem.addListener(SWT.Selection, e -> run());
        ToolItem validateItem = new ToolItem(bar, SWT.PUSH);
        validateItem.setText("\u2713 Validate");
        validateItem.setToolTipText("Validate the experiment (problems go to the Problems view)");
        validateItem.addListener(SWT.Selection, e -> validate());
        pipelineLabel = new Label(top, SWT.NONE);
        pipelineLabel.setText("   Pipeline:");
        pipelineCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        pipelineCombo.addListener(SWT.Selection, e -> showPipeline(pipelineCombo.getSelectionIndex()));

        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        palette = new StepPalette(sash, registry.steps(), this::addNodeFromPalette);
        graph = new GraphCanvas(sash, new GraphHost());
        form = new ParameterForm(sash, new FormHost());
        sash.setWeights(18, 56, 26);

        undoRedo = new UndoRedoActionGroup(getSite(), session.undoContext(), true);
        undoRedo.fillActionBars(getEditorSite().getActionBars());
        getEditorSite().getActionBars().updateActionBars();
        updatePipelineSelector();
        updateProblems();
        graph.refresh();
    }

    // ---------------------------------------------------------------- API

    /** The experiment under edit (the current state: read it; change it through this editor's methods). */
    public Experiment experiment() {
        return session.experiment();
    }

    /** The pipeline shown, or null when the experiment has none. */
    public Pipeline pipeline() {
        return pipelineOf(session.experiment());
    }

    /** The experiment file. */
    public IFile file() {
        return file;
    }

    /** The undo context of this editor's edits on the workbench operation history. */
    public IUndoContext undoContext() {
        return session.undoContext();
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() {
        return session.undo();
    }

    /** Redoes the last undone edit; false when there is none. */
    public boolean redo() {
        return session.redo();
    }

    /**
     * Shows the pipeline with this name.
     *
     * @throws IllegalArgumentException when the experiment has no such pipeline
     */
    public void showPipeline(String name) {
        List<Pipeline> ps = experiment().getPipelines();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).getName() != null && ps.get(i).getName().equals(name)) {
                showPipeline(i);
                return;
            }
        }
        throw new IllegalArgumentException("no pipeline named '" + name + "'");
    }

    /**
     * Adds a node of an installed step at (x, y) with a fresh id and the step's defaults, and selects it.
     *
     * @return the new node's id
     * @throws IllegalArgumentException when the step is not installed
     */
    public String addNode(String stepId, int x, int y) {
        RegisteredStep step = registry.find(stepId)
                .orElseThrow(() -> new IllegalArgumentException("step '" + stepId + "' is not installed"));
        String[] id = new String[1];
        session.edit("Add " + step.descriptor().name(), null, e -> {
            if (e.getPipelines().isEmpty()) {
                Pipeline p = MyoflowFactory.eINSTANCE.createPipeline();
                p.setName("main");
                e.getPipelines().add(p);
            }
            id[0] = PipelineEdits.addNode(pipelineOf(e), step, x, y).getId();
        });
        selectNode(id[0]);
        status("Added " + id[0] + " (" + step.descriptor().name() + ")", false);
        return id[0];
    }

    /**
     * Removes a node and its connections.
     *
     * @throws IllegalArgumentException when there is no such node
     */
    public void removeNode(String nodeId) {
        edit("Remove " + nodeId, null, p -> PipelineEdits.removeNode(p, nodeId));
    }

    /**
     * Moves a node.
     *
     * @throws IllegalArgumentException when there is no such node
     */
    public void moveNode(String nodeId, int x, int y) {
        edit("Move " + nodeId, null, p -> PipelineEdits.moveNode(p, nodeId, x, y));
    }

    /**
     * Renames a node (its connections follow).
     *
     * @throws IllegalArgumentException when the new id is invalid or already used
     */
    public void renameNode(String oldId, String newId) {
        boolean wasSelected = oldId.equals(selectedNode());
        edit("Rename " + oldId + " to " + newId, null, p -> PipelineEdits.renameNode(p, oldId, newId));
        if (wasSelected) {
            selectNode(newId);
        }
    }

    /**
     * Connects an output port to an input port (replacing the input's previous connection).
     *
     * @throws IllegalArgumentException when a node or port is missing, the port types do not fit, or the
     *                                  connection would make a cycle; the reason is the message
     */
    public void connect(String sourceNode, String sourcePort, String targetNode, String targetPort) {
        edit("Connect " + sourceNode + "." + sourcePort + " to " + targetNode + "." + targetPort, null, p -> {
            Node s = PipelineEdits.node(p, sourceNode)
                    .orElseThrow(() -> new IllegalArgumentException("no node '" + sourceNode + "'"));
            Node t = PipelineEdits.node(p, targetNode)
                    .orElseThrow(() -> new IllegalArgumentException("no node '" + targetNode + "'"));
            PipelineEdits.connect(p, sourceNode, descriptor(s.getStepId()), sourcePort, targetNode,
                    descriptor(t.getStepId()), targetPort);
        });
    }

    /**
     * Removes the connection into an input port.
     *
     * @return whether there was one
     */
    public boolean disconnect(String targetNode, String targetPort) {
        Pipeline p = pipeline();
        boolean present = p != null && p.getConnections().stream()
                .anyMatch(c -> targetNode.equals(c.getTargetNode()) && targetPort.equals(c.getTargetPort()));
        if (present) {
            edit("Disconnect " + targetNode + "." + targetPort, null,
                    x -> PipelineEdits.disconnect(x, targetNode, targetPort));
        }
        return present;
    }

    /**
     * Sets a node's parameter from text exactly as the form does: an undoable edit (consecutive edits of the same
     * parameter merge into one undo step), then validation. An empty text removes the value (the default applies).
     * Text that is not a value of the parameter's type changes nothing.
     *
     * @return why the text is not a valid value (not convertible, or out of range; an out-of-range value is still
     *         stored, and the engine reports it too), or null when it is valid
     * @throws IllegalArgumentException when there is no such node or parameter
     */
    public String setParameter(String nodeId, String key, String textValue) {
        String problem = applyParameter(nodeId, key, textValue);
        if (form != null) {
            form.show(form.nodeId());
        }
        return problem;
    }

    /** Selects a node on the graph and shows its form (null clears the selection). */
    public void selectNode(String nodeId) {
        if (graph != null) {
            graph.selectNode(nodeId);
        }
    }

    /** The selected node's id, or null. */
    public String selectedNode() {
        return graph == null ? null : graph.selectedNode();
    }

    /** The message shown under a parameter's field ("" when none). */
    public String parameterMessage(String key) {
        return form.message(key);
    }

    /** The validation problems of the pipeline shown, as of the last edit. */
    public List<ValidationProblem> problems() {
        return problemsOfShown();
    }

    /**
     * Validates the experiment now (problem markers on the file) and reports the count in the status line.
     *
     * @return the problems of the pipeline shown
     */
    public List<ValidationProblem> validate() {
        updateProblems();
        graph.refresh();
        form.show(form.nodeId());
        List<ValidationProblem> shown = problemsOfShown();
        status(shown.isEmpty() ? "Pipeline '" + pipelineName() + "' is valid"
                : shown.size() + " problem(s) in pipeline '" + pipelineName() + "' (see the Problems view)",
                !shown.isEmpty());
        return shown;
    }

    /**
     * Runs the pipeline shown as a background job (saving the experiment first when it has unsaved edits); the
     * job's outcome appears in the status line.
     *
     * @return the scheduled job, or null when there is no pipeline or the save failed
     */
    public RunJob run() {
        Pipeline p = pipeline();
        if (p == null) {
            status("The experiment has no pipeline to run", true);
            return null;
        }
        if (isDirty() && !save()) {
            return null;
        }
        RunJob job = PipelineRuns.schedule(file, experiment(), p.getName());
        lastRun = job;
        status("Running pipeline '" + p.getName() + "'...", false);
        Display display = graph.canvas().getDisplay();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                display.asyncExec(() -> reportRun(job));
            }
        });
        if (job.getResult() != null) {
            reportRun(job);
        }
        return job;
    }

    /** The last run started from this editor, or null. */
    public RunJob lastRun() {
        return lastRun;
    }

    /** The last message this editor put into the status line. */
    public String statusMessage() {
        return statusMessage;
    }

    /**
     * Adapts to {@link EditorWidgets} (the editor's SWT widgets, for the workbench UI tests; internal, not API) and
     * otherwise as every editor part does.
     */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == EditorWidgets.class) {
            return adapter.cast(new EditorWidgets() {
                @Override
                public Canvas graphCanvas() {
                    return graph.canvas();
                }

                @Override
                public Tree paletteTree() {
                    return palette.control();
                }

                @Override
                public Control parameterControl(String key) {
                    return form.parameterControl(key);
                }

                @Override
                public Text nodeIdField() {
                    return form.idField();
                }
            });
        }
        return super.getAdapter(adapter);
    }

    // ---------------------------------------------------------------- saving

    @Override
    public void doSave(IProgressMonitor monitor) {
        save();
    }

    private boolean save() {
        try {
            // save() moves the experiment into a new resource: write a copy, keep the one under edit
            ExperimentFiles.save(EcoreUtil.copy(experiment()), file.getLocation().toPath());
            file.refreshLocal(IResource.DEPTH_ZERO, null);
        } catch (java.io.IOException | CoreException e) {
            UiLog.error("cannot save " + file.getFullPath(), e);
            status("Cannot save " + file.getName() + ": " + e.getMessage(), true);
            return false;
        }
        session.markSaved();
        firePropertyChange(PROP_DIRTY);
        updateProblems();
        status("Saved " + file.getFullPath(), false);
        return true;
    }

    @Override
    public void doSaveAs() {
        SaveAsDialog dialog = new SaveAsDialog(getSite().getShell());
        dialog.setOriginalFile(file);
        if (dialog.open() != SaveAsDialog.OK || dialog.getResult() == null) {
            return;
        }
        IPath path = dialog.getResult();
        if (path.getFileExtension() == null) {
            path = path.addFileExtension(ExperimentFiles.EXTENSION);
        }
        IFile target = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
        if (target.getParent().getLocation() == null) {
            status("Cannot save to " + path + ": not on the local file system", true);
            return;
        }
        try {
            ExperimentFiles.save(EcoreUtil.copy(experiment()), target.getParent().getLocation().append(
                    target.getName()).toPath());
            target.getParent().refreshLocal(IResource.DEPTH_ONE, null);
        } catch (java.io.IOException | CoreException e) {
            UiLog.error("cannot save " + path, e);
            status("Cannot save " + path + ": " + e.getMessage(), true);
            return;
        }
        file = target;
        setInputWithNotify(new FileEditorInput(target));
        setPartName(target.getName());
        session.markSaved();
        firePropertyChange(PROP_DIRTY);
        updateProblems();
        status("Saved as " + target.getFullPath(), false);
    }

    @Override
    public boolean isDirty() {
        return session != null && session.isDirty();
    }

    @Override
    public boolean isSaveAsAllowed() {
        return true;
    }

    @Override
    public void setFocus() {
        graph.canvas().setFocus();
    }

    @Override
    public void dispose() {
        if (undoRedo != null) {
            undoRedo.dispose();
        }
        if (session != null) {
            session.dispose();
        }
        super.dispose();
    }

    // ---------------------------------------------------------------- internals

    private String pipelineName() {
        Pipeline p = pipeline();
        return p == null ? "" : p.getName();
    }

    private Pipeline pipelineOf(Experiment e) {
        List<Pipeline> ps = e.getPipelines();
        return ps.isEmpty() ? null : ps.get(Math.min(pipelineIndex, ps.size() - 1));
    }

    private StepDescriptor descriptor(String stepId) {
        return stepId == null ? null : registry.find(stepId).map(RegisteredStep::descriptor).orElse(null);
    }

    private void edit(String label, Object coalesceKey, Consumer<Pipeline> change) {
        session.edit(label, coalesceKey, e -> {
            Pipeline p = pipelineOf(e);
            if (p == null) {
                throw new IllegalArgumentException("the experiment has no pipeline");
            }
            change.accept(p);
        });
    }

    private String applyParameter(String nodeId, String key, String text) {
        Node n = PipelineEdits.node(pipeline(), nodeId)
                .orElseThrow(() -> new IllegalArgumentException("no node '" + nodeId + "'"));
        StepDescriptor d = descriptor(n.getStepId());
        if (d == null) {
            throw new IllegalArgumentException("the step of node '" + nodeId + "' is not installed");
        }
        ParameterSpec spec = d.parameters().get(key)
                .orElseThrow(() -> new IllegalArgumentException(d.name() + " has no parameter '" + key + "'"));
        String problem = ParameterText.problem(spec, text);
        try {
            edit("Set " + nodeId + "." + key, List.of(pipelineIndex, nodeId, key), p -> PipelineEdits.setParameter(
                    PipelineEdits.node(p, nodeId).orElseThrow(), spec, text));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return problem;
    }

    private void showPipeline(int index) {
        if (index < 0 || index >= experiment().getPipelines().size()) {
            return;
        }
        pipelineIndex = index;
        selectNode(null);
        updatePipelineSelector();
        updateProblems();
        graph.refresh();
        form.show(null);
    }

    private void updatePipelineSelector() {
        if (pipelineCombo == null || pipelineCombo.isDisposed()) {
            return;
        }
        List<Pipeline> ps = experiment().getPipelines();
        String[] names = ps.stream().map(p -> p.getName() == null ? "(unnamed)" : p.getName()).toArray(String[]::new);
        if (!java.util.Arrays.equals(names, pipelineCombo.getItems())) {
            pipelineCombo.setItems(names);
        }
        if (!ps.isEmpty()) {
            pipelineCombo.select(Math.min(pipelineIndex, ps.size() - 1));
        }
        boolean several = ps.size() > 1;
        pipelineCombo.setVisible(several);
        pipelineLabel.setVisible(several);
    }

    /** Called by the session after every edit, undo and redo. */
    private void changed() {
        if (graph == null || graph.canvas().isDisposed()) {
            return;
        }
        updatePipelineSelector();
        updateProblems();
        graph.refresh();
        form.show(graph.selectedNode());
        firePropertyChange(PROP_DIRTY);
    }

    private void updateProblems() {
        try {
            problems = PipelineProblems.update(file, experiment());
        } catch (CoreException | RuntimeException e) {
            problems = PipelineProblems.validate(experiment(), registry, PipelineProblems.baseDirectory(file));
        }
    }

    /** The problems of the pipeline shown: with several pipelines, messages carry a "pipeline 'x': " prefix. */
    private List<ValidationProblem> problemsOfShown() {
        if (experiment().getPipelines().size() <= 1) {
            return problems;
        }
        String prefix = "pipeline '" + pipelineName() + "': ";
        List<ValidationProblem> out = new ArrayList<>();
        for (ValidationProblem p : problems) {
            if (p.message().startsWith(prefix)) {
                out.add(new ValidationProblem(p.nodeId(), p.subject(), p.message().substring(prefix.length())));
            }
        }
        return out;
    }

    private void reportRun(RunJob job) {
        if (job != lastRun || graph == null || graph.canvas().isDisposed()) {
            return;
        }
        IStatus s = job.getResult();
        if (s == null) {
            return;
        }
        String msg = switch (s.getSeverity()) {
            case IStatus.OK, IStatus.INFO -> s.getMessage() + " (" + job.computedNodes().size() + " computed)";
            case IStatus.CANCEL -> "Run of '" + pipelineName() + "' cancelled";
            default -> "Run failed: " + s.getMessage();
        };
        status(msg, s.getSeverity() >= IStatus.WARNING && s.getSeverity() != IStatus.CANCEL);
    }

    private void status(String message, boolean error) {
        statusMessage = message;
        IStatusLineManager sl = getEditorSite().getActionBars().getStatusLineManager();
        if (error) {
            sl.setMessage(null);
            sl.setErrorMessage(message);
        } else {
            sl.setErrorMessage(null);
            sl.setMessage(message);
        }
    }

    private void addNodeFromPalette(String stepId) {
        Point p = graph.freeSpot();
        try {
            addNode(stepId, p.x, p.y);
        } catch (IllegalArgumentException e) {
            status(e.getMessage(), true);
        }
    }

    private Set<String> problemNodes() {
        Set<String> ids = new TreeSet<>();
        for (ValidationProblem p : problemsOfShown()) {
            if (p.nodeId() != null) {
                ids.add(p.nodeId());
            }
        }
        return ids;
    }

    /** The canvas's view of the editor. */
    private final class GraphHost implements GraphCanvas.Host {
        @Override
        public Pipeline pipeline() {
            return PipelineEditor.this.pipeline();
        }

        @Override
        public StepDescriptor descriptor(String stepId) {
            return PipelineEditor.this.descriptor(stepId);
        }

        @Override
        public Set<String> problemNodes() {
            return PipelineEditor.this.problemNodes();
        }

        @Override
        public List<String> problemsOf(String nodeId) {
            return problemsOfShown().stream().filter(p -> nodeId.equals(p.nodeId())).map(ValidationProblem::toString)
                    .toList();
        }

        @Override
        public void nodeSelected(String nodeId) {
            if (form != null) {
                form.show(nodeId);
            }
        }

        @Override
        public void moveNode(String nodeId, int x, int y) {
            guarded(() -> PipelineEditor.this.moveNode(nodeId, x, y));
        }

        @Override
        public String connect(String sourceNode, String sourcePort, String targetNode, String targetPort) {
            try {
                PipelineEditor.this.connect(sourceNode, sourcePort, targetNode, targetPort);
                status("Connected " + sourceNode + "." + sourcePort + " \u2192 " + targetNode + "." + targetPort,
                        false);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @Override
        public void removeNode(String nodeId) {
            guarded(() -> PipelineEditor.this.removeNode(nodeId));
        }

        @Override
        public void disconnect(String targetNode, String targetPort) {
            guarded(() -> PipelineEditor.this.disconnect(targetNode, targetPort));
        }

        @Override
        public void addNode(String stepId, int x, int y) {
            guarded(() -> PipelineEditor.this.addNode(stepId, x, y));
        }

        @Override
        public void status(String message, boolean error) {
            PipelineEditor.this.status(message, error);
        }

        private void guarded(Runnable r) {
            try {
                r.run();
            } catch (IllegalArgumentException e) {
                PipelineEditor.this.status(e.getMessage(), true);
            }
        }
    }

    /** The form's view of the editor. */
    private final class FormHost implements ParameterForm.Host {
        @Override
        public Node node(String nodeId) {
            Pipeline p = pipeline();
            return p == null ? null : PipelineEdits.node(p, nodeId).orElse(null);
        }

        @Override
        public StepDescriptor descriptor(String stepId) {
            return PipelineEditor.this.descriptor(stepId);
        }

        @Override
        public String setParameter(String nodeId, String key, String text) {
            try {
                return applyParameter(nodeId, key, text);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @Override
        public String rename(String oldId, String newId) {
            try {
                renameNode(oldId, newId);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @Override
        public List<ValidationProblem> problemsOf(String nodeId) {
            return problemsOfShown().stream().filter(p -> nodeId.equals(p.nodeId())).toList();
        }

        @Override
        public Path baseDirectory() {
            return PipelineProblems.baseDirectory(file);
        }

        @Override
        public Pipeline pipeline() {
            return PipelineEditor.this.pipeline();
        }

        @Override
        public Map<String, Map<String, DataSpec>> specs() {
            Pipeline p = pipeline();
            if (p == null || registry == null) {
                return Map.of();
            }
            try { // configure only: cheap, nothing runs
                RunOptions o = new RunOptions();
                Path base = PipelineProblems.baseDirectory(file);
                if (base != null) {
                    o.baseDirectory(base);
                }
                return new Engine(registry).configure(experiment(), p, o).specs();
            } catch (RuntimeException e) {
                return Map.of();
            }
        }
    }
}
