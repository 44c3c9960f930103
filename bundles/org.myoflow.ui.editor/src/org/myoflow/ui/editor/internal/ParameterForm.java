package org.myoflow.ui.editor.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.model.Node;
import org.myoflow.model.Pipeline;
import org.myoflow.ui.editor.edit.ParameterChoices;
import org.myoflow.ui.editor.edit.ParameterText;
import org.myoflow.ui.editor.edit.PipelineEdits;

/**
 * The form of the selected node, generated from its step's parameter schema: per parameter a label with the unit,
 * a control by type (text for numbers, integers and strings; a drop-down for enums; a check box for booleans; text
 * and Browse... for files), the range and default beneath, and the current problem (from the text itself or from
 * the engine's validation) beneath that. Every change goes to the {@link Host} at once, which makes it an undoable
 * edit and validates.
 */
public final class ParameterForm {

    /** What the form needs from the editor. */
    public interface Host {
        /** The current node with this id, or null. */
        Node node(String nodeId);

        /** The installed step with this id, or null. */
        StepDescriptor descriptor(String stepId);

        /** Sets a parameter from text; returns why the text is not a valid value, or null. */
        String setParameter(String nodeId, String key, String text);

        /** Renames a node; returns why not, or null when renamed. */
        String rename(String oldId, String newId);

        /** The validation problems of a node. */
        List<ValidationProblem> problemsOf(String nodeId);

        /** The folder relative file parameters are resolved against, or null. */
        Path baseDirectory();

        /** The pipeline shown, or null (for channel choices). */
        default Pipeline pipeline() {
            return null;
        }

        /** What each node's outputs carry, by node id and port, from the engine's configure phase. */
        default Map<String, Map<String, DataSpec>> specs() {
            return Map.of();
        }
    }

    private final Host host;
    private final ScrolledComposite scroller;
    private final Font bold;
    private final Color errorColor = new Color(200, 20, 20);
    private final Color hintColor = new Color(105, 105, 105);
    private Composite body;
    private String nodeId;
    private String stepId;
    private Text idText;
    private Label idMessage;
    private Label nodeMessages;
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final Map<String, Label> messages = new HashMap<>();
    private final Map<String, Label> labels = new HashMap<>();
    private final Map<String, String> textProblems = new HashMap<>();
    /** The control whose change is being applied (not rewritten from the model meanwhile). */
    private Control editing;
    private boolean updating;

    public ParameterForm(Composite parent, Host host) {
        this.host = host;
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        FontData[] fd = scroller.getFont().getFontData();
        for (FontData f : fd) {
            f.setStyle(SWT.BOLD);
        }
        bold = new Font(scroller.getDisplay(), fd);
        scroller.addDisposeListener(e -> bold.dispose());
        scroller.addListener(SWT.Resize, e -> layout());
        show(null);
    }

    /** The scrolled composite (for layout). */
    public Control control() {
        return scroller;
    }

    /** The node shown, or null. */
    public String nodeId() {
        return nodeId;
    }

    /** The control of a parameter of the node shown (Text, Combo or Button), or null. */
    public Control parameterControl(String key) {
        return controls.get(key);
    }

    /** The node id field, or null when no node is shown. */
    public Text idField() {
        return idText;
    }

    /** The message shown under a parameter ("" when none), or null when there is no such parameter. */
    public String message(String key) {
        Label l = messages.get(key);
        return l == null || l.isDisposed() ? null : l.getText();
    }

    /**
     * Shows a node (null: none). The form is rebuilt when the node or its step changed; otherwise only values and
     * messages are updated, so a field being typed into keeps its caret.
     */
    public void show(String id) {
        Node n = id == null ? null : host.node(id);
        String sid = n == null ? null : n.getStepId();
        if (body == null || !Objects.equals(id, nodeId) || !Objects.equals(sid, stepId)) {
            rebuild(n);
        } else {
            update(n);
        }
    }

