package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.number;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.MemoryResultCache;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** Re-running an edited pipeline recomputes only what changed. */
class CacheTest {

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private MemoryResultCache cache;
    private Engine engine;
    private Pipelines pipeline;

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        cache = new MemoryResultCache(100);
        engine = new Engine(new SimpleStepRegistry().add(constant).add(gain), cache);
        pipeline = Pipelines.create().node("src", constant, number("value", 1, "mV")).node("g", gain)
                .connect("src.signal", "g.in");
    }

    private RunResult run() throws Exception {
        return engine.run(pipeline.experiment, pipeline.pipeline,
                new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch")));
    }

    private static double first(RunResult r) {
        return ((Signal) r.node("g").orElseThrow().outputs().get("out")).get(0, 0);
    }

    @Test
    void unchangedPipelineExecutesNothing() throws Exception {
        RunResult r1 = run();
        assertEquals(List.of(false, false), r1.nodes().stream().map(NodeResult::fromCache).toList());
        assertEquals(2, cache.size());

        RunResult r2 = run();
        assertEquals(1, constant.count());
        assertEquals(1, gain.count());
        assertTrue(r2.nodes().stream().allMatch(NodeResult::fromCache), r2.nodes().toString());
        assertTrue(r2.nodes().stream().allMatch(n -> n.durationMs() == 0));
        assertEquals(r1.node("g").orElseThrow().outputs().get("out").digest(),
                r2.node("g").orElseThrow().outputs().get("out").digest());
        assertEquals(r1.node("g").orElseThrow().cacheKey(), r2.node("g").orElseThrow().cacheKey());
    }

    @Test
    void downstreamChangeReExecutesOnlyDownstream() throws Exception {
        assertEquals(2.0, first(run()));
        pipeline.set("g", number("factor", 5));
        RunResult r = run();
        assertEquals(5.0, first(r));
        assertEquals(1, constant.count(), "source taken from the cache");
        assertEquals(2, gain.count());
        assertTrue(r.node("src").orElseThrow().fromCache());
        assertFalse(r.node("g").orElseThrow().fromCache());
    }

    @Test
    void upstreamChangeReExecutesBoth() throws Exception {
        RunResult r1 = run();
        pipeline.set("src", number("value", 3, "mV"));
        RunResult r2 = run();
        assertEquals(6.0, first(r2));
        assertEquals(2, constant.count());
        assertEquals(2, gain.count());
        assertTrue(r2.nodes().stream().noneMatch(NodeResult::fromCache));
        assertNotEquals(r1.node("g").orElseThrow().cacheKey(), r2.node("g").orElseThrow().cacheKey());

        // back to the first value: both results are still cached
        pipeline.set("src", number("value", 1, "mV"));
        assertEquals(2.0, first(run()));
        assertEquals(2, constant.count());
        assertEquals(2, gain.count());
    }

    @Test
    void anotherSeedReExecutes() throws Exception {
        run();
        pipeline.experiment.setSeed(43);
        RunResult r = run();
        assertEquals(2, constant.count());
        assertEquals(2, gain.count());
        assertTrue(r.nodes().stream().noneMatch(NodeResult::fromCache));
    }
}
