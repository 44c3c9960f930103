package org.myoflow.musculoskeletal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.musculoskeletal.JointModels;

/** The musculoskeletal steps' port contracts, checked before anything runs. */
class MskConfigureTest {

    private static final List<String> MUSCLES = JointModels.elbow().muscleNames();

    @Test
    void jointTorqueRefusesAnActivationLackingAModelMuscle() {
        List<String> some = new ArrayList<>(MUSCLES);
        some.remove("BRA");
        Configuration c = StepHarness.of(new JointTorqueStep())
                .inputSpec("activation", DataSpec.signal("activation", "", some, 100, 5))
                .inputSpec("kinematics", DataSpec.signal("angle", "rad", List.of("elbow_flexion"), 100, 5))
                .configure();
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertEquals("input 'activation', channel 'BRA'", c.problems().get(0).subject());
        c = StepHarness.of(new JointTorqueStep())
                .inputSpec("activation", DataSpec.signal("activation", "", MUSCLES, 100, 5))
                .inputSpec("kinematics", DataSpec.signal("angle", "rad", List.of("elbow_flexion"), 100, 5))
                .configure();
        assertEquals(List.of(), c.problems());
        assertEquals(MUSCLES, c.spec("test", "force").orElseThrow().channelLabels());
        assertEquals("N", c.spec("test", "force").orElseThrow().unit());
        assertEquals(1, c.spec("test", "torque").orElseThrow().channelCount());
    }

    @Test
    void staticOptimisationNeedsAnUnambiguousTorqueChannelAndOneRate() {
        DataSpec kin = DataSpec.signal("angle", "rad", List.of("elbow_flexion"), 100, 5);
        Configuration c = StepHarness.of(new StaticOptimisationStep()).inputSpec("kinematics", kin)
                .inputSpec("torque", DataSpec.signal("torque", "N·m", List.of("elbow", "wrist"), 50, 5)).configure();
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertEquals(new ValidationProblem("test", "input 'torque'", "torque has 2 channels [elbow, wrist]: set "
                + "parameter 'torqueChannel' to the one to use"), c.problems().get(0));
        assertTrue(c.problems().get(1).message().contains("50.0 Hz"), c.problems().toString());
        c = StepHarness.of(new StaticOptimisationStep()).param("torqueChannel", "elbow").inputSpec("kinematics", kin)
                .inputSpec("torque", DataSpec.signal("torque", "N·m", List.of("elbow", "wrist"), 100, 5)).configure();
        assertEquals(List.of(), c.problems());
        assertEquals(MUSCLES, c.spec("test", "activation").orElseThrow().channelLabels());
        assertEquals(100, c.spec("test", "activation").orElseThrow().samplingRate(), 0);
        assertEquals("torque", new StaticOptimisationStep().descriptor().parameters().get("torqueChannel")
                .orElseThrow().channelOf());
    }
}
