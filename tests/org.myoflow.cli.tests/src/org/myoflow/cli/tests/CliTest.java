package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;

/** The command line's exit codes, messages and run folders, with small test steps. */
public class CliTest {

    /** Settings of the ramp source. */
    public static class RampSettings {
        @Param(description = "samples", min = 1, max = 100000)
        public int samples = 100;

        @Param(description = "fail with bad data", min = 0, max = 2)
        public int fail = 0;
    }

    static final class Ramp implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.ramp", "1.0.0").name("Ramp")
                .output("signal", DataTypes.SIGNAL, "a ramp").settings(RampSettings.class).build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                RampSettings s = ctx.settings(RampSettings.class);
                if (s.fail == 1) {
                    throw new DataException("input.csv:7: 'x' is not a number");
                }
                if (s.fail == 2) {
                    throw new IllegalStateException("solver diverged");
                }
                double[] v = new double[s.samples];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i + ctx.random().nextDouble();
                }
                ctx.output("signal", Signal.builder(100).channel("ramp", "mV", v).build());
            };
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new SimpleStepRegistry().add(new Ramp()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean());
        return cli.execute(args);
    }

    private Path experiment(String stepId, String params) throws Exception {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="src" stepId="%s" stepVersion="1.0.0">%s</nodes>
                  </pipelines>
                </myoflow:Experiment>
                """.formatted(stepId, params));
        return f;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runWritesResultsProvenanceAndReportReproducibly() throws Exception {
        Path e = experiment("org.myoflow.test.ramp", "");
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", dir.resolve("a").toString()));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", dir.resolve("b").toString(), "--threads", "1"));
        for (String f : new String[] { "run.json", "report.html", "src.signal.npy", "src.signal.json",
            "src.signal.png" }) {
            assertTrue(Files.size(dir.resolve("a").resolve(f)) > 0, f);
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/src.signal.npy")),
                Files.readAllBytes(dir.resolve("b/src.signal.npy")));
        String runJson = Files.readString(dir.resolve("a/run.json"));
        assertTrue(runJson.contains("\"experimentSha256\""), runJson);
        assertTrue(runJson.contains("\"step\": \"org.myoflow.test.ramp\""), runJson);
        // 100 samples x 1 channel of float64 after a 128-byte header
        assertEquals(128 + 100 * 8, Files.size(dir.resolve("a/src.signal.npy")));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", dir.resolve("c").toString(), "--seed", "6"));
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/src.signal.npy")),
                Files.readAllBytes(dir.resolve("c/src.signal.npy"))), "another seed, other numbers");
    }

    @Test
    void invalidPipelinesExitTwoNamingNodeAndParameter() throws Exception {
        Path e = experiment("org.myoflow.test.ramp", "");
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", dir.resolve("x").toString(), "--set",
                "src.samples=0"));
        assertTrue(err().contains("node 'src', parameter 'samples': value 0 is out of range [1, 100000]"), err());
        Path unknown = experiment("org.example.absent", "");
        assertEquals(ExitCodes.INVALID, run("validate", unknown.toString()));
        assertTrue(err().contains("node 'src': step 'org.example.absent' version 1.0.0 is not installed"), err());
        assertEquals(ExitCodes.INVALID, run("validate", dir.resolve("missing.myoflow").toString()));
        assertTrue(err().contains("not found"), err());
        assertEquals(ExitCodes.INVALID, run("nonsense"));
    }

    @Test
    void dataErrorsExitThreeAndStepErrorsExitFour() throws Exception {
        Path e = experiment("org.myoflow.test.ramp", "");
        assertEquals(ExitCodes.BAD_DATA, run("run", e.toString(), "--out", dir.resolve("x").toString(), "--set",
                "src.fail=1"));
        assertTrue(err().contains("input.csv:7"), err());
        assertEquals(ExitCodes.STEP_FAILED, run("run", e.toString(), "--out", dir.resolve("y").toString(), "--set",
                "src.fail=2"));
        assertTrue(err().contains("node 'src' (org.myoflow.test.ramp) failed: solver diverged"), err());
    }

    @Test
    void validateAndStepsReport() throws Exception {
        assertEquals(ExitCodes.OK, run("validate", experiment("org.myoflow.test.ramp", "").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("is valid (1 nodes"));
        assertEquals(ExitCodes.OK, run("steps", "--json"));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"id\": \"org.myoflow.test.ramp\"") && json.contains("\"name\": \"samples\""), json);
    }

    @Test
    void benchRunsASuiteAndPrintsItsFiguresAsJsonLast() {
        org.myoflow.core.spi.BenchmarkSuite suite = new org.myoflow.core.spi.BenchmarkSuite() {
            @Override
            public String name() {
                return "toy";
            }

            @Override
            public String description() {
                return "a toy suite";
            }

            @Override
            public java.util.Map<String, Object> run(boolean quick, PrintStream o,
                    org.myoflow.core.spi.Progress p) {
                o.println("measuring");
                return java.util.Map.of("quick_seen", quick, "ratio", 2.5);
            }
        };
        Cli cli = new Cli(new SimpleStepRegistry(), () -> java.util.List.of(suite),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, "test", new AtomicBoolean());
        assertEquals(ExitCodes.OK, cli.execute("bench", "toy", "--quick", "--json"));
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("{\"suite\":\"toy\",\"quick\":true") && last.contains("\"ratio\":2.5")
                && last.contains("\"quick_seen\":true"), last);
        assertEquals(ExitCodes.INVALID, cli.execute("bench", "absent"));
        assertTrue(err().contains("no benchmark suite 'absent'"), err());
    }
}
