package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** A failing step becomes a NodeFailedException naming the node; bad data is told apart from bugs. */
class FailureTest {

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private SimpleStepRegistry registry;

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        registry = new SimpleStepRegistry().add(constant).add(gain);
    }

    private NodeFailedException fail(TestStep failing) {
        registry.add(failing);
        Pipelines p = Pipelines.create().node("src", constant).node("bad", failing).node("after", gain)
                .connect("src.signal", "bad.in").connect("bad.out", "after.in");
        RunOptions options = new RunOptions().threads(2).baseDirectory(tmp).scratchDirectory(tmp.resolve("s"));
        NodeFailedException e = assertThrows(NodeFailedException.class,
                () -> new Engine(registry).run(p.experiment, p.pipeline, options));
        assertEquals("bad", e.nodeId());
        assertEquals(failing.descriptor().id(), e.stepId());
        assertEquals(1, failing.count());
        assertEquals(0, gain.count(), "nothing downstream of a failed node runs");
        return e;
    }

    @Test
    void dataExceptionIsADataError() {
        NodeFailedException e = fail(TestSteps.failingWithData());
        assertTrue(e.isDataError());
        assertInstanceOf(DataException.class, e.getCause());
        assertEquals("node 'bad' (test.fail-data) failed: channel c sample 3 is out of range", e.getMessage());
    }

    @Test
    void runtimeExceptionIsAStepError() {
        NodeFailedException e = fail(TestSteps.failingWithBug());
        assertFalse(e.isDataError());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("node 'bad' (test.fail-runtime) failed: step bug: index mix-up", e.getMessage());
    }

    @Test
    void nullPointerIsNamedByItsClass() {
        NodeFailedException e = fail(TestSteps.passThrough("test.npe", c -> {
            throw new NullPointerException();
        }));
        assertFalse(e.isDataError());
        assertEquals("node 'bad' (test.npe) failed: java.lang.NullPointerException", e.getMessage());
    }

    @Test
    void missingOutputFailsClearly() {
        NodeFailedException e = fail(TestSteps.noOutput());
        assertFalse(e.isDataError());
        assertEquals("node 'bad' (test.no-output) failed: step test.no-output (node 'bad') finished without "
                + "writing output 'out'", e.getMessage());
    }

    @Test
    void undeclaredOrMistypedOutputFails() {
        NodeFailedException e = fail(TestSteps.passThrough("test.extra-output",
                c -> c.output("extra", c.input("in", Signal.class))));
        assertTrue(e.getMessage().endsWith("step test.extra-output has no output port 'extra'"), e.getMessage());

        TestStep wrongType = new TestStep(StepDescriptor.builder("test.wrong-type", "1.0.0").name("w")
                .input("in", DataTypes.SIGNAL, "").output("out", DataTypes.SIGNAL, "").build(),
                c -> c.output("out", new SpikeTrains(new double[0][], 1, null)));
        e = fail(wrongType);
        assertTrue(e.getMessage().endsWith("output 'out' must be signal, got spike-trains"), e.getMessage());
    }

    @Test
    void stepCancellingItselfWithoutARunCancellationIsAFailure() {
        // a CancellationException from inside a step (e.g. a cancelled Future) is not the user cancelling the run
        NodeFailedException e = fail(TestSteps.passThrough("test.self-cancel", c -> {
            throw new CancellationException("inner task cancelled");
        }));
        assertFalse(e.isDataError());
        assertInstanceOf(CancellationException.class, e.getCause());
        assertEquals("node 'bad' (test.self-cancel) failed: inner task cancelled", e.getMessage());
    }
}
