package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.io.internal.StackChannelsStep;

/** The stack-channels step. */
public class StackChannelsStepTest {

    static Signal sig(double fs, int n, String... labels) {
        Signal.Builder b = Signal.builder(fs).quantity("emg");
        for (int c = 0; c < labels.length; c++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = c + 0.001 * i;
            }
            b.channel(labels[c], "mV", x);
        }
        return b.build();
    }

    @Test
    void stacksInPortOrderWithNewLabels() throws Exception {
        Signal a = sig(1000, 50, "x", "y");
        Signal b = sig(1000, 50, "x");
        Signal out = (Signal) StepHarness.of(new StackChannelsStep()).input("signal1", a).input("signal2", b)
                .param("labels", "TA, GM, SOL").run().get("signal");
        assertEquals(List.of("TA", "GM", "SOL"), out.labels());
        assertArrayEquals(a.channel(1), out.channel(1), 0);
        assertArrayEquals(b.channel(0), out.channel(2), 0);
        assertEquals("emg", out.quantity());
    }

    @Test
    void refusesMismatchedSignalsAndDuplicateLabels() {
        Signal a = sig(1000, 50, "x");
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new StackChannelsStep())
                .input("signal1", a).input("signal2", sig(1000, 40, "y")).run());
        assertTrue(e.getMessage().contains("signal2 has 40 samples"), e.getMessage());
        e = assertThrows(DataException.class, () -> StepHarness.of(new StackChannelsStep()).input("signal1", a)
                .input("signal3", sig(1000, 50, "x")).run());
        assertTrue(e.getMessage().contains("'x' occurs twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepHarness.of(new StackChannelsStep())
                .input("signal1", a).param("labels", "p,q").run());
    }
}
