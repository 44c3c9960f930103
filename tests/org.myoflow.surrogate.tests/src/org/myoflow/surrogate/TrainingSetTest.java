package org.myoflow.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.conductor.MuapConditions;

class TrainingSetTest {

    private static final int N = 32;

    @Test
    void configJsonRoundTripKeepsTheDigest() {
        SurrogateConfig c = SurrogateConfig.demo();
        SurrogateConfig back = SurrogateConfig.fromJson(c.toJson());
        assertEquals(c, back);
        assertEquals(c.digest(), back.digest());
        assertEquals(64, c.digest().length());
        assertEquals(82, c.samples());
        assertEquals(64, c.electrodes());
        assertThrows(IllegalArgumentException.class, () -> new SurrogateConfig(0.5, 0.1, 0.05, 3, 1, 1, 8, 8, 4,
                0.75, 0, 0, 10, 2048, 0.04, 0.5, 0.5, c.unit(), c.ranges()));
    }

    @Test
    void generationIsReproducibleAndSavesAndLoadsExactly(@TempDir Path dir) {
        SurrogateConfig config = SurrogateConfig.demo();
        long t0 = System.nanoTime();
        TrainingSet a = TrainingSet.generate(config, N, 42, null);
        double s = (System.nanoTime() - t0) * 1e-9;
        TrainingSet b = TrainingSet.generate(config, N, 42, null);
        TrainingSet other = TrainingSet.generate(config, N, 43, null);

        assertEquals(N, a.size());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(a.conditionsNormalised()[i], b.conditionsNormalised()[i]);
            for (int e = 0; e < config.electrodes(); e++) {
                assertArrayEquals(a.muaps()[i][e], b.muaps()[i][e]);
            }
            for (float v : a.conditionsNormalised()[i]) {
                assertTrue(v >= 0.5f && v <= 1f, "normalised condition " + v);
            }
            assertTrue(config.ranges().contains(a.conditions(i)));
        }
        assertEquals(a.digest(), b.digest());
        assertNotEquals(a.digest(), other.digest());
        assertFalse(Arrays.equals(a.conditionsNormalised()[0], other.conditionsNormalised()[0]));

        a.save(dir);
        TrainingSet loaded = TrainingSet.load(dir);
        assertEquals(a.config(), loaded.config());
        assertEquals(a.seed(), loaded.seed());
        assertEquals(a.digest(), loaded.digest());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(a.conditionsNormalised()[i], loaded.conditionsNormalised()[i]);
            for (int e = 0; e < config.electrodes(); e++) {
                assertArrayEquals(a.muaps()[i][e], loaded.muaps()[i][e]);
            }
        }

        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (float[][] m : a.muaps()) {
            double ptp = 0;
            for (float[] ch : m) {
                float mx = Float.NEGATIVE_INFINITY;
                float mn = Float.POSITIVE_INFINITY;
                for (float v : ch) {
                    mx = Math.max(mx, v);
                    mn = Math.min(mn, v);
                }
                ptp = Math.max(ptp, mx - mn);
            }
            lo = Math.min(lo, ptp);
            hi = Math.max(hi, ptp);
        }
        System.out.printf("[surrogate] generate %d demo units (kernels included): %.2f s, %.1f units/s, "
                + "%.0f ms/unit; largest-channel peak-to-peak %.4g .. %.4g mV; %d cores%n", N, s, N / s,
                1000 * s / N, lo, hi, Runtime.getRuntime().availableProcessors());
        assertTrue(lo > 0 && Double.isFinite(hi));
    }

    @Test
    void splitPartitionsTheSamples() {
        SurrogateConfig config = SurrogateConfig.demo();
        float[][] cond = new float[10][MuapConditions.COUNT];
        float[][][] muaps = new float[10][config.electrodes()][config.samples()];
        for (int i = 0; i < 10; i++) {
            Arrays.fill(cond[i], 0.5f + i / 20f);
        }
        TrainingSet set = new TrainingSet(config, 1, cond, muaps);
        TrainingSet.Split sp = set.split(0.3, 7);
        assertEquals(3, sp.validation().size());
        assertEquals(7, sp.train().size());
        Set<Float> seen = new HashSet<>();
        for (TrainingSet p : new TrainingSet[] { sp.train(), sp.validation() }) {
            for (float[] c : p.conditionsNormalised()) {
                assertTrue(seen.add(c[0]));
            }
        }
        assertEquals(10, seen.size());
        assertArrayEquals(sp.validation().conditionsNormalised()[0],
                set.split(0.3, 7).validation().conditionsNormalised()[0]);
    }
}
