package org.myoflow.integration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.integration.tests.Experiments.file;
import static org.myoflow.integration.tests.Experiments.integer;
import static org.myoflow.integration.tests.Experiments.literal;
import static org.myoflow.integration.tests.Experiments.number;
import static org.myoflow.integration.tests.StepDiscoveryPTest.POOL;
import static org.myoflow.integration.tests.StepDiscoveryPTest.PROFILE;
import static org.myoflow.integration.tests.StepDiscoveryPTest.READ;
import static org.myoflow.integration.tests.StepDiscoveryPTest.RMS;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.StepRegistry;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.SignalFiles;

/** The third-party moving-RMS step in pipelines with the platform's steps, found through DS. */
class MovingRmsPipelinePTest {

    @TempDir
    Path tmp;

    private StepRegistry registry;
    private Engine engine;

    @BeforeEach
    void setUp() throws Exception {
        registry = Osgi.stepRegistryWith(POOL, PROFILE, READ, RMS);
        engine = new Engine(registry);
    }

    private RunOptions options() {
        return new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    private StepProvider rms() {
        return registry.find(RMS).orElseThrow().provider();
    }

    /** RMS of x over samples lo..hi (inclusive), clipped to the signal: the definition, summed directly. */
    private static double directRms(double[] x, int lo, int hi) {
        lo = Math.max(0, lo);
        hi = Math.min(x.length - 1, hi);
        double sum = 0;
        for (int k = lo; k <= hi; k++) {
            sum += x[k] * x[k];
        }
        return Math.sqrt(sum / (hi - lo + 1));
    }

    private Experiments forcePipeline(long seed, double windowS) {
        return new Experiments("force-envelope", seed)
                .node("excitation", PROFILE, literal("shape", "TRAPEZOID"), number("duration", 3, "s"),
                        number("samplingRate", 1000, "Hz"), number("level", 0.6, null), number("rise", 0.8, "s"),
                        number("plateau", 1, "s"))
                .node("pool", POOL, integer("units", 40))
                .node("rms", RMS, number("window", windowS, "s"))
                .connect("excitation", "excitation", "pool", "excitation")
                .connect("pool", "force", "rms", "signal");
    }

    @Test
    void envelopeOfFuglevandForce() throws Exception {
        Experiments e = forcePipeline(11, 0.05);
        RunResult r = engine.run(e.experiment, e.pipeline, options());
        assertEquals(List.of("excitation", "pool", "rms"), r.nodes().stream().map(NodeResult::nodeId).toList());
        assertEquals("org.example.myoflow.rms", r.node("rms").orElseThrow().bundleName());

        Signal force = (Signal) r.node("pool").orElseThrow().outputs().get("force");
        Signal envelope = (Signal) r.node("rms").orElseThrow().outputs().get("envelope");
        SpikeTrains spikes = (SpikeTrains) r.node("pool").orElseThrow().outputs().get("spikes");
        assertTrue(spikes.totalSpikeCount() > 100, spikes.toString());

        assertEquals(force.sampleCount(), envelope.sampleCount());
        assertEquals(3000, envelope.sampleCount());
        assertEquals(force.samplingRate(), envelope.samplingRate());
        assertEquals(force.startTime(), envelope.startTime());
        assertEquals(force.labels(), envelope.labels());
        assertEquals(force.units(), envelope.units());
        assertEquals("force rms", envelope.quantity());

        double[] f = force.channel(0);
        double[] env = envelope.channel(0);
        int positive = 0;
        for (int i = 0; i < f.length; i++) {
            assertTrue(env[i] >= 0, "sample " + i);
            if (f[i] > 0) {
                positive++;
                assertTrue(env[i] > 0, "force " + f[i] + " but envelope " + env[i] + " at sample " + i);
            }
        }
        assertTrue(positive > 1000, "force during the contraction");
        // window 0.05 s at 1000 Hz = 50 samples: i-24 .. i+25; every sample against the direct sum, the quiet
        // tail after the contraction included (where plain prefix sums would cancel to nothing)
        for (int i = 0; i < f.length; i++) {
            double expected = directRms(f, i - 24, i + 25);
            assertEquals(expected, env[i], 1e-9 * expected + 1e-300, "sample " + i);
        }
        // on the plateau the envelope of a positive force lies between its local extremes
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int k = 1476; k <= 1525; k++) {
            lo = Math.min(lo, f[k]);
            hi = Math.max(hi, f[k]);
        }
        assertTrue(env[1500] >= lo && env[1500] <= hi, lo + " <= " + env[1500] + " <= " + hi);

        // the harness runs the registered step exactly as the engine does
        Signal viaHarness = (Signal) StepHarness.of(rms()).input("signal", force).param("window", 0.05).run()
                .get("envelope");
        assertEquals(envelope.digest(), viaHarness.digest());
    }

    @Test
    void sameSeedSameEnvelopeOtherSeedOther() throws Exception {
        Experiments e = forcePipeline(5, 0.1);
        RunResult a = engine.run(e.experiment, e.pipeline, options());
        RunResult b = engine.run(e.experiment, e.pipeline, options().threads(1));
        RunResult c = engine.run(e.experiment, e.pipeline, options().seed(6L));
        for (String node : List.of("excitation", "pool", "rms")) {
            var outA = a.node(node).orElseThrow().outputs();
            var outB = b.node(node).orElseThrow().outputs();
            assertEquals(outA.keySet(), outB.keySet());
            outA.forEach((port, data) -> assertEquals(data.digest(), outB.get(port).digest(), node + "." + port));
        }
        assertNotEquals(a.node("rms").orElseThrow().outputs().get("envelope").digest(),
                c.node("rms").orElseThrow().outputs().get("envelope").digest(), "another seed");
    }

