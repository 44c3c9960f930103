package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.myoflow.core.data.DataException;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;
import us.hebi.matlab.mat.types.Struct;

/**
 * MATLAB {@code .mat} files: level 5 (v5, v6 and the compressed v7) through MAT-File I/O (mfl-core), v7.3 (HDF5 with
 * a 512-byte MATLAB user block) through jHDF ({@link Hdf5Reader}). Variables become signals as
 * {@link ArraySignals} describes; 1 x 1 structs are walked ({@code s.field}) and their field names listed in the
 * metadata ({@code fields s}), shown by {@code myoflow inspect}. Before decoding, the top-level data elements of a
 * level-5 file are walked and each one's size checked against the file size, so a truncated or lying file is
 * refused with the byte offset of the element. Large real numeric matrices (at least {@link MatNumeric#MIN_ELEMENTS}
 * elements) are decoded by {@link MatNumeric} straight into the channel arrays, the rest by mfl-core from a copy of the
 * file without them; files with MATLAB objects (a subsystem offset in the header) are read by mfl-core alone.
 */
@Component(service = RecordingReader.class)
public final class MatReader implements RecordingReader {

    @Override
    public String formatId() {
        return "mat";
    }

    @Override
    public String description() {
        return "MATLAB MAT-file v5/v6/v7 and v7.3 (HDF5)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".mat");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return head.length >= 128 && new String(head, 0, 6, StandardCharsets.US_ASCII).equals("MATLAB");
    }

