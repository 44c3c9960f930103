package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.NodeIds;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.Texts;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Pipeline;

/**
 * Issue 19: validation is linear in the node count, every message names node, parameter and the offending text
 * (escaped), self-loops and duplicate pipeline names are refused as such, and plans are sized before any work.
 */
class ReliabilityValidationTest {

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private Engine engine;

    public static class RecorderSettings {
        @Param(description = "Sampling rate", unit = "Hz", min = 1, max = 1e6)
        public double rate = 1000;

        @Param(description = "Duration", unit = "s", min = 0, max = 1e6)
        public double duration = 1;

        @Param(description = "Channels", min = 1, max = 10000)
        public int channels = 1;

        @Param(description = "Bytes the step reports itself (0: none)", min = 0, max = 1e18)
        public double reported;
    }

    /** {@code test.recorder}: a signal whose spec knows rate, duration and channels (what sizing needs). */
    private static StepProvider recorder() {
        StepDescriptor d = StepDescriptor.builder("test.recorder", "1.0.0").name("Recorder").category("Test")
                .output("signal", DataTypes.SIGNAL, "a recording").settings(RecorderSettings.class).build();
        return new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Map<String, DataSpec> configure(ConfigureContext c) {
                RecorderSettings s = c.settings(RecorderSettings.class);
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < s.channels; i++) {
                    labels.add("c" + i);
                }
                if (s.reported > 0) {
                    c.outputSize("signal", Math.multiplyExact((long) s.reported, 1L));
                }
                return Map.of("signal", DataSpec.signal("emg", "mV", labels, s.rate, s.duration));
            }

