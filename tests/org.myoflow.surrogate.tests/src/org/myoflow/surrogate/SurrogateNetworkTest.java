package org.myoflow.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.StepProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.nn.Mlp;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The surrogate network: export parity, convergence, determinism; the step as a drop-in replacement. */
class SurrogateNetworkTest {

    private static final Progress SILENT = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private static TrainingSet train;
    private static TrainingSet validation;

    @BeforeAll
    static void data() {
        // 36 simulated demo-configuration units (about 2 s with the kernel tables)
        TrainingSet.Split s = TrainingSet.generate(SurrogateConfig.demo(), 36, 5, null).split(0.25, 5);
        train = s.train();
        validation = s.validation();
    }

    private static float[][] randomConditions(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] c = new float[n][6];
        for (float[] row : c) {
            for (int j = 0; j < 6; j++) {
                row[j] = (float) (0.5 + 0.5 * r.nextDouble());
            }
        }
        return c;
    }

    @Test
    void onnxExportAgreesWithTheTrainingEngineWithin1e5() {
        SurrogateNetwork net = new SurrogateNetwork(SurrogateConfig.demo(), 24, 2, Mlp.Act.SILU, 3e-5);
        try (Model model = net.newModel()) {
            model.getNDManager().getEngine().setRandomSeed(3);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 6));
            float[][] c = randomConditions(7, 11);
            float[][][] djl = net.predict(model, c);
            float[] flat = new float[7 * 6];
            for (int i = 0; i < 7; i++) {
                System.arraycopy(c[i], 0, flat, i * 6, 6);
            }
            try (OnnxModel onnx = OnnxSessions.load(net.exportOnnx(model, Map.of()), "parity")) {
                FloatTensor y = onnx.run(Map.of(SurrogateNetwork.INPUT, FloatTensor.of(flat, 7, 6)));
                assertArrayEquals(new long[] {7, 64, 82}, y.shape());
                for (int i = 0; i < 7; i++) {
                    double scale = net.fibres(c[i]) * net.sigma();
                    for (int e = 0; e < 64; e++) {
                        for (int s = 0; s < 82; s++) {
                            // compared on the network's own scale (waveform / (fibres·σ), values of order 1)
                            assertEquals(djl[i][e][s] / scale, y.data()[(i * 64 + e) * 82 + s] / scale, 1e-5,
                                    "unit " + i + " electrode " + e + " sample " + s);
                        }
                    }
                }
            }
        }
    }

    private static TrainingLoop.Result fit(Model model, SurrogateNetwork net, int epochs, long seed) {
        TrainingOptions o = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(2)
                .withLearningRate(3e-3f, 1e-4f).withPatience(0).withSeed(seed);
        return net.train(model, train, validation, o, SILENT);
    }

    @Test
    void trainingOnATinySetConverges() {
        SurrogateNetwork net = new SurrogateNetwork(SurrogateConfig.demo(), 48, 3, Mlp.Act.SILU,
                SurrogateNetwork.sigmaOf(train));
        try (Model model = net.newModel()) {
            TrainingLoop.Result r = fit(model, net, 25, 1);
            double first = r.history().get(0).trainLoss();
            // the loss is the mean squared per-unit NRMSE: below 0.01 means about 10 % NRMSE on 27 units
            assertTrue(r.finalTrainLoss() < 0.01, "final training loss " + r.finalTrainLoss() + ", first " + first);
            assertTrue(r.finalTrainLoss() < first / 5, "first " + first + ", final " + r.finalTrainLoss());
            assertTrue(r.bestValidationLoss() < 0.03, "validation " + r.bestValidationLoss());
        }
    }

    @Test
    void sameSeedSameWeights() {
        SurrogateNetwork net = new SurrogateNetwork(SurrogateConfig.demo(), 16, 2, Mlp.Act.SILU, 3e-5);
        try (Model a = net.newModel(); Model b = net.newModel()) {
            fit(a, net, 2, 9);
            fit(b, net, 2, 9);
            List<float[]> wa = TrainingLoop.snapshot(a);
            List<float[]> wb = TrainingLoop.snapshot(b);
            for (int i = 0; i < wa.size(); i++) {
                assertArrayEquals(wa.get(i), wb.get(i), 0f, "parameter " + i);
            }
        }
    }

    @TempDir
    static Path models;

    /** A step as installed in the running framework (DS services), as a pipeline would get it. */
    static StepProvider installed(String id) throws Exception {
        Bundle host = FrameworkUtil.getBundle(SurrogateNetworkTest.class);
        if (host.getBundleContext() == null) {
            host.start();
        }
        ServiceTracker<StepRegistry, StepRegistry> t = new ServiceTracker<>(host.getBundleContext(),
                StepRegistry.class, null);
        t.open();
        try {
            StepRegistry registry = t.waitForService(10_000);
            long end = System.nanoTime() + 10_000_000_000L;
            while (registry.find(id).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            return registry.find(id).orElseThrow(() -> new AssertionError("step " + id + " is not installed"))
                    .provider();
        } finally {
            t.close();
        }
    }

    @Test
    void surrogateStepIsADropInReplacementOfTheNumericalStep() throws Exception {
        SurrogateTraining quick = new SurrogateTraining("muap-surrogate-demo", SurrogateConfig.demo(), 40, 8, 3, 16,
                2, 4);
        quick.run(models, SILENT);
        String previous = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, models.toString());
        try {
            StepProvider surrogate = installed("org.myoflow.surrogate.surrogate-muap-bank");
            Map<String, Data> sur = StepHarness.of(surrogate).models(registry()).param("units", 5L).seed(8).run();
            StepProvider numerical = installed("org.myoflow.conductor.planar-muap-bank");
            StepProvider synthesis = installed("org.myoflow.synthesis.emg");
            Map<String, Data> num = StepHarness.of(numerical).param("units", 5L).param("rows", 8L)
                    .param("cols", 8L).seed(8).run();
            MuapBank a = assertInstanceOf(MuapBank.class, sur.get("muaps"));
            MuapBank b = assertInstanceOf(MuapBank.class, num.get("muaps"));
            assertEquals(b.unitCount(), a.unitCount());
            assertEquals(b.channelCount(), a.channelCount());
            assertEquals(b.sampleCount(), a.sampleCount());
            assertEquals(b.channelLabels(), a.channelLabels());
            SpikeTrains spikes = new SpikeTrains(new double[][] {{0.1, 0.3}, {0.2}, {}, {0.05}, {0.4}}, 0.5, null);
            for (MuapBank bank : List.of(a, b)) {
                Map<String, Data> emg = StepHarness.of(synthesis).input("spikes", spikes)
                        .input("muaps", bank).param("snrDb", 100.0).seed(1).run();
                Signal s = assertInstanceOf(Signal.class, emg.get("emg"));
                assertEquals(64, s.channelCount());
            }
            // a unit outside the model's training ranges (here: too fast) is refused, naming the unit and condition
            Exception e = assertThrows(Exception.class, () -> StepHarness.of(surrogate).models(registry()).param("units", 5L)
                    .param("cvMean", 6.5).seed(8).run());
            Throwable root = e;
            while (!(root instanceof DataException) && root.getCause() != null) {
                root = root.getCause();
            }
            assertInstanceOf(DataException.class, root, e.toString());
            assertTrue(root.getMessage().contains("cvMPerS") && root.getMessage().contains("unit MU4"),
                    root.getMessage());
            // the anatomy checks shared with the planar steps apply too: a territory wider than the muscle
            Exception big = assertThrows(Exception.class, () -> StepHarness.of(surrogate).models(registry()).param("units", 5L)
                    .param("maxFibres", 9000L).seed(8).run());
            assertTrue(big.toString().contains("maxFibres"), big.toString());
        } finally {
            if (previous == null) {
                System.clearProperty(ModelRegistry.USER_PROPERTY);
            } else {
                System.setProperty(ModelRegistry.USER_PROPERTY, previous);
            }
        }
    }

    /** The model registry of the folders the test configured (system properties), as the engine gets it. */
    static org.myoflow.core.spi.ModelResolver registry() {
        return ModelRegistry.fromEnvironment().resolver();
    }
}
