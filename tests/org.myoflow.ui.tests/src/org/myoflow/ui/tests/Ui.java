package org.myoflow.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;

/** Helpers to drive the running workbench from the test thread. */
final class Ui {

    private Ui() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    /** Runs on the UI thread and returns the value; exceptions are rethrown here. */
    static <T> T sync(Callable<T> c) {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                value.set(c.call());
            } catch (Throwable t) {
                error.set(t);
            }
        });
        if (error.get() instanceof RuntimeException r) {
            throw r;
        }
        if (error.get() instanceof Error e) {
            throw e;
        }
        if (error.get() != null) {
            throw new IllegalStateException(error.get());
        }
        return value.get();
    }

    static void run(Runnable r) {
        sync(() -> {
            r.run();
            return null;
        });
    }

    /** Lets the UI thread process pending events (repaints, async runnables). */
    static void settle() {
        for (int i = 0; i < 5; i++) {
            run(() -> {
                while (display().readAndDispatch()) {
                    // drain
                }
            });
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The top-level rows of the Problems view as the user sees them (e.g. "Errors (1 item)"), read from its tree
     * widget once they equal {@code expected} or after 15 s (the view updates in a background job).
     */
    static java.util.List<String> problemsViewRows(java.util.List<String> expected) throws Exception {
        long end = System.currentTimeMillis() + 15_000;
        java.util.List<String> rows = java.util.List.of();
        while (System.currentTimeMillis() < end) {
            rows = sync(() -> {
                org.eclipse.ui.IViewPart view = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                        .showView(org.eclipse.ui.IPageLayout.ID_PROBLEM_VIEW);
                org.eclipse.e4.ui.model.application.ui.basic.MPart part = view.getSite()
                        .getService(org.eclipse.e4.ui.model.application.ui.basic.MPart.class);
                org.eclipse.swt.widgets.Tree tree = findTree((org.eclipse.swt.widgets.Control) part.getWidget());
                java.util.List<String> out = new java.util.ArrayList<>();
                if (tree != null) {
                    for (org.eclipse.swt.widgets.TreeItem top : tree.getItems()) {
                        out.add(top.getText());
                    }
                }
                return out;
            });
            if (rows.equals(expected)) {
                return rows;
            }
            Thread.sleep(200);
        }
        return rows;
    }

    private static org.eclipse.swt.widgets.Tree findTree(org.eclipse.swt.widgets.Control c) {
        if (c instanceof org.eclipse.swt.widgets.Tree t) {
            return t;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                org.eclipse.swt.widgets.Tree t = findTree(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * Saves a screenshot of the workbench window as PNG in {@code myoflow.screenshots} (the module's
     * target/screenshots) and returns its path.
     */
    static Path screenshot(String name) throws Exception {
        settle();
        Path dir = Path.of(System.getProperty("myoflow.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        run(() -> {
            Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
            shell.forceActive();
            Rectangle b = shell.getBounds();
            Image img = new Image(display(), b.width, b.height);
            GC gc = new GC(display());
            try {
                gc.copyArea(img, b.x, b.y);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { img.getImageData() };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                img.dispose();
            }
        });
        return file;
    }
}
