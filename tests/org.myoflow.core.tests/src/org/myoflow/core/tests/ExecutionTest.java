package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.number;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunListener;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** Topological execution, data flow, provenance and derived seeds. */
class ExecutionTest {

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private TestStep sum;
    private TestStep noise;
    private final Map<String, Long> seenSeeds = new ConcurrentHashMap<>();
    private Engine engine;

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        sum = TestSteps.sum();
        noise = TestSteps.noise();
        TestStep seedProbe = TestSteps.source("test.seed-probe", c -> seenSeeds.put(c.nodeId(), c.seed()));
        engine = new Engine(new SimpleStepRegistry().add(constant).add(gain).add(sum).add(noise).add(seedProbe));
    }

    private RunOptions options() {
        return new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    private static Signal out(RunResult r, String node, String port) {
        return (Signal) r.node(node).orElseThrow().outputs().get(port);
    }

    @Test
    void runsInTopologicalOrderAndOutputsFlow() throws Exception {
        // declared downstream first: the order must come from the connections
        Pipelines p = Pipelines.create().node("g2", gain, number("factor", 3)).node("g1", gain)
                .node("src", constant, number("value", 1.5, "mV"), TestSteps.integer("samples", 5))
                .connect("g1.out", "g2.in").connect("src.signal", "g1.in");
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        RunResult r = engine.run(p.experiment, p.pipeline, options().listener(new RunListener() {
            @Override
            public void nodeStarted(String nodeId, String stepId) {
                started.add(nodeId + ":" + stepId);
            }

            @Override
            public void nodeFinished(NodeResult result) {
                finished.add(result.nodeId());
            }
        }));
        assertEquals(List.of("src:test.constant", "g1:test.gain", "g2:test.gain"), started);
        assertEquals(List.of("src", "g1", "g2"), finished);
        assertEquals(List.of("src", "g1", "g2"), r.nodes().stream().map(NodeResult::nodeId).toList());

        Signal g2 = out(r, "g2", "out");
        assertArrayEquals(new double[] { 9, 9, 9, 9, 9 }, g2.channel(0), 1e-12);
        assertEquals(List.of("c"), g2.labels());
        assertEquals(List.of("mV"), g2.units());
        assertEquals(100, g2.samplingRate());

        NodeResult src = r.node("src").orElseThrow();
        assertEquals("test.constant", src.stepId());
        assertEquals("1.2.0", src.stepVersion());
        assertEquals(Map.of("value", 1.5, "samples", 5L, "negate", false), src.parameters());
        assertFalse(src.fromCache());
        assertEquals(2.0, r.node("g1").orElseThrow().parameters().get("factor"), "default filled in");
        assertEquals(42, r.seed());
        assertEquals("test-experiment", r.experimentName());
        assertEquals("main", r.pipelineName());
        assertEquals(64, r.pipelineDigest().length());
    }

    @Test
    void diamondJoinsBothBranches() throws Exception {
        Pipelines p = Pipelines.create().node("src", constant, number("value", 2, "mV")).node("twice", gain)
                .node("thrice", gain, number("factor", 3)).node("sum", sum)
                .connect("src.signal", "twice.in").connect("src.signal", "thrice.in")
                .connect("twice.out", "sum.a").connect("thrice.out", "sum.b");
        RunResult r = engine.run(p.experiment, p.pipeline, options().threads(4));
        assertArrayEquals(new double[] { 10, 10, 10, 10 }, out(r, "sum", "out").channel(0), 1e-12);
        assertEquals("src", r.nodes().get(0).nodeId());
        assertEquals("sum", r.nodes().get(3).nodeId());
        assertEquals(1, constant.count(), "the shared source ran once");
    }

    @Test
    void pipelineDigestChangesWithParameters() throws Exception {
        Pipelines p = Pipelines.create().node("src", constant);
        String d1 = engine.run(p.experiment, p.pipeline, options()).pipelineDigest();
        String d2 = engine.run(p.experiment, p.pipeline, options()).pipelineDigest();
        String d3 = engine.run(p.experiment, p.pipeline, options().set("src.value", "2")).pipelineDigest();
        assertEquals(d1, d2);
        assertNotEquals(d1, d3);
    }

    @Test
    void nodeSeedIsStable() {
        // first 8 bytes, big-endian, of SHA-256("myoflow-seed:42:n1"), computed independently with Python's hashlib:
        // 38bff750b7651f7b...
        assertEquals(4089258912722001787L, Engine.nodeSeed(42, "n1"));
        assertEquals(0x38bff750b7651f7bL, Engine.nodeSeed(42, "n1"));
        assertEquals(4347396851436859954L, Engine.nodeSeed(42, "n2"));
        assertEquals(-6535772615364094515L, Engine.nodeSeed(7, "n1"));
    }

    @Test
    void eachNodeGetsItsDerivedSeedAndTheOptionOverridesIt() throws Exception {
        Pipelines p = Pipelines.seed(42).node("n1", "test.seed-probe", "1.0.0").node("n2", "test.seed-probe",
                "1.0.0");
        RunResult r = engine.run(p.experiment, p.pipeline, options());
        assertEquals(Map.of("n1", 4089258912722001787L, "n2", 4347396851436859954L), seenSeeds);
        assertEquals(4089258912722001787L, r.node("n1").orElseThrow().seed());
        assertNotEquals(r.node("n1").orElseThrow().seed(), r.node("n2").orElseThrow().seed());

        seenSeeds.clear();
        RunResult r7 = engine.run(p.experiment, p.pipeline, options().seed(7L));
        assertEquals(7, r7.seed());
        assertEquals(-6535772615364094515L, seenSeeds.get("n1"));
        assertEquals(Engine.nodeSeed(7, "n2"), seenSeeds.get("n2"));
        assertNotEquals(r.pipelineDigest(), r7.pipelineDigest());
    }

    @Test
    void sameSeedGivesIdenticalOutputs() throws Exception {
        Pipelines p = Pipelines.seed(1234).node("a", noise).node("b", noise);
        RunResult r1 = engine.run(p.experiment, p.pipeline, options());
        RunResult r2 = engine.run(p.experiment, p.pipeline, options().threads(2));
        assertEquals(out(r1, "a", "signal").digest(), out(r2, "a", "signal").digest());
        assertEquals(out(r1, "b", "signal").digest(), out(r2, "b", "signal").digest());
        assertArrayEquals(out(r1, "a", "signal").channel(0), out(r2, "a", "signal").channel(0));
        // different nodes, different numbers
        assertNotEquals(out(r1, "a", "signal").digest(), out(r1, "b", "signal").digest());
        // another seed, other numbers
        RunResult r3 = engine.run(p.experiment, p.pipeline, options().seed(1235L));
        assertNotEquals(out(r1, "a", "signal").digest(), out(r3, "a", "signal").digest());
    }

    @Test
    void harnessChecksParametersLikeTheEngine() throws Exception {
        Signal in = Signal.builder(10).channel("x", "V", new double[] { 1, -2 }).build();
        Signal out = (Signal) StepHarness.of(gain).input("in", in).param("factor", 4).run().get("out");
        assertArrayEquals(new double[] { 4, -8 }, out.channel(0), 1e-12);
        Signal parsed = (Signal) StepHarness.of(gain).input("in", in).param("factor", "0.5").run().get("out");
        assertArrayEquals(new double[] { 0.5, -1 }, parsed.channel(0), 1e-12);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StepHarness.of(constant).param("value", 11.0).run());
        assertTrue(e.getMessage().contains("out of range [0, 10] mV"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepHarness.of(constant).param("nope", 1).run());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void harnessGivesNumbersAsDoublesLikeTheEngine() throws Exception {
        TestStep probe = new TestStep(gain.descriptor(), c -> {
            assertEquals(Double.class, c.parameters().get("factor").getClass(), "factor as stored by the engine");
            c.output("out", c.input("in", Signal.class));
        });
        StepHarness.of(probe).input("in", Signal.builder(1).channel("x", "", new double[] { 1 }).build())
                .param("factor", 3).run();
        assertEquals(1, probe.count());
    }
}