    private void rebuild(Node n) {
        if (body != null) {
            body.dispose();
        }
        controls.clear();
        messages.clear();
        labels.clear();
        textProblems.clear();
        idText = null;
        idMessage = null;
        nodeMessages = null;
        nodeId = n == null ? null : n.getId();
        stepId = n == null ? null : n.getStepId();
        body = new Composite(scroller, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        scroller.setContent(body);
        if (n == null) {
            Label l = new Label(body, SWT.WRAP);
            l.setText("Select a node to edit its parameters.");
            l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            layout();
            return;
        }
        StepDescriptor d = host.descriptor(n.getStepId());
        Label title = new Label(body, SWT.WRAP);
        title.setFont(bold);
        title.setText(d == null ? n.getStepId() + " (not installed)" : d.name() + "  " + d.version());
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        if (d != null && !d.description().isEmpty()) {
            Label desc = new Label(body, SWT.WRAP);
            desc.setText(d.description());
            GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
            gd.widthHint = 100;
            desc.setLayoutData(gd);
        }
        Label idLabel = new Label(body, SWT.NONE);
        GridData igd = new GridData(SWT.FILL, SWT.TOP, true, false);
        igd.verticalIndent = 6;
        idLabel.setLayoutData(igd);
        idLabel.setFont(bold);
        idLabel.setText("id");
        idLabel.setToolTipText("The node id: unique in the pipeline; names the node's outputs in run folders");
        idText = new Text(body, SWT.BORDER | SWT.SINGLE);
        idText.setText(n.getId());
        idText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        idText.addListener(SWT.DefaultSelection, e -> applyRename());
        idText.addListener(SWT.FocusOut, e -> applyRename());
        idMessage = messageLabel(errorColor);
        nodeMessages = messageLabel(errorColor);
        if (d != null) {
            for (ParameterSpec spec : d.parameters().specs()) {
                addField(n, spec);
            }
        }
        update(n);
        layout();
    }

    private void addField(Node n, ParameterSpec spec) {
        Label label = new Label(body, SWT.NONE);
        GridData lgd = new GridData(SWT.FILL, SWT.TOP, true, false);
        lgd.verticalIndent = 6;
        label.setLayoutData(lgd);
        label.setFont(bold);
        label.setText(ParameterText.label(spec));
        label.setToolTipText(spec.description() + (spec.appliesWhen() == null ? ""
                : " (applies when " + spec.appliesWhen() + ")"));
        labels.put(spec.name(), label);
        Control c;
        if (spec.channelOf() != null && spec.type() == org.myoflow.core.spi.ParameterType.STRING) {
            // an editable combo: the labels of the connected input, or any text
            Combo combo = new Combo(body, SWT.DROP_DOWN);
            combo.addListener(SWT.Modify, e -> apply(spec, combo, combo.getText()));
            combo.addListener(SWT.Selection, e -> apply(spec, combo, combo.getText()));
            c = combo;
            c.setToolTipText(spec.description() + " (a channel of input '" + spec.channelOf() + "')");
            c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            controls.put(spec.name(), c);
            hintAndMessage(spec);
            return;
        }
        switch (spec.type()) {
            case BOOLEAN -> {
                Button b = new Button(body, SWT.CHECK);
                b.addListener(SWT.Selection, e -> apply(spec, b, Boolean.toString(b.getSelection())));
                c = b;
            }
            case ENUM -> {
                Combo combo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
                combo.setItems(spec.literals().toArray(String[]::new));
                combo.addListener(SWT.Selection, e -> apply(spec, combo, combo.getText()));
                c = combo;
            }
            case FILE -> {
                Composite row = new Composite(body, SWT.NONE);
                GridLayout gl = new GridLayout(2, false);
                gl.marginWidth = 0;
                gl.marginHeight = 0;
                row.setLayout(gl);
                row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                Text t = new Text(row, SWT.BORDER | SWT.SINGLE);
                t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                t.addListener(SWT.Modify, e -> apply(spec, t, t.getText()));
                Button browse = new Button(row, SWT.PUSH);
                browse.setText("Browse...");
                browse.addListener(SWT.Selection, e -> browse(t));
                t.setToolTipText(spec.description());
                controls.put(spec.name(), t);
                hintAndMessage(spec);
                return;
            }
            default -> {
                Text t = new Text(body, SWT.BORDER | SWT.SINGLE);
                t.addListener(SWT.Modify, e -> apply(spec, t, t.getText()));
                if (spec.defaultValue() != null) {
                    t.setMessage("default " + ParameterText.valueText(spec.defaultValue()));
                }
                c = t;
            }
        }
        c.setToolTipText(spec.description());
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        controls.put(spec.name(), c);
        hintAndMessage(spec);
    }

    private void hintAndMessage(ParameterSpec spec) {
        String hint = ParameterText.hint(spec);
        if (!hint.isEmpty()) {
            Label h = new Label(body, SWT.NONE);
            h.setForeground(hintColor);
            h.setText(hint);
            h.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        }
        messages.put(spec.name(), messageLabel(errorColor));
    }

    private Label messageLabel(Color color) {
        Label l = new Label(body, SWT.WRAP);
        l.setForeground(color);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 100;
        l.setLayoutData(gd);
        show(l, "");
        return l;
    }

    private void browse(Text t) {
        FileDialog dialog = new FileDialog(t.getShell(), SWT.OPEN);
        Path base = host.baseDirectory();
        if (base != null) {
            dialog.setFilterPath(base.toString());
        }
        String chosen = dialog.open();
        if (chosen != null) {
            Path p = Path.of(chosen);
            if (base != null && p.toAbsolutePath().normalize().startsWith(base.toAbsolutePath().normalize())) {
                // relative paths keep the experiment movable with its data (the engine resolves them)
                p = base.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
            }
            t.setText(p.toString().replace('\\', '/'));
        }
    }

    private void apply(ParameterSpec spec, Control source, String text) {
        if (updating || nodeId == null) {
            return;
        }
        editing = source;
        try {
            String problem = host.setParameter(nodeId, spec.name(), text);
            if (problem == null) {
                textProblems.remove(spec.name());
            } else {
                textProblems.put(spec.name(), problem);
            }
        } finally {
            editing = null;
        }
        updateMessages();
    }

    private void applyRename() {
        if (updating || idText == null || idText.isDisposed() || nodeId == null) {
            return;
        }
        String wanted = idText.getText().trim();
        if (wanted.equals(nodeId)) {
            show(idMessage, "");
            return;
        }
        String problem = host.rename(nodeId, wanted);
        if (problem != null && idMessage != null && !idMessage.isDisposed()) {
            show(idMessage, problem);
            layout();
        }
    }

    private void update(Node n) {
        if (n == null || body == null) {
            return;
        }
        StepDescriptor d = host.descriptor(n.getStepId());
        updating = true;
        try {
            if (idText != null && idText != editing && !idText.isFocusControl() && !idText.getText().equals(n.getId())) {
                idText.setText(n.getId());
            }
            if (d != null) {
                for (ParameterSpec spec : d.parameters().specs()) {
                    Control c = controls.get(spec.name());
                    if (c == null || c == editing) {
                        continue;
                    }
                    String stored = ParameterText.format(PipelineEdits.parameter(n, spec.name()));
                    if (c instanceof Text t) {
                        if (!textMatches(spec, t.getText(), stored)) {
                            t.setText(stored);
                            textProblems.remove(spec.name());
                        }
                    } else if (c instanceof Combo combo && spec.type() != org.myoflow.core.spi.ParameterType.ENUM) {
                        List<String> choices = ParameterChoices.channels(spec, host.pipeline(), n.getId(),
                                host.specs());
                        if (!java.util.Arrays.asList(combo.getItems()).equals(choices)) {
                            combo.setItems(choices.toArray(String[]::new));
                        }
                        if (!combo.getText().equals(stored)) {
                            combo.setText(stored);
                        }
                    } else if (c instanceof Combo combo) {
                        String v = stored.isEmpty() ? ParameterText.valueText(spec.defaultValue()) : stored;
                        int i = spec.literals().indexOf(v);
                        if (i >= 0 && combo.getSelectionIndex() != i) {
                            combo.select(i);
                        }
                    } else if (c instanceof Button b) {
                        String v = stored.isEmpty() ? ParameterText.valueText(spec.defaultValue()) : stored;
                        b.setSelection(Boolean.parseBoolean(v));
                    }
                }
                for (ParameterSpec spec : d.parameters().specs()) {
                    // grey out what has no effect with the node's other values (e.g. FUGLEVAND_1993 only)
                    boolean applies = ParameterChoices.applies(spec, n, d);
                    Control c = controls.get(spec.name());
                    if (c != null && c.getEnabled() != applies) {
                        c.setEnabled(applies);
                    }
                    Label l = labels.get(spec.name());
                    if (l != null && l.getEnabled() != applies) {
                        l.setEnabled(applies);
                    }
                }
            }
        } finally {
            updating = false;
        }
        updateMessages();
    }

    /** Whether the text in a field already says the stored value (so it is left as typed). */
    private static boolean textMatches(ParameterSpec spec, String text, String stored) {
        if (text.equals(stored)) {
            return true;
        }
        if (text.isBlank() || stored.isEmpty()) {
            return false;
        }
        try {
            return ParameterText.format(ParameterText.parse(spec, text)).equals(stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void updateMessages() {
        if (nodeId == null || body == null || body.isDisposed()) {
            return;
        }
        List<ValidationProblem> problems = host.problemsOf(nodeId);
        StringBuilder nodeLevel = new StringBuilder();
        Map<String, String> byKey = new HashMap<>();
        for (ValidationProblem p : problems) {
            String key = parameterOf(p.subject());
            if (key != null && messages.containsKey(key)) {
                byKey.merge(key, p.message(), (a, b) -> a + "; " + b);
            } else {
                nodeLevel.append(nodeLevel.length() == 0 ? "" : "\n")
                        .append(p.subject() == null ? "" : p.subject() + ": ").append(p.message());
            }
        }
        boolean changed = false;
        for (Map.Entry<String, Label> e : messages.entrySet()) {
            String m = textProblems.getOrDefault(e.getKey(), byKey.getOrDefault(e.getKey(), ""));
            if (!e.getValue().getText().equals(m) || e.getValue().getVisible() == m.isEmpty()) {
                show(e.getValue(), m);
                changed = true;
            }
        }
        if (nodeMessages != null && !nodeMessages.getText().equals(nodeLevel.toString())) {
            show(nodeMessages, nodeLevel.toString());
            changed = true;
        }
        if (changed) {
            layout();
        }
    }

    /** Sets a message label's text; an empty message takes no room. */
    private static void show(Label l, String message) {
        l.setText(message);
        l.setVisible(!message.isEmpty());
        ((GridData) l.getLayoutData()).exclude = message.isEmpty();
    }

    /** "parameter 'units'" gives "units"; other subjects give null. */
    static String parameterOf(String subject) {
        if (subject == null || !subject.startsWith("parameter '") || !subject.endsWith("'")) {
            return null;
        }
        return subject.substring("parameter '".length(), subject.length() - 1);
    }

    private void layout() {
        if (body == null || body.isDisposed()) {
            return;
        }
        int width = Math.max(200, scroller.getClientArea().width);
        scroller.setMinSize(body.computeSize(width, SWT.DEFAULT));
        body.layout(true, true);
    }
}
