package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import us.hebi.matlab.mat.types.Struct;

/**
 * MATLAB {@code .mat} files: level 5 (v5, v6 and the compressed v7) through MAT-File I/O (mfl-core), v7.3 (HDF5 with
 * a 512-byte MATLAB user block) through jHDF ({@link Hdf5Reader}). Variables become signals as
 * {@link ArraySignals} describes; 1 x 1 structs are walked ({@code s.field}) and their field names listed in the
 * metadata ({@code fields s}), shown by {@code myoflow inspect}. Before decoding, the top-level data elements of a
 * level-5 file are walked and each one's size checked against the file size, so a truncated or lying file is
 * refused with the byte offset of the element.
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
        checkElements(file, size, order);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("header", text);
        List<String> warnings = new ArrayList<>();
        ArraySignals arrays = new ArraySignals();
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            for (MatFile.Entry e : mat.getEntries()) {
                collect(e.getName(), e.getValue(), arrays, meta, warnings);
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

    /** Walks the top-level data elements: tag (type, size) then size bytes, padded to 8 bytes. */
    private static void checkElements(Path file, long size, ByteOrder order) {
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
                p = type == 15 ? end : end + ((8 - (n % 8)) % 8);
            }
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
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
