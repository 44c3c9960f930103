package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

/**
 * OTB+ archives built here from the documented layout (no permissively licensed OTB+ sample exists): a tar with
 * the .sig samples and the XML of the same name; counts to mV with the device's range, the bits and the adapter
 * gain.
 */
class OtbTest {

    @TempDir
    Path dir;

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] h = new byte[512];
            byte[] n = e.getKey().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, h, 0, n.length);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", e.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[262] = 0;
            put(h, 263, "00");
            Arrays.fill(h, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.write(h);
            out.write(e.getValue());
            out.write(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** QUATTROCENTO, 16 bits, 6 device channels: a 4-channel grid adapter (gain 150) at 0, control at 5. */
    static Map<String, byte[]> quattrocento(int samples) {
        ByteBuffer sig = ByteBuffer.allocate(samples * 6 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < 6; c++) {
                sig.putShort((short) (c == 5 ? i : (i % 100 - 50) * (c + 1)));
            }
        }
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<Device Name=\"QUATTROCENTO\" SampleFrequency=\"2048\" ad_bits=\"16\" DeviceTotalChannels=\"6\">"
                + "<Channels>"
                + "<Adapter ID=\"AdapterSplitter\" Gain=\"150\" ChannelStartIndex=\"0\">"
                + "<Channel ID=\"GR04MM1305\" Index=\"0\" Muscle=\"Tibialis\"/>"
                + "<Channel ID=\"GR04MM1305\" Index=\"1\"/><Channel ID=\"GR04MM1305\" Index=\"2\"/>"
                + "<Channel ID=\"GR04MM1305\" Index=\"3\"/></Adapter>"
                + "<Adapter ID=\"AdapterControl\" Gain=\"1\" ChannelStartIndex=\"5\">"
                + "<Channel ID=\"Ramp\" Index=\"0\"/></Adapter>"
                + "</Channels></Device>";
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("abstract.xml", "<Abstract/>".getBytes(StandardCharsets.UTF_8));
        m.put("trial.sig", sig.array());
        m.put("trial.xml", xml.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void quattrocentoCountsBecomeMillivolts() throws IOException {
        Path f = dir.resolve("trial.otb+");
        Files.write(f, tar(quattrocento(300)));
        Recording r = Recordings.read(f);
        assertEquals("otb+", r.formatId());
        assertEquals("OT Bioelettronica QUATTROCENTO", r.vendor());
        RecordingSignal s = r.signals().get(0);
        assertEquals(2048.0, s.samplingRate());
        assertEquals(300, s.sampleCount());
        assertEquals(List.of("GR04MM1305_1", "GR04MM1305_2", "GR04MM1305_3", "GR04MM1305_4", "Ramp_1"), s.labels());
        assertEquals(ChannelKind.EMG, s.kinds().get(0));
        assertEquals(ChannelKind.OTHER, s.kinds().get(4));
        double lsb = 5.0 / 65536 * 1000 / 150; // mV per count
        assertEquals((7 % 100 - 50) * 3 * lsb, s.data()[2][7], 1e-12);
        assertEquals(299.0, s.data()[4][299]);
        assertEquals("mV", s.units().get(0));
        assertTrue(r.warnings().get(0).contains("1 of 6 device channels"), r.warnings().toString());
    }

    @Test
    void damagedArchives() throws IOException {
        byte[] good = tar(quattrocento(100));
        Path cut = dir.resolve("cut.otb+");
        // abstract.xml: header at 0, data at 512; trial.sig: header at 1024, data from 1536
        Files.write(cut, Arrays.copyOf(good, 1536 + 300));
        DataException e = assertThrows(DataException.class, () -> Recordings.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": byte 1024 (tar entry 'trial.sig'): truncated"),
                e.getMessage());
        Path head = dir.resolve("head.otb+");
        Files.write(head, Arrays.copyOf(good, 1024 + 300));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(head)).getMessage()
                .startsWith(head + ": byte 1024: truncated tar header"));
        Map<String, byte[]> m = quattrocento(100);
        m.put("trial.sig", Arrays.copyOf(m.get("trial.sig"), 1199));
        Path odd = dir.resolve("odd.otb+");
        Files.write(odd, tar(m));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(odd)).getMessage()
                .contains("not a whole number of 6-channel samples"));
        Map<String, byte[]> x = quattrocento(10);
        x.put("trial.xml", "<Device Name=\"Q\" SampleFrequency=\"fast\"".getBytes(StandardCharsets.UTF_8));
        Path bad = dir.resolve("xml.otb+");
        Files.write(bad, tar(x));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(bad)).getMessage()
                .contains("not well-formed XML"));
        Map<String, byte[]> y = quattrocento(10);
        y.put("trial.xml", new String(y.get("trial.xml"), StandardCharsets.UTF_8).replace("ChannelStartIndex=\"5\"",
                "ChannelStartIndex=\"9\"").getBytes(StandardCharsets.UTF_8));
        Path col = dir.resolve("col.otb+");
        Files.write(col, tar(y));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(col)).getMessage()
                .contains("outside the 6 channels"));
        Map<String, byte[]> z = quattrocento(10);
        z.put("trial.xml", ("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Device>&x;</Device>")
                .getBytes(StandardCharsets.UTF_8));
        Path xxe = dir.resolve("xxe.otb+");
        Files.write(xxe, tar(z));
        assertTrue(assertThrows(DataException.class, () -> Recordings.read(xxe)).getMessage()
                .contains("not well-formed XML"));
    }
}
