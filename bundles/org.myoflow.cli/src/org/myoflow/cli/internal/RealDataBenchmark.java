package org.myoflow.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.myoflow.refine.realdata.GaitRealData;

/**
 * {@code ./myoflow bench realdata [--quick] [--json]}: the estimation methods on real recordings, each by its paper's
 * protocol (issue 17, item 4). The parts are {@link #SECTIONS}; each prints its lines under its name and adds the keys
 * it measured (a part that is not installed adds none). The recordings are packaged in this bundle under
 * {@code realdata/} (with their licences and a README naming their sources) and unpacked into a temporary folder.
 */
public final class RealDataBenchmark implements BenchmarkSuite {

    /**
     * The parts, in the order they run. To add one (e.g. refinement and deep-muscle reconstruction on the CEINMS-RT
     * gait trials), append a supplier of a {@link RealDataSection}; a class that returns an ordered map of figures
     * and printable lines for a quick flag plugs in through {@link RealDataSection#of}:
     * {@code () -> RealDataSection.of("gait", quick -> { var g = GaitStudy.run(quick);
     * return new RealDataSection.Result(g.figures(), g.lines()); })}.
     */
    static final List<Supplier<RealDataSection>> SECTIONS = List.of(
            ActivationDecodingSection::new,
            UpperLimbDecodingSection::new,
            StaticOptimisationSection::new,
            () -> RealDataSection.of("gait", RealDataBenchmark::gait));

    /**
     * Refinement and deep-muscle reconstruction (NMM vs synergy extrapolation) on the CEINMS-RT gait trials shipped
     * in {@code examples/data/gait2392} ({@link GaitRealData}).
     */
    static RealDataSection.Result gait(boolean quick) {
        Path folder = GaitRealData.defaultFolder();
        if (folder == null) {
            return new RealDataSection.Result(Map.of(),
                    List.of("examples/data/gait2392 not found (set -Dmyoflow.home to the installation); no gait figures"));
        }
        GaitRealData.Report r = GaitRealData.run(folder, quick);
        return new RealDataSection.Result(r.figures(), r.lines());
    }

    /** The packaged data, unpacked on demand into a temporary folder. */
    public static final class Data implements AutoCloseable {
        private final Path dir;

        Data() throws IOException {
            dir = Files.createTempDirectory("myoflow-realdata");
        }

        /**
         * The packaged file {@code realdata/<relative>} as a file on disk.
         *
         * @throws NoSuchFileException when the installation lacks it
         */
        public Path file(String relative) throws IOException {
            Path target = dir.resolve(relative);
            if (Files.isRegularFile(target)) {
                return target;
            }
            try (InputStream in = RealDataBenchmark.class.getResourceAsStream("/realdata/" + relative)) {
                if (in == null) {
                    throw new NoSuchFileException("realdata/" + relative + " (missing from the installation's "
                            + "org.myoflow.cli bundle)");
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }

        @Override
        public void close() {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * System property: a comma-separated list of part names to run (default: all), e.g.
     * {@code MYOFLOW_JAVA_OPTS=-Dmyoflow.bench.realdata.parts=activation-upper-limb ./myoflow bench realdata}.
     */
    static final String PARTS_PROPERTY = "myoflow.bench.realdata.parts";

    /** A part named in {@value #PARTS_PROPERTY} that does not exist (a usage error, exit 2). */
    static final class UnknownPart extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownPart(String message) {
            super(message);
        }
    }

    private final List<Supplier<RealDataSection>> sections;

    public RealDataBenchmark() {
        this(SECTIONS);
    }

    RealDataBenchmark(List<Supplier<RealDataSection>> sections) {
        this.sections = sections;
    }

    @Override
    public String name() {
        return "realdata";
    }

    @Override
    public String description() {
        return "methods on real recordings: activation (decoding knee torque and wrist kinematics from low-pass, "
                + "Bayes, LFADS), static optimisation vs measured EMG, refinement and deep muscles on gait trials";
    }

    @Override
    public Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<RealDataSection> parts = sections.stream().map(Supplier::get).toList();
        String only = System.getProperty(PARTS_PROPERTY, "").trim();
        if (!only.isEmpty()) {
            List<String> names = java.util.Arrays.stream(only.split(",")).map(String::trim).toList();
            List<String> known = parts.stream().map(RealDataSection::name).toList();
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new UnknownPart("-D" + PARTS_PROPERTY + ": no part '" + name + "' (parts: "
                            + String.join(", ", known) + ")");
                }
            }
            parts = parts.stream().filter(p -> names.contains(p.name())).toList();
        }
        try (Data data = new Data()) {
            int n = parts.size();
            for (int i = 0; i < n; i++) {
                RealDataSection s = parts.get(i);
                int index = i;
                Progress scaled = new Progress() {
                    @Override
                    public void update(double fraction, String message) {
                        progress.update((index + Math.max(0, Math.min(1, fraction))) / n,
                                message == null ? null : s.name() + ": " + message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return progress.isCancelled();
                    }
                };
                out.println("== " + s.name());
                long t0 = System.nanoTime();
                RealDataSection.Result r = s.run(quick, data, scaled);
                r.lines().forEach(out::println);
                out.printf(java.util.Locale.ROOT, "(%s: %.1f s)%n", s.name(), (System.nanoTime() - t0) / 1e9);
                figures.putAll(r.figures());
                progress.checkCancelled();
            }
        }
        return figures;
    }
}
