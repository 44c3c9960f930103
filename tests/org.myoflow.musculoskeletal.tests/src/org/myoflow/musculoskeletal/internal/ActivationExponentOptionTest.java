package org.myoflow.musculoskeletal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.musculoskeletal.internal.OpenSimCommandTest.Run;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;

/** The activation exponent as the step parameter activationExponent and as {@code opensim so --activation-exponent}. */
class ActivationExponentOptionTest {

    @Test
    void stepParameterIsValidatedAndUsed() throws Exception {
        OpenSimSoStepTest t = new OpenSimSoStepTest();
        for (Object bad : List.of(1.5, Double.NaN)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.harness().param("activationExponent", bad).configure(), String.valueOf(bad));
            assertTrue(e.getMessage().contains("parameter=activationExponent"), e.getMessage());
        }
        Signal a = (Signal) t.harness().param("allowMissing", true).param("stride", 10)
                .param("activationExponent", 3.0).run().get("activation");
        OpenSimModel m = OpenSimModel.read(OpenSimSoStepTest.MODEL, OpenSimSoStepTest.PATHS);
        var r = OpenSimStaticOptimisation.solve(m, CoordinateTable.read(OpenSimSoStepTest.COORDS, m, true),
                OpenSimStaticOptimisation.Moments.read(OpenSimSoStepTest.ID, m),
                OpenSimStaticOptimisation.Options.defaults().withStride(10).withActivationExponent(3));
        double[] soleus = r.activation("soleus_r");
        for (int k = 0; k < soleus.length; k++) {
            assertEquals(soleus[k], a.channel("soleus_r")[k], 0);
        }
    }

    @Test
    void commandOption(@TempDir Path dir) throws Exception {
        String out = dir.resolve("so.sto").toString();
        String[] base = {"so", OpenSimSoCommandTest.MODEL, OpenSimSoCommandTest.COORDS, OpenSimSoCommandTest.ID,
            "--paths", OpenSimSoCommandTest.PATHS, "--allow-missing", "--out", out, "--start", "0.5", "--end", "0.7"};
        Run bad = OpenSimCommandTest.run(concat(base, "--activation-exponent", "1.5"));
        assertEquals(CommandContribution.INVALID, bad.rc(), bad.err());
        assertTrue(bad.err().contains("activationExponent"), bad.err());
        Run nan = OpenSimCommandTest.run(concat(base, "--activation-exponent", "NaN"));
        assertEquals(CommandContribution.INVALID, nan.rc(), nan.err());
        assertTrue(nan.err().contains("--activation-exponent"), nan.err());
        Run ok = OpenSimCommandTest.run(concat(base, "--activation-exponent", "3"));
        assertEquals(CommandContribution.OK, ok.rc(), ok.err());
        List<String[]> act = OpenSimCommandTest.table(Path.of(out));
        OpenSimModel m = OpenSimModel.read(Path.of(OpenSimSoCommandTest.MODEL), Path.of(OpenSimSoCommandTest.PATHS));
        var r = OpenSimStaticOptimisation.solve(m, CoordinateTable.read(Path.of(OpenSimSoCommandTest.COORDS), m, true),
                OpenSimStaticOptimisation.Moments.read(Path.of(OpenSimSoCommandTest.ID), m),
                OpenSimStaticOptimisation.Options.defaults().withTimeRange(0.5, 0.7).withActivationExponent(3));
        int col = List.of(act.get(0)).indexOf("soleus_r");
        assertEquals(r.time().length + 1, act.size());
        for (int k = 0; k < r.time().length; k++) {
            assertEquals(r.activation("soleus_r")[k], Double.parseDouble(act.get(k + 1)[col]), 1e-12);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