    @Test
    void knownEnvelopes() throws Exception {
        double fs = 1000;
        double[] constant = new double[200];
        Arrays.fill(constant, -3);
        double[] sine = new double[4000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = 2 * Math.sin(2 * Math.PI * 50 * i / fs);
        }
        Signal in = Signal.builder(fs).channel("const", "mV", constant).channel("sine", "mV",
                Arrays.copyOf(sine, 200)).build();
        Signal out = (Signal) StepHarness.of(rms()).input("signal", in).param("window", "0.02 s").run()
                .get("envelope");
        assertEquals(List.of("const", "sine"), out.labels());
        assertEquals(List.of("mV", "mV"), out.units());
        for (int i = 0; i < 200; i++) {
            assertEquals(3, out.get(0, i), 1e-12, "RMS of a constant is its magnitude");
        }
        // a 20 ms window holds exactly one period of 50 Hz: RMS = amplitude / sqrt 2 away from the edges
        assertEquals(2 / Math.sqrt(2), out.get(1, 100), 1e-9);

        Signal longSine = Signal.builder(fs).channel("sine", "", sine).build();
        Signal whole = (Signal) StepHarness.of(rms()).input("signal", longSine).param("window", 10.0).run()
                .get("envelope");
        // a window longer than the signal averages all of it, at every sample
        double all = directRms(sine, 0, sine.length - 1);
        assertEquals(all, whole.get(0, 0), 1e-12);
        assertEquals(all, whole.get(0, 3999), 1e-12);

        Signal one = (Signal) StepHarness.of(rms()).input("signal", longSine).param("window", 0.001).run()
                .get("envelope");
        for (int i = 0; i < sine.length; i += 97) {
            assertEquals(Math.abs(sine[i]), one.get(0, i), 1e-12, "a one-sample window is |x|");
        }
    }

    @Test
    void quietTailAfterLoudStartKeepsItsPrecision() throws Exception {
        // 1 s at 1e6 then 1 s at 1e-3: the prefix sum of squares reaches 1e15, the tail's window sums are 1e-5
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 1000 ? 1e6 * (i % 2 == 0 ? 1 : -1) : 1e-3 * (i % 2 == 0 ? 1 : -1);
        }
        Signal in = Signal.builder(1000).channel("x", "", x).build();
        Signal out = (Signal) StepHarness.of(rms()).input("signal", in).param("window", 0.01).run().get("envelope");
        for (int i = 1005; i < 2000; i++) {
            assertEquals(1e-3, out.get(0, i), 1e-15, "sample " + i);
        }
        assertEquals(1e6, out.get(0, 500), 1e-6);
        // straddling the step: window 995 .. 1004 at sample 999
        assertEquals(directRms(x, 995, 1004), out.get(0, 999), 1e-9);
    }

    @Test
    void windowShorterThanOneSampleIsADataError() throws Exception {
        Signal slow = Signal.builder(100).channel("x", "", new double[] { 1, 2, 3 }).build();
        DataException e = assertThrows(DataException.class,
                () -> StepHarness.of(rms()).input("signal", slow).param("window", 0.004).run());
        assertTrue(e.getMessage().contains("window 0.00400000 s") && e.getMessage().contains("100.000 Hz"),
                e.getMessage());

        // the same through the engine, from a file read by the platform's reader
        Path csv = tmp.resolve("slow.csv");
        SignalFiles.write(slow, csv);
        Experiments x = new Experiments("short-window", 1).node("read", READ, file("file", "slow.csv"))
                .node("rms", RMS, number("window", 0.004, "s")).connect("read", "signal", "rms", "signal");
        NodeFailedException nfe = assertThrows(NodeFailedException.class,
                () -> engine.run(x.experiment, x.pipeline, options()));
        assertEquals("rms", nfe.nodeId());
        assertTrue(nfe.isDataError());
        assertInstanceOf(DataException.class, nfe.getCause());

        // and a valid window over the file works: 2 samples at 100 Hz, centred i .. i+1
        Experiments ok = new Experiments("file-window", 1).node("read", READ, file("file", "slow.csv"))
                .node("rms", RMS, number("window", 0.02, "s")).connect("read", "signal", "rms", "signal");
        Signal env = (Signal) engine.run(ok.experiment, ok.pipeline, options()).node("rms").orElseThrow().outputs()
                .get("envelope");
        assertArrayEquals(new double[] { Math.sqrt(2.5), Math.sqrt(6.5), 3 }, env.channel(0), 1e-12);
    }

    @Test
    void windowOutOfRangeIsAValidationProblem() {
        Experiments e = forcePipeline(1, 20);
        var problems = engine.validate(e.experiment, e.pipeline, options());
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("rms", problems.get(0).nodeId());
        assertEquals("parameter 'window'", problems.get(0).subject());
        assertTrue(problems.get(0).message().contains("[0.001, 10] s"), problems.get(0).message());
    }
}
