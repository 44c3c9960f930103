package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.ml.ModelRegistry;

/** The refinement steps' port contracts, checked before anything runs. */
class RefineConfigureTest {

    @TempDir
    Path tmp;

    private String previous;

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(ModelRegistry.USER_PROPERTY);
        } else {
            System.setProperty(ModelRegistry.USER_PROPERTY, previous);
        }
    }

    private static DataSpec activity(String... muscles) {
        return DataSpec.signal("activation", "", List.of(muscles), 100, 20);
    }

    @Test
    void measuredActivityLackingASimulatedMuscleIsRefusedNamingIt() {
        Configuration c = StepHarness.of(new RefineTrainStep()).param("muscles", "BIClong,BRA")
                .inputSpec("simulated", activity("BIClong", "BRA", "TRIlong"))
                .inputSpec("measured", activity("BIClong", "TRIlong")).configure();
        assertEquals(List.of(new ValidationProblem("test", "input 'measured', channel 'BRA'", "measured activity "
                + "lacks muscle 'BRA' (it has channels [BIClong, TRIlong]; the refined muscles are [BIClong, BRA])")),
                c.problems());
    }

    @Test
    void withoutMusclesTheMeasuredLabelsMustBeSimulated() {
        Configuration c = StepHarness.of(new RefineTrainStep())
                .inputSpec("simulated", activity("BIClong", "TRIlong"))
                .inputSpec("measured", activity("BIClong", "BRD")).configure();
        assertEquals(1, c.problems().size());
        assertEquals("input 'simulated', channel 'BRD'", c.problems().get(0).subject());
        c = StepHarness.of(new RefineTrainStep()).inputSpec("simulated", activity("BIClong", "BRD", "TRIlong"))
                .inputSpec("measured", activity("BIClong", "BRD")).configure();
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("BIClong", "BRD"), c.spec("test", "refined").orElseThrow().channelLabels());
        assertEquals(List.of("BIClong | measured", "BIClong | simulated", "BIClong | refined", "BRD | measured",
                "BRD | simulated", "BRD | refined"), c.spec("test", "comparison").orElseThrow().channelLabels());
    }

    @Test
    void cyclesNeedKinematicsAndRatesMustAgree() {
        Configuration c = StepHarness.of(new RefineTrainStep()).param("cycles", true)
                .inputSpec("simulated", activity("BIClong"))
                .inputSpec("measured", DataSpec.signal("envelope", "", List.of("BIClong"), 50, 20)).configure();
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertEquals("input 'measured'", c.problems().get(0).subject());
        assertEquals("input 'kinematics'", c.problems().get(1).subject());
    }

    @Test
    void inferenceRefusesAMissingModelAndAModelOfAnotherTask() throws Exception {
        previous = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, tmp.toString());
        Configuration c = StepHarness.of(new RefineInferStep()).param("model", "absent")
                .models(ModelRegistry.fromEnvironment().resolver())
                .inputSpec("simulated", activity("BIClong")).configure();
        assertEquals(1, c.problems().size());
        assertEquals("parameter 'model'", c.problems().get(0).subject());
        assertTrue(c.problems().get(0).message().startsWith("model 'absent' is not in the model registry (searched: "),
                c.problems().toString());
        assertTrue(c.problems().get(0).message().contains(tmp.toString()), c.problems().toString());

        Path folder = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(folder.resolve("model.json"), org.myoflow.ml.ModelCard.builder("other", "1.0.0",
                "emg-activation-lfads", new org.myoflow.ml.ModelSignature(List.of(), List.of())).onnxSha256("00").build().toJson());
        Files.write(folder.resolve(ModelRegistry.ONNX_FILE), new byte[] { 1, 2, 3 });
        c = StepHarness.of(new RefineInferStep()).param("model", "other")
                .models(ModelRegistry.fromEnvironment().resolver())
                .inputSpec("simulated", activity("BIClong")).configure();
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertEquals("model 'other' is a 'emg-activation-lfads' model, not a Seq2Seq refinement "
                + "('muscle-activity-refinement-seq2seq')", c.problems().get(0).message());
    }
}
