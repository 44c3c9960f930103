package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.io.OpenSimStorage;
import org.myoflow.io.Recording;
import org.myoflow.io.Recordings;

/** Malformed recordings are refused with a DataException naming file and byte offset or line; never a crash. */
class RecordingRobustnessTest {

    @TempDir
    Path dir;

    private Path c3d(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static byte[] walk() throws IOException {
        return Files.readAllBytes(RecordingReadersTest.real("c3dio/sample_02/pc_int.c3d"));
    }

    @Test
    void truncatedC3dNamesTheByteOffset() throws IOException {
        byte[] b = walk();
        Path p = c3d("cut.c3d", Arrays.copyOf(b, b.length - 3000));
        DataException e = assertThrows(DataException.class, () -> Recordings.read(p));
        assertTrue(e.getMessage().startsWith(p + ": byte "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void lyingFrameCountIsCheckedBeforeAllocating() throws IOException {
        byte[] b = walk();
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(8, (short) 0xfffe); // last frame 65534: 65534 frames of 544 bytes claimed
        Path p = c3d("lies.c3d", b);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(p));
        assertTrue(e.getMessage().contains("65534 frames"), e.getMessage());
        assertTrue(e.getMessage().contains("the file has " + b.length + " bytes"), e.getMessage());
    }

    @Test
    void headerOnlyAndGarbage() throws IOException {
        Path tiny = c3d("tiny.c3d", new byte[] { 2, 0x50, 0, 0 });
        DataException e = assertThrows(DataException.class, () -> Recordings.read(tiny));
        assertTrue(e.getMessage().contains("512-byte header"), e.getMessage());
        Path text = c3d("text.c3d", "hello, this is not c3d".getBytes());
        e = assertThrows(DataException.class, () -> Recordings.read(text));
        assertTrue(e.getMessage().contains("not C3D"), e.getMessage());
        byte[] b = walk();
        b[512 + 3] = 99; // processor type
        Path proc = c3d("proc.c3d", b);
        e = assertThrows(DataException.class, () -> Recordings.read(proc));
        assertTrue(e.getMessage().contains("byte 515: unknown processor type 99"), e.getMessage());
    }

    /** Random byte damage anywhere: a clean result or a DataException, nothing else. */
    @Test
    void randomDamageNeverCrashes() throws IOException {
        byte[] orig = walk();
        Random rnd = new Random(15);
        for (int k = 0; k < 200; k++) {
            byte[] b = orig.clone();
            for (int j = 0; j < 4; j++) {
                int at = k < 100 ? rnd.nextInt(512 * 13) : rnd.nextInt(b.length);
                b[at] = (byte) rnd.nextInt(256);
            }
            Path p = c3d("damaged" + k + ".c3d", b);
            try {
                Recordings.read(p);
            } catch (DataException e) {
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            }
        }
    }

    @Test
    void textReadersNameTheLine() throws IOException {
        Path trc = Fixtures.write(dir, "m.trc", "PathFileType\t4\t(X/Y/Z)\tm.trc\nDataRate\tCameraRate\tNumFrames\t"
                + "NumMarkers\tUnits\n100\t100\t2\t1\tmm\nFrame#\tTime\tA\t\t\n\t\tX1\tY1\tZ1\n1\t0\t1\t2\t3\n"
                + "2\t0.01\t1\tx\t3\n");
        DataException e = assertThrows(DataException.class, () -> Recordings.read(trc));
        assertTrue(e.getMessage().startsWith(trc + ":7: 'x' is not a number"), e.getMessage());
        Path delsys = Fixtures.write(dir, "d.csv", "Label: S1: EMG 1 Sampling frequency: 1000 Number of points: 2 "
                + "start: 0 Unit: V Domain Unit: s\n\nX[s],\"S1: EMG 1\"\n0,0.5\n0.001,abc\n");
        e = assertThrows(DataException.class, () -> Recordings.read(delsys));
        assertTrue(e.getMessage().startsWith(delsys + ":5:"), e.getMessage());
        Path vicon = Fixtures.write(dir, "v.csv", "Devices\n1000\n,,Dev - A\nFrame,Sub Frame,EMG1\n,,V\n1,0,0.1\n1,1\n"
                + "1,2,0.2,9\n");
        e = assertThrows(DataException.class, () -> Recordings.read(vicon));
        assertTrue(e.getMessage().startsWith(vicon + ":8: row has 4 cells"), e.getMessage());
    }

    @Test
    void openSimToleratesWhatOpenSimTolerates() throws IOException {
        // empty first line (no table name), header counts that disagree, trailing commas, comma-only lines
        Path f = Fixtures.write(dir, "emg.sto", "\nversion=1,,\nnRows=5,,\nnColumns=9,,\nendheader,,\n,,\n"
                + "time,soleus,tibant,\n0,0.1,0.2,\n0.5,0.3,0.4,\n,,\n");
        OpenSimStorage.Contents c = OpenSimStorage.readContents(f);
        assertEquals("", c.name());
        assertEquals(List.of("soleus", "tibant"), c.signal().labels());
        assertEquals(2, c.signal().sampleCount());
        assertEquals(2.0, c.signal().samplingRate(), 1e-12);
        assertEquals(0.4, c.signal().get(1, 1), 0);
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        Recording r = Recordings.read(f);
        assertEquals(c.warnings(), r.warnings());
    }

    @Test
    void ancCountsToVolts() throws IOException {
        Path f = Fixtures.write(dir, "emg.anc", "File_Type:\tAnalog R/C ASCII\tGeneration#:\t1\tChannels:\t2\n"
                + "Board_Type:\tNational Instruments\tPolarity:\tBipolar\nTrial_Name:\twalk\t#Channels:\t2\n"
                + "BitDepth:\t16\tPreciseRate:\t1000.000\n\nName\tL_EMG\tForce\nRate\t1000\t1000\nRange\t10000\t5000\n"
                + "0.000\t100\t-32768\n0.001\t-3277\t32767\n");
        Recording r = Recordings.read(f);
        assertEquals("anc", r.formatId());
        var a = r.signal("analog").orElseThrow();
        assertEquals(1000.0, a.samplingRate());
        // +-10 V over 16 bits: 100 counts = 100 * 20 / 65536 V
        assertEquals(100 * 20.0 / 65536, a.data()[0][0], 1e-15);
        assertEquals(-3277 * 20.0 / 65536, a.data()[0][1], 1e-15);
        assertEquals(-5.0, a.data()[1][0], 1e-12);
        assertEquals(List.of("V", "V"), a.units());
        assertEquals(org.myoflow.io.ChannelKind.EMG, a.kinds().get(0));
    }

    @Test
    void unknownExtensionAndMissingFile() {
        DataException e = assertThrows(DataException.class, () -> Recordings.read(dir.resolve("x.otb4")));
        assertTrue(e.getMessage().contains("no reader for extension '.otb4'"), e.getMessage());
        e = assertThrows(DataException.class, () -> Recordings.read(dir.resolve("gone.c3d")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    /** Damaged text recordings (bytes replaced, lines cut): a clean result or a DataException naming the file. */
    @Test
    void randomDamageToTextRecordingsNeverCrashes() throws IOException {
        Random rnd = new Random(14);
        for (String rel : List.of("emgio/truncated_trigno_sample.csv", "pyomeca/markers.trc", "pyomeca/inverse_kin.mot",
                "pyomeca/analogs_first1000.csv")) {
            byte[] orig = Files.readAllBytes(RecordingReadersTest.real(rel));
            String name = Path.of(rel).getFileName().toString();
            for (int k = 0; k < 40; k++) {
                byte[] b = Arrays.copyOf(orig, k % 2 == 0 ? orig.length : 200 + rnd.nextInt(orig.length - 200));
                for (int j = 0; j < 3; j++) {
                    int at = k < 20 ? rnd.nextInt(Math.min(b.length, 3000)) : rnd.nextInt(b.length);
                    b[at] = (byte) "0123456789.,-\t\neE \"x".charAt(rnd.nextInt(19));
                }
                Path p = dir.resolve(k + "_" + name);
                Files.write(p, b);
                try {
                    Recordings.read(p);
                } catch (DataException e) {
                    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
                }
            }
        }
    }

    @Test
    void viconTrajectoriesAndDevicesSections() throws IOException {
        Path f = Fixtures.write(dir, "trial.csv", "Devices\n1000\n,,Imported AMTI - Plate 1,,Imported AMTI - Plate 2\n"
                + "Frame,Sub Frame,Fx,Fy,Fx\n,,N,N,N\n1,0,1,2,3\n1,1,4,5,6\n2,0,7,8,9\n2,1,10,11,12\n\n"
                + "Trajectories\n500\n,,sub:LASI,,\nFrame,Sub Frame,X,Y,Z\n,,mm,mm,mm\n1,0,1.5,2.5,3.5\n2,0,,,\n");
        Recording r = Recordings.read(f);
        var d = r.signal("devices").orElseThrow();
        assertEquals(List.of("Plate 1.Fx", "Fy", "Plate 2.Fx"), d.labels());
        assertEquals(1000.0, d.samplingRate());
        assertEquals(4, d.sampleCount());
        assertEquals(10.0, d.data()[0][3]);
        var t = r.signal("trajectories").orElseThrow();
        assertEquals(List.of("sub:LASI_X", "sub:LASI_Y", "sub:LASI_Z"), t.labels());
        assertEquals(List.of("mm", "mm", "mm"), t.units());
        assertEquals(500.0, t.samplingRate());
        assertEquals(2.5, t.data()[1][0]);
        assertTrue(Double.isNaN(t.data()[0][1]));
        assertEquals(org.myoflow.io.ChannelKind.MARKER, t.kinds().get(0));
        assertEquals(org.myoflow.io.ChannelKind.FORCE, d.kinds().get(0));
    }

    @Test
    void simpleTextFormat() throws IOException {
        Path f = Fixtures.write(dir, "emg.txt", "# Simple Text Format\n# Sampling Rate (Hz):= 1000.00\n"
                + "# Resolution:= 12\n# Labels:= EMG\n2034\n2011\n2004\n");
        Recording r = Recordings.read(f);
        assertEquals("simple-text", r.formatId());
        var s = r.signal("data").orElseThrow();
        assertEquals(List.of("EMG"), s.labels());
        assertEquals(1000.0, s.samplingRate());
        assertEquals(2011.0, s.data()[0][1]);
        assertEquals(org.myoflow.io.ChannelKind.EMG, s.kinds().get(0));
        Path bad = Fixtures.write(dir, "bad.txt", "# Simple Text Format\n# Sampling Rate (Hz):= 1000\n"
                + "# Labels:= EMG\n1\n2 3\n");
        DataException e = assertThrows(DataException.class, () -> Recordings.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":5: expected 1 values, found 2"), e.getMessage());
    }
}
