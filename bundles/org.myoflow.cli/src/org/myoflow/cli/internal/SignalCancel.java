package org.myoflow.cli.internal;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.myoflow.run.RunFolders;

/**
 * SIGTERM and SIGINT (Ctrl-C) cancel the command cleanly: the first signal sets the command's cancellation flag, so
 * a run stops at its next node or progress report, deletes its temporary folder, releases its lock and the command
 * exits with 130 after a "cancelled" line. The JVM does not start shutting down meanwhile, so the clean-up runs in a
 * live platform (bundles, services and class loaders are all still there).
 * <p>
 * How: the JVM's own handlers of the two signals (which start the shutdown with exit code 143 or 130 and do not wait
 * for the command) are replaced by {@code sun.misc.Signal} handlers, looked up reflectively in the platform class
 * loader (module {@code jdk.unsupported}; the bundle wiring does not export it). Where that API is missing, a
 * shutdown hook does the same within the shutdown: it sets the flag, waits for the command to finish its clean-up
 * and halts with 130.
 * <p>
 * A step that does not stop when cancelled cannot keep the process: {@link #graceMillis} after the first signal, or
 * at a second signal, the process deletes the temporary folders of its unfinished runs and halts with 130 (the file
 * locks are released by the operating system; what a halt leaves, the next run into the same parent removes).
 */
final class SignalCancel implements AutoCloseable {

    /** The code the process exits with when cancelled by a signal. */
    static final int EXIT = ExitCodes.CANCELLED;

    private final AtomicBoolean cancel;
    private final PrintStream err;
    private final long graceMillis;
    private final AtomicInteger signals = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Runnable> uninstall = new ArrayList<>();
    private volatile String received;

    private SignalCancel(AtomicBoolean cancel, PrintStream err, long graceMillis) {
        this.cancel = cancel;
        this.err = err;
        this.graceMillis = graceMillis;
    }

    /**
     * Installs the handlers of SIGTERM and SIGINT for a command that cancels through {@code cancel}.
     *
     * @param graceMillis how long the command may take to stop after the first signal
     */
    static SignalCancel install(AtomicBoolean cancel, PrintStream err, long graceMillis) {
        SignalCancel s = new SignalCancel(cancel, err, graceMillis);
        if (!s.installSignalHandlers()) {
            s.installShutdownHook();
        }
        return s;
    }

    /** The grace period from {@code -Dmyoflow.cancel.grace=SECONDS} (default 10 s). */
    static long defaultGraceMillis() {
        try {
            return Math.max(0, (long) (Double.parseDouble(System.getProperty("myoflow.cancel.grace", "10")) * 1000));
        } catch (NumberFormatException e) {
            return 10_000;
        }
    }

    /** Whether a signal cancelled the command (the name of the first, e.g. "TERM"), or null. */
    String received() {
        return received;
    }

    /**
     * The exit code of a command that returned {@code code} once a signal was received: 130 with a "cancelled" line
     * (unless the command printed it: it returned 130). A command that completed its work anyway (0: the signal came
     * as a run was publishing its complete folder, or the command does not stop) keeps 0 and says so, so that exit
     * 130 always means "no results".
     */
    int exitCode(int code) {
        if (received == null) {
            return code;
        }
        if (code == ExitCodes.OK) {
            err.println("myoflow: SIG" + received + " came after the work was done: the results are complete");
            return code;
        }
        if (code != EXIT) {
            err.println("myoflow: cancelled (SIG" + received + ")");
        }
        return EXIT;
    }

    /** The command has finished (its clean-up included); restores the JVM's handlers. */
    @Override
    public void close() {
        finished.countDown();
        uninstall.forEach(Runnable::run);
        uninstall.clear();
    }

    /** A signal arrived (on the JVM's signal thread or in the shutdown hook). */
    void onSignal(String name) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            received = name;
            cancel.set(true);
            err.println("myoflow: SIG" + name + " received, cancelling (a second signal ends the process now)");
            Thread watchdog = new Thread(() -> {
                try {
                    if (!finished.await(graceMillis, TimeUnit.MILLISECONDS)) {
                        halt("the command did not stop within " + graceMillis / 1000.0 + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "myoflow-cancel-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        } else if (finished.getCount() > 0) {
            halt("second signal");
        }
    }

    private void halt(String why) {
        RunFolders.abandonTemporaries();
        err.println("myoflow: cancelled (" + why + ")");
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(EXIT);
    }

    private boolean installSignalHandlers() {
        try {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> signal = Class.forName("sun.misc.Signal", true, platform);
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler", true, platform);
            Method handle = signal.getMethod("handle", signal, handlerType);
            Method getName = signal.getMethod("getName");
            InvocationHandler ih = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> onSignal((String) getName.invoke(args[0]));
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "toString" -> {
                        return "myoflow signal handler";
                    }
                    default -> {
                        // no other methods
                    }
                }
                return null;
            };
            Object handler = Proxy.newProxyInstance(platform, new Class<?>[] { handlerType }, ih);
            for (String name : List.of("TERM", "INT")) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                Object previous = handle.invoke(null, sig, handler);
                uninstall.add(() -> {
                    try {
                        handle.invoke(null, sig, previous);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // the process is ending anyway
                    }
                });
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            uninstall.forEach(Runnable::run);
            uninstall.clear();
            return false;
        }
    }

    private void installShutdownHook() {
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            onSignal("TERM/INT");
            try {
                finished.await(graceMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            halt("shutting down");
        }, "myoflow-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        uninstall.add(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        });
    }
}
