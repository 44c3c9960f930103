package org.myoflow.synthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.Progress;

class SynthesisBenchmarkTest {

    @Test
    void quickRunReportsRealTimeFactorsAndAgreesWithTheNaiveSum() throws Exception {
        SynthesisBenchmark b = new SynthesisBenchmark();
        assertEquals("synthesis", b.name());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress none = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        Map<String, Object> f = b.run(true, new PrintStream(bytes, true, StandardCharsets.UTF_8), none);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(2.0, f.get("duration_s"));
        assertEquals(300, f.get("units"));
        assertEquals(10, f.get("dynamic_banks"));
        assertTrue((double) f.get("synthesis_realtime_factor") > 0);
        assertTrue((double) f.get("dynamic_summation_realtime_factor") > 0);
        assertTrue((double) f.get("synthesis_speedup_vs_naive") > 0);
        assertTrue((double) f.get("synthesis_max_rel_diff_vs_naive") < 1e-12, f.toString());
        assertTrue((int) f.get("spikes") > 300 * 2 * 8, f.toString());
        assertTrue(text.contains("real time"), text);
    }
}
