package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.io.internal.ReadRecordingStep;
import org.myoflow.io.internal.ReadSignalStep;

class ReadRecordingStepTest {

    @Test
    void descriptor() {
        var d = new ReadRecordingStep().descriptor();
        assertEquals("org.myoflow.io.read-recording", d.id());
        assertEquals(List.of("file", "signal", "channels", "pattern", "kind", "rename", "units", "quantity",
                "samplingRate"),
                d.parameters().specs().stream().map(ParameterSpec::name).toList());
    }

    @Test
    void emgOfAViconC3dRenamedInSiUnits() throws Exception {
        String f = RecordingReadersTest.real("pyomeca/markers_analogs.c3d").toString();
        Signal s = (Signal) StepHarness.of(new ReadRecordingStep()).param("file", f).param("kind", "emg")
                .param("pattern", "\\.EMG[45]$").param("rename", "Biceps.EMG4=Biceps").param("units", "SI").run()
                .get("signal");
        assertEquals(List.of("Biceps", "Triceps.EMG5"), s.labels());
        assertEquals(List.of("V", "V"), s.units());
        assertEquals("emg", s.quantity());
        assertEquals(2000.0, s.samplingRate());
        assertEquals(11600, s.sampleCount());
        assertEquals(9.72763337e-06, s.get(0, 0), 1e-14);
    }

    @Test
    void delsysEmgByDefault() throws Exception {
        String f = RecordingReadersTest.real("emgio/truncated_trigno_sample.csv").toString();
        Signal s = (Signal) StepHarness.of(new ReadRecordingStep()).param("file", f).run().get("signal");
        assertEquals(2, s.channelCount());
        assertEquals(1259.259, s.samplingRate(), 1e-9);
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new ReadRecordingStep())
                .param("file", f).param("pattern", "10$").run());
        assertTrue(e.getMessage().contains("signals of different rates"), e.getMessage());
    }

    @Test
    void readSignalReadsC3dToo() throws Exception {
        String f = RecordingReadersTest.real("c3dio/sample_30/emgwl.c3d").toString();
        Signal s = (Signal) StepHarness.of(new ReadSignalStep()).param("file", f).param("channels", "MG-2,MG-1")
                .run().get("signal");
        assertEquals(List.of("MG-2", "MG-1"), s.labels());
        assertEquals(-0.0141113285, s.get(1, 0), 1e-9);
        assertEquals(1600.0, s.samplingRate());
    }
}
