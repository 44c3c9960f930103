package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.io.Bids;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.internal.ExportBidsStep;

/** BIDS-EMG: a simulated run exported as a dataset reads back within one quantisation step, with its tables. */
class BidsTest {

    @TempDir
    Path dir;

    /** A 4 x 4 grid "simulation": EMG, MUAP bank with positions, spike trains, excitation. */
    static Signal gridEmg(int n, long seed) {
        Random r = new Random(seed);
        Signal.Builder b = Signal.builder(2048).quantity("emg");
        for (int row = 1; row <= 4; row++) {
            for (int col = 1; col <= 4; col++) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = 0.05 * r.nextGaussian() + 0.2 * Math.sin(2 * Math.PI * 80 * i / 2048.0 + row + col);
                }
                b.channel("r" + row + "c" + col, "mV", d);
            }
        }
        return b.build();
    }

    static MuapBank bank() {
        int nc = 16;
        double[][][] w = new double[2][nc][32];
        List<String> labels = new ArrayList<>();
        double[][] pos = new double[nc][];
        for (int c = 0; c < nc; c++) {
            labels.add("r" + (c / 4 + 1) + "c" + (c % 4 + 1));
            pos[c] = new double[] { 5.0 * (c / 4), 5.0 * (c % 4) };
            for (int u = 0; u < 2; u++) {
                for (int i = 0; i < 32; i++) {
                    w[u][c][i] = Math.exp(-0.1 * (i - 16) * (i - 16)) * (u + 1) * (c + 1) * 0.01;
                }
            }
        }
        return new MuapBank(w, 2048, -0.0078, labels, null, pos, 4, 4, "mV", "monopolar");
    }

    @Test
    void exportedRunReadsBackWithTablesAndGroundTruth() throws Exception {
        Signal emg = gridEmg(4096, 1);
        SpikeTrains st = new SpikeTrains(new double[][] { { 0.1, 0.3, 0.7 }, { 0.25, 1.5 } }, 2.0, null);
        Signal exc = Signal.builder(100).quantity("excitation").channel("e", "", new double[200]).build();
        Path root = dir.resolve("ds");
        Map<String, ?> out = StepHarness.of(new ExportBidsStep()).input("emg", emg).input("spikes", st)
                .input("excitation", exc).input("muaps", bank()).param("folder", root.toString())
                .param("subject", "01").param("task", "isometric").param("run", "1").param("session", "a")
                .param("powerLineFrequency", 60.0).run();
        Signal stored = (Signal) out.get("signal");
        assertEquals(emg.labels(), stored.labels());

        assertTrue(Bids.isDataset(root));
        List<Bids.Entry> list = Bids.list(root);
        assertEquals(1, list.size());
        Bids.Entities e = list.get(0).entities();
        assertEquals(new Bids.Entities("01", "a", "isometric", "", "1"), e);
        Path data = root.resolve("sub-01/ses-a/emg/sub-01_ses-a_task-isometric_run-1_emg.bdf");
        assertEquals(data, list.get(0).file());

        Bids.Run run = Bids.read(data);
        RecordingSignal s = run.recording().signals().get(0);
        assertEquals(2048.0, s.samplingRate());
        assertEquals(4096, s.sampleCount());
        assertEquals(16, run.channels().size());
        assertEquals("EMG", run.channels().get(0).type());
        assertEquals("mV", run.channels().get(0).units());
        assertEquals("good", run.channels().get(0).status());
        assertTrue(s.kinds().stream().allMatch(k -> k == ChannelKind.EMG));
        assertEquals(16, run.electrodes().size());
        assertArrayEquals(new int[] { 4, 4 }, run.grid().orElseThrow());
        assertEquals(15.0, run.electrodes().get(15).x());
        assertEquals("array", run.electrodes().get(0).coordinateSystem());
        assertEquals("mm", run.coordinateSystem().get("EMGCoordinateUnits"));
        assertEquals(60.0, ((Number) run.sidecar().get("PowerLineFrequency")).doubleValue());
        assertEquals(16.0, ((Number) run.sidecar().get("EMGChannelCount")).doubleValue());
        for (String key : List.of("EMGReference", "SamplingFrequency", "SoftwareFilters", "TaskName",
                "RecordingType")) {
            assertTrue(run.sidecar().containsKey(key), key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) run.sidecar().get("MyoflowQuantisation");
        @SuppressWarnings("unchecked")
        double step = ((Number) ((List<Map<String, Object>>) q.get("quantisation")).get(0).get("step"))
                .doubleValue();
        for (int c = 0; c < 16; c++) {
            for (int i = 0; i < 4096; i++) {
                assertEquals(emg.get(c, i), s.data()[c][i], step * 1.0001, "channel " + c + " sample " + i);
                assertEquals(s.data()[c][i], stored.get(c, i), 0);
            }
        }
        // the BIDS-aware reader is what Recordings picks for the data file
        Recording viaReaders = Recordings.read(data);
        assertEquals("bids-emg", viaReaders.formatId());
        assertEquals("01", viaReaders.metadata().get("bids subject"));
        // ground truth under derivatives
        Path der = root.resolve("derivatives/myoflow/sub-01/ses-a/emg");
        List<String> spikes = Files.readAllLines(der.resolve("sub-01_ses-a_task-isometric_run-1_desc-groundtruth_"
                + "spikes.tsv"));
        assertEquals(List.of("unit\ttime", "MU1\t0.1", "MU1\t0.3", "MU1\t0.7", "MU2\t0.25", "MU2\t1.5"), spikes);
        assertTrue(Files.exists(der.resolve("sub-01_ses-a_task-isometric_run-1_desc-muaps.npy")));
        assertTrue(Files.exists(der.resolve("sub-01_ses-a_task-isometric_run-1_desc-excitation.json")));
        assertTrue(Files.exists(root.resolve("derivatives/myoflow/dataset_description.json")));
        assertEquals(List.of("participant_id", "sub-01"), Files.readAllLines(root.resolve("participants.tsv")));
    }

    @Test
    void secondRunJoinsTheDatasetAndLabelsGiveTheGrid() throws Exception {
        Path root = dir.resolve("ds2");
        for (String sub : List.of("02", "01")) {
            StepHarness.of(new ExportBidsStep()).input("emg", gridEmg(2048, 2)).param("folder", root.toString())
                    .param("subject", sub).param("task", "grip").param("format", "EDF")
                    .param("interElectrodeDistance", 10.0).run();
        }
        List<Bids.Entry> list = Bids.list(root);
        assertEquals(List.of("01", "02"), list.stream().map(x -> x.entities().subject()).toList());
        assertTrue(list.get(0).file().toString().endsWith("sub-01_task-grip_emg.edf"));
        Bids.Run run = Bids.read(list.get(1).file());
        assertArrayEquals(new int[] { 4, 4 }, run.grid().orElseThrow());
        assertEquals(30.0, run.electrodes().get(15).x());
        assertEquals(List.of("participant_id", "sub-02", "sub-01"), Files.readAllLines(root.resolve(
                "participants.tsv")));
    }

    @Test
    void damagedTablesAreNamedWithTheirLine() throws Exception {
        Path root = dir.resolve("ds3");
        StepHarness.of(new ExportBidsStep()).input("emg", gridEmg(2048, 3)).param("folder", root.toString()).run();
        Path data = Bids.list(root).get(0).file();
        Path ch = Bids.sibling(data, "channels.tsv");
        List<String> lines = new ArrayList<>(Files.readAllLines(ch));
        lines.set(3, "r1c3\tEMG");
        Files.write(ch, lines);
        DataException e = assertThrows(DataException.class, () -> Bids.read(data));
        assertTrue(e.getMessage().startsWith(ch + ":4: "), e.getMessage());
        Path el = Bids.sibling(data, "electrodes.tsv");
        Files.writeString(ch, "name\ttype\n");
        assertTrue(assertThrows(DataException.class, () -> Bids.read(data)).getMessage().contains("no 'units'"));
        Files.delete(ch);
        List<String> els = new ArrayList<>(Files.readAllLines(el));
        els.set(2, els.get(2).replaceFirst("\t[0-9.]+\t", "\tfar\t"));
        Files.write(el, els);
        DataException e2 = assertThrows(DataException.class, () -> Bids.read(data));
        assertTrue(e2.getMessage().startsWith(el + ":3: x must be a number"), e2.getMessage());
        assertThrows(DataException.class, () -> Bids.list(dir));
        assertFalse(Bids.isDataset(dir));
        assertThrows(DataException.class, () -> new Bids.Entities("0-1", "", "t", "", ""));
    }

    /** A dataset laid out by hand as another tool would: sessions, acq and run entities, ACCEL, bad, events. */
    @Test
    void handWrittenDatasetWithTypesStatusAndEvents() throws IOException {
        Path root = dir.resolve("hand");
        Path emgDir = root.resolve("sub-p7/ses-pre/emg");
        Files.createDirectories(emgDir);
        Files.writeString(root.resolve("dataset_description.json"), "{\"Name\": \"x\", \"BIDSVersion\": \"1.11.0\"}");
        RecordingSignal s = new RecordingSignal("g", 1000, 0, List.of("TA", "GM", "AccX"), List.of("uV", "uV", "g"),
                List.of(ChannelKind.OTHER, ChannelKind.OTHER, ChannelKind.OTHER), new double[][] { new double[2000],
                    new double[2000], new double[2000] });
        Path data = emgDir.resolve("sub-p7_ses-pre_task-gait_acq-bipolar_run-02_emg.edf");
        org.myoflow.io.EdfWriter.write(new Recording(Path.of("x"), "t", "", Map.of(), List.of(s), List.of(),
                List.of()), data);
        Files.writeString(Bids.sibling(data, "channels.tsv"), "name\ttype\tunits\tstatus\ttarget_muscle\n"
                + "TA\tEMG\tµV\tgood\ttibialis anterior\nGM\tEMG\tµV\tbad\tgastrocnemius\n"
                + "AccX\tACCEL\tg\tgood\tn/a\n");
        Files.writeString(Bids.sibling(data, "events.tsv"), "onset\tduration\ttrial_type\n1.25\t0.5\theel strike\n");
        Files.writeString(Bids.sibling(data, "electrodes.tsv"), "name\tx\ty\tz\tcoordinate_system\n"
                + "E1\tn/a\tn/a\tn/a\tleg\n");
        Files.writeString(emgDir.resolve("sub-p7_ses-pre_space-leg_coordsystem.json"),
                "{\"EMGCoordinateSystem\": \"Other\", \"EMGCoordinateUnits\": \"percent\"}");
        List<Bids.Entry> list = Bids.list(root);
        assertEquals(new Bids.Entities("p7", "pre", "gait", "bipolar", "02"), list.get(0).entities());
        Bids.Run run = Bids.read(root); // the one recording of the dataset
        RecordingSignal g = run.recording().signals().get(0);
        assertEquals(List.of(ChannelKind.EMG, ChannelKind.EMG, ChannelKind.ACCELEROMETER), g.kinds());
        assertEquals(List.of("µV", "µV", "g"), g.units());
        assertEquals("bad", run.recording().metadata().get("status GM"));
        assertEquals("gastrocnemius", run.channels().get(1).columns().get("target_muscle"));
        assertEquals(1, run.recording().events().size());
        assertEquals("heel strike", run.recording().events().get(0).label());
        assertEquals("duration 0.5 s", run.recording().events().get(0).description());
        assertTrue(Double.isNaN(run.electrodes().get(0).x()));
        assertTrue(run.grid().isEmpty());
        assertEquals("percent", run.coordinateSystem().get("EMGCoordinateUnits"));
    }

    @Test
    void exportNeedsPositivePowerLineAndLabels() throws IOException {
        Recording r = ExportBidsStep.recording(gridEmg(64, 4));
        assertThrows(DataException.class, () -> Bids.export(dir, new Bids.Entities("01", "", "", "", ""), r, 50,
                false, null, null));
        assertThrows(DataException.class, () -> Bids.export(dir, new Bids.Entities("01", "", "t", "", ""), r, 0,
                false, null, null));
    }
}
