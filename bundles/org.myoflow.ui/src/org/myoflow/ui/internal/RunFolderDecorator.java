package org.myoflow.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.ILabelProviderListener;
import org.eclipse.jface.viewers.ILightweightLabelDecorator;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.myoflow.run.RunFolders;

/**
 * Marks, in the navigator, run folders that fail verification ({@link RunFolders#verify}, as
 * {@code ./myoflow verify}): a folder holding run.json whose files are missing, truncated, altered or not listed
 * gets a warning overlay and the suffix {@code [fails verification: ...]}. Lightweight decorators are computed off the
 * UI thread; results are kept per folder until a file of the folder changes (name, size or time), so a folder is
 * hashed once, not at every repaint.
 */
public final class RunFolderDecorator implements ILightweightLabelDecorator {

    /** The decorator's id in plugin.xml. */
    public static final String ID = "org.myoflow.ui.runFolderDecorator";

    private record Checked(String stamp, List<String> problems) {
    }

    private final Map<Path, Checked> checked = new ConcurrentHashMap<>();

    @Override
    public void decorate(Object element, IDecoration decoration) {
        if (!(element instanceof IFolder folder)) {
            return;
        }
        IPath location = folder.getLocation();
        if (location == null) {
            return;
        }
        List<String> problems = problems(location.toPath());
        if (problems.isEmpty()) {
            return;
        }
        decoration.addSuffix(" " + suffix(problems));
        try {
            decoration.addOverlay(PlatformUI.getWorkbench().getSharedImages()
                    .getImageDescriptor(ISharedImages.IMG_DEC_FIELD_WARNING), IDecoration.BOTTOM_LEFT);
        } catch (RuntimeException e) {
            // no workbench (tests): the suffix says it
        }
    }

    /**
     * What is wrong with the run folder (empty: complete, or not a run folder at all); cached until a file of the
     * folder changes.
     */
    public List<String> problems(Path dir) {
        if (!Files.isRegularFile(dir.resolve("run.json"))) {
            return List.of();
        }
        String stamp = stamp(dir);
        Checked c = checked.get(dir);
        if (c != null && c.stamp().equals(stamp)) {
            return c.problems();
        }
        List<String> problems = List.copyOf(RunFolders.verify(dir));
        checked.put(dir, new Checked(stamp, problems));
        return problems;
    }

    /** The label suffix for a folder with these problems, e.g. {@code [fails verification: 2 problems]}. */
    public static String suffix(List<String> problems) {
        String first = problems.get(0);
        int colon = first.indexOf(": ");
        String what = colon >= 0 ? first.substring(colon + 2) : first;
        if (what.length() > 80) {
            what = what.substring(0, 77) + "...";
        }
        return "[fails verification: " + what + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "")
                + "]";
    }

    /** Names, sizes and times of the folder's files: changes when any file does. */
    private static String stamp(Path dir) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                b.append(dir.relativize(p)).append('|').append(Files.size(p)).append('|')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        } catch (IOException | RuntimeException e) {
            b.append("unreadable ").append(e.getMessage());
        }
        return b.toString();
    }

    @Override
    public void addListener(ILabelProviderListener listener) {
        // the navigator re-decorates changed resources itself
    }

    @Override
    public void dispose() {
        checked.clear();
    }

    @Override
    public boolean isLabelProperty(Object element, String property) {
        return false;
    }

    @Override
    public void removeListener(ILabelProviderListener listener) {
        // see addListener
    }
}
