package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.myoflow.synthesis.experiments.ElbowExperiment.Task;
import org.myoflow.refine.internal.RefineExperiment.Trial;
import org.myoflow.refine.internal.RefineScores.MuscleScore;

class RefineExperimentTest {

    private static RefineExperiment quick;

    @BeforeAll
    static void simulateQuick() {
        long t0 = System.nanoTime();
        quick = RefineExperiment.quick(1);
        System.out.printf("RefineExperiment.quick: %d trials simulated in %.2f s%n", quick.trials().size(),
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void shapesOrderAndHeldOutSelection() {
        assertEquals(4, quick.subjects());
        assertEquals(4 * 2 * 2, quick.trials().size());
        int k = 0;
        for (int s = 0; s < 4; s++) {
            for (Task task : RefineExperiment.TASKS) {
                for (int i = 0; i < 2; i++) {
                    Trial t = quick.trials().get(k++);
                    assertEquals(s, t.subject());
                    assertEquals(task, t.task());
                    assertEquals(i, t.index());
                    assertEquals(600, t.samples());
                    assertEquals(100, t.rate());
                    assertEquals(7, t.raw().length);
                    assertEquals(7, t.measured().length);
                    assertEquals(7, t.truthExcitations().length);
                    for (int m = 0; m < 7; m++) {
                        assertEquals(600, t.raw()[m].length);
                        assertEquals(600, t.measured()[m].length);
                        assertTrue(Arrays.stream(t.raw()[m]).allMatch(v -> v >= 0.01 - 1e-6 && v <= 1 + 1e-6));
                        assertTrue(Arrays.stream(t.measured()[m]).allMatch(v -> v >= 0 && Double.isFinite(v)));
                    }
                    double d = quick.extraDelayS(s);
                    assertEquals(d, t.extraDelayS());
                    assertTrue(d >= RefineExperiment.EXTRA_DELAY_MIN_S && d <= RefineExperiment.EXTRA_DELAY_MAX_S);
                }
            }
        }
        assertEquals(8, quick.trialsOf(List.of(1, 3)).size());
        assertTrue(quick.trialsOf(List.of(1, 3)).stream().allMatch(t -> t.subject() == 1 || t.subject() == 3));
        assertEquals(8, quick.trialsOf(Task.FAST).size());
    }

    @Test
    void reproducible() {
        RefineExperiment a = RefineExperiment.simulate(1, 1, 2, 8, 42);
        RefineExperiment b = RefineExperiment.simulate(1, 1, 2, 8, 42);
        for (int k = 0; k < a.trials().size(); k++) {
            assertTrue(Arrays.deepEquals(a.trials().get(k).raw(), b.trials().get(k).raw()));
            assertTrue(Arrays.deepEquals(a.trials().get(k).measured(), b.trials().get(k).measured()));
            assertArrayEquals(a.trials().get(k).angles(), b.trials().get(k).angles());
        }
    }

    @Test
    void delayShiftsAndHoldsTheFirstValue() {
        assertArrayEquals(new double[] {1, 1, 1, 2, 3}, RefineExperiment.delay(new double[] {1, 2, 3, 4, 5}, 2));
        assertArrayEquals(new double[] {1, 2}, RefineExperiment.delay(new double[] {1, 2}, 0));
    }

    /** The raw activity leads the refinement something to correct: it lags the envelopes and differs from them. */
    @Test
    void rawActivityDiffersFromTheMeasuredEnvelopes() {
        List<MuscleScore> scores = scores(quick);
        print("quick", scores);
        double lag = RefineScores.meanLagSeconds(scores);
        assertTrue(lag >= 0.04, "mean lag " + lag);
        assertTrue(RefineScores.meanCorrelation(scores) < 0.9);
    }

    /** Full size (6 subjects × 2 tasks × 3 trials × 10 s, 100 units); set MYOFLOW_REFINE_FULL=1 to run. */
    @Test
    @EnabledIfEnvironmentVariable(named = "MYOFLOW_REFINE_FULL", matches = "1")
    void fullSize() {
        long t0 = System.nanoTime();
        RefineExperiment full = RefineExperiment.simulate(6, 3, 10, 100, 1);
        System.out.printf("RefineExperiment full size: %d trials simulated in %.2f s%n", full.trials().size(),
                (System.nanoTime() - t0) / 1e9);
        print("full", scores(full));
        for (Task task : RefineExperiment.TASKS) {
            List<Trial> trials = full.trialsOf(task);
            print("full " + task, RefineScores.score(RefineExperiment.MUSCLES,
                    trials.stream().map(Trial::measured).toList(), trials.stream().map(Trial::raw).toList(), 100, 30));
        }
    }

    private static List<MuscleScore> scores(RefineExperiment e) {
        return RefineScores.score(RefineExperiment.MUSCLES, e.trials().stream().map(Trial::measured).toList(),
                e.trials().stream().map(Trial::raw).toList(), 100, 30);
    }

    private static void print(String what, List<MuscleScore> scores) {
        StringBuilder b = new StringBuilder("RefineExperiment " + what + ", raw SO vs measured envelopes:");
        for (MuscleScore m : scores) {
            b.append(String.format(" %s r=%.2f rmse=%.3f lag=%+.0fms;", m.muscle(), m.correlation(), m.rmse(),
                    1000 * m.lagSeconds()));
        }
        b.append(String.format(" mean r=%.2f, mean lag=%.0f ms", RefineScores.meanCorrelation(scores),
                1000 * RefineScores.meanLagSeconds(scores)));
        System.out.println(b);
    }
}
