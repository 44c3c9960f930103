package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.LengthInterpolation;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.Progress;

/**
 * The dynamic case with the numerical conductors ({@code bench synthesis}): the cylindrical model interpolated over
 * the length range against exact recomputation on a small case, and the quick suite's figures.
 */
class DynamicMuapBenchmarkTest {

    /** Largest per-unit NRMSE (RMS difference / the exact unit's peak-to-peak). */
    private static double maxNrmse(double[][][] ref, double[][][] b) {
        double worst = 0;
        for (int u = 0; u < ref.length; u++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double se = 0;
            int n = 0;
            for (int c = 0; c < ref[u].length; c++) {
                for (int t = 0; t < ref[u][c].length; t++) {
                    min = Math.min(min, ref[u][c][t]);
                    max = Math.max(max, ref[u][c][t]);
                    double d = ref[u][c][t] - b[u][c][t];
                    se += d * d;
                    n++;
                }
            }
            worst = Math.max(worst, Math.sqrt(se / n) / (max - min));
        }
        return worst;
    }

    @Test
    void cylindricalMuapsInterpolatedOverLengthAreWithinOnePercentOfExactAndDeterministic() {
        CylindricalMuapBankSettings s = new CylindricalMuapBankSettings();
        s.units = 3;
        s.minFibres = 5;
        s.maxFibres = 40;
        s.rows = 3;
        s.cols = 2;
        s.thetaPoints = 64;
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), new SplittableRandom(11));
        double[] nodes = LengthInterpolation.nodes(0.9, 1.1, 0.1);
        DoubleFunction<double[][][]> exact = CylindricalMuapBankStep.monopolarAtLength(s, anatomy, 0.9, 1.1);
        LengthInterpolation li = LengthInterpolation.compute(nodes, exact, s.samplingRate, 0);
        double worst = 0;
        for (double len : new double[] { 0.93, 0.96, 1.04, 1.07 }) {
            worst = Math.max(worst, maxNrmse(exact.apply(len), li.at(len)));
        }
        System.out.printf("[conductor] cylindrical, interpolated over length vs exact: max NRMSE %.4f%n", worst);
        assertTrue(worst <= 0.01 && worst > 0, "max NRMSE " + worst);
        // same inputs, same numbers (units in parallel)
        LengthInterpolation again = LengthInterpolation.compute(nodes, exact, s.samplingRate, 0);
        double[][][] a = li.at(1.04);
        double[][][] b = again.at(1.04);
        for (int u = 0; u < a.length; u++) {
            for (int c = 0; c < a[u].length; c++) {
                assertArrayEquals(a[u][c], b[u][c], 0);
            }
        }
    }

    @Test
    void quickRunReportsRealTimeFactorsAndAccuracyOfBothModels() throws Exception {
        // no step registry: the summation is not timed (the integration tests run the suite as the product does)
        DynamicMuapBenchmark b = new DynamicMuapBenchmark();
        assertEquals("synthesis", b.name());
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
        System.out.print("[conductor] bench synthesis --quick (numerical dynamic case):\n" + text);
        for (String model : new String[] { "numerical", "cylindrical" }) {
            for (String k : new String[] { "dynamic_realtime_factor_", "dynamic_cpu_realtime_factor_",
                    "dynamic_exact_bank_s_", "dynamic_banks_s_", "dynamic_nrmse_max_" }) {
                assertTrue(f.get(k + model) instanceof Double d && d > 0 && Double.isFinite(d),
                        k + model + " = " + f.get(k + model));
            }
            assertTrue((Double) f.get("dynamic_nrmse_max_" + model) <= 0.01, model + " " + f);
            assertEquals(2, f.get("dynamic_nrmse_checked_updates_" + model));
        }
        assertEquals(11, f.get("dynamic_numerical_banks"));
        assertTrue(text.contains("not installed"), text);
    }
}
