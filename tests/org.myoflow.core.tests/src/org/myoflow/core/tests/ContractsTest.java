package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.bool;
import static org.myoflow.core.tests.TestSteps.literal;
import static org.myoflow.core.tests.TestSteps.number;
import static org.myoflow.core.tests.TestSteps.text;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeFailedException;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ConfigureException;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.ParameterSpec;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.core.spi.Units;
import org.myoflow.core.tests.TestSteps.Pipelines;

/** Port contracts: steps derive and check data specs during validation, before anything runs. */
class ContractsTest {

    @TempDir
    Path tmp;

    private final AtomicInteger runs = new AtomicInteger();
    private Engine engine;

    public enum Model {
        A, B
    }

    public static class SourceSettings {
        @Param(description = "Channel labels, comma-separated")
        public String labels = "left,right";

        @Param(description = "Sampling rate", unit = "Hz", min = 1)
        public double rate = 100;

        @Param(description = "Whether the output is labelled wrongly at run time (a step bug)")
        public boolean lie;
    }

    public static class PickSettings {
        @Param(description = "Channel of input 'in' to pick; empty for a one-channel input", channelOf = "in")
        public String channel = "";

        @Param(description = "Model")
        public Model model = Model.A;

        @Param(description = "Gain of model A only", appliesWhen = "model=A")
        public double gain = 1;

        @Param(description = "Smooth?")
        public boolean smooth;

        @Param(description = "Smoothing width", unit = "m", appliesWhen = "smooth=true", min = 0)
        public double width = 0.01;
    }

