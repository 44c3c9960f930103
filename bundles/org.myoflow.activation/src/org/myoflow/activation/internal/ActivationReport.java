package org.myoflow.activation.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.activation.lfads.AutoLfads;

/**
 * The activation benchmark's report: one HTML file with inline SVG plots of every method's estimate over the true
 * excitation, per muscle, on the first held-out trial (each estimate mapped to the truth's units by its fitted
 * affine map, so the curves overlay), the figures, and the AutoLFADS search history.
 */
final class ActivationReport {

    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};

    private ActivationReport() {
    }

    static Path write(Path folder, Map<String, List<double[][]>> estimates, List<double[][]> truth, int nTrain,
            double binRateHz, List<String> labels, List<AutoLfads.Entry> history, Map<String, Object> figures)
            throws IOException {
        Files.createDirectories(folder);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Activation benchmark</title>"
                + "<style>body{font-family:sans-serif;margin:20px}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:12px}</style></head><body>");
        h.append("<h1>Activation estimation vs simulated truth</h1><p>First held-out trial. Black: true excitation; ");
        int ci = 0;
        for (String method : estimates.keySet()) {
            h.append("<span style=\"color:").append(COLOURS[ci++ % COLOURS.length]).append("\">")
                    .append(method).append("</span> ");
        }
        h.append("(each estimate through its affine map fitted on the training trials).</p>");
        h.append("<h2>Figures</h2><table>");
        figures.forEach((k, v) -> h.append("<tr><td>").append(k).append("</td><td>").append(v).append("</td></tr>"));
        h.append("</table>");
        int trial = nTrain;
        for (int m = 0; m < labels.size(); m++) {
            double[] t = truth.get(trial)[m];
            h.append("<h3>").append(labels.get(m)).append("</h3>");
            h.append(svgStart(t.length, binRateHz));
            h.append(polyline(t, t.length, "#000", 2));
            ci = 0;
            for (List<double[][]> e : estimates.values()) {
                double[] ab = Scores.fit(e, truth, m, nTrain);
                double[] x = e.get(trial)[m];
                double[] y = new double[Math.min(x.length, t.length)];
                for (int i = 0; i < y.length; i++) {
                    y[i] = ab[0] * x[i] + ab[1];
                }
                h.append(polyline(y, t.length, COLOURS[ci++ % COLOURS.length], 1));
            }
            h.append("</svg>");
        }
        h.append("<h2>AutoLFADS search history</h2><table><tr><th>generation</th><th>member</th><th>copied from</th>"
                + "<th>epochs</th><th>hyper-parameters</th><th>train loss</th><th>validation loss</th></tr>");
        for (AutoLfads.Entry e : history) {
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td>"
                    + "<td>%.4f</td><td>%.4f</td></tr>", e.generation(), e.member(), e.copiedFrom(), e.epochsSoFar(),
                    e.hyperparameters(), e.trainLoss(), e.validationLoss()));
        }
        h.append("</table></body></html>\n");
        Path file = folder.resolve("report.html");
        Files.writeString(file, h, StandardCharsets.UTF_8);
        return file;
    }

    static final int W = 900;
    static final int H = 140;
    static final double Y_MAX = 0.7;

    private static String svgStart(int bins, double binRate) {
        return String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" style=\"border:1px solid #ddd\">"
                + "<text x=\"4\" y=\"12\" font-size=\"10\">0 .. %.1f s; excitation 0 .. %.1f</text>", W, H,
                bins / binRate, Y_MAX);
    }

    private static String polyline(double[] y, int n, String colour, int width) {
        StringBuilder s = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(width).append("\" points=\"");
        for (int i = 0; i < y.length; i++) {
            double px = (double) i / Math.max(1, n - 1) * W;
            double py = H - Math.max(0, Math.min(1, y[i] / Y_MAX)) * (H - 16);
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        return s.append("\"/>").toString();
    }
}
