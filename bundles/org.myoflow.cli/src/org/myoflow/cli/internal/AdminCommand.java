package org.myoflow.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow admin install REPO IU [--dry-run]}: the administrator of a lab installation adds a third-party
 * plug-in for every user. The unit {@code IU} (a bundle, or a feature group whose bundles are installed) is read from
 * the p2 repository {@code REPO} ({@link P2Repository}: a folder, zip or URL) and checked; then the Equinox p2
 * director of the installation ({@link P2Director}, a separate JVM) installs it into the product's p2 profile, which
 * writes {@code plugins/} and the shared {@code bundles.info} every user's cascaded configuration reads. Only where
 * the installation has no director (or no p2 profile) the old path is taken: its bundle jars are checked (SHA-256
 * from the repository, a bundle manifest with the unit's name and version) and placed in
 * {@code <install>/}{@value #EXTENSIONS_FOLDER}, which every user's command loads beside their own extension
 * folders. Bundles the installation already has in {@code plugins/} are not installed again; older versions of an
 * installed bundle are removed from the extensions folder.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Administer a lab installation (needs write access to it).",
        subcommands = AdminCommand.Install.class)
final class AdminCommand implements Callable<Integer> {

    /** The installation's folder of administrator-installed plug-ins. */
    static final String EXTENSIONS_FOLDER = "extensions";

    @ParentCommand
    Cli cli;

    @Override
    public Integer call() {
        cli.err.println("myoflow admin: give a subcommand: install REPO IU [--dry-run]");
        return ExitCodes.INVALID;
    }

    /** The installation folder ({@code myoflow.home}), or null. */
    static Path installFolder() {
        String home = System.getProperty("myoflow.home");
        return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Install a plug-in for every user of this installation from a p2 repository (the "
                    + "project's update site or a plug-in author's) with the p2 director into the installation's "
                    + "p2 profile (into <install>/extensions where the installation has no director).")
    static final class Install implements Callable<Integer> {

        @ParentCommand
        AdminCommand parent;

        @Parameters(index = "0", paramLabel = "REPO", description = "The p2 repository: a folder, a zip file, or a "
                + "file:, http: or https: URL")
        String repo;

        @Parameters(index = "1", paramLabel = "IU", description = "The installable unit: a bundle id or a feature "
                + "group (xyz.feature.group), optionally ID/VERSION")
        String iu;

        @Option(names = "--dry-run", description = "Show what would be installed; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Cli cli = parent.cli;
            Path install = installFolder();
            if (install == null || !Files.isDirectory(install)) {
                cli.err.println("myoflow admin install: the installation folder is unknown (myoflow.home is not set;"
                        + " start Myoflow with its myoflow script)");
                return ExitCodes.INVALID;
            }
            Path ext = install.resolve(EXTENSIONS_FOLDER);
            if (!dryRun && !LabCommand.writable(install)) {
                cli.err.println("myoflow admin install: the install is read-only for you; run as the administrator ("
                        + install + ")");
                return ExitCodes.INVALID;
            }
            String id = iu;
            VersionRange range = null;
            int slash = iu.indexOf('/');
            if (slash > 0) {
                id = iu.substring(0, slash);
                try {
                    Version v = Version.parseVersion(iu.substring(slash + 1));
                    range = new VersionRange(VersionRange.LEFT_CLOSED, v, v, VersionRange.RIGHT_CLOSED);
                } catch (IllegalArgumentException e) {
                    cli.err.println("myoflow admin install: IU '" + clean(iu) + "': the version after '/' is not "
                            + "valid (" + e.getMessage() + ")");
                    return ExitCodes.INVALID;
                }
            }
            P2Repository r;
            try {
                r = P2Repository.open(repo);
            } catch (P2Repository.RepositoryException e) {
                cli.err.println("myoflow admin install: " + e.getMessage());
                return ExitCodes.BAD_DATA;
            }
            P2Repository.Unit root = r.unit(id, range);
            if (root == null) {
                List<String> known = r.units().stream().filter(u -> u.bundle() || u.id().endsWith(".feature.group"))
                        .map(u -> u.id() + " " + u.version()).sorted().distinct().limit(20).toList();
                cli.err.println("myoflow admin install: the repository " + repo + " has no unit '" + clean(iu) + "'"
                        + (known.isEmpty() ? "" : " (bundles and features: " + String.join(", ", known) + ")"));
                return ExitCodes.INVALID;
            }
            Set<String> platform = platformBundles(install);
            List<P2Repository.Unit> bundles = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            collect(r, root, new HashSet<>(), platform, bundles, skipped);
            P2Director director = P2Director.find(install);
            if (bundles.isEmpty() && director == null) {
                cli.err.println("myoflow admin install: the unit " + root.id() + " " + root.version() + " brings no "
                        + "bundle that the installation lacks" + (skipped.isEmpty() ? ""
                                : " (already in plugins/: " + String.join(", ", skipped) + ")"));
                return ExitCodes.INVALID;
            }
            if (director != null) {
                if (bundles.isEmpty()) {
                    cli.out.println("note: " + root.id() + " " + root.version() + " brings no bundle that the "
                            + "installation lacks" + (skipped.isEmpty() ? "" : " (already in plugins/: "
                                    + String.join(", ", skipped) + ")") + "; the p2 director checks the profile");
                }
                for (P2Repository.Unit b : bundles) {
                    cli.out.println((dryRun ? "would install " : "installing ") + b.id() + " " + b.version()
                            + " with the p2 director into " + director.product() + " (profile "
                            + director.profile() + ")");
                }
                if (dryRun) {
                    if (!LabCommand.writable(install)) {
                        cli.out.println("note: the install is read-only for you; run the install as the "
                                + "administrator");
                    }
                    return ExitCodes.OK;
                }
                String unit = root.id() + "/" + root.version();
                P2Director.Result res;
                try {
                    res = director.install(repo, unit);
                } catch (IOException e) {
                    cli.err.println("myoflow admin install: cannot start the p2 director: " + e.getMessage());
                    return ExitCodes.STEP_FAILED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCodes.CANCELLED;
                }
                if (res.exitCode() != 0) {
                    cli.err.println("myoflow admin install: the p2 director failed (exit " + res.exitCode() + ") "
                            + "installing " + unit + " from " + repo + ":");
                    res.lines().forEach(l -> cli.err.println("  " + l));
                    return ExitCodes.STEP_FAILED;
                }
                res.lines().forEach(l -> cli.out.println("  p2: " + l));
                // a copy that an earlier (fallback) install placed in the extensions folder would load twice
                removeFromExtensions(ext, bundles);
                cli.out.println("installed " + root.id() + " " + root.version() + " with the p2 director into "
                        + director.product() + " (profile " + director.profile() + "); every user's next myoflow "
                        + "command loads it");
                return ExitCodes.OK;
            }
            cli.out.println("note: this installation has no p2 director (or no p2 profile); the bundles go into "
                    + ext + " instead");
            for (P2Repository.Unit b : bundles) {
                cli.out.println((dryRun ? "would install " : "installing ") + b.id() + " " + b.version() + " into "
                        + ext);
            }
            if (dryRun) {
                if (!LabCommand.writable(install)) {
                    cli.out.println("note: the install is read-only for you; run the install as the administrator");
                }
                return ExitCodes.OK;
            }
            try {
                if (!Files.isDirectory(ext)) {
                    Files.createDirectories(ext);
                    copyMode(install, ext, false);
                }
                for (P2Repository.Unit b : bundles) {
                    place(r, b, ext, install);
                }
            } catch (P2Repository.RepositoryException e) {
                cli.err.println("myoflow admin install: " + e.getMessage());
                return ExitCodes.BAD_DATA;
            } catch (IOException e) {
                cli.err.println("myoflow admin install: cannot write into " + ext + ": " + e);
                return ExitCodes.STEP_FAILED;
            }
            cli.out.println("installed " + bundles.size() + " bundle" + (bundles.size() == 1 ? "" : "s") + " of "
                    + root.id() + " " + root.version() + "; every user's next myoflow command loads "
                    + (bundles.size() == 1 ? "it" : "them"));
            return ExitCodes.OK;
        }

        /** Deletes the jars of {@code bundles} from the installation's extensions folder, if any. */
        private static void removeFromExtensions(Path ext, List<P2Repository.Unit> bundles) {
            if (!Files.isDirectory(ext)) {
                return;
            }
            Set<String> ids = new HashSet<>();
            bundles.forEach(b -> ids.add(b.id()));
            try (Stream<Path> s = Files.list(ext)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                    String[] k = bundleKey(p);
                    if (k != null && ids.contains(k[0])) {
                        Files.delete(p);
                    }
                }
            } catch (IOException e) {
                // left in place: the platform loads the newest copy of a bundle once (plug-in isolation)
            }
        }

        /** The bundle units of {@code u} (itself, or what a feature group requires, transitively). */
        private static void collect(P2Repository r, P2Repository.Unit u, Set<String> seen, Set<String> platform,
                List<P2Repository.Unit> out, List<String> skipped) {
            if (!seen.add(u.id())) {
                return;
            }
            if (u.bundle()) {
                if (platform.contains(u.id())) {
                    skipped.add(u.id());
                } else {
                    out.add(u);
                }
                return;
            }
            for (var req : u.requires().entrySet()) {
                P2Repository.Unit dep = r.unit(req.getKey(), req.getValue());
                if (dep != null) {
                    collect(r, dep, seen, platform, out, skipped);
                }
            }
        }

        /** Downloads, verifies and atomically places one bundle; removes older jars of the same bundle. */
        private static void place(P2Repository r, P2Repository.Unit b, Path ext, Path install)
                throws IOException, P2Repository.RepositoryException {
            P2Repository.Artifact a = r.bundleArtifact(b);
            if (a == null) {
                throw new P2Repository.RepositoryException("the repository " + r.description() + " lists no bundle "
                        + "artifact for " + b.id() + " " + b.version());
            }
            String fileName = b.id() + "_" + b.version() + ".jar";
            Path tmp = Files.createTempFile(ext, "." + b.id(), ".part");
            try {
                MessageDigest sha;
                try {
                    sha = MessageDigest.getInstance("SHA-256");
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                long size;
                try (InputStream in = new DigestInputStream(r.openArtifact(a), sha);
                        OutputStream out = Files.newOutputStream(tmp)) {
                    size = in.transferTo(out);
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                if (a.sha256() != null && !a.sha256().equalsIgnoreCase(digest)) {
                    throw new P2Repository.RepositoryException("the repository " + r.description() + ": "
                            + b.id() + " " + b.version() + " has SHA-256 " + digest + ", its artifact entry says "
                            + a.sha256() + " (a damaged or altered download)");
                }
                if (a.sha256() == null && a.size() >= 0 && a.size() != size) {
                    throw new P2Repository.RepositoryException("the repository " + r.description() + ": " + b.id()
                            + " " + b.version() + " is " + size + " bytes, its artifact entry says " + a.size());
                }
                String[] key = bundleKey(tmp);
                if (key == null || !key[0].equals(b.id()) || !Version.parseVersion(key[1]).equals(b.version())) {
                    throw new P2Repository.RepositoryException("the repository " + r.description() + ": the jar of "
                            + b.id() + " " + b.version() + " is " + (key == null ? "not an OSGi bundle"
                                    : "the bundle " + key[0] + " " + key[1]));
                }
                copyMode(install, tmp, true);
                Path target = ext.resolve(fileName);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                // older versions of the same bundle leave, so that users get exactly one
                try (Stream<Path> s = Files.list(ext)) {
                    for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".jar") && !p.equals(target))
                            .toList()) {
                        String[] k = bundleKey(p);
                        if (k != null && k[0].equals(b.id())) {
                            Files.delete(p);
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** {Bundle-SymbolicName (without directives), Bundle-Version} of a jar, or null. */
    static String[] bundleKey(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                return null;
            }
            String v = m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return new String[] { bsn.split(";")[0].trim(), v == null ? "0.0.0" : v.trim() };
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The symbolic names of the bundles in {@code <install>/plugins}. */
    static Set<String> platformBundles(Path install) {
        Set<String> out = new LinkedHashSet<>();
        Path plugins = install.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            return out;
        }
        try (Stream<Path> s = Files.list(plugins)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                int us = n.lastIndexOf('_');
                if (us > 0 && (n.endsWith(".jar") || Files.isDirectory(p))) {
                    out.add(n.substring(0, us));
                }
            }
        } catch (IOException e) {
            // an unreadable plugins folder: nothing is skipped, the bundles are installed
        }
        return out;
    }

    /**
     * Gives {@code target} the permission bits of the installation folder (a read-only install stays read-only for
     * everyone but its owner's root), without execute bits for a file. Ignored where POSIX permissions do not exist.
     */
    private static void copyMode(Path install, Path target, boolean file) {
        try {
            Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
            p.addAll(Files.getPosixFilePermissions(install));
            p.add(PosixFilePermission.OWNER_READ);
            if (file) {
                p.removeAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            } else {
                p.add(PosixFilePermission.OWNER_EXECUTE);
            }
            Files.setPosixFilePermissions(target, p);
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default permissions
        }
    }

    private static String clean(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
