package org.myoflow.refine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.ml.ModelRegistry;

/** The refinement train and apply steps through the engine's step harness, on a delayed-copy toy recording. */
public class RefineStepTest {

    private static final double FS = 100;
    private static final int N = 1200;
    private static Path user;
    private static String previous;
    private static Signal simulated;
    private static Signal measured;
    private static Signal kinematics;

    @BeforeAll
    static void data() throws Exception {
        user = Files.createTempDirectory("refine-user");
        previous = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, user.toString());
        SplittableRandom r = new SplittableRandom(4);
        Signal.Builder sim = Signal.builder(FS).quantity("activation");
        Signal.Builder mea = Signal.builder(FS).quantity("envelope");
        double[] angle = new double[N];
        for (int i = 0; i < N; i++) {
            angle[i] = 1 + 0.8 * Math.sin(2 * Math.PI * 0.8 * i / FS);
        }
        for (String m : List.of("BIClong", "TRIlong")) {
            double f = 0.3 + r.nextDouble();
            double ph = 6 * r.nextDouble();
            double[] x = new double[N];
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = 0.3 + 0.2 * Math.sin(2 * Math.PI * f * i / FS + ph) + 0.1 * Math.sin(2 * Math.PI * 0.8 * i / FS);
            }
            for (int i = 0; i < N; i++) {
                y[i] = 1.5 * x[Math.max(0, i - 4)]; // measured leads nothing: simulated is 40 ms early, scaled
            }
            sim.channel(m, "", x);
            mea.channel(m, "", y);
        }
        sim.channel("BRA", "", new double[N]); // simulated activity may have more muscles than measured
        simulated = sim.build();
        measured = mea.build();
        kinematics = Signal.builder(FS).channel("elbow_flexion", "rad", angle).build();
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
        return StepHarness.of(new RefineTrainStep()).input("simulated", simulated).input("measured", measured)
                .input("kinematics", kinematics).param("epochs", 3).param("hidden", 8).param("windowLength", 64)
                .seed(2);
    }

    @Test
    void trainsSavesAndAppliesWithTheSameResult() throws Exception {
        Map<String, Data> out = train().param("saveAs", "tiny-refine").run();
        Signal refined = (Signal) out.get("refined");
        assertEquals(List.of("BIClong", "TRIlong"), refined.labels());
        assertEquals(N, refined.sampleCount());
        Signal cmp = (Signal) out.get("comparison");
        assertEquals(List.of("BIClong | measured", "BIClong | simulated", "BIClong | refined", "TRIlong | measured",
                "TRIlong | simulated", "TRIlong | refined"), cmp.labels());
        assertTrue(Files.exists(user.resolve("tiny-refine").resolve("model.onnx")));
        Signal applied = (Signal) StepHarness.of(new RefineInferStep()).models(registry()).input("simulated", simulated)
                .input("kinematics", kinematics).param("model", "tiny-refine").run().get("refined");
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(refined.channel(c), applied.channel(c), 1e-6);
        }
        Signal again = (Signal) train().run().get("refined");
        assertArrayEquals(refined.channel(0), again.channel(0), 0);
    }

    @Test
    void cyclesAreTimeNormalisedAndMappedBack() throws Exception {
        Signal refined = (Signal) train().param("cycles", true).param("cyclePoints", 64).run().get("refined");
        assertEquals(N, refined.sampleCount());
        for (double v : refined.channel(0)) {
            assertTrue(Double.isFinite(v) && v >= 0, "refined " + v);
        }
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new RefineTrainStep())
                .input("simulated", simulated).input("measured", measured).param("cycles", true).run());
        assertTrue(e.getMessage().contains("needs the kinematics input"), e.getMessage());
    }

    @Test
    void missingMusclesShortRecordingsAndUnknownModelsAreRefused() {
        Signal more = Signal.builder(FS).channel("BIClong", "", measured.channel(0))
                .channel("TRIlong", "", measured.channel(1)).channel("BRD", "", measured.channel(1)).build();
        DataException e = assertThrows(DataException.class, () -> train().input("measured", more).run());
        assertTrue(e.getMessage().contains("simulated activity lacks muscles [BRD]"), e.getMessage());
        Signal shorter = Signal.builder(FS).channel("BIClong", "", new double[N - 5])
                .channel("TRIlong", "", new double[N - 5]).build();
        e = assertThrows(DataException.class, () -> train().input("measured", shorter).run());
        assertTrue(e.getMessage().contains("1200 samples") && e.getMessage().contains("1195"), e.getMessage());
        // an unknown model is a validation problem (the engine resolves model parameters before running)
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StepHarness
                .of(new RefineInferStep()).models(registry())
                .input("simulated", simulated).param("model", "no-such-refiner").run());
        assertTrue(unknown.getMessage().contains("'no-such-refiner' is not in the model registry"),
                unknown.getMessage());
    }

    /** The model registry of the folders the test configured (system properties), as the engine gets it. */
    static org.myoflow.core.spi.ModelResolver registry() {
        return ModelRegistry.fromEnvironment().resolver();
    }
}
