package org.myoflow.deepemg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.deepemg.nmm.NmmModel;
import org.myoflow.deepemg.nmm.NmmOptions;
import org.myoflow.deepemg.nmm.NmmSequence;
import org.myoflow.deepemg.nmm.NmmTrainer;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;

/** The NMM train step's trials input: each trial one training sequence, the last ones validating. */
public class NmmDatasetTest {

    private static final org.myoflow.core.spi.Progress NONE = new org.myoflow.core.spi.Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private static Map<String, Data> a;
    private static Map<String, Data> b;

    @BeforeAll
    static void simulate() throws Exception {
        a = StepHarness.of(new SimulateElbowStep()).param("seconds", 4.0).param("units", 10).param("trial", 1)
                .seed(3).run();
        b = StepHarness.of(new SimulateElbowStep()).param("seconds", 4.0).param("units", 10).param("trial", 2)
                .seed(3).run();
    }

    static Trial trial(Map<String, Data> rec, String id, String load) {
        Map<String, Signal> roles = new LinkedHashMap<>();
        roles.put("envelope", (Signal) rec.get("envelopes"));
        roles.put("kinematics", (Signal) rec.get("kinematics"));
        roles.put("moments", (Signal) rec.get("torque"));
        roles.put("deep", (Signal) rec.get("excitation"));
        return new Trial(Map.of("subject", "01", "trial", id, "load", load), roles, Map.of());
    }

    static StepHarness train(Map<String, Data> target, Dataset trials) {
        return StepHarness.of(new NmmTrainStep()).input("envelopes", target.get("envelopes"))
                .input("kinematics", target.get("kinematics")).input("torque", target.get("torque"))
                .input("trials", trials).param("epochs", 2).param("hidden", 8).param("windowLength", 100)
                .param("validationFraction", 0.5).seed(5);
    }

    /**
     * A dataset of two copies of one recording trains on the whole recording and validates on it: the step's
     * prediction equals the trainer's on exactly those sequences (and differs from training on the first half).
     */
    @Test
    void twoCopiesOfOneRecordingTrainOnTheWholeRecording() throws Exception {
        Dataset twice = new Dataset(List.of(trial(a, "1", "0"), trial(a, "2", "0")));
        Signal fromDataset = (Signal) train(b, twice).run().get("excitation");

        JointModel model = JointModels.elbow();
        NmmTrainStep.Settings s = new NmmTrainStep.Settings();
        ElbowStepInputs.Recording ra = s.recording((Signal) a.get("envelopes"), (Signal) a.get("kinematics"),
                (Signal) a.get("torque"), model, 0);
        ElbowStepInputs.Recording rb = s.recording((Signal) b.get("envelopes"), (Signal) b.get("kinematics"),
                (Signal) b.get("torque"), model, 0);
        Signal ex = (Signal) a.get("excitation");
        int[] deep = ra.missing();
        double[][] labels = new double[deep.length][];
        for (int d = 0; d < deep.length; d++) {
            labels[d] = ex.channel(ex.labels().indexOf(model.muscleNames().get(deep[d])));
        }
        NmmSequence whole = ra.sequence(labels);
        NmmOptions d = NmmOptions.defaults();
        NmmOptions options = new NmmOptions(8, 100, 25, 2, d.batchSize(), d.learningRate(), d.dataWeight(),
                s.physicsWeight, d.scaleRegularisation(), d.torqueScale(), ra.rate(), 5);
        double[][] expected;
        try (NmmModel nmm = NmmTrainer.train(model, deep, 1, List.of(whole), List.of(whole), options,
                NONE)) {
            expected = nmm.predict(rb.sequence(null));
        }
        assertEquals(List.of("BRA", "TRImed"), List.of(model.muscleNames().get(deep[0]),
                model.muscleNames().get(deep[1])));
        for (int k = 0; k < deep.length; k++) {
            double[] got = fromDataset.channel(fromDataset.labels().indexOf(model.muscleNames().get(deep[k])));
            assertArrayEquals(expected[k], got, 1e-9);
        }
        // the single-recording path trains on the first half only: another model
        Signal single = (Signal) StepHarness.of(new NmmTrainStep()).input("envelopes", b.get("envelopes"))
                .input("kinematics", b.get("kinematics")).input("torque", b.get("torque"))
                .input("deep", a.get("excitation")).param("epochs", 2).param("hidden", 8).param("windowLength", 100)
                .param("validationFraction", 0.5)
                .seed(5).run().get("excitation");
        double diff = 0;
        int bra = single.labels().indexOf("BRA");
        for (int i = 0; i < single.sampleCount(); i++) {
            diff = Math.max(diff, Math.abs(single.channel(bra)[i] - fromDataset.channel(bra)[i]));
        }
        assertTrue(diff > 1e-6, "the dataset path must not fall back to the recording's own split: " + diff);
    }

    /** The load comes from a metadata column when loadColumn names one; a trial with a bad load is named. */
    @Test
    void loadColumnGivesEachTrialItsLoad() throws Exception {
        Dataset loaded = new Dataset(List.of(trial(a, "1", "2.5"), trial(b, "2", "2.5")));
        Dataset plain = new Dataset(List.of(trial(a, "1", "x"), trial(b, "2", "x")));
        Signal byColumn = (Signal) train(b, loaded).param("loadColumn", "load").param("load", 2.5).run()
                .get("excitation");
        Signal byParameter = (Signal) train(b, plain).param("load", 2.5).run().get("excitation");
        int bra = byColumn.labels().indexOf("BRA");
        assertArrayEquals(byParameter.channel(bra), byColumn.channel(bra), 1e-12);
        DataException e = assertThrows(DataException.class,
                () -> train(b, plain).param("loadColumn", "load").run());
        assertTrue(e.getMessage().contains("trial 1 (") && e.getMessage().contains("'x', not a load"),
                e.getMessage());
    }

    /** A trial lacking a role or a channel is named; one trial is too few. */
    @Test
    void badTrialsAreNamed() {
        Dataset twice = new Dataset(List.of(trial(a, "1", "0"), trial(b, "2", "0")));
        DataException e = assertThrows(DataException.class,
                () -> train(b, twice).param("deepRole", "finewire").run());
        assertTrue(e.getMessage().startsWith("trials: trial 1 (") && e.getMessage().contains("role 'finewire'"),
                e.getMessage());
        Signal env = (Signal) a.get("envelopes");
        Map<String, Signal> roles = new LinkedHashMap<>(trial(a, "2", "0").signals());
        roles.put("envelope", Signal.builder(env.samplingRate()).channel("BIClong", "", env.channel(0)).build());
        Dataset lacking = new Dataset(List.of(trial(a, "1", "0"), new Trial(Map.of("subject", "02", "trial", "2"),
                roles, Map.of())));
        e = assertThrows(DataException.class, () -> train(b, lacking).run());
        assertTrue(e.getMessage().startsWith("trials: trial 2 (") && e.getMessage().contains("no channel 'BICshort'"),
                e.getMessage());
        Dataset one = new Dataset(List.of(trial(a, "1", "0")));
        e = assertThrows(DataException.class, () -> train(b, one).run());
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
        // without trials, deep is needed
        RuntimeException noDeep = assertThrows(RuntimeException.class, () -> StepHarness.of(new NmmTrainStep())
                .input("envelopes", b.get("envelopes")).input("kinematics", b.get("kinematics"))
                .input("torque", b.get("torque")).param("epochs", 1).run());
        assertTrue(noDeep.getMessage().contains("connect the deep muscles' excitations (labels) or a trials dataset"),
                noDeep.getMessage());
    }
}
