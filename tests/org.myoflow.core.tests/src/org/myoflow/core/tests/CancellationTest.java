package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunListener;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** Setting the run's cancellation flag stops a step that checks it and ends the run with CancellationException. */
class CancellationTest {

    @TempDir
    Path tmp;

    private final AtomicInteger iterations = new AtomicInteger();
    private final AtomicBoolean loopFinished = new AtomicBoolean();
    private TestStep constant;
    private TestStep loop;
    private TestStep gain;
    private Engine engine;

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        // loops until cancelled; gives up after 30 s so that a broken cancellation fails the test, not the build
        loop = TestSteps.passThrough("test.loop", c -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                int i = iterations.incrementAndGet();
                c.progress().update(Math.min(1, i / 1000.0), "iteration " + i);
                c.progress().checkCancelled();
                Thread.sleep(1);
            }
            loopFinished.set(true);
        });
        engine = new Engine(new SimpleStepRegistry().add(constant).add(loop).add(gain));
    }

    private Pipelines pipeline() {
        return Pipelines.create().node("src", constant).node("loop", loop).node("after", gain)
                .connect("src.signal", "loop.in").connect("loop.out", "after.in");
    }

    @Test
    void flagSetFromListenerStopsTheLoopingStep() {
        RunOptions options = new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("s"));
        options.listener(new RunListener() {
            @Override
            public void nodeProgress(String nodeId, double fraction, String message) {
                if (nodeId.equals("loop") && message.equals("iteration 5")) {
                    options.cancellation().set(true);
                }
            }
        });
        Pipelines p = pipeline();
        CancellationException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(CancellationException.class, () -> engine.run(p.experiment, p.pipeline, options)));
        assertEquals("run cancelled", e.getMessage());
        assertEquals(5, iterations.get(), "the step stopped at its next check");
        assertFalse(loopFinished.get());
        assertEquals(1, constant.count());
        assertEquals(0, gain.count(), "nothing starts after cancellation");
    }

    @Test
    void alreadyCancelledRunExecutesNothing() {
        RunOptions options = new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("s"))
                .cancellation(new AtomicBoolean(true));
        Pipelines p = pipeline();
        assertThrows(CancellationException.class, () -> engine.run(p.experiment, p.pipeline, options));
        assertEquals(0, constant.count() + loop.count() + gain.count());
        assertTrue(options.cancellation().get());
    }
}
