package org.myoflow.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.myoflow.core.data.DataException;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.model.Experiment;
import org.myoflow.model.Pipeline;

/**
 * Validation of experiments as problem markers: each problem the engine's {@link Engine#validate} reports (unknown
 * steps, missing or mistyped connections, parameters out of range or of the wrong type, cycles, ...) becomes an
 * error marker of type {@value #MARKER_TYPE} on the {@code .myoflow} file, shown in the Problems view. The editor
 * calls {@link #update(IFile, Experiment)} on every edit (the unsaved model); a resource listener validates files
 * changed on disk.
 *
 * @since 0.1
 */
public final class PipelineProblems {

    /** Marker type of pipeline problems (a problem marker). */
    public static final String MARKER_TYPE = "org.myoflow.ui.problem";
    /** Marker attribute: the id of the node the problem is about (absent for pipeline-level problems). */
    public static final String NODE_ID = "nodeId";
    /** Marker attribute: what in the node (a parameter, a port) the problem is about. */
    public static final String SUBJECT = "subject";

    private PipelineProblems() {
    }

    /** The problems of every pipeline of the experiment; no work is done. */
    public static List<ValidationProblem> validate(Experiment experiment, StepRegistry registry, Path baseDir) {
        List<ValidationProblem> all = new ArrayList<>();
        Engine engine = new Engine(registry);
        RunOptions options = new RunOptions().models(MyoflowServices.models());
        if (baseDir != null) {
            options.baseDirectory(baseDir);
        }
        if (experiment.getPipelines().isEmpty()) {
            all.add(new ValidationProblem(null, null, "the experiment has no pipeline"));
        }
        boolean several = experiment.getPipelines().size() > 1;
        for (Pipeline p : experiment.getPipelines()) {
            for (ValidationProblem vp : engine.validate(experiment, p, options)) {
                all.add(several ? new ValidationProblem(vp.nodeId(), vp.subject(),
                        "pipeline '" + p.getName() + "': " + vp.message()) : vp);
            }
        }
        return all;
    }

    /**
     * Replaces the file's pipeline markers with the problems of {@code experiment} (the editor's model, possibly
     * unsaved).
     *
     * @return the problems found
     */
    public static List<ValidationProblem> update(IFile file, Experiment experiment) throws CoreException {
        List<ValidationProblem> problems = validate(experiment, MyoflowServices.registry(), baseDirectory(file));
        replaceMarkers(file, problems);
        return problems;
    }

    /**
     * Loads the file as saved on disk and replaces its markers; a file that does not parse gets one marker with
     * the parser's message (and line).
     */
    public static void updateFromDisk(IFile file) throws CoreException {
        if (!file.exists()) {
            return;
        }
        Path path = file.getLocation() == null ? null : file.getLocation().toPath();
        if (path == null) {
            return;
        }
        Experiment experiment;
        try {
            experiment = ExperimentFiles.load(path);
        } catch (DataException e) {
            file.deleteMarkers(MARKER_TYPE, true, IResource.DEPTH_ZERO);
            IMarker m = file.createMarker(MARKER_TYPE);
            m.setAttribute(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
            m.setAttribute(IMarker.MESSAGE, "cannot read the experiment: " + e.getMessage());
            int line = lineOf(e.getMessage(), path.toString());
            if (line > 0) {
                m.setAttribute(IMarker.LINE_NUMBER, line);
            }
            return;
        }
        update(file, experiment);
    }

    /** Folder that relative file parameters of the experiment are resolved against: the file's folder. */
    public static Path baseDirectory(IFile file) {
        IPath loc = file.getParent() == null ? null : file.getParent().getLocation();
        return loc == null ? null : loc.toPath();
    }

    private static void replaceMarkers(IFile file, List<ValidationProblem> problems) throws CoreException {
        file.deleteMarkers(MARKER_TYPE, true, IResource.DEPTH_ZERO);
        for (ValidationProblem p : problems) {
            IMarker m = file.createMarker(MARKER_TYPE);
            m.setAttribute(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
            m.setAttribute(IMarker.MESSAGE, p.toString());
            String where = p.nodeId() == null ? "pipeline" : "node " + p.nodeId()
                    + (p.subject() == null ? "" : ", " + p.subject());
            m.setAttribute(IMarker.LOCATION, where);
            if (p.nodeId() != null) {
                m.setAttribute(NODE_ID, p.nodeId());
            }
            if (p.subject() != null) {
                m.setAttribute(SUBJECT, p.subject());
            }
        }
    }

    /** The line number in messages of the form "path:LINE: message", or 0. */
    static int lineOf(String message, String path) {
        if (message == null || !message.startsWith(path + ":")) {
            return 0;
        }
        String rest = message.substring(path.length() + 1);
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        try {
            return Integer.parseInt(rest.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
