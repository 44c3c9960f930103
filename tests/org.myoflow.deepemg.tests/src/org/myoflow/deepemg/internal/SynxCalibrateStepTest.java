package org.myoflow.deepemg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.ResultTable;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.deepemg.EmgScaleCalibration;
import org.myoflow.io.DatasetFiles;

/**
 * The SynX calibration step on a dataset (the shipped CEINMS-RT gait data, examples/data/gait2392): scale factors
 * within their bounds and a calibrated moment error at most the uncalibrated one; known scale factors recovered
 * from moments generated with them; identical tables on a rerun; the apply step reproducing the fit; bad input
 * named.
 */
class SynxCalibrateStepTest {

    static final Path GAIT = Path.of("..", "..", "examples", "data", "gait2392");
    static final String MEASURED = "soleus_r,med_gas_r,lat_gas_r,tib_ant_r,semimem_r,bifemlh_r,vas_lat_r,rect_fem_r,"
            + "vas_med_r";
    static final String UNMEASURED = "vas_int_r,bifemsh_r";
    static final String COORDS = "knee_angle_r,ankle_angle_r";

    static Dataset gait;

    @BeforeAll
    static void read() {
        gait = DatasetFiles.manifest(GAIT.resolve("dataset.tsv")).load();
    }

    static Dataset first(int n) {
        return new Dataset(gait.trials().subList(0, n));
    }

    static StepHarness calibrate(Dataset trials) {
        return StepHarness.of(new SynxCalibrateStep()).input("trials", trials)
                .param("model", GAIT.resolve("gait2392.osim").toString()).param("coordinates", COORDS)
                .param("measured", MEASURED).param("unmeasured", UNMEASURED).param("synergies", 4)
                .param("maxSeconds", 6.0).seed(7);
    }

