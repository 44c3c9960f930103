package org.myoflow.synthesis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.ValidationProblem;

/** The synthesis steps' port contracts, checked before anything runs. */
class SynthesisConfigureTest {

    private static DataSpec spikes(int units) {
        return DataSpec.ofType(DataTypes.SPIKE_TRAINS).withUnits(units).withDuration(3);
    }

    private static DataSpec bank(int units, String... labels) {
        return DataSpec.ofType(DataTypes.MUAP_BANK).withUnit("mV").withChannels(List.of(labels))
                .withSamplingRate(2048).withUnits(units);
    }

    @Test
    void unitCountMismatchIsRefusedNamingBothCounts() {
        Configuration c = StepHarness.of(new EmgSynthesisStep()).inputSpec("spikes", spikes(50))
                .inputSpec("muaps", bank(20, "e1", "e2")).configure();
        assertEquals(List.of(new ValidationProblem("test", "input 'muaps'", "the spike trains (input 'spikes') "
                + "have 50 motor units but the MUAP bank (input 'muaps') has 20; spike trains and MUAPs must "
                + "describe the same motor units")), c.problems());
    }

    @Test
    void matchingInputsDeclareTheEmgOfTheBanksChannels() {
        Configuration c = StepHarness.of(new EmgSynthesisStep()).inputSpec("spikes", spikes(20))
                .inputSpec("muaps", bank(20, "e1", "e2")).configure();
        assertEquals(List.of(), c.problems());
        DataSpec emg = c.spec("test", "emg").orElseThrow();
        assertEquals(List.of("e1", "e2"), emg.channelLabels());
        assertEquals(List.of("mV", "mV"), emg.channelUnits());
        assertEquals("emg", emg.quantity());
        assertEquals(2048, emg.samplingRate(), 0);
        assertEquals(3, emg.duration(), 1e-3);
    }

    @Test
    void secondPoolNeedsBothPortsAndTheSameElectrodes() {
        Configuration c = StepHarness.of(new EmgSynthesisStep()).inputSpec("spikes", spikes(20))
                .inputSpec("muaps", bank(20, "e1", "e2")).inputSpec("spikes2", spikes(10)).configure();
        assertEquals("input 'spikes2'", c.problems().get(0).subject());
        c = StepHarness.of(new EmgSynthesisStep()).inputSpec("spikes", spikes(20))
                .inputSpec("muaps", bank(20, "e1", "e2")).inputSpec("spikes2", spikes(10))
                .inputSpec("muaps2", bank(12, "e1")).configure();
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).message().contains("have 10 motor units but the MUAP bank (input 'muaps2') "
                + "has 12"), c.problems().toString());
        assertTrue(c.problems().get(1).message().contains("muaps has 2 channels but muaps2 has 1"));
    }

    @Test
    void dynamicSynthesisRefusesAUnitMismatchToo() {
        Configuration c = StepHarness.of(new DynamicEmgSynthesisStep()).inputSpec("spikes", spikes(7))
                .inputSpec("muaps", DataSpec.ofType(DataTypes.MUAP_BANK_SERIES).withUnits(8)).configure();
        assertEquals(1, c.problems().size());
        assertEquals("input 'muaps'", c.problems().get(0).subject());
    }

    @Test
    void sumRefusesEmgOnOtherElectrodesNamingTheMissingChannel() {
        DataSpec a = DataSpec.signal("emg", "mV", List.of("e1", "e2"), 2048, 1);
        DataSpec b = DataSpec.signal("emg", "mV", List.of("e1", "e3"), 2048, 1);
        Configuration c = StepHarness.of(new SumEmgStep()).inputSpec("emg1", a).inputSpec("emg2", b).configure();
        assertEquals(List.of(new ValidationProblem("test", "input 'emg2', channel 'e2'", "emg2 has channels "
                + "[e1, e3], emg1 has [e1, e2]; the muscles must be recorded by the same electrodes")), c.problems());
        c = StepHarness.of(new SumEmgStep()).inputSpec("emg1", a).inputSpec("emg2", a).configure();
        assertEquals(List.of("e1", "e2"), c.spec("test", "emg").orElseThrow().channelLabels());
    }
}
