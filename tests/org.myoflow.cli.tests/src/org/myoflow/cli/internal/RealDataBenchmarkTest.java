package org.myoflow.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.Progress;

/**
 * {@code bench realdata --quick}: every part runs on the packaged recordings and reports its keys with sane values
 * (the figures themselves are in docs/activation.md and docs/opensim.md); a further part plugs in through the
 * sections list.
 */
public class RealDataBenchmarkTest {

    static final Progress QUIET = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @Test
    void quickVariantReportsEveryKeyWithSaneValues() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        Map<String, Object> f = new RealDataBenchmark().run(true, out, QUIET);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        System.out.println(f);
        for (String m : List.of("lowpass", "bayes", "lfads")) {
            for (String k : List.of("decode_r2_", "decode_r2_angle_", "decode_fit_r2_", "decode_pooled_r2_")) {
                Object v = f.get(k + m);
                assertTrue(v instanceof Number n && Double.isFinite(n.doubleValue()), k + m + " = " + v);
                double r2 = ((Number) v).doubleValue();
                assertTrue(r2 <= 1 && r2 > -1, k + m + " = " + r2);
            }
        }
        // the vasti drive the extension torque: the envelopes decode it well above chance
        assertTrue(((Number) f.get("decode_r2_lowpass")).doubleValue() > 0.3, f.toString());
        assertTrue(((Number) f.get("decode_r2_bayes")).doubleValue() > 0.3, f.toString());
        // a decoder fits its own training rows at least about as well as held-out ones
        for (String m : List.of("lowpass", "bayes", "lfads")) {
            assertTrue(((Number) f.get("decode_fit_r2_" + m)).doubleValue()
                    > ((Number) f.get("decode_r2_" + m)).doubleValue() - 0.1, m);
        }
        assertTrue(((Number) f.get("decode_lfads_training_windows")).intValue() > 50, f.toString());
        for (String k : List.of("decode_r2_lfads_smoothed", "decode_r2_angle_lfads_smoothed",
                "decode_r2_lfads_training_folds", "decode_r2_lfads_validation_fold")) {
            double v = ((Number) f.get(k)).doubleValue();
            assertTrue(v > -1 && v <= 1, k + " = " + v);
        }
        assertTrue(Double.isFinite(((Number) f.get("decode_lfads_validation_loss_first")).doubleValue()));
        assertTrue(Double.isFinite(((Number) f.get("decode_lfads_validation_loss")).doubleValue()));
        // upper limb (one 5.8 s lift, each contiguous fold a different phase): finite held-out scores, and decoders
        // that fit their own rows (13 muscles, lags) well; the held-out figures themselves are in docs/activation.md
        for (String m : List.of("lowpass", "bayes", "lfads")) {
            for (String k : List.of("decode_r2_upper_", "decode_r2_upper_speed_", "decode_pooled_r2_upper_",
                    "decode_pooled_r2_upper_speed_")) {
                double v = ((Number) f.get(k + m)).doubleValue();
                assertTrue(Double.isFinite(v) && v <= 1, k + m + " = " + v);
            }
            double fit = ((Number) f.get("decode_fit_r2_upper_" + m)).doubleValue();
            assertTrue(fit > 0.5 && fit <= 1, "decode_fit_r2_upper_" + m + " = " + fit);
        }
        assertTrue(text.contains("== activation-upper-limb") && text.contains("13 EMG channels at 2000 Hz, 5.8 s"),
            text);
        // the same static optimisation and measured envelopes as OpenSimStaticOptimisationTest
        assertEquals(0.5445, ((Number) f.get("so_real_corr")).doubleValue(), 0.002);
        assertTrue(text.contains("== activation") && text.contains("== static optimisation"), text);
        assertTrue(seconds < 300, "quick variant took " + seconds + " s");
    }

    @Test
    void markersAreInterpolatedOntoTheEmgTimes() {
        // a ramp at 100 Hz read at 2000 Hz: exact in between, held outside; an offset start shifts it
        double[] x = {0, 10, 20, 30};
        double[] y = UpperLimbDecodingSection.resample(x, 100, 0, 80, 2000);
        assertEquals(0, y[0], 0);
        assertEquals(5, y[10], 1e-12);
        assertEquals(25, y[50], 1e-12);
        assertEquals(30, y[79], 0);
        double[] z = UpperLimbDecodingSection.resample(x, 100, 0.01, 40, 2000);
        assertEquals(0, z[20], 1e-12);
        assertEquals(0, z[5], 0);
        assertEquals(5, z[30], 1e-12);
    }

    @Test
    void aFurtherSectionAddsItsKeysInOrder() throws Exception {
        List<Supplier<RealDataSection>> sections = new ArrayList<>();
        sections.add(() -> section("first", Map.of("a_key", 1.0), "line one"));
        sections.add(() -> RealDataSection.of("gait", quick -> new RealDataSection.Result(
                Map.of("refine_real_corr_raw", quick ? 0.5 : 0.6), List.of("line two"))));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> f = new RealDataBenchmark(sections).run(true, new PrintStream(buf, true,
                StandardCharsets.UTF_8), QUIET);
        assertEquals(List.of("a_key", "refine_real_corr_raw"), List.copyOf(f.keySet()));
        assertEquals(0.5, f.get("refine_real_corr_raw"));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.indexOf("== first") < text.indexOf("line one") && text.indexOf("line one") < text.indexOf(
                "== gait") && text.indexOf("== gait") < text.indexOf("line two"), text);
    }

    @Test
    void aMissingPackagedFileIsNamed() throws Exception {
        try (RealDataBenchmark.Data d = new RealDataBenchmark.Data()) {
            var e = assertThrows(NoSuchFileException.class, () -> d.file("nowhere/none.c3d"));
            assertTrue(e.getMessage().contains("realdata/nowhere/none.c3d"), e.getMessage());
            assertTrue(java.nio.file.Files.size(d.file(ActivationDecodingSection.KNEE)) > 500_000);
        }
    }

    static RealDataSection section(String name, Map<String, Object> figures, String line) {
        return new RealDataSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) {
                return new Result(figures, List.of(line));
            }
        };
    }
}
