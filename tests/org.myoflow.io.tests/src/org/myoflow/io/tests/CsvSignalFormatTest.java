package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.io.CsvSignalFormat;

class CsvSignalFormatTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsValuesLabelsUnitsRateAndStart() {
        Signal s = Fixtures.twoChannels("mV");
        Path f = dir.resolve("emg.csv");
        CsvSignalFormat.write(s, f);
        Signal r = CsvSignalFormat.read(f);
        Fixtures.assertSameSamples(s, r, 0);
        assertEquals(List.of("mV", "mV"), r.units());
    }

    @Test
    void headerCarriesUnitsInBrackets() throws Exception {
        Path f = Fixtures.write(dir, "u.csv", "time [s],biceps [mV],force\n0,1,2\n0.5,3,4\n");
        Signal r = CsvSignalFormat.read(f);
        assertEquals(List.of("biceps", "force"), r.labels());
        assertEquals(List.of("mV", ""), r.units());
        assertEquals(2, r.samplingRate(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = { "time", "T", "Time_s", "TIME" })
    void timeColumnNames(String label) throws Exception {
        Path f = Fixtures.write(dir, "t.csv", label + ",a\n1.0,5\n1.01,6\n1.02,7\n");
        Signal r = CsvSignalFormat.read(f);
        assertEquals(100, r.samplingRate(), 1e-9);
        assertEquals(1.0, r.startTime(), 0);
        assertEquals(List.of("a"), r.labels());
    }

    @Test
    void semicolonAndTabSeparatorsAndComments() throws Exception {
        Path semi = Fixtures.write(dir, "semi.csv", "# exported by amp\ntime;a;b\n0;1;2\n# pause\n\n0.1;3;4\n");
        Signal r = CsvSignalFormat.read(semi);
        assertEquals(List.of("a", "b"), r.labels());
        assertEquals(3, r.get(0, 1), 0);
        Path tab = Fixtures.write(dir, "tab.csv", "t\ta\n0\t1\n0.1\t2\n");
        assertEquals(2, CsvSignalFormat.read(tab).get(0, 1), 0);
    }

    @Test
    void withoutTimeColumnTheCallerGivesTheRate() throws Exception {
        Path f = Fixtures.write(dir, "raw.csv", "ch1,ch2\n1,2\n3,4\n5,6\n");
        Signal r = CsvSignalFormat.read(f, 2048);
        assertEquals(2048, r.samplingRate(), 0);
        assertEquals(0, r.startTime(), 0);
        assertEquals(5, r.get(0, 2), 0);
        DataException e = assertThrows(DataException.class, () -> CsvSignalFormat.read(f));
        assertTrue(e.getMessage().contains("raw.csv:1:") && e.getMessage().contains("sampling rate"),
                e.getMessage());
    }

    @Test
    void mixedSeparatorsInHeaderAreRefused() throws Exception {
        Path f = Fixtures.write(dir, "mixed.csv", "time,a;b\n0,1;2\n");
        DataException e = assertThrows(DataException.class, () -> CsvSignalFormat.read(f));
        assertTrue(e.getMessage().contains("mixed.csv:1:"), e.getMessage());
    }
}
