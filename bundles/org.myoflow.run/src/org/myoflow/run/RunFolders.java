package org.myoflow.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>
 * A run into a folder holds an exclusive {@link #lock lock} on {@code .<name>.lock} in the same parent (a file lock
 * the operating system releases when the process ends, however it ends), so a second run into the same folder, from
 * this or another process, is refused naming the process that holds it. An existing target is replaced only when
 * the caller asks for it ({@link #checkTarget(Path, boolean)}: {@code --overwrite}) and only when it is a run folder
 * (or empty); a file, a link or a folder of other files is never replaced.
 *
 * @since 0.2
 */
public final class RunFolders {

    private static final Pattern STALE = Pattern.compile("\\.(.+)\\.(tmp|old)-(\\d+)-[0-9a-z]+");
    private static final Pattern LOCK_FILE = Pattern.compile("\\.(.+)\\.lock");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary folders this process created and has not yet published or deleted. */
    private static final Set<Path> LIVE_TEMPORARIES = ConcurrentHashMap.newKeySet();
    /**
     * Lock files this process holds (or is taking), each with who holds it: {@link #RUN}, or {@link #PROBE} while the
     * stale-file clean-up tests for a moment whether a dead process left it. Never opened a second time while held.
     */
    private static final ConcurrentHashMap<Path, String> HELD_LOCKS = new ConcurrentHashMap<>();
    private static final String RUN = "run";
    private static final String PROBE = "probe";

    private RunFolders() {
    }

    /**
     * Why the folder cannot be the target of a run that may replace an earlier run folder, or null when it can
     * (same as {@link #checkTarget(Path, boolean) checkTarget(target, true)}).
     */
    public static String checkTarget(Path target) {
        return checkTarget(target, true);
    }

    /**
     * Why the path cannot be the target of a run, or null when it can. Checked before any computation, so that a
     * bad {@code --out} costs nothing:
     * <ul>
     * <li>the nearest existing ancestor must be a folder this process can write into (not a file, not read-only);
     * <li>an existing target is refused unless {@code overwrite} is set; with it, only an earlier run folder (one
     * holding run.json) or an empty folder is replaced, never a file, a link or a folder of other files, so that a
     * mistyped {@code --out} never deletes a user's data.
     * </ul>
     *
     * @param overwrite whether an existing run folder may be replaced ({@code --overwrite})
     */
    public static String checkTarget(Path target, boolean overwrite) {
        Path t = target.toAbsolutePath().normalize();
        if (t.getParent() == null) {
            return "the output folder " + t + " is a file-system root";
        }
        String parent = checkParent(t.getParent());
        if (parent != null) {
            return parent;
        }
        if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isSymbolicLink(t) ? "the output folder " + t + " is a dangling symbolic link: choose "
                    + "another folder" : null;
        }
        if (Files.isSymbolicLink(t)) {
            return "the output folder " + t + " is a symbolic link; a run never replaces a link: choose another "
                    + "folder";
        }
        if (!Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
            return "the output folder " + t + " exists and is a file, not a folder"
                    + (overwrite ? " (--overwrite replaces only earlier run folders)" : "") + ": choose another folder";
        }
        if (Files.isRegularFile(t.resolve(RunFolder.RUN_JSON))) {
            return overwrite ? null
                    : "the output folder " + t + " already holds a run: pass --overwrite to replace it, or choose "
                            + "another folder";
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(t)) {
            if (ds.iterator().hasNext()) {
                return "the output folder " + t + " exists, is not empty and is not a run folder (no "
                        + RunFolder.RUN_JSON + ")" + (overwrite ? "; --overwrite replaces only earlier run folders" : "")
                        + ": choose a new folder";
            }
        } catch (IOException e) {
            return "cannot read the output folder " + t + ": " + e.getMessage();
        }
        return overwrite ? null
                : "the output folder " + t + " already exists (empty): pass --overwrite to use it, or choose a new "
                        + "folder";
    }

    /** Why no run folder can be created in {@code parent} (its nearest existing ancestor), or null. */
    private static String checkParent(Path parent) {
        Path p = parent;
        while (p != null && !Files.exists(p)) {
            if (Files.isSymbolicLink(p)) {
                return "cannot create the output folder's parent " + parent + ": " + p + " is a dangling link";
            }
            p = p.getParent();
        }
        if (p == null) {
            return "the output folder's parent " + parent + " cannot be created (no existing ancestor)";
        }
        if (!Files.isDirectory(p)) {
            return "the output folder cannot be created: " + p + " is a file, not a folder";
        }
        if (!Files.isWritable(p)) {
            return "the output folder cannot be created: no permission to write into " + p;
        }
        return null;
    }

    /**
     * Takes the exclusive lock of a run into {@code target}: a file lock on {@code .<name>.lock} in its parent
     * (created, with the parents, when missing), holding this process's id and start time. The operating system
     * releases the lock when the process ends, even by {@code kill -9}; {@link Lock#close()} releases it and deletes
     * the lock file.
     *
     * @throws FolderLockedException when another run (of this or another process) holds the lock; its message
     *                               names the other process
     * @throws IOException           when the lock file cannot be created or locked
     */
    public static Lock lock(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Path file = lockFile(t);
        long pid = ProcessHandle.current().pid();
        // another run's clean-up of stale files (cleanStale) may be probing this lock file for a moment: wait for
        // it rather than report a run that does not exist
        long probeDeadline = System.nanoTime() + 5_000_000_000L;
        for (String holder; (holder = HELD_LOCKS.putIfAbsent(file, RUN)) != null;) {
            if (!PROBE.equals(holder) || System.nanoTime() > probeDeadline) {
                throw new FolderLockedException(t, pid, "another run in this process");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the lock of " + t);
            }
        }
        boolean locked = false;
        try {
            String me = "pid=" + pid + "\nstarted="
                    + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("?") + "\n";
            // POSIX record locks belong to the process and closing ANY descriptor of the file releases them, so
            // while this process holds the lock the file is never opened again here: the lock file's identity is
            // checked with stat (its file key) before opening and after locking instead of reading it back
            for (int attempt = 0; attempt < 50; attempt++) {
                Object before = fileKey(file);
                if (before == null && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createFile(file);
                    } catch (FileAlreadyExistsException e) {
                        // another run created it first
                    }
                    continue;
                }
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // deleted by the run that just released it
                }
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                if (lock == null) {
                    ch.close();
                    String holder = holder(file);
                    throw new FolderLockedException(t, pidOf(holder), holder);
                }
                Object after = fileKey(file);
                if (after != null && !after.equals(before)) {
                    // its holder deleted the file we opened before we locked it: lock the current one instead
                    lock.release();
                    ch.close();
                    continue;
                }
                try {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)));
                    ch.force(false);
                } catch (IOException | RuntimeException e) {
                    lock.release();
                    ch.close();
                    throw e;
                }
                locked = true;
                return new Lock(file, ch, lock, after != null);
            }
            throw new IOException("cannot lock " + file + ": it keeps being replaced by other processes");
        } finally {
            if (!locked) {
                HELD_LOCKS.remove(file, RUN);
            }
        }
    }

    /** The identity of a file (device and inode where the platform has them), or null when it does not exist. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The lock file of a run into {@code target}: {@code .<name>.lock} in its parent. */
    public static Path lockFile(Path target) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling("." + t.getFileName() + ".lock");
    }

    /** The content of a lock file held by another process (waits briefly for the holder to write it). */
    private static String holder(Path file) {
        for (int i = 0; i < 20; i++) {
            String s = readQuietly(file);
            if (s != null && s.contains("pid=")) {
                return s;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "";
    }

    private static long pidOf(String holder) {
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(holder == null ? "" : holder);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The exclusive lock of a run into one folder ({@link RunFolders#lock}); close releases it.
     *
     * @since 0.3
     */
    public static final class Lock implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final boolean deleteOnClose;

        private Lock(Path file, FileChannel channel, FileLock lock, boolean deleteOnClose) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.deleteOnClose = deleteOnClose;
        }

        /** The lock file. */
        public Path file() {
            return file;
        }

        /**
         * Deletes the lock file (while still holding the lock, so a run that opened it meanwhile notices and locks
         * the next one) and releases the lock.
         */
        @Override
        public synchronized void close() {
            if (!channel.isOpen()) {
                return;
            }
            try {
                if (deleteOnClose) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | RuntimeException e) {
                // a lock file left behind is harmless: the next run locks it and deletes it
            }
            try {
                lock.release();
            } catch (IOException | RuntimeException e) {
                // closing the channel releases it too
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
            HELD_LOCKS.remove(file, RUN);
        }
    }

    /**
     * Another run holds the lock of the folder; the message names that process.
     *
     * @since 0.3
     */
    public static final class FolderLockedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        FolderLockedException(Path target, long pid, String holder) {
            super("the output folder " + target + " is being written by " + describe(pid, holder)
                    + "; wait for it to finish or choose another folder");
            this.pid = pid;
        }

        /** The process id of the holder (-1 when it could not be read). */
        public long pid() {
            return pid;
        }

        private static String describe(long pid, String holder) {
            if (holder != null && holder.startsWith("another run in this process")) {
                return "another run in this process (pid " + pid + ")";
            }
            if (pid < 0) {
                return "another process";
            }
            Matcher m = Pattern.compile("started=(\\S+)").matcher(holder);
            return "another run (process " + pid + (m.find() && !m.group(1).equals("?") ? ", started "
                    + m.group(1) : "") + ")";
        }
    }

    /** Creates the temporary sibling {@code .<name>.tmp-<pid>-<random>} of the target (and the target's parent). */
    public static Path createTemporary(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Path tmp = Files.createDirectory(sibling(t, "tmp"));
        LIVE_TEMPORARIES.add(tmp);
        return tmp;
    }

    /**
     * Deletes, as far as possible, the temporary folders of this process's unfinished runs; for a process that must
     * end now (a second Ctrl-C, a step that does not stop when cancelled). What it cannot delete, the next run into
     * the same parent removes ({@link #cleanStale}).
     */
    public static void abandonTemporaries() {
        for (Path p : List.copyOf(LIVE_TEMPORARIES)) {
            try {
                deleteTree(p);
            } catch (IOException | RuntimeException e) {
                // left for the next run's clean-up
            }
            LIVE_TEMPORARIES.remove(p);
        }
    }

    /**
     * Flushes every file of the complete temporary folder to disk and renames it to the target, replacing an earlier
     * run folder there (see the class comment for what a crash in between leaves).
     */
    public static void publish(Path temporary, Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        syncTree(temporary);
        LIVE_TEMPORARIES.remove(temporary);
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
     * (the process died between its two renames), else deletes it. Folders of live processes are left alone. Lock
     * files ({@code .<name>.lock}) that no process holds are deleted.
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
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".*.lock")) {
            for (Path p : ds) {
                if (LOCK_FILE.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && deleteUnheldLock(p)) {
                    done.add(p);
                }
            }
        } catch (IOException e) {
            // nothing to tidy
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

    /** Deletes a lock file no process holds (taking its lock first, so a live run's lock is never deleted). */
    private static boolean deleteUnheldLock(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (HELD_LOCKS.putIfAbsent(f, PROBE) != null) {
            return false; // held by a run of this process: opening it here would release that lock
        }
        try {
            Object before = fileKey(f);
            if (before == null) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    return false;
                }
                try {
                    if (!before.equals(fileKey(f))) {
                        return false;
                    }
                    Files.deleteIfExists(f);
                    return true;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            HELD_LOCKS.remove(f, PROBE);
        }
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
        if (root != null) {
            LIVE_TEMPORARIES.remove(root);
        }
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
