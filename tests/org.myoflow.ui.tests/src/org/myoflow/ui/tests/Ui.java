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
