package org.myoflow.core.tests;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.model.BooleanValue;
import org.myoflow.model.Connection;
import org.myoflow.model.EnumValue;
import org.myoflow.model.Experiment;
import org.myoflow.model.FileValue;
import org.myoflow.model.IntegerValue;
import org.myoflow.model.MyoflowFactory;
import org.myoflow.model.Node;
import org.myoflow.model.NumberValue;
import org.myoflow.model.ParameterValue;
import org.myoflow.model.Pipeline;
import org.myoflow.model.StringValue;

/** Small steps and pipeline builders shared by the engine tests. */
public final class TestSteps {

    private TestSteps() {
    }

    /** A step provider that counts its executions and runs a given body. */
    public static final class TestStep implements StepProvider {
        private final StepDescriptor descriptor;
        private final Step body;
        public final AtomicInteger executions = new AtomicInteger();

        public TestStep(StepDescriptor descriptor, Step body) {
            this.descriptor = descriptor;
            this.body = body;
        }

        @Override
        public StepDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public Step createStep() {
            return context -> {
                executions.incrementAndGet();
                body.run(context);
            };
        }

        public int count() {
            return executions.get();
        }
    }

    public static class ConstantSettings {
        @Param(description = "Value of every sample", unit = "mV", min = 0, max = 10)
        public double value = 1;

        @Param(description = "Number of samples", min = 1, max = 1000)
        public int samples = 4;

        @Param(description = "Whether to negate the value")
        public boolean negate;
    }

    /** {@code test.constant} 1.2.0: a one-channel signal of constant value at 100 Hz. */
    public static TestStep constant() {
        return new TestStep(StepDescriptor.builder("test.constant", "1.2.0").name("Constant").category("Test")
                .output("signal", DataTypes.SIGNAL, "constant signal").settings(ConstantSettings.class).build(),
                c -> {
                    ConstantSettings s = c.settings(ConstantSettings.class);
                    double[] v = new double[s.samples];
                    Arrays.fill(v, s.negate ? -s.value : s.value);
                    c.output("signal", Signal.builder(100).quantity("test").channel("c", "mV", v).build());
                });
    }

    public static class GainSettings {
        @Param(description = "Factor applied to every sample")
        public double factor = 2;
    }

    /** {@code test.gain} 1.0.0: in × factor. */
    public static TestStep gain() {
        return new TestStep(StepDescriptor.builder("test.gain", "1.0.0").name("Gain").category("Test")
                .input("in", DataTypes.SIGNAL, "input").output("out", DataTypes.SIGNAL, "scaled input")
                .settings(GainSettings.class).build(), c -> {
                    double f = c.settings(GainSettings.class).factor;
                    Signal in = c.input("in", Signal.class);
                    Signal.Builder b = Signal.builder(in.samplingRate()).quantity(in.quantity());
                    for (int ch = 0; ch < in.channelCount(); ch++) {
                        double[] x = in.channel(ch);
                        for (int i = 0; i < x.length; i++) {
                            x[i] *= f;
                        }
                        b.channel(in.labels().get(ch), in.units().get(ch), x);
                    }
                    c.output("out", b.build());
                });
    }

    /** {@code test.sum} 1.0.0: a + b, sample by sample. */
    public static TestStep sum() {
        return new TestStep(StepDescriptor.builder("test.sum", "1.0.0").name("Sum").category("Test")
                .input("a", DataTypes.SIGNAL, "first").input("b", DataTypes.SIGNAL, "second")
                .output("out", DataTypes.SIGNAL, "a + b").build(), c -> {
                    double[] a = c.input("a", Signal.class).channel(0);
                    double[] b = c.input("b", Signal.class).channel(0);
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    c.output("out", Signal.builder(100).channel("sum", "mV", a).build());
                });
    }

    /** {@code test.spikes} 1.0.0: two units of fixed spike trains. */
    public static TestStep spikeSource() {
        return new TestStep(StepDescriptor.builder("test.spikes", "1.0.0").name("Spikes").category("Test")
                .output("spikes", DataTypes.SPIKE_TRAINS, "fixed spike trains").build(),
                c -> c.output("spikes", new SpikeTrains(new double[][] { { 0.1, 0.2 }, { 0.15 } }, 1, null)));
    }

    public static class NoiseSettings {
        @Param(description = "Number of samples", min = 1, max = 100000)
        public int samples = 64;
    }

