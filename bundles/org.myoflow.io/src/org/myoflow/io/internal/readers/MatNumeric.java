package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.myoflow.core.data.DataException;

/**
 * Large real numeric matrices of a level-5 MAT-file, decoded by hand straight into the channel arrays.
 * <p>
 * Why by hand: MAT-File I/O (mfl-core) decodes a matrix into its own buffer, read back element by element through
 * {@code Matrix.getDouble}, then copied twice more (a flat array, then the channel arrays); for a 64-channel,
 * 10-minute recording that was a third of the copy rate's tenth. Here a top-level {@code miMATRIX} (uncompressed,
 * or inside {@code miCOMPRESSED}: zlib, inflated with {@link Inflater} into a reused chunk) of class double,
 * single or an integer class up to 32 bits, real, not logical or sparse, two dimensions, with at least
 * {@link #MIN_ELEMENTS} elements, is decoded chunk by chunk into one array per channel (the longer dimension is
 * time, as {@link ArraySignals} reads it). Uncompressed data are decoded in parallel blocks ({@link Decode}). Every
 * other element (strings, cells, structs, scalars, small or complex arrays, objects) is left to mfl-core.
 * <p>
 * Values are the stored numbers converted to double exactly as mfl-core's {@code getDouble} does (unsigned classes
 * read unsigned), so the recording is the same whichever path read it.
 */
final class MatNumeric {

    /** Arrays below this many elements stay with mfl-core: nothing to gain. */
    static final int MIN_ELEMENTS = 1 << 16;

    private static final int CHUNK = 1 << 20;

    private MatNumeric() {
    }

    /** What {@link #header} found in a {@code miMATRIX} element. */
    record Header(String name, int rows, int cols, int dataType, long dataAt, long dataBytes) {

        /** The number of bytes of one element of the stored data type. */
        int width() {
            return width(dataType);
        }

        static int width(int type) {
            return switch (type) {
                case 1, 2 -> 1;
                case 3, 4 -> 2;
                case 5, 6, 7 -> 4;
                case 9 -> 8;
                default -> 0;
            };
        }

        long numel() {
            return (long) rows * cols;
        }

        boolean timeDown() {
            return rows >= cols;
        }
    }

