package org.myoflow.io.internal.readers;

import java.lang.reflect.Array;
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

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * HDF5 files ({@code .h5}, {@code .hdf5}, {@code .hdf}) and MATLAB v7.3 MAT-files through jHDF. Every numeric
 * dataset of one or two dimensions becomes a signal named by its path ({@code /emg/raw}); the rate is a scalar
 * dataset or an attribute (of the dataset or its group) named like a rate, or a time vector beside it
 * ({@link ArraySignals}). Groups' member names are listed in the metadata ({@code fields /group}). MATLAB v7.3
 * stores a matrix transposed (HDF5 is row-major); the longer dimension is time either way. Datasets larger than
 * half the memory available are refused before reading.
 */
@Component(service = RecordingReader.class)
public final class Hdf5Reader implements RecordingReader {

    private static final byte[] MAGIC = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

    @Override
    public String formatId() {
        return "hdf5";
    }

    @Override
    public String description() {
        return "HDF5 (.h5, .hdf5)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".h5", ".hdf5", ".hdf");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        // the superblock is at 0, 512, 1024, 2048, ...
        for (int off = 0; off + 8 <= head.length; off = off == 0 ? 512 : off * 2) {
            boolean ok = true;
            for (int i = 0; i < 8 && ok; i++) {
                ok = head[off + i] == MAGIC[i];
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Recording read(Path file) {
        return read(file, formatId(), "");
    }

    static Recording read(Path file, String formatId, String header) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new DataException(name + ": file not found");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (!header.isEmpty()) {
            meta.put("header", header);
        }
        List<String> warnings = new ArrayList<>();
        ArraySignals arrays = new ArraySignals();
        checkSuperblock(file, name);
        try (HdfFile h = new HdfFile(file)) {
            walk(h, arrays, meta, warnings, name, Runtime.getRuntime().maxMemory() / 2);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(name + ": not a readable HDF5 file: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new DataException(name + ": a dataset is larger than the memory available", e);
        }
        List<RecordingSignal> signals = arrays.signals(warnings, meta);
        return new Recording(file, formatId, formatId.equals("mat") ? "MATLAB" : "", meta, signals, List.of(),
                warnings);
    }

    /**
     * Checks the superblock before jHDF reads it, so that a malformed or truncated file is refused with a byte
     * offset: the signature (at byte 0, 512, 1024, 2048, ...), the version (0 to 3), the size of offsets and lengths
     * (2, 4 or 8) and the end-of-file address against the file's size.
     */
    static void checkSuperblock(Path file, String name) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            long at = -1;
            java.nio.ByteBuffer sig = java.nio.ByteBuffer.allocate(8);
            for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
                sig.clear();
                ch.read(sig, off);
                if (java.util.Arrays.equals(sig.array(), MAGIC)) {
                    at = off;
                    break;
                }
            }
            if (at < 0) {
                throw new DataException(name + ": byte 0: no HDF5 superblock signature at byte 0, 512, 1024, 2048, "
                        + "... (" + size + " bytes)");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(96).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, at);
            int got = b.position();
            int version = got > 8 ? b.get(8) & 0xff : -1;
            if (version < 0 || version > 3) {
                throw new DataException(name + ": byte " + (at + 8) + " (superblock version): "
                        + (version < 0 ? "truncated superblock" : "unknown version " + version + " (0 to 3)"));
            }
            int offsetsAt = version <= 1 ? 13 : 9;
            int sizeOfOffsets = got > offsetsAt ? b.get(offsetsAt) & 0xff : -1;
            int sizeOfLengths = got > offsetsAt + 1 ? b.get(offsetsAt + 1) & 0xff : -1;
            for (int[] f : new int[][] { { offsetsAt, sizeOfOffsets }, { offsetsAt + 1, sizeOfLengths } }) {
                if (f[1] != 2 && f[1] != 4 && f[1] != 8) {
                    throw new DataException(name + ": byte " + (at + f[0]) + " (superblock size of "
                            + (f[0] == offsetsAt ? "offsets" : "lengths") + "): " + (f[1] < 0 ? "truncated superblock"
                                    : f[1] + ", expected 2, 4 or 8"));
                }
            }
            // base address, then (v0/v1: free-space address; v2/v3: superblock extension address), then end of file
            int addresses = version == 0 ? 24 : version == 1 ? 28 : 12;
            int eofAt = addresses + 2 * sizeOfOffsets;
            if (got < eofAt + sizeOfOffsets) {
                throw new DataException(name + ": byte " + (at + got) + ": truncated superblock (" + (size - at)
                        + " bytes from the signature at byte " + at + ")");
            }
            long eof = 0;
            for (int i = sizeOfOffsets - 1; i >= 0; i--) {
                eof = (eof << 8) | (b.get(eofAt + i) & 0xff);
            }
            boolean undefined = sizeOfOffsets == 8 ? eof == -1L : eof == (1L << (8 * sizeOfOffsets)) - 1;
            if (!undefined && Long.compareUnsigned(eof, size) > 0) {
                throw new DataException(name + ": byte " + (at + eofAt) + " (superblock end-of-file address): the "
                        + "file should be " + Long.toUnsignedString(eof) + " bytes long, it has " + size
                        + " (truncated)");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(name + ": file not found");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    private static String path(Node n) {
        String p = n.getPath();
        if (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    private static void walk(Group g, ArraySignals arrays, Map<String, String> meta, List<String> warnings,
            String file, long budget) {
        String gp = g instanceof HdfFile ? "" : path(g);
        List<String> members = new ArrayList<>(g.getChildren().keySet());
        if (!members.isEmpty() && !gp.isEmpty()) {
            meta.put("fields " + gp, String.join(", ", members));
        }
        for (Map.Entry<String, Attribute> a : g.getAttributes().entrySet()) {
            Double v = scalar(a.getValue().getData());
            if (v != null) {
                arrays.scalar(gp + "/" + a.getKey(), v);
            }
        }
        for (Node n : g.getChildren().values()) {
            if (n.getName().equals("#refs#") || n.getName().equals("#subsystem#")) {
                continue; // MATLAB v7.3 internals
            }
            if (n instanceof Group sub) {
                walk(sub, arrays, meta, warnings, file, budget);
            } else if (n instanceof Dataset d) {
                dataset(d, arrays, warnings, file, budget);
            }
        }
    }

    private static void dataset(Dataset d, ArraySignals arrays, List<String> warnings, String file, long budget) {
        String p = path(d);
        Attribute cls = d.getAttribute("MATLAB_class");
        String matlabClass = cls == null ? "" : String.valueOf(cls.getData());
        Class<?> t = d.getJavaType();
        if (matlabClass.equals("char") && d.getDimensions().length <= 2) {
            Object flat = d.getDataFlat();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Array.getLength(flat); i++) {
                b.append((char) ((Number) Array.get(flat, i)).intValue());
            }
            arrays.strings(p, List.of(b.toString().strip()));
            return;
        }
        if (t == String.class) {
            Object flat = d.getDataFlat();
            List<String> s = new ArrayList<>();
            for (int i = 0; i < Array.getLength(flat); i++) {
                s.add(String.valueOf(Array.get(flat, i)).strip());
            }
            arrays.strings(p, s);
            return;
        }
        if (!(t.isPrimitive() && t != boolean.class && t != char.class) && !Number.class.isAssignableFrom(t)) {
            warnings.add("'" + p + "': dataset of " + t.getSimpleName() + " skipped");
            return;
        }
        int[] dims = d.getDimensions();
        if (dims.length > 2) {
            warnings.add("'" + p + "': " + dims.length + "-D dataset skipped");
            return;
        }
        long n = d.getSize();
        if (n * 8 > budget) {
            throw new DataException(file + ": dataset '" + p + "' of " + n + " values needs more than half the "
                    + "memory available");
        }
        for (Map.Entry<String, Attribute> a : d.getAttributes().entrySet()) {
            Double v = scalar(a.getValue().getData());
            if (v != null) {
                arrays.scalar(ArraySignals.parentOf(p) + "/" + a.getKey(), v);
            }
        }
        Object flat = d.isScalar() ? null : d.getDataFlat();
        if (d.isScalar() || n == 1) {
            Double v = scalar(d.getData());
            if (v == null && flat != null && Array.getLength(flat) == 1) {
                v = ((Number) Array.get(flat, 0)).doubleValue();
            }
            if (v != null) {
                arrays.scalar(p, v);
            }
            return;
        }
        double[] v = new double[Array.getLength(flat)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) Array.get(flat, i)).doubleValue();
        }
        int rows = dims.length == 1 ? dims[0] : dims[0];
        int cols = dims.length == 1 ? 1 : dims[1];
        arrays.array(new ArraySignals.Var(p, ArraySignals.parentOf(p), rows, cols, v, true));
    }

    private static Double scalar(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o != null && o.getClass().isArray() && Array.getLength(o) == 1) {
            Object x = Array.get(o, 0);
            return x instanceof Number n ? n.doubleValue() : null;
        }
        return null;
    }
}
