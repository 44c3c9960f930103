package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

/** EDF+/BDF+ writer and reader: round trips within one quantisation step, annotations, damaged headers. */
class EdfTest {

    @TempDir
    Path dir;

    static Recording emg(int channels, double rate, int samples, long seed) {
        Random r = new Random(seed);
        double[][] d = new double[channels][samples];
        List<String> labels = new java.util.ArrayList<>();
        for (int c = 0; c < channels; c++) {
            labels.add("EMG" + (c + 1));
            for (int i = 0; i < samples; i++) {
                d[c][i] = 0.4 * r.nextGaussian() * (c + 1) + 0.05 * Math.sin(i * 0.01);
            }
        }
        RecordingSignal s = new RecordingSignal("emg", rate, 0, labels, java.util.Collections.nCopies(channels,
                "mV"), java.util.Collections.nCopies(channels, ChannelKind.EMG), d);
        return new Recording(Path.of("sim"), "test", "", Map.of(), List.of(s), List.of(
                new RecordingEvent("contraction start", "", 0.5, ""),
                new RecordingEvent("rest", "", 1.25, "duration 0.5 s")), List.of());
    }

    private static void assertWithinStep(Recording in, Recording back, EdfWriter.Result res) {
        RecordingSignal a = in.signals().get(0);
        RecordingSignal b = back.signal("signals").orElseThrow();
        assertEquals(a.samplingRate(), b.samplingRate(), 0);
        assertEquals(a.sampleCount(), b.sampleCount());
        assertEquals(a.labels(), b.labels());
        for (int c = 0; c < a.channelCount(); c++) {
            double step = res.quantisation().get(c).step();
            assertTrue(step > 0 && step < (a.channelCount() + 1) * 6.0 / 60000, "step " + step);
            for (int i = 0; i < a.sampleCount(); i++) {
                assertEquals(a.data()[c][i], b.data()[c][i], step, a.labels().get(c) + " sample " + i);
            }
        }
    }

    @Test
    void edfRoundTripWithinOneStepAndKeepsAnnotations() {
        Recording in = emg(3, 2048, 2048 * 3, 1);
        Path f = dir.resolve("emg.edf");
        EdfWriter.Result res = EdfWriter.write(in, f);
        assertEquals(1.0, res.recordDuration());
        assertEquals(3, res.records());
        assertEquals(0, res.paddedSamples());
        Recording back = Recordings.read(f);
        assertEquals("edf+", back.formatId());
        assertWithinStep(in, back, res);
        assertEquals(List.of("mV", "mV", "mV"), back.signals().get(0).units());
        assertEquals(ChannelKind.EMG, back.signals().get(0).kinds().get(2));
        assertEquals("EMG electrode", back.metadata().get("transducer EMG3"));
        assertEquals(2, back.events().size());
        assertEquals("contraction start", back.events().get(0).label());
        assertEquals(0.5, back.events().get(0).timeS(), 0);
        assertEquals("rest", back.events().get(1).label());
        assertEquals(1.25, back.events().get(1).timeS(), 0);
        assertEquals("duration 0.5 s", back.events().get(1).description());
    }

    @Test
    void fileSizeIsHeaderPlusRecords() throws IOException {
        Path f = dir.resolve("size.edf");
        EdfWriter.write(emg(3, 2048, 2048 * 3, 1), f);
        long header = 256L * (3 + 2);
        // 3 records: 3 channels of 2048 samples and 30 annotation samples (60 bytes), 2 bytes each
        assertEquals(header + 3 * (3 * 2048 * 2 + 60), Files.size(f));
    }

    @Test
    void bdfRoundTripIs256TimesFiner() {
        Recording in = emg(2, 1000, 5000, 2);
        Path e = dir.resolve("a.edf");
        Path b = dir.resolve("a.bdf");
        EdfWriter.Result re = EdfWriter.write(in, e);
        EdfWriter.Result rb = EdfWriter.write(in, b);
        Recording back = Recordings.read(b);
        assertEquals("bdf+", back.formatId());
        assertWithinStep(in, back, rb);
        double ratio = re.quantisation().get(0).step() / rb.quantisation().get(0).step();
        assertEquals(65535.0 / 16777215.0, 1 / ratio, 1e-9);
        assertEquals(2, back.events().size());
    }

    @Test
    void writingIsDeterministic() throws IOException {
        Recording in = emg(2, 512, 1024, 3);
        EdfWriter.write(in, dir.resolve("1.edf"));
        EdfWriter.write(in, dir.resolve("2.edf"));
        assertTrue(Arrays.equals(Files.readAllBytes(dir.resolve("1.edf")), Files.readAllBytes(dir.resolve("2.edf"))));
    }

    @Test
    void perSignalRatesBecomeGroups() {
        RecordingSignal fast = new RecordingSignal("emg", 2000, 0, List.of("EMG1"), List.of("mV"),
                List.of(ChannelKind.EMG), new double[][] { ramp(4000, 1) });
        RecordingSignal slow = new RecordingSignal("acc", 100, 0, List.of("ACC X"), List.of("g"),
                List.of(ChannelKind.ACCELEROMETER), new double[][] { ramp(200, 0.01) });
        Recording in = new Recording(Path.of("x"), "t", "", Map.of(), List.of(fast, slow), List.of(), List.of());
        Path f = dir.resolve("two.edf");
        EdfWriter.Result res = EdfWriter.write(in, f);
        Recording back = Recordings.read(f);
        assertEquals(2, back.signals().size());
        RecordingSignal a = back.signal("signals_2000Hz").orElseThrow();
        RecordingSignal b = back.signal("signals_100Hz").orElseThrow();
        assertEquals(4000, a.sampleCount());
        assertEquals(200, b.sampleCount());
        assertEquals(ChannelKind.ACCELEROMETER, b.kinds().get(0));
        assertEquals(1.99, b.data()[0][199], res.quantisation().get(1).step());
        assertEquals(3999, a.data()[0][3999], res.quantisation().get(0).step());
    }

