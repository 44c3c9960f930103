package org.myoflow.activation.lfads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.Progress;

/** The population-based search against a scripted population (no network). */
public class AutoLfadsTest {

    /**
     * A population whose validation loss is the distance of log(learning rate) from log(3e-3) plus the member's
     * inherited "weights quality" (copied on exploit), so exploit/explore must move the population toward 3e-3.
     */
    static final class Scripted implements AutoLfads.PopulationRunner {
        final List<List<AutoLfads.Assignment>> calls = new ArrayList<>();
        final List<double[]> losses = new ArrayList<>();
        double[] quality;

        @Override
        public List<AutoLfads.Score> runGeneration(List<AutoLfads.Assignment> work, Progress progress) {
            calls.add(work);
            if (quality == null) {
                // members start with different "weights": a loss offset that training shrinks by 10 % a generation
                quality = new double[work.size()];
                for (int i = 0; i < quality.length; i++) {
                    quality[i] = 0.5 * i;
                }
            }
            double[] before = quality.clone();
            double[] loss = new double[work.size()];
            List<AutoLfads.Score> out = new ArrayList<>();
            for (AutoLfads.Assignment a : work) {
                double q = before[a.copyWeightsFrom()] * 0.9;
                quality[a.member()] = q;
                loss[a.member()] = Math.abs(Math.log(a.hyperparameters().learningRate() / 3e-3)) + q;
                out.add(new AutoLfads.Score(a.member(), loss[a.member()], loss[a.member()], 0));
            }
            losses.add(loss);
            java.util.Collections.reverse(out); // the contract allows any order
            return out;
        }
    }

    @Test
    void exploitCopiesTheBestAndExploreStaysInRange() {
        Scripted p = new Scripted();
        AutoLfads.Options o = new AutoLfads.Options(8, 2, 12, 1e9, 0.25, 0.2, AutoLfads.Options.defaultRanges(), 5);
        AutoLfads.Result r = AutoLfads.search(o, p, null);
        assertEquals(12, r.generations());
        assertEquals(12 * 8, r.history().size());
        // first generation: every member trains its own weights
        p.calls.get(0).forEach(a -> assertEquals(a.member(), a.copyWeightsFrom()));
        for (int g = 1; g < p.calls.size(); g++) {
            List<AutoLfads.Assignment> work = p.calls.get(g);
            long copies = work.stream().filter(a -> a.copyWeightsFrom() != a.member()).count();
            assertEquals(2, copies, "a quarter of 8 members copy");
            double[] previous = p.losses.get(g - 1);
            Integer[] rank = new Integer[previous.length];
            for (int i = 0; i < rank.length; i++) {
                rank[i] = i;
            }
            java.util.Arrays.sort(rank, java.util.Comparator.comparingDouble(i -> previous[i]));
            List<Integer> best = List.of(rank[0], rank[1]);
            List<Integer> worst = List.of(rank[6], rank[7]);
            for (AutoLfads.Assignment a : work) {
                if (a.copyWeightsFrom() != a.member()) {
                    assertTrue(worst.contains(a.member()), "generation " + g + ": member " + a.member()
                            + " copies but was not among the worst two " + worst);
                    assertTrue(best.contains(a.copyWeightsFrom()), "generation " + g + ": copies from "
                            + a.copyWeightsFrom() + ", not one of the best two " + best);
                    // explore: each hyper-parameter within ±20 % of the winner's
                    double[] mine = a.hyperparameters().values();
                    double[] theirs = p.calls.get(g - 1).get(a.copyWeightsFrom()).hyperparameters().values();
                    for (int i = 0; i < mine.length; i++) {
                        assertTrue(Math.abs(mine[i] - theirs[i]) <= 0.2 * theirs[i] + 0.02 + 1e-12,
                                LfadsHyperparameters.NAMES[i] + " " + theirs[i] + " -> " + mine[i]);
                    }
                }
            }
            for (AutoLfads.Assignment a : work) {
                double[] v = a.hyperparameters().values();
                for (int i = 0; i < v.length; i++) {
                    assertTrue(v[i] >= LfadsHyperparameters.RANGES[i][0] && v[i] <= LfadsHyperparameters.RANGES[i][1]);
                }
                assertEquals(2, a.epochs());
            }
        }
        double first = p.calls.get(0).stream().mapToDouble(a -> Math.abs(Math.log(a.hyperparameters()
                .learningRate() / 3e-3))).min().orElseThrow();
        assertTrue(Math.abs(Math.log(r.best().learningRate() / 3e-3)) <= first + 1e-12,
                "the search keeps or improves the best learning rate: " + r.best());
        assertEquals(r.bestValidationLoss(), r.history().stream().filter(e -> e.generation() == 12)
                .mapToDouble(AutoLfads.Entry::validationLoss).min().orElseThrow(), 0);
    }

    @Test
    void aRunnerThatForgetsAMemberIsRefused() {
        AutoLfads.PopulationRunner broken = (work, progress) -> List.of(new AutoLfads.Score(0, 1, 1, 0),
                new AutoLfads.Score(0, 1, 1, 0));
        AutoLfads.Options o = new AutoLfads.Options(2, 1, 2, 1e9, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 1);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AutoLfads.search(o, broken, null));
        assertTrue(e.getMessage().contains("member 0"), e.getMessage());
    }

    @Test
    void allMembersDivergedIsAnError() {
        AutoLfads.PopulationRunner diverged = (work, progress) -> work.stream()
                .map(a -> new AutoLfads.Score(a.member(), Double.NaN, Double.NaN, 0)).toList();
        AutoLfads.Options o = new AutoLfads.Options(2, 1, 2, 1e9, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 1);
        LfadsTrainer.DivergedException e = org.junit.jupiter.api.Assertions.assertThrows(
                LfadsTrainer.DivergedException.class, () -> AutoLfads.search(o, diverged, null));
        assertTrue(e.getMessage().contains("no member"), e.getMessage());
    }

    @Test
    void theBudgetStopsTheSearch() {
        AutoLfads.PopulationRunner slow = (work, progress) -> {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return work.stream().map(a -> new AutoLfads.Score(a.member(), 1, 1, 0.06)).toList();
        };
        AutoLfads.Options o = new AutoLfads.Options(2, 1, 1000, 0.2, 0.5, 0.2, AutoLfads.Options.defaultRanges(), 1);
        AutoLfads.Result r = AutoLfads.search(o, slow, null);
        assertTrue(r.generations() >= 1 && r.generations() <= 4, "generations " + r.generations());
    }

    @Test
    void sameSeedSameSearch() {
        AutoLfads.Options o = new AutoLfads.Options(6, 1, 5, 1e9, 0.25, 0.2, AutoLfads.Options.defaultRanges(), 9);
        AutoLfads.Result a = AutoLfads.search(o, new Scripted(), null);
        AutoLfads.Result b = AutoLfads.search(o, new Scripted(), null);
        assertEquals(a.history(), b.history());
    }
}
