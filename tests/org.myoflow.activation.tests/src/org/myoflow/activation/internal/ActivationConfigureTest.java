package org.myoflow.activation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;

/** The activation steps' port contracts, checked before anything runs. */
class ActivationConfigureTest {

    private static DataSpec emg(double fs, String... labels) {
        return DataSpec.signal("emg", "mV", List.of(labels), fs, 10);
    }

    @Test
    void envelopesKeepTheChannelsAndRefuseAReferenceOnOtherChannels() {
        Configuration c = StepHarness.of(new LowPassEnvelopeStep()).inputSpec("emg", emg(2048, "a", "b"))
                .configure();
        assertEquals(List.of(), c.problems());
        DataSpec act = c.spec("test", "activation").orElseThrow();
        assertEquals(List.of("a", "b"), act.channelLabels());
        assertEquals("a.u.", act.unit());
        assertEquals("activation", act.quantity());
        c = StepHarness.of(new MovingRmsEnvelopeStep()).inputSpec("emg", emg(2048, "a", "b"))
                .inputSpec("reference", emg(2048, "a", "c")).configure();
        assertEquals(1, c.problems().size());
        assertEquals("input 'reference', channel 'b'", c.problems().get(0).subject());
    }

    @Test
    void aBandAboveNyquistIsRefusedOnlyWhenTheRateIsKnown() {
        Configuration c = StepHarness.of(new BayesFilterStep()).param("bandPassHigh", 600.0)
                .inputSpec("emg", emg(1000, "a")).configure();
        assertEquals(1, c.problems().size());
        assertEquals("parameter 'bandPassHigh'", c.problems().get(0).subject());
        assertTrue(c.problems().get(0).message().contains("Nyquist frequency 500.0 Hz"));
        c = StepHarness.of(new BayesFilterStep()).param("bandPassHigh", 600.0)
                .inputSpec("emg", emg(Double.NaN, "a")).configure();
        assertEquals(List.of(), c.problems());
        c = StepHarness.of(new BayesFilterStep()).param("bandPassHigh", 600.0).param("bandPass", false)
                .inputSpec("emg", emg(1000, "a")).configure();
        assertEquals(List.of(), c.problems());
    }

    @Test
    void lfadsRefusesFurtherRecordingsOnOtherChannelsAndDeclaresWhenParametersApply() {
        Configuration c = StepHarness.of(new LfadsStep()).inputSpec("emg", emg(2048, "a", "b"))
                .inputSpec("emg2", emg(2048, "a")).configure();
        assertEquals(1, c.problems().size());
        assertEquals("input 'emg2', channel 'b'", c.problems().get(0).subject());
        var schema = new LfadsStep().descriptor().parameters();
        assertFalse(schema.get("population").orElseThrow().applies(Map.of("search", false)));
        assertTrue(schema.get("epochs").orElseThrow().applies(Map.of("search", false)));
        assertFalse(schema.get("bandPassHigh").orElseThrow().applies(Map.of("bandPass", false)));
    }
}
