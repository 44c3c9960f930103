package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.Progress;

class ConductorBenchmarkTest {

    @Test
    void quickRunReportsThePlanarAndDynamicFigures() throws Exception {
        // no step registry here: the summation half (the synthesis bundle's step) is left out, the MUAP half stays;
        // the integration tests run the suite as the product does, with the summation timed
        ConductorBenchmark b = new ConductorBenchmark();
        assertEquals("conductor", b.name());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> f = b.run(true, new PrintStream(buf, true, StandardCharsets.UTF_8), new Progress() {
            @Override
            public void update(double fraction, String message) {
                assertTrue(fraction >= 0 && fraction <= 1, fraction + " " + message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print("[conductor] bench --quick:\n" + text);
        for (String k : new String[] { "planar_ms_per_fibre_first", "planar_ms_per_fibre_next",
                "planar_ms_per_unit_200_fibres", "dynamic_bank_update_ms", "planar_naive_ms_per_fibre",
                "dynamic_fraction_of_realtime", "cylindrical_ms_per_unit_200_fibres" }) {
            assertTrue(f.get(k) instanceof Double d && d > 0 && Double.isFinite(d), k + " = " + f.get(k));
        }
        for (String k : new String[] { "dynamic_realtime_factor", "dynamic_muap_share", "dynamic_summation_s" }) {
            assertFalse(f.containsKey(k), k);
        }
        assertTrue(text.contains(ConductorBenchmark.SUMMATION_STEP + " not installed"), text);
        double first = (Double) f.get("planar_ms_per_fibre_first");
        double next = (Double) f.get("planar_ms_per_fibre_next");
        assertTrue(first > next, first + " vs " + next);
        assertEquals(11, f.get("dynamic_banks"));
        assertEquals(20, f.get("dynamic_units"));
        assertTrue(text.contains("first fibre") && text.contains("per bank"), text);
    }
}
