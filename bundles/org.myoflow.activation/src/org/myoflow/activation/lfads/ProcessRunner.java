package org.myoflow.activation.lfads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.myoflow.core.spi.Progress;

/**
 * A population whose members are trained by separate processes ({@link MemberLauncher}: on this machine or as SLURM
 * array tasks), exchanging checkpoints and scores through the files of {@link PopulationFiles} in a folder DIR;
 * exploit and explore stay with {@link AutoLfads#search} in this process. The data are written once to
 * {@code DIR/data.bin}; every generation gets {@code DIR/gen-<g>/member-<i>/} with the member's spec, and after
 * it its checkpoint, score and log. Member i trains with {@link AutoLfads#memberOptions} and continues from its own
 * checkpoint (weights, Adam's state, counters) or, after an exploit step, from the winner's weights with a fresh
 * Adam, as in {@link AutoLfads.InProcessRunner}: the same seed gives the same search with either.
 *
 * <p>A member that ends without a score fails the search with a {@link MemberFailedException} naming the member
 * and quoting the last lines of its log; a member whose training diverged scores NaN, as in-process.
 *
 * @since 0.3
 */
public final class ProcessRunner implements AutoLfads.TrainedPopulation {

    /** A member ended without writing its score. */
    public static final class MemberFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MemberFailedException(String message) {
            super(message);
        }
    }

    /** Lines of a failed member's log quoted in the error. */
    public static final int LOG_LINES = 15;

    private final Path dir;
    private final LfadsArchitecture architecture;
    private final float[][] train;
    private final float[][] validation;
    private final LfadsTrainer.Options options;
    private final int population;
    private final MemberLauncher launcher;
    private int generation;

    /**
     * Writes the data into {@code dir} (created if absent; a folder of an earlier population is cleared, any other
     * non-empty folder refused).
     */
    public ProcessRunner(Path dir, LfadsArchitecture architecture, float[][] train, float[][] validation,
            LfadsTrainer.Options options, int population, MemberLauncher launcher) {
        this.dir = dir.toAbsolutePath().normalize();
        this.architecture = architecture;
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.population = population;
        this.launcher = launcher;
        try {
            prepare();
            PopulationFiles.writeData(this.dir.resolve(PopulationFiles.DATA), train, validation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the AutoLFADS population folder " + this.dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A factory for {@link LfadsTraining#train(List, LfadsTraining.Settings, String, Progress,
     * AutoLfads.PopulationFactory)}. */
    public static AutoLfads.PopulationFactory factory(Path dir, MemberLauncher launcher) {
        return (a, tr, va, o, n) -> new ProcessRunner(dir, a, tr, va, o, n, launcher);
    }

    public Path folder() {
        return dir;
    }

    /** Generations run so far. */
    public int generations() {
        return generation;
    }

    private void prepare() throws IOException {
        Files.createDirectories(dir);
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!Files.exists(dir.resolve(PopulationFiles.DATA))) {
            throw new IOException("the folder is not empty and holds no AutoLFADS population ("
                    + PopulationFiles.DATA + "); give an empty or new folder");
        }
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (name.startsWith("gen-") && Files.isDirectory(e)) {
                deleteTree(e);
            }
        }
    }

    @Override
    public List<AutoLfads.Score> runGeneration(List<AutoLfads.Assignment> assignments, Progress progress) {
        int g = generation + 1;
        Path gen = dir.resolve("gen-" + g);
        List<Path> specs = new ArrayList<>();
        try {
            if (Files.exists(gen)) {
                deleteTree(gen);
            }
            for (AutoLfads.Assignment a : assignments) {
                if (a.member() < 0 || a.member() >= population || a.copyWeightsFrom() < 0
                        || a.copyWeightsFrom() >= population) {
                    throw new IllegalArgumentException("assignment " + a + " outside a population of " + population);
                }
                Path folder = PopulationFiles.memberFolder(dir, g, a.member());
                Files.createDirectories(folder);
                String own = g == 1 ? null : "../../gen-" + (g - 1) + "/member-" + a.member() + "/"
                        + PopulationFiles.CHECKPOINT;
                String copy = g == 1 || a.copyWeightsFrom() == a.member() ? null
                        : "../../gen-" + (g - 1) + "/member-" + a.copyWeightsFrom() + "/" + PopulationFiles.CHECKPOINT;
                Path spec = folder.resolve(PopulationFiles.SPEC);
                PopulationFiles.writeSpec(spec, new PopulationFiles.MemberSpec(g, a.member(), architecture,
                        AutoLfads.memberOptions(options, a.member()), a.hyperparameters(), a.epochs(),
                        "../../" + PopulationFiles.DATA, own, copy));
                specs.add(spec);
            }
            launcher.run(specs, progress == null ? null : new Progress() {
                @Override
                public void update(double fraction, String message) {
                    progress.update(fraction, "AutoLFADS generation " + g + ": " + message);
                }

                @Override
                public boolean isCancelled() {
                    return progress.isCancelled();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("AutoLFADS generation " + g + " in " + dir + ": " + e.getMessage(), e);
        }
        generation = g;
        List<AutoLfads.Score> scores = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (AutoLfads.Assignment a : assignments) {
            Path folder = PopulationFiles.memberFolder(dir, g, a.member());
            AutoLfads.Score s;
            try {
                s = PopulationFiles.readScore(folder.resolve(PopulationFiles.SCORE));
            } catch (IOException e) {
                s = null;
                failed.add("member " + a.member() + ": " + e.getMessage());
                continue;
            }
            if (s == null || s.member() != a.member()) {
                Path log = folder.resolve(PopulationFiles.LOG);
                List<String> tail = PopulationFiles.tail(log, LOG_LINES);
                failed.add("member " + a.member() + " ended without a score (" + folder.resolve(PopulationFiles.SCORE)
                        + "); " + (tail.isEmpty() ? "its log " + log + " is empty or missing"
                                : "the last lines of " + log + ":\n    " + String.join("\n    ", tail)));
                continue;
            }
            scores.add(s);
        }
        if (!failed.isEmpty()) {
            throw new MemberFailedException("AutoLFADS generation " + g + ": " + failed.size() + " of "
                    + assignments.size() + " members failed:\n  " + String.join("\n  ", failed));
        }
        return scores;
    }

    /** The member's state after the last generation. */
    public LfadsTrainer.State state(int member) {
        if (generation == 0) {
            throw new IllegalStateException("no generation has run yet");
        }
        try {
            return PopulationFiles.readState(PopulationFiles.memberFolder(dir, generation, member)
                    .resolve(PopulationFiles.CHECKPOINT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] exportOnnx(int member, String producer, Map<String, String> metadata) {
        try (LfadsTrainer t = new LfadsTrainer(architecture, train, validation,
                AutoLfads.memberOptions(options, member))) {
            t.restoreState(state(member));
            return t.network().exportOnnx(producer, metadata);
        }
    }

    /** Leaves the folder as it is (the caller owns it). */
    @Override
    public void close() {
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