    /** {@code test.two-channels}: a source whose configure knows its labels and rate. */
    private StepProvider source() {
        StepDescriptor d = StepDescriptor.builder("test.two-channels", "1.0.0").name("source").category("Test")
                .output("signal", DataTypes.SIGNAL, "labelled channels").settings(SourceSettings.class).build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Step createStep() {
                return c -> {
                    runs.incrementAndGet();
                    SourceSettings s = c.settings(SourceSettings.class);
                    Signal.Builder b = Signal.builder(s.rate).quantity("excitation");
                    for (String l : s.labels.split(",")) {
                        b.channel(s.lie ? l + "-x" : l, "", new double[] { 0.5, 0.5 });
                    }
                    c.output("signal", b.build());
                };
            }

            @Override
            public Map<String, DataSpec> configure(ConfigureContext c) {
                SourceSettings s = c.settings(SourceSettings.class);
                return Map.of("signal", DataSpec.signal("excitation", "", List.of(s.labels.split(",")), s.rate,
                        2 / s.rate));
            }
        };
    }

    /** {@code test.pick}: picks one channel; refuses an ambiguous or unknown one during configure. */
    private StepProvider pick() {
        StepDescriptor d = StepDescriptor.builder("test.pick", "1.0.0").name("pick").category("Test")
                .input("in", DataTypes.SIGNAL, "signal").output("out", DataTypes.SIGNAL, "one channel")
                .settings(PickSettings.class).build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Step createStep() {
                return c -> {
                    runs.incrementAndGet();
                    Signal in = c.input("in", Signal.class);
                    String ch = c.settings(PickSettings.class).channel;
                    c.output("out", Signal.builder(in.samplingRate()).channel(ch.isEmpty() ? "x" : ch, "",
                            ch.isEmpty() ? in.channel(0) : in.channel(ch)).build());
                };
            }

            @Override
            public Map<String, DataSpec> configure(ConfigureContext c) {
                DataSpec in = c.inputSpec("in").orElseThrow();
                String ch = c.settings(PickSettings.class).channel;
                if (ch.isEmpty() && in.channelCount() > 1) {
                    c.problem("in", null, in.channelCount() + " channels " + in.channelLabels()
                            + "; set parameter 'channel' to one of them");
                } else if (!ch.isEmpty() && in.channelsKnown() && !in.hasChannel(ch)) {
                    throw new ConfigureException("in", ch, "no such channel; channels: " + in.channelLabels());
                }
                return Map.of("out", in.withChannels(List.of(ch.isEmpty() ? "x" : ch)));
            }
        };
    }

    /** {@code test.broken}: a configure with a bug. */
    private StepProvider broken() {
        StepDescriptor d = StepDescriptor.builder("test.broken", "1.0.0").name("broken").category("Test")
                .input("in", DataTypes.SIGNAL, "signal").output("out", DataTypes.SIGNAL, "same").build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Step createStep() {
                return c -> c.output("out", c.input("in", Signal.class));
            }

            @Override
            public Map<String, DataSpec> configure(ConfigureContext c) {
                throw new IndexOutOfBoundsException("index 3 out of bounds");
            }
        };
    }

    /** {@code test.plain}: a third-party step that does not override configure. */
    private StepProvider plain() {
        StepDescriptor d = StepDescriptor.builder("test.plain", "1.0.0").name("plain").category("Test")
                .input("in", DataTypes.SIGNAL, "signal").output("out", DataTypes.SIGNAL, "same").build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Step createStep() {
                return c -> {
                    runs.incrementAndGet();
                    c.output("out", c.input("in", Signal.class));
                };
            }
        };
    }

    @BeforeEach
    void setUp() {
        engine = new Engine(new SimpleStepRegistry().add(source()).add(pick()).add(broken()).add(plain()));
    }

    private RunOptions options() {
        return new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    private static Pipelines chain(String middle, org.myoflow.model.ParameterValue... params) {
        return Pipelines.create().node("src", "test.two-channels", "1.0.0").node("mid", middle, "1.0.0", params)
                .node("end", "test.plain", "1.0.0").connect("src.signal", "mid.in").connect("mid.out", "end.in");
    }

    @Test
    void specsFlowDownstreamAndValidPipelinesRun() throws Exception {
        Pipelines p = chain("test.pick", text("channel", "right"));
        Configuration c = engine.configure(p.experiment, p.pipeline, options());
        assertEquals(List.of(), c.problems());
        DataSpec src = c.spec("src", "signal").orElseThrow();
        assertEquals(List.of("left", "right"), src.channelLabels());
        assertEquals(100, src.samplingRate(), 0);
        assertEquals("excitation", src.quantity());
        assertEquals(List.of("right"), c.spec("mid", "out").orElseThrow().channelLabels());
        assertEquals(100, c.spec("mid", "out").orElseThrow().samplingRate(), 0);
        // a step without configure declares its port type, nothing more
        assertEquals(DataSpec.ofType(DataTypes.SIGNAL), c.spec("end", "out").orElseThrow());
        assertEquals(0, runs.get(), "configure runs nothing");
        engine.run(p.experiment, p.pipeline, options());
        assertEquals(3, runs.get());
    }

    @Test
    void ambiguousChannelIsRefusedNamingNodeAndPortBeforeAnyRun() {
        Pipelines p = chain("test.pick");
        List<ValidationProblem> pr = engine.validate(p.experiment, p.pipeline, options());
        assertEquals(1, pr.size(), pr.toString());
        assertEquals(new ValidationProblem("mid", "input 'in'",
                "2 channels [left, right]; set parameter 'channel' to one of them"), pr.get(0));
        assertEquals("node 'mid', input 'in': 2 channels [left, right]; set parameter 'channel' to one of them",
                pr.get(0).toString());
        assertEquals(0, runs.get());
    }

    @Test
    void unknownChannelIsRefusedNamingTheChannel() {
        Pipelines p = chain("test.pick", text("channel", "middle"));
        Configuration c = engine.configure(p.experiment, p.pipeline, options());
        assertEquals(List.of(new ValidationProblem("mid", "input 'in', channel 'middle'",
                "no such channel; channels: [left, right]")), c.problems());
        // the refused node and what depends on it have no specs; the upstream source has
        assertTrue(c.spec("src", "signal").isPresent());
        assertFalse(c.specs().containsKey("mid"));
        assertFalse(c.specs().containsKey("end"));
        assertThrows(org.myoflow.core.engine.InvalidPipelineException.class,
                () -> engine.run(p.experiment, p.pipeline, options()));
        assertEquals(0, runs.get());
    }

    @Test
    void aConfigureBugBecomesAProblemNamingTheStep() {
        Pipelines p = chain("test.broken");
        List<ValidationProblem> pr = engine.validate(p.experiment, p.pipeline, options());
        assertEquals(1, pr.size(), pr.toString());
        assertEquals("mid", pr.get(0).nodeId());
        assertTrue(pr.get(0).message().startsWith("step test.broken failed to check its inputs: "
                + "java.lang.IndexOutOfBoundsException: index 3 out of bounds"), pr.get(0).message());
    }

    @Test
    void anOutputThatContradictsItsDeclarationFailsTheNode() {
        Pipelines p = Pipelines.create().node("src", "test.two-channels", "1.0.0", bool("lie", true));
        assertEquals(List.of(), engine.validate(p.experiment, p.pipeline, options()));
        NodeFailedException e = assertThrows(NodeFailedException.class,
                () -> engine.run(p.experiment, p.pipeline, options()));
        assertEquals("src", e.nodeId());
        assertTrue(e.getMessage().contains("output 'signal' contradicts what it declared before the run: declared "
                + "channels [left, right] but produced [left-x, right-x]"), e.getMessage());
    }

    @Test
    void dataSpecOfDataAndMismatches() {
        Signal s = Signal.builder(50).quantity("emg").channel("a", "mV", new double[] { 1, 2, 3, 4 })
                .channel("b", "mV", new double[] { 1, 2, 3, 4 }).build();
        DataSpec spec = DataSpec.of(s);
        assertEquals(List.of("a", "b"), spec.channelLabels());
        assertEquals("mV", spec.unit());
        assertEquals(0.08, spec.duration(), 1e-12);
        assertEquals(List.of(), DataSpec.ofType(DataTypes.SIGNAL).mismatches(spec), "unknown never contradicts");
        assertEquals(List.of("declared channels [a] but produced [a, b]"),
                spec.withChannels(List.of("a")).mismatches(spec));
        assertEquals(List.of("declared 3 motor units but produced 2"),
                DataSpec.ofType(DataTypes.SPIKE_TRAINS).withUnits(3).mismatches(DataSpec.ofType(
                        DataTypes.SPIKE_TRAINS).withUnits(2)));
        assertEquals(List.of("mV", "mV"), spec.withChannels(List.of("x", "y")).channelUnits());
        assertThrows(IllegalArgumentException.class, () -> new DataSpec(DataTypes.SIGNAL, null, null,
                List.of("a"), List.of("V", "V"), Double.NaN, -1, Double.NaN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5 mm | m | 0.005",
            "5mm | m | 0.005",
            "2 kHz | Hz | 2000",
            "500 ms | s | 0.5",
            "20 um | m | 0.00002",
            "20 \u00b5m | mm | 0.02",
            "3 cm | mm | 30",
            "0.25 m | mm | 250",
            "7 | mm | 7",
            "7 mm | mm | 7",
            "1.5e3 Hz | kHz | 1.5",
            "-6 dB | dB | -6" })
    void siPrefixesConvert(String text, String unit, double expected) {
        assertEquals(expected, Units.parse(text, unit), Math.abs(expected) * 1e-15);
    }

    @Test
    void incompatibleUnitsAreRefused() {
        assertEquals("unit 'kg' cannot be converted to the parameter's unit 'm'",
                assertThrows(IllegalArgumentException.class, () -> Units.parse("5 kg", "m")).getMessage());
        assertTrue(Units.factor("mV", "").isEmpty());
        assertTrue(Units.factor("m", "").isEmpty(), "a bare prefix is no unit");
        assertEquals(1e-3, Units.factor("mm", "m").getAsDouble(), 0);
        assertEquals(0.005, Units.convert(5, "mm", "m"), 0);
    }

    @Test
    void prefixedUnitsConvertInFilesAndOverrides() {
        ParameterSchema schema = ParameterSchema.of(PickSettings.class);
        assertEquals(0.005, schema.parse("width", "5mm"));
        assertEquals(0.005, schema.parse("width", " 5 mm "));
        assertEquals("unit 'kg' cannot be converted to the parameter's unit 'm'",
                assertThrows(IllegalArgumentException.class, () -> schema.parse("width", "5 kg")).getMessage());
        Pipelines p = chain("test.pick", text("channel", "left"), number("width", 25, "mm"));
        RunOptions o = options();
        Configuration c = engine.configure(p.experiment, p.pipeline, o);
        assertEquals(List.of(), c.problems());
        List<ValidationProblem> pr = engine.validate(p.experiment, p.pipeline, options().set("mid.width", "5 kg"));
        assertEquals(List.of(new ValidationProblem("mid", "parameter 'width'",
                "unit 'kg' cannot be converted to the parameter's unit 'm'")), pr);
        pr = engine.validate(chain("test.pick", text("channel", "left"), number("width", 25, "kg")).experiment,
                chain("test.pick", text("channel", "left"), number("width", 25, "kg")).pipeline, options());
        assertEquals(List.of(new ValidationProblem("mid", "parameter 'width'",
                "unit 'kg' does not match the parameter's unit 'm'")), pr);
    }

    @Test
    void applicabilityAndChannelMetadata() {
        ParameterSchema schema = ParameterSchema.of(PickSettings.class);
        ParameterSpec gain = schema.get("gain").orElseThrow();
        assertEquals(new ParameterSpec.Condition("model", List.of("A")), gain.appliesWhen());
        assertEquals("model = A", gain.appliesWhen().toString());
        Map<String, Object> values = new LinkedHashMap<>(schema.resolve(Map.of()));
        assertTrue(gain.applies(values));
        values.put("model", "B");
        assertFalse(gain.applies(values));
        ParameterSpec width = schema.get("width").orElseThrow();
        assertFalse(width.applies(values), "smooth is false by default");
        values.put("smooth", true);
        assertTrue(width.applies(values));
        assertEquals("in", schema.get("channel").orElseThrow().channelOf());
        assertNull(schema.get("model").orElseThrow().appliesWhen());
        assertTrue(schema.get("model").orElseThrow().applies(values));
        // a value given for a parameter that does not apply is not an error
        Pipelines p = chain("test.pick", text("channel", "left"), literal("model", "B"), number("gain", 3));
        assertEquals(List.of(), engine.validate(p.experiment, p.pipeline, options()));
    }

    public static class BadCondition {
        @Param(description = "x", appliesWhen = "mode=C")
        public double x;

        @Param(description = "mode")
        public Model mode = Model.A;
    }

    @Test
    void aConditionOnAnUnknownValueIsASchemaError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterSchema.of(BadCondition.class));
        assertTrue(e.getMessage().contains("appliesWhen mode = C"), e.getMessage());
    }
}
