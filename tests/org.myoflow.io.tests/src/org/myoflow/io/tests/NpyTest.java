package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.NumericTable;
import org.myoflow.io.Npy;

class NpyTest {

    private static final NumericTable TWO_BY_THREE = new NumericTable(2, 3, new double[] { 1, 2, 3, 4, 5, 6.5 });

    @TempDir
    Path dir;

    @Test
    void headerOfA2x3Float64ArrayFollowsTheFormatSpec() throws Exception {
        Path f = dir.resolve("a.npy");
        Npy.write(TWO_BY_THREE, f);
        byte[] b = Files.readAllBytes(f);
        assertArrayEquals(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }, Arrays.copyOf(b, 8));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        int total = 10 + headerLen;
        assertEquals(0, total % 64, "magic + version + length + dict must be a multiple of 64");
        String dict = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        String expected = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        assertTrue(dict.startsWith(expected), dict);
        assertEquals('\n', dict.charAt(dict.length() - 1));
        assertTrue(dict.substring(expected.length(), dict.length() - 1).isBlank(), "padding must be spaces");
        assertEquals(128, total); // as np.save writes it for this shape
        assertEquals(total + 6 * 8, b.length);
        ByteBuffer data = ByteBuffer.wrap(b, total, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : TWO_BY_THREE.values()) {
            assertEquals(v, data.getDouble(), 0);
        }
    }

    @Test
    void roundTrip() {
        double[] v = new double[7 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(-i) - 0.3 * i;
        }
        NumericTable t = new NumericTable(7, 4, v);
        Path f = dir.resolve("r.npy");
        Npy.write(t, f);
        assertEquals(t, Npy.read(f));
        NumericTable empty = new NumericTable(0, 3, new double[0]);
        Npy.write(empty, dir.resolve("e.npy"));
        assertEquals(empty, Npy.read(dir.resolve("e.npy")));
    }

    @Test
    void readsFortranOrderFloat32() throws Exception {
        // column-major 2 x 3: [[1, 2, 3], [4, 5, 6]] is stored 1 4 2 5 3 6
        ByteBuffer d = le(6 * 4);
        for (float x : new float[] { 1, 4, 2, 5, 3, 6.25f }) {
            d.putFloat(x);
        }
        Path f = npy("f.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", d);
        NumericTable t = Npy.read(f);
        assertEquals(2, t.rows());
        assertEquals(3, t.cols());
        assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6.25 }, t.values(), 1e-7);
    }

    @Test
    void readsIntegerAndBooleanTypesAndOneDimensionalArrays() throws Exception {
        ByteBuffer i4 = le(8).putInt(-7).putInt(40000);
        assertArrayEquals(new double[] { -7, 40000 },
                Npy.read(npy("i4.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", i4)).values());
        ByteBuffer i8 = le(16).putLong(1L << 40).putLong(-3);
        NumericTable t8 = Npy.read(npy("i8.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", i8));
        assertArrayEquals(new double[] { 0x1p40, -3 }, t8.values());
        ByteBuffer u1 = le(3).put((byte) 255).put((byte) 0).put((byte) 7);
        NumericTable tu = Npy.read(npy("u1.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", u1));
        assertEquals(3, tu.rows());
        assertEquals(1, tu.cols());
        assertArrayEquals(new double[] { 255, 0, 7 }, tu.values());
        ByteBuffer b1 = le(2).put((byte) 1).put((byte) 0);
        assertArrayEquals(new double[] { 1, 0 },
                Npy.read(npy("b1.npy", "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", b1)).values());
    }

    @Test
    void truncatedDataNamesFileAndOffset() throws Exception {
        ByteBuffer d = le(5 * 8);
        Path f = npy("trunc.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", d);
        DataException e = assertThrows(DataException.class, () -> Npy.read(f));
        long size = Files.size(f);
        assertTrue(e.getMessage().contains("trunc.npy: byte " + size + ": truncated data"), e.getMessage());
    }

    @Test
    void truncatedHeaderAndBadMagicAndMalformedDict() throws Exception {
        Path cut = dir.resolve("cut.npy");
        Npy.write(TWO_BY_THREE, cut);
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), 40));
        DataException e1 = assertThrows(DataException.class, () -> Npy.read(cut));
        assertTrue(e1.getMessage().contains("cut.npy: byte 40: truncated header"), e1.getMessage());

        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "time,a\n0,1\n");
        DataException e2 = assertThrows(DataException.class, () -> Npy.read(bad));
        assertTrue(e2.getMessage().contains("bad.npy: byte 0: not an .npy file"), e2.getMessage());

        Path dict = npy("dict.npy", "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", le(8));
        DataException e3 = assertThrows(DataException.class, () -> Npy.read(dict));
        // 'Maybe' starts at character 34 of the dict, which starts at byte 10
        assertTrue(e3.getMessage().contains("dict.npy: byte 44: malformed .npy header"), e3.getMessage());

        Path cube = npy("cube.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", le(8));
        DataException e4 = assertThrows(DataException.class, () -> Npy.read(cube));
        assertTrue(e4.getMessage().contains("cube.npy: byte 10: 3-D array"), e4.getMessage());
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A version 1.0 file written by hand, independently of {@link Npy}'s writer. */
    private Path npy(String name, String dict, ByteBuffer data) throws Exception {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = le(10 + h.length() + data.capacity());
        b.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }).putShort((short) h.length());
        b.put(h.toString().getBytes(StandardCharsets.US_ASCII)).put(data.array());
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    @Test
    void float32ArraysOfAnyRankRoundTripExactlyWithNumpysHeader() throws Exception {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i) * 1e-3f;
        }
        data[5] = Float.MIN_VALUE;
        data[6] = -0f;
        for (int[] shape : new int[][] { { 24 }, { 4, 6 }, { 2, 3, 4 } }) {
            Path f = dir.resolve("f32-" + shape.length + ".npy");
            Npy.writeFloat32(new Npy.FloatArray(shape, data), f);
            byte[] bytes = Files.readAllBytes(f);
            int headerLength = 10 + (ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF);
            assertEquals(0, headerLength % 64, "numpy aligns the data to 64 bytes");
            assertEquals(headerLength + 4 * data.length, bytes.length);
            String header = new String(bytes, 10, headerLength - 10, StandardCharsets.US_ASCII);
            assertTrue(header.contains("'descr': '<f4'"), header);
            assertTrue(header.contains(shape.length == 1 ? "(24,)" : shape.length == 2 ? "(4, 6)" : "(2, 3, 4)"),
                    header);
            Npy.FloatArray back = Npy.readFloat32(f);
            assertArrayEquals(shape, back.shape());
            assertArrayEquals(data, back.data());
        }
        // the 2-D reader takes the same file as a table
        NumericTable t = Npy.read(dir.resolve("f32-2.npy"));
        assertEquals(4, t.rows());
        assertEquals(data[7], (float) t.get(1, 1));
        Files.write(dir.resolve("cut.npy"), Arrays.copyOf(Files.readAllBytes(dir.resolve("f32-3.npy")), 160));
        DataException e = assertThrows(DataException.class, () -> Npy.readFloat32(dir.resolve("cut.npy")));
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
    }
}
