package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.bool;
import static org.myoflow.core.tests.TestSteps.file;
import static org.myoflow.core.tests.TestSteps.integer;
import static org.myoflow.core.tests.TestSteps.literal;
import static org.myoflow.core.tests.TestSteps.number;
import static org.myoflow.core.tests.TestSteps.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.InvalidPipelineException;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/** Validation reports every problem, each naming its node and parameter or port, and runs nothing. */
class ValidationTest {

    @TempDir
    Path tmp;

    private TestStep constant;
    private TestStep gain;
    private TestStep spikes;
    private TestStep allTypes;
    private Engine engine;

    @BeforeEach
    void setUp() {
        constant = TestSteps.constant();
        gain = TestSteps.gain();
        spikes = TestSteps.spikeSource();
        allTypes = TestSteps.allTypes();
        engine = new Engine(new SimpleStepRegistry().add(constant).add(gain).add(spikes).add(allTypes));
    }

    private RunOptions options() {
        return new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("scratch"));
    }

    private List<ValidationProblem> validate(Pipelines p) {
        return validate(p, options());
    }

    private List<ValidationProblem> validate(Pipelines p, RunOptions options) {
        return engine.validate(p.experiment, p.pipeline, options);
    }

    /** The one problem reported, checked to concern that node and subject. */
    private static ValidationProblem only(List<ValidationProblem> problems, String nodeId, String subject) {
        assertEquals(1, problems.size(), problems.toString());
        ValidationProblem p = problems.get(0);
        assertEquals(nodeId, p.nodeId(), p.toString());
        assertEquals(subject, p.subject(), p.toString());
        return p;
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected <" + expected + "> in <" + actual + ">");
    }

    private Pipelines sourceAndGain() {
        return Pipelines.create().node("src", constant).node("g", gain).connect("src.signal", "g.in");
    }

    private void assertNothingRan() {
        assertEquals(0, constant.count() + gain.count() + spikes.count() + allTypes.count(), "steps executed");
    }

    @Test
    void validPipelineHasNoProblems() {
        assertEquals(List.of(), validate(sourceAndGain()));
        assertNothingRan();
    }

    @Test
    void unknownStepNamesIdVersionAndProvidingBundle() {
        Pipelines p = Pipelines.create().node("x", "org.acme.missing", "2.1.0");
        p.find("x").setBundleName("org.acme.steps");
        p.find("x").setBundleVersion("2.1.3");
        ValidationProblem pr = only(validate(p), "x", null);
        assertContains("step 'org.acme.missing' version 2.1.0 is not installed", pr.message());
        assertContains("provided by bundle org.acme.steps 2.1.3", pr.message());
        assertEquals("node 'x': " + pr.message(), pr.toString());
    }

    @Test
    void otherMajorVersionIsRefusedSameMajorAccepted() {
        ValidationProblem pr = only(validate(Pipelines.create().node("src", "test.constant", "2.0.0")), "src",
                null);
        assertContains("'test.constant' version 2.0.0 is not installed", pr.message());
        assertContains("installed version 1.2.0", pr.message());
        assertEquals(List.of(), validate(Pipelines.create().node("src", "test.constant", "1.0.0")));
        assertEquals(List.of(), validate(Pipelines.create().node("src", "test.constant", "1.9.3")));
    }

    @Test
    void missingRequiredInput() {
        ValidationProblem pr = only(validate(Pipelines.create().node("g", gain)), "g", "input 'in'");
        assertEquals("required input is not connected (expects signal)", pr.message());
    }

    @Test
    void portTypeMismatch() {
        List<ValidationProblem> problems = validate(
                Pipelines.create().node("s", spikes).node("g", gain).connect("s.spikes", "g.in"));
        ValidationProblem pr = problems.stream().filter(x -> x.message().startsWith("expects")).findFirst()
                .orElseThrow(() -> new AssertionError(problems.toString()));
        assertEquals("g", pr.nodeId());
        assertEquals("input 'in'", pr.subject());
        assertEquals("expects signal but s.spikes gives spike-trains", pr.message());
    }

    @Test
    void unknownOutputPort() {
        List<ValidationProblem> problems = validate(Pipelines.create().node("src", constant).node("g", gain)
                .connect("src.sig", "g.in"));
        ValidationProblem pr = problems.get(0);
        assertEquals("src", pr.nodeId());
        assertEquals("output 'sig'", pr.subject());
        assertEquals("no such output port; outputs: [signal]", pr.message());
    }

    @Test
    void unknownInputPort() {
        List<ValidationProblem> problems = validate(Pipelines.create().node("src", constant).node("g", gain)
                .connect("src.signal", "g.input"));
        ValidationProblem pr = problems.get(0);
        assertEquals("g", pr.nodeId());
        assertEquals("input 'input'", pr.subject());
        assertEquals("no such input port; inputs: [in]", pr.message());
    }

    @Test
    void connectionToUnknownNode() {
        List<ValidationProblem> problems = validate(sourceAndGain().connect("ghost.out", "g.in"));
        ValidationProblem pr = only(problems, null, "connection ghost.out -> g.in");
        assertEquals("no node 'ghost'", pr.message());
    }

    @Test
    void inputConnectedTwice() {
        Pipelines p = Pipelines.create().node("a", constant).node("b", constant).node("g", gain)
                .connect("a.signal", "g.in").connect("b.signal", "g.in");
        ValidationProblem pr = only(validate(p), "g", "input 'in'");
        assertEquals("connected twice (from a.signal and b.signal)", pr.message());
    }

    @Test
    void cycle() {
        Pipelines p = Pipelines.create().node("src", constant).node("g1", gain).node("g2", gain).node("g3", gain)
                .connect("g1.out", "g2.in").connect("g2.out", "g1.in").connect("src.signal", "g3.in");
        ValidationProblem pr = only(validate(p), null, null);
        assertEquals("the connections form a cycle through nodes [g1, g2]", pr.message());
    }

    @Test
    void duplicateNodeId() {
        ValidationProblem pr = only(validate(Pipelines.create().node("a", constant).node("a", constant)), "a", null);
        assertEquals("duplicate node id", pr.message());
    }

    @Test
    void badNodeId() {
        ValidationProblem pr = only(validate(Pipelines.create().node("1st node", constant)), "1st node", null);
        assertContains("must start with a letter", pr.message());
    }

    @Test
    void emptyPipeline() {
        ValidationProblem pr = only(validate(Pipelines.create()), null, null);
        assertEquals("the pipeline has no nodes", pr.message());
    }

    @Test
    void unknownParameter() {
        ValidationProblem pr = only(validate(Pipelines.create().node("src", constant, number("valu", 3, "mV"))),
                "src", "parameter 'valu'");
        assertEquals("unknown parameter; known: [value, samples, negate]", pr.message());
    }

    @Test
    void parameterGivenTwice() {
        ValidationProblem pr = only(validate(Pipelines.create().node("src", constant, number("value", 3, "mV"),
                number("value", 4, "mV"))), "src", "parameter 'value'");
        assertEquals("given twice", pr.message());
    }

    @Test
    void mistypedParameters() {
        assertEquals("expected number, got string abc", only(validate(Pipelines.create().node("src", constant,
                text("value", "abc"))), "src", "parameter 'value'").message());
        assertEquals("expected a boolean, got long 1", only(validate(Pipelines.create().node("src", constant,
                integer("negate", 1))), "src", "parameter 'negate'").message());
        assertEquals("expected an integer, got 2.5", only(validate(Pipelines.create().node("src", constant,
                number("samples", 2.5))), "src", "parameter 'samples'").message());
        assertEquals("expected text, got boolean true", only(validate(Pipelines.create().node("a", allTypes,
                bool("label", true), file("file", "x.csv"))), "a", "parameter 'label'").message());
        assertEquals("'TURBO' is not one of [SLOW, FAST]", only(validate(Pipelines.create().node("a", allTypes,
                literal("mode", "TURBO"), file("file", "x.csv"))), "a", "parameter 'mode'").message());
    }

    @Test
    void integerValueIsAValidNumber() throws Exception {
        Pipelines p = Pipelines.create().node("src", constant, integer("value", 3));
        assertEquals(List.of(), validate(p));
        RunResult r = engine.run(p.experiment, p.pipeline, options());
        assertEquals(3.0, r.node("src").orElseThrow().parameters().get("value"));
        assertEquals(3.0, ((Signal) r.node("src").orElseThrow().outputs().get("signal")).get(0, 0));
    }

    @Test
    void outOfRangeNamesTheRange() {
        assertEquals("value 12.0 is out of range [0, 10] mV", only(validate(Pipelines.create().node("src",
                constant, number("value", 12, "mV"))), "src", "parameter 'value'").message());
        assertEquals("value -0.5 is out of range [0, 10] mV", only(validate(Pipelines.create().node("src",
                constant, number("value", -0.5))), "src", "parameter 'value'").message());
        assertEquals("value 0 is out of range [1, 1000]", only(validate(Pipelines.create().node("src", constant,
                integer("samples", 0))), "src", "parameter 'samples'").message());
        assertEquals("value NaN is not a finite number", only(validate(Pipelines.create().node("src", constant,
                number("value", Double.NaN))), "src", "parameter 'value'").message());
    }

    @Test
    void wrongUnit() {
        assertEquals("unit 'kg' does not match the parameter's unit 'mV'", only(validate(Pipelines.create()
                .node("src", constant, number("value", 5, "kg"))), "src", "parameter 'value'").message());
        // a unit that differs by an SI prefix converts: 5 V = 5000 mV, out of [0, 10] mV
        assertEquals("value 5000.0 is out of range [0, 10] mV", only(validate(Pipelines.create()
                .node("src", constant, number("value", 5, "V"))), "src", "parameter 'value'").message());
        assertEquals(List.of(), validate(Pipelines.create().node("src", constant, number("value", 5, "mV"))));
        assertEquals(List.of(), validate(Pipelines.create().node("src", constant, number("value", 5, ""))));
    }

    @Test
    void missingFile() {
        ValidationProblem pr = only(validate(Pipelines.create().node("a", allTypes, file("file", "nope.csv"))), "a",
                "parameter 'file'");
        assertEquals("file not found: " + tmp.resolve("nope.csv").toAbsolutePath().normalize(), pr.message());
    }

    @Test
    void fileWithoutDefaultIsRequired() {
        ValidationProblem pr = only(validate(Pipelines.create().node("a", allTypes)), "a", "parameter 'file'");
        assertEquals("required parameter has no value", pr.message());
    }

    @Test
    void existingFileIsResolvedAndHashed() throws Exception {
        Files.writeString(tmp.resolve("in.csv"), "abc");
        Pipelines p = Pipelines.create().node("a", allTypes, file("file", "in.csv"));
        RunResult r = engine.run(p.experiment, p.pipeline, options());
        String abs = tmp.resolve("in.csv").toAbsolutePath().normalize().toString();
        assertEquals(abs, r.node("a").orElseThrow().parameters().get("file"));
        // sha256("abc"), a standard test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                r.node("a").orElseThrow().inputFiles().get(abs));
    }

    @Test
    void overridesAreCheckedLikeFileValues() throws Exception {
        assertEquals("value 12.0 is out of range [0, 10] mV", only(validate(sourceAndGain(),
                options().set("src.value", "12")), "src", "parameter 'value'").message());
        assertEquals("'abc' is not a number (unit mV)", only(validate(sourceAndGain(),
                options().set("src.value", "abc")), "src", "parameter 'value'").message());
        assertContains("unknown parameter 'bogus'", only(validate(sourceAndGain(),
                options().set("src.bogus", "1")), "src", "parameter 'bogus'").message());
        ValidationProblem pr = only(validate(sourceAndGain(), options().set("nope.value", "1")), "nope",
                "--set nope.value");
        assertEquals("no node 'nope' in the pipeline; nodes: [src, g]", pr.message());
        assertEquals("expected node.parameter=value", only(validate(sourceAndGain(),
                options().set("value", "1")), null, "--set value").message());
        assertNothingRan();

        // a valid override (with its unit) replaces the file's value
        Pipelines p = sourceAndGain().set("src", number("value", 1, "mV"));
        RunResult r = engine.run(p.experiment, p.pipeline, options().set("src.value", "4.5 mV").set("g.factor", "3"));
        assertEquals(4.5, r.node("src").orElseThrow().parameters().get("value"));
        assertEquals(13.5, ((Signal) r.node("g").orElseThrow().outputs().get("out")).get(0, 0), 1e-12);
    }

    @Test
    void everyProblemIsReportedAndNothingRuns() {
        Pipelines p = Pipelines.create().node("src", constant, number("value", 11, "mV"), text("extra", "x"))
                .node("g", gain).node("h", "org.acme.missing", "1.0.0");
        List<ValidationProblem> problems = validate(p);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(x -> "h".equals(x.nodeId())), problems.toString());
        assertTrue(problems.stream().anyMatch(x -> "input 'in'".equals(x.subject())), problems.toString());
        assertTrue(problems.stream().anyMatch(x -> "parameter 'extra'".equals(x.subject())), problems.toString());
        assertTrue(problems.stream().anyMatch(x -> "parameter 'value'".equals(x.subject())), problems.toString());

        InvalidPipelineException e = assertThrows(InvalidPipelineException.class,
                () -> engine.run(p.experiment, p.pipeline, options()));
        assertEquals(problems, e.problems());
        assertContains("4 problem(s)", e.getMessage());
        assertContains("node 'src', parameter 'value': value 11.0 is out of range [0, 10] mV", e.getMessage());
        assertNothingRan();
    }
}
