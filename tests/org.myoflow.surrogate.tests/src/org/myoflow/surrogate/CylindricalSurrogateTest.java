package org.myoflow.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.ml.FloatTensor;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.OnnxModel;
import org.myoflow.ml.OnnxSessions;
import org.myoflow.ml.nn.Mlp;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The cylindrical (limb) surrogate: the shipped model against held-out numerical MUAPs, export parity,
 * determinism of the training data, the steps as drop-in replacements with their parameters checked against the
 * model's ranges.
 */
class CylindricalSurrogateTest {

    private static final Progress SILENT = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Median NRMSE the shipped model must reach on the fixed held-out set (docs/surrogate.md). */
    static final double SHIPPED_NRMSE_MEDIAN = 0.03;

    /** The repository's models/ folder (the tests run somewhere below the repository root). */
    static Path shippedModels() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("models").resolve(CylindricalSurrogateTraining.NAME)
                    .resolve("model.onnx"))) {
                return p.resolve("models");
            }
        }
        throw new AssertionError("no models/" + CylindricalSurrogateTraining.NAME + " above "
                + System.getProperty("user.dir"));
    }

    @Test
    void shippedModelLoadsAndMatchesHeldOutCylindricalMuaps() throws Exception {
        Path models = shippedModels();
        assertTrue(Files.size(models.resolve(CylindricalSurrogateTraining.NAME).resolve("model.onnx")) < 5_000_000);
        CylindricalSurrogateModel model = CylindricalSurrogateModel.load(new ModelRegistry(null, null, models),
                CylindricalSurrogateTraining.NAME);
        assertEquals(CylindricalSurrogateConfig.demo(), model.config());
        // 12 units drawn with a seed never used in training, at 2 fat thicknesses never used in training
        CylindricalTrainingSet held = CylindricalTrainingSet.generate(model.config(), 12, 2, 4242, null);
        List<CylindricalConditions> c = held.allConditions();
        List<String> where = IntStream.range(0, c.size()).mapToObj(i -> "held-out unit " + i).toList();
        double[][][] pred = model.monopolar(c, where);
        double[][] m = SurrogateMetrics.perUnit(SurrogateMetrics.toDouble(held.muaps()), pred);
        double median = SurrogateMetrics.quantile(m[0], 0.5);
        assertTrue(median <= SHIPPED_NRMSE_MEDIAN, "median NRMSE " + median);
        assertTrue(SurrogateMetrics.quantile(m[1], 0.5) >= 0.98, "median correlation " + SurrogateMetrics
                .quantile(m[1], 0.5));
        // one call is deterministic
        double[][][] again = model.monopolar(c, where);
        for (int i = 0; i < pred.length; i++) {
            for (int e = 0; e < pred[i].length; e++) {
                assertArrayEquals(pred[i][e], again[i][e], 0.0);
            }
        }
    }

    @Test
    void conditionsOutsideTheRangesAreRefusedNamingTheCondition() {
        CylindricalConditions.Ranges r = CylindricalConditions.Ranges.demo();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.check(
                new CylindricalConditions(Math.log(100), 5, 0, 0, 4, 1, 4.5), "unit MU7"));
        assertTrue(e.getMessage().contains("unit MU7") && e.getMessage().contains("fatMm = 4.5")
                && e.getMessage().contains("[0.5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.check(
                new CylindricalConditions(Math.log(100), 5, 75, 0, 4, 1, 1), null));
        assertTrue(e.getMessage().contains("angleDeg"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CylindricalSurrogateConfig.demo().numerical().monopolar(new CylindricalConditions(0, 5, 0, 0,
                        4, 1, 1)));
    }

    @Test
    void configRoundTripsThroughJson() {
        for (CylindricalSurrogateConfig c : List.of(CylindricalSurrogateConfig.demo(),
                CylindricalSurrogateConfig.demo(5))) {
            CylindricalSurrogateConfig back = CylindricalSurrogateConfig.fromJson(c.toJson());
            assertEquals(c, back);
            assertEquals(c.digest(), back.digest());
        }
        assertEquals(14, CylindricalSurrogateConfig.demo(5).ranges().get("depthMm").max(), 0);
    }

    @Test
    void trainingDataAreDeterministicAndFollowTheConductor() {
        CylindricalSurrogateConfig config = CylindricalSurrogateConfig.demo();
        CylindricalTrainingSet a = CylindricalTrainingSet.generate(config, 6, 2, 11, null);
        CylindricalTrainingSet b = CylindricalTrainingSet.generate(config, 6, 2, 11, null);
        assertEquals(a.digest(), b.digest());
        assertEquals(2, IntStream.range(0, 6).mapToDouble(i -> a.conditions(i).fatMm()).distinct().count());
        // the MUAP of a canonical unit is the sum of its fibres' potentials (one projection per fibre)
        CylindricalConditions c = new CylindricalConditions(Math.log(30), 4, 10, 1, 4, 1, 1.5);
        CylindricalSurrogateConfig.Numerical n = config.numerical();
        double[][] unit = n.monopolar(c);
        var fibres = org.myoflow.conductor.CanonicalUnit.build(c.canonical(), config.unit()).fibres();
        double[][] sum = new double[unit.length][unit[0].length];
        for (var f : fibres) {
            var one = new org.myoflow.conductor.MotorUnitAnatomy.Unit(0, c.depthMm(), 1, c.cvMPerS(), List.of(f));
            double[][] p = n.unitPotentials(one, Math.toRadians(c.angleDeg()), c.fatMm());
            for (int e = 0; e < sum.length; e++) {
                for (int s = 0; s < sum[e].length; s++) {
                    sum[e][s] += p[e][s];
                }
            }
        }
        double peak = 0;
        for (double[] e : unit) {
            for (double v : e) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        assertTrue(peak > 1e-5, "peak " + peak);
        for (int e = 0; e < sum.length; e++) {
            assertArrayEquals(unit[e], sum[e], 1e-9 * peak, "electrode " + e);
        }
        // rotating the unit and the array together changes nothing: a unit under electrode column 5 (angle of
        // its centre) peaks on that column
        double colAngle = Math.toDegrees(config.array().positions()[5][1] / config.skinRadiusMm(1.5));
        double[][] under = n.monopolar(new CylindricalConditions(Math.log(30), 2, colAngle, 0, 4, 1, 1.5));
        int best = 0;
        for (int e = 0; e < under.length; e++) {
            if (range(under[e]) > range(under[best])) {
                best = e;
            }
        }
        assertEquals(5, best % config.cols(), "column of the largest MUAP");
    }

    @Test
    void boneIsOptionalAndChangesDeepUnits() {
        CylindricalConditions deep = new CylindricalConditions(Math.log(30), 12, 0, 0, 4, 1, 1);
        double[][] without = CylindricalSurrogateConfig.demo().numerical().monopolar(deep);
        double[][] with = CylindricalSurrogateConfig.demo(5).numerical().monopolar(deep);
        double diff = 0;
        double ref = 0;
        for (int e = 0; e < with.length; e++) {
            for (int s = 0; s < with[e].length; s++) {
                assertTrue(Double.isFinite(with[e][s]));
                diff = Math.max(diff, Math.abs(with[e][s] - without[e][s]));
                ref = Math.max(ref, Math.abs(without[e][s]));
            }
        }
        // a poorly conducting bone 3 mm below the unit changes its MUAP, but not beyond recognition
        assertTrue(diff > 1e-3 * ref && diff < 0.5 * ref, "max difference " + diff + " of " + ref);
        // the bone config's depth range ends 1 mm above the bone
        assertThrows(IllegalArgumentException.class, () -> CylindricalSurrogateConfig.demo(5).numerical()
                .monopolar(new CylindricalConditions(Math.log(30), 14.5, 0, 0, 4, 1, 1)));
    }

    private static double range(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    @Test
    void onnxExportAgreesWithTheTrainingEngineWithin1e5() {
        CylindricalSurrogateNetwork net = new CylindricalSurrogateNetwork(CylindricalSurrogateConfig.demo(), 24, 2,
                Mlp.Act.SILU, 3e-5);
        try (Model model = net.newModel()) {
            model.getNDManager().getEngine().setRandomSeed(3);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 7));
            SplittableRandom r = new SplittableRandom(11);
            float[][] c = new float[5][7];
            float[] flat = new float[5 * 7];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    c[i][j] = (float) (0.5 + 0.5 * r.nextDouble());
                    flat[i * 7 + j] = c[i][j];
                }
            }
            float[][][] djl = net.predict(model, c);
            try (OnnxModel onnx = OnnxSessions.load(net.exportOnnx(model, Map.of()), "parity")) {
                FloatTensor y = onnx.run(Map.of(SurrogateNetwork.INPUT, FloatTensor.of(flat, 5, 7)));
                assertArrayEquals(new long[] { 5, 64, 82 }, y.shape());
                for (int i = 0; i < 5; i++) {
                    double scale = net.fibres(c[i]) * net.sigma();
                    for (int e = 0; e < 64; e++) {
                        for (int s = 0; s < 82; s++) {
                            assertEquals(djl[i][e][s] / scale, y.data()[(i * 64 + e) * 82 + s] / scale, 1e-5,
                                    "unit " + i + " electrode " + e + " sample " + s);
                        }
                    }
                }
            }
        }
    }

    @TempDir
    static Path trained;

    @Test
    void stepsAreDropInReplacementsAndCheckTheirParametersAgainstTheModel() throws Exception {
        CylindricalSurrogateTraining quick = new CylindricalSurrogateTraining(CylindricalSurrogateTraining.NAME,
                CylindricalSurrogateConfig.demo(), 24, 6, 2, 60, 2, 16, 2, 4);
        CylindricalSurrogateTraining.Outcome o = quick.run(trained, SILENT);
        assertTrue(o.card().metrics().containsKey("test_nrmse_median"));
        String previous = System.getProperty(ModelRegistry.USER_PROPERTY);
        System.setProperty(ModelRegistry.USER_PROPERTY, trained.toString());
        try {
            StepProvider bankStep = SurrogateNetworkTest.installed(
                    "org.myoflow.surrogate.cylindrical-surrogate-muap-bank");
            StepProvider seriesStep = SurrogateNetworkTest.installed(
                    "org.myoflow.surrogate.cylindrical-surrogate-muap-series");
            StepProvider numerical = SurrogateNetworkTest.installed("org.myoflow.conductor.cylindrical-muap-bank");
            Map<String, Data> sur = StepHarness.of(bankStep).models(SurrogateNetworkTest.registry())
                    .param("units", 4L).seed(8).run();
            Map<String, Data> num = StepHarness.of(numerical).param("units", 4L).param("maxFibres", 300L).seed(8)
                    .run();
            MuapBank a = assertInstanceOf(MuapBank.class, sur.get("muaps"));
            MuapBank b = assertInstanceOf(MuapBank.class, num.get("muaps"));
            assertEquals(b.unitCount(), a.unitCount());
            assertEquals(b.channelCount(), a.channelCount());
            assertEquals(b.sampleCount(), a.sampleCount());
            assertEquals(b.channelLabels(), a.channelLabels());
            // same seed, same numbers
            MuapBank again = assertInstanceOf(MuapBank.class, StepHarness.of(bankStep)
                    .models(SurrogateNetworkTest.registry()).param("units", 4L).seed(8).run().get("muaps"));
            for (int u = 0; u < 4; u++) {
                assertArrayEquals(a.muap(u, 10), again.muap(u, 10), 0.0);
            }
            Map<String, Data> series = StepHarness.of(seriesStep).models(SurrogateNetworkTest.registry())
                    .param("units", 4L).param("lengthProfile", "SINUSOID").param("duration", 1.0).seed(8).run();
            MuapBankSeries s = assertInstanceOf(MuapBankSeries.class, series.get("muaps"));
            assertEquals(6, s.size());
            // parameters outside the model's ranges: a configure problem naming the parameter
            for (Object[] bad : new Object[][] { { "fatThickness", 4.0 }, { "muscleWidth", 80.0 },
                    { "muscleDepth", 30.0 }, { "maxFibres", 3000L }, { "cvMean", 6.5 } }) {
                Configuration cfg = StepHarness.of(bankStep).models(SurrogateNetworkTest.registry())
                        .param((String) bad[0], bad[1]).configure();
                String param = (String) bad[0];
                assertTrue(cfg.problems().stream().anyMatch(p -> p.subject() != null && p.subject().contains(param)
                        && p.message().contains("trained for")), param + ": " + cfg.problems());
                assertTrue(cfg.problems().stream().allMatch(p -> p.subject() != null
                        && p.subject().contains((String) bad[0])), bad[0] + ": " + cfg.problems());
            }
            Configuration amp = StepHarness.of(seriesStep).models(SurrogateNetworkTest.registry())
                    .param("lengthProfile", "SINUSOID").param("lengthAmplitude", 0.25).configure();
            assertTrue(amp.problems().stream().anyMatch(p -> p.subject().contains("lengthAmplitude")),
                    amp.problems().toString());
            // and when run anyway, the step refuses naming the parameter
            Exception e = assertThrows(Exception.class, () -> StepHarness.of(bankStep)
                    .models(SurrogateNetworkTest.registry()).param("fatThickness", 4.0).run());
            assertTrue(e.toString().contains("fatThickness"), e.toString());
            // the planar surrogate's name is not a cylindrical surrogate
            Configuration wrong = StepHarness.of(bankStep).models(SurrogateNetworkTest.registry())
                    .param("model", "nosuch").configure();
            assertTrue(wrong.problems().stream().anyMatch(p -> p.toString().contains("model")),
                    wrong.problems().toString());
        } finally {
            if (previous == null) {
                System.clearProperty(ModelRegistry.USER_PROPERTY);
            } else {
                System.setProperty(ModelRegistry.USER_PROPERTY, previous);
            }
        }
    }

    /** A unit outside the ranges at run time is bad input naming the unit and the condition. */
    @Test
    void modelRefusesUnitsOutsideItsRanges() {
        Path models = shippedModels();
        CylindricalSurrogateModel model = CylindricalSurrogateModel.load(new ModelRegistry(null, null, models),
                CylindricalSurrogateTraining.NAME);
        DataException e = assertThrows(DataException.class, () -> model.monopolar(List.of(
                new CylindricalConditions(Math.log(100), 5, 0, 0, 9, 1, 1)), List.of("unit MU3")));
        assertTrue(e.getMessage().contains("unit MU3") && e.getMessage().contains("cvMPerS"), e.getMessage());
    }

    /**
     * One batched inference call for a whole bank gives the same MUAPs as one call per unit (float round-off only),
     * and a unit's MUAP does not depend on its neighbours in the batch.
     */
    @Test
    void batchedInferenceEqualsPerUnitInference() {
        Path models = shippedModels();
        CylindricalSurrogateModel model = CylindricalSurrogateModel.load(new ModelRegistry(null, null, models),
                CylindricalSurrogateTraining.NAME);
        SplittableRandom rng = new SplittableRandom(31);
        List<CylindricalConditions> c = new java.util.ArrayList<>();
        for (int i = 0; i < 37; i++) {
            double[] v = new double[CylindricalConditions.COUNT];
            for (int j = 0; j < v.length; j++) {
                v[j] = 0.5 + 0.5 * rng.nextDouble();
            }
            c.add(model.ranges().denormalise(v));
        }
        List<String> where = IntStream.range(0, c.size()).mapToObj(i -> "unit MU" + (i + 1)).toList();
        double[][][] batch = model.monopolar(c, where);
        assertEquals(c.size(), batch.length);
        double worst = 0;
        for (int i = 0; i < c.size(); i++) {
            double[][] one = model.monopolar(List.of(c.get(i)), List.of(where.get(i)))[0];
            assertEquals(model.electrodes(), one.length);
            double peak = 0;
            for (int e = 0; e < one.length; e++) {
                assertEquals(model.samples(), batch[i][e].length);
                for (int s = 0; s < one[e].length; s++) {
                    peak = Math.max(peak, Math.abs(one[e][s]));
                    worst = Math.max(worst, Math.abs(one[e][s] - batch[i][e][s]));
                }
            }
            assertTrue(peak > 0, "unit " + i + " has a zero MUAP");
            for (int e = 0; e < one.length; e++) {
                assertArrayEquals(one[e], batch[i][e], 1e-6, "unit " + i + ", electrode " + e);
            }
        }
        assertTrue(worst <= 1e-6, "worst difference " + worst);
        // the bank built from the batch is the batch in the monopolar montage
        MuapBank bank = model.bank(c.subList(0, 3), where.subList(0, 3),
                org.myoflow.conductor.ElectrodeArray.Montage.MONOPOLAR);
        assertEquals(3, bank.unitCount());
        assertArrayEquals(batch[1][5], bank.muap(1, 5), 0.0);
    }
}
