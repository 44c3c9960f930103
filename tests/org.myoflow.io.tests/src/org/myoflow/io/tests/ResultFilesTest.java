package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Digests;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.io.ResultFiles;

class ResultFilesTest {

    @TempDir
    Path dir;

    @Test
    void sameDataGiveByteIdenticalFiles() throws Exception {
        Signal s = Fixtures.twoChannels("mV").toBuilder().quantity("emg").build();
        ResultFiles.Written a = ResultFiles.write(s, dir.resolve("run1/node.signal"));
        ResultFiles.Written b = ResultFiles.write(s, dir.resolve("run2/node.signal"));
        assertArrayEquals(Files.readAllBytes(a.npy()), Files.readAllBytes(b.npy()));
        assertArrayEquals(Files.readAllBytes(a.json()), Files.readAllBytes(b.json()));
        byte[] first = Files.readAllBytes(a.json());
        ResultFiles.write(s, dir.resolve("run1/node.signal"));
        assertArrayEquals(first, Files.readAllBytes(a.json()));
        assertEquals("node.signal.npy", a.npy().getFileName().toString());
        assertEquals("node.signal.json", a.json().getFileName().toString());
    }

    @Test
    void sidecarIsPrettySortedAndCarriesShapeAndDigest() throws Exception {
        Signal s = Fixtures.twoChannels("mV");
        ResultFiles.Written w = ResultFiles.write(s, dir.resolve("emg"));
        String json = Files.readString(w.json(), StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(Digests.sha256().digest(Files.readAllBytes(w.npy())));
        assertEquals(sha, w.sha256());
        assertTrue(json.contains("\"sha256\": \"" + sha + "\""), json);
        assertTrue(json.indexOf("\"labels\"") < json.indexOf("\"samplingRateHz\"")
                && json.indexOf("\"samplingRateHz\"") < json.indexOf("\"shape\""), "keys sorted: " + json);
        assertTrue(json.endsWith("}\n"), json);
        Map<String, Object> meta = ResultFiles.readSidecar(w.npy());
        assertEquals(List.of(50L, 2L), meta.get("shape"));
        assertEquals(1000.0, meta.get("samplingRateHz"));
    }

    @Test
    void signalReadsBack() {
        Signal s = Fixtures.twoChannels("mV").toBuilder().quantity("excitation").build();
        ResultFiles.Written w = ResultFiles.write(s, dir.resolve("exc.npy"));
        Signal r = ResultFiles.readSignal(w.npy());
        Fixtures.assertSameSamples(s, r, 0);
        assertEquals(s.samplingRate(), r.samplingRate(), 0);
        assertEquals(s.units(), r.units());
        assertEquals("excitation", r.quantity());
        assertEquals(s.digest(), r.digest());
        assertEquals(s.digest(), ResultFiles.readSignal(w.json()).digest());
    }

    @Test
    void changedDataFileOrMissingSidecarIsRefused() throws Exception {
        ResultFiles.Written w = ResultFiles.write(Fixtures.twoChannels(""), dir.resolve("x"));
        byte[] b = Files.readAllBytes(w.npy());
        b[b.length - 1] ^= 1;
        Files.write(w.npy(), b);
        DataException e = assertThrows(DataException.class, () -> ResultFiles.readSignal(w.npy()));
        assertTrue(e.getMessage().contains("x.npy") && e.getMessage().contains("SHA-256"), e.getMessage());
        Files.delete(w.json());
        DataException e2 = assertThrows(DataException.class, () -> ResultFiles.readSignal(w.npy()));
        assertTrue(e2.getMessage().contains("x.json: sidecar file not found"), e2.getMessage());
    }

    @Test
    void anyDataTypeIsWrittenButOnlySignalsReadAsSignals() throws Exception {
        SpikeTrains st = new SpikeTrains(new double[][] { { 0.1, 0.2 }, { 0.15 } }, 1.0, null);
        ResultFiles.Written w = ResultFiles.write(st, dir.resolve("spikes"));
        assertTrue(Files.readString(w.json()).contains("\"type\": \"spike-trains\""));
        DataException e = assertThrows(DataException.class, () -> ResultFiles.readSignal(w.npy()));
        assertTrue(e.getMessage().contains("spikes.json") && e.getMessage().contains("not a signal"),
                e.getMessage());
    }
}
