package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Step;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/**
 * Plug-in isolation in the engine (issue 19): a step that throws an Error, runs past the node time limit or runs out
 * of memory fails its node with a message naming the node, the step and the bundle; the engine stays usable.
 */
class IsolationTest {

    private static final String BUNDLE = "org.example.bad";
    private static final String VERSION = "1.2.3";
    /** A hang guard only: every run here ends in well under a second plus the engine's abandon grace period. */
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private SimpleStepRegistry registry;
    private Engine engine;
    /** Lets the steps that ignore interrupts end once a test is over (no thread left spinning). */
    private final AtomicBoolean release = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        registry = new SimpleStepRegistry().add(constant).add(gain);
        engine = new Engine(registry);
    }

    @AfterEach
    void releaseSteps() {
        release.set(true);
    }

    private RunOptions options() {
        return new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("s"));
    }

    /** src -> bad -> after, with bad contributed by bundle org.example.bad 1.2.3; the run must fail at bad. */
    private NodeFailedException failAt(String stepId, Step body, RunOptions options) {
        TestStep bad = TestSteps.passThrough(stepId, body);
        registry.add(new RegisteredStep(bad, BUNDLE, VERSION));
        Pipelines p = Pipelines.create().node("src", constant).node("bad", bad).node("after", gain)
                .connect("src.signal", "bad.in").connect("bad.out", "after.in");
        NodeFailedException e = assertTimeoutPreemptively(GUARD,
                () -> assertThrows(NodeFailedException.class, () -> engine.run(p.experiment, p.pipeline, options)));
        assertEquals("bad", e.nodeId());
        assertEquals(stepId, e.stepId());
        assertEquals(BUNDLE + " " + VERSION, e.bundle());
        assertFalse(e.isDataError(), "exit 4, not 3");
        assertEquals(0, gain.count(), "nothing downstream of the failed node ran");
        return e;
    }

    /** The same engine still runs a good pipeline to the end after the failure. */
    private void engineStillWorks() {
        Pipelines good = Pipelines.create().node("src", constant).node("g", gain).connect("src.signal", "g.in");
        RunResult r = assertTimeoutPreemptively(GUARD, () -> engine.run(good.experiment, good.pipeline, options()));
        Signal out = (Signal) r.nodes().get(1).outputs().get("out");
        assertEquals(2.0, out.channel(0)[0], 1e-12, "constant 1 times gain 2");
    }

    private static int depth(int n) {
        return 1 + depth(n + 1);
    }

    @Test
    void stackOverflowErrorFailsItsNodeNamingStepAndBundle() {
        NodeFailedException e = failAt("test.recurse", c -> depth(0), options());
        assertInstanceOf(StackOverflowError.class, e.getCause());
        assertEquals("node 'bad' (test.recurse, bundle org.example.bad 1.2.3) failed: java.lang.StackOverflowError",
                e.getMessage());
        engineStillWorks();
    }

    @Test
    void assertionErrorFailsItsNode() {
        NodeFailedException e = failAt("test.assert", c -> {
            throw new AssertionError("invariant broken: 3 != 4");
        }, options());
        assertEquals("node 'bad' (test.assert, bundle org.example.bad 1.2.3) failed: "
                + "java.lang.AssertionError: invariant broken: 3 != 4", e.getMessage());
        engineStillWorks();
    }

    @Test
    void missingClassFailsItsNode() {
        NodeFailedException e = failAt("test.linkage", c -> {
            throw new NoClassDefFoundError("org/example/Missing");
        }, options());
        assertEquals("node 'bad' (test.linkage, bundle org.example.bad 1.2.3) failed: "
                + "java.lang.NoClassDefFoundError: org/example/Missing", e.getMessage());
        engineStillWorks();
    }

    @Test
    void outOfMemoryIsReportedWithNodeStepBundleAndHeap() {
        NodeFailedException e = failAt("test.oom", c -> {
            long[] hog = new long[Integer.MAX_VALUE]; // larger than any heap: thrown at once
            hog[0] = 1;
        }, options());
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
        String m = e.getMessage();
        assertTrue(m.startsWith("node 'bad' (test.oom, bundle org.example.bad 1.2.3) ran out of memory"), m);
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        assertTrue(m.matches(".*: \\d+ MB in use of " + maxMb + " MB max; raise the limit with "
                + "MYOFLOW_JAVA_OPTS=-Xmx\\d+g.*"), m);
        long suggested = Long.parseLong(m.replaceAll(".*-Xmx(\\d+)g.*", "$1"));
        assertTrue(suggested * 1024 > maxMb, "the suggested heap is larger than the current one: " + m);
        engineStillWorks();
    }

    @Test
    void nodeOverItsTimeLimitIsInterruptedAndFails() {
        AtomicBoolean interrupted = new AtomicBoolean();
        NodeFailedException e = failAt("test.sleep", c -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ie) {
                interrupted.set(true);
                throw ie;
            }
        }, options().nodeTimeout(Duration.ofMillis(300)));
        assertTrue(interrupted.get(), "the worker thread was interrupted");
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("node 'bad' (test.sleep, bundle org.example.bad 1.2.3) exceeded the "
                + "node time limit of 0.3 s (--node-timeout) while at "), e.getMessage());
        assertTrue(e.getMessage().contains("IsolationTest"), "names where the step was: " + e.getMessage());
        engineStillWorks();
    }

    @Test
    void stepIgnoringInterruptAndCancellationIsAbandonedAndTheRunEnds() {
        AtomicBoolean spinning = new AtomicBoolean();
        NodeFailedException e = failAt("test.spin", c -> {
            spinning.set(true);
            while (!release.get()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    // ignored on purpose
                }
            }
        }, options().nodeTimeout(Duration.ofMillis(200)));
        assertTrue(spinning.get());
        assertTrue(e.getMessage().contains("exceeded the node time limit of 0.2 s"), e.getMessage());
        engineStillWorks();
    }

    @Test
    void aCancelledRunWithATimeLimitEndsEvenWhenAStepIgnoresTheCancellation() {
        AtomicBoolean cancel = new AtomicBoolean();
        TestStep stubborn = TestSteps.passThrough("test.stubborn", c -> {
            cancel.set(true); // the user cancels while this step runs, and the step does not look
            while (!release.get()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    // ignored on purpose
                }
            }
        });
        registry.add(stubborn);
        Pipelines p = Pipelines.create().node("src", constant).node("s", stubborn).connect("src.signal", "s.in");
        RunOptions o = options().nodeTimeout(Duration.ofMinutes(10)).cancellation(cancel);
        assertTimeoutPreemptively(GUARD, () -> assertThrows(java.util.concurrent.CancellationException.class,
                () -> engine.run(p.experiment, p.pipeline, o)));
        engineStillWorks();
    }

    @Test
    void nodesWithinTheLimitGiveTheSameResultsAsWithoutOne() throws Exception {
        Pipelines p = Pipelines.create().node("src", constant).node("g", gain).connect("src.signal", "g.in");
        RunResult plain = engine.run(p.experiment, p.pipeline, options());
        RunResult limited = engine.run(p.experiment, p.pipeline, options().nodeTimeout(Duration.ofSeconds(30)));
        assertEquals(2, limited.nodes().size());
        for (int i = 0; i < plain.nodes().size(); i++) {
            for (String port : plain.nodes().get(i).outputs().keySet()) {
                assertEquals(plain.nodes().get(i).outputs().get(port).digest(),
                        limited.nodes().get(i).outputs().get(port).digest(), port);
            }
        }
    }

    @Test
    void anErrorInConfigureIsAValidationProblemOfItsNode() {
        TestStep inner = TestSteps.passThrough("test.bad-configure", c -> {
        });
        org.myoflow.core.spi.StepProvider bad = new org.myoflow.core.spi.StepProvider() {
            @Override
            public org.myoflow.core.spi.StepDescriptor descriptor() {
                return inner.descriptor();
            }

            @Override
            public Step createStep() {
                return inner.createStep();
            }

            @Override
            public java.util.Map<String, org.myoflow.core.data.DataSpec> configure(
                    org.myoflow.core.spi.ConfigureContext context) {
                throw new StackOverflowError();
            }
        };
        registry.add(new RegisteredStep(bad, BUNDLE, VERSION));
        Pipelines p = Pipelines.create().node("src", constant).node("bad", "test.bad-configure", "1.0.0")
                .connect("src.signal", "bad.in");
        var problems = engine.validate(p.experiment, p.pipeline, options());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().contains("bad"), problems.toString());
        assertTrue(problems.get(0).toString().contains("step test.bad-configure failed to check its inputs: "
                + "java.lang.StackOverflowError"), problems.toString());
        engineStillWorks();
    }

    @Test
    void nonPositiveLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RunOptions().nodeTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RunOptions().nodeTimeout(Duration.ofSeconds(-1)));
        assertEquals(null, new RunOptions().nodeTimeout(null).nodeTimeout());
    }
}
