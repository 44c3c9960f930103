package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.ParameterType;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.io.SignalFiles;
import org.myoflow.io.internal.ReadSignalStep;

class ReadSignalStepTest {

    @TempDir
    Path dir;

    @Test
    void descriptor() {
        StepDescriptor d = new ReadSignalStep().descriptor();
        assertEquals("org.myoflow.io.read-signal", d.id());
        assertEquals("1.0.0", d.version());
        assertEquals("Read signal", d.name());
        assertEquals("Input", d.category());
        assertEquals(DataTypes.SIGNAL, d.output("signal").orElseThrow().type());
        assertEquals(List.of("file", "channels", "samplingRate", "quantity"),
                d.parameters().specs().stream().map(ParameterSpec::name).toList());
        ParameterSpec file = d.parameters().get("file").orElseThrow();
        assertEquals(ParameterType.FILE, file.type());
        assertTrue(file.required());
        ParameterSpec fs = d.parameters().get("samplingRate").orElseThrow();
        assertEquals("Hz", fs.unit());
        assertEquals(0.0, fs.defaultValue());
        assertEquals(0, fs.min(), 0);
    }

    @Test
    void readsAllChannels() throws Exception {
        Path f = dir.resolve("emg.sto");
        SignalFiles.write(Fixtures.twoChannels(""), f);
        Signal s = read(StepHarness.of(new ReadSignalStep()).param("file", f.toString()));
        Fixtures.assertSameSamples(Fixtures.twoChannels(""), s, 0);
    }

    @Test
    void keepsSelectedChannelsInTheGivenOrderAndSetsQuantity() throws Exception {
        Path f = dir.resolve("emg.csv");
        Signal in = Fixtures.twoChannels("mV");
        SignalFiles.write(in, f);
        Signal s = read(StepHarness.of(new ReadSignalStep()).param("file", f.toString())
                .param("channels", " triceps , biceps").param("quantity", "emg"));
        assertEquals(List.of("triceps", "biceps"), s.labels());
        assertEquals(List.of("mV", "mV"), s.units());
        assertEquals("emg", s.quantity());
        assertEquals(in.get(1, 7), s.get(0, 7), 0);
        assertEquals(in.get(0, 7), s.get(1, 7), 0);
        assertEquals(in.samplingRate(), s.samplingRate(), 1e-9);
    }

    @Test
    void unknownChannelNamesItAndTheAvailableOnes() throws Exception {
        Path f = dir.resolve("emg.csv");
        SignalFiles.write(Fixtures.twoChannels("mV"), f);
        StepHarness h = StepHarness.of(new ReadSignalStep()).param("file", f.toString()).param("channels",
                "biceps,deltoid");
        DataException e = assertThrows(DataException.class, h::run);
        assertTrue(e.getMessage().contains("'deltoid'") && e.getMessage().contains("available: biceps, triceps"),
                e.getMessage());
    }

    @Test
    void samplingRateParameterServesCsvWithoutTimeColumn() throws Exception {
        Path f = Fixtures.write(dir, "raw.csv", "a,b\n1,2\n3,4\n");
        Signal s = read(StepHarness.of(new ReadSignalStep()).param("file", f.toString()).param("samplingRate",
                2000.0));
        assertEquals(2000, s.samplingRate(), 0);
        assertEquals(4, s.get(1, 1), 0);
    }

    private static Signal read(StepHarness h) throws Exception {
        Map<String, Data> out = h.run();
        return (Signal) out.get("signal");
    }
}