    @Test
    void lengthsWithoutAWholeRecordArePadded() {
        Recording in = emg(1, 1000, 1234, 4);
        EdfWriter.Result res = EdfWriter.write(in, dir.resolve("p.edf"));
        // 1234 = 2 * 617: 0.5 s records do not divide, 1 ms records do (1234 records of 1 sample)
        assertEquals(0, res.paddedSamples());
        assertEquals(1234, Recordings.read(dir.resolve("p.edf")).signals().get(0).sampleCount());
        // 1001 samples at 2048 Hz: no listed duration divides them; one-second records, the last padded
        Recording odd = emg(1, 2048, 1001, 5);
        EdfWriter.Result r2 = EdfWriter.write(odd, dir.resolve("q.edf"));
        assertEquals(2048 - 1001, r2.paddedSamples());
        RecordingSignal back = Recordings.read(dir.resolve("q.edf")).signals().get(0);
        assertEquals(2048, back.sampleCount());
        double last = odd.signals().get(0).data()[0][1000];
        assertEquals(last, back.data()[0][2047], r2.quantisation().get(0).step());
    }

    private static double[] ramp(int n, double step) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i * step;
        }
        return d;
    }

    // ---- damaged files

    private Path good() {
        Path f = dir.resolve("good.edf");
        EdfWriter.write(emg(2, 256, 512, 5), f);
        return f;
    }

    private Path damaged(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void aShortFieldShiftsTheRestAndIsNamedWithItsOffset() throws IOException {
        byte[] b = Files.readAllBytes(good());
        // drop one byte of the start time field (offset 176..183): every later field moves left by one
        byte[] s = new byte[b.length - 1];
        System.arraycopy(b, 0, s, 0, 180);
        System.arraycopy(b, 181, s, 180, b.length - 181);
        Path p = damaged("short.edf", s);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(p));
        assertTrue(e.getMessage().startsWith(p + ": byte "), e.getMessage());
        assertTrue(e.getMessage().contains("number of bytes in header") || e.getMessage().contains("reserved")
                || e.getMessage().contains("number of"), e.getMessage());
    }

    @Test
    void truncatedDataAndLyingRecordCount() throws IOException {
        byte[] b = Files.readAllBytes(good());
        Path cut = damaged("cut.edf", Arrays.copyOf(b, b.length - 100));
        DataException e = assertThrows(DataException.class, () -> Recordings.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("the file has " + (b.length - 100)), e.getMessage());
        byte[] lie = b.clone();
        byte[] n = "99999999".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, lie, 236, 8);
        Path p = damaged("lie.edf", lie);
        DataException e2 = assertThrows(DataException.class, () -> Recordings.read(p));
        assertTrue(e2.getMessage().contains("99999999 data records"), e2.getMessage());
    }

    @Test
    void discontinuousAndBadFieldsAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(good());
        byte[] d = b.clone();
        d[192 + 4] = 'D'; // EDF+C -> EDF+D
        Path p = damaged("disc.edf", d);
        DataException e = assertThrows(DataException.class, () -> Recordings.read(p));
        assertTrue(e.getMessage().contains("byte 192 (reserved)"), e.getMessage());
        assertTrue(e.getMessage().contains("discontinuous"), e.getMessage());
        // signal 1's digital maximum (256 + 3 signals * (16+80+8+8+8+8) = 256 + 384 + 0) made not a number
        byte[] x = b.clone();
        int digMax = 256 + 3 * (16 + 80 + 8 + 8 + 8 + 8);
        System.arraycopy("abc     ".getBytes(StandardCharsets.US_ASCII), 0, x, digMax, 8);
        Path q = damaged("field.edf", x);
        DataException e2 = assertThrows(DataException.class, () -> Recordings.read(q));
        assertTrue(e2.getMessage().contains("byte " + digMax + " (signal 1 'EMG1' digital maximum)"),
                e2.getMessage());
        // binary garbage after the version
        byte[] g = b.clone();
        g[20] = 0;
        Path r = damaged("bin.edf", g);
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(r)).getMessage().contains("byte 20"));
        // header only and a few bytes
        Path h = damaged("hdr.edf", Arrays.copyOf(b, 100));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(h)).getMessage().contains("truncated"));
        // a broken annotation list
        byte[] a = b.clone();
        int annStart = 256 * 4 + 2 * 256 * 2; // first record: two signals of 256 samples, then the annotations
        a[annStart] = 'x';
        Path t = damaged("tal.edf", a);
        DataException e3 = assertThrows(DataException.class, () -> Recordings.read(t));
        assertTrue(e3.getMessage().contains("byte " + annStart + " (annotation)"), e3.getMessage());
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        byte[] b = Files.readAllBytes(good());
        Random r = new Random(7);
        for (int k = 0; k < 200; k++) {
            byte[] c = b.clone();
            for (int j = 0; j < 4; j++) {
                c[r.nextInt(256 * 4)] = (byte) r.nextInt(256);
            }
            Path p = damaged("r" + k + ".edf", c);
            try {
                Recordings.read(p);
            } catch (DataException e) {
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            }
        }
    }
}
