package org.myoflow.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.myoflow.core.data.Digests;
import org.myoflow.report.RunFolder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Atomic publication and verification of run folders.
 * <p>
 * A run folder is written into a temporary sibling {@code .<name>.tmp-<pid>-<random>} in the same parent, its files
 * are flushed to disk, and the folder is renamed into place only when complete. An existing run folder at the target
 * is first renamed aside to {@code .<name>.old-<pid>-<random>}, then the new one renamed into place, then the old
 * one deleted. So a process killed at any moment leaves at the target either nothing, the complete old folder or the
 * complete new folder, never a folder with a run.json whose files are missing or truncated. What a kill can leave
 * besides is a hidden temporary ({@code .tmp-}) folder, or, when killed between the two renames, the old folder
 * under its {@code .old-} name and no folder at the target. The next run into the same parent
 * ({@link #cleanStale}) deletes the stale temporary folders of dead processes and renames a stale {@code .old-}
 * folder back to its name when nothing took its place.
 *
 * @since 0.2
 */
public final class RunFolders {

    private static final Pattern STALE = Pattern.compile("\\.(.+)\\.(tmp|old)-(\\d+)-[0-9a-z]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunFolders() {
    }

    /**
     * Why the folder cannot be the target of a run, or null when it can: it does not exist, is an empty folder, or
     * is an earlier run folder (holds run.json; it is replaced as a whole). Any other existing path is refused so
     * that a mistyped {@code --out} never deletes a user's folder.
     */
    public static String checkTarget(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (t.getParent() == null) {
            return "the output folder " + t + " is a file-system root";
        }
        if (!Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "the output folder " + t + " exists and is not a folder";
        }
        if (Files.isRegularFile(t.resolve(RunFolder.RUN_JSON))) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(t)) {
            if (ds.iterator().hasNext()) {
                return "the output folder " + t + " exists, is not empty and is not a run folder (no "
                        + RunFolder.RUN_JSON + "): choose a new or empty folder";
            }
        } catch (IOException e) {
            return "cannot read the output folder " + t + ": " + e.getMessage();
        }
        return null;
    }

    /** Creates the temporary sibling {@code .<name>.tmp-<pid>-<random>} of the target (and the target's parent). */
    public static Path createTemporary(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        return Files.createDirectory(sibling(t, "tmp"));
    }

    /**
     * Flushes every file of the complete temporary folder to disk and renames it to the target, replacing an earlier
     * run folder there (see the class comment for what a crash in between leaves).
     */
    public static void publish(Path temporary, Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        syncTree(temporary);
        if (Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Path old = sibling(t, "old");
            Files.move(t, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temporary, t, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(t.getParent());
            deleteTree(old);
        } else {
            Files.move(temporary, t, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(t.getParent());
    }

    /**
     * Tidies what killed runs left in a parent folder: deletes the {@code .tmp-} folders of processes that are no
     * longer alive, and renames an {@code .old-} folder of a dead process back to its name when the name is free
     * (the process died between its two renames), else deletes it. Folders of live processes are left alone.
     *
     * @return the paths removed or restored
     */
    public static List<Path> cleanStale(Path parent) {
        List<Path> done = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return done;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".*.*-*-*")) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            return done;
        }
        for (Path p : entries) {
            Matcher m = STALE.matcher(p.getFileName().toString());
            if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            try {
                Path name = parent.resolve(m.group(1));
                if (m.group(2).equals("old") && !Files.exists(name, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(p.resolve(RunFolder.RUN_JSON))) {
                    Files.move(p, name, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    deleteTree(p);
                }
                done.add(p);
            } catch (IOException e) {
                // another process tidied it first, or it cannot be removed: leave it
            }
        }
        return done;
    }

    /**
     * Checks that a run folder is complete: it holds run.json, run.json lists the SHA-256 of every other file, and
     * every file is there, unaltered, and listed.
     *
     * @return what is wrong (empty: the folder is complete)
     */
    public static List<String> verify(Path folder) {
        List<String> problems = new ArrayList<>();
        Path runJson = folder.resolve(RunFolder.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            problems.add(folder + ": no " + RunFolder.RUN_JSON + " (not a run folder, or a run that did not finish)");
            return problems;
        }
        JsonObject run;
        try {
            JsonElement el = JsonParser.parseString(Files.readString(runJson, StandardCharsets.UTF_8));
            run = el.isJsonObject() ? el.getAsJsonObject() : null;
        } catch (IOException | RuntimeException e) {
            problems.add(runJson + ": cannot be read as JSON: " + e.getMessage());
            return problems;
        }
        if (run == null || !run.has("format") || !"myoflow-run".equals(run.get("format").getAsString())) {
            problems.add(runJson + ": not a Myoflow run description (format is not 'myoflow-run')");
            return problems;
        }
        if (!run.has("files") || !run.get("files").isJsonObject()) {
            problems.add(runJson + ": lists no file checksums ('files'; written since run.json format version 2)");
            return problems;
        }
        TreeSet<String> present = new TreeSet<>();
        try {
            present.addAll(RunFolder.fileDigests(folder).keySet());
        } catch (IOException e) {
            problems.add(folder + ": cannot be read: " + e.getMessage());
            return problems;
        }
        for (Map.Entry<String, JsonElement> f : run.getAsJsonObject("files").entrySet()) {
            Path file = folder.resolve(f.getKey()).normalize();
            if (!file.startsWith(folder.normalize()) || !present.remove(f.getKey())) {
                problems.add(folder + ": file " + f.getKey() + " listed in run.json is missing");
                continue;
            }
            try {
                String sha = Digests.sha256(file);
                if (!sha.equals(f.getValue().getAsString())) {
                    problems.add(folder + ": file " + f.getKey() + " does not match its SHA-256 in run.json "
                            + "(truncated or changed)");
                }
            } catch (IOException | RuntimeException e) {
                problems.add(folder + ": file " + f.getKey() + " cannot be read: " + e.getMessage());
            }
        }
        for (String extra : present) {
            problems.add(folder + ": file " + extra + " is not listed in run.json");
        }
        return problems;
    }

    /** Deletes a folder tree (or a file); a missing path is no error. */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path sibling(Path target, String kind) {
        String rnd = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + ProcessHandle.current().pid()
                + "-" + rnd);
    }

    private static void syncTree(Path dir) throws IOException {
        List<Path> all;
        try (var walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                    c.force(true);
                }
            } else if (Files.isDirectory(p)) {
                syncDirectory(p);
            }
        }
    }

    /** fsync of a directory (its entries); not every platform supports it, so failures are ignored. */
    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort: Windows cannot open a directory as a channel
        }
    }
}
