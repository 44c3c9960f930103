package org.myoflow.releng.baseline;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Manifest;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * Compares the bundles of this build with the same bundles of the baseline release using bnd's baseline (semantic
 * versioning of exported packages), and fails when an exported API package changed without the version increase
 * that its change requires, or a bundle's version is lower than its packages' changes require.
 *
 * <p>
 * Usage: {@code ApiBaseline BASELINE_DIR CURRENT_JAR...}. BASELINE_DIR holds the bundle jars of the baseline release;
 * a current bundle is paired with the baseline jar of the same Bundle-SymbolicName. Packages exported
 * {@code x-internal:=true} or with {@code x-friends} (in either release) are not API and are skipped. Exit codes: 0
 * compatible, 1 at least one violation, 2 usage error.
 * </p>
 * <p>
 * The rules are bnd's: a change that breaks a consumer (a removed or changed member, a method added to an interface
 * that consumers implement) needs the next major version, an addition the next minor version, a change without
 * API effect the next micro version. See docs/api.md.
 * </p>
 */
public final class ApiBaseline {

    private ApiBaseline() {
    }

    /** One row of the report table. */
    private record Row(String bundle, String pkg, String older, String newer, String required, String delta,
            boolean failed, List<String> members, String note) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ApiBaseline BASELINE_DIR CURRENT_JAR...");
            System.exit(2);
        }
        File baselineDir = new File(args[0]);
        Map<String, File> older = jarsByBsn(baselineDir.listFiles((d, n) -> n.endsWith(".jar")));
        File[] currentFiles = Arrays.stream(args).skip(1).map(File::new).toArray(File[]::new);
        Map<String, File> newer = jarsByBsn(currentFiles);

        // packages exported (as API) by any current bundle: a package that moved between bundles is not "removed"
        Map<String, String> currentExporters = new TreeMap<>();
        for (Map.Entry<String, File> e : newer.entrySet()) {
            for (String p : apiExports(e.getValue())) {
                currentExporters.put(p, e.getKey());
            }
        }

        List<Row> rows = new ArrayList<>();
        List<String> bundleProblems = new ArrayList<>();
        int violations = 0;
        for (Map.Entry<String, File> e : newer.entrySet()) {
            String bsn = e.getKey();
            File old = older.get(bsn);
            if (old == null) {
                for (String p : apiExports(e.getValue())) {
                    rows.add(new Row(bsn, p, "-", exportVersion(e.getValue(), p), "-", "ADDED", false, List.of(),
                            "new bundle"));
                }
                continue;
            }
            violations += compare(bsn, old, e.getValue(), currentExporters, rows, bundleProblems);
        }
        for (Map.Entry<String, File> e : older.entrySet()) {
            if (newer.containsKey(e.getKey())) {
                continue;
            }
            for (String p : apiExports(e.getValue())) {
                String movedTo = currentExporters.get(p);
                boolean failed = movedTo == null;
                violations += failed ? 1 : 0;
                rows.add(new Row(e.getKey(), p, exportVersion(e.getValue(), p), "-", "-", "REMOVED", failed,
                        List.of(), failed ? "bundle removed: the package is gone (a MAJOR change)"
                                : "bundle removed; package now exported by " + movedTo + " (not compared)"));
            }
        }

        print(rows, bundleProblems, older.size(), newer.size());
        System.out.println(violations == 0 ? "api-baseline: OK (no incompatible change without a version increase)"
                : "api-baseline: FAILED: " + violations + " violation(s); raise the versions to the required ones"
                        + " (docs/api.md)");
        System.exit(violations == 0 ? 0 : 1);
    }

    private static int compare(String bsn, File oldFile, File newFile, Map<String, String> currentExporters,
            List<Row> rows, List<String> bundleProblems) throws Exception {
        // internal in the baseline: not API then, whatever it is now (internal -> API is an addition)
        Set<String> skip = internalExports(oldFile);
        Set<String> nowInternal = internalExports(newFile);
        int violations = 0;
        try (Processor reporter = new Processor(); Jar newer = new Jar(newFile); Jar older = new Jar(oldFile)) {
            Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
            Set<Info> infos = baseline.baseline(newer, older, null);
            List<Info> sorted = new ArrayList<>(infos);
            sorted.sort(Comparator.comparing(i -> i.packageName));
            Delta highest = Delta.UNCHANGED;
            for (Info info : sorted) {
                if (skip.contains(info.packageName)) {
                    continue;
                }
                Delta delta = info.packageDiff.getDelta();
                String movedTo = delta == Delta.REMOVED ? currentExporters.get(info.packageName) : null;
                Version required = required(delta, info);
                boolean failed;
                String note = info.warning == null ? "" : info.warning.trim();
                if (delta == Delta.REMOVED) {
                    failed = movedTo == null;
                    note = failed ? "package no longer exported (a MAJOR change)"
                            : "moved to " + movedTo + " (not compared)";
                } else if (nowInternal.contains(info.packageName)) {
                    failed = true;
                    delta = Delta.REMOVED;
                    required = null;
                    note = "API package now exported as internal (x-internal/x-friends): a MAJOR change";
                } else {
                    // bnd itself never reports a mismatch for 0.x versions; this project applies its rules to 0.x too
                    // (importers use [0.y,1), so a 0.x package must not break them either): see docs/api.md
                    failed = info.mismatch || required != null
                            && info.newerVersion.getWithoutQualifier().compareTo(required) < 0;
                }
                if (!(delta == Delta.REMOVED && movedTo != null) && rank(delta) > rank(highest)) {
                    highest = delta;
                }
                violations += failed ? 1 : 0;
                rows.add(new Row(bsn, info.packageName, str(info.olderVersion), str(info.newerVersion),
                        str(required), label(delta), failed,
                        delta == Delta.UNCHANGED ? List.of() : members(info.packageDiff), note));
            }
            // the bundle version follows its API packages: the largest package change bumps it the same way
            Version olderBundle = baseline.getOlderVersion().getWithoutQualifier();
            Version newerBundle = baseline.getNewerVersion().getWithoutQualifier();
            Version requiredBundle = switch (rank(highest)) {
                case 3 -> new Version(olderBundle.getMajor() + 1, 0, 0);
                case 2 -> new Version(olderBundle.getMajor(), olderBundle.getMinor() + 1, 0);
                case 1 -> new Version(olderBundle.getMajor(), olderBundle.getMinor(), olderBundle.getMicro() + 1);
                default -> olderBundle;
            };
            if (newerBundle.compareTo(requiredBundle) < 0) {
                violations++;
                String change = new String[] {"", "MICRO", "MINOR", "MAJOR"}[rank(highest)];
                bundleProblems.add(bsn + ": Bundle-Version " + str(newerBundle) + " is too low: the baseline has "
                        + str(olderBundle) + " and the " + change + " change of its API packages requires at least "
                        + str(requiredBundle));
            }
        }
        return violations;
    }

    /** The lowest version that a package with this change may have (bnd's rules); null for removed packages. */
    private static Version required(Delta delta, Info info) {
        Version old = info.olderVersion.getWithoutQualifier();
        return switch (delta) {
            case MAJOR -> new Version(old.getMajor() + 1, 0, 0);
            case MINOR -> new Version(old.getMajor(), old.getMinor() + 1, 0);
            case MICRO, CHANGED -> new Version(old.getMajor(), old.getMinor(), old.getMicro() + 1);
            case ADDED -> info.newerVersion.getWithoutQualifier(); // a new package: any version
            case REMOVED -> null;
            default -> old;
        };
    }

    /** 3 major (or removed), 2 minor (or added), 1 micro, 0 none. */
    private static int rank(Delta d) {
        return switch (d) {
            case MAJOR, REMOVED -> 3;
            case MINOR, ADDED -> 2;
            case MICRO, CHANGED -> 1;
            default -> 0;
        };
    }

    /** The changed members under a package diff, as "ADDED method foo(int)" lines, most severe first. */
    private static List<String> members(Diff pkg) {
        List<String> out = new ArrayList<>();
        collect(pkg, "", out);
        return out;
    }

    private static void collect(Diff d, String path, List<String> out) {
        for (Diff c : d.getChildren()) {
            Delta delta = c.getDelta();
            Type t = c.getType();
            if (delta == Delta.UNCHANGED || delta == Delta.IGNORED || t == Type.VERSION) {
                continue;
            }
            boolean type = t == Type.CLASS || t == Type.INTERFACE || t == Type.ENUM || t == Type.ANNOTATION;
            String name = type ? simple(c.getName()) : path.isEmpty() ? c.getName() : path + "." + c.getName();
            if (type && delta != Delta.ADDED && delta != Delta.REMOVED) {
                collect(c, name, out);
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%-7s %-9s %s", delta, t.toString().toLowerCase(),
                    name));
            if (!type && delta != Delta.ADDED && delta != Delta.REMOVED) {
                List<String> what = new ArrayList<>();
                for (Diff cc : c.getChildren()) {
                    if (cc.getDelta() != Delta.UNCHANGED && cc.getDelta() != Delta.IGNORED) {
                        what.add(cc.getDelta().toString().toLowerCase() + " " + cc.getType().toString().toLowerCase()
                                + " " + cc.getName());
                    }
                }
                if (!what.isEmpty()) {
                    line.append(" (").append(String.join(", ", what)).append(')');
                }
            }
            out.add(line.toString());
        }
    }

    private static String simple(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static String label(Delta d) {
        return switch (d) {
            case MAJOR, REMOVED -> d == Delta.REMOVED ? "REMOVED" : "MAJOR";
            case MINOR, ADDED -> d == Delta.ADDED ? "ADDED" : "MINOR";
            case MICRO, CHANGED -> "MICRO";
            default -> "-";
        };
    }

    private static String str(Version v) {
        if (v == null) {
            return "-";
        }
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    private static void print(List<Row> rows, List<String> bundleProblems, int olderCount, int newerCount) {
        System.out.printf("api-baseline: %d bundle(s) in the baseline, %d in this build%n", olderCount, newerCount);
        String fmt = "%-4s %-36s %-8s %-8s %-9s %-8s %s%n";
        System.out.printf(fmt, "", "package", "old", "new", "required", "delta", "");
        String bundle = null;
        for (Row r : rows) {
            if (!r.bundle().equals(bundle)) {
                bundle = r.bundle();
                System.out.println("[" + bundle + "]");
            }
            System.out.printf(fmt, r.failed() ? "FAIL" : "ok", r.pkg(), r.older(), r.newer(), r.required(), r.delta(),
                    r.note());
            if (r.failed() || !r.delta().equals("-")) {
                int shown = 0;
                for (String m : r.members()) {
                    if (shown++ == 25) {
                        System.out.println("        ... " + (r.members().size() - 25) + " more");
                        break;
                    }
                    System.out.println("        " + m);
                }
            }
        }
        for (String p : bundleProblems) {
            System.out.println("FAIL bundle " + p);
        }
    }

    private static Map<String, File> jarsByBsn(File[] jars) throws IOException {
        Map<String, File> out = new TreeMap<>();
        if (jars == null) {
            return out;
        }
        for (File f : jars) {
            Manifest m = manifest(f);
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                continue;
            }
            int semi = bsn.indexOf(';');
            out.put((semi < 0 ? bsn : bsn.substring(0, semi)).trim(), f);
        }
        return out;
    }

    private static Manifest manifest(File f) throws IOException {
        try (java.util.jar.JarFile jf = new java.util.jar.JarFile(f)) {
            return jf.getManifest();
        }
    }

    private static Parameters exports(File f) throws IOException {
        Manifest m = manifest(f);
        String value = m == null ? null : m.getMainAttributes().getValue("Export-Package");
        return new Parameters(value == null ? "" : value);
    }

    private static boolean internal(Attrs attrs) {
        return "true".equals(attrs.get("x-internal:")) || attrs.containsKey("x-friends:");
    }

    private static Set<String> internalExports(File f) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Attrs> e : exports(f).entrySet()) {
            if (internal(e.getValue())) {
                out.add(Processor.removeDuplicateMarker(e.getKey()));
            }
        }
        return out;
    }

    private static List<String> apiExports(File f) throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, Attrs> e : exports(f).entrySet()) {
            if (!internal(e.getValue())) {
                out.put(Processor.removeDuplicateMarker(e.getKey()), true);
            }
        }
        return new ArrayList<>(out.keySet());
    }

    private static String exportVersion(File f, String pkg) throws IOException {
        Attrs a = exports(f).get(pkg);
        String v = a == null ? null : a.get("version");
        return v == null ? "0.0.0" : v;
    }
}
