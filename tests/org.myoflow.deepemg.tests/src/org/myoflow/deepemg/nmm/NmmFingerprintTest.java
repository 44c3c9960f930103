package org.myoflow.deepemg.nmm;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.ml.DjlArrays;

/** Throw-away: prints fingerprints of fixed-seed trainings (old vs new harness). */
public class NmmFingerprintTest {
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
        try (NmmTrainer.Fit fit = NmmTrainer.fit(NmmTest.ELBOW, NmmTest.DEEP, 2, NmmTest.train(), NmmTest.validation(),
                NmmTest.options(3, 4), null); NmmModel m = fit.toModel()) {
            System.out.println("FINGERPRINT nmm-val weights " + sha(DjlArrays.snapshot(fit.network), fit.history,
                    fit.bestEpoch()));
            System.out.println("FINGERPRINT nmm-val onnx " + sha(List.of(flat(m.predict(NmmTest.validation().get(1)))),
                    java.util.Arrays.deepToString(m.strengthScales())));
            System.out.println("FINGERPRINT nmm-val history " + m.history() + " best " + m.bestEpoch());
        }
        try (NmmTrainer.Fit fit = NmmTrainer.fit(NmmTest.ELBOW, NmmTest.DEEP, 2, NmmTest.train(), List.of(),
                NmmTest.options(5, 2), null)) {
            System.out.println("FINGERPRINT nmm-noval weights " + sha(DjlArrays.snapshot(fit.network), fit.history,
                    fit.bestEpoch()));
        }
    }
}
