package org.myoflow.synthesis.internal;

import java.util.Map;
import java.util.Optional;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
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
 * Step {@code org.myoflow.synthesis.emg}: EMG as the sum over units and spikes of the units' MUAPs, for one pool
 * or two pools recorded by the same electrodes, plus white Gaussian noise at a set SNR.
 */
@Component(service = StepProvider.class)
public final class EmgSynthesisStep implements StepProvider {

    public static final String ID = "org.myoflow.synthesis.emg";

    static final String FARINA_MERLETTI_2001 = "Farina D, Merletti R (2001) A novel approach for precise "
            + "simulation of the EMG signal detected by surface electrodes. J Electromyogr Kinesiol 11(3):175-187";
    static final String FUGLEVAND_1993 = "Fuglevand AJ, Winter DA, Patla AE (1993) Models of recruitment and rate "
            + "coding organization in motor-unit pools. J Neurophysiol 70(6):2470-2488";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("EMG synthesis (spikes × MUAPs)")
            .category("Simulation/EMG")
            .description("Sums, at every channel, each unit's MUAP placed at each of its discharge times "
                    + "(overlapping MUAPs of one unit add). Spike times are continuous: MUAPs are placed with "
                    + "sub-sample accuracy by linear interpolation. The EMG is sampled at the MUAP bank's rate over "
                    + "[0, duration) of the spike trains. An optional second pool (spikes2, muaps2), e.g. another "
                    + "muscle, adds on the same channels. White Gaussian noise is added at snrDb relative to the "
                    + "mean power of the whole recording.")
            .reference(FARINA_MERLETTI_2001)
            .reference(FUGLEVAND_1993)
            .input("spikes", DataTypes.SPIKE_TRAINS, "Firing times of the pool's units MU1..MUn")
            .input("muaps", DataTypes.MUAP_BANK, "MUAPs of the same n units at every channel")
            .optionalInput("spikes2", DataTypes.SPIKE_TRAINS, "Firing times of a second pool (needs muaps2)")
            .optionalInput("muaps2", DataTypes.MUAP_BANK, "MUAPs of the second pool on the same channels "
                    + "(needs spikes2)")
            .output("emg", DataTypes.SIGNAL, "EMG, one channel per electrode channel of the MUAP bank, quantity "
                    + "'emg', in the bank's amplitude unit")
            .settings(EmgSynthesisSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return EmgSynthesisStep::run;
    }

    /**
     * Refuses spike trains and MUAP banks of different unit counts (for each pool), a lone spikes2 or muaps2, and
     * second-pool banks on other channels, rate or unit; declares the EMG's channels, unit and rate from the bank.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        DataSpec spikes = context.inputSpec("spikes").orElseThrow();
        DataSpec bank = context.inputSpec("muaps").orElseThrow();
        Optional<DataSpec> spikes2 = context.inputSpec("spikes2");
        Optional<DataSpec> bank2 = context.inputSpec("muaps2");
        checkUnits(context, "spikes", spikes, "muaps", bank);
        if (spikes2.isPresent() != bank2.isPresent()) {
            context.problem(spikes2.isPresent() ? "spikes2" : "muaps2", null, "the second pool needs both "
                    + "spikes2 and muaps2; connect " + (spikes2.isPresent() ? "muaps2" : "spikes2") + " too");
        }
        double duration = spikes.duration();
        if (spikes2.isPresent() && bank2.isPresent()) {
            DataSpec b2 = bank2.get();
            checkUnits(context, "spikes2", spikes2.get(), "muaps2", b2);
            if (bank.channelsKnown() && b2.channelsKnown() && bank.channelCount() != b2.channelCount()) {
                context.problem("muaps2", null, "muaps has " + bank.channelCount() + " channels but muaps2 has "
                        + b2.channelCount() + "; both pools must be recorded by the same electrodes");
            }
            if (known(bank.samplingRate()) && known(b2.samplingRate()) && bank.samplingRate() != b2.samplingRate()) {
                context.problem("muaps2", null, "muaps is sampled at " + bank.samplingRate() + " Hz but muaps2 at "
                        + b2.samplingRate() + " Hz; resample one bank first");
            }
            if (bank.unit() != null && b2.unit() != null && !bank.unit().equals(b2.unit())) {
                context.problem("muaps2", null, "muaps is in '" + bank.unit() + "' but muaps2 in '" + b2.unit()
                        + "'");
            }
            duration = Math.max(duration, spikes2.get().duration());
        }
        return Map.of("emg", emgSpec(bank, duration));
    }

    /** The EMG recorded by the electrodes of {@code bank}: its channels, amplitude unit and rate. */
    static DataSpec emgSpec(DataSpec bank, double duration) {
        return DataSpec.signal("emg", bank.unit(), bank.channelLabels(), bank.samplingRate(),
                known(bank.samplingRate()) && known(duration)
                        ? EmgSynthesizer.sampleCount(duration, bank.samplingRate()) / bank.samplingRate()
                        : Double.NaN);
    }

