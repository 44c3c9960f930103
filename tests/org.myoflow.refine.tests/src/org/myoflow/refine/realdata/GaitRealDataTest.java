package org.myoflow.refine.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The gait part of the real-data benchmark, quick variant, on the shipped CEINMS-RT data (examples/data/gait2392):
 * every key present, figures finite and within sanity bounds (not the figures themselves).
 */
class GaitRealDataTest {

    @Test
    void quickVariantGivesEveryKeyWithinSanityBounds() throws Exception {
        Path folder = GaitRealData.defaultFolder();
        assertNotNull(folder, "examples/data/gait2392 found from the working directory");
        long t0 = System.nanoTime();
        GaitRealData.Report r = GaitRealData.run(folder, true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> f = r.figures();
        Files.writeString(Path.of("target", "gait-realdata-quick.txt"), String.join("\n", r.lines()) + "\n" + f + "\n");
        for (String k : List.of("refine_real_corr_raw", "refine_real_corr_refined", "refine_real_muscles_improved",
                "refine_real_muscles_total", "deep_real_r2_nmm", "deep_real_r2_synx", "moment_real_rmse_nmm",
                "moment_real_rmse_synx")) {
            assertTrue(f.containsKey(k), "key " + k + " in " + f.keySet());
            assertTrue(Double.isFinite(((Number) f.get(k)).doubleValue()), k + " finite: " + f.get(k));
        }
        assertEquals(9, ((Number) f.get("refine_real_muscles_total")).intValue());
        int improved = ((Number) f.get("refine_real_muscles_improved")).intValue();
        assertTrue(improved >= 0 && improved <= 9, "improved in [0, 9]: " + improved);
        // static optimisation activations correlate positively with the envelopes (known for gait: r about 0.2-0.6)
        double raw = ((Number) f.get("refine_real_corr_raw")).doubleValue();
        assertTrue(raw > 0 && raw < 0.95, "SO-envelope r in (0, 0.95): " + raw);
        double refined = ((Number) f.get("refine_real_corr_refined")).doubleValue();
        assertTrue(refined > -1 && refined <= 1, "refined r in (-1, 1]: " + refined);
        // R² can be negative on held-out trials, but a sane method stays far from -100
        for (String k : List.of("deep_real_r2_nmm", "deep_real_r2_synx")) {
            double v = ((Number) f.get(k)).doubleValue();
            assertTrue(v > -100 && v < 1, k + " in (-100, 1): " + v);
        }
        // knee moments of walking and running are tens of N·m: the reproduced moments are off by less than 3x their rms
        double kneeRms = ((Number) f.get("moment_real_knee_rms")).doubleValue();
        assertTrue(kneeRms > 5 && kneeRms < 200, "knee moment rms plausible: " + kneeRms);
        for (String k : List.of("moment_real_rmse_nmm", "moment_real_rmse_synx")) {
            double v = ((Number) f.get(k)).doubleValue();
            assertTrue(v > 0 && v < 3 * kneeRms, k + " in (0, 3 x knee rms " + kneeRms + "): " + v);
        }
        // the SO balances the knee with the muscles: the reserve carries little
        double reserve = ((Number) f.get("so_real_knee_reserve_rms")).doubleValue();
        assertTrue(reserve >= 0 && reserve < 0.2 * kneeRms, "SO knee reserve rms small: " + reserve);
        assertTrue(r.lines().size() > 10, "printable lines");
        assertTrue(seconds < 300, "quick variant in under 5 min: " + seconds + " s");
    }

    /** The full variant (minutes), on request: environment MYOFLOW_GAIT_FULL=1; writes target/gait-realdata-full.txt. */
    @Test
    @EnabledIfEnvironmentVariable(named = "MYOFLOW_GAIT_FULL", matches = "1")
    void fullVariant() throws Exception {
        GaitRealData.Report r = GaitRealData.run(GaitRealData.defaultFolder(), false);
        Files.writeString(Path.of("target", "gait-realdata-full.txt"), String.join("\n", r.lines()) + "\n"
                + r.figures() + "\n");
        assertEquals(4, ((Number) r.figures().get("deep_real_hidden_muscles")).intValue());
        assertTrue(Double.isFinite(((Number) r.figures().get("deep_real_r2_nmm")).doubleValue()));
    }

    @Test
    void trialsLoadAtTheStaticOptimisationRows() {
        Path folder = GaitRealData.defaultFolder();
        GaitRealData.Trial a = GaitRealData.load(org.myoflow.musculoskeletal.opensim.OpenSimModel.read(
                folder.resolve("gait2392.osim")), folder.resolve("walk45"), "walk45", 2);
        assertEquals(100, a.samples(), "2 s at 50 Hz");
        assertEquals(50, a.rate, 1e-9);
        // envelopes are read at the SO rows: the first value equals the file's first row
        assertEquals(9, a.emg.length);
        for (double[] e : a.emg) {
            for (double v : e) {
                assertTrue(v > -0.01 && v < 1.5, "normalised envelope (the files have small filter undershoots): " + v);
            }
        }
    }
}
