package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.MatFiles;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.internal.ReadRecordingStep;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * MATLAB .mat (v5/v7 written here with mfl-core; v7.3 as a jHDF-written HDF5 file behind a MATLAB user block) and
 * plain HDF5 (written with jHDF): variables become signals with the rate from a variable, an attribute or a time
 * vector; damaged files are refused with a DataException.
 */
class MatHdf5Test {

    @TempDir
    Path dir;

    private static Signal emg() {
        Random r = new Random(3);
        Signal.Builder b = Signal.builder(2048).quantity("emg");
        for (String l : List.of("Biceps", "Triceps", "Deltoid")) {
            double[] d = new double[3000];
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextGaussian();
            }
            b.channel(l, "mV", d);
        }
        return b.build();
    }

    @Test
    void matWriterRoundTripIsExact() {
        Signal s = emg();
        Path f = dir.resolve("emg.mat");
        MatFiles.write(s, f);
        Recording r = Recordings.read(f);
        assertEquals("mat", r.formatId());
        RecordingSignal g = r.signal("data").orElseThrow();
        assertEquals(2048.0, g.samplingRate());
        assertEquals(List.of("Biceps", "Triceps", "Deltoid"), g.labels());
        assertEquals(List.of("mV", "mV", "mV"), g.units());
        assertEquals(3000, g.sampleCount());
        for (int c = 0; c < 3; c++) {
            assertTrue(Arrays.equals(s.channel(c), g.data()[c]));
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void structFieldsTimeVectorsAndTheRateParameter() throws IOException {
        Struct trial = Mat5.newStruct();
        Matrix emg = Mat5.newMatrix(2, 1000); // channels x samples: the longer dimension is time
        for (int i = 0; i < 1000; i++) {
            emg.setDouble(0, i, i);
            emg.setDouble(1, i, -i);
        }
        trial.set("emg", emg);
        trial.set("fs", Mat5.newScalar(1000));
        Matrix force = Mat5.newMatrix(500, 1);
        Matrix time = Mat5.newMatrix(1, 500);
        Matrix raw = Mat5.newMatrix(300, 1);
        for (int i = 0; i < 500; i++) {
            force.setDouble(i, 0, 2 * i);
            time.setDouble(0, i, 1.5 + i * 0.01);
        }
        Mat5File mat = Mat5.newMatFile();
        mat.addArray("trial", trial);
        mat.addArray("force", force);
        mat.addArray("time", time);
        mat.addArray("raw", raw);
        Path f = dir.resolve("trial.mat");
        Mat5.writeToFile(mat, f.toFile());
        Recording r = Recordings.read(f);
        assertEquals("emg, fs", r.metadata().get("fields trial"));
        RecordingSignal e = r.signal("trial.emg").orElseThrow();
        assertEquals(1000.0, e.samplingRate());
        assertEquals(List.of("emg_1", "emg_2"), e.labels());
        assertEquals(ChannelKind.EMG, e.kinds().get(0));
        assertEquals(-999.0, e.data()[1][999]);
        RecordingSignal fo = r.signal("force").orElseThrow();
        assertEquals(100.0, fo.samplingRate(), 1e-9);
        assertEquals(1.5, fo.startTime(), 1e-12);
        assertTrue(r.signal("time").isEmpty());
        RecordingSignal rw = r.signal("raw").orElseThrow();
        assertEquals(1.0, rw.samplingRate());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'raw': no sampling rate")), r.warnings()
                .toString());
        Signal stated = (Signal) assertDoesNotThrowRun(f);
        assertEquals(250.0, stated.samplingRate());
    }

    private static Object assertDoesNotThrowRun(Path f) {
        try {
            return StepHarness.of(new ReadRecordingStep()).param("file", f.toString()).param("signal", "raw")
                    .param("samplingRate", 250.0).run().get("signal");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void damagedMatFiles() throws IOException {
        Path f = dir.resolve("ok.mat");
        MatFiles.write(emg(), f);
        byte[] b = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.mat");
        Files.write(cut, Arrays.copyOf(b, b.length - 50));
        DataException e = assertThrows(DataException.class, () -> Recordings.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": byte "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] lie = b.clone();
        ByteBuffer.wrap(lie).order(ByteOrder.LITTLE_ENDIAN).putInt(132, 0x7fffffff);
        Path l = dir.resolve("lie.mat");
        Files.write(l, lie);
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(l)).getMessage().contains("2147483647"));
        byte[] endian = b.clone();
        endian[126] = 'X';
        Path en = dir.resolve("endian.mat");
        Files.write(en, endian);
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(en)).getMessage().contains("byte 126"));
        Random r = new Random(1);
        for (int k = 0; k < 100; k++) {
            byte[] c = b.clone();
            for (int j = 0; j < 3; j++) {
                c[128 + r.nextInt(Math.min(400, c.length - 128))] = (byte) r.nextInt(256);
            }
            Path p = dir.resolve("r" + k + ".mat");
            Files.write(p, c);
            try {
                Recordings.read(p);
            } catch (DataException x) {
                assertTrue(x.getMessage().startsWith(p.toString()), x.getMessage());
            }
        }
    }

    private static Path hdf5(Path f) {
        double[][] emg = new double[2000][3];
        for (int i = 0; i < 2000; i++) {
            for (int c = 0; c < 3; c++) {
                emg[i][c] = i * (c + 1);
            }
        }
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup g = w.putGroup("trial");
            g.putDataset("emg", emg);
            g.putAttribute("SamplingFrequency", 2000.0);
            w.putDataset("force", new double[] { 1, 2, 3, 4 });
        }
        return f;
    }

    @Test
    void plainHdf5DatasetsAndGroupAttributes() {
        Path f = hdf5(dir.resolve("x.h5"));
        Recording r = Recordings.read(f);
        assertEquals("hdf5", r.formatId());
        RecordingSignal e = r.signal("/trial/emg").orElseThrow();
        assertEquals(2000.0, e.samplingRate());
        assertEquals(3, e.channelCount());
        assertEquals(2000, e.sampleCount());
        assertEquals(1999.0 * 3, e.data()[2][1999]);
        assertEquals("emg", r.metadata().get("fields /trial"));
        assertEquals(4, r.signal("/force").orElseThrow().sampleCount());
    }

    @Test
    void matlab73IsHdf5BehindAUserBlock() throws IOException {
        byte[] h5 = Files.readAllBytes(hdf5(dir.resolve("y.h5")));
        byte[] block = new byte[512];
        Arrays.fill(block, (byte) ' ');
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Sun Dec  6 12:00:00 2026 HDF5 schema 1.00 ."
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, block, 0, text.length);
        block[124] = 0;
        block[125] = 2;
        block[126] = 'I';
        block[127] = 'M';
        byte[] all = new byte[512 + h5.length];
        System.arraycopy(block, 0, all, 0, 512);
        System.arraycopy(h5, 0, all, 512, h5.length);
        // MATLAB's HDF5 library sets the superblock's base address to the user block size: patch it (superblock
        // version 2/3, 8-byte addresses: base address at byte 12, the Jenkins lookup3 checksum of bytes 0..43 at 44)
        assertEquals(2, h5[8] & 0xfe, "superblock version 2 or 3 expected");
        ByteBuffer sb = ByteBuffer.wrap(all, 512, 48).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(sb.getInt(512 + 44), lookup3(all, 512, 44, 0), "checksum implementation");
        sb.putLong(512 + 12, 512);
        sb.putInt(512 + 44, lookup3(all, 512, 44, 0));
        Path f = dir.resolve("v73.mat");
        Files.write(f, all);
        Recording r = Recordings.read(f);
        assertEquals("mat", r.formatId());
        assertTrue(r.metadata().get("header").startsWith("MATLAB 7.3"));
        assertEquals(2000.0, r.signal("/trial/emg").orElseThrow().samplingRate());
        // garbage after the user block
        byte[] bad = all.clone();
        Arrays.fill(bad, 520, 600, (byte) 7);
        Path g = dir.resolve("bad73.mat");
        Files.write(g, bad);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(g));
        assertTrue(e.getMessage().startsWith(g.toString()), e.getMessage());
    }

    /** Bob Jenkins' lookup3 hashlittle with initial value 0, as HDF5 checksums metadata. */
    static int lookup3(byte[] k, int off, int length, int init) {
        int a = 0xdeadbeef + length + init;
        int b = a;
        int c = a;
        int i = off;
        while (length > 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            length -= 12;
            i += 12;
        }
        if (length == 0) {
            return c;
        }
        int[] tail = new int[12];
        for (int j = 0; j < length; j++) {
            tail[j] = k[i + j] & 0xff;
        }
        a += tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24;
        b += tail[4] | tail[5] << 8 | tail[6] << 16 | tail[7] << 24;
        c += tail[8] | tail[9] << 8 | tail[10] << 16 | tail[11] << 24;
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