    /** Problem on the MUAP port when both unit counts are known and differ. */
    static void checkUnits(ConfigureContext context, String spikesPort, DataSpec spikes, String muapsPort,
            DataSpec bank) {
        if (spikes.unitsKnown() && bank.unitsKnown() && spikes.units() != bank.units()) {
            context.problem(muapsPort, null, "the spike trains (input '" + spikesPort + "') have " + spikes.units()
                    + " motor units but the MUAP bank (input '" + muapsPort + "') has " + bank.units()
                    + "; spike trains and MUAPs must describe the same motor units");
        }
    }

    private static boolean known(double v) {
        return !Double.isNaN(v);
    }

    private static void run(StepContext context) {
        EmgSynthesisSettings s = context.settings(EmgSynthesisSettings.class);
        SpikeTrains spikes = context.input("spikes", SpikeTrains.class);
        MuapBank bank = context.input("muaps", MuapBank.class);
        Optional<SpikeTrains> spikes2 = context.optionalInput("spikes2", SpikeTrains.class);
        Optional<MuapBank> bank2 = context.optionalInput("muaps2", MuapBank.class);
        if (spikes2.isPresent() != bank2.isPresent()) {
            throw new DataException("the second pool needs both spikes2 and muaps2; only "
                    + (spikes2.isPresent() ? "spikes2" : "muaps2") + " is connected");
        }
        checkPool("spikes", spikes, "muaps", bank);
        double duration = spikes.duration();
        if (bank2.isPresent()) {
            MuapBank b2 = bank2.get();
            checkPool("spikes2", spikes2.get(), "muaps2", b2);
            if (b2.channelCount() != bank.channelCount()) {
                throw new DataException("muaps has " + bank.channelCount() + " channels but muaps2 has "
                        + b2.channelCount() + " channels; both pools must be recorded by the same electrodes");
            }
            if (b2.samplingRate() != bank.samplingRate()) {
                throw new DataException("muaps is sampled at " + bank.samplingRate() + " Hz but muaps2 at "
                        + b2.samplingRate() + " Hz; resample one bank first");
            }
            if (!b2.amplitudeUnit().equals(bank.amplitudeUnit())) {
                throw new DataException("muaps is in '" + bank.amplitudeUnit() + "' but muaps2 in '"
                        + b2.amplitudeUnit() + "'");
            }
            duration = Math.max(duration, spikes2.get().duration());
        }

        Progress progress = context.progress();
        int total = spikes.unitCount() + spikes2.map(SpikeTrains::unitCount).orElse(0);
        double[][] emg = new double[bank.channelCount()][EmgSynthesizer.sampleCount(duration, bank.samplingRate())];
        EmgSynthesizer.addInto(emg, spikes, bank, (done, n) -> {
            progress.checkCancelled();
            progress.update(0.9 * done / Math.max(1, total), "EMG: unit " + done + " of " + total);
        });
        if (bank2.isPresent()) {
            int first = spikes.unitCount();
            EmgSynthesizer.addInto(emg, spikes2.get(), bank2.get(), (done, n) -> {
                progress.checkCancelled();
                progress.update(0.9 * (first + done) / Math.max(1, total),
                        "EMG: unit " + (first + done) + " of " + total);
            });
        }
        if (s.noise) {
            progress.update(0.9, "noise at " + s.snrDb + " dB SNR");
            EmgSynthesizer.addNoise(emg, s.snrDb, context.random());
        }

        Signal.Builder b = Signal.builder(bank.samplingRate()).startTime(0).quantity("emg");
        for (int c = 0; c < emg.length; c++) {
            b.channel(bank.channelLabels().get(c), bank.amplitudeUnit(), emg[c]);
        }
        context.output("emg", b.build());
        progress.update(1, "done");
    }

    private static void checkPool(String spikesPort, SpikeTrains spikes, String muapsPort, MuapBank bank) {
        if (spikes.unitCount() != bank.unitCount()) {
            throw new DataException(spikesPort + " has " + spikes.unitCount() + " units but " + muapsPort + " has "
                    + bank.unitCount() + " units; spike trains and MUAPs must describe the same motor units");
        }
    }
}
