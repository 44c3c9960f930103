package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.Locale;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.experiment.ExperimentFiles;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.model.BooleanValue;
import org.myoflow.model.Connection;
import org.myoflow.model.EnumValue;
import org.myoflow.model.Experiment;
import org.myoflow.model.FileValue;
import org.myoflow.model.IntegerValue;
import org.myoflow.model.Node;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.StringValue;

/** Experiment files: lossless round trip, and hostile or broken files refused with a useful message. */
class ExperimentFilesTest {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String ROOT = "<myoflow:Experiment xmi:version=\"2.0\" xmlns:xmi=\"http://www.omg.org/XMI\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xmlns:myoflow=\"http://www.myoflow.org/model/experiment/1.0\"";

    @TempDir
    Path tmp;

    private static Pipelines sample() {
        Pipelines p = Pipelines.seed(9_007_199_254_740_993L).node("a", "test.all-types", "1.0.0",
                number("rate", 250.5, "Hz"), integer("count", 7), bool("flag", true), literal("mode", "FAST"),
                text("label", "µV <&> \"quoted\" 'single'\nsecond line"), file("file", "data/in.csv"))
                .node("g", "test.gain", "1.0.0", number("factor", -1e-300))
                .connect("a.signal", "g.in");
        p.experiment.setName("round trip");
        p.experiment.setDescription("Ünïcode – and XML specials: <tag> & \"quote\"");
        p.pipeline.setDescription("two nodes");
        Node a = p.find("a");
        a.setLabel("All types");
        a.setX(12);
        a.setY(-3);
        a.setBundleName("org.example.steps");
        a.setBundleVersion("1.2.3.v2026");
        return p;
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Pipelines p = sample();
        Experiment original = EcoreUtil.copy(p.experiment);
        Path f = tmp.resolve("sub/dir/x.myoflow");
        ExperimentFiles.save(p.experiment, f);
        assertTrue(Files.readString(f).contains("round trip"), "readable text");

        Experiment e = ExperimentFiles.load(f);
        assertTrue(EcoreUtil.equals(original, e), "loaded experiment equals the saved one");
        assertEquals("round trip", e.getName());
        assertEquals(9_007_199_254_740_993L, e.getSeed(), "a seed beyond double precision survives");
        assertEquals("Ünïcode – and XML specials: <tag> & \"quote\"", e.getDescription());
        assertEquals(1, e.getPipelines().size());
        assertEquals("two nodes", e.getPipelines().get(0).getDescription());

        Node a = e.getPipelines().get(0).getNodes().get(0);
        assertEquals("a", a.getId());
        assertEquals("test.all-types", a.getStepId());
        assertEquals("1.0.0", a.getStepVersion());
        assertEquals("All types", a.getLabel());
        assertEquals(12, a.getX());
        assertEquals(-3, a.getY());
        assertEquals("org.example.steps", a.getBundleName());
        assertEquals("1.2.3.v2026", a.getBundleVersion());
        List<ParameterValue> ps = a.getParameters();
        assertEquals(6, ps.size());
        NumberValue rate = assertInstanceOf(NumberValue.class, ps.get(0));
        assertEquals("rate", rate.getKey());
        assertEquals(250.5, rate.getValue());
        assertEquals("Hz", rate.getUnit());
        assertEquals(7, assertInstanceOf(IntegerValue.class, ps.get(1)).getValue());
        assertTrue(assertInstanceOf(BooleanValue.class, ps.get(2)).isValue());
        assertEquals("FAST", assertInstanceOf(EnumValue.class, ps.get(3)).getLiteral());
        assertEquals("µV <&> \"quoted\" 'single'\nsecond line",
                assertInstanceOf(StringValue.class, ps.get(4)).getValue());
        assertEquals("data/in.csv", assertInstanceOf(FileValue.class, ps.get(5)).getPath());
        assertEquals(-1e-300, ((NumberValue) e.getPipelines().get(0).getNodes().get(1).getParameters().get(0))
                .getValue());

        Connection c = e.getPipelines().get(0).getConnections().get(0);
        assertEquals(List.of("a", "signal", "g", "in"),
                List.of(c.getSourceNode(), c.getSourcePort(), c.getTargetNode(), c.getTargetPort()));
    }

