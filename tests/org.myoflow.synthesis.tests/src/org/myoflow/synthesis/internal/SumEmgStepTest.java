package org.myoflow.synthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;

/** Several muscles on the same electrodes: channel-wise sum, noise once. */
public class SumEmgStepTest {

    private static Signal sig(double scale, int n, String... labels) {
        Signal.Builder b = Signal.builder(1000).quantity("emg");
        for (int c = 0; c < labels.length; c++) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = scale * Math.sin(0.01 * k * (c + 1));
            }
            b.channel(labels[c], "mV", v);
        }
        return b.build();
    }

    @Test
    void sumsChannelByChannelOverTheLongestWithoutNoise() throws Exception {
        Signal a = sig(1, 500, "r1c1", "r1c2");
        Signal b = sig(2, 400, "r1c1", "r1c2");
        Signal c = sig(-0.5, 500, "r1c1", "r1c2");
        Map<String, Data> out = StepHarness.of(new SumEmgStep()).input("emg1", a).input("emg2", b).input("emg3", c)
                .param("noise", false).run();
        Signal s = (Signal) out.get("emg");
        assertEquals(500, s.sampleCount());
        for (int ch = 0; ch < 2; ch++) {
            for (int k = 0; k < 500; k++) {
                double want = a.get(ch, k) + (k < 400 ? b.get(ch, k) : 0) + c.get(ch, k);
                assertEquals(want, s.get(ch, k), 1e-12);
            }
        }
    }

    @Test
    void addsNoiseOnceAtTheSetSnr() throws Exception {
        Signal a = sig(1, 20000, "x");
        Signal b = sig(1, 20000, "x");
        Signal s = (Signal) StepHarness.of(new SumEmgStep()).input("emg1", a).input("emg2", b).param("snrDb", 10.0)
                .seed(9).run().get("emg");
        double sig = 0;
        double noise = 0;
        for (int k = 0; k < 20000; k++) {
            double clean = 2 * a.get(0, k);
            sig += clean * clean;
            noise += (s.get(0, k) - clean) * (s.get(0, k) - clean);
        }
        assertEquals(10.0, 10 * Math.log10(sig / noise), 0.2);
    }

    @Test
    void refusesMusclesRecordedByOtherElectrodes() {
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new SumEmgStep())
                .input("emg1", sig(1, 100, "a", "b")).input("emg2", sig(1, 100, "a", "c")).run());
        assertTrue(e.getMessage().contains("emg2") && e.getMessage().contains("same electrodes"), e.getMessage());
    }
}
