package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.io.Npy;
import org.myoflow.io.Recordings;

/**
 * A header field of each binary format that states a length beyond the file, or a wrong magic/version, is refused
 * with a {@link DataException} that names the file, the byte offset of the field and the reason, before anything of
 * the stated size is allocated.
 */
class MalformedHeaderOffsetTest {

    @TempDir
    Path dir;

    private final ReaderFuzzTest fuzz = new ReaderFuzzTest();

    private byte[] seed(String format) throws IOException {
        fuzz.dir = dir;
        return fuzz.seeds(format).get(0);
    }

    private DataException refuse(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        DataException e = assertThrows(DataException.class,
                () -> {
                    if (name.endsWith(".npy")) {
                        Npy.read(p);
                    } else {
                        Recordings.read(p);
                    }
                });
        assertTrue(e.getMessage().startsWith(p + ": byte "), e.getMessage());
        return e;
    }

    private static void put(byte[] b, int off, String s) {
        byte[] x = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(x, 0, b, off, x.length);
    }

    @Test
    void c3dFrameRangeBeyondTheFile() throws IOException {
        byte[] b = seed("c3d");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0xfff0);
        DataException e = refuse("frames.c3d", b);
        assertTrue(e.getMessage().contains("the file has " + b.length + " bytes"), e.getMessage());
    }

    @Test
    void edfAndBdfRecordCountBeyondTheFile() throws IOException {
        for (String f : List.of("edf", "bdf")) {
            byte[] b = seed(f);
            put(b, 236, "99999999");
            DataException e = refuse("records." + f, b);
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("99999999"), e.getMessage());
            byte[] c = seed(f);
            put(c, 184, "9999    "); // header bytes inconsistent with the signal count
            e = refuse("header." + f, c);
            assertTrue(e.getMessage().contains("byte 184 (number of bytes in header)"), e.getMessage());
        }
    }

    /**
     * Found by Jazzer (data/fuzz/bdf): 0 data records, a signal with 99999999 samples per record; the reader
     * allocated one data record's buffer (hundreds of MB) before it knew there was nothing to read.
     */
    @Test
    void bdfWithZeroRecordsAllocatesNoRecordBuffer() throws IOException {
        Path p = dir.resolve("zero.bdf");
        Files.copy(Path.of("data", "fuzz", "bdf", "crash-f0f7cb31cab2af7e3784aacb76ebb6d198291fcf"), p);
        org.myoflow.io.Recording r = Recordings.read(p);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("after the last of 0 data records")),
                r.warnings().toString());
        assertTrue(r.signals().stream().allMatch(s -> s.sampleCount() == 0), r.signals().toString());
    }

    @Test
    void otbTarEntrySizeBeyondTheFile() throws IOException {
        byte[] b = seed("otb");
        put(b, 124, "77777777777"); // abstract.xml claims 8 GiB
        DataException e = refuse("size.otb+", b);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void matElementSizeBeyondTheFile() throws IOException {
        byte[] b = seed("mat");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(132, 0x7ffffff0);
        DataException e = refuse("size.mat", b);
        assertTrue(e.getMessage().startsWith(dir.resolve("size.mat") + ": byte 128: truncated"), e.getMessage());
        byte[] c = seed("mat");
        c[126] = 'X';
        refuse("endian.mat", c);
    }

    @Test
    void hdf5SuperblockFields() throws IOException {
        byte[] b = seed("hdf5");
        byte[] cut = Arrays.copyOf(b, b.length - 100);
        DataException e = refuse("cut.h5", cut);
        assertTrue(e.getMessage().contains("end-of-file address") && e.getMessage().contains("truncated"),
                e.getMessage());
        byte[] v = b.clone();
        v[8] = 9;
        e = refuse("version.h5", v);
        assertTrue(e.getMessage().contains("byte 8 (superblock version)"), e.getMessage());
        byte[] o = b.clone();
        o[b[8] <= 1 ? 13 : 9] = 3;
        e = refuse("offsets.h5", o);
        assertTrue(e.getMessage().contains("size of offsets"), e.getMessage());
    }

    @Test
    void npyHeaderLengthBeyondTheFile() throws IOException {
        byte[] b = seed("npy");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0x7fff);
        DataException e = refuse("header.npy", b);
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void randomBytesWithAValidMagicAreRefused() throws IOException {
        Random rnd = new Random(5);
        byte[] junk = new byte[4096];
        rnd.nextBytes(junk);
        byte[] h = junk.clone();
        System.arraycopy(new byte[] { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' }, 0, h, 0, 8);
        h[8] = 2;
        h[9] = 8;
        h[10] = 8;
        refuse("junk.h5", h);
    }
}
