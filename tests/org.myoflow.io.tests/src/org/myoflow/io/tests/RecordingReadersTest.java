package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;

/** The readers on real files (data/real, see its README): labels, rates, units and the corpus reference values. */
class RecordingReadersTest {

    static Path real(String rel) {
        // the box-lifting C3D is stored once, in the cli bundle (the real-data benchmark reads it there too)
        Path p = rel.equals("pyomeca/markers_analogs.c3d")
                ? Path.of("..", "..", "bundles", "org.myoflow.cli", "realdata").resolve(rel)
                : Path.of("data", "real").resolve(rel);
        assertTrue(Files.isRegularFile(p), "test data " + p.toAbsolutePath());
        return p;
    }

    static RecordingSignal sig(Recording r, String name) {
        return r.signal(name).orElseThrow(() -> new AssertionError("no signal " + name + " in " + r.signals()));
    }

    /** Within 1e-6 relative (1e-12 absolute for zeros). */
    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-12, what);
    }

    static void channel(RecordingSignal s, int oneBased, String label, String unit, double[] first3, double mean) {
        int c = oneBased - 1;
        assertEquals(label, s.labels().get(c));
        assertEquals(unit, s.units().get(c), label + " unit");
        double[] d = s.data()[c];
        for (int i = 0; i < first3.length; i++) {
            close(first3[i], d[i], label + " sample " + i);
        }
        double m = 0;
        for (double v : d) {
            m += v;
        }
        close(mean, m / d.length, label + " mean");
    }

    @ParameterizedTest
    @ValueSource(strings = { "pc_int", "pc_real", "dec_int", "dec_real", "sgi_int", "sgi_real" })
    void sample02VariantsReadIdentically(String variant) {
        Recording r = Recordings.read(real("c3dio/sample_02/" + variant + ".c3d"));
        assertEquals("c3d", r.formatId());
        RecordingSignal a = sig(r, "analog");
        assertEquals(200.0, a.samplingRate());
        assertEquals(356, a.sampleCount());
        assertEquals(List.of("FX1", "FY1", "FZ1", "MX1", "MY1", "MZ1", "CH7", "CH8", "FX2", "FY2", "FZ2", "MX2", "MY2",
                "MZ2", "CH15", "CH16"), a.labels());
        assertEquals("ntmm", a.units().get(3));
        channel(a, 1, "FX1", "nt", new double[] { -7.74000013, -7.31000012, -6.0200001 }, 3.17426972);
        channel(a, 2, "FY1", "nt", new double[] { 9.28200004, 10.608, 10.608 }, 8.51222475);
        assertEquals(ChannelKind.FORCE, a.kinds().get(0));
        assertEquals(ChannelKind.MOMENT, a.kinds().get(3));
        RecordingSignal m = sig(r, "markers");
        assertEquals(50.0, m.samplingRate());
        assertEquals(89, m.sampleCount());
        assertEquals("RFT1_X", m.labels().get(0));
        assertEquals("mm", m.units().get(0));
        // frame 1 of RFT1 is invalid (residual -1): missing, not the origin
        assertTrue(Double.isNaN(m.data()[0][0]));
        // identical to the Intel int16 file, sample by sample
        Recording ref = Recordings.read(real("c3dio/sample_02/pc_int.c3d"));
        RecordingSignal ra = sig(ref, "analog");
        for (int c = 0; c < a.channelCount(); c++) {
            for (int i = 0; i < a.sampleCount(); i++) {
                assertEquals(ra.data()[c][i], a.data()[c][i], 1e-9 * (1 + Math.abs(ra.data()[c][i])),
                        variant + " channel " + c + " sample " + i);
            }
        }
        RecordingSignal rm = sig(ref, "markers");
        for (int c = 0; c < m.channelCount(); c++) {
            for (int i = 0; i < m.sampleCount(); i++) {
                double e = rm.data()[c][i];
                double v = m.data()[c][i];
                assertEquals(Double.isNaN(e), Double.isNaN(v), variant + " marker " + c + " frame " + i);
                if (!Double.isNaN(e)) {
                    // int16 variants are quantised to POINT:SCALE (0.28 mm)
                    assertEquals(e, v, 0.3, variant + " marker " + c + " frame " + i);
                }
            }
        }
    }

    @Test
    void istGaitWithEmg() {
        Recording r = Recordings.read(real("c3dio/sample_00/IST_Gait_with_EMG.c3d"));
        RecordingSignal a = sig(r, "analog");
        assertEquals(1080.0, a.samplingRate());
        assertEquals(2412, a.sampleCount());
        assertEquals(32, a.channelCount());
        channel(a, 1, "F1X", "N", new double[] { 0, 0, 0 }, -0.0149460218);
        channel(a, 13, "RVAS", "V", new double[] { 0, 0, 0 }, 0.0222742894);
        channel(a, 16, "RTIB", "V", new double[] { 0, 0, 0 }, 0.017154624);
        // empty labels 21..32 made unique and reported
        assertEquals("A21", a.labels().get(20));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("ANALOG:LABELS") && w.contains("21 (empty)")));
        RecordingSignal m = sig(r, "markers");
        assertEquals("m", m.units().get(0));
        assertEquals(60.0, m.samplingRate());
        assertEquals(24 * 3, m.channelCount());
    }

    @Test
    void newwalkDecInt16WithEmg() {
        Recording r = Recordings.read(real("c3dio/sample_06/newwalk.c3d"));
        assertEquals("DEC", r.metadata().get("processor"));
        RecordingSignal a = sig(r, "analog");
        assertEquals(960.0, a.samplingRate());
        assertEquals(5760, a.sampleCount());
        channel(a, 1, "F1X", "N", new double[] { -0.48828125, -0.48828125, -0.671386719 }, -1.16053687);
        channel(a, 13, "RTRE", "V", new double[] { -0.244200253, -0.0195360202, 0.0 }, -0.0583091698);
        channel(a, 14, "RTTI", "V", new double[] { -0.219780228, -0.0781440809, -0.158730164 }, -0.0167735049);
        // every marker of frame 1 is invalid
        RecordingSignal m = sig(r, "markers");
        for (int c = 0; c < m.channelCount(); c++) {
            assertTrue(Double.isNaN(m.data()[c][0]));
        }
        // duplicate point labels made unique
        assertEquals(m.channelCount(), m.labels().stream().distinct().count());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("POINT:LABELS")));
    }

    @Test
    void unsignedAnalogOffsetsReadModulo65536() {
        Recording r = Recordings.read(real("c3dio/sample_17/128analogchannels.c3d"));
        assertEquals("UNSIGNED", r.metadata().get("analogFormat"));
        RecordingSignal a = sig(r, "analog");
        assertEquals(128, a.channelCount());
        assertEquals(160.0, a.samplingRate());
        assertEquals(4038, a.sampleCount());
        channel(a, 1, "CH1", "N", new double[] { -0.0081814602, 0.0081814602, -0.081814602 }, -0.314816024);
        channel(a, 2, "CH2", "N", new double[] { -0.0245443806, 0.040907301, -0.0163629204 }, 0.746678797);
        channel(a, 3, "CH3", "N", new double[] { -0.0082034301, -0.0492205806, 0.0574240107 }, 0.0885535698);
        assertEquals("V", a.units().get(127));
        // CH43 twice in the file
        assertEquals("CH43", a.labels().get(41));
        assertEquals("CH43_2", a.labels().get(42));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'CH43' -> 'CH43_2'")));
    }

    @Test
    void headerFirstFrameZeroAndGenScale() {
        Recording r = Recordings.read(real("c3dio/sample_30/emgwl.c3d"));
        RecordingSignal a = sig(r, "analog");
        assertEquals(1, r.signals().size(), "no points");
        assertEquals(1600.0, a.samplingRate());
        assertEquals(16032, a.sampleCount());
        close(10.02, a.duration(), "duration");
        channel(a, 1, "MG-1", "Volt", new double[] { -0.0141113285, -0.0124511719, -0.0141113285 }, -0.0128380964);
        channel(a, 3, "MG-3", "Volt", new double[] { -0.0390136703, -0.0406738289, -0.035693361 }, -0.0385843425);
        assertEquals(ChannelKind.EMG, a.kinds().get(0));
    }

    @Test
    void latin1UnitsOneBytePointParameters() {
        Recording r = Recordings.read(real("c3dio/sample_35/Mega_Electronics_Isokinetic_EMG_Angle_Torque.c3d"));
        RecordingSignal a = sig(r, "analog");
        assertEquals(1250.0, a.samplingRate());
        assertEquals(36250, a.sampleCount());
        assertEquals(List.of("uV", "uV", "°", "Nm"), a.units());
        channel(a, 1, "Vastus medialis", "uV", new double[] { 0, 0, 0 }, 0.21447714);
        channel(a, 2, "Vastus lateralis", "uV", new double[] { 0, 0, 0 }, -1.07447445);
        channel(a, 3, "Angle", "°", new double[] { 0, 0, 0 }, 38.9453384);
        channel(a, 4, "Torque", "Nm", new double[] { 0, 0, 0 }, 8.70069558);
        assertEquals(List.of(ChannelKind.EMG, ChannelKind.EMG, ChannelKind.ANGLE, ChannelKind.MOMENT), a.kinds());
    }

    @Test
    void pyomecaC3dEqualsItsViconCsvExport() {
        Recording c3d = Recordings.read(real("pyomeca/markers_analogs.c3d"));
        RecordingSignal a = sig(c3d, "analog");
        assertEquals(38, a.channelCount());
        assertEquals(2000.0, a.samplingRate());
        assertEquals(11600, a.sampleCount());
        channel(a, 1, "Voltage.1", "V", new double[] { -0.0220515728, -0.0199153423, -0.0199153423 }, -0.0147986821);
        channel(a, 7, "Delt_ant.EMG1", "V", new double[] { -2.60891229e-05, -2.54411752e-05, -2.45576939e-05 },
                -1.93823432e-05);
        channel(a, 17, "Biceps.EMG4", "V", new double[] { 9.72763337e-06, 9.56740678e-06, 9.56740678e-06 },
                8.4034619e-06);
        RecordingSignal m = sig(c3d, "markers");
        assertEquals(100.0, m.samplingRate());
        close(44.16279, m.data()[0][0], "first marker x");

        Recording csv = Recordings.read(real("pyomeca/analogs_first1000.csv"));
        assertEquals("vicon-csv", csv.formatId());
        RecordingSignal d = sig(csv, "devices");
        assertEquals(2000.0, d.samplingRate());
        assertEquals(1000, d.sampleCount());
        assertEquals(38, d.channelCount());
        // channels matched by name: the C3D's "Muscle.EMG1" is the CSV's "EMG1", "Voltage.1" is "Voltage.1"
        int matched = 0;
        for (int c = 0; c < d.channelCount(); c++) {
            String label = d.labels().get(c);
            int k = -1;
            for (int j = 0; j < a.channelCount(); j++) {
                String l = a.labels().get(j);
                if (l.equals(label) || l.endsWith("." + label)) {
                    k = j;
                }
            }
            assertTrue(k >= 0, "CSV channel " + label + " in the C3D");
            for (int i = 0; i < d.sampleCount(); i++) {
                double e = a.data()[k][i];
                // print precision: the CSV rounds to 6 significant digits (0.0220516), or to 3 in E format
                // (-2.61E-05): half a unit of the third digit, 5e-3 relative, or 5e-8 V near zero
                assertEquals(e, d.data()[c][i], 5e-3 * Math.abs(e) + 5e-8, label + " sample " + i);
                if (label.startsWith("Voltage")) {
                    assertEquals(e, d.data()[c][i], 5e-6 * Math.abs(e) + 5e-8, label + " sample " + i);
                }
            }
            matched++;
        }
        assertEquals(38, matched);
    }

    @Test
    void delsysTrignoCsv() {
        Recording r = Recordings.read(real("emgio/truncated_trigno_sample.csv"));
        assertEquals("delsys-csv", r.formatId());
        RecordingSignal emg = sig(r, "emg");
        assertEquals(1259.259, emg.samplingRate(), 1e-9);
        assertEquals(2519, emg.sampleCount());
        channel(emg, 1, "Mini sensor 10: EMG 10", "V", new double[] { 0, 0, 0 }, -1.15416848e-05);
        channel(emg, 2, "Mini sensor 11: EMG 11", "V", new double[] { 0, 0, 0 }, -2.1396547e-05);
        RecordingSignal aux = sig(r, "aux");
        assertEquals(148.1481, aux.samplingRate(), 1e-9);
        assertEquals(297, aux.sampleCount());
        assertEquals(12, aux.channelCount());
        channel(aux, 1, "Mini sensor 10: ACC.X 10", "g", new double[] { 0, 0, 0 }, 0.0976562505);
        channel(aux, 6, "Mini sensor 10: GYRO.Z 10", "°/s", new double[] { 0, 0, 0 }, -2.3587501);
        channel(aux, 7, "Mini sensor 11: ACC.X 11", "g", new double[] { 0, 0, 0 }, -0.365808147);
        channel(aux, 12, "Mini sensor 11: GYRO.Z 11", "°/s", new double[] { 0, 0, 0 }, -0.0314116688);
        assertEquals(ChannelKind.ACCELEROMETER, aux.kinds().get(0));
        assertEquals(ChannelKind.GYROSCOPE, aux.kinds().get(5));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("81141 points, the file has 2519")));
    }

    @Test
    void openSimCoordinatesWithWrongHeaderCount() {
        Recording r = Recordings.read(real("opensim-core/example3DWalking/coordinates.sto"));
        RecordingSignal s = sig(r, "data");
        assertEquals(31, s.channelCount());
        assertEquals(1350, s.sampleCount());
        assertEquals(1000.0, s.samplingRate(), 1e-6);
        assertEquals(0.45, s.startTime(), 1e-12);
        assertEquals("/jointset/ground_pelvis/pelvis_tilt/value", s.labels().get(0));
        assertEquals("rad", s.units().get(0));
        assertEquals("m", s.units().get(3));
        assertEquals(ChannelKind.ANGLE, s.kinds().get(0));
        channel(s, 1, "/jointset/ground_pelvis/pelvis_tilt/value", "rad", new double[] { 0.00160659355 },
                0.0121471545);
        channel(s, 2, "/jointset/ground_pelvis/pelvis_list/value", "rad", new double[] { -0.0457283842 },
                0.0166814274);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("nColumns=40") && w.contains("32 labels")));
    }

    @Test
    void pyomecaCommaSeparatedStorage() {
        Recording kin = Recordings.read(real("pyomeca/inverse_kin.mot"));
        RecordingSignal k = sig(kin, "data");
        assertEquals(25, k.channelCount());
        assertEquals(88, k.sampleCount());
        assertEquals(100.0, k.samplingRate(), 1e-6);
        channel(k, 1, "thorax_tilt", "deg", new double[] { -27.9080718 }, -24.6235707);
        channel(k, 2, "thorax_list", "deg", new double[] { -5.48905351 }, -3.13299386);
        assertTrue(kin.warnings().stream().anyMatch(w -> w.contains("nRows=250") && w.contains("88")));
        Recording dyn = Recordings.read(real("pyomeca/inverse_dyn.sto"));
        RecordingSignal d = sig(dyn, "data");
        assertEquals(92, d.sampleCount());
        channel(d, 1, "thorax_tilt_moment", "", new double[] { -4.47756531 }, -8.35219262);
        channel(d, 2, "thorax_list_moment", "", new double[] { -8.90170048 }, -9.08827239);
        assertEquals(ChannelKind.MOMENT, d.kinds().get(0));
    }

    @Test
    void trcMarkers() {
        Recording r = Recordings.read(real("pyomeca/markers.trc"));
        RecordingSignal m = sig(r, "markers");
        assertEquals(51 * 3, m.channelCount());
        assertEquals(93, m.sampleCount());
        assertEquals(100.0, m.samplingRate());
        assertEquals(List.of("ASISl_X", "ASISl_Y", "ASISl_Z", "ASISr_X"), m.labels().subList(0, 4));
        assertEquals("mm", m.units().get(0));
        assertArrayEquals(new double[] { 733.7041, 80.9832, 191.8668 },
                new double[] { m.data()[0][0], m.data()[1][0], m.data()[2][0] }, 1e-9);
        channel(m, 1, "ASISl_X", "mm", new double[] { 733.7041 }, 726.919175);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("NumFrames=652")));
    }
}
