package org.myoflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.NumericTable;
import org.myoflow.io.internal.NpyHeader;

/**
 * NumPy {@code .npy} files (NEP 1, {@code numpy.lib.format}), the result format of every node: numpy, MATLAB
 * readers and PyTorch load it without a conversion step.
 * <p>
 * Writing produces format version 1.0, C order: tables as dtype {@code <f8} (float64 little-endian) 2-D, and
 * N-D float32 arrays ({@link #writeFloat32}) as {@code <f4}. The
 * header is padded exactly as {@code numpy.save} pads it (21 digits of growth room for the first axis, then spaces
 * to a multiple of 64 bytes, then '\n'), so a table written here is byte-identical to {@code np.save} of the same
 * array and its data start 64-byte aligned.
 * <p>
 * Reading accepts format versions 1.0 to 3.0; dtypes {@code f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1} in either byte
 * order; C or Fortran order; 1-D arrays (read as n × 1) and 2-D arrays. A malformed header, truncated data or
 * trailing bytes give a {@link DataException} naming the file and the byte offset.
 *
 * @since 0.1
 */
public final class Npy {

    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    private static final int ALIGN = 64;
    /** numpy leaves room for the first axis to grow to this many digits so appends can rewrite the header. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private Npy() {
    }

    /** Writes a table as a float64 C-order 2-D array; parent folders are created. */
    public static void write(NumericTable table, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                write(table, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a table as a float64 C-order 2-D {@code .npy} stream; the stream is not closed. */
    public static void write(NumericTable table, OutputStream out) throws IOException {
        out.write(header(table.rows(), table.cols()));
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : table.values()) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The complete version 1.0 header (magic to '\n') for a float64 C-order rows × cols array. */
    public static byte[] header(int rows, int cols) {
        return header(NpyHeader.float64Dict(rows, cols), rows);
    }

    /** A version 1.0 header around a dictionary, padded as numpy pads it. */
    private static byte[] header(String dictionary, int firstAxis) {
        String dict = dictionary
                + " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(firstAxis).length()));
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = ALIGN - unpadded % ALIGN; // as numpy: a full block when already aligned
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** An N-D float32 array in C order (e.g. a training set [units, electrodes, samples]). */
    public record FloatArray(int[] shape, float[] data) {

        public FloatArray {
            shape = shape.clone();
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /**
     * Writes an N-D float32 ({@code <f4}) C-order array, byte-identical to {@code np.save} of the same array;
     * parent folders are created.
     */
    public static void writeFloat32(FloatArray a, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                int[] shape = a.shape();
                String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
                        : "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + ")";
                out.write(header("{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }",
                        shape.length == 0 ? 0 : shape[0]));
                ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : a.data()) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
                out.write(buf.array(), 0, buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an N-D C-order array of any supported numeric dtype as float32 (exact for {@code <f4} files); a
     * Fortran-order array of more than one dimension, a malformed header or truncated data give a
     * {@link DataException} naming the file and the byte offset.
     */
    public static FloatArray readFloat32(Path file) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout l = layout(ch, name);
            long[] shape = l.header().shape();
            if (l.header().fortranOrder() && shape.length > 1) {
                throw at(name, l.dataStart(), "Fortran-order " + shape.length + "-D arrays are not read");
            }
            long n = 1;
            int[] dims = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                n *= shape[i];
                dims[i] = (int) shape[i];
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw at(name, l.dataStart(), "array " + Arrays.toString(shape) + " is too large to load");
            }
            checkSize(l, name, n, Arrays.toString(shape));
            double[] values = readData(ch, l.dataStart(), (int) n, 1, l.header());
            float[] data = new float[values.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) values[i];
            }
            return new FloatArray(dims, data);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Reads a 1-D or 2-D array into a row-major table (1-D: n × 1). */
    public static NumericTable read(Path file) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout l = layout(ch, name);
            long[] shape = l.header().shape();
            if (shape.length != 1 && shape.length != 2) {
                throw at(name, l.dictStart(), shape.length + "-D array: only 1-D and 2-D arrays can be read");
            }
            long rows = shape[0];
            long cols = shape.length == 2 ? shape[1] : 1;
            if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || rows * cols > Integer.MAX_VALUE - 8) {
                throw at(name, l.dictStart(), "array " + rows + " x " + cols + " is too large to load");
            }
            checkSize(l, name, rows * cols, rows + " x " + cols);
            double[] values = readData(ch, l.dataStart(), (int) rows, (int) cols, l.header());
            return new NumericTable((int) rows, (int) cols, values);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Where the parsed header and the data lie in a file. */
    private record Layout(NpyHeader header, long dictStart, long dataStart, long size) {
    }

    private static Layout layout(FileChannel ch, String name) throws IOException {
        long size = ch.size();
        ByteBuffer pre = readAt(ch, 0, (int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < MAGIC.length; k++) {
            if (k >= pre.limit() || pre.get(k) != MAGIC[k]) {
                throw at(name, 0, "not an .npy file (no \\x93NUMPY magic string)");
            }
        }
        if (pre.limit() < 10) {
            throw at(name, size, "truncated header");
        }
        int major = pre.get(6) & 0xFF;
        int minor = pre.get(7) & 0xFF;
        long dictStart;
        long dictLength;
        if (major == 1) {
            dictStart = 10;
            dictLength = pre.getShort(8) & 0xFFFF;
        } else if (major == 2 || major == 3) {
            if (pre.limit() < 12) {
                throw at(name, size, "truncated header");
            }
            dictStart = 12;
            dictLength = pre.getInt(8) & 0xFFFFFFFFL;
        } else {
            throw at(name, 6, "unsupported .npy format version " + major + "." + minor + " (1.0 to 3.0 are read)");
        }
        if (dictStart + dictLength > size) {
            throw at(name, size, "truncated header: it declares " + dictLength + " bytes from byte " + dictStart
                    + ", the file ends first");
        }
        ByteBuffer dictBytes = readAt(ch, dictStart, (int) dictLength);
        String text = new String(dictBytes.array(), 0, dictBytes.limit(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new Layout(NpyHeader.parse(text, name, dictStart), dictStart, dictStart + dictLength, size);
    }

    private static void checkSize(Layout l, String name, long count, String shape) {
        long expected = count * l.header().itemSize();
        long available = l.size() - l.dataStart();
        if (available < expected) {
            throw at(name, l.size(), "truncated data: the header (shape " + shape + ", " + l.header().descr()
                    + ") promises " + expected + " bytes from byte " + l.dataStart() + ", found " + available);
        }
        if (available > expected) {
            throw at(name, l.dataStart() + expected, (available - expected) + " unexpected bytes after the data");
        }
    }

    private static double[] readData(FileChannel ch, long start, int rows, int cols, NpyHeader h)
            throws IOException {
        ByteOrder order = switch (h.byteOrder()) {
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
        int n = rows * cols;
        double[] out = new double[n];
        ByteBuffer buf = ByteBuffer.allocate(h.itemSize() * 8192).order(order);
        long pos = start;
        int k = 0;
        while (k < n) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), (long) (n - k) * h.itemSize()));
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new IOException("file shrank while reading");
                }
            }
            pos += buf.limit();
            buf.flip();
            while (buf.hasRemaining()) {
                double v = next(buf, h.kind(), h.itemSize());
                // element k is stored in file order: C order is row-major already, Fortran order is column-major
                int idx = h.fortranOrder() ? (k % rows) * cols + k / rows : k;
                out[idx] = v;
                k++;
            }
        }
        return out;
    }

    private static double next(ByteBuffer b, char kind, int size) {
        return switch (kind) {
            case 'f' -> size == 8 ? b.getDouble() : b.getFloat();
            case 'b' -> b.get() != 0 ? 1 : 0;
            case 'i' -> switch (size) {
                case 1 -> b.get();
                case 2 -> b.getShort();
                case 4 -> b.getInt();
                default -> b.getLong();
            };
            default -> switch (size) { // 'u'
                case 1 -> b.get() & 0xFF;
                case 2 -> b.getShort() & 0xFFFF;
                case 4 -> b.getInt() & 0xFFFFFFFFL;
                default -> unsigned(b.getLong());
            };
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static DataException at(String file, long offset, String reason) {
        return new DataException(file + ": byte " + offset + ": " + reason);
    }
}