    /** {@code test.noise} 1.0.0: Gaussian noise from the node's seeded generator. */
    public static TestStep noise() {
        return new TestStep(StepDescriptor.builder("test.noise", "1.0.0").name("Noise").category("Test")
                .output("signal", DataTypes.SIGNAL, "noise").settings(NoiseSettings.class).build(), c -> {
                    var random = c.random();
                    double[] x = new double[c.settings(NoiseSettings.class).samples];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = random.nextGaussian();
                    }
                    c.output("signal", Signal.builder(1000).channel("noise", "", x).build());
                });
    }

    public static class AllTypesSettings {
        public enum Mode {
            SLOW, FAST
        }

        @Param(description = "A number", unit = "Hz", min = 1, max = 500)
        public double rate = 100;

        @Param(description = "An integer", min = 0, max = 10)
        public long count = 3;

        @Param(description = "A boolean")
        public boolean flag;

        @Param(description = "An enum")
        public Mode mode = Mode.SLOW;

        @Param(description = "A text")
        public String label = "x";

        @Param(description = "A file")
        public Path file;
    }

    /** {@code test.all-types} 1.0.0: every parameter type, output the rate as a one-sample signal. */
    public static TestStep allTypes() {
        return new TestStep(StepDescriptor.builder("test.all-types", "1.0.0").name("All types").category("Test")
                .output("signal", DataTypes.SIGNAL, "the rate").settings(AllTypesSettings.class).build(),
                c -> c.output("signal", Signal.builder(1).channel("rate", "Hz",
                        new double[] { c.settings(AllTypesSettings.class).rate }).build()));
    }

    /** A step with one SIGNAL input {@code in} and output {@code out} running a body. */
    public static TestStep passThrough(String id, Step before) {
        return new TestStep(StepDescriptor.builder(id, "1.0.0").name(id).category("Test")
                .input("in", DataTypes.SIGNAL, "input").output("out", DataTypes.SIGNAL, "the input").build(), c -> {
                    before.run(c);
                    c.output("out", c.input("in", Signal.class));
                });
    }

    /** A source step with SIGNAL output {@code signal} that runs a body and then writes a one-sample signal. */
    public static TestStep source(String id, Step before) {
        return new TestStep(StepDescriptor.builder(id, "1.0.0").name(id).category("Test")
                .output("signal", DataTypes.SIGNAL, "one sample").build(), c -> {
                    before.run(c);
                    c.output("signal", Signal.builder(1).channel(c.nodeId(), "", new double[] { 1 }).build());
                });
    }

    /** {@code test.fail-data}: throws a DataException naming a channel and sample. */
    public static TestStep failingWithData() {
        return passThrough("test.fail-data", c -> {
            throw new DataException("channel c sample 3 is out of range");
        });
    }

    /** {@code test.fail-runtime}: throws an IllegalStateException. */
    public static TestStep failingWithBug() {
        return passThrough("test.fail-runtime", c -> {
            throw new IllegalStateException("step bug: index mix-up");
        });
    }

    /** {@code test.no-output}: declares output {@code out} and never writes it. */
    public static TestStep noOutput() {
        return new TestStep(StepDescriptor.builder("test.no-output", "1.0.0").name("No output").category("Test")
                .input("in", DataTypes.SIGNAL, "input").output("out", DataTypes.SIGNAL, "never written").build(),
                c -> c.input("in", Signal.class));
    }

    // ---- pipelines

    /** Builds an experiment with one pipeline. */
    public static final class Pipelines {
        private static final MyoflowFactory F = MyoflowFactory.eINSTANCE;
        public final Experiment experiment;
        public final Pipeline pipeline;

        private Pipelines(long seed) {
            experiment = F.createExperiment();
            experiment.setName("test-experiment");
            experiment.setSeed(seed);
            pipeline = F.createPipeline();
            pipeline.setName("main");
            experiment.getPipelines().add(pipeline);
        }

        public static Pipelines seed(long seed) {
            return new Pipelines(seed);
        }

        public static Pipelines create() {
            return new Pipelines(42);
        }

        public Pipelines node(String id, String stepId, String version, ParameterValue... params) {
            Node n = F.createNode();
            n.setId(id);
            n.setStepId(stepId);
            n.setStepVersion(version);
            n.getParameters().addAll(List.of(params));
            pipeline.getNodes().add(n);
            return this;
        }

        public Pipelines node(String id, TestStep step, ParameterValue... params) {
            return node(id, step.descriptor().id(), step.descriptor().version(), params);
        }

        /** Connects {@code "a.out"} to {@code "b.in"}. */
        public Pipelines connect(String from, String to) {
            Connection c = F.createConnection();
            c.setSourceNode(from.substring(0, from.indexOf('.')));
            c.setSourcePort(from.substring(from.indexOf('.') + 1));
            c.setTargetNode(to.substring(0, to.indexOf('.')));
            c.setTargetPort(to.substring(to.indexOf('.') + 1));
            pipeline.getConnections().add(c);
            return this;
        }

        public Node find(String id) {
            return pipeline.getNodes().stream().filter(n -> n.getId().equals(id)).findFirst().orElseThrow();
        }

        /** Replaces (or adds) a parameter value of a node. */
        public Pipelines set(String nodeId, ParameterValue value) {
            Node n = find(nodeId);
            n.getParameters().removeIf(p -> p.getKey().equals(value.getKey()));
            n.getParameters().add(value);
            return this;
        }
    }

    public static NumberValue number(String key, double value, String unit) {
        NumberValue v = MyoflowFactory.eINSTANCE.createNumberValue();
        v.setKey(key);
        v.setValue(value);
        v.setUnit(unit);
        return v;
    }

    public static NumberValue number(String key, double value) {
        return number(key, value, null);
    }

    public static IntegerValue integer(String key, long value) {
        IntegerValue v = MyoflowFactory.eINSTANCE.createIntegerValue();
        v.setKey(key);
        v.setValue(value);
        return v;
    }

    public static BooleanValue bool(String key, boolean value) {
        BooleanValue v = MyoflowFactory.eINSTANCE.createBooleanValue();
        v.setKey(key);
        v.setValue(value);
        return v;
    }

    public static EnumValue literal(String key, String literal) {
        EnumValue v = MyoflowFactory.eINSTANCE.createEnumValue();
        v.setKey(key);
        v.setLiteral(literal);
        return v;
    }

    public static StringValue text(String key, String value) {
        StringValue v = MyoflowFactory.eINSTANCE.createStringValue();
        v.setKey(key);
        v.setValue(value);
        return v;
    }

    public static FileValue file(String key, String path) {
        FileValue v = MyoflowFactory.eINSTANCE.createFileValue();
        v.setKey(key);
        v.setPath(path);
        return v;
    }
}
