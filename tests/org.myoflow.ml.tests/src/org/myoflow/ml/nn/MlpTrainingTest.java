package org.myoflow.ml.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.onnx.OnnxGraphBuilder;
import org.myoflow.ml.train.ArrayData;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

class MlpTrainingTest {

    /** y = sin(2·x1) + x2² − x1·x2 on [−1, 1]²: a smooth target a small MLP fits well. */
    private static ArrayData toyData(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (2 * r.nextDouble() - 1);
            float b = (float) (2 * r.nextDouble() - 1);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = (float) (Math.sin(2 * a) + b * b - a * b);
        }
        return ArrayData.of(x, new long[] {n, 2}, y, new long[] {n, 1});
    }

    private static TrainingLoop.LossFunction mse() {
        return (p, l) -> p.singletonOrThrow().sub(l.get(0)).square().mean();
    }

    private record Trained(Model model, Mlp mlp, TrainingLoop.Result result) {
    }

    private static Trained train(long seed, int epochs) {
        Mlp mlp = new Mlp(2, new int[] {32, 32}, 1, Mlp.Act.TANH);
        Model model = Model.newInstance("toy", Device.cpu(), DjlRuntime.pytorch().getEngineName());
        model.setBlock(mlp.block());
        ArrayData[] split = toyData(600, 3).split(0.2, 5);
        TrainingOptions o = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(32)
                .withLearningRate(1e-2f, 1e-4f).withPatience(0).withSeed(seed);
        return new Trained(model, mlp, TrainingLoop.fit(model, split[0], split[1], mse(), o, null));
    }

    @Test
    void trainingConvergesBelowStatedLoss() {
        Trained t = train(11, 200);
        try (Model m = t.model()) {
            double first = t.result().history().get(0).trainLoss();
            // the target's variance is about 0.55; a 2x32x32 tanh MLP reaches below 2e-3 in 200 epochs (about 1 s)
            assertTrue(t.result().bestValidationLoss() < 2e-3,
                    "validation MSE " + t.result().bestValidationLoss() + " (first epoch train " + first + ")");
            assertTrue(t.result().finalTrainLoss() < first / 50);
        }
    }

    @Test
    void sameSeedGivesSameWeightsOtherSeedDiffers() {
        Trained a = train(7, 3);
        Trained b = train(7, 3);
        Trained c = train(8, 3);
        try (Model ma = a.model(); Model mb = b.model(); Model mc = c.model()) {
            List<float[]> wa = TrainingLoop.snapshot(ma);
            List<float[]> wb = TrainingLoop.snapshot(mb);
            List<float[]> wc = TrainingLoop.snapshot(mc);
            for (int i = 0; i < wa.size(); i++) {
                assertArrayEquals(wa.get(i), wb.get(i), 0f, "parameter " + i);
            }
            assertTrue(Math.abs(wa.get(0)[0] - wc.get(0)[0]) > 0, "another seed gives other weights");
        }
    }

    @Test
    void onnxExportMatchesTrainingEngineWithin1e5() throws Exception {
        for (Mlp.Act act : Mlp.Act.values()) {
            Mlp mlp = new Mlp(5, new int[] {16, 8}, 3, act);
            try (Model model = Model.newInstance("parity", Device.cpu(), DjlRuntime.pytorch().getEngineName())) {
                model.setBlock(mlp.block());
                NDManager m = model.getNDManager();
                DjlRuntime.pytorch().setRandomSeed(42);
                model.getBlock().initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 5));
                SplittableRandom r = new SplittableRandom(9);
                int n = 64;
                float[] x = new float[n * 5];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (4 * r.nextDouble() - 2);
                }
                NDList out = model.getBlock().forward(new ParameterStore(m, false),
                        new NDList(m.create(x, new Shape(n, 5))), false);
                float[] expected = out.singletonOrThrow().toFloatArray();

                OnnxGraphBuilder g = new OnnxGraphBuilder("mlp").input("x", -1, 5).output("y", -1, 3);
                g.rename(mlp.export(model.getBlock(), g, "x", "mlp"), "y");
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession s = env.createSession(g.build("test"), new OrtSession.SessionOptions());
                        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 5});
                        OrtSession.Result res = s.run(Map.of("x", t))) {
                    float[][] y = (float[][]) res.get(0).getValue();
                    assertEquals(n, y.length);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < 3; j++) {
                            assertEquals(expected[i * 3 + j], y[i][j], 1e-5, act + " sample " + i + " out " + j);
                        }
                    }
                }
            }
        }
    }
}
