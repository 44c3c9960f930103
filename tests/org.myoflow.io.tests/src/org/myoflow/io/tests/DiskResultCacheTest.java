package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.io.DiskResultCache;
import org.myoflow.io.ResultFiles;

/** The on-disk result cache and the generic read-back of result files. */
public class DiskResultCacheTest {

    @TempDir
    Path dir;

    static Signal signal() {
        return Signal.builder(250).startTime(0.5).quantity("emg").channel("a", "mV", new double[] { 1, -2, 3.25 })
                .channel("b", "mV", new double[] { 0.1, 0.2, 0.3 }).build();
    }

    static SpikeTrains spikes() {
        return new SpikeTrains(new double[][] { { 0.1, 0.35 }, {}, { 0.2 } }, 1.0, List.of("u1", "u2", "u3"));
    }

    static MuapBank bank() {
        double[][][] m = new double[2][4][5];
        for (int u = 0; u < 2; u++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 5; k++) {
                    m[u][c][k] = u * 100 + c * 10 + k - 2.5;
                }
            }
        }
        double[][] pos = { { 0, 0 }, { 0, 5 }, { 5, 0 }, { 5, 5 } };
        return new MuapBank(m, 2048, -0.001, List.of("r1c1", "r1c2", "r2c1", "r2c2"), null, pos, 2, 2, "mV",
                "monopolar");
    }

    @Test
    void everyBuiltInTypeReadsBackWithTheSameDigest() {
        for (Data d : List.of(signal(), spikes(), bank(),
                new MuapBankSeries(List.of(bank(), bank()), new double[] { 0, 0.2 }))) {
            Path base = dir.resolve(d.type().id() + ".npy");
            ResultFiles.write(d, base);
            Data back = ResultFiles.read(base);
            assertEquals(d.digest(), back.digest(), d.type().id());
        }
        MuapBank b = (MuapBank) ResultFiles.read(dir.resolve("muap-bank.npy"));
        assertEquals(97.5 + 10 * 3 + 1, b.get(1, 3, 1) + 0, 1e-12); // 100 + 30 + 1 - 2.5
        assertEquals(5.0, b.electrodePosition(3)[1]);
    }

    @Test
    void storesAndFindsEntriesAndTreatsDamageAsAMiss() throws Exception {
        DiskResultCache cache = new DiskResultCache(dir.resolve("cache"));
        assertTrue(cache.get("k1").isEmpty());
        cache.put("k1", Map.of("emg", signal(), "spikes", spikes()));
        Map<String, Data> got = cache.get("k1").orElseThrow();
        assertEquals(signal().digest(), got.get("emg").digest());
        assertEquals(spikes().digest(), got.get("spikes").digest());
        // a second cache on the same folder (another run) sees the entry
        assertTrue(new DiskResultCache(dir.resolve("cache")).get("k1").isPresent());
        // a changed data file no longer matches its sidecar's SHA-256: recompute rather than trust it
        Path npy = dir.resolve("cache/k1/emg.npy");
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(npy, bytes);
        assertTrue(cache.get("k1").isEmpty());
    }
}
