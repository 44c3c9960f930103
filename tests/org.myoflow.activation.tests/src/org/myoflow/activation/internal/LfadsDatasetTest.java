package org.myoflow.activation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;

/** The LFADS step's trials input: each trial's EMG is one more training recording, channels in the order of 'emg'. */
public class LfadsDatasetTest {

    static Signal reordered(Signal s, String... labels) {
        Signal.Builder b = Signal.builder(s.samplingRate()).quantity(s.quantity());
        for (String l : labels) {
            b.channel(l, s.units().get(s.indexOf(l)), s.channel(l));
        }
        return b.build();
    }

    static Dataset dataset(Signal... emg) {
        List<Trial> t = new java.util.ArrayList<>();
        for (int i = 0; i < emg.length; i++) {
            t.add(new Trial(Map.of(Trial.SUBJECT, "01", Trial.TRIAL, String.valueOf(i + 1)), Map.of("emg", emg[i]),
                    Map.of()));
        }
        return new Dataset(t);
    }

    @Test
    void trialsAreFurtherRecordingsInTheChannelOrderOfEmg() throws Exception {
        Signal a = ActivationStepsTest.emg(6000, 2000, 1, "TA", "GM", "SOL");
        Signal b = ActivationStepsTest.emg(6000, 2000, 2, "TA", "GM", "SOL");
        Signal bWithMore = Signal.builder(2000).channel("SOL", "", b.channel("SOL")).channel("X", "", b.channel("TA"))
                .channel("TA", "", b.channel("TA")).channel("GM", "", b.channel("GM")).build();
        List<Signal> picked = LfadsStep.trialRecordings(dataset(bWithMore), "emg", a);
        assertEquals(1, picked.size());
        assertEquals(List.of("TA", "GM", "SOL"), picked.get(0).labels());
        assertArrayEquals(b.channel("SOL"), picked.get(0).channel(2), 0);
        // training on the trial gives what training on the same recording through emg2 gives
        Signal viaTrials = (Signal) LfadsStepTest.tiny(a).input("trials", dataset(bWithMore)).run().get("activation");
        Signal viaPort = (Signal) LfadsStepTest.tiny(a).input("emg2", b).run().get("activation");
        for (int c = 0; c < 3; c++) {
            double[] x = viaTrials.channel(c);
            double[] y = viaPort.channel(c);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.abs(y[i]));
            }
            assertTrue(worst < 0.05, "channel " + c + " within 5 % (the step test's tolerance), worst " + worst);
        }
    }

    @Test
    void namesTheTrialAndChannelThatAreMissing() {
        Signal a = ActivationStepsTest.emg(4000, 2000, 1, "TA", "GM");
        Signal onlyTa = reordered(ActivationStepsTest.emg(4000, 2000, 2, "TA", "GM"), "TA");
        DataException e = assertThrows(DataException.class, () -> LfadsStep.trialRecordings(dataset(a, onlyTa),
                "emg", a));
        assertEquals("trials: trial 2 (sub-01/trial-2), role 'emg': no channel 'GM' (it has [TA]); every training "
                + "recording needs the channels of 'emg'", e.getMessage());
        e = assertThrows(DataException.class, () -> LfadsStep.trialRecordings(dataset(a), "envelope", a));
        assertTrue(e.getMessage().startsWith("trials: trial 1 (sub-01/trial-1) has no signal of role 'envelope'"),
                e.getMessage());
    }
}
