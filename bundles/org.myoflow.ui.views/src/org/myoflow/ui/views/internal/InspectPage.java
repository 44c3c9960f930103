package org.myoflow.ui.views.internal;

import java.util.Locale;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSummary;

/**
 * The "Inspect" page of a recording: a table with a row per channel (signal, rate, samples, duration, label, unit,
 * kind, missing samples) above the text {@code myoflow inspect} prints (with events and warnings), both from
 * {@link RecordingSummary}.
 */
public final class InspectPage {

    /** Column titles of the table. */
    public static final String[] COLUMNS = { "Signal", "Rate (Hz)", "Samples", "Duration (s)", "Channel", "Unit",
        "Kind", "Missing" };

    private final SashForm root;
    private final Table table;
    private final Text text;

    public InspectPage(Composite parent) {
        root = new SashForm(parent, SWT.VERTICAL);
        table = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : COLUMNS) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c.equals("Channel") ? 200 : c.length() > 8 ? 105 : 80);
        }
        text = new Text(root, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        root.setWeights(3, 2);
        text.setText("Reading ...");
    }

    public Composite control() {
        return root;
    }

    public Table table() {
        return table;
    }

    public String text() {
        return text.getText();
    }

    /** Fills the page with a recording's summary. */
    public void show(Recording r) {
        RecordingSummary s = RecordingSummary.of(r);
        table.removeAll();
        for (RecordingSummary.Channel c : s.channels()) {
            TableItem it = new TableItem(table, SWT.NONE);
            it.setText(new String[] { c.signal(), fmt(c.samplingRate()), Integer.toString(c.samples()),
                fmt(c.duration()), c.label(), c.unit().isEmpty() ? "-" : c.unit(), c.kind(),
                c.missing() == 0 ? "" : Integer.toString(c.missing()) });
        }
        text.setText(s.text());
    }

    /** Shows why the file cannot be inspected. */
    public void showError(String message) {
        table.removeAll();
        text.setText(message);
    }

    private static String fmt(double v) {
        String t = String.format(Locale.ROOT, "%.6g", v);
        return t.contains(".") && !t.contains("e") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
    }
}