    @Test
    void loadedExperimentRunsLikeTheOriginal() throws Exception {
        Pipelines p = Pipelines.seed(5).node("src", TestSteps.constant(), number("value", 2.5, "mV"))
                .node("g", TestSteps.gain(), number("factor", 4)).connect("src.signal", "g.in");
        Path f = tmp.resolve("run.myoflow");
        ExperimentFiles.save(p.experiment, f);
        Experiment e = ExperimentFiles.load(f);
        Engine engine = new Engine(new SimpleStepRegistry().add(TestSteps.constant()).add(TestSteps.gain()));
        RunOptions options = new RunOptions().threads(1).baseDirectory(tmp).scratchDirectory(tmp.resolve("s"));
        RunResult r = engine.run(e, e.getPipelines().get(0), options);
        assertEquals(5, r.seed());
        assertEquals(10.0, ((Signal) r.node("g").orElseThrow().outputs().get("out"))
                .get(0, 0));
    }

    @Test
    void doctypeWithExternalEntityIsRefused() throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-4711");
        for (String target : List.of("file:///etc/passwd", secret.toUri().toString())) {
            Path f = tmp.resolve("xxe.myoflow");
            Files.writeString(f, HEADER + "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + target + "\">]>\n" + ROOT
                    + " name=\"&xxe;\" description=\"&xxe;\" seed=\"1\"/>\n");
            DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(f));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("doctype"), e.getMessage());
            assertFalse(e.getMessage().contains("root:"), e.getMessage());
            assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("TOP-SECRET"), t.toString());
                assertFalse(String.valueOf(t.getMessage()).contains("root:x:"), t.toString());
            }
        }
    }

    @Test
    void internalEntityExpansionIsRefusedToo() throws Exception {
        Path f = tmp.resolve("lol.myoflow");
        Files.writeString(f, HEADER + "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n"
                + ROOT + " name=\"&lol2;\" seed=\"1\"/>\n");
        DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(f));
        assertFalse(e.getMessage().contains("lollol"), e.getMessage());
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        Path f = tmp.resolve("broken.myoflow");
        Files.writeString(f, HEADER + ROOT + " name=\"x\" seed=\"1\">\n"
                + "  <pipelines name=\"p\">\n"
                + "    <nodes id=\"a\" stepId=\"test.constant\">\n"
                + "  </pipelines>\n"
                + "</myoflow:Experiment>\n");
        DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 5") || e.getMessage().contains(":5:"), e.getMessage());
    }

    @Test
    void unknownAttributeNamesFileAndLine() throws Exception {
        Path f = tmp.resolve("unknown.myoflow");
        Files.writeString(f, HEADER + ROOT + " name=\"x\" seed=\"1\">\n"
                + "  <pipelines name=\"p\">\n"
                + "    <nodes id=\"a\" stepId=\"test.constant\" colour=\"red\"/>\n"
                + "  </pipelines>\n"
                + "</myoflow:Experiment>\n");
        DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }

    @Test
    void missingOrForeignFilesAreDataErrors() throws Exception {
        Path missing = tmp.resolve("missing.myoflow");
        DataException e = assertThrows(DataException.class, () -> ExperimentFiles.load(missing));
        assertEquals(missing + ": experiment file not found", e.getMessage());

        Path empty = tmp.resolve("empty.myoflow");
        Files.writeString(empty, "");
        e = assertThrows(DataException.class, () -> ExperimentFiles.load(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());

        Path pipeline = tmp.resolve("pipeline.myoflow");
        Files.writeString(pipeline, HEADER + "<myoflow:Pipeline xmi:version=\"2.0\" "
                + "xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:myoflow=\"http://www.myoflow.org/model/experiment/1.0\" "
                + "name=\"p\"/>\n");
        e = assertThrows(DataException.class, () -> ExperimentFiles.load(pipeline));
        assertEquals(pipeline + ": does not contain a Myoflow experiment", e.getMessage());
    }
}
