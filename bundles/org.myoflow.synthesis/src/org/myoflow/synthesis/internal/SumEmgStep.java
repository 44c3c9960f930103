package org.myoflow.synthesis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.synthesis.EmgSynthesizer;
import org.osgi.service.component.annotations.Component;

/**
 * Several muscles in one recording: the EMG of each muscle (each from its own pool, excitation and MUAPs,
 * synthesised without noise) is summed channel by channel, and the measurement noise is added once, to the sum.
 * Signals of different lengths are summed over the longest; the shorter ones count as zero after their end.
 */
@Component(service = StepProvider.class)
public final class SumEmgStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.synthesis.sum-emg";

    private static final String[] PORTS = { "emg1", "emg2", "emg3", "emg4" };

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Sum muscles' EMG")
            .category("Simulation/EMG")
            .description("Adds the EMG of up to four muscles recorded by the same electrodes (same channels, rate and "
                    + "unit), then adds measurement noise once at the set SNR. Synthesise each muscle with "
                    + "noise = false and let this step add the noise.")
            .reference(EmgSynthesisStep.FARINA_MERLETTI_2001)
            .input("emg1", DataTypes.SIGNAL, "EMG of the first muscle")
            .input("emg2", DataTypes.SIGNAL, "EMG of the second muscle")
            .optionalInput("emg3", DataTypes.SIGNAL, "EMG of a third muscle")
            .optionalInput("emg4", DataTypes.SIGNAL, "EMG of a fourth muscle")
            .output("emg", DataTypes.SIGNAL, "The summed EMG, with noise when enabled")
            .settings(EmgSynthesisSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SumEmgStep::run;
    }

    /** Refuses EMGs on other channels, rates or units than emg1's; declares emg1's channels. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        DataSpec first = context.inputSpec("emg1").orElseThrow();
        double duration = first.duration();
        for (String port : PORTS) {
            Optional<DataSpec> o = context.inputSpec(port);
            if (o.isEmpty() || port.equals("emg1")) {
                continue;
            }
            DataSpec p = o.get();
            if (first.channelsKnown() && p.channelsKnown() && !p.channelLabels().equals(first.channelLabels())) {
                List<String> missing = new ArrayList<>(first.channelLabels());
                missing.removeAll(p.channelLabels());
                context.problem(port, missing.isEmpty() ? null : missing.get(0), port + " has channels "
                        + p.channelLabels() + ", emg1 has " + first.channelLabels()
                        + "; the muscles must be recorded by the same electrodes");
            } else if (first.channelUnits() != null && p.channelUnits() != null
                    && !first.channelUnits().equals(p.channelUnits())) {
                context.problem(port, null, port + " is in " + p.channelUnits() + ", emg1 in "
                        + first.channelUnits());
            }
            if (!Double.isNaN(first.samplingRate()) && !Double.isNaN(p.samplingRate())
                    && first.samplingRate() != p.samplingRate()) {
                context.problem(port, null, port + " is sampled at " + p.samplingRate() + " Hz, emg1 at "
                        + first.samplingRate() + " Hz");
            }
            duration = Math.max(duration, p.duration());
        }
        return Map.of("emg", first.withQuantity("emg").withDuration(duration));
    }

    private static void run(StepContext context) {
        EmgSynthesisSettings s = context.settings(EmgSynthesisSettings.class);
        List<Signal> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String port : PORTS) {
            Optional<Signal> sig = context.optionalInput(port, Signal.class);
            if (sig.isPresent()) {
                parts.add(sig.get());
                names.add(port);
            }
        }
        Signal first = parts.get(0);
        int n = 0;
        for (int i = 0; i < parts.size(); i++) {
            Signal p = parts.get(i);
            if (p.channelCount() != first.channelCount() || !p.labels().equals(first.labels())) {
                throw new DataException(names.get(i) + " has channels " + p.labels() + ", " + names.get(0) + " has "
                        + first.labels() + "; the muscles must be recorded by the same electrodes");
            }
            if (p.samplingRate() != first.samplingRate() || p.startTime() != first.startTime()) {
                throw new DataException(names.get(i) + " is sampled at " + p.samplingRate() + " Hz from "
                        + p.startTime() + " s, " + names.get(0) + " at " + first.samplingRate() + " Hz from "
                        + first.startTime() + " s");
            }
            if (!p.units().equals(first.units())) {
                throw new DataException(names.get(i) + " is in " + p.units() + ", " + names.get(0) + " in "
                        + first.units());
            }
            n = Math.max(n, p.sampleCount());
        }
        double[][] sum = new double[first.channelCount()][n];
        for (Signal p : parts) {
            for (int c = 0; c < p.channelCount(); c++) {
                for (int k = 0; k < p.sampleCount(); k++) {
                    sum[c][k] += p.get(c, k);
                }
            }
        }
        if (s.noise) {
            EmgSynthesizer.addNoise(sum, s.snrDb, context.random());
        }
        Signal.Builder b = Signal.builder(first.samplingRate()).startTime(first.startTime()).quantity("emg");
        for (int c = 0; c < sum.length; c++) {
            b.channel(first.labels().get(c), first.units().get(c), sum[c]);
        }
        context.output("emg", b.build());
        context.progress().update(1, "done");
    }
}
