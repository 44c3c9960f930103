package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** Independent nodes run in parallel on the bounded pool, and a pool of one runs them one after the other. */
class ParallelismTest {

    @TempDir
    Path tmp;

    private RunOptions options(int threads) {
        return new RunOptions().threads(threads).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    @Test
    void independentNodesRunConcurrently() throws Exception {
        // each node waits for the other: run one after the other, the barrier times out and the node fails
        CyclicBarrier both = new CyclicBarrier(2);
        Map<String, String> threads = new ConcurrentHashMap<>();
        TestStep meet = TestSteps.source("test.meet", c -> {
            threads.put(c.nodeId(), Thread.currentThread().getName());
            both.await(20, TimeUnit.SECONDS);
        });
        TestStep gain = TestSteps.gain();
        Engine engine = new Engine(new SimpleStepRegistry().add(meet).add(gain));
        Pipelines p = Pipelines.create().node("a", meet).node("b", meet).node("ga", gain).node("gb", gain)
                .connect("a.signal", "ga.in").connect("b.signal", "gb.in");
        RunResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> engine.run(p.experiment, p.pipeline, options(2)));
        assertEquals(2, meet.count());
        assertEquals(2, gain.count());
        assertEquals(2, r.threads());
        assertNotEquals(threads.get("a"), threads.get("b"));
        assertEquals(2.0, ((Signal) r.node("gb").orElseThrow().outputs().get("out")).get(0, 0));
    }

    @Test
    void oneThreadRunsIndependentNodesOneAtATime() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        TestStep busy = TestSteps.source("test.busy", c -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.sleep(20);
            active.decrementAndGet();
        });
        Engine engine = new Engine(new SimpleStepRegistry().add(busy));
        Pipelines p = Pipelines.create().node("a", busy).node("b", busy).node("c", busy);
        RunResult r = engine.run(p.experiment, p.pipeline, options(1));
        assertEquals(3, r.nodes().size());
        assertEquals(3, busy.count());
        assertEquals(1, maxActive.get());

        // the same pipeline with three threads runs all three at once (each waits for the other two)
        maxActive.set(0);
        CyclicBarrier all = new CyclicBarrier(3);
        TestStep meet = TestSteps.source("test.busy", c -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            all.await(20, TimeUnit.SECONDS);
            active.decrementAndGet();
        });
        RunResult r3 = new Engine(new SimpleStepRegistry().add(meet)).run(p.experiment, p.pipeline, options(3));
        assertEquals(3, r3.nodes().size());
        assertEquals(3, maxActive.get());
    }
}
