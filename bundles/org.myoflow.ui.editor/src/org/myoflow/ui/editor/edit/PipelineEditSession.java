package org.myoflow.ui.editor.edit;

import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.IUndoableOperation;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.myoflow.model.Experiment;

/**
 * An experiment under edit, with undo and redo through an {@link IOperationHistory}. Every edit runs on a copy of
 * the experiment; only when it succeeds does the copy become the current experiment, and an operation holding
 * snapshots before and after goes onto the history under this session's {@link #undoContext()}. Snapshots make
 * undo exact for any edit (node moves, connections, parameters, renames) without an inverse per edit kind; the
 * models are small (tens of nodes), so copying is cheap. The current experiment is therefore never changed in
 * place: callers read it, and change it only through {@link #edit}.
 *
 * @since 0.1
 */
public final class PipelineEditSession {

    private final IOperationHistory history;
    private final IUndoContext context;
    private final Runnable onChange;
    private Experiment experiment;
    private Experiment saved;

    /**
     * @param experiment the experiment as loaded (it is the saved state)
     * @param history    the operation history (the workbench's, so Edit &gt; Undo/Redo act on it)
     * @param onChange   called after every change of the current experiment (edit, undo, redo)
     */
    public PipelineEditSession(Experiment experiment, IOperationHistory history, Runnable onChange) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.saved = EcoreUtil.copy(experiment);
        this.history = history;
        this.onChange = onChange;
        this.context = new ObjectUndoContext(this, "Pipeline editor");
        history.setLimit(context, 200);
    }

    /** The current experiment; read it, change it only through {@link #edit}. */
    public Experiment experiment() {
        return experiment;
    }

    /** The undo context of this session's operations. */
    public IUndoContext undoContext() {
        return context;
    }

    /** The operation history. */
    public IOperationHistory history() {
        return history;
    }

    /**
     * Applies an edit as one undoable operation.
     *
     * @param label       the operation's label ("Move node poolA"), shown as "Undo Move node poolA"
     * @param coalesceKey when not null and the last operation on the undo stack has the same key, this edit is
     *                    merged into it (typing "120" into a field gives one undo step, not three)
     * @param edit        the change, applied to a copy of the current experiment
     * @throws IllegalArgumentException from the edit: nothing changes then, and nothing goes onto the history
     */
    public void edit(String label, Object coalesceKey, Consumer<Experiment> edit) {
        Experiment work = EcoreUtil.copy(experiment);
        edit.accept(work);
        if (EcoreUtil.equals(work, experiment)) {
            return;
        }
        IUndoableOperation top = history.getUndoOperation(context);
        if (coalesceKey != null && top instanceof SnapshotOperation s && s.session == this
                && coalesceKey.equals(s.coalesceKey) && EcoreUtil.equals(s.after, experiment)) {
            s.after = EcoreUtil.copy(work);
            replace(work);
            return;
        }
        SnapshotOperation op = new SnapshotOperation(this, label, coalesceKey, experiment, work);
        op.addContext(context);
        try {
            history.execute(op, null, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the edit '" + label + "' failed: " + e.getMessage(), e);
        }
    }

    /** Undoes the last edit of this session; false when there is none. */
    public boolean undo() {
        if (!history.canUndo(context)) {
            return false;
        }
        try {
            return history.undo(context, null, null).isOK();
        } catch (ExecutionException e) {
            throw new IllegalStateException("undo failed: " + e.getMessage(), e);
        }
    }

    /** Redoes the last undone edit of this session; false when there is none. */
    public boolean redo() {
        if (!history.canRedo(context)) {
            return false;
        }
        try {
            return history.redo(context, null, null).isOK();
        } catch (ExecutionException e) {
            throw new IllegalStateException("redo failed: " + e.getMessage(), e);
        }
    }

    /** Whether the current experiment differs from the saved one. */
    public boolean isDirty() {
        return !EcoreUtil.equals(experiment, saved);
    }

    /** Records the current experiment as saved. */
    public void markSaved() {
        saved = EcoreUtil.copy(experiment);
    }

    /** Removes this session's operations from the history. */
    public void dispose() {
        history.dispose(context, true, true, true);
    }

    private void replace(Experiment e) {
        experiment = e;
        if (onChange != null) {
            onChange.run();
        }
    }

    /** An edit as the experiment before and after it. */
    private static final class SnapshotOperation extends AbstractOperation {
        private final PipelineEditSession session;
        private final Object coalesceKey;
        private final Experiment before;
        private Experiment after;

        SnapshotOperation(PipelineEditSession session, String label, Object coalesceKey, Experiment before,
                Experiment after) {
            super(label);
            this.session = session;
            this.coalesceKey = coalesceKey;
            this.before = EcoreUtil.copy(before);
            this.after = EcoreUtil.copy(after);
        }

        @Override
        public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
            session.replace(EcoreUtil.copy(after));
            return Status.OK_STATUS;
        }

        @Override
        public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
            return execute(monitor, info);
        }

        @Override
        public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
            session.replace(EcoreUtil.copy(before));
            return Status.OK_STATUS;
        }
    }
}
