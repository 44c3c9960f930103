package org.myoflow.deepemg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.synthesis.experiments.ElbowExperiment;
import org.myoflow.musculoskeletal.JointModels;

/** The deep-EMG steps' port contracts, checked before anything runs. */
class DeepEmgConfigureTest {

    @Test
    void simulatedElbowDeclaresItsChannelsAndSynergyExtrapolationAcceptsThem() {
        Configuration sim = StepHarness.of(new SimulateElbowStep()).configure();
        assertEquals(List.of(), sim.problems());
        DataSpec env = sim.spec("test", "envelopes").orElseThrow();
        assertEquals(ElbowExperiment.SURFACE, env.channelLabels());
        assertEquals(List.of("elbow_flexion"), sim.spec("test", "kinematics").orElseThrow().channelLabels());
        Configuration c = StepHarness.of(new SynergyExtrapolationStep()).inputSpec("envelopes", env)
                .inputSpec("kinematics", sim.spec("test", "kinematics").orElseThrow())
                .inputSpec("torque", sim.spec("test", "torque").orElseThrow()).configure();
        assertEquals(List.of(), c.problems());
        assertEquals(JointModels.elbow().muscleNames(), c.spec("test", "excitation").orElseThrow().channelLabels());
    }

    @Test
    void envelopesOfAMuscleTheModelLacksAreRefusedNamingTheChannel() {
        DataSpec kin = DataSpec.signal("angle", "rad", List.of("elbow_flexion"), 100, 5);
        DataSpec tq = DataSpec.signal("torque", "N·m", List.of("m"), 100, 5);
        Configuration c = StepHarness.of(new SynergyExtrapolationStep())
                .inputSpec("envelopes", DataSpec.signal("envelope", "", List.of("BIClong", "DELT"), 100, 5))
                .inputSpec("kinematics", kin).inputSpec("torque", tq).configure();
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertEquals("input 'envelopes', channel 'DELT'", c.problems().get(0).subject());
        assertTrue(c.problems().get(0).message().contains("not a muscle of the"), c.problems().toString());
    }

    @Test
    void nmmTrainingNeedsEveryUnmeasuredMuscleInDeep() {
        DataSpec kin = DataSpec.signal("angle", "rad", List.of("elbow_flexion"), 100, 5);
        DataSpec tq = DataSpec.signal("torque", "N·m", List.of("m"), 100, 5);
        Configuration c = StepHarness.of(new NmmTrainStep())
                .inputSpec("envelopes", DataSpec.signal("envelope", "", ElbowExperiment.SURFACE, 100, 5))
                .inputSpec("kinematics", kin).inputSpec("torque", tq)
                .inputSpec("deep", DataSpec.signal("excitation", "", List.of("BRA"), 100, 5)).configure();
        List<String> missing = JointModels.elbow().muscleNames().stream()
                .filter(m -> !ElbowExperiment.SURFACE.contains(m) && !m.equals("BRA")).toList();
        assertEquals(missing.size(), c.problems().size(), c.problems().toString());
        assertEquals("input 'deep', channel '" + missing.get(0) + "'", c.problems().get(0).subject());
    }
}
