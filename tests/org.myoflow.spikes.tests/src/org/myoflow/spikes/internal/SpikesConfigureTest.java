package org.myoflow.spikes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.model.Connection;
import org.myoflow.model.Experiment;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Node;
import org.myoflow.model.Pipeline;
import org.myoflow.model.StringValue;

/** The spikes steps' port contracts, checked before anything runs. */
class SpikesConfigureTest {

    private static DataSpec excitation(String... labels) {
        return DataSpec.signal("excitation", "", List.of(labels), 1000, 2);
    }

    @Test
    void excitationProfileDeclaresOneLabelledChannel() {
        Configuration c = StepHarness.of(new ExcitationProfileStep()).param("label", "flexor")
                .param("samplingRate", 2000.0).param("duration", 1.5).configure();
        assertEquals(List.of(), c.problems());
        DataSpec s = c.spec("test", "excitation").orElseThrow();
        assertEquals(List.of("flexor"), s.channelLabels());
        assertEquals("excitation", s.quantity());
        assertEquals(2000, s.samplingRate(), 0);
        assertEquals(1.5, s.duration(), 1e-12);
    }

    @Test
    void poolDeclaresItsUnitsAndForce() {
        Configuration c = StepHarness.of(new MotorUnitPoolStep()).param("units", 80L)
                .inputSpec("excitation", excitation("u")).configure();
        assertEquals(List.of(), c.problems());
        assertEquals(80, c.spec("test", "spikes").orElseThrow().units());
        assertEquals(2, c.spec("test", "spikes").orElseThrow().duration(), 1e-12);
        DataSpec force = c.spec("test", "force").orElseThrow();
        assertEquals(List.of("force"), force.channelLabels());
        assertEquals("a.u.", force.unit());
        assertEquals(1000, force.samplingRate(), 0);
    }

    @Test
    void poolRefusesATwoChannelExcitationWithoutChannel() {
        Configuration c = StepHarness.of(new MotorUnitPoolStep()).inputSpec("excitation",
                excitation("flexor", "extensor")).configure();
        assertEquals(1, c.problems().size(), c.problems().toString());
        ValidationProblem p = c.problems().get(0);
        assertEquals("input 'excitation'", p.subject());
        assertEquals("the excitation has 2 channels [flexor, extensor]; set parameter 'channel' to the one that "
                + "drives this pool", p.message());
        assertTrue(c.specs().isEmpty());
    }

    @Test
    void poolRefusesAChannelTheExcitationLacksAndAcceptsOneItHas() {
        Configuration c = StepHarness.of(new MotorUnitPoolStep()).param("channel", "biceps")
                .inputSpec("excitation", excitation("flexor", "extensor")).configure();
        assertEquals(List.of(new ValidationProblem("test", "input 'excitation', channel 'biceps'",
                "parameter 'channel' names a channel the excitation does not have; its channels are "
                        + "[flexor, extensor]")), c.problems());
        c = StepHarness.of(new MotorUnitPoolStep()).param("channel", "extensor")
                .inputSpec("excitation", excitation("flexor", "extensor")).configure();
        assertEquals(List.of(), c.problems());
        // unknown channels never cause a refusal
        c = StepHarness.of(new MotorUnitPoolStep()).inputSpec("excitation", DataSpec.ofType(DataTypes.SIGNAL))
                .configure();
        assertEquals(List.of(), c.problems());
    }

    @Test
    void poolRefusesAnEmgAsExcitation() {
        Configuration c = StepHarness.of(new MotorUnitPoolStep()).inputSpec("excitation",
                DataSpec.signal("emg", "mV", List.of("ch1"), 2048, 1)).configure();
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).message().contains("quantity 'emg'"), c.problems().toString());
    }

    @Test
    void parametersDeclareWhenTheyApply() {
        var schema = new MotorUnitPoolStep().descriptor().parameters();
        for (String p : List.of("recruitmentRange", "peakRateFirst", "peakRateDifference", "minRate", "gain",
                "isiCv")) {
            assertEquals("model = FUGLEVAND_1993", schema.get(p).orElseThrow().appliesWhen().toString(), p);
        }
        assertEquals(null, schema.get("units").orElseThrow().appliesWhen());
        assertEquals("excitation", schema.get("channel").orElseThrow().channelOf());
        var profile = new ExcitationProfileStep().descriptor().parameters();
        assertFalse(profile.get("rise").orElseThrow().applies(Map.of("shape", "SINUSOID")));
        assertTrue(profile.get("frequency").orElseThrow().applies(Map.of("shape", "SINUSOID")));
    }

    /** A two-channel excitation source that counts its runs. */
    private static final class TwoChannels implements StepProvider {
        final AtomicInteger runs = new AtomicInteger();
        private final StepDescriptor d = StepDescriptor.builder("test.two-channels", "1.0.0").name("two")
                .output("excitation", DataTypes.SIGNAL, "two channels").build();

        @Override
        public StepDescriptor descriptor() {
            return d;
        }

        @Override
        public Step createStep() {
            return c -> {
                runs.incrementAndGet();
                double[] u = new double[1000];
                java.util.Arrays.fill(u, 0.3);
                c.output("excitation", Signal.builder(1000).quantity("excitation").channel("flexor", "", u)
                        .channel("extensor", "", u).build());
            };
        }

        @Override
        public Map<String, DataSpec> configure(ConfigureContext c) {
            return Map.of("excitation", excitation("flexor", "extensor"));
        }
    }

    @Test
    void theEngineRefusesThePipelineBeforeAnyComputation() throws Exception {
        TwoChannels src = new TwoChannels();
        Engine engine = new Engine(new SimpleStepRegistry().add(src).add(new MotorUnitPoolStep()));
        MyoflowFactory f = MyoflowFactory.eINSTANCE;
        Experiment e = f.createExperiment();
        e.setName("e");
        Pipeline p = f.createPipeline();
        p.setName("p");
        e.getPipelines().add(p);
        Node a = f.createNode();
        a.setId("exc");
        a.setStepId("test.two-channels");
        Node b = f.createNode();
        b.setId("pool");
        b.setStepId(MotorUnitPoolStep.ID);
        p.getNodes().add(a);
        p.getNodes().add(b);
        Connection k = f.createConnection();
        k.setSourceNode("exc");
        k.setSourcePort("excitation");
        k.setTargetNode("pool");
        k.setTargetPort("excitation");
        p.getConnections().add(k);
        List<ValidationProblem> problems = engine.validate(e, p, new RunOptions());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith("node 'pool', input 'excitation': the excitation has 2 "
                + "channels [flexor, extensor]"), problems.toString());
        assertEquals(0, src.runs.get());
        StringValue ch = f.createStringValue();
        ch.setKey("channel");
        ch.setValue("extensor");
        b.getParameters().add(ch);
        assertEquals(List.of(), engine.validate(e, p, new RunOptions()));
        var r = engine.run(e, p, new RunOptions().threads(1));
        assertEquals(1, src.runs.get());
        assertEquals(120, ((org.myoflow.core.data.SpikeTrains) r.node("pool").orElseThrow().outputs()
                .get("spikes")).unitCount());
    }
}
