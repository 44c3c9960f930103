package org.myoflow.ml.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myoflow.ml.DjlRuntime;
import org.myoflow.ml.train.ArrayData;
import org.myoflow.ml.train.TrainingLoop;
import org.myoflow.ml.train.TrainingOptions;

import ai.djl.Device;
import ai.djl.Model;

/** Throw-away: prints fingerprints of fixed-seed trainings (old vs new harness). */
class LoopFingerprintTest {
    static String sha(java.util.List<float[]> params, Object... extra) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (float[] p : params) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(p.length * 4);
                for (float v : p) {
                    b.putInt(Float.floatToRawIntBits(v));
                }
                md.update(b.array());
            }
            for (Object o : extra) {
                md.update(String.valueOf(o).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] flat(double[][] a) {
        int n = 0;
        for (double[] r : a) {
            n += r.length;
        }
        float[] f = new float[n * 2];
        int i = 0;
        for (double[] r : a) {
            for (double v : r) {
                long bits = Double.doubleToRawLongBits(v);
                f[i++] = Float.intBitsToFloat((int) (bits >>> 32));
                f[i++] = Float.intBitsToFloat((int) bits);
            }
        }
        return f;
    }

    @Test
    void fingerprints() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (2 * r.nextDouble() - 1);
            float b = (float) (2 * r.nextDouble() - 1);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = (float) (Math.sin(2 * a) + b * b - a * b);
        }
        ArrayData[] split = ArrayData.of(x, new long[] {n, 2}, y, new long[] {n, 1}).split(0.2, 5);
        for (int patience : new int[] {0, 1}) {
            Mlp mlp = new Mlp(2, new int[] {16, 16}, 1, Mlp.Act.TANH);
            try (Model model = Model.newInstance("toy", Device.cpu(), DjlRuntime.pytorch().getEngineName())) {
                model.setBlock(mlp.block());
                Path dir = Files.createTempDirectory("fp");
                TrainingOptions o = TrainingOptions.defaults().withEpochs(12).withBatchSize(50)
                        .withLearningRate(3e-2f, 1e-4f).withPatience(patience).withSeed(7).withCheckpoints(dir, 4);
                TrainingLoop.Result res = TrainingLoop.fit(model, split[0], split[1],
                        (p, l) -> p.singletonOrThrow().sub(l.get(0)).square().mean(), o, null);
                StringBuilder h = new StringBuilder();
                for (TrainingLoop.Epoch e : res.history()) {
                    h.append(e.epoch()).append(':').append(e.trainLoss()).append('/').append(e.validationLoss())
                            .append('/').append(e.learningRate()).append(' ');
                }
                String[] files;
                try (var s = Files.list(dir)) {
                    files = s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
                }
                System.out.println("FINGERPRINT loop-p" + patience + " weights " + sha(TrainingLoop.snapshot(model), h,
                        res.bestEpoch(), res.bestValidationLoss(), res.stoppedEarly()));
                System.out.println("FINGERPRINT loop-p" + patience + " history " + h + " best " + res.bestEpoch()
                        + " stopped " + res.stoppedEarly() + " files " + String.join(",", files));
            }
        }
    }
}
