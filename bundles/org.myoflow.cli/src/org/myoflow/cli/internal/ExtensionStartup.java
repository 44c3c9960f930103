package org.myoflow.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Starts extension bundles (third-party plug-ins) so that a misbehaving one cannot hang or break a command: each
 * bundle is started in a worker thread (its activator, and the Declarative Services components that SCR loads and
 * activates during the start, in that same thread), and the command waits for it at most the extension time limit
 * ({@code MYOFLOW_EXTENSION_TIMEOUT} or {@code -Dmyoflow.extensionTimeout}, default {@value #DEFAULT_TIMEOUT_S} s).
 * A bundle that does not start in time is interrupted and stopped, or abandoned when it cannot be stopped, and
 * reported with its name, version, file and the top frames of the stuck thread; the command goes on without it.
 * Jars that are not OSGi bundles and activators that throw are reported too (the latter with their cause chain).
 */
final class ExtensionStartup {

    /** System property with the extension time limit (a duration: 5s, 500ms, 1m; a plain number is seconds). */
    static final String TIMEOUT_PROPERTY = "myoflow.extensionTimeout";
    /** Environment variable with the extension time limit (the property wins). */
    static final String TIMEOUT_ENV = "MYOFLOW_EXTENSION_TIMEOUT";
    static final long DEFAULT_TIMEOUT_S = 5;

    /** How long a bundle that timed out gets to stop after the interrupt and after {@link Bundle#stop}. */
    private static final long STOP_WAIT_MS = 1_000;
    /** Frames of the stuck thread shown in the report. */
    private static final int MAX_FRAMES = 8;

    private ExtensionStartup() {
    }

    /** The extension time limit from the property or the environment; a bad value is a warning and the default. */
    static Duration timeout(List<String> warnings) {
        String prop = System.getProperty(TIMEOUT_PROPERTY);
        String env = System.getenv(TIMEOUT_ENV);
        String text = prop != null && !prop.isBlank() ? prop : env != null && !env.isBlank() ? env : null;
        String name = prop != null && !prop.isBlank() ? "-D" + TIMEOUT_PROPERTY : TIMEOUT_ENV;
        if (text == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_S);
        }
        Duration d = Cli.parseDuration(text);
        if (d == null) {
            warnings.add(name + " must be a positive duration such as 5s or 500ms (got '"
                    + text.replaceAll("\\p{Cntrl}", "?") + "'); using " + DEFAULT_TIMEOUT_S + " s");
            return Duration.ofSeconds(DEFAULT_TIMEOUT_S);
        }
        return d;
    }

    /**
     * Why a jar in an extensions folder cannot be installed as a bundle, or null when it looks like one (a
     * manifest with a {@code Bundle-SymbolicName}).
     */
    static String notABundle(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            if (m == null) {
                return "not an OSGi bundle: no META-INF/MANIFEST.MF";
            }
            Attributes a = m.getMainAttributes();
            String bsn = a.getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null || bsn.isBlank()) {
                return "not an OSGi bundle: no Bundle-SymbolicName in its META-INF/MANIFEST.MF";
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "not a readable jar: " + e.getMessage();
        }
    }

    /** A throwable's message followed by its causes, each on its own line: what a user needs to fix it. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder(message(t));
        List<Throwable> seen = new ArrayList<>();
        seen.add(t);
        for (Throwable c = t.getCause(); c != null && !seen.contains(c); c = c.getCause()) {
            seen.add(c);
            sb.append(System.lineSeparator()).append("    caused by ").append(c);
        }
        return sb.toString();
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }

    /** "name version (file)" of an extension bundle. */
    static String describe(Bundle b, Path jar) {
        return b.getSymbolicName() + " " + b.getVersion() + " (" + jar + ")";
    }

    /**
     * How starting one extension bundle went.
     *
     * @param problem   null when it started, otherwise the warning to print
     * @param abandoned whether a thread is still stuck in the bundle's code holding framework locks: the
     *                  framework cannot then shut down in order, and the application ends the process itself
     */
    record Outcome(String problem, boolean abandoned) {
    }

    /**
     * Starts one extension bundle transiently (its activator and its DS components, whose services are also
     * fetched so that delayed components are activated now), waiting at most {@code limit}.
     */
    static Outcome start(BundleContext bc, Bundle b, Path jar, Duration limit) {
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                b.start(Bundle.START_TRANSIENT);
                ServiceReference<?>[] refs = b.getRegisteredServices();
                if (refs != null) {
                    for (ServiceReference<?> r : refs) {
                        bc.getService(r); // activates a delayed component here, within the limit
                    }
                }
            } catch (Throwable t) { // an activator's Error too
                failure[0] = t;
            }
        }, "myoflow-start-" + b.getSymbolicName());
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!worker.isAlive()) {
            return new Outcome(failure[0] == null ? null // join() made the worker's write visible
                    : "extension bundle " + describe(b, jar) + " did not start: " + causes(failure[0]), false);
        }
        StackTraceElement[] stack = worker.getStackTrace();
        String phase = phase(stack);
        worker.interrupt();
        boolean ended = awaitEnd(worker, STOP_WAIT_MS);
        boolean stopped = ended && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0;
        if (!stopped) {
            Thread stopper = new Thread(() -> {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (Throwable t) {
                    // cannot be stopped: reported as abandoned below
                }
            }, "myoflow-stop-" + b.getSymbolicName());
            stopper.setDaemon(true);
            stopper.start();
            stopped = awaitEnd(stopper, STOP_WAIT_MS) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0;
            ended = ended && stopped;
        }
        StringBuilder sb = new StringBuilder("extension bundle ").append(describe(b, jar))
                .append(" did not start within ").append(format(limit)).append(" (").append(TIMEOUT_ENV)
                .append(") and was ")
                .append(stopped ? "stopped" : "abandoned (it ignores interrupts and cannot be stopped)")
                .append("; it was stuck ").append(phase).append(':');
        for (String f : topFrames(b, stack)) {
            sb.append(System.lineSeparator()).append("    at ").append(f);
        }
        return new Outcome(sb.toString(), !ended);
    }

    private static boolean awaitEnd(Thread t, long ms) {
        try {
            t.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** What the framework was doing with the bundle when it got stuck, from the stuck thread's frames. */
    static String phase(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("org.apache.felix.scr.")) {
                return "while Declarative Services activated one of its components";
            }
        }
        for (StackTraceElement f : stack) {
            if (f.getMethodName().equals("startActivator")) {
                return "in its bundle activator's start()";
            }
        }
        return "while starting";
    }

    /**
     * The top frames of the stuck thread down to the bundle's own frames (those of classes inside the bundle), at
     * most {@value #MAX_FRAMES}.
     */
    static List<String> topFrames(Bundle b, StackTraceElement[] stack) {
        int lastOwn = -1;
        for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
            if (ownClass(b, stack[i].getClassName())) {
                lastOwn = i;
            } else if (lastOwn >= 0) {
                break;
            }
        }
        int n = Math.min(stack.length, lastOwn >= 0 ? lastOwn + 1 : 6);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(stack[i].toString());
        }
        return out;
    }

    private static boolean ownClass(Bundle b, String className) {
        try {
            String top = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
            return b.getEntry(top.replace('.', '/') + ".class") != null;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** {@code 5 s}, {@code 0.5 s}, {@code 2 min}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
