package org.myoflow.activation.lfads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.myoflow.core.spi.Progress;

/**
 * AutoLFADS: population-based training (Jaderberg et al. 2017; Keshtkaran et al. 2022) over LFADS's regularisation
 * hyper-parameters. Every generation each member trains a few epochs with its own hyper-parameters and is scored by
 * its validation loss; then the worst fraction copies the weights of a randomly chosen member of the best fraction
 * (exploit) and perturbs that member's hyper-parameters (explore). The search stops after a number of generations
 * or when the next generation would overrun the time budget, and returns the member with the lowest validation loss
 * in the last generation together with the whole history.
 *
 * <p>The search talks to the population only through {@link PopulationRunner}: one call per generation with every
 * member's assignment (its hyper-parameters, where its weights come from, how many epochs), answered by every
 * member's scores. {@link InProcessRunner} trains the members one after another in this JVM; {@link ProcessRunner}
 * has every member trained by a process of its own (on this machine or as SLURM array tasks) and exchanges
 * checkpoints and scores through files. Both give member {@code i} the trainer options of
 * {@link #memberOptions}, so the same seed gives the same search with either.
 *
 * @since 0.1
 */
public final class AutoLfads {

    /**
     * Search settings.
     *
     * @param population          members (≥ 2)
     * @param epochsPerGeneration epochs each member trains between two exploit/explore steps
     * @param maxGenerations      upper bound on generations
     * @param budgetSeconds       wall-clock budget: no generation starts that would, at the pace so far, end after it
     * @param exploitFraction     fraction of the population replaced each generation (and the fraction it copies
     *                            from), in (0, 0.5]; the count is rounded down, at least 1
     * @param perturbAmount       explore: factors drawn from [1 − a, 1 + a]
     * @param ranges              initial sampling ranges per hyper-parameter (see {@link LfadsHyperparameters#NAMES})
     * @param seed                seed of the initial draw and of exploit/explore
     */
    public record Options(int population, int epochsPerGeneration, int maxGenerations, double budgetSeconds,
            double exploitFraction, double perturbAmount, double[][] ranges, long seed) {
        public Options {
            if (population < 2 || epochsPerGeneration < 1 || maxGenerations < 1 || !(budgetSeconds > 0)
                    || !(exploitFraction > 0 && exploitFraction <= 0.5) || !(perturbAmount > 0 && perturbAmount < 1)
                    || ranges.length != LfadsHyperparameters.NAMES.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid AutoLFADS options: population "
                        + "%d (≥ 2), epochs per generation %d (≥ 1), generations %d (≥ 1), budget %.1f s (> 0), "
                        + "exploit fraction %.2f (0, 0.5], perturbation %.2f (0, 1)", population,
                        epochsPerGeneration, maxGenerations, budgetSeconds, exploitFraction, perturbAmount));
            }
        }

        /** Initial ranges around the EMG defaults: lr 1e-3..5e-3, dropout 0..0.3, cd 0.1..0.5, KL 0.1..3, L2 0.1..3. */
        public static double[][] defaultRanges() {
            return new double[][] {{1e-3, 5e-3}, {0, 0.3}, {0.1, 0.5}, {0.1, 3}, {0.1, 3}, {0.1, 3}};
        }
    }

    /** One member's work for a generation. */
    public record Assignment(int member, LfadsHyperparameters hyperparameters, int copyWeightsFrom, int epochs) {
    }

    /** One member's result for a generation. */
    public record Score(int member, double trainLoss, double validationLoss, double seconds) {
    }

    /** One row of the search history. */
    public record Entry(int generation, int member, LfadsHyperparameters hyperparameters, int copiedFrom,
            int epochsSoFar, double trainLoss, double validationLoss) {
    }

    /** The outcome. */
    public record Result(int bestMember, LfadsHyperparameters best, double bestValidationLoss, int generations,
            List<Entry> history, double seconds) {
    }

    /** Runs the members' generations; see the class comment. */
    public interface PopulationRunner {
        /**
         * Trains every member as assigned; a member whose {@code copyWeightsFrom} differs from its own index first
         * takes that member's weights as they were at the end of the previous generation. Returns one score per
         * member, in any order; a member whose training diverged scores NaN.
         */
        List<Score> runGeneration(List<Assignment> assignments, Progress progress);
    }

    /**
     * A population runner that can hand over a trained member's network, as the training needs at the end of a
     * search.
     *
     * @since 0.3
     */
    public interface TrainedPopulation extends PopulationRunner, AutoCloseable {
        /** The member's network as it is after the last generation, as ONNX (see {@link LfadsNetwork#exportOnnx}). */
        byte[] exportOnnx(int member, String producer, Map<String, String> metadata);

        @Override
        void close();
    }

    /** Creates the population of a search (see {@link LfadsTraining#train(List, LfadsTraining.Settings, String,
     * Progress, PopulationFactory)}).
     *
     * @since 0.3
     */
    @FunctionalInterface
    public interface PopulationFactory {
        TrainedPopulation create(LfadsArchitecture architecture, float[][] train, float[][] validation,
                LfadsTrainer.Options options, int population);
    }

    /**
     * The trainer options of member {@code i}: the common ones with the seed {@code seed + 1000003·i}, whatever
     * process trains it.
     *
     * @since 0.3
     */
    public static LfadsTrainer.Options memberOptions(LfadsTrainer.Options options, int member) {
        return new LfadsTrainer.Options(options.batchSize(), options.shiftStd(), options.shiftMax(),
                options.klRampUpdates(), options.gradientClip(), options.seed() + 1000003L * member);
    }

    /** Members trained one after the other in this JVM, each an {@link LfadsTrainer}. */
    public static final class InProcessRunner implements TrainedPopulation {
        private final List<LfadsTrainer> members = new ArrayList<>();

        public InProcessRunner(LfadsArchitecture architecture, float[][] train, float[][] validation,
                LfadsTrainer.Options options, int population) {
            for (int i = 0; i < population; i++) {
                members.add(new LfadsTrainer(architecture, train, validation, memberOptions(options, i)));
            }
        }

        @Override
        public byte[] exportOnnx(int member, String producer, Map<String, String> metadata) {
            return members.get(member).network().exportOnnx(producer, metadata);
        }

        public LfadsTrainer member(int i) {
            return members.get(i);
        }

        @Override
        public List<Score> runGeneration(List<Assignment> assignments, Progress progress) {
            List<List<float[]>> before = new ArrayList<>();
            for (Assignment a : assignments) {
                before.add(a.copyWeightsFrom() != a.member() ? members.get(a.copyWeightsFrom()).snapshot() : null);
            }
            for (int i = 0; i < assignments.size(); i++) {
                if (before.get(i) != null) {
                    members.get(assignments.get(i).member()).restore(before.get(i));
                }
            }
            List<Score> scores = new ArrayList<>();
            for (Assignment a : assignments) {
                long t0 = System.nanoTime();
                LfadsTrainer t = members.get(a.member());
                double train;
                double validation;
                try {
                    train = t.trainEpochs(a.epochs(), a.hyperparameters(), progress);
                    validation = t.validationLoss();
                } catch (LfadsTrainer.DivergedException diverged) {
                    // scored last, so the next exploit step replaces this member's weights
                    train = Double.NaN;
                    validation = Double.NaN;
                }
                scores.add(new Score(a.member(), train, validation, (System.nanoTime() - t0) / 1e9));
            }
            return scores;
        }

        @Override
        public void close() {
            members.forEach(LfadsTrainer::close);
        }
    }

    private AutoLfads() {
    }

    /** Runs the search (see the class comment). */
    public static Result search(Options o, PopulationRunner runner, Progress progress) {
        SplittableRandom r = new SplittableRandom(o.seed());
        LfadsHyperparameters[] hp = new LfadsHyperparameters[o.population()];
        hp[0] = clampInto(LfadsHyperparameters.defaults(), o.ranges());
        for (int i = 1; i < hp.length; i++) {
            hp[i] = LfadsHyperparameters.sample(o.ranges(), r);
        }
        int[] source = new int[hp.length];
        for (int i = 0; i < source.length; i++) {
            source[i] = i;
        }
        List<Entry> history = new ArrayList<>();
        long start = System.nanoTime();
        double perGeneration = 0;
        int generation = 0;
        List<Score> last = null;
        int epochsSoFar = 0;
        while (generation < o.maxGenerations()) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (generation > 0 && elapsed + perGeneration > o.budgetSeconds()) {
                break;
            }
            List<Assignment> work = new ArrayList<>();
            for (int i = 0; i < hp.length; i++) {
                work.add(new Assignment(i, hp[i], source[i], o.epochsPerGeneration()));
            }
            long g0 = System.nanoTime();
            last = runner.runGeneration(work, progress);
            perGeneration = (System.nanoTime() - g0) / 1e9;
            generation++;
            epochsSoFar += o.epochsPerGeneration();
            for (Score s : last) {
                history.add(new Entry(generation, s.member(), hp[s.member()], source[s.member()], epochsSoFar,
                        s.trainLoss(), s.validationLoss()));
            }
            if (progress != null) {
                Score best = Collections2.best(last);
                progress.update(Math.min(1, (System.nanoTime() - start) / 1e9 / o.budgetSeconds()),
                        String.format(Locale.ROOT, "AutoLFADS generation %d: best validation %.4f (member %d, %s)",
                                generation, best.validationLoss(), best.member(), hp[best.member()]));
            }
            // exploit and explore
            Integer[] rank = new Integer[hp.length];
            for (int i = 0; i < rank.length; i++) {
                rank[i] = i;
            }
            double[] loss = byMember(last, hp.length);
            Arrays.sort(rank, Comparator.comparingDouble(i -> loss[i]));
            // the worst k take the weights of one of the best k; k ≤ population / 2, so the sets never overlap
            int k = Math.max(1, (int) Math.floor(o.exploitFraction() * hp.length));
            for (int i = 0; i < hp.length; i++) {
                source[i] = i;
            }
            for (int j = 0; j < k; j++) {
                int loser = rank[hp.length - 1 - j];
                int winner = rank[r.nextInt(k)];
                source[loser] = winner;
                hp[loser] = hp[winner].perturb(o.perturbAmount(), r);
            }
        }
        Score best = Collections2.best(last);
        if (!Double.isFinite(best.validationLoss())) {
            throw new LfadsTrainer.DivergedException("AutoLFADS: no member of the last generation has a finite "
                    + "validation loss (all diverged, or there are no validation windows)");
        }
        LfadsHyperparameters bestHp = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).member() == best.member()) {
                bestHp = history.get(i).hyperparameters();
                break;
            }
        }
        return new Result(best.member(), bestHp, best.validationLoss(), generation, List.copyOf(history),
                (System.nanoTime() - start) / 1e9);
    }

    private static double sortKey(Score s) {
        return Double.isFinite(s.validationLoss()) ? s.validationLoss() : Double.POSITIVE_INFINITY;
    }

    /** Validation losses indexed by member (non-finite → +∞), checking that every member scored once. */
    static double[] byMember(List<Score> scores, int population) {
        double[] loss = new double[population];
        Arrays.fill(loss, Double.NaN);
        for (Score s : scores) {
            if (s.member() < 0 || s.member() >= population || !Double.isNaN(loss[s.member()])) {
                throw new IllegalStateException("the population runner returned a score for member " + s.member()
                        + " that is out of range or repeated");
            }
            loss[s.member()] = sortKey(s);
        }
        for (int i = 0; i < population; i++) {
            if (Double.isNaN(loss[i])) {
                throw new IllegalStateException("the population runner returned no score for member " + i);
            }
        }
        return loss;
    }

    private static LfadsHyperparameters clampInto(LfadsHyperparameters h, double[][] ranges) {
        double[] v = h.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(ranges[i][0], Math.min(ranges[i][1], v[i]));
        }
        return LfadsHyperparameters.of(v);
    }

    private static final class Collections2 {
        static Score best(List<Score> scores) {
            return scores.stream().min(Comparator.comparingDouble(AutoLfads::sortKey)).orElseThrow();
        }
    }
}
