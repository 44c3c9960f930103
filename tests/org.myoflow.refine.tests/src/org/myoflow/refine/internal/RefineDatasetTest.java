package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.engine.StepHarness;

/** The refinement trained on a dataset of trials (the trials input). */
public class RefineDatasetTest {

    private static final double FS = 100;

    static Signal signal(String quantity, double scale, int shift, int n, double phase) {
        Signal.Builder b = Signal.builder(FS).quantity(quantity);
        for (String m : List.of("TA", "GM")) {
            double[] x = new double[n];
            double f = m.equals("TA") ? 0.9 : 0.6;
            for (int i = 0; i < n; i++) {
                int j = Math.max(0, i - shift);
                x[i] = scale * (0.3 + 0.2 * Math.sin(2 * Math.PI * f * j / FS + phase));
            }
            b.channel(m, "", x);
        }
        return b.build();
    }

    static Dataset trials(int count) {
        List<Trial> t = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            t.add(new Trial(Map.of(Trial.SUBJECT, "s" + (i % 2), Trial.TRIAL, String.valueOf(i + 1)),
                    Map.of("simulated", signal("activation", 1, 0, 300, i), "envelope",
                            signal("envelope", 1.5, 4, 300, i)), Map.of()));
        }
        return new Dataset(t);
    }

    static StepHarness train(Dataset d) {
        return StepHarness.of(new RefineTrainStep()).input("trials", d)
                .input("simulated", signal("activation", 1, 0, 400, 7))
                .input("measured", signal("envelope", 1.5, 4, 400, 7)).param("epochs", 2).param("hidden", 8)
                .param("windowLength", 64).seed(3);
    }

    @Test
    void trainsOnTheTrialsAndRefinesTheSimulatedInput() throws Exception {
        Signal refined = (Signal) train(trials(3)).run().get("refined");
        assertEquals(List.of("TA", "GM"), refined.labels());
        assertEquals(400, refined.sampleCount());
        for (double v : refined.channel(0)) {
            assertTrue(Double.isFinite(v), "refined " + v);
        }
        // same data and seed: bit-identical
        assertArrayEquals(refined.channel(1), ((Signal) train(trials(3)).run().get("refined")).channel(1), 0);
        // other training trials: another network
        Signal other = (Signal) train(trials(4)).run().get("refined");
        assertTrue(!java.util.Arrays.equals(refined.channel(0), other.channel(0)));
    }

    @Test
    void namesTheTrialThatLacksARoleAndNeedsTwoTrials() {
        List<Trial> t = new ArrayList<>(trials(3).trials());
        t.set(1, new Trial(t.get(1).metadata(), Map.of("simulated", t.get(1).signal("simulated").get()), Map.of()));
        DataException e = assertThrows(DataException.class, () -> train(new Dataset(t)).run());
        assertTrue(e.getMessage().startsWith("trial 2 (sub-s1/trial-2): no signal of role 'envelope'"),
                e.getMessage());
        e = assertThrows(DataException.class, () -> train(trials(1)).run());
        assertTrue(e.getMessage().contains("needs at least two"), e.getMessage());
        e = assertThrows(DataException.class, () -> train(trials(3)).param("kinematicsRole", "kinematics").run());
        assertTrue(e.getMessage().contains("needs the kinematics input"), e.getMessage());
    }
}
