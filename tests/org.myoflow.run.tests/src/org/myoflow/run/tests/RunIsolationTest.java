package org.myoflow.run.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.run.RunOutcome;
import org.myoflow.run.RunOutcome.Status;
import org.myoflow.run.RunRequest;
import org.myoflow.run.RunService;

/**
 * The run service's side of plug-in isolation (issue 19): the node time limit of a {@link RunRequest}, a step's
 * Error as exit 4 with node, step and bundle, and no run folder left behind.
 */
public class RunIsolationTest {

    /** Settings of the misbehaving step: what it does. */
    public static class Settings {
        @Param(description = "0 writes a sample, 1 sleeps for a minute, 2 throws an AssertionError", min = 0, max = 2)
        public int mode = 0;
    }

    static final class Misbehaving implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.misbehaving", "1.0.0")
                .name("Misbehaving").output("signal", DataTypes.SIGNAL, "one sample").settings(Settings.class)
                .build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                int mode = ctx.settings(Settings.class).mode;
                if (mode == 1) {
                    Thread.sleep(60_000);
                }
                if (mode == 2) {
                    throw new AssertionError("the plug-in's invariant does not hold");
                }
                ctx.output("signal", Signal.builder(10).channel("x", "mV", new double[] { 1 }).build());
            };
        }
    }

    @TempDir
    Path dir;

    private final RunService service = new RunService(
            new SimpleStepRegistry().add(new RegisteredStep(new Misbehaving(), "org.example.plugin", "2.0.0")));

    private RunRequest request(Path out, int mode) throws IOException {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="m" stepId="org.myoflow.test.misbehaving" stepVersion="1.0.0"/>
                  </pipelines>
                </myoflow:Experiment>
                """);
        return new RunRequest().experimentFile(f).outFolder(out).platform("test").set("m.mode",
                Integer.toString(mode));
    }

    @Test
    void aNodeOverTheTimeLimitFailsWithExit4AndLeavesNoFolder() throws Exception {
        Path out = dir.resolve("slow");
        RunOutcome o = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> service.run(request(out, 1).nodeTimeout(Duration.ofMillis(250))));
        assertEquals(Status.STEP_FAILED, o.status(), o.messages().toString());
        assertEquals(4, o.exitCode());
        assertTrue(o.summary().startsWith("node 'm' (org.myoflow.test.misbehaving, bundle org.example.plugin 2.0.0) "
                + "exceeded the node time limit of 0.25 s (--node-timeout)"), o.summary());
        assertNull(o.runFolder());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStepsErrorIsExit4NamingNodeStepAndBundle() throws Exception {
        Path out = dir.resolve("err");
        RunOutcome o = service.run(request(out, 2));
        assertEquals(Status.STEP_FAILED, o.status());
        assertEquals("node 'm' (org.myoflow.test.misbehaving, bundle org.example.plugin 2.0.0) failed: "
                + "java.lang.AssertionError: the plug-in's invariant does not hold", o.summary());
        assertFalse(Files.exists(out));
        // the service is still usable: the same step, well behaved, completes
        RunOutcome ok = service.run(request(dir.resolve("ok"), 0).nodeTimeout(Duration.ofSeconds(30)));
        assertEquals(Status.OK, ok.status(), ok.messages().toString());
        assertTrue(Files.exists(dir.resolve("ok/run.json")));
    }

    @Test
    void aNonPositiveTimeLimitIsAnInvalidRequest() throws Exception {
        RunOutcome o = service.run(request(dir.resolve("z"), 0).nodeTimeout(Duration.ZERO));
        assertEquals(Status.INVALID, o.status());
        assertEquals(2, o.exitCode());
        assertTrue(o.summary().contains("node time limit must be positive"), o.summary());
    }
}
