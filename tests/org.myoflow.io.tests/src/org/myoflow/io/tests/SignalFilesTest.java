package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.io.SignalFiles;

class SignalFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "s.csv", "s.sto", "s.mot", "s.npy", "UPPER.CSV" })
    void everyFormatRoundTripsThroughTheFacade(String name) {
        Signal s = Fixtures.twoChannels("deg");
        Path f = dir.resolve(name);
        SignalFiles.write(s, f);
        Fixtures.assertSameSamples(s, SignalFiles.read(f), 0);
    }

    @Test
    void unknownExtensionNamesFileAndSupportedOnes() {
        Path f = dir.resolve("emg.edf");
        DataException e = assertThrows(DataException.class, () -> SignalFiles.read(f));
        assertTrue(e.getMessage().contains("emg.edf") && e.getMessage().contains(".csv, .sto, .mot, .npy"),
                e.getMessage());
        assertThrows(DataException.class, () -> SignalFiles.write(Fixtures.twoChannels(""), f));
    }

    @Test
    void missingFileIsBadInputData() {
        DataException e = assertThrows(DataException.class, () -> SignalFiles.read(dir.resolve("none.csv")));
        assertTrue(e.getMessage().contains("none.csv: file not found"), e.getMessage());
    }
}
