package org.myoflow.io.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Puts the channels of up to six signals side by side in one signal, e.g. the EMG of several muscles, each
 * simulated or recorded on its own, as one multi-muscle recording.
 */
@Component(service = StepProvider.class)
public final class StackChannelsStep implements StepProvider {

    public static final String ID = "org.myoflow.io.stack-channels";
    static final String[] PORTS = {"signal1", "signal2", "signal3", "signal4", "signal5", "signal6"};

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Stack channels")
            .category("Input")
            .description("Puts the channels of up to six signals with the same sampling rate, start time and "
                    + "length side by side in one signal (signal1's channels first), e.g. the EMG of several "
                    + "muscles as one multi-muscle recording. Labels are renamed when 'labels' is given.")
            .input(PORTS[0], DataTypes.SIGNAL, "First signal")
            .optionalInput(PORTS[1], DataTypes.SIGNAL, "Second signal")
            .optionalInput(PORTS[2], DataTypes.SIGNAL, "Third signal")
            .optionalInput(PORTS[3], DataTypes.SIGNAL, "Fourth signal")
            .optionalInput(PORTS[4], DataTypes.SIGNAL, "Fifth signal")
            .optionalInput(PORTS[5], DataTypes.SIGNAL, "Sixth signal")
            .output("signal", DataTypes.SIGNAL, "All channels in port order")
            .settings(Settings.class)
            .build();

    /** Parameters of {@link StackChannelsStep}. */
    public static final class Settings {
        @Param(description = "Comma-separated labels of the stacked channels, one per channel; empty keeps the "
                + "inputs' labels (which must then differ)")
        public String labels = "";

        @Param(description = "What the stacked signal measures, e.g. emg; empty keeps the first signal's value")
        public String quantity = "";
    }

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return StackChannelsStep::run;
    }

    /**
     * Refuses inputs of different rates, a 'labels' list of the wrong length and duplicate labels (when the
     * channels are known); declares the stacked channels.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext ctx) {
        Settings s = ctx.settings(Settings.class);
        DataSpec first = ctx.inputSpec(PORTS[0]).orElseThrow();
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        boolean known = true;
        for (String port : PORTS) {
            Optional<DataSpec> o = ctx.inputSpec(port);
            if (o.isEmpty()) {
                continue;
            }
            DataSpec p = o.get();
            if (!Double.isNaN(p.samplingRate()) && !Double.isNaN(first.samplingRate())
                    && p.samplingRate() != first.samplingRate()) {
                ctx.problem(port, null, port + " is sampled at " + p.samplingRate() + " Hz, " + PORTS[0] + " at "
                        + first.samplingRate() + " Hz; stacked signals must share rate, start and length");
            }
            if (!p.channelsKnown()) {
                known = false;
                continue;
            }
            labels.addAll(p.channelLabels());
            units.addAll(p.channelUnits() == null ? p.channelLabels().stream().map(x -> "").toList()
                    : p.channelUnits());
        }
        if (!s.labels.isBlank()) {
            List<String> names = Arrays.stream(s.labels.split(",")).map(String::strip).toList();
            if (known && names.size() != labels.size()) {
                ctx.parameterProblem("labels", "names " + names.size() + " channels, the inputs have "
                        + labels.size() + " " + labels);
            }
            labels = names;
        }
        DataSpec out = first.withDuration(first.duration());
        if (!s.quantity.isBlank()) {
            out = out.withQuantity(s.quantity.strip());
        }
        if (!known && s.labels.isBlank()) {
            return Map.of("signal", out.withChannels(null, null));
        }
        List<String> seen = new ArrayList<>();
        for (String l : labels) {
            if (seen.contains(l)) {
                ctx.problem(null, l, "channel label '" + l + "' occurs twice; give distinct labels with the "
                        + "'labels' parameter");
            }
            seen.add(l);
        }
        return Map.of("signal", known && units.size() == labels.size() ? out.withChannels(labels, units)
                : out.withChannels(labels, null));
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        List<Signal> parts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String port : PORTS) {
            Optional<Signal> o = ctx.optionalInput(port, Signal.class);
            if (o.isPresent()) {
                parts.add(o.get());
                ports.add(port);
            }
        }
        ctx.output("signal", stack(parts, ports, s.labels, s.quantity));
        ctx.progress().update(1, null);
    }

    static Signal stack(List<Signal> parts, List<String> ports, String labels, String quantity) {
        Signal first = parts.get(0);
        int channels = 0;
        for (int i = 0; i < parts.size(); i++) {
            Signal p = parts.get(i);
            if (p.samplingRate() != first.samplingRate() || p.sampleCount() != first.sampleCount()
                    || p.startTime() != first.startTime()) {
                throw new DataException(ports.get(i) + " has " + p.sampleCount() + " samples at " + p.samplingRate()
                        + " Hz from " + p.startTime() + " s, " + ports.get(0) + " " + first.sampleCount()
                        + " samples at " + first.samplingRate() + " Hz from " + first.startTime()
                        + " s; stacked signals must share rate, start and length");
            }
            channels += p.channelCount();
        }
        List<String> names = new ArrayList<>();
        if (!labels.isBlank()) {
            for (String l : labels.split(",")) {
                names.add(l.strip());
            }
            if (names.size() != channels) {
                throw new IllegalArgumentException("labels names " + names.size() + " channels, the inputs have "
                        + channels);
            }
        }
        Signal.Builder b = Signal.builder(first.samplingRate()).startTime(first.startTime())
                .quantity(quantity.isBlank() ? first.quantity() : quantity.strip());
        int k = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Signal p = parts.get(i);
            for (int c = 0; c < p.channelCount(); c++) {
                String label = names.isEmpty() ? p.labels().get(c) : names.get(k);
                if (seen.contains(label)) {
                    throw new DataException("channel label '" + label + "' occurs twice (" + ports.get(i)
                            + "); give distinct labels with the 'labels' parameter");
                }
                seen.add(label);
                b.channel(label, p.units().get(c), p.channel(c));
                k++;
            }
        }
        return b.build();
    }
}