    /**
     * The name of the {@code miMATRIX} element at {@code b}'s start (its tag included), and whether the fast path
     * reads it: {@link Header#dataType} 0 when not. {@code b} may hold only the element's first bytes; null when
     * they do not reach the data tag or do not parse (mfl-core then reads the element and reports any problem).
     */
    static Header header(ByteBuffer b) {
        try {
            if (b.limit() < 8 || b.getInt(0) != 14) {
                return null;
            }
            int p = 8;
            // array flags: miUINT32, 8 bytes: class (low byte), flags (next byte), nzmax
            if (b.getInt(p) != 6 || b.getInt(p + 4) != 8) {
                return null;
            }
            int flags = b.getInt(p + 8);
            int cls = flags & 0xff;
            boolean complex = (flags & 0x800) != 0;
            boolean logical = (flags & 0x200) != 0;
            p += 16;
            // dimensions: miINT32
            if (b.getInt(p) != 5) {
                return null;
            }
            int dimBytes = b.getInt(p + 4);
            if (dimBytes < 8 || dimBytes % 4 != 0 || p + 8 + dimBytes > b.limit()) {
                return null;
            }
            int nd = dimBytes / 4;
            int rows = b.getInt(p + 8);
            int cols = b.getInt(p + 12);
            p += 8 + pad(dimBytes);
            // name: miINT8, possibly in the small format (type in the low, size in the high 16 bits)
            int w = b.getInt(p);
            String name;
            if ((w >>> 16) != 0) {
                int len = w >>> 16;
                if ((w & 0xffff) != 1 || len > 4) {
                    return null;
                }
                name = ascii(b, p + 4, len);
                p += 8;
            } else {
                int len = b.getInt(p + 4);
                if (w != 1 || len < 0 || p + 8L + len > b.limit()) {
                    return null;
                }
                name = ascii(b, p + 8, len);
                p += 8 + pad(len);
            }
            boolean eligible = cls >= 6 && cls <= 13 && !complex && !logical && nd == 2 && rows >= 0 && cols >= 0
                    && (long) rows * cols >= MIN_ELEMENTS;
            if (!eligible || p + 8 > b.limit()) {
                return new Header(name, rows, cols, 0, 0, 0);
            }
            // the real part: a normal tag (a matrix this large is never in the small format)
            int type = b.getInt(p);
            long bytes = Integer.toUnsignedLong(b.getInt(p + 4));
            int width = Header.width(type);
            long numel = (long) rows * cols;
            if (width == 0 || numel > 0xffffffffL || bytes != numel * width) {
                return new Header(name, rows, cols, 0, 0, 0);
            }
            return new Header(name, rows, cols, type, p + 8, bytes);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Whether the stated data fit what holds them, checked before any channel array is allocated: within the
     * element ({@code miMATRIX} of {@code elementBytes} after its tag), or, compressed, at most zlib's largest
     * expansion (1032:1) of the element's compressed bytes.
     */
    static boolean fits(Header h, boolean compressed, long elementBytes) {
        if (compressed) {
            return h.dataAt() + h.dataBytes() <= 1032 * elementBytes + 1024;
        }
        return h.dataAt() + h.dataBytes() <= 8 + elementBytes;
    }

    private static int pad(int n) {
        return (n + 7) & ~7;
    }

    private static String ascii(ByteBuffer b, int at, int len) {
        byte[] s = new byte[len];
        b.get(at, s);
        return new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The channel arrays of h: time along the longer dimension. */
    private static double[][] allocate(Header h) {
        int channels = h.timeDown() ? h.cols() : h.rows();
        int n = h.timeDown() ? h.rows() : h.cols();
        return Decode.arrays(channels, n);
    }

    /** An uncompressed matrix whose data start at byte {@code at} of the file. */
    static double[][] readPlain(FileChannel ch, String file, long at, Header h, ByteOrder order) {
        double[][] series = allocate(h);
        int width = h.width();
        long numel = h.numel();
        int perBlock = CHUNK / width;
        int blocks = Decode.count(numel, perBlock);
        Decode.blocks(blocks, numel, b -> {
            long i0 = (long) b * perBlock;
            int m = (int) Math.min(perBlock, numel - i0);
            ByteBuffer src;
            try {
                src = ch.map(FileChannel.MapMode.READ_ONLY, at + i0 * width, (long) m * width).order(order);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
            convert(src, h, i0, m, series, new Scratch());
        });
        return series;
    }

    /**
     * A matrix inside a {@code miCOMPRESSED} element whose compressed bytes are {@code [at, at + size)} of the
     * file: inflated chunk by chunk (the stream cannot be split), each chunk converted into the channel arrays.
     */
    static double[][] readCompressed(FileChannel ch, String file, long at, long size, Header h, ByteOrder order) {
        double[][] series = allocate(h);
        int width = h.width();
        Inflater inf = new Inflater();
        try {
            ByteBuffer in = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(1, size)));
            long[] read = { 0 };
            byte[] chunk = new byte[(int) Math.max(h.dataAt(), CHUNK - CHUNK % width)];
            inflate(inf, ch, file, at, size, read, in, chunk, (int) h.dataAt()); // the header again: skipped
            ByteBuffer view = ByteBuffer.wrap(chunk).order(order);
            Scratch scratch = new Scratch();
            long numel = h.numel();
            int per = (CHUNK - CHUNK % width) / width;
            for (long i0 = 0; i0 < numel; i0 += per) {
                int m = (int) Math.min(per, numel - i0);
                inflate(inf, ch, file, at, size, read, in, chunk, m * width);
                convert(view.slice(0, m * width).order(order), h, i0, m, series, scratch);
            }
            // the rest of the stream (normally only zlib's checksum): a corrupt stream that happened to inflate is
            // caught here by the Adler-32 check
            byte[] rest = new byte[8192];
            while (!inf.finished() && !inf.needsDictionary() && (!inf.needsInput() || read[0] < size)) {
                inflate(inf, ch, file, at, size, read, in, rest, 0);
                try {
                    inf.inflate(rest);
                } catch (DataFormatException e) {
                    throw new DataException(file + ": byte " + (at - 8) + ": corrupt zlib stream: " + e.getMessage(),
                            e);
                }
            }
            return series;
        } finally {
            inf.end();
        }
    }

    /** Inflates exactly {@code len} bytes into {@code out}, feeding compressed bytes from the file. */
    private static void inflate(Inflater inf, FileChannel ch, String file, long at, long size, long[] read,
            ByteBuffer in, byte[] out, int len) {
        int off = 0;
        try {
            if (len == 0 && inf.needsInput() && read[0] < size) { // only feeds the next input
                feed(inf, ch, file, at, size, read, in);
            }
            while (off < len) {
                if (inf.needsInput()) {
                    if (read[0] >= size) {
                        throw new DataException(file + ": byte " + (at - 8) + ": compressed variable ends before "
                                + "its data (truncated or corrupt zlib stream)");
                    }
                    feed(inf, ch, file, at, size, read, in);
                }
                int n = inf.inflate(out, off, len - off);
                off += n;
                if (n == 0 && (inf.finished() || inf.needsDictionary())) {
                    throw new DataException(file + ": byte " + (at - 8) + ": compressed variable ends before its "
                            + "data (" + off + " of " + len + " bytes of a chunk inflated)");
                }
            }
        } catch (DataFormatException e) {
            throw new DataException(file + ": byte " + (at - 8) + ": corrupt zlib stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the next compressed bytes of the element into {@code in} and hands them to the inflater. */
    private static void feed(Inflater inf, FileChannel ch, String file, long at, long size, long[] read,
            ByteBuffer in) throws IOException {
        in.clear();
        in.limit((int) Math.min(in.capacity(), size - read[0]));
        while (in.hasRemaining()) {
            if (ch.read(in, at + read[0] + in.position()) < 0) {
                throw new DataException(file + ": byte " + (at + read[0] + in.position()) + ": truncated");
            }
        }
        read[0] += in.limit();
        in.flip();
        inf.setInput(in);
    }

    /** Per-thread conversion arrays, grown on demand. */
    private static final class Scratch {
        double[] d = new double[0];
        float[] f = new float[0];
        short[] s = new short[0];
        int[] i = new int[0];
        byte[] b = new byte[0];
    }

    /**
     * Converts elements {@code i0 .. i0+m-1} (column-major linear indices) stored in {@code src} (from its
     * position 0, in the file's byte order) into the channel arrays.
     */
    private static void convert(ByteBuffer src, Header h, long i0, int m, double[][] series, Scratch s) {
        int rows = h.rows();
        boolean timeDown = h.timeDown();
        if (h.dataType() == 9 && timeDown) { // doubles, channels in columns: straight copies of column runs
            DoubleBuffer db = src.asDoubleBuffer();
            for (int k = 0; k < m;) {
                long i = i0 + k;
                int c = (int) (i / rows);
                int r = (int) (i % rows);
                int run = Math.min(rows - r, m - k);
                db.get(k, series[c], r, run);
                k += run;
            }
            return;
        }
        if (s.d.length < m) {
            s.d = new double[m];
        }
        double[] d = s.d;
        switch (h.dataType()) {
            case 9 -> src.asDoubleBuffer().get(0, d, 0, m);
            case 7 -> {
                FloatBuffer fb = src.asFloatBuffer();
                if (s.f.length < m) {
                    s.f = new float[m];
                }
                fb.get(0, s.f, 0, m);
                for (int k = 0; k < m; k++) {
                    d[k] = s.f[k];
                }
            }
            case 5, 6 -> {
                IntBuffer ib = src.asIntBuffer();
                if (s.i.length < m) {
                    s.i = new int[m];
                }
                ib.get(0, s.i, 0, m);
                if (h.dataType() == 6) {
                    for (int k = 0; k < m; k++) {
                        d[k] = Integer.toUnsignedLong(s.i[k]);
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        d[k] = s.i[k];
                    }
                }
            }
            case 3, 4 -> {
                ShortBuffer sb = src.asShortBuffer();
                if (s.s.length < m) {
                    s.s = new short[m];
                }
                sb.get(0, s.s, 0, m);
                if (h.dataType() == 4) {
                    for (int k = 0; k < m; k++) {
                        d[k] = s.s[k] & 0xffff;
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        d[k] = s.s[k];
                    }
                }
            }
            case 1, 2 -> {
                if (s.b.length < m) {
                    s.b = new byte[m];
                }
                src.get(0, s.b, 0, m);
                if (h.dataType() == 2) {
                    for (int k = 0; k < m; k++) {
                        d[k] = s.b[k] & 0xff;
                    }
                } else {
                    for (int k = 0; k < m; k++) {
                        d[k] = s.b[k];
                    }
                }
            }
            default -> throw new IllegalStateException("data type " + h.dataType());
        }
        for (int k = 0; k < m;) { // column runs of the column-major order
            long i = i0 + k;
            int c = (int) (i / rows);
            int r = (int) (i % rows);
            int run = Math.min(rows - r, m - k);
            if (timeDown) {
                System.arraycopy(d, k, series[c], r, run);
            } else {
                for (int j = 0; j < run; j++) {
                    series[r + j][c] = d[k + j];
                }
            }
            k += run;
        }
    }
}
