package org.myoflow.cli.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunListener;

/**
 * Progress on stderr: a live bar redrawn in place on a terminal, plain lines (at most one per node per 10 %)
 * otherwise, so logs of cluster jobs stay readable.
 */
final class ConsoleProgress implements RunListener {

    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final Map<String, Integer> lastDecile = new ConcurrentHashMap<>();
    private final Map<String, Double> running = new ConcurrentHashMap<>();
    private int finished;

    ConsoleProgress(PrintStream err, boolean terminal, int totalNodes) {
        this.err = err;
        this.terminal = terminal;
        this.total = totalNodes;
    }

    @Override
    public synchronized void nodeStarted(String nodeId, String stepId) {
        running.put(nodeId, 0.0);
        if (terminal) {
            redraw(nodeId, null);
        } else {
            err.println("myoflow: " + nodeId + " (" + stepId + ") started");
        }
    }

    @Override
    public synchronized void nodeProgress(String nodeId, double fraction, String message) {
        running.put(nodeId, fraction);
        if (terminal) {
            redraw(nodeId, message);
            return;
        }
        int decile = (int) Math.floor(fraction * 10);
        Integer prev = lastDecile.put(nodeId, decile);
        if (prev == null || decile > prev) {
            err.println(String.format(Locale.ROOT, "myoflow: %s %3.0f%%%s", nodeId, fraction * 100,
                    message == null ? "" : " " + message));
        }
    }

    @Override
    public synchronized void nodeFinished(NodeResult r) {
        finished++;
        running.remove(r.nodeId());
        if (terminal) {
            redraw(r.nodeId(), r.fromCache() ? "cached" : "done");
            if (finished == total) {
                err.println();
            }
        } else {
            err.println("myoflow: " + r.nodeId() + (r.fromCache() ? " taken from cache"
                    : " finished in " + r.durationMs() + " ms") + " (" + finished + "/" + total + ")");
        }
    }

    private void redraw(String nodeId, String message) {
        double sum = finished;
        for (double f : running.values()) {
            sum += f;
        }
        double frac = total == 0 ? 1 : sum / total;
        int width = 30;
        int full = (int) Math.round(frac * width);
        String bar = "#".repeat(full) + "-".repeat(width - full);
        String line = String.format(Locale.ROOT, "\r[%s] %3.0f%% %d/%d  %s%s", bar, frac * 100, finished, total, nodeId,
                message == null ? "" : " " + message);
        err.print(line.length() > 100 ? line.substring(0, 100) : line + " ".repeat(100 - line.length()));
        err.flush();
    }
}