            @Override
            public Step createStep() {
                return ctx -> ctx.output("signal", Signal.builder(1000).channel("c0", "mV", new double[] { 1 })
                        .build());
            }
        };
    }

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        engine = new Engine(new SimpleStepRegistry().add(constant).add(gain).add(recorder()));
    }

    private RunOptions options() {
        return new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    private List<ValidationProblem> validate(Pipelines p, RunOptions o) {
        return engine.validate(p.experiment, p.pipeline, o);
    }

    private static ValidationProblem only(List<ValidationProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected <" + expected + "> in <" + actual + ">");
    }

    // ---- linear validation -----------------------------------------------------------------------------------

    /**
     * 20 000 nodes declared downstream-first (the worst case for the old quadratic order): a chain of gains with a
     * side branch every 100 nodes. The order must put every node after its upstream node.
     */
    @Test
    void twentyThousandNodesAreOrderedCorrectly() {
        int n = 20_000;
        Pipelines p = Pipelines.create();
        Map<String, String> upstreamOf = new HashMap<>();
        for (int i = n - 1; i >= 1; i--) {
            p.node("g" + i, gain);
            String up = i == 1 ? "src" : "g" + (i - 1);
            p.connect(i == 1 ? "src.signal" : up + ".out", "g" + i + ".in");
            upstreamOf.put("g" + i, up);
        }
        for (int i = 100; i < n; i += 100) {
            p.node("b" + i, gain).connect("g" + i + ".out", "b" + i + ".in");
            upstreamOf.put("b" + i, "g" + i);
        }
        p.node("src", constant);
        Configuration conf = engine.configure(p.experiment, p.pipeline, options());
        assertTrue(conf.valid(), () -> conf.problems().subList(0, Math.min(5, conf.problems().size())).toString());
        List<String> order = new ArrayList<>(conf.specs().keySet());
        assertEquals(n + (n - 1) / 100, order.size());
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            at.put(order.get(i), i);
        }
        assertEquals(0, at.get("src"));
        upstreamOf.forEach((node, up) -> assertTrue(at.get(up) < at.get(node), node + " before " + up));
        assertEquals(order.size(), conf.sizes().size());
    }

    @Test
    void aCycleNamesOnlyItsNodesAndCountsTheNodesBehindIt() {
        Pipelines p = Pipelines.create().node("src", constant).node("g1", gain).node("g2", gain).node("g3", gain)
                .node("g4", gain).connect("g1.out", "g2.in").connect("g2.out", "g1.in").connect("g2.out", "g3.in")
                .connect("g3.out", "g4.in");
        List<ValidationProblem> problems = validate(p, options());
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("the connections form a cycle through nodes [g1, g2]", problems.get(0).message());
        assertEquals("2 node(s) downstream of the cycle cannot run either", problems.get(1).message());
    }

    @Test
    void aSelfLoopIsReportedAsSuch() {
        Pipelines p = Pipelines.create().node("src", constant).node("pool", gain).node("emg", gain)
                .connect("pool.out", "pool.in").connect("pool.out", "emg.in");
        ValidationProblem pr = only(validate(p, options()));
        assertEquals("pool", pr.nodeId());
        assertEquals("connection pool.out -> pool.in", pr.subject());
        assertContains("connected to itself (a self-loop)", pr.message());
        assertFalse(pr.toString().contains("cycle"), pr.toString());
    }

    // ---- node ids and names -------------------------------------------------------------------------------

    @Test
    void anIdWithANewlineIsEscapedAndCausesNoSpuriousProblems() {
        Pipelines p = Pipelines.create().node("src\nnode 'x': forged line", constant).node("g", gain)
                .connect("src\nnode 'x': forged line.signal", "g.in");
        ValidationProblem pr = only(validate(p, options()));
        String line = pr.toString();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("node 'src\\nnode 'x': forged line': invalid node id; a node id must start with"),
                line);
        assertContains("[A-Za-z][A-Za-z0-9_-]{0,63}", line);
    }

    @Test
    void idCharacterSet() {
        assertTrue(NodeIds.valid("a"));
        assertTrue(NodeIds.valid("Pool_2-left"));
        assertTrue(NodeIds.valid("a" + "b".repeat(63)));
        assertFalse(NodeIds.valid("a" + "b".repeat(64)));
        assertFalse(NodeIds.valid("pool.left"));
        assertFalse(NodeIds.valid("2pool"));
        assertFalse(NodeIds.valid("pööl"));
        assertFalse(NodeIds.valid(""));
        assertFalse(NodeIds.valid(null));
        String longId = "a".repeat(65);
        ValidationProblem pr = only(validate(Pipelines.create().node(longId, constant), options()));
        assertEquals(longId, pr.nodeId());
        assertTrue(pr.toString().startsWith("node '" + "a".repeat(Texts.MAX_QUOTED) + "…': invalid node id"),
                pr.toString());
    }

    @Test
    void duplicatePipelineNamesAreRefused() {
        Pipelines p = Pipelines.create().node("src", constant);
        Pipeline twin = MyoflowFactory.eINSTANCE.createPipeline();
        twin.setName("main");
        p.experiment.getPipelines().add(twin);
        ValidationProblem pr = only(validate(p, options()));
        assertEquals("the experiment has 2 pipelines named 'main'; pipeline names must be unique (--pipeline picks "
                + "by name)", pr.message());
    }

    @Test
    void textsEscapeControlCharactersAndCutLongText() {
        assertEquals("a\\nb\\tc\\rd\\x00e\\x1b\\u202e", Texts.escape("a\nb\tc\rd\u0000e\u001b\u202e"));
        assertEquals("plain", Texts.escape("plain"));
        assertEquals("'" + "x".repeat(Texts.MAX_QUOTED) + "…'", Texts.quote("x".repeat(200)));
        assertEquals("'abc'", Texts.quote("abc"));
    }

    // ---- malformed values ------------------------------------------------------------------------------------

    @Test
    void setValuesNameNodeParameterAndEscapedText() {
        Pipelines p = Pipelines.create().node("src", constant).node("g", gain).connect("src.signal", "g.in");
        ValidationProblem pr = only(validate(p, options().set("src.value", "")));
        assertEquals("node 'src', parameter 'value': empty value; expected a number (unit mV)", pr.toString());
        pr = only(validate(p, options().set("src.samples", "  ")));
        assertEquals("node 'src', parameter 'samples': empty value; expected an integer", pr.toString());
        pr = only(validate(p, options().set("src.value", "a\nb")));
        assertEquals("node 'src', parameter 'value': 'a\\nb' is not a number (unit mV)", pr.toString());
        pr = only(validate(p, options().set("src.negate", "maybe\u0000")));
        assertEquals("node 'src', parameter 'negate': 'maybe\\x00' is not a boolean (true/false)", pr.toString());
    }

    private Path xmi(String name, String nodes) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<myoflow:Experiment xmi:version=\"2.0\" xmlns:xmi=\"http://www.omg.org/XMI\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:myoflow=\"http://www.myoflow.org/model/experiment/1.0\" name=\"x\" seed=\"1\">\n"
                + "  <pipelines name=\"p\">\n" + nodes + "  </pipelines>\n</myoflow:Experiment>\n");
        return f;
    }

    @Test
    void fileValuesNameNodeParameterAndText() throws Exception {
        Path f = xmi("abc.myoflow", "    <nodes id=\"src\" stepId=\"test.constant\">\n"
                + "      <parameters xsi:type=\"myoflow:NumberValue\" key=\"value\" value=\"abc\"/>\n"
                + "    </nodes>\n");
        DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(f));
        assertEquals(f + ":5: node 'src', parameter 'value': 'abc' is not a number",
                e.getMessage());
        Path g = xmi("empty.myoflow", "    <nodes id=\"pool\" stepId=\"test.constant\">\n"
                + "      <parameters xsi:type=\"myoflow:IntegerValue\" key=\"samples\" value=\"\"/>\n"
                + "    </nodes>\n");
        e = assertThrows(DataException.class, () -> ExperimentFiles.load(g));
        assertEquals(g + ":5: node 'pool', parameter 'samples': empty value; expected an integer",
                e.getMessage());
        Path h = xmi("newline.myoflow", "    <nodes id=\"src\" stepId=\"test.constant\">\n"
                + "      <parameters xsi:type=\"myoflow:NumberValue\" key=\"value\" value=\"1&#10;forged\"/>\n"
                + "    </nodes>\n");
        Path k = xmi("x.myoflow", "    <nodes id=\"src\" stepId=\"test.constant\" x=\"left\"/>\n");
        DataException ex = assertThrows(DataException.class, () -> ExperimentFiles.load(k));
        assertEquals(k + ":4: node 'src', attribute 'x': 'left' is not an integer", ex.getMessage());
        e = assertThrows(DataException.class, () -> ExperimentFiles.load(h));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertContains("node 'src', parameter 'value': '1\\nforged' is not a number", e.getMessage());
    }

    // ---- sizing ------------------------------------------------------------------------------------------------

    @Test
    void sizesAreEstimatedFromSpecsAndReports() {
        Pipelines p = Pipelines.create().node("rec", "test.recorder", "1.0.0", number("rate", 1000, "Hz"),
                number("duration", 2, "s"), TestSteps.integer("channels", 4));
        Configuration conf = engine.configure(p.experiment, p.pipeline, options());
        assertTrue(conf.valid(), conf.problems().toString());
        assertEquals(4L * 2001 * 8, conf.sizes().get("rec"));
        p.set("rec", number("reported", 12345));
        assertEquals(12345L, engine.configure(p.experiment, p.pipeline, options()).sizes().get("rec"));
    }

    @Test
    void aPlanLargerThanTheLimitIsRefusedNamingNodeEstimateAndRemedy() {
        // in-range parameters: 1 MHz x 86 400 s x 64 channels = 5.5e12 samples
        Pipelines p = Pipelines.create().node("small", "test.recorder", "1.0.0")
                .node("huge", "test.recorder", "1.0.0", number("rate", 1e6, "Hz"), number("duration", 86400, "s"),
                        TestSteps.integer("channels", 64));
        List<ValidationProblem> problems = validate(p, options());
        ValidationProblem pr = problems.get(problems.size() - 1);
        assertEquals("huge", pr.nodeId());
        assertContains("its outputs need about 40.2 TiB (output 'signal': 64 channel(s) x 86400000001 samples x 8 "
                + "bytes)", pr.message());
        assertContains("three quarters of the Java heap", pr.message());
        assertContains("Make the run smaller (duration, sampling rate, channels, motor units): no Java heap holds it",
                pr.message());
        // 86 400 000 001 samples do not fit one channel (a Java array) either
        ValidationProblem channel = problems.get(0);
        assertEquals("output 'signal'", channel.subject());
        assertContains("86400000001 samples per channel", channel.message());

        // 10 kHz: 412 GiB, a heap that could exist: the message says how to get it
        Pipelines ten = Pipelines.create().node("rec", "test.recorder", "1.0.0", number("rate", 1e4, "Hz"),
                number("duration", 86400, "s"), TestSteps.integer("channels", 64));
        pr = only(validate(ten, options()));
        assertEquals("rec", pr.nodeId());
        assertContains("its outputs need about 412.0 GiB (output 'signal': 64 channel(s) x 864000001 samples x 8 "
                + "bytes)", pr.message());
        assertContains("Give Java more memory with MYOFLOW_JAVA_OPTS=-Xmx551g", pr.message());

        // an explicit limit: 64 channels x 1001 samples x 8 bytes = 512 512 bytes > 100 000
        Pipelines q = Pipelines.create().node("rec", "test.recorder", "1.0.0", TestSteps.integer("channels", 64));
        pr = only(validate(q, options().maxMemory(100_000)));
        assertContains("more than the --max-memory limit of 97.7 KiB", pr.message());
        assertContains("Raise the limit with --max-memory 1g", pr.message());
        assertTrue(validate(q, options().maxMemory(600_000)).isEmpty());
    }

    @Test
    void anOverflowInAStepsSizeArithmeticRefusesTheNode() {
        StepDescriptor d = StepDescriptor.builder("test.overflow", "1.0.0").name("Overflow").category("Test")
                .output("signal", DataTypes.SIGNAL, "x").build();
        Engine e = new Engine(new SimpleStepRegistry().add(new StepProvider() {
            @Override
            public StepDescriptor descriptor() {
                return d;
            }

            @Override
            public Map<String, DataSpec> configure(ConfigureContext c) {
                c.outputSize("signal", Math.multiplyExact(Long.MAX_VALUE / 2, 3L));
                return Map.of();
            }

            @Override
            public Step createStep() {
                return ctx -> {
                };
            }
        }));
        Pipelines p = Pipelines.create().node("big", "test.overflow", "1.0.0");
        ValidationProblem pr = only(e.validate(p.experiment, p.pipeline, options()));
        assertEquals("big", pr.nodeId());
        assertContains("overflow a 64-bit integer", pr.message());
    }
}