    /**
     * Two gait trials: finite scale factors within [minScale, 1/max envelope], a calibrated moment RMSE (all
     * coordinates, normalised) at most the uncalibrated one, and per coordinate plausible figures.
     */
    @Test
    void gaitTwoTrialsScaleFactorsWithinBoundsAndRmseNotWorse() throws Exception {
        Map<String, Data> out = calibrate(first(2)).run();
        ResultTable cal = (ResultTable) out.get("calibration");
        ResultTable fit = (ResultTable) out.get("fit");
        List<String> measured = List.of(MEASURED.split(","));
        assertEquals(11, cal.rows().size());
        assertEquals(List.of("measured", "scale", "synergy_1", "synergy_2", "synergy_3", "synergy_4"), cal.columns());
        StringBuilder sb = new StringBuilder();
        for (String m : measured) {
            double s = cal.get(m, "scale");
            double max = 0;
            for (int t = 0; t < 2; t++) {
                Signal e = gait.trial(t).signal("envelope").orElseThrow();
                double[] ch = e.channel(m);
                for (int k = 0; k < Math.min(ch.length, 300); k++) {
                    max = Math.max(max, Math.min(1, ch[k]));
                }
            }
            assertTrue(Double.isFinite(s) && s >= 0.05 - 1e-12 && s * max <= 1 + 1e-9, m + " scale " + s
                    + " max envelope " + max);
            assertEquals(1, cal.get(m, "measured"), 0);
            sb.append(String.format(Locale.ROOT, "%s %.4f%n", m, s));
        }
        for (String m : List.of("vas_int_r", "bifemsh_r")) {
            assertEquals(0, cal.get(m, "measured"), 0);
            assertTrue(Double.isNaN(cal.get(m, "scale")));
            for (int y = 1; y <= 4; y++) {
                double w = cal.get(m, "synergy_" + y);
                assertTrue(Double.isFinite(w) && w >= 0, m + " weight " + w);
            }
        }
        assertEquals(List.of("knee_angle_r", "ankle_angle_r", SynxCalibrateStep.ALL), fit.rows());
        double before = fit.get(SynxCalibrateStep.ALL, "rmse_uncalibrated");
        double after = fit.get(SynxCalibrateStep.ALL, "rmse_calibrated");
        assertTrue(after <= before + 1e-9, "calibrated " + after + " <= uncalibrated " + before);
        for (String c : List.of("knee_angle_r", "ankle_angle_r")) {
            double rms = fit.get(c, "rms_moment");
            assertTrue(rms > 5 && rms < 300, c + " moment rms " + rms);
            double e = fit.get(c, "rmse_calibrated");
            assertTrue(e > 0 && e < rms, c + " calibrated RMSE " + e + " below the moment rms " + rms);
        }
        for (int r = 0; r < fit.rows().size(); r++) {
            sb.append(String.format(Locale.ROOT, "%s rms %.3f RMSE uncalibrated %.3f calibrated %.3f%n",
                    fit.rows().get(r), fit.get(r, 0), fit.get(r, 1), fit.get(r, 2)));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "synx-calibrate-gait.txt"), sb.toString());
    }

    /** Same input, same seed: identical tables. */
    @Test
    void deterministic() throws Exception {
        Map<String, Data> a = calibrate(first(2)).param("maxSeconds", 3.0).run();
        Map<String, Data> b = calibrate(first(2)).param("maxSeconds", 3.0).run();
        assertEquals(a.get("calibration"), b.get("calibration"));
        assertArrayEquals(((ResultTable) a.get("calibration")).values(),
                ((ResultTable) b.get("calibration")).values(), 0);
        assertArrayEquals(((ResultTable) a.get("fit")).values(), ((ResultTable) b.get("fit")).values(), 0);
    }

    static final double[] TRUE_SCALE = {0.6, 1.3, 0.9, 1.7};
    static final String SYNTH_MEASURED = "soleus_r,tib_ant_r,vas_lat_r,bifemlh_r";

    /** A trial whose moments are the model's with the true scale factors on half the real envelopes. */
    static Trial synthetic(int index) {
        return synthetic(index, TRUE_SCALE, null);
    }

    /** As {@link #synthetic(int)} with other scale factors and, if not null, another subject. */
    static Trial synthetic(int index, double[] scales, String subject) {
        Trial real = gait.trial(index);
        Signal env = real.signal("envelope").orElseThrow();
        int n = 250;
        Signal.Builder e = Signal.builder(env.samplingRate()).startTime(env.startTime()).quantity("envelope");
        for (String m : SYNTH_MEASURED.split(",")) {
            double[] ch = env.channel(m);
            double[] h = new double[n];
            for (int k = 0; k < n; k++) {
                h[k] = 0.5 * Math.max(0, Math.min(1, ch[k]));
            }
            e.channel(m, "", h);
        }
        Signal envelopes = e.build();
        Map<String, Signal> roles = new LinkedHashMap<>();
        roles.put("envelope", envelopes);
        roles.put("kinematics", real.signal("kinematics").orElseThrow());
        roles.put("moments", real.signal("moments").orElseThrow());
        Trial draft = new Trial(real.metadata(), roles, Map.of());
        SynxCalibrateStep.Settings s = new SynxCalibrateStep.Settings();
        s.model = GAIT.resolve("gait2392.osim");
        s.coordinates = COORDS;
        SynxTrials.Setup setup = SynxTrials.setup(s, List.of(SYNTH_MEASURED.split(",")), List.of("vas_int_r"));
        SynxTrials.TrialData d = SynxTrials.trial(s, setup, draft, "synthetic");
        EmgScaleCalibration.Trial t = d.trial(new double[][] {new double[d.samples()]});
        double[][] tau = new EmgScaleCalibration.Result(scales, new double[][] {{0}}, 0).torques(t);
        Signal.Builder mom = Signal.builder(env.samplingRate()).startTime(env.startTime()).quantity("torque");
        mom.channel("knee_angle_r_moment", "N·m", tau[0]).channel("ankle_angle_r_moment", "N·m", tau[1]);
        roles.put("moments", mom.build());
        Map<String, String> meta = new LinkedHashMap<>(real.metadata());
        if (subject != null) {
            meta.put("subject", subject);
        }
        return new Trial(meta, roles, Map.of());
    }

    /** Moments generated with known scale factors (the unmeasured muscle silent): the step recovers them. */
    @Test
    void recoversKnownScaleFactors() throws Exception {
        Dataset d = new Dataset(List.of(synthetic(0), synthetic(2)));
        Map<String, Data> out = StepHarness.of(new SynxCalibrateStep()).input("trials", d)
                .param("model", GAIT.resolve("gait2392.osim").toString()).param("coordinates", COORDS)
                .param("measured", SYNTH_MEASURED).param("unmeasured", "vas_int_r").param("synergies", 2)
                .param("ridge", 0.0).seed(3).run();
        ResultTable cal = (ResultTable) out.get("calibration");
        String[] m = SYNTH_MEASURED.split(",");
        for (int i = 0; i < m.length; i++) {
            assertEquals(TRUE_SCALE[i], cal.get(m[i], "scale"), 1e-5, m[i]);
        }
        assertEquals(0, cal.get("vas_int_r", "synergy_1"), 1e-5);
        assertEquals(0, cal.get("vas_int_r", "synergy_2"), 1e-5);
        ResultTable fit = (ResultTable) out.get("fit");
        assertTrue(fit.get(SynxCalibrateStep.ALL, "rmse_calibrated") < 1e-5, fit.toString());
        assertTrue(fit.get(SynxCalibrateStep.ALL, "rmse_uncalibrated") > 0.05,
                "scale factors 1 cannot reproduce the moments: " + fit);
    }

    /** The apply step on a training trial gives the calibrated fit's moments; on a test trial finite values. */
    @Test
    void applyReproducesTheFitOnTrainingTrials() throws Exception {
        Map<String, Data> out = calibrate(first(2)).param("maxSeconds", 3.0).run();
        ResultTable cal = (ResultTable) out.get("calibration");
        Dataset applied = (Dataset) StepHarness.of(new SynxApplyStep()).input("calibration", cal)
                .input("trials", gait).param("model", GAIT.resolve("gait2392.osim").toString())
                .param("coordinates", COORDS).param("maxSeconds", 3.0).run().get("dataset");
        assertEquals(3, applied.size());
        double sq = 0;
        int n = 0;
        for (int t = 0; t < 2; t++) {
            Signal est = applied.trial(t).signal("synx-moments").orElseThrow();
            Signal id = applied.trial(t).signal("moments").orElseThrow();
            assertEquals(List.of("knee_angle_r_moment", "ankle_angle_r_moment"), est.labels());
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < est.sampleCount(); k++) {
                    double d = est.channel(c)[k] - id.channel(est.labels().get(c))[k];
                    sq += d * d / Math.pow(((ResultTable) out.get("fit")).get(c, 0), 2);
                    n++;
                }
            }
        }
        // the normalised RMSE over both training trials is the fit table's
        assertEquals(((ResultTable) out.get("fit")).get(SynxCalibrateStep.ALL, "rmse_calibrated"),
                Math.sqrt(sq / n), 1e-9);
        // a trial without moments: the same activations and model moments, channels named <coordinate>_moment
        Map<String, Signal> noMoments = new LinkedHashMap<>(gait.trial(2).signals());
        noMoments.remove("moments");
        Dataset bare = (Dataset) StepHarness.of(new SynxApplyStep()).input("calibration", cal)
                .input("trials", new Dataset(List.of(new Trial(gait.trial(2).metadata(), noMoments, Map.of()))))
                .param("model", GAIT.resolve("gait2392.osim").toString()).param("coordinates", COORDS)
                .param("maxSeconds", 3.0).run().get("dataset");
        Signal withId = applied.trial(2).signal("synx-moments").orElseThrow();
        Signal without = bare.trial(0).signal("synx-moments").orElseThrow();
        assertEquals(withId.labels(), without.labels());
        assertArrayEquals(withId.channel(0), without.channel(0), 0);
        assertArrayEquals(applied.trial(2).signal("synx").orElseThrow().channel("bifemsh_r"),
                bare.trial(0).signal("synx").orElseThrow().channel("bifemsh_r"), 0);
        Signal act = applied.trial(2).signal("synx").orElseThrow();
        assertEquals(11, act.channelCount());
        for (int c = 0; c < act.channelCount(); c++) {
            for (double v : act.channel(c)) {
                assertTrue(v >= 0 && v <= 1, act.labels().get(c) + " " + v);
            }
        }
    }

    /** Unknown names are parameter problems naming them; trial problems name the trial and the role. */
    @Test
    void badInputIsNamed() {
        Configuration c = calibrate(first(2)).param("measured", "soleus_r,foo_r").configure();
        assertTrue(c.problems().toString().contains("foo_r") && c.problems().toString().contains("measured"),
                c.problems().toString());
        c = calibrate(first(2)).param("coordinates", "knee_angle_r,elbow_flex").configure();
        assertTrue(c.problems().toString().contains("elbow_flex"), c.problems().toString());
        c = calibrate(first(2)).param("synergies", 12).configure();
        assertTrue(c.problems().toString().contains("synergies"), c.problems().toString());
        assertEquals(List.of(), calibrate(first(2)).configure().problems());

        List<Trial> ts = new ArrayList<>(first(2).trials());
        Map<String, Signal> roles = new LinkedHashMap<>(ts.get(1).signals());
        roles.remove("moments");
        ts.set(1, new Trial(ts.get(1).metadata(), roles, Map.of()));
        DataException e = assertThrows(DataException.class, () -> calibrate(new Dataset(ts)).run());
        assertTrue(e.getMessage().startsWith("trials: trial 2 (sub-06/task-walk/trial-2/cond-walk45)")
                && e.getMessage().contains("role 'moments'"), e.getMessage());

        Signal kin = gait.trial(0).signal("kinematics").orElseThrow();
        Signal.Builder b = Signal.builder(kin.samplingRate()).startTime(kin.startTime()).quantity("angle");
        for (int k = 0; k < kin.channelCount(); k++) {
            if (!kin.labels().get(k).equals("knee_angle_r")) {
                b.channel(kin.labels().get(k), kin.units().get(k), kin.channel(k));
            }
        }
        Map<String, Signal> noKnee = new LinkedHashMap<>(gait.trial(0).signals());
        noKnee.put("kinematics", b.build());
        Dataset lacking = new Dataset(List.of(new Trial(gait.trial(0).metadata(), noKnee, Map.of()), gait.trial(1)));
        e = assertThrows(DataException.class, () -> calibrate(lacking).run());
        assertTrue(e.getMessage().startsWith("trials: trial 1 (") && e.getMessage().contains("knee_angle_r")
                && e.getMessage().contains("role 'kinematics'"), e.getMessage());
    }

    static final double[] OTHER_SCALE = {0.8, 0.7, 1.5, 1.1};

    /**
     * Two subjects whose moments were generated with different scale factors: perSubject recovers each subject's,
     * one set for all cannot reproduce the moments; the apply step uses each trial's subject's factors and names a
     * subject the calibration lacks.
     */
    @Test
    void perSubjectRecoversEachSubjectsScaleFactors() throws Exception {
        Dataset d = new Dataset(List.of(synthetic(0, TRUE_SCALE, "A"), synthetic(1, OTHER_SCALE, "B"),
                synthetic(2, TRUE_SCALE, "A")));
        StepHarness h = StepHarness.of(new SynxCalibrateStep()).input("trials", d)
                .param("model", GAIT.resolve("gait2392.osim").toString()).param("coordinates", COORDS)
                .param("measured", SYNTH_MEASURED).param("unmeasured", "vas_int_r").param("synergies", 2)
                .param("ridge", 0.0).seed(3);
        Map<String, Data> out = h.param("perSubject", true).run();
        ResultTable cal = (ResultTable) out.get("calibration");
        String[] m = SYNTH_MEASURED.split(",");
        assertEquals(9, cal.rows().size());
        for (int i = 0; i < m.length; i++) {
            assertEquals(TRUE_SCALE[i], cal.get(m[i] + " | subject A", "scale"), 1e-5, m[i] + " A");
            assertEquals(OTHER_SCALE[i], cal.get(m[i] + " | subject B", "scale"), 1e-5, m[i] + " B");
        }
        assertTrue(((ResultTable) out.get("fit")).get(SynxCalibrateStep.ALL, "rmse_calibrated") < 1e-5);
        ResultTable shared = (ResultTable) h.param("perSubject", false).run().get("fit");
        assertTrue(shared.get(SynxCalibrateStep.ALL, "rmse_calibrated") > 1e-3, "one set for both: " + shared);
        // apply: subject B's trial reproduced with B's factors
        Dataset applied = (Dataset) StepHarness.of(new SynxApplyStep()).input("calibration", cal)
                .input("trials", new Dataset(List.of(d.trial(1)))).param("model", GAIT.resolve("gait2392.osim")
                        .toString()).param("coordinates", COORDS).run().get("dataset");
        Signal est = applied.trial(0).signal("synx-moments").orElseThrow();
        Signal id = applied.trial(0).signal("moments").orElseThrow();
        for (int k = 0; k < est.sampleCount(); k++) {
            assertEquals(id.channel("knee_angle_r_moment")[k], est.channel("knee_angle_r_moment")[k], 1e-3);
        }
        DataException e = assertThrows(DataException.class, () -> StepHarness.of(new SynxApplyStep())
                .input("calibration", cal).input("trials", new Dataset(List.of(synthetic(0, TRUE_SCALE, "C"))))
                .param("model", GAIT.resolve("gait2392.osim").toString()).param("coordinates", COORDS).run());
        assertTrue(e.getMessage().startsWith("trials: trial 1 (sub-C/") && e.getMessage().contains("subject 'C'"),
                e.getMessage());
    }
}
