package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.io.SignalFiles;
import org.myoflow.io.internal.ReadSignalStep;
import org.myoflow.io.internal.StackChannelsStep;

/** read-signal peeks at the file header during validation; stack-channels declares the stacked channels. */
class ReadSignalConfigureTest {

    @TempDir
    Path tmp;

    @Test
    void csvHeaderGivesLabelsAndUnitsWithoutReadingTheSamples() throws Exception {
        Path f = tmp.resolve("a.csv");
        // the data row is broken: a peek at the header does not notice, the run reports it with its line
        Files.writeString(f, "time,biceps [mV],triceps [mV]\n0,1,2\n0.001,x,3\n");
        Configuration c = StepHarness.of(new ReadSignalStep()).param("file", f.toString()).configure();
        assertEquals(List.of(), c.problems());
        DataSpec s = c.spec("test", "signal").orElseThrow();
        assertEquals(List.of("biceps", "triceps"), s.channelLabels());
        assertEquals(List.of("mV", "mV"), s.channelUnits());
        assertTrue(Double.isNaN(s.samplingRate()), "a time column's rate needs the whole axis");
        c = StepHarness.of(new ReadSignalStep()).param("file", f.toString()).param("channels", "triceps")
                .param("quantity", "emg").configure();
        assertEquals(List.of("triceps"), c.spec("test", "signal").orElseThrow().channelLabels());
        assertEquals("emg", c.spec("test", "signal").orElseThrow().quantity());
        c = StepHarness.of(new ReadSignalStep()).param("file", f.toString()).param("channels", "deltoid")
                .configure();
        assertEquals(1, c.problems().size());
        assertEquals("parameter 'channels'", c.problems().get(0).subject());
        assertEquals("a.csv has no channel 'deltoid'; available: biceps, triceps", c.problems().get(0).message());
    }

    @Test
    void npySidecarGivesRateAndLabelsAndAnUnreadableHeaderLeavesEverythingUnknown() throws Exception {
        Path f = tmp.resolve("s.npy");
        SignalFiles.write(Signal.builder(250).quantity("angle").channel("knee", "rad", new double[] { 1, 2 })
                .build(), f);
        DataSpec s = SignalFiles.peek(f, 0);
        assertEquals(List.of("knee"), s.channelLabels());
        assertEquals(List.of("rad"), s.channelUnits());
        assertEquals(250, s.samplingRate(), 0);
        assertEquals("angle", s.quantity());
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "");
        assertEquals(DataSpec.ofType(DataTypes.SIGNAL), SignalFiles.peek(bad, 0));
        Path noTime = tmp.resolve("n.csv");
        Files.writeString(noTime, "a,b\n1,2\n");
        assertEquals(500, SignalFiles.peek(noTime, 500).samplingRate(), 0);
    }

    @Test
    void stackedChannelsAreDeclaredAndDuplicatesRefused() {
        DataSpec a = DataSpec.signal("emg", "mV", List.of("x"), 100, 1);
        DataSpec b = DataSpec.signal("emg", "mV", List.of("y", "z"), 100, 1);
        Configuration c = StepHarness.of(new StackChannelsStep()).inputSpec("signal1", a).inputSpec("signal2", b)
                .configure();
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("x", "y", "z"), c.spec("test", "signal").orElseThrow().channelLabels());
        c = StepHarness.of(new StackChannelsStep()).inputSpec("signal1", a).inputSpec("signal2", a).configure();
        assertEquals(1, c.problems().size());
        assertEquals("channel 'x'", c.problems().get(0).subject());
        c = StepHarness.of(new StackChannelsStep()).param("labels", "p,q").inputSpec("signal1", a)
                .inputSpec("signal2", b).configure();
        assertEquals("parameter 'labels'", c.problems().get(0).subject());
    }
}