    @Override
    public Recording read(Path file) {
        String name = file.toString();
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(128);
            size = Files.size(file);
        } catch (IOException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        }
        if (head.length < 128) {
            throw new DataException(name + ": byte " + head.length + ": truncated: a MAT-file header has 128 bytes");
        }
        String text = new String(head, 0, 116, StandardCharsets.US_ASCII).strip();
        if (text.startsWith("MATLAB 7.3")) {
            return Hdf5Reader.read(file, "mat", text);
        }
        String endian = new String(head, 126, 2, StandardCharsets.US_ASCII);
        ByteOrder order;
        if (endian.equals("IM")) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (endian.equals("MI")) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new DataException(name + ": byte 126 (endian indicator): expected 'IM' or 'MI', found '" + endian
                    + "' (not a level 5 MAT-file; MATLAB v4 files are not read)");
        }
        List<long[]> elements = checkElements(file, size, order);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("header", text);
        List<String> warnings = new ArrayList<>();
        ArraySignals arrays = new ArraySignals();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // large real numeric matrices by hand (MatNumeric says why), in file order with mfl-core's entries
            List<MatNumeric.Header> headers = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Set<String> fast = new HashSet<>();
            boolean known = true;
            for (long[] e : elements) {
                MatNumeric.Header h = peek(ch, name, e, order);
                headers.add(h);
                known &= h != null && names.add(h.name());
                if (h != null && h.dataType() != 0 && !h.name().isEmpty()
                        && MatNumeric.fits(h, e[1] == 15, e[2])) {
                    fast.add(h.name());
                }
            }
            boolean subsystem = false; // MATLAB objects: mfl-core needs the file as it is
            for (int i = 116; i < 124; i++) {
                subsystem |= head[i] != 0 && head[i] != ' ';
            }
            if (!known || subsystem) {
                fast.clear(); // a header that does not parse, or a repeated name: mfl-core reads everything
            }
            List<MatFile.Entry> entries = new ArrayList<>();
            try (Source src = fast.isEmpty() ? Sources.openFile(file.toFile())
                    : Sources.wrap(without(name, ch, head, elements, headers, fast, size));
                    Mat5File mat = Mat5.newReader(src).readMat()) {
                mat.getEntries().forEach(entries::add);
                int next = 0;
                for (int k = 0; k < elements.size(); k++) {
                    MatNumeric.Header h = headers.get(k);
                    long[] e = elements.get(k);
                    if (h != null && fast.contains(h.name())) {
                        double[][] series = e[1] == 15
                                ? MatNumeric.readCompressed(ch, name, e[0] + 8, e[2], h, order)
                                : MatNumeric.readPlain(ch, name, e[0] + h.dataAt(), h, order);
                        arrays.array(new ArraySignals.Var(h.name(), "", h.rows(), h.cols(), null, false, series));
                    } else if (h != null && next < entries.size() && entries.get(next).getName().equals(h.name())) {
                        collect(h.name(), entries.get(next).getValue(), arrays, meta, warnings);
                        next++;
                    } else if (h == null && next < entries.size()) {
                        MatFile.Entry x = entries.get(next++);
                        collect(x.getName(), x.getValue(), arrays, meta, warnings);
                    }
                }
                for (; next < entries.size(); next++) {
                    collect(entries.get(next).getName(), entries.get(next).getValue(), arrays, meta, warnings);
                }
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(name + ": not a readable MAT-file: " + e, e);
        } catch (OutOfMemoryError e) {
            throw new DataException(name + ": a variable is larger than the memory available", e);
        }
        List<RecordingSignal> signals = arrays.signals(warnings, meta);
        return new Recording(file, formatId(), "MATLAB", meta, signals, List.of(), warnings);
    }

    /**
     * Walks the top-level data elements: tag (type, size) then size bytes, padded to 8 bytes; returns each one's
     * offset, type and size.
     */
    private static List<long[]> checkElements(Path file, long size, ByteOrder order) {
        List<long[]> out = new ArrayList<>();
        try (var ch = Files.newByteChannel(file)) {
            long p = 128;
            ByteBuffer tag = ByteBuffer.allocate(8).order(order);
            while (p < size) {
                if (size - p < 8) {
                    throw new DataException(file + ": byte " + p + ": truncated data element tag (" + (size - p)
                            + " bytes left)");
                }
                tag.clear();
                ch.position(p);
                while (tag.hasRemaining() && ch.read(tag) > 0) {
                    // fill
                }
                tag.flip();
                int type = tag.getInt();
                long n = Integer.toUnsignedLong(tag.getInt());
                if ((type & 0xffff0000) != 0) {
                    throw new DataException(file + ": byte " + p + ": a top-level data element cannot be in the "
                            + "small format (type word 0x" + Integer.toHexString(type) + ")");
                }
                if (type != 14 && type != 15) {
                    throw new DataException(file + ": byte " + p + ": top-level data element of type " + type
                            + " (expected 14 miMATRIX or 15 miCOMPRESSED)");
                }
                long end = p + 8 + n;
                if (end > size) {
                    throw new DataException(file + ": byte " + p + ": truncated: the element states " + n
                            + " bytes, the file has " + (size - p - 8) + " after its tag");
                }
                out.add(new long[] { p, type, n });
                p = type == 15 ? end : end + ((8 - (n % 8)) % 8);
            }
            return out;
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file without the elements read by hand: the 128-byte header and every other element's bytes, for
     * mfl-core (which would otherwise read through the large ones).
     */
    private static ByteBuffer without(String file, FileChannel ch, byte[] head, List<long[]> elements,
            List<MatNumeric.Header> headers, Set<String> fast, long size) throws IOException {
        long total = head.length;
        List<long[]> keep = new ArrayList<>();
        for (int k = 0; k < elements.size(); k++) {
            long[] e = elements.get(k);
            if (!fast.contains(headers.get(k).name())) {
                long len = 8 + e[2];
                if (e[1] == 14) {
                    len = Math.min(len + (8 - len % 8) % 8, size - e[0]);
                }
                keep.add(new long[] { e[0], len });
                total += len;
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new DataException(file + ": the variables other than large numeric arrays exceed 2 GB");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total);
        b.put(head);
        for (long[] k : keep) {
            ByteBuffer part = b.slice(b.position(), (int) k[1]);
            while (part.hasRemaining() && ch.read(part, k[0] + part.position()) >= 0) {
                // fill (the sizes were checked against the file)
            }
            b.position(b.position() + (int) k[1]);
        }
        return b.flip();
    }

    /** The header of a top-level element: read (miMATRIX) or inflated (miCOMPRESSED) from its first bytes. */
    private static MatNumeric.Header peek(FileChannel ch, String file, long[] e, ByteOrder order) throws IOException {
        int want = 4096;
        ByteBuffer head;
        if (e[1] == 14) {
            head = ByteBuffer.allocate((int) Math.min(want, e[2] + 8));
            while (head.hasRemaining() && ch.read(head, e[0] + head.position()) > 0) {
                // fill
            }
            head.flip();
        } else {
            ByteBuffer in = ByteBuffer.allocate((int) Math.min(1 << 16, e[2]));
            while (in.hasRemaining() && ch.read(in, e[0] + 8 + in.position()) > 0) {
                // fill
            }
            in.flip();
            Inflater inf = new Inflater();
            byte[] out = new byte[want];
            int got = 0;
            try {
                inf.setInput(in);
                while (got < want) {
                    int n = inf.inflate(out, got, want - got);
                    got += n;
                    if (n == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                }
            } catch (DataFormatException x) {
                return null; // mfl-core reads it and reports the problem
            } finally {
                inf.end();
            }
            head = ByteBuffer.wrap(out, 0, got).slice();
        }
        return MatNumeric.header(head.order(order));
    }

    private static void collect(String path, Array a, ArraySignals arrays, Map<String, String> meta,
            List<String> warnings) {
        if (a instanceof Struct s) {
            if (s.getNumElements() != 1) {
                warnings.add("'" + path + "': struct array of " + s.getNumElements() + " elements skipped");
                meta.put("fields " + path, String.join(", ", s.getFieldNames()));
                return;
            }
            meta.put("fields " + path, String.join(", ", s.getFieldNames()));
            for (String f : s.getFieldNames()) {
                collect(path + "." + f, s.get(f), arrays, meta, warnings);
            }
        } else if (a instanceof Char c) {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < c.getNumRows(); r++) {
                rows.add(c.getRow(r).strip());
            }
            arrays.strings(path, c.getNumRows() == 1 ? List.of(c.getString().strip()) : rows);
        } else if (a instanceof Cell c) {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < c.getNumElements(); i++) {
                Array x = c.get(i);
                if (!(x instanceof Char ch)) {
                    warnings.add("'" + path + "': cell array of other than strings skipped");
                    return;
                }
                s.add(ch.getString().strip());
            }
            arrays.strings(path, s);
        } else if (a instanceof Matrix m) {
            if (m.isComplex() || m.getNumDimensions() > 2) {
                warnings.add("'" + path + "': " + (m.isComplex() ? "complex" : m.getNumDimensions() + "-D")
                        + " array skipped");
                return;
            }
            int rows = m.getNumRows();
            int cols = m.getNumCols();
            if (rows * (long) cols == 1) {
                arrays.scalar(path, m.getDouble(0));
            } else if (rows * (long) cols >= 2) {
                double[] d = new double[rows * cols];
                for (int i = 0; i < d.length; i++) {
                    d[i] = m.getDouble(i); // column-major linear index
                }
                arrays.array(new ArraySignals.Var(path, ArraySignals.parentOf(path), rows, cols, d, false));
            }
        } else if (a != null) {
            warnings.add("'" + path + "': " + a.getType() + " skipped");
        }
    }
}
