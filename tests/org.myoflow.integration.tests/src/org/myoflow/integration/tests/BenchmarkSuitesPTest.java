package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.myoflow.core.spi.BenchmarkSuite;
import org.myoflow.core.spi.Progress;
import org.osgi.framework.ServiceReference;

/** Benchmark suites as the product runs them: DS services, which meet other bundles' steps through the registry. */
class BenchmarkSuitesPTest {

    private static BenchmarkSuite suite(String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            for (ServiceReference<BenchmarkSuite> r : Osgi.context().getServiceReferences(BenchmarkSuite.class,
                    null)) {
                BenchmarkSuite s = Osgi.context().getService(r);
                if (s != null && name.equals(s.name())) {
                    return s;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void conductorSuiteTimesTheSummationThroughTheSynthesisStep() throws Exception {
        Osgi.stepRegistryWith("org.myoflow.synthesis.dynamic-emg");
        BenchmarkSuite conductor = suite("conductor");
        assertNotNull(conductor, "no conductor benchmark suite");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> f = conductor.run(true, new PrintStream(buf, true, StandardCharsets.UTF_8),
                new Progress() {
                    @Override
                    public void update(double fraction, String message) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                });
        String text = buf.toString(StandardCharsets.UTF_8);
        for (String k : new String[] { "dynamic_summation_s", "dynamic_realtime_factor", "dynamic_muap_share",
                "dynamic_bank_update_ms" }) {
            assertTrue(f.get(k) instanceof Double d && d > 0 && Double.isFinite(d), k + " = " + f.get(k) + "\n"
                    + text);
        }
        double share = (Double) f.get("dynamic_muap_share");
        assertTrue(share > 0 && share < 1, "MUAP share " + share);
        assertTrue(text.contains("EMG summation (") && text.contains("whole dynamic case"), text);
    }
}
