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
        double[] quality;

        @Override
        public List<AutoLfads.Score> runGeneration(List<AutoLfads.Assignment> work, Progress progress) {
            calls.add(work);
            if (quality == null) {
                quality = new double[work.size()];
            }
            double[] before = quality.clone();
            List<AutoLfads.Score> out = new ArrayList<>();
            for (AutoLfads.Assignment a : work) {
                double q = before[a.copyWeightsFrom()] * 0.9;
                quality[a.member()] = q;
                double loss = Math.abs(Math.log(a.hyperparameters().learningRate() / 3e-3)) + q;
                out.add(new AutoLfads.Score(a.member(), loss, loss, 0));
            }
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
            assertTrue(copies <= 2, "at most a quarter of 8 members copy, got " + copies);
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
