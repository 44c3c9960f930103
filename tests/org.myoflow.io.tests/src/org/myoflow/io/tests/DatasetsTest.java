package org.myoflow.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.ResultTable;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.MemoryResultCache;
import org.myoflow.core.engine.ResultCache;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.io.AgreementScores;
import org.myoflow.io.DatasetFiles;
import org.myoflow.io.DatasetSplits;
import org.myoflow.io.internal.DatasetStep;
import org.myoflow.io.internal.MapTrialsStep;
import org.myoflow.io.internal.ScoreStep;
import org.myoflow.io.internal.SplitDatasetStep;
import org.myoflow.io.internal.TrialSignalStep;
import org.myoflow.model.Experiment;

/** Datasets: manifest reading and errors, splits, scores, map over trials with per-trial caching. */
public class DatasetsTest {

    /** An OpenSim storage file with a time column and the given columns (100 Hz). */
    static void sto(Path file, String[] labels, double[][] cols) throws IOException {
        StringBuilder b = new StringBuilder(file.getFileName() + "\nversion=1\nnRows=" + cols[0].length
                + "\nnColumns=" + (labels.length + 1) + "\ninDegrees=no\nendheader\ntime");
        for (String l : labels) {
            b.append('\t').append(l);
        }
        b.append('\n');
        for (int i = 0; i < cols[0].length; i++) {
            b.append(String.format(Locale.ROOT, "%.6f", i / 100.0));
            for (double[] c : cols) {
                b.append('\t').append(String.format(Locale.ROOT, "%.10f", c[i]));
            }
            b.append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b);
    }

