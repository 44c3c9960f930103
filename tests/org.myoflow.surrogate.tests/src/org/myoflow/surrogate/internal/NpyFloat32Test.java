package org.myoflow.surrogate.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NpyFloat32Test {

    @Test
    void headerIsNumpyVersionOneAlignedTo64() {
        for (int[] shape : new int[][] { {}, { 5 }, { 3, 6 }, { 2, 64, 82 } }) {
            byte[] h = NpyFloat32.header(shape);
            assertEquals(0, h.length % 64);
            String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
            assertTrue(dict.endsWith("\n"));
            assertTrue(dict.contains("'descr': '<f4'"), dict);
        }
        assertTrue(new String(NpyFloat32.header(new int[] { 5 }), StandardCharsets.US_ASCII).contains("(5,)"));
        assertTrue(new String(NpyFloat32.header(new int[] { 2, 3, 4 }), StandardCharsets.US_ASCII)
                .contains("(2, 3, 4)"));
    }

    @Test
    void roundTripIsExact() throws IOException {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * 1e-3f;
        }
        data[5] = Float.MIN_VALUE;
        data[6] = -0f;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFloat32.write(new NpyFloat32.Array(new int[] { 2, 3, 4 }, data), out);
        NpyFloat32.Array back = NpyFloat32.read(new ByteArrayInputStream(out.toByteArray()), "test");
        assertArrayEquals(new int[] { 2, 3, 4 }, back.shape());
        assertArrayEquals(data, back.data());
    }
}
