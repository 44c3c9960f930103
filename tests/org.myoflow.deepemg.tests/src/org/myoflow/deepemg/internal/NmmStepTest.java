package org.myoflow.deepemg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.musculoskeletal.JointModels;

/** The simulated-experiment, NMM train and NMM infer steps through the engine's step harness. */
public class NmmStepTest {

    private static Path user;
    private static String previous;
    private static Map<String, Data> trial;

    @BeforeAll
    static void simulate() throws Exception {
        user = Files.createTempDirectory("nmm-user");
        previous = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, user.toString());
        trial = StepHarness.of(new SimulateElbowStep()).param("seconds", 8.0).param("units", 10).param("trial", 1)
                .seed(3).run();
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(ModelRegistry.USER_PROPERTY);
        } else {
            System.setProperty(ModelRegistry.USER_PROPERTY, previous);
        }
    }

    static StepHarness train() {
        return StepHarness.of(new NmmTrainStep()).input("envelopes", trial.get("envelopes"))
                .input("kinematics", trial.get("kinematics")).input("torque", trial.get("torque"))
                .input("deep", trial.get("excitation")).param("epochs", 3).param("hidden", 8)
                .param("windowLength", 100).seed(5);
    }

    @Test
    void simulatedTrialHasTheExperimentsSignals() {
        Signal env = (Signal) trial.get("envelopes");
        Signal ex = (Signal) trial.get("excitation");
        assertEquals(List.of("BIClong", "BICshort", "BRD", "TRIlong", "TRIlat"), env.labels());
        assertEquals(JointModels.elbow().muscleNames(), ex.labels());
        assertEquals(800, env.sampleCount());
        assertEquals(env.sampleCount(), ((Signal) trial.get("torque")).sampleCount());
    }

    @Test
    void trainedModelPredictsTheSameThroughTheInferenceStep() throws Exception {
        Map<String, Data> out = train().param("saveAs", "tiny-nmm").run();
        Signal trained = (Signal) out.get("excitation");
        assertEquals(JointModels.elbow().muscleNames(), trained.labels());
        assertTrue(Files.exists(user.resolve("tiny-nmm").resolve("model.onnx")));
        Signal env = (Signal) trial.get("envelopes");
        // measured muscles pass through (clipped to [0, 1]); deep ones are predictions in [0, 1]
        for (int c = 0; c < env.channelCount(); c++) {
            double[] a = env.channel(c);
            double[] b = trained.channel(trained.labels().indexOf(env.labels().get(c)));
            for (int i = 0; i < a.length; i++) {
                assertEquals(Math.min(1, Math.max(0, a[i])), b[i], 1e-12);
            }
        }
        for (String deep : List.of("BRA", "TRImed")) {
            for (double v : trained.channel(trained.labels().indexOf(deep))) {
                assertTrue(v >= 0 && v <= 1, deep + " " + v);
            }
        }
        Signal inferred = (Signal) StepHarness.of(new NmmInferStep()).models(registry()).input("envelopes", env)
                .input("kinematics", trial.get("kinematics")).input("torque", trial.get("torque"))
                .param("model", "tiny-nmm").param("calibrate", false).run().get("excitation");
        for (String deep : List.of("BRA", "TRImed")) {
            assertArrayEquals(trained.channel(trained.labels().indexOf(deep)),
                    inferred.channel(inferred.labels().indexOf(deep)), 1e-6);
        }
        // same seed, same model
        Signal again = (Signal) train().run().get("excitation");
        assertArrayEquals(trained.channel(2), again.channel(2), 0);
    }

    @Test
    void missingLabelsUnknownModelsAndOtherMusclesAreRefused() throws Exception {
        Signal ex = (Signal) trial.get("excitation");
        Signal noBra = Signal.builder(ex.samplingRate()).channel("TRImed", "", ex.channel(6)).build();
        DataException e = assertThrows(DataException.class, () -> train().input("deep", noBra).run());
        assertTrue(e.getMessage().contains("no channel 'BRA'"), e.getMessage());
        // an unknown model is a validation problem (the engine resolves model parameters before running)
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StepHarness
                .of(new NmmInferStep()).models(registry())
                .input("envelopes", trial.get("envelopes")).input("kinematics", trial.get("kinematics"))
                .input("torque", trial.get("torque")).param("model", "no-such-nmm").run());
        assertTrue(unknown.getMessage().contains("'no-such-nmm' is not in the model registry"), unknown.getMessage());
        e = assertThrows(DataException.class, () -> train().param("measuredMuscles", "BIClong,BICshort,BRD").run());
        assertTrue(e.getMessage().contains("3 muscles"), e.getMessage());
        e = assertThrows(DataException.class, () -> train().param("windowLength", 700).run());
        assertTrue(e.getMessage().contains("at least one window of 700 samples"), e.getMessage());
    }

    /** The model registry of the folders the test configured (system properties), as the engine gets it. */
    static org.myoflow.core.spi.ModelResolver registry() {
        return ModelRegistry.fromEnvironment().resolver();
    }
}