    static double[] bump(int n, double centre, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * Math.exp(-0.5 * Math.pow((i - centre) / 6.0, 2));
        }
        return x;
    }

    /** Three trials of two subjects: envelope and simulated activity (a shifted, scaled envelope). */
    static Path study(Path dir) throws IOException {
        String[] m = { "TA", "GM" };
        for (int t = 1; t <= 3; t++) {
            double[] ta = bump(100, 40 + t, 1);
            double[] gm = bump(100, 60 - t, 0.5);
            sto(dir.resolve("data/t" + t + "_env.sto"), m, new double[][] { ta, gm });
            sto(dir.resolve("data/t" + t + "_sim.sto"), m, new double[][] { bump(100, 38 + t, 0.8),
                    bump(100, 60 - t, 0.5) });
        }
        Files.writeString(dir.resolve("dataset.tsv"), "# a small study\nsubject\ttrial\tcondition\tenvelope\t"
                + "simulated\tspeed\n"
                + "01\t1\twalk\tdata/t1_env.sto\tdata/t1_sim.sto\t1.2\n"
                + "01\t2\twalk\tdata/t2_env.sto\tdata/t2_sim.sto\t1.4\n"
                + "\n"
                + "02\t1\trun\tdata/t3_env.sto\tdata/t3_sim.sto\tn/a\n");
        return dir.resolve("dataset.tsv");
    }

    @Test
    void readsAManifest(@TempDir Path dir) throws IOException {
        DatasetFiles.Manifest m = DatasetFiles.manifest(study(dir));
        assertEquals(List.of("envelope", "simulated"), m.roles());
        assertEquals(3, m.rows().size());
        assertEquals(6, m.rows().get(2).line());
        Dataset d = m.load();
        assertEquals(List.of("01", "02"), d.subjects());
        Trial t = d.trial(1);
        assertEquals("01", t.subject());
        assertEquals("2", t.trial());
        assertEquals("walk", t.condition());
        assertEquals("1.4", t.metadata().get("speed"));
        assertEquals("", d.trial(2).metadata().get("speed"));
        assertEquals("data/t2_env.sto", t.sources().get("envelope"));
        Signal env = t.signal("envelope").orElseThrow();
        assertEquals(List.of("TA", "GM"), env.labels());
        assertEquals(100, env.samplingRate(), 1e-9);
        assertArrayEquals(bump(100, 42, 1), env.channel("TA"), 1e-9);
        // the digest follows the content, not where it was read from
        assertEquals(d.digest(), DatasetFiles.manifest(dir.resolve("dataset.tsv")).load().digest());
    }

    @Test
    void aMissingFileNamesRowAndColumn(@TempDir Path dir) throws IOException {
        Path tsv = study(dir);
        Files.delete(dir.resolve("data/t2_sim.sto"));
        DatasetFiles.Manifest m = DatasetFiles.manifest(tsv);
        assertEquals(List.of("dataset.tsv row 2 (line 4), column 'simulated': file not found: data/t2_sim.sto"),
                m.missing());
        DataException e = assertThrows(DataException.class, m::load);
        assertTrue(e.getMessage().startsWith("dataset.tsv row 2 (line 4), column 'simulated'"), e.getMessage());
        // at validation: a data problem (exit 3) of the dataset node
        Experiment x = experiment(dir, "dataset.tsv");
        List<ValidationProblem> p = engine(ResultCache.NONE).validate(x, x.getPipelines().get(0),
                new RunOptions().baseDirectory(dir));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).badData());
        assertEquals("data", p.get(0).nodeId());
        assertTrue(p.get(0).message().contains("row 2 (line 4), column 'simulated'"), p.get(0).message());
        assertTrue(ValidationProblem.allBadData(p));
    }

    @Test
    void refusesPathsOutsideTheManifestFolderAndBadRows(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.tsv"), "subject\temg\n01\t../x.sto\n");
        DataException e = assertThrows(DataException.class, () -> DatasetFiles.manifest(dir.resolve("a.tsv")));
        assertTrue(e.getMessage().contains("a.tsv row 1 (line 2), column 'emg'") && e.getMessage().contains(".."),
                e.getMessage());
        Files.writeString(dir.resolve("b.tsv"), "subject\temg\n01\n");
        e = assertThrows(DataException.class, () -> DatasetFiles.manifest(dir.resolve("b.tsv")));
        assertTrue(e.getMessage().contains("row 1 (line 2): 1 cells, the header has 2 columns"), e.getMessage());
        Files.writeString(dir.resolve("c.tsv"), "subject\tspeed\n01\t1\n");
        e = assertThrows(DataException.class, () -> DatasetFiles.manifest(dir.resolve("c.tsv")));
        assertTrue(e.getMessage().contains("no file column"), e.getMessage());
    }

    static Dataset trials(String... subjects) {
        List<Trial> t = new ArrayList<>();
        for (int i = 0; i < subjects.length; i++) {
            Signal s = Signal.builder(100).channel("x", "", new double[] { i }).build();
            t.add(new Trial(Map.of(Trial.SUBJECT, subjects[i], Trial.TRIAL, String.valueOf(i + 1)),
                    Map.of("emg", s), Map.of()));
        }
        return new Dataset(t);
    }

    static List<String> ids(Dataset d) {
        return d.trials().stream().map(Trial::trial).toList();
    }

    @Test
    void splitsAreDeterministic() {
        Dataset d = trials("a", "a", "b", "c", "b", "c", "a");
        DatasetSplits.Split lto = DatasetSplits.split(d, DatasetSplits.Method.LEAVE_TRIAL_OUT, 3, 0, 0);
        assertEquals(List.of("4"), ids(lto.test()));
        assertEquals(List.of("1", "2", "3", "5", "6", "7"), ids(lto.train()));
        assertEquals(7, lto.folds());
        DatasetSplits.Split lso = DatasetSplits.split(d, DatasetSplits.Method.LEAVE_SUBJECT_OUT, 1, 0, 0);
        assertEquals(List.of("3", "5"), ids(lso.test()));
        assertEquals(3, lso.folds());
        // k-fold: every trial tested exactly once, parts of floor/ceil(n/k), same seed same folds
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            DatasetSplits.Split s = DatasetSplits.split(d, DatasetSplits.Method.K_FOLD, f, 3, 42);
            assertEquals(ids(s.test()), ids(DatasetSplits.split(d, DatasetSplits.Method.K_FOLD, f, 3, 42).test()));
            sizes.add(s.test().size());
            for (String id : ids(s.test())) {
                assertTrue(seen.add(id), "trial " + id + " tested twice");
            }
            assertEquals(7, s.test().size() + s.train().size());
        }
        assertEquals(List.of(2, 2, 3), sizes);
        assertEquals(7, seen.size());
        assertNotEquals(java.util.Arrays.toString(DatasetSplits.permutation(7, 42)),
                java.util.Arrays.toString(DatasetSplits.permutation(7, 43)));
        assertArrayEquals(DatasetSplits.permutation(7, 42), DatasetSplits.permutation(7, 42));
        DataException e = assertThrows(DataException.class,
                () -> DatasetSplits.split(d, DatasetSplits.Method.LEAVE_SUBJECT_OUT, 3, 0, 0));
        assertTrue(e.getMessage().contains("3 fold(s), 0 to 2"), e.getMessage());
        assertThrows(DataException.class, () -> DatasetSplits.split(d, DatasetSplits.Method.K_FOLD, 0, 8, 0));
        assertThrows(DataException.class, () -> DatasetSplits.split(trials("a", "a"),
                DatasetSplits.Method.LEAVE_SUBJECT_OUT, 0, 0, 0));
    }

    @Test
    void scoresAgainstHandComputedValues() {
        // e = 1..5, m = 2e: r 1, RMSE sqrt((1+4+9+16+25)/5) = sqrt(11), R2 = 1 - 55/40
        AgreementScores a = AgreementScores.of(new double[] { 1, 2, 3, 4, 5 }, new double[] { 2, 4, 6, 8, 10 }, 0);
        assertEquals(1, a.r(), 1e-12);
        assertEquals(Math.sqrt(11), a.rmse(), 1e-12);
        assertEquals(-0.375, a.r2(), 1e-12);
        assertEquals(0, a.lagSamples());
        // r of (1,2,3) and (1,3,2): cov 1, var 2 each: 0.5
        assertEquals(0.5, AgreementScores.of(new double[] { 1, 2, 3 }, new double[] { 1, 3, 2 }, 0).r(), 1e-12);
        // the measurement follows the estimate by 3 samples: lag +3; the other way round -3
        double[] e = bump(100, 40, 1);
        double[] m = bump(100, 43, 1);
        AgreementScores s = AgreementScores.of(e, m, 10);
        assertEquals(3, s.lagSamples());
        assertEquals(1, s.lagR(), 1e-9);
        assertEquals(-3, AgreementScores.of(m, e, 10).lagSamples());
        assertEquals(0, AgreementScores.of(e, m, 2).lagSamples() - 2); // the search stops at the limit
    }

    @Test
    void scoreStepAggregatesPerTrialAndSubject(@TempDir Path dir) throws IOException {
        Dataset d = DatasetFiles.manifest(study(dir)).load();
        ScoreStep.Result r = ScoreStep.score(d, "simulated", "envelope", List.of(), 0.05, 2);
        ResultTable t = r.scores();
        assertEquals(6, t.rows().size());
        assertEquals("sub-01/trial-2/cond-walk | TA", t.rows().get(2));
        Trial t2 = d.trial(1);
        AgreementScores ta = AgreementScores.of(t2.signal("simulated").get().channel("TA"),
                t2.signal("envelope").get().channel("TA"), 5);
        assertEquals(ta.r(), t.get(2, 0), 1e-12);
        assertEquals(ta.rmse(), t.get(2, 2), 1e-12);
        assertEquals(0.02, t.get(2, 3), 1e-12); // envelope bump 2 samples after the simulated one
        assertEquals(1, t.get(3, 0), 1e-9); // GM identical
        assertEquals(0, t.get(3, 2), 1e-9);
        ResultTable s = r.summary();
        assertEquals(List.of("trial sub-01/trial-1/cond-walk", "trial sub-01/trial-2/cond-walk",
                "trial sub-02/trial-1/cond-run", "subject 01 mean", "subject 02 mean", "all trials mean",
                "all trials SD"), s.rows());
        double t1 = (t.get(0, 2) + t.get(1, 2)) / 2;
        double t2m = (t.get(2, 2) + t.get(3, 2)) / 2;
        double t3 = (t.get(4, 2) + t.get(5, 2)) / 2;
        assertEquals((t1 + t2m) / 2, s.get("subject 01 mean", "RMSE"), 1e-12);
        double mean = (t1 + t2m + t3) / 3;
        assertEquals(mean, s.get("all trials mean", "RMSE"), 1e-12);
        double sd = Math.sqrt((Math.pow(t1 - mean, 2) + Math.pow(t2m - mean, 2) + Math.pow(t3 - mean, 2)) / 2);
        assertEquals(sd, s.get("all trials SD", "RMSE"), 1e-12);
        assertEquals(List.of("TA | measured", "TA | estimate", "GM | measured", "GM | estimate"),
                r.comparison().labels());
        // a table's result file reads back (the workbench's result views)
        Path npy = dir.resolve("score.summary.npy");
        org.myoflow.io.ResultFiles.write(s, npy);
        assertEquals(s, org.myoflow.io.ResultFiles.read(npy));
        DataException e = assertThrows(DataException.class, () -> ScoreStep.score(d, "refined", "envelope",
                List.of(), 0.05, 1));
        assertTrue(e.getMessage().contains("trial 1 (sub-01/trial-1/cond-walk) has no signal of role 'refined'"),
                e.getMessage());
    }

    static Engine engine(ResultCache cache) {
        return new Engine(new SimpleStepRegistry().add(new DatasetStep()).add(new TrialSignalStep())
                .add(new MapTrialsStep()).add(new SplitDatasetStep()).add(new ScoreStep()), cache);
    }

    /** main: dataset -> map(per-trial) -> score; per-trial: trial-signal simulated (TA, GM). */
    static Experiment experiment(Path dir, String manifest) throws IOException {
        return experiment(dir, manifest, "per-trial");
    }

    static Experiment experiment(Path dir, String manifest, String mapped) throws IOException {
        String x = """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="datasets" seed="5">
                  <pipelines name="main">
                    <nodes id="data" stepId="org.myoflow.io.dataset" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:FileValue" key="manifest" path="MANIFEST"/>
                    </nodes>
                    <nodes id="map" stepId="org.myoflow.io.map" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:StringValue" key="pipeline" value="MAPPED"/>
                      <parameters xsi:type="myoflow:StringValue" key="outputs" value="sim.signal=estimate"/>
                    </nodes>
                    <nodes id="score" stepId="org.myoflow.io.score" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:StringValue" key="estimate" value="estimate"/>
                      <parameters xsi:type="myoflow:NumberValue" key="maxLag" value="0.05" unit="s"/>
                    </nodes>
                    <connections sourceNode="data" sourcePort="dataset" targetNode="map" targetPort="dataset"/>
                    <connections sourceNode="map" sourcePort="dataset" targetNode="score" targetPort="dataset"/>
                  </pipelines>
                  <pipelines name="per-trial">
                    <nodes id="sim" stepId="org.myoflow.io.trial-signal" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:StringValue" key="role" value="simulated"/>
                      <parameters xsi:type="myoflow:StringValue" key="channels" value="TA,GM"/>
                    </nodes>
                  </pipelines>
                </myoflow:Experiment>
                """.replace("MANIFEST", manifest).replace("MAPPED", mapped);
        Path f = dir.resolve("x.myoflow");
        Files.writeString(f, x);
        return ExperimentFiles.load(f);
    }

    /** A cache that counts what is computed (puts). */
    static final class Counting implements ResultCache {
        final MemoryResultCache inner = new MemoryResultCache(1000);
        final AtomicInteger puts = new AtomicInteger();

        @Override
        public Optional<Map<String, Data>> get(String key) {
            return inner.get(key);
        }

        @Override
        public void put(String key, Map<String, Data> outputs) {
            puts.incrementAndGet();
            inner.put(key, outputs);
        }
    }

    @Test
    void mapsAPipelineOverTrialsWithPerTrialCache(@TempDir Path dir) throws Exception {
        study(dir);
        Experiment x = experiment(dir, "dataset.tsv");
        Counting cache = new Counting();
        RunOptions o = new RunOptions().baseDirectory(dir).threads(2);
        RunResult r = engine(cache).run(x, x.getPipelines().get(0), o);
        Dataset mapped = (Dataset) r.nodes().get(1).outputs().get("dataset");
        assertEquals(3, mapped.size());
        assertEquals(List.of("envelope", "simulated", "estimate"), mapped.roles());
        assertEquals(mapped.trial(2).signal("simulated").get().digest(),
                mapped.trial(2).signal("estimate").get().digest());
        assertEquals("02", mapped.trial(2).subject());
        ResultTable scores = (ResultTable) r.nodes().get(2).outputs().get("scores");
        assertEquals(ScoreStep.score(mapped, "estimate", "envelope", List.of(), 0.05, 1).scores(), scores);
        assertEquals(3 + 3, cache.puts.get()); // three nodes, one sub-pipeline node per trial
        // again: everything from the cache
        RunResult again = engine(cache).run(x, x.getPipelines().get(0), new RunOptions().baseDirectory(dir));
        assertEquals(6, cache.puts.get());
        assertTrue(again.nodes().stream().allMatch(n -> n.fromCache()));
        assertEquals(scores, again.nodes().get(2).outputs().get("scores"));
        // one trial's file changes: the dataset, map and score nodes recompute, only that trial's sub-pipeline
        sto(dir.resolve("data/t2_sim.sto"), new String[] { "TA", "GM" }, new double[][] { bump(100, 45, 0.7),
                bump(100, 58, 0.5) });
        engine(cache).run(x, x.getPipelines().get(0), new RunOptions().baseDirectory(dir));
        assertEquals(6 + 3 + 1, cache.puts.get());
    }

    @Test
    void aMapOfItsOwnPipelineOrAMissingOneIsInvalid(@TempDir Path dir) throws Exception {
        study(dir);
        Experiment x = experiment(dir, "dataset.tsv", "main");
        List<ValidationProblem> p = engine(ResultCache.NONE).validate(x, x.getPipelines().get(0),
                new RunOptions().baseDirectory(dir));
        assertEquals(1, p.size(), p.toString());
        assertEquals("map", p.get(0).nodeId());
        assertTrue(p.get(0).message().contains("would run itself (main -> main)"), p.get(0).message());
        assertFalse(p.get(0).badData());
        x = experiment(dir, "dataset.tsv", "nope");
        p = engine(ResultCache.NONE).validate(x, x.getPipelines().get(0), new RunOptions().baseDirectory(dir));
        assertTrue(p.get(0).message().contains("no pipeline 'nope' in the experiment (pipelines: main, per-trial)"),
                p.get(0).message());
        // the sub-pipeline alone has no trial: a data error naming the node
        Experiment y = experiment(dir, "dataset.tsv");
        var e = assertThrows(org.myoflow.core.engine.NodeFailedException.class, () -> engine(ResultCache.NONE)
                .run(y, y.getPipelines().get(1), new RunOptions().baseDirectory(dir)));
        assertTrue(e.isDataError());
        assertTrue(e.getMessage().contains("runs outside a map"), e.getMessage());
    }

    @Test
    void readsABidsFolderWrittenByTheExport(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("bids");
        org.myoflow.io.Bids.export(root, new org.myoflow.io.Bids.Entities("02", "1", "grip", "", "2"),
                org.myoflow.io.internal.ExportBidsStep.recording(BidsTest.gridEmg(512, 3)), 50, false, null, null);
        org.myoflow.io.Bids.export(root, new org.myoflow.io.Bids.Entities("01", "", "grip", "hd", "1"),
                org.myoflow.io.internal.ExportBidsStep.recording(BidsTest.gridEmg(256, 4)), 50, true, null, null);
        DatasetFiles.Manifest m = DatasetFiles.bids(root);
        assertEquals(List.of(), DatasetFiles.bidsMissing(m));
        Dataset d = DatasetFiles.loadBids(m);
        assertEquals(2, d.size());
        Trial first = d.trial(0); // sorted by path: sub-01 first
        assertEquals("01", first.subject());
        assertEquals("", first.session());
        assertEquals("grip", first.task());
        assertEquals("1", first.trial());
        assertEquals("hd", first.metadata().get("acquisition"));
        assertEquals("sub-01/emg/sub-01_task-grip_acq-hd_run-1_emg.bdf", first.sources().get("emg"));
        Signal emg = first.signal("emg").orElseThrow();
        assertEquals(16, emg.channelCount());
        assertEquals(256, emg.sampleCount());
        assertEquals(2048, emg.samplingRate(), 1e-9);
        assertEquals("1", d.trial(1).session());
        assertEquals("2", d.trial(1).trial());
        // through the step: the sidecars are checked at validation (a data problem naming the recording)
        Files.delete(org.myoflow.io.Bids.sibling(root.resolve("sub-02/ses-1/emg/sub-02_ses-1_task-grip_run-2_emg.edf"),
                "channels.tsv"));
        assertEquals(List.of("BIDS recording 2 (sub-02/ses-1/emg/sub-02_ses-1_task-grip_run-2_emg.edf): sidecar "
                + "sub-02_ses-1_task-grip_run-2_channels.tsv not found"), DatasetFiles.bidsMissing(
                        DatasetFiles.bids(root)));
    }
}
