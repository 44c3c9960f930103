package org.myoflow.surrogate.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal NumPy .npy (format 1.0) reader and writer for C-ordered little-endian float32 arrays of any rank:
 * {@code np.load} reads what {@link #write} writes. The data are passed flat with their shape.
 */
public final class NpyFloat32 {

    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 };
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

    /** A flat float32 array and its shape. */
    public record Array(int[] shape, float[] data) {

        public Array {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                        + " values, got " + data.length);
            }
        }
    }

    private NpyFloat32() {
    }

    /** The header: magic, version 1.0, length and the dict padded with spaces to a multiple of 64 bytes. */
    static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims
                + "), }");
        int total = MAGIC.length + 2 + dict.length() + 1;
        dict.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] d = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + d.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) d.length).put(d);
        return b.array();
    }

    public static void write(Array a, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(a, out);
        }
    }

    public static void write(Array a, OutputStream out) throws IOException {
        out.write(header(a.shape()));
        out.write(littleEndian(a.data()));
    }

    /** The values as little-endian float32 bytes (also what digests are computed over). */
    public static byte[] littleEndian(float[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static Array read(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (magic[0] != MAGIC[0] || magic[1] != 'N' || magic[6] != 1) {
            throw new IOException(name + ": not a version-1 .npy file");
        }
        int len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        byte[] h = new byte[len];
        in.readFully(h);
        String dict = new String(h, StandardCharsets.US_ASCII);
        if (!dict.contains("'descr': '<f4'") || !dict.contains("'fortran_order': False")) {
            throw new IOException(name + ": only C-ordered little-endian float32 is supported, header " + dict.trim());
        }
        Matcher m = SHAPE.matcher(dict);
        if (!m.find()) {
            throw new IOException(name + ": no shape in header " + dict.trim());
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new IOException(name + ": array too large, " + n + " values");
        }
        byte[] bytes = new byte[(int) n * 4];
        in.readFully(bytes);
        float[] data = new float[(int) n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Array(shape, data);
    }
}
