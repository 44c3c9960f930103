package org.myoflow.activation.lfads;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Throw-away: prints fingerprints of fixed-seed trainings (old vs new harness). */
public class LfadsFingerprintTest {
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
    void fingerprints() {
        try (LfadsTrainer t = new LfadsTrainer(LfadsTest.TINY, LfadsTest.windows(40, 1, null),
                LfadsTest.windows(8, 2, null), LfadsTest.options(3))) {
            double a = t.trainEpochs(2, LfadsTest.HP, null);
            double v1 = t.validationLoss();
            List<float[]> snap = t.snapshot();
            double b = t.trainEpochs(1, new LfadsHyperparameters(1e-3, 0.1, 0.3, 0.2, 0.05, 0.2), null);
            t.restore(snap);
            double c = t.trainEpochs(1, LfadsTest.HP, null);
            System.out.println("FINGERPRINT lfads weights " + sha(t.snapshot(), a, v1, b, c, t.validationLoss(),
                    t.epochs(), t.updates()));
            System.out.println("FINGERPRINT lfads losses " + a + " " + v1 + " " + b + " " + c + " updates "
                    + t.updates());
            System.out.println("FINGERPRINT lfads infer " + sha(java.util.Arrays.asList(t.infer(LfadsTest.windows(3,
                    4, null)))));
        }
    }
}
