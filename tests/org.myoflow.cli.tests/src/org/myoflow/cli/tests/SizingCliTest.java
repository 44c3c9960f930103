package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;

/** Issue 19: {@code --max-memory}, sizes in {@code validate --specs}, {@code validate --time}. */
class SizingCliTest {

    public static class ToneSettings {
        @Param(description = "samples", min = 1, max = 1e9)
        public int samples = 1000;
    }

    /** A one-channel signal at 1 kHz whose spec knows its length: samples x 8 bytes. */
    static final class Tone implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.tone", "1.0.0").name("Tone")
                .output("signal", DataTypes.SIGNAL, "a tone").settings(ToneSettings.class).build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Map<String, DataSpec> configure(ConfigureContext ctx) {
            int n = ctx.settings(ToneSettings.class).samples;
            return Map.of("signal", DataSpec.signal("tone", "mV", List.of("c"), 1000, (n - 1) / 1000.0));
        }

        @Override
        public Step createStep() {
            return ctx -> ctx.output("signal", Signal.builder(1000).channel("c", "mV",
                    new double[ctx.settings(ToneSettings.class).samples]).build());
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Cli cli = new Cli(new SimpleStepRegistry().add(new Tone()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean());
        return cli.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path experiment() throws Exception {
        return OneNodeExperiment.write(dir, "tone", "org.myoflow.test.tone");
    }

    @Test
    void maxMemoryRefusesALargerPlanAtValidateAndRun() throws Exception {
        Path e = experiment();
        assertEquals(ExitCodes.INVALID, run("validate", e.toString(), "--max-memory", "4k"));
        assertTrue(err().contains("node 'tone': its outputs need about 7.8 KiB (output 'signal': 1 channel(s) x 1000 "
                + "samples x 8 bytes)"), err());
        assertTrue(err().contains("more than the --max-memory limit of 4.0 KiB"), err());
        assertEquals(ExitCodes.OK, run("validate", e.toString(), "--max-memory", "8k"));
        assertEquals(ExitCodes.INVALID, run("validate", e.toString(), "--set", "tone.samples=2000", "--max-memory",
                "8k"));

        Path folder = dir.resolve("r");
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", folder.toString(), "--max-memory", "4k"));
        assertTrue(err().contains("more than the --max-memory limit of 4.0 KiB"), err());
        assertFalse(Files.exists(folder));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", folder.toString(), "--max-memory", "1m"));
    }

    @Test
    void aBadMaxMemoryIsAUsageErrorNamingTheOption() throws Exception {
        Path e = experiment();
        assertEquals(ExitCodes.INVALID, run("validate", e.toString(), "--max-memory", "lots"));
        assertTrue(err().contains("myoflow: --max-memory: 'lots' is not a size (e.g. 512m, 2g"), err());
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--max-memory", "-1g"));
        assertTrue(err().contains("myoflow: --max-memory: '-1g' is not a size between 1 byte and 8 EiB"), err());
        assertEquals(ExitCodes.INVALID, run("validate", e.toString(), "--max-memory", "1\n2"));
        assertTrue(err().contains("'1\\n2' is not a size"), err());
    }

    @Test
    void specsPrintTheEstimatesAndTimePrintsTheFigures() throws Exception {
        Path e = experiment();
        assertEquals(ExitCodes.OK, run("validate", e.toString(), "--specs", "--time"));
        assertTrue(out().contains("  tone: results about 7.8 KiB\n"), out());
        assertTrue(out().contains("  pipeline 'p': results about 7.8 KiB in all"), out());
        assertTrue(out().matches("(?s).*loaded and checked in [0-9.]+ s \\(loaded in [0-9.]+ s, checked in [0-9.]+ s; "
                + "CPU time of this thread [0-9.]+ s\\).*"), out());
    }

    @Test
    void sizesParseLikeXmx() {
        assertEquals(2L << 30, parse("2g"));
        assertEquals(2L << 30, parse("2GB"));
        assertEquals(512L << 20, parse("512m"));
        assertEquals(3L << 29, parse("1.5g"));
        assertEquals(100, parse("100"));
        assertEquals(1L << 40, parse("1t"));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> parse("0"));
        assertEquals("'0' is not a size between 1 byte and 8 EiB", x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("9000000t"));
        assertThrows(IllegalArgumentException.class, () -> parse(""));
    }

    private static long parse(String text) {
        try {
            var m = Class.forName("org.myoflow.cli.internal.MemorySize").getDeclaredMethod("parse", String.class);
            m.setAccessible(true);
            return (long) m.invoke(null, text);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (RuntimeException) e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
