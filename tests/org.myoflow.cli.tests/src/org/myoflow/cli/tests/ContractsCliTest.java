package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

/** Port contracts at the command line: validate and run exit 2 naming node, port and channel, running nothing. */
public class ContractsCliTest {

    static final AtomicInteger RUNS = new AtomicInteger();

    /** Settings of the picker. */
    public static class PickSettings {
        @Param(description = "Channel of input 'in'", channelOf = "in")
        public String channel = "";

        @Param(description = "Apply a gain")
        public boolean scale;

        @Param(description = "The gain", appliesWhen = "scale=true")
        public double gain = 1;
    }

    static final class Source implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.pair", "1.0.0")
                .name("Pair").output("signal", DataTypes.SIGNAL, "two channels").build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                RUNS.incrementAndGet();
                ctx.output("signal", Signal.builder(10).channel("left", "mV", new double[] { 1 })
                        .channel("right", "mV", new double[] { 2 }).build());
            };
        }

        @Override
        public Map<String, DataSpec> configure(ConfigureContext c) {
            return Map.of("signal", DataSpec.signal("emg", "mV", List.of("left", "right"), 10, 0.1));
        }
    }

    static final class Pick implements StepProvider {
        private static final StepDescriptor D = StepDescriptor.builder("org.myoflow.test.pick", "1.0.0")
                .name("Pick").input("in", DataTypes.SIGNAL, "signal").output("out", DataTypes.SIGNAL, "one channel")
                .settings(PickSettings.class).build();

        @Override
        public StepDescriptor descriptor() {
            return D;
        }

        @Override
        public Step createStep() {
            return ctx -> {
                RUNS.incrementAndGet();
                Signal in = ctx.input("in", Signal.class);
                String ch = ctx.settings(PickSettings.class).channel;
                ctx.output("out", Signal.builder(in.samplingRate()).channel(ch, "mV", in.channel(ch)).build());
            };
        }

        @Override
        public Map<String, DataSpec> configure(ConfigureContext c) {
            DataSpec in = c.inputSpec("in").orElseThrow();
            String ch = c.settings(PickSettings.class).channel;
            if (in.channelsKnown() && !in.hasChannel(ch)) {
                c.problem("in", ch, "no such channel; channels are " + in.channelLabels());
            }
            return Map.of("out", in.withChannels(List.of(ch)));
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new SimpleStepRegistry().add(new Source()).add(new Pick()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, "test", new AtomicBoolean());
        return cli.execute(args);
    }

    private Path experiment(String channel) throws Exception {
        Path f = dir.resolve("e.myoflow");
        Files.writeString(f, """
                <?xml version="1.0" encoding="UTF-8"?>
                <myoflow:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0" name="t" seed="5">
                  <pipelines name="p">
                    <nodes id="src" stepId="org.myoflow.test.pair" stepVersion="1.0.0"/>
                    <nodes id="pick" stepId="org.myoflow.test.pick" stepVersion="1.0.0">
                      <parameters xsi:type="myoflow:StringValue" key="channel" value="%s"/>
                    </nodes>
                    <connections sourceNode="src" sourcePort="signal" targetNode="pick" targetPort="in"/>
                  </pipelines>
                </myoflow:Experiment>
                """.formatted(channel));
        return f;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aContractViolationExitsTwoNamingNodePortAndChannelBeforeAnyRun() throws Exception {
        RUNS.set(0);
        Path e = experiment("middle");
        assertEquals(ExitCodes.INVALID, run("validate", e.toString()));
        assertTrue(err().contains("node 'pick', input 'in', channel 'middle': no such channel; channels are "
                + "[left, right]"), err());
        assertEquals(ExitCodes.INVALID, run("run", e.toString(), "--out", dir.resolve("x").toString()));
        assertEquals(0, RUNS.get(), "nothing ran");
        assertFalse(Files.exists(dir.resolve("x").resolve("run.json")));
        assertEquals(ExitCodes.OK, run("run", e.toString(), "--out", dir.resolve("y").toString(), "--set",
                "pick.channel=right"));
        assertEquals(2, RUNS.get());
    }

    @Test
    void validateSpecsPrintsWhatEachPortCarries() throws Exception {
        assertEquals(ExitCodes.OK, run("validate", experiment("left").toString(), "--specs"));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("src.signal: signal emg [mV], channels [left, right], 10.0 Hz, 0.1 s"), o);
        assertTrue(o.contains("pick.out: signal emg [mV], channels [left]"), o);
    }

    @Test
    void stepsJsonShowsApplicabilityAndChannelChoices() {
        assertEquals(ExitCodes.OK, run("steps", "--json"));
        String json = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(json.contains("\"channelOf\": \"in\""), json);
        assertTrue(json.contains("\"appliesWhen\": { \"parameter\": \"scale\", \"values\": [ \"true\" ] }"), json);
    }
}
