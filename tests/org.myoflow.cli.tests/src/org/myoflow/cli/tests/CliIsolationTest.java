package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.RegisteredStep;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;

/** {@code --node-timeout} and steps that throw Errors, through the command line (issue 19). */
public class CliIsolationTest {

    /** Sleeps for {@code sleepMs}, then writes one sample; an interrupt ends the sleep (and fails the step). */
    static final class Sleeper implements StepProvider {
        static volatile long sleepMs = 60_000;
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.sleeper", "1.0.0")
                .name("Sleeper").output("signal", DataTypes.SIGNAL, "one sample").build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                Thread.sleep(sleepMs);
                ctx.output("signal", Signal.builder(10).channel("x", "mV", new double[] { 1 }).build());
            };
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new SimpleStepRegistry().add(new RegisteredStep(new Sleeper(), "org.example.sleepy", "0.9.0")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, "test", new AtomicBoolean());
        return cli.execute(args);
    }

    private Path experiment() throws Exception {
        return OneNodeExperiment.write(dir, "nap", "org.myoflow.test.sleeper");
    }

    @Test
    void aNodeOverTheLimitIsExit4NamingNodeStepBundleAndLimit() throws Exception {
        Sleeper.sleepMs = 60_000;
        Path e = experiment();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> run("run", e.toString(), "--out", dir.resolve("o").toString(), "--node-timeout", "300ms"));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.STEP_FAILED, code, msg);
        assertTrue(msg.contains("myoflow: node 'nap' (org.myoflow.test.sleeper, bundle org.example.sleepy 0.9.0) "
                + "exceeded the node time limit of 0.3 s (--node-timeout)"), msg);
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void aNodeWithinTheLimitRuns() throws Exception {
        Sleeper.sleepMs = 1;
        assertEquals(ExitCodes.OK,
                run("run", experiment().toString(), "--out", dir.resolve("o").toString(), "--node-timeout", "5m"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("o/run.json")));
    }

    @Test
    void aBadLimitIsAUsageError() throws Exception {
        Path e = experiment();
        for (String bad : new String[] { "abc", "0s", "-5s", "5 parsecs", "" }) {
            err.reset();
            assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", dir.resolve("o").toString(),
                    "--node-timeout", bad), bad);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--node-timeout must be a positive duration"),
                    err.toString(StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void durationsParseWithUnits() {
        assertEquals(Duration.ofSeconds(30), Cli.parseDuration("30s"));
        assertEquals(Duration.ofSeconds(30), Cli.parseDuration("30"));
        assertEquals(Duration.ofMinutes(5), Cli.parseDuration("5m"));
        assertEquals(Duration.ofMinutes(5), Cli.parseDuration("5 min"));
        assertEquals(Duration.ofHours(2), Cli.parseDuration("2h"));
        assertEquals(Duration.ofMillis(500), Cli.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), Cli.parseDuration("1.5s"));
        assertEquals(Duration.ofSeconds(90), Cli.parseDuration("PT1M30S"));
        assertNull(Cli.parseDuration("0"));
        assertNull(Cli.parseDuration("-1s"));
        assertNull(Cli.parseDuration("1e9999s"));
        assertNull(Cli.parseDuration("99999999999999999h"));
        assertNull(Cli.parseDuration("PT-5S"));
        assertNull(Cli.parseDuration("soon"));
    }
}
