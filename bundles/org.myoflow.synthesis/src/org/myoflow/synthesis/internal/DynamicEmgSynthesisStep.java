package org.myoflow.synthesis.internal;

import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.synthesis.EmgSynthesizer;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.synthesis.dynamic-emg}: EMG during movement, the sum over units and spikes of MUAPs that
 * change over time (a {@link MuapBankSeries}); each spike uses the MUAP blended between the two banks around its
 * discharge time, plus white Gaussian noise at a set SNR as in {@link EmgSynthesisStep}.
 */
@Component(service = StepProvider.class)
public final class DynamicEmgSynthesisStep implements StepProvider {

    public static final String ID = "org.myoflow.synthesis.dynamic-emg";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("EMG synthesis during movement (spikes × MUAP series)")
            .category("Simulation/EMG")
            .description("Sums, at every channel, each unit's MUAP placed at each of its discharge times, with "
                    + "MUAPs that change during the movement: a spike at time t uses (1 − w)·bank(i) + w·bank(i+1), "
                    + "the linear blend of the two MUAP banks whose update times bracket t (the first or last bank "
                    + "outside them). Placement as in the static step: sub-sample accuracy by linear "
                    + "interpolation, overlapping MUAPs add. The EMG is sampled at the banks' rate over "
                    + "[0, duration) of the spike trains. White Gaussian noise is added at snrDb relative to the "
                    + "mean power of the whole recording.")
            .reference(EmgSynthesisStep.FARINA_MERLETTI_2001)
            .reference(EmgSynthesisStep.FUGLEVAND_1993)
            .input("spikes", DataTypes.SPIKE_TRAINS, "Firing times of the pool's units MU1..MUn")
            .input("muaps", DataTypes.MUAP_BANK_SERIES, "MUAPs of the same n units at every channel, at a series "
                    + "of update times during the movement")
            .output("emg", DataTypes.SIGNAL, "EMG, one channel per electrode channel of the MUAP banks, quantity "
                    + "'emg', in the banks' amplitude unit")
            .settings(EmgSynthesisSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return DynamicEmgSynthesisStep::run;
    }

    /** Refuses spike trains and MUAP banks of different unit counts; declares the EMG from the banks. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        DataSpec spikes = context.inputSpec("spikes").orElseThrow();
        DataSpec series = context.inputSpec("muaps").orElseThrow();
        EmgSynthesisStep.checkUnits(context, "spikes", spikes, "muaps", series);
        return Map.of("emg", EmgSynthesisStep.emgSpec(series, spikes.duration()));
    }

    private static void run(StepContext context) {
        EmgSynthesisSettings s = context.settings(EmgSynthesisSettings.class);
        SpikeTrains spikes = context.input("spikes", SpikeTrains.class);
        MuapBankSeries series = context.input("muaps", MuapBankSeries.class);
        MuapBank first = series.first();
        if (spikes.unitCount() != first.unitCount()) {
            throw new DataException("spikes has " + spikes.unitCount() + " units but muaps has "
                    + first.unitCount() + " units; spike trains and MUAPs must describe the same motor units");
        }
        Progress progress = context.progress();
        double[][] emg = EmgSynthesizer.synthesize(spikes, series, (done, total) -> {
            progress.checkCancelled();
            progress.update(0.9 * done / Math.max(1, total), "EMG: unit " + done + " of " + total);
        });
        if (s.noise) {
            progress.update(0.9, "noise at " + s.snrDb + " dB SNR");
            EmgSynthesizer.addNoise(emg, s.snrDb, context.random());
        }
        Signal.Builder b = Signal.builder(first.samplingRate()).startTime(0).quantity("emg");
        for (int c = 0; c < emg.length; c++) {
            b.channel(first.channelLabels().get(c), first.amplitudeUnit(), emg[c]);
        }
        context.output("emg", b.build());
        progress.update(1, "done");
    }
}
