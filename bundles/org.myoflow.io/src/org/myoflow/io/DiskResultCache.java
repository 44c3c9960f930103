package org.myoflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.engine.ResultCache;

/**
 * A result cache on disk, for headless re-runs of edited pipelines ({@code ./myoflow run --cache DIR}): one
 * folder per cache key holding each output port as {@code .npy} + {@code .json}. An entry is written to a
 * temporary folder and renamed into place, so concurrent runs sharing a cache never see half an entry; an entry
 * that cannot be read back (deleted file, changed data, a type it cannot read) is a miss, never an error.
 * <p>
 * The temporary folders are named {@code .tmp-<pid>-<key>-<random>}; opening the cache deletes those of processes
 * that are no longer alive (a run killed during a cache write), and those of the older unnamed form
 * ({@code .tmp-<key><random>}) once they are an hour old.
 *
 * @since 0.1
 */
public final class DiskResultCache implements ResultCache {

    private static final System.Logger LOG = System.getLogger(DiskResultCache.class.getName());

    /** {@code .tmp-<pid>-<key prefix>-<random>}: a temporary entry of a writing process. */
    private static final java.util.regex.Pattern STALE = java.util.regex.Pattern.compile("\\.tmp-(\\d{1,18})-.*");

    private final Path root;

    public DiskResultCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache folder " + this.root, e);
        }
        cleanStale();
    }

    /**
     * Deletes the temporary folders of writers that died (see the class comment); a live writer's folder is left
     * alone.
     *
     * @return how many were deleted
     */
    public int cleanStale() {
        int removed = 0;
        java.util.List<Path> tmps;
        try (Stream<Path> s = Files.list(root)) {
            tmps = s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        long me = ProcessHandle.current().pid();
        for (Path p : tmps) {
            java.util.regex.Matcher m = STALE.matcher(p.getFileName().toString());
            boolean stale;
            if (m.matches()) {
                long pid = Long.parseLong(m.group(1));
                stale = pid != me && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } else {
                try {
                    stale = Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L;
                } catch (IOException e) {
                    stale = false;
                }
            }
            if (stale) {
                try {
                    deleteTree(p);
                    removed++;
                } catch (IOException | UncheckedIOException e) {
                    // another process tidied it first, or it cannot be removed: leave it
                }
            }
        }
        return removed;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<Map<String, Data>> get(String key) {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Map<String, Data> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path npy : files.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList()) {
                String port = npy.getFileName().toString().replaceFirst("\\.npy$", "");
                out.put(port, ResultFiles.read(npy));
            }
        } catch (IOException | DataException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cache entry {0} unreadable, recomputing: {1}", dir, e.getMessage());
            return Optional.empty();
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    @Override
    public void put(String key, Map<String, Data> outputs) {
        Path dir = root.resolve(key);
        if (Files.isDirectory(dir) || outputs.isEmpty()) {
            return;
        }
        try {
            Path tmp = Files.createTempDirectory(root, ".tmp-" + ProcessHandle.current().pid() + "-"
                    + key.substring(0, Math.min(12, key.length())) + "-");
            for (Map.Entry<String, Data> e : outputs.entrySet()) {
                ResultFiles.write(e.getValue(), tmp.resolve(e.getKey() + ".npy"));
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                deleteTree(tmp); // another run stored the same entry first
            }
        } catch (IOException | DataException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot store cache entry {0}: {1}", dir, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
