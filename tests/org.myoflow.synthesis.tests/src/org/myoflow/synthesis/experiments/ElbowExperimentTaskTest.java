package org.myoflow.synthesis.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.myoflow.synthesis.experiments.ElbowExperiment.Settings;
import org.myoflow.synthesis.experiments.ElbowExperiment.Task;
import org.myoflow.synthesis.experiments.ElbowExperiment.Trial;

/** The task option and the envelopes of all seven muscles. */
class ElbowExperimentTaskTest {

    private static Settings tiny(long seed) {
        return new Settings(2, 2, 6, 100, 2048, 8, 20, 0.25, seed);
    }

    @Test
    void oldConstructorMeansTheDefaultTaskWithoutDeepEnvelopes() {
        Settings s = tiny(3);
        assertEquals(Task.DEFAULT, s.task());
        assertFalse(s.allMuscleEnvelopes());
        assertEquals(s, s.withTask(Task.DEFAULT).withAllMuscleEnvelopes(false));
        assertEquals(Task.FAST, s.withTask(Task.FAST).withSeed(9).task());
        assertTrue(s.withAllMuscleEnvelopes(true).withSeed(9).allMuscleEnvelopes());
        assertThrows(IllegalArgumentException.class, () -> s.withTask(null));
        assertEquals(Task.DEFAULT, Settings.defaults().task());
        assertEquals(Task.DEFAULT, Settings.quick().task());
        assertNull(ElbowExperiment.simulate(s).trials().get(0).allEnvelopes());
    }

    @Test
    void allEnvelopesAddDeepChannelsWithoutChangingAnythingElse() {
        Settings s = tiny(5);
        ElbowExperiment plain = ElbowExperiment.simulate(s);
        ElbowExperiment all = ElbowExperiment.simulate(s.withAllMuscleEnvelopes(true));
        ElbowExperiment again = ElbowExperiment.simulate(s.withAllMuscleEnvelopes(true));
        int[] surface = ElbowExperiment.surfaceMuscles();
        int[] deep = ElbowExperiment.deepMuscles();
        double[][] pooledEnvelope = new double[deep.length][0];
        double[][] pooledExcitation = new double[deep.length][0];
        for (int k = 0; k < plain.trials().size(); k++) {
            Trial p = plain.trials().get(k);
            Trial a = all.trials().get(k);
            assertArrayEquals(p.angles(), a.angles());
            assertTrue(Arrays.deepEquals(p.excitations(), a.excitations()));
            assertTrue(Arrays.deepEquals(p.envelopes(), a.envelopes()));
            assertEquals(7, a.allEnvelopes().length);
            for (int c = 0; c < surface.length; c++) {
                assertSame(a.envelopes()[c], a.allEnvelopes()[surface[c]]);
            }
            for (int c = 0; c < deep.length; c++) {
                double[] e = a.allEnvelopes()[deep[c]];
                assertEquals(p.samples(), e.length);
                assertTrue(Arrays.stream(e).allMatch(v -> v >= 0 && Double.isFinite(v)));
                pooledEnvelope[c] = concat(pooledEnvelope[c], e);
                pooledExcitation[c] = concat(pooledExcitation[c], a.excitations()[deep[c]]);
            }
            assertTrue(Arrays.deepEquals(a.allEnvelopes(), again.trials().get(k).allEnvelopes()));
        }
        // each deep envelope follows its own muscle's excitation (8 motor units only: noisy)
        for (int c = 0; c < deep.length; c++) {
            double r = correlation(pooledEnvelope[c], pooledExcitation[c]);
            System.out.printf("ElbowExperiment deep envelope %s: r = %.3f with its excitation%n",
                    ElbowExperiment.DEEP.get(c), r);
            assertTrue(r > 0.4, ElbowExperiment.DEEP.get(c) + " r = " + r);
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void tasksSetTheMovementFrequencyAndKeepTheSubjects() {
        Settings s = tiny(11);
        ElbowExperiment slow = ElbowExperiment.simulate(s.withTask(Task.SLOW));
        ElbowExperiment fast = ElbowExperiment.simulate(s.withTask(Task.FAST));
        ElbowExperiment plain = ElbowExperiment.simulate(s);
        assertEquals(plain.subjects(), slow.subjects());
        assertEquals(plain.subjects(), fast.subjects());
        for (int k = 0; k < slow.trials().size(); k++) {
            // 6 s: SLOW 1.5-2.1 cycles, FAST 4.8-6.6 cycles (the 2nd harmonic is small)
            int nSlow = upwardCrossings(slow.trials().get(k).angles());
            int nFast = upwardCrossings(fast.trials().get(k).angles());
            assertTrue(nSlow >= 1 && nSlow <= 3, "slow crossings " + nSlow);
            assertTrue(nFast >= 4 && nFast <= 7, "fast crossings " + nFast);
            assertFalse(Arrays.equals(slow.trials().get(k).excitations()[0], plain.trials().get(k).excitations()[0]));
        }
    }

    private static int upwardCrossings(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        int n = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < mean && x[i] >= mean) {
                n++;
            }
        }
        return n;
    }

    private static double correlation(double[] x, double[] y) {
        return new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(x, y);
    }
}
